/*
 * cmd_columns.c: `coopmap columns PROJECTS`: which column became which
 * field, which were ignored, and which fields were not found.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cmd_columns_usage(FILE *out)
{
	fputs(
"usage: coopmap columns PROJECTS [--sheet NAME] [--encoding ENC]\n"
"                                [--map HEADER=FIELD ...]\n"
"\n"
"Show how the columns of a project list are read: for each column, the\n"
"field it fills or 'ignored'; then the fields no column fills.  Headers are\n"
"compared with case, accents and punctuation ignored.\n"
"\n"
"options:\n"
CLI_RECORDS_USAGE
"\n"
"fields and the headers that fill them (the first that matches wins):\n",
		out);
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
		const char *const *syn = coopmap_field_synonyms((coopmap_field)f);

		fprintf(out, "  %-19s", coopmap_field_name((coopmap_field)f));
		for (int i = 0; syn[i] != NULL; i++)
			fprintf(out, "%s%s", i > 0 ? ", " : "", syn[i]);
		fputc('\n', out);
	}
}

static void print_columns(const coopmap_projects *p)
{
	int seen[COOPMAP_FIELD_COUNT] = { 0 };

	printf("%s", cli_shown(coopmap_projects_path(p)));
	if (coopmap_projects_encoding(p)[0] != '\0')
		printf(" (%s)", coopmap_projects_encoding(p));
	printf("\n");
	for (size_t i = 0; i < coopmap_projects_column_count(p); i++) {
		int f = coopmap_projects_column_field(p, i);

		printf("  %-32s -> %s\n",
			cli_shown(coopmap_projects_column_header(p, i)),
			f >= 0 ? coopmap_field_name((coopmap_field)f) : "ignored");
		if (f >= 0)
			seen[f] = 1;
	}
	printf("fields without a column:");
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
		if (!seen[f])
			printf(" %s", coopmap_field_name((coopmap_field)f));
	}
	printf("\n");
}

int cmd_columns(int argc, char **argv)
{
	static const struct option options[] = {
		CLI_RECORDS_LONG_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_records records;
	coopmap_countries *countries = NULL;
	coopmap_projects *projects = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int c, rc;

	cli_records_init(&records);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (c == 'h') {
			cmd_columns_usage(stdout);
			return EXIT_OK;
		}
		if (cli_records_option(&records, c, optarg) != 0) {
			cmd_columns_usage(stderr);
			return EXIT_FAILURE_;
		}
	}
	if (optind != argc - 1) {
		cli_message("columns: expected one PROJECTS file");
		return EXIT_FAILURE_;
	}
	rc = cli_open_countries("50m", &countries, &err);
	if (rc == COOPMAP_OK)
		rc = coopmap_projects_read(argv[optind], &records.opts, countries,
			&projects, &err);
	if (rc == COOPMAP_OK) {
		cli_report_encoding(projects);
		print_columns(projects);
	}
	coopmap_projects_free(projects);
	coopmap_countries_free(countries);
	return cli_finish(rc, &err);
}
