/*
 * cmd_check.c: `coopmap check PROJECTS`: read a project list and account for
 * every row: read, joined, rejected by reason; the rejects as a CSV to fix
 * the list from.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "coopmap/rejects.h"

enum { OPT_REJECTS = 300, OPT_STRICT };

static const struct cli_option check_options[] = {
	{ "rejects", OPT_REJECTS, N_("FILE"), N_("write the rejected rows and "
	  "the notes to FILE (CSV: file, line, column, value, reason, detail, "
	  "suggestion)"), NULL, 0 },
	CLI_LANG_OPTION(N_("language of the report and of the rejects file "
	  "(default fr, or en when LANG is English)")),
	{ "strict", OPT_STRICT, NULL, N_("exit 1 when any row is rejected"),
	  NULL, 0 },
	CLI_RECORDS_OPTIONS,
	CLI_SHEET_ALIAS,
	CLI_QUIET_OPTION,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage check_usage = {
	"check",
	N_("PROJECTS [options]"),
	N_("Read a project list (CSV, XLSX, ODS, GeoPackage, GeoJSON) and "
	   "account for every row: rows read, joined and rejected, rejected rows "
	   "by reason, each with its line, column, value and, when one is close, "
	   "a suggestion; then the cells kept with a note and the places put at "
	   "their country's point, by line.  Rows read = rows joined + rows "
	   "rejected."),
	check_options,
	N_("exit status: 0 read (rows may be rejected); 1 rows rejected under "
	   "--strict, or no column names the country; 2 usage error, or a file "
	   "that cannot be read or written."),
	NULL
};

void cmd_check_usage(FILE *out)
{
	cli_usage_print(&check_usage, out);
}

/* Each place put at its country's point, by line: what to fix (a city
 * spelled otherwise, or coordinates) to place it. */
static void print_approximate(const coopmap_projects *p)
{
	long last = -1;

	for (size_t i = 0; i < coopmap_projects_count(p); i++) {
		const coopmap_project *r = coopmap_projects_get(p, i);

		const char *country = coopmap_country_name(r->country,
			coopmap_i18n_lang());

		if (r->partner_approximate && r->line != last) {
			if (r->partner_city[0] != '\0')
				printf(_("  line %ld: partner '%s' (%s): city '%s' not "
					"found\n"), r->line, cli_shown(r->partner), country,
					cli_shown(r->partner_city));
			else
				printf(_("  line %ld: partner '%s' (%s): no city given\n"),
					r->line, cli_shown(r->partner), country);
		}
		if (r->establishment_approximate && r->line != last) {
			if (r->establishment_city[0] != '\0')
				printf(_("  line %ld: French establishment '%s': city '%s' "
					"not found\n"), r->line, cli_shown(r->establishment),
					cli_shown(r->establishment_city));
			else
				printf(_("  line %ld: French establishment '%s': no city "
					"given, none in its name\n"), r->line,
					cli_shown(r->establishment));
		}
		if (r->partner_approximate || r->establishment_approximate)
			last = r->line;
	}
}

static void print_report(const coopmap_projects *p,
	const coopmap_locate_summary *located)
{
	size_t by_reason[COOPMAP_REJECT_REASON_COUNT] = { 0 };
	size_t rejected = coopmap_projects_reject_count(p);

	for (size_t i = 0; i < rejected; i++)
		by_reason[coopmap_projects_reject_get(p, i)->code]++;
	printf(_("file: %s"), cli_shown(coopmap_projects_path(p)));
	if (coopmap_projects_encoding(p)[0] != '\0')
		printf(_(" (text, %s)"), coopmap_projects_encoding(p));
	printf(_("\nrows read: %zu\nrows joined: %zu\nproject records: %zu\n"
		"rows placed approximately: %zu (partner city not found: %zu "
		"records; French city not found: %zu records)\n"
		"rows rejected: %zu\n"), coopmap_projects_rows_read(p),
		coopmap_projects_rows_joined(p), coopmap_projects_count(p),
		located->rows_approximate, located->partners_approximate,
		located->establishments_approximate, rejected);
	for (int k = 0; k < COOPMAP_REJECT_REASON_COUNT; k++) {
		if (by_reason[k] > 0)
			printf(_("  %s: %zu\n"), coopmap_reject_label(
				(coopmap_reject_reason)k, coopmap_i18n_lang()), by_reason[k]);
	}
	printf(_("cells read otherwise, project kept: %zu\n"),
		coopmap_projects_note_count(p));
	for (size_t i = 0; i < coopmap_projects_note_count(p); i++) {
		const coopmap_reject *n = coopmap_projects_note_get(p, i);

		printf(_("  line %ld, column '%s', value '%s': %s\n"), n->line,
			cli_shown(n->column), cli_shown(n->value), cli_shown(n->reason));
	}
	printf("%s\n", _("places put at their country's point:"));
	print_approximate(p);
}

int cmd_check(int argc, char **argv)
{
	struct cli_records records;
	struct cli_inputs inputs;
	const char *rejects_path = NULL, *lang = coopmap_i18n_lang();
	int strict = 0, quiet = 0, c, rc;
	coopmap_countries *countries = NULL;
	coopmap_projects *projects = NULL;
	coopmap_locate_summary located = { 0, 0, 0 };
	coopmap_error err = COOPMAP_ERROR_INIT;

	cli_records_init(&records);
	while ((c = cli_getopt(argc, argv, &check_usage)) != -1) {
		switch (c) {
		case OPT_REJECTS: rejects_path = optarg; break;
		case CLI_OPT_LANG: lang = optarg; break;
		case OPT_STRICT: strict = 1; break;
		case 'q': quiet = 1; break;
		case 'h': cmd_check_usage(stdout); return EXIT_OK;
		default:
			if (cli_records_option(&records, c, optarg) != 0)
				return EXIT_FAILURE_;
		}
	}
	if (optind != argc - 1) {
		cli_message("check: expected one PROJECTS file");
		return EXIT_FAILURE_;
	}
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", argv[optind]);
	if (cli_refuse_overwrite("check", "rejects file", &inputs, rejects_path))
		return EXIT_FAILURE_;
	rc = cli_open_countries("50m", &countries, &err);
	if (rc == COOPMAP_OK)
		rc = cli_read_projects(argv[optind], &records, countries, &projects,
			quiet, &located, &err);
	if (rc == COOPMAP_OK && !quiet)
		print_report(projects, &located);
	if (rc == COOPMAP_OK && rejects_path != NULL)
		rc = coopmap_rejects_write_csv(projects, rejects_path, lang, &err);
	if (rc != COOPMAP_OK) {
		cli_error(&err);
		coopmap_projects_free(projects);
		coopmap_countries_free(countries);
		return cli_exit_status(rc);
	}
	rc = strict && coopmap_projects_reject_count(projects) > 0 ? EXIT_INPUT
		: EXIT_OK;
	coopmap_projects_free(projects);
	coopmap_countries_free(countries);
	return rc;
}
