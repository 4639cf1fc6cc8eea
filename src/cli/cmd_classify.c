/*
 * cmd_classify.c: `coopmap classify PROJECTS -o FILE.csv`: each project with
 * its geographic priority, its eligibility for the call, warnings and the
 * mandatory items missing, each with its reason; a summary table by tag on
 * stdout.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "coopmap/classify.h"
#include "coopmap/report.h"

enum { OPT_LAYER = 300 };

static const struct cli_option classify_options[] = {
	{ "output", 'o', N_("FILE"), N_("the classified projects (CSV; "
	  "required)"), NULL, 0 },
	CLI_LANG_OPTION(N_("language of the reasons and of the summary (default "
	  "fr, or en when LANG is English)")),
	{ "layer", OPT_LAYER, N_("FILE.csv"), N_("a layer of your own, as in "
	  "'coopmap layers'; repeatable"), NULL, 0 },
	CLI_RECORDS_OPTIONS,
	CLI_QUIET_OPTION,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage classify_usage = {
	"classify",
	N_("PROJECTS -o FILE.csv [options]"),
	N_("Judge each project as the APCHI call does, by where its partner is: "
	   "priority tags (cicd, agreement, overseas-neighbour, francophonie, "
	   "cas-crsm), eligibility (not eligible when the partner is in France, a "
	   "French territory, or a country bordering metropolitan France), a "
	   "warning when PRPH and APCHI fund the same project, and the call's "
	   "mandatory items missing from the row (when the list has those "
	   "columns).  Each verdict has its reason in words.  Prints a summary "
	   "table by tag."),
	classify_options,
	N_("exit status: 0 classified; 1 no column names the country; 2 usage "
	   "error, or a file that cannot be read or written."),
	NULL
};

void cmd_classify_usage(FILE *out)
{
	cli_usage_print(&classify_usage, out);
}

enum { N_COLUMNS = 14 };

static const char *const columns[N_COLUMNS] = {
	"line", "establishment", "partner", "partner_city", "country", "iso_a3",
	"programme", "year", "priority_tags", "priority", "eligible",
	"eligibility", "warnings", "missing"
};

static int write_rows(coopmap_report *report, const coopmap_countries *countries,
	const coopmap_layer_set *layers, const coopmap_projects *projects,
	const char *lang, size_t *by_tag, size_t *not_eligible, coopmap_error *err)
{
	int rc = COOPMAP_OK;

	for (size_t i = 0; rc == COOPMAP_OK && i < coopmap_projects_count(projects);
	     i++) {
		const coopmap_project *p = coopmap_projects_get(projects, i);
		coopmap_verdict v = COOPMAP_VERDICT_INIT;
		char line[32], year[16];
		const char *cells[N_COLUMNS];

		coopmap_classify(countries, layers, projects, p, lang, &v);
		snprintf(line, sizeof(line), "%ld", p->line);
		snprintf(year, sizeof(year), "%d", p->year);
		cells[0] = line;
		cells[1] = p->establishment;
		cells[2] = p->partner;
		cells[3] = p->partner_city;
		cells[4] = coopmap_country_name(p->country, lang);
		cells[5] = p->country->iso_a3;
		cells[6] = p->programme;
		cells[7] = p->year > 0 ? year : "";
		cells[8] = v.tag_names;
		cells[9] = v.priority;
		cells[10] = v.eligible ? "1" : "0";
		cells[11] = v.eligibility;
		cells[12] = v.warnings;
		cells[13] = v.missing;
		rc = coopmap_report_row(report, cells, err);
		for (int t = 0; t < COOPMAP_TAG_COUNT; t++)
			by_tag[t] += (v.tags >> t) & 1u;
		*not_eligible += !v.eligible;
		coopmap_verdict_clear(&v);
	}
	return rc;
}

static void print_summary(size_t total, const size_t *by_tag,
	size_t not_eligible)
{
	/* TRANSLATORS: the headers of classify's summary table. */
	printf("%s %s %s\n", cli_padded(_("tag"), 20), cli_padded(_("projects"),
		-8), cli_padded(_("share"), -7));
	for (int t = 0; t < COOPMAP_TAG_COUNT; t++)
		printf("%-20s %8zu %6.0f%%\n", coopmap_tag_name(t), by_tag[t],
			total > 0 ? 100.0 * (double)by_tag[t] / (double)total : 0.0);
	printf("%s %8zu %6.0f%%\n", cli_padded(_("not eligible"), 20),
		not_eligible,
		total > 0 ? 100.0 * (double)not_eligible / (double)total : 0.0);
	printf("%s %8zu\n", cli_padded(_("project records"), 20), total);
}

int cmd_classify(int argc, char **argv)
{
	struct cli_records records;
	struct cli_inputs inputs;
	int refused;
	const char *output = NULL, *lang = coopmap_i18n_lang(), *user_layers[32];
	size_t n_user = 0, by_tag[COOPMAP_TAG_COUNT] = { 0 }, not_eligible = 0;
	int quiet = 0, c, rc;
	coopmap_countries *countries = NULL;
	coopmap_layer_set *layers = NULL;
	coopmap_projects *projects = NULL;
	coopmap_report *report = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	cli_records_init(&records);
	while ((c = cli_getopt(argc, argv, &classify_usage)) != -1) {
		if (c == 'o') {
			output = optarg;
		} else if (c == CLI_OPT_LANG) {
			lang = optarg;
		} else if (c == OPT_LAYER) {
			if (n_user == 32) {
				cli_message("classify: at most 32 --layer files");
				return EXIT_FAILURE_;
			}
			user_layers[n_user++] = optarg;
		} else if (c == 'q') {
			quiet = 1;
		} else if (c == 'h') {
			cmd_classify_usage(stdout);
			return EXIT_OK;
		} else if (cli_records_option(&records, c, optarg) != 0) {
			return EXIT_FAILURE_;
		}
	}
	if (optind != argc - 1 || output == NULL) {
		cli_message("classify: expected one PROJECTS file and -o FILE.csv");
		return EXIT_FAILURE_;
	}
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", argv[optind]);
	cli_inputs_add_layers(&inputs, user_layers, n_user);
	refused = cli_refuse_overwrite("classify", "output", &inputs, output);
	cli_inputs_clear(&inputs);
	if (refused)
		return EXIT_FAILURE_;
	rc = cli_open_countries("50m", &countries, &err);
	if (rc == COOPMAP_OK)
		rc = cli_open_layers(countries, user_layers, n_user, &layers, &err);
	if (rc == COOPMAP_OK)
		rc = cli_read_projects(argv[optind], &records, countries, &projects,
			quiet, NULL, &err);
	if (rc == COOPMAP_OK)
		rc = coopmap_report_open(output, columns, N_COLUMNS, &report, &err);
	if (rc == COOPMAP_OK)
		rc = write_rows(report, countries, layers, projects, lang, by_tag,
			&not_eligible, &err);
	if (rc == COOPMAP_OK) {
		rc = coopmap_report_commit(report, &err);
	} else {
		coopmap_report_abort(report);
	}
	if (rc == COOPMAP_OK && !quiet)
		print_summary(coopmap_projects_count(projects), by_tag, not_eligible);
	coopmap_projects_free(projects);
	coopmap_layer_set_free(layers);
	coopmap_countries_free(countries);
	return cli_finish(rc, &err);
}
