/*
 * main.c: the coopmap program: a table of commands, as in git.  Each
 * command lives in its own cmd_<name>.c; main only dispatches, and checks
 * that stdout was written and closed without error.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "progress.h"

#define COOPMAP_VERSION "0.1.0"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static void help_usage(FILE *out)
{
	fprintf(out, "%s coopmap help [COMMAND]\n", _("usage:"));
}

static void version_usage(FILE *out)
{
	fprintf(out, "%s coopmap version\n", _("usage:"));
}

static const struct cli_command commands[] = {
	{ "render", cmd_render, N_("draw the cooperation map (PNG, SVG or PDF)"),
		cmd_render_usage },
	{ "check", cmd_check, N_("account for every row of a project list"),
		cmd_check_usage },
	{ "export", cmd_export, N_("write GeoJSON, GeoPackage, KML, CSV or "
		"Markdown"), cmd_export_usage },
	{ "publish", cmd_publish, N_("write the web map (one offline page, or a "
		"folder to host)"), cmd_publish_usage },
	{ "pool", cmd_pool, N_("who else works in the same country, with the "
		"same partner"), cmd_pool_usage },
	{ "classify", cmd_classify, N_("priority and eligibility of each "
		"project"), cmd_classify_usage },
	{ "layers", cmd_layers, N_("list the policy layers and their members"),
		cmd_layers_usage },
	{ "columns", cmd_columns, N_("show which column became which field"),
		cmd_columns_usage },
	{ "country", cmd_country, N_("resolve country names as people type "
		"them"), cmd_country_usage },
	{ "actors", cmd_actors, N_("the actors of cooperation: diagram, country "
		"sheet"), cmd_actors_usage },
	{ "help", cmd_help, N_("show the help of a command"), help_usage },
	{ "version", cmd_version, N_("print the version"), version_usage },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void general_usage(FILE *out)
{
	fprintf(out, "%s coopmap %s\n\n%s\n", _("usage:"),
		_("<command> [options] [files]"), _("commands:"));
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			_(commands[i].summary));
	fprintf(out, "\n%s\n", _("'coopmap help <command>' or 'coopmap "
		"<command> --help' describes a command; --lang en (or an English "
		"LANG) speaks English."));
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

/*
 * The run's language: --lang fr|en anywhere among the options (each
 * command checks its value again and lists it in its help), else the
 * environment's (i18n.h).  Chosen before the first message.
 */
static const char *asked_lang(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return strcmp(argv[i + 1], "en") == 0 ? "en" : "fr";
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return strcmp(argv[i] + 7, "en") == 0 ? "en" : "fr";
	}
	return coopmap_i18n_lang_from_env();
}

int main(int argc, char **argv)
{
	const struct cli_command *command;
	int status;

	coopmap_i18n_init(asked_lang(argc, argv));
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
