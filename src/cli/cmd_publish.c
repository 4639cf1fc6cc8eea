/*
 * cmd_publish.c: `coopmap publish PROJECTS -o carte.html [--out DIR]`: the
 * cooperation map as a web page that works offline (publish.h), as one
 * file and/or as a folder for a web server.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "progress.h"
#include "coopmap/output.h"
#include "coopmap/paths.h"
#include "coopmap/publish.h"

enum { OPT_TITLE = 500, OPT_SOURCE, OPT_OUT };

static const struct cli_option publish_options[] = {
	{ "output", 'o', N_("FILE"), N_("the one-file page to write"), NULL, 0 },
	{ "out", OPT_OUT, N_("DIR"), N_("the page as a folder for a web server "
	  "(index.html, the library, the style and the data as files); DIR is "
	  "new, or one that publish wrote before"), NULL, 0 },
	{ "title", OPT_TITLE, N_("TEXT"), N_("the page's title"), NULL, 0 },
	{ "source", OPT_SOURCE, N_("TEXT"), N_("the data credit of the source "
	  "line"), NULL, 0 },
	CLI_LANG_OPTION(N_("the page's language and the messages' (default fr, "
	  "or en when LANG is English)")),
	CLI_RECORDS_OPTIONS,
	CLI_SHEET_ALIAS,
	CLI_QUIET_OPTION,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage publish_usage = {
	"publish",
	N_("PROJECTS -o FILE.html [--out DIR] [options]"),
	N_("Write the cooperation map as a web page that fetches nothing from "
	   "the network: a Leaflet map (pan, zoom, clusters) of the partner "
	   "countries in classes, the policy layers as toggles, the French "
	   "establishments and partner hospitals, the links between them; popups "
	   "with each place's projects and peers; a search (establishments, "
	   "partners, cities, countries; any word order, accents aside); filters "
	   "by funding, years, field, layer and region.  The view, the search and "
	   "the filters are kept in the address (#q=yalgado opens a search)."),
	publish_options,
	N_("At least one of -o and --out.  Exit status: 0 written; 1 no project "
	   "to show; 2 a usage error or a file that cannot be read or written."),
	NULL
};

void cmd_publish_usage(FILE *out)
{
	cli_usage_print(&publish_usage, out);
}

/* The folder a path goes into must exist before any work is done. */
static int parent_exists(const char *path)
{
	char *copy = strdup(path), *slash;
	struct stat st;
	int ok;

	if (copy == NULL)
		return 0;
	slash = strrchr(copy, '/');
	if (slash == NULL)
		ok = 1;
	else {
		*(slash == copy ? slash + 1 : slash) = '\0';
		ok = stat(copy, &st) == 0 && S_ISDIR(st.st_mode);
	}
	free(copy);
	return ok;
}

int cmd_publish(int argc, char **argv)
{
	struct cli_records records;
	struct cli_inputs inputs;
	coopmap_publish_opts opts = COOPMAP_PUBLISH_OPTS_INIT;
	struct cli_model_opts load = { "50m", NULL, 0, NULL, 0, 1 };
	const char *output = NULL, *folder = NULL;
	int quiet = 0, c, rc;
	struct cli_model m;
	coopmap_map_data map;
	coopmap_publish_data page;
	coopmap_style style;
	char date[32], web[4096];
	coopmap_error err = COOPMAP_ERROR_INIT;

	cli_records_init(&records);
	opts.lang = coopmap_i18n_lang();
	while ((c = cli_getopt(argc, argv, &publish_usage)) != -1) {
		if (c == 'o') {
			output = optarg;
		} else if (c == OPT_OUT) {
			folder = optarg;
		} else if (c == OPT_TITLE) {
			opts.title = optarg;
		} else if (c == OPT_SOURCE) {
			opts.source = optarg;
		} else if (c == CLI_OPT_LANG) {
			opts.lang = optarg;
		} else if (c == 'q') {
			quiet = 1;
		} else if (c == 'h') {
			cmd_publish_usage(stdout);
			return EXIT_OK;
		} else if (cli_records_option(&records, c, optarg) != 0) {
			return EXIT_FAILURE_;
		}
	}
	if (optind != argc - 1 || (output == NULL && folder == NULL)) {
		cli_message("publish: expected one PROJECTS file and -o FILE.html "
			"or --out DIR");
		return EXIT_FAILURE_;
	}
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", argv[optind]);
	if (cli_refuse_overwrite("publish", "output", &inputs, output))
		return EXIT_FAILURE_;
	/* The folder's place checked before the list is read, as
	 * cli_refuse_overwrite checks -o. */
	if (folder != NULL && !parent_exists(folder)) {
		cli_message("publish: %s: the folder it goes into does not exist",
			folder);
		return EXIT_FAILURE_;
	}
	cli_build_date(date, sizeof(date));
	opts.date = date;
	load.quiet = quiet;
	memset(&map, 0, sizeof(map));
	rc = cli_model_load_with(argv[optind], &records, &load, &m, &err);
	map.summary = m.summary;
	if (rc == COOPMAP_OK && map.summary.projects == 0) {
		cli_message("publish: %s: no project to show", argv[optind]);
		rc = COOPMAP_ERR_EMPTY;
	}
	if (rc == COOPMAP_OK) {
		coopmap_style_default(&style);
		map.countries = m.countries;
		map.stats = m.stats;
		page.map = &map;
		page.projects = m.projects;
		page.pool = m.pool;
		page.layers = m.layers;
		page.topology = m.topology;
		page.style = &style;
		page.web_dir = coopmap_paths_data_file("web", web, sizeof(web));
		page.library_dir = getenv("COOPMAP_LEAFLET_DIR") != NULL
			? getenv("COOPMAP_LEAFLET_DIR") : COOPMAP_PUBLISH_LIBRARY_DIR;
		if (output != NULL) {
			cli_progress_stage("writing %s", output);
			rc = coopmap_publish_write(&page, &opts, output, &err);
		}
		if (rc == COOPMAP_OK && !quiet && output != NULL)
			cli_message("wrote %s", output);
		if (rc == COOPMAP_OK && folder != NULL) {
			cli_progress_stage("writing %s", folder);
			rc = coopmap_publish_write_folder(&page, &opts, folder, &err);
		}
		if (rc == COOPMAP_OK && !quiet && folder != NULL)
			cli_message("wrote %s/index.html and its parts", folder);
	}
	cli_model_free(&m);
	if (rc != COOPMAP_OK && rc != COOPMAP_ERR_EMPTY)
		cli_error(&err);
	return cli_exit_status(rc);
}
