/*
 * cmd_publish.c: `coopmap publish PROJECTS -o carte.html`: the map and its
 * data as one self-contained web page that works offline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coopmap/paths.h"
#include "coopmap/publish.h"

void cmd_publish_usage(FILE *out)
{
	fputs(
"usage: coopmap publish PROJECTS -o FILE.html [options]\n"
"\n"
"Write one self-contained web page, that fetches nothing from the network:\n"
"the map (inline SVG), the projects as data, tooltips and details for\n"
"countries, establishments and partners, filters by programme, year, theme\n"
"and layer, and a search for an establishment or a partner that shows its\n"
"peers.  Works offline, with the keyboard, and on a phone.\n"
"\n"
"options:\n"
"  -o, --output FILE     the page to write (required)\n"
"      --title TEXT      the page's and the map's title\n"
"      --source TEXT     the data credit of the map's source line\n"
CLI_RECORDS_USAGE
"  -q, --quiet           print nothing but errors\n", out);
}

int cmd_publish(int argc, char **argv)
{
	enum { OPT_TITLE = 500, OPT_SOURCE };
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "source", required_argument, NULL, OPT_SOURCE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		CLI_RECORDS_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli_records records;
	struct cli_inputs inputs;
	coopmap_render_opts opts = COOPMAP_RENDER_OPTS_INIT;
	const char *output = NULL;
	int quiet = 0, c, rc;
	struct cli_model m;
	coopmap_map_data map;
	coopmap_publish_data page;
	const coopmap_layer *cicd[1];
	char date[32], web[4096];
	coopmap_error err = COOPMAP_ERROR_INIT;

	cli_records_init(&records);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", options, NULL)) != -1) {
		if (c == 'o') {
			output = optarg;
		} else if (c == OPT_TITLE) {
			opts.title = optarg;
		} else if (c == OPT_SOURCE) {
			opts.source = optarg;
		} else if (c == 'q') {
			quiet = 1;
		} else if (c == 'h') {
			cmd_publish_usage(stdout);
			return EXIT_OK;
		} else if (cli_records_option(&records, c, optarg) != 0) {
			cmd_publish_usage(stderr);
			return EXIT_FAILURE_;
		}
	}
	if (optind != argc - 1 || output == NULL) {
		cli_message("publish: expected one PROJECTS file and -o FILE.html");
		return EXIT_FAILURE_;
	}
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", argv[optind]);
	if (cli_refuse_overwrite("publish", "output", &inputs, output))
		return EXIT_FAILURE_;
	cli_build_date(date, sizeof(date));
	opts.date = date;
	opts.width = 1200;
	memset(&map, 0, sizeof(map));
	rc = cli_model_load(argv[optind], &records, NULL, 0, quiet, &m, &err);
	map.summary = m.summary;
	if (rc == COOPMAP_OK && map.summary.projects == 0) {
		cli_message("publish: %s: no project to show", argv[optind]);
		rc = COOPMAP_ERR_EMPTY;
	}
	if (rc == COOPMAP_OK) {
		map.countries = m.countries;
		map.stats = m.stats;
		cicd[0] = coopmap_layer_set_find(m.layers, "cicd-2018");
		map.layers = cicd;
		map.n_layers = cicd[0] != NULL;
		page.map = &map;
		page.projects = m.projects;
		page.pool = m.pool;
		page.layers = m.layers;
		page.web_dir = coopmap_paths_data_file("web", web, sizeof(web));
		rc = coopmap_publish_write(&page, &opts, output, &err);
		if (rc == COOPMAP_OK && !quiet)
			cli_message("wrote %s", output);
	}
	cli_model_free(&m);
	if (rc != COOPMAP_OK && rc != COOPMAP_ERR_EMPTY)
		cli_error(&err);
	return cli_exit_status(rc);
}
