/*
 * cmd_columns.c: `coopmap columns PROJECTS`: which column became which
 * field, which were ignored, and which fields were not found.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"

/* Each field and the headers that fill it, under the options. */
static void print_fields(FILE *out)
{
	fprintf(out, "\n%s\n", _("fields and the headers that fill them (the "
		"first that matches wins):"));
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
		const char *const *syn = coopmap_field_synonyms((coopmap_field)f);

		fprintf(out, "  %-19s", cli_field_name(f));
		for (int i = 0; syn[i] != NULL; i++)
			fprintf(out, "%s%s", i > 0 ? ", " : "", syn[i]);
		fputc('\n', out);
	}
}

static const struct cli_option columns_options[] = {
	CLI_RECORDS_OPTIONS,
	CLI_SHEET_ALIAS,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage columns_usage = {
	"columns",
	N_("PROJECTS [--sheet NAME] [--encoding ENC] [--map HEADER=FIELD ...]"),
	N_("Show how the columns of a project list are read: for each column, "
	   "the field it fills or 'ignored'; then the fields no column fills.  "
	   "Headers are compared with case, accents and punctuation ignored."),
	columns_options,
	N_("exit status: 0 shown; 1 the list cannot be read as a table; 2 usage "
	   "error, or a file that cannot be read."),
	print_fields
};

void cmd_columns_usage(FILE *out)
{
	cli_usage_print(&columns_usage, out);
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
			f >= 0 ? cli_field_name(f) : _("ignored"));
		if (f >= 0)
			seen[f] = 1;
	}
	printf("%s", _("fields without a column:"));
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
		if (!seen[f])
			printf(" %s", cli_field_name(f));
	}
	printf("\n");
}

int cmd_columns(int argc, char **argv)
{
	struct cli_records records;
	coopmap_countries *countries = NULL;
	coopmap_projects *projects = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int c, rc;

	cli_records_init(&records);
	while ((c = cli_getopt(argc, argv, &columns_usage)) != -1) {
		if (c == 'h') {
			cmd_columns_usage(stdout);
			return EXIT_OK;
		}
		if (cli_records_option(&records, c, optarg) != 0)
			return EXIT_FAILURE_;
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
