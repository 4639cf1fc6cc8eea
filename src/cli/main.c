/*
 * main.c: the coopmap program: a table of commands, as in git.  Each
 * command lives in its own cmd_<name>.c; main only dispatches, and checks
 * that stdout was written and closed without error.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "progress.h"

#define COOPMAP_VERSION "0.1.0"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static void help_usage(FILE *out)
{
	fputs("usage: coopmap help [COMMAND]\n", out);
}

static void version_usage(FILE *out)
{
	fputs("usage: coopmap version\n", out);
}

static const struct cli_command commands[] = {
	{ "render", cmd_render, "draw the cooperation map (PNG, SVG or PDF)",
		cmd_render_usage },
	{ "check", cmd_check, "account for every row of a project list",
		cmd_check_usage },
	{ "export", cmd_export, "write GeoJSON, GeoPackage or CSV",
		cmd_export_usage },
	{ "publish", cmd_publish, "write one offline web page",
		cmd_publish_usage },
	{ "pool", cmd_pool, "who else works in the same country, with the same "
		"partner", cmd_pool_usage },
	{ "classify", cmd_classify, "priority and eligibility of each project",
		cmd_classify_usage },
	{ "layers", cmd_layers, "list the policy layers and their members",
		cmd_layers_usage },
	{ "columns", cmd_columns, "show which column became which field",
		cmd_columns_usage },
	{ "country", cmd_country, "resolve country names as people type them",
		cmd_country_usage },
	{ "actors", cmd_actors, "the actors of cooperation: diagram, country "
		"sheet", cmd_actors_usage },
	{ "help", cmd_help, "show the help of a command", help_usage },
	{ "version", cmd_version, "print the version", version_usage },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void general_usage(FILE *out)
{
	fputs("usage: coopmap <command> [options] [files]\n\n"
		"commands:\n", out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'coopmap help <command>' or 'coopmap <command> --help' "
		"describes a command.\n", out);
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	}
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	const struct cli_command *command;

	if (argc < 2) {
		general_usage(stdout);
		return EXIT_OK;
	}
	command = find_command(argv[1]);
	if (command == NULL) {
		cli_message("help: unknown command '%s'", argv[1]);
		return EXIT_FAILURE_;
	}
	command->usage(stdout);
	return EXIT_OK;
}

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("coopmap %s\n", COOPMAP_VERSION);
	return EXIT_OK;
}

/* Whether the command line says -q or --quiet (each command parses it
 * too; the progress line starts before). */
static int asks_quiet(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const struct cli_command *command;
	int status;

	if (argc < 2) {
		general_usage(stderr);
		return EXIT_FAILURE_;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(1, argv + 1);
	command = find_command(argv[1]);
	if (command == NULL) {
		cli_message("unknown command '%s' (see 'coopmap help')", argv[1]);
		return EXIT_FAILURE_;
	}
	cli_progress_begin(asks_quiet(argc, argv));
	status = command->run(argc - 1, argv + 1);
	cli_progress_end();
	/* A full disk on stdout is a failure, not a success. */
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		cli_message("cannot write to standard output");
		return EXIT_FAILURE_;
	}
	return status;
}
