/*
 * cmd_actors.c: `coopmap actors -o FILE`: the actor diagram (PNG, SVG,
 * PDF); `coopmap actors --country ISO3 [PROJECTS]`: the sheet of one
 * country (Markdown on standard output, a map with -o).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coopmap/diagram.h"

void cmd_actors_usage(FILE *out)
{
	fputs(
"usage: coopmap actors -o FILE [options]\n"
"       coopmap actors --country ISO3 [PROJECTS] [-o MAP] [options]\n"
"\n"
"Without --country: draw the cartography of the actors of international\n"
"hospital cooperation (geodata/actors.csv, actor-links.csv): a column per\n"
"family (internal, implementing, programmes, institutional), each actor\n"
"with its role, the relations as labelled arrows, a legend of roles.  The\n"
"format is FILE's extension: .png, .svg or .pdf.\n"
"\n"
"With --country: the sheet of one country in Markdown on standard output:\n"
"the actors present there (embassy advisers, regional bodies and\n"
"networks), those to contact wherever the project is, the policy layers\n"
"the country belongs to and, with PROJECTS, the French establishments\n"
"already working there and their partners; -o MAP also draws its map.\n"
"\n"
"options:\n"
"  -o, --output FILE     the diagram, or the country's map (.png, .svg, .pdf)\n"
"      --country ISO3    the country of the sheet (a code or a name)\n"
"      --paper P         a4 (default for SVG and PDF), a3, a2, a1, a0:\n"
"                        landscape, in points (PNG: 150 dots an inch)\n"
"      --size WxH        pixels (PNG, default 2400x1697) or points\n"
"      --title TEXT      the diagram's title\n"
"      --lang fr|en      language of the texts (default fr)\n"
CLI_ACTOR_USAGE
CLI_RECORDS_USAGE
"  -q, --quiet           only errors on stderr\n"
"  -h, --help            this help\n"
"\n"
"exit status: 0 done; 1 nothing to draw or report; 2 usage error, a bad\n"
"actor file (its file:line is named), or a file that cannot be read or\n"
"written.\n", out);
}

struct actors_args {
	const char *output, *country, *paper, *input;
	struct cli_actor_files files;
	struct cli_records records;
	coopmap_diagram_opts opts;
	int quiet;
};

static int parse_args(int argc, char **argv, struct actors_args *a)
{
	enum { OPT_COUNTRY = 256, OPT_PAPER, OPT_SIZE, OPT_TITLE, OPT_LANG };
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "country", required_argument, NULL, OPT_COUNTRY },
		{ "paper", required_argument, NULL, OPT_PAPER },
		{ "size", required_argument, NULL, OPT_SIZE },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		CLI_ACTOR_LONG_OPTIONS,
		CLI_RECORDS_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	int c;
	char tail;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:qh", options, NULL)) != -1) {
		switch (c) {
		case 'o': a->output = optarg; break;
		case OPT_COUNTRY: a->country = optarg; break;
		case OPT_PAPER: a->paper = optarg; break;
		case OPT_SIZE:
			if (sscanf(optarg, "%dx%d%c", &a->opts.width, &a->opts.height,
			    &tail) != 2) {
				cli_message("actors: --size '%s': expected WIDTHxHEIGHT",
					optarg);
				return EXIT_FAILURE_;
			}
			break;
		case OPT_TITLE: a->opts.title = optarg; break;
		case OPT_LANG:
			if (strcmp(optarg, "fr") != 0 && strcmp(optarg, "en") != 0) {
				cli_message("actors: --lang '%s': expected fr or en", optarg);
				return EXIT_FAILURE_;
			}
			a->opts.lang = optarg;
			break;
		case 'q': a->quiet = 1; break;
		case 'h': cmd_actors_usage(stdout); return -1;
		default:
			if (cli_actor_option(&a->files, c, optarg) == 0 ||
			    cli_records_option(&a->records, c, optarg) == 0)
				break;
			cmd_actors_usage(stderr);
			return EXIT_FAILURE_;
		}
	}
	if (a->country == NULL && (optind != argc || a->output == NULL)) {
		cli_message("actors: expected -o FILE (the diagram), or --country "
			"ISO3 [PROJECTS] (see 'coopmap help actors')");
		return EXIT_FAILURE_;
	}
	if (a->country != NULL && optind < argc - 1) {
		cli_message("actors: --country takes at most one PROJECTS file");
		return EXIT_FAILURE_;
	}
	a->input = optind < argc ? argv[optind] : NULL;
	return EXIT_OK;
}

/* --paper: points for SVG and PDF, 150 dots an inch for PNG. */
static int apply_paper(struct actors_args *a, coopmap_error *err)
{
	const char *dot = strrchr(a->output, '.');
	int rc;

	if (a->paper == NULL)
		return COOPMAP_OK;
	rc = coopmap_diagram_paper(a->paper, &a->opts.width, &a->opts.height,
		err);
	if (rc == COOPMAP_OK && dot != NULL && strcmp(dot, ".png") == 0) {
		a->opts.width = a->opts.width * 150 / 72;
		a->opts.height = a->opts.height * 150 / 72;
	}
	return rc;
}

static int run_diagram(struct actors_args *a, coopmap_error *err)
{
	coopmap_countries *countries = NULL;
	coopmap_layer_set *layers = NULL;
	coopmap_actors *actors = NULL;
	coopmap_diagram_report report = COOPMAP_DIAGRAM_REPORT_INIT;
	char date[32];
	int rc = apply_paper(a, err);

	cli_build_date(date, sizeof(date));
	a->opts.date = date;
	if (rc == COOPMAP_OK)
		rc = cli_open_countries("50m", &countries, err);
	if (rc == COOPMAP_OK)
		rc = cli_open_layers(countries, NULL, 0, &layers, err);
	if (rc == COOPMAP_OK)
		rc = cli_open_actors(countries, layers, &a->files, &actors, err);
	if (rc == COOPMAP_OK)
		rc = coopmap_diagram_render(actors, &a->opts, a->output, &report,
			err);
	if (rc == COOPMAP_OK && !a->quiet)
		cli_message("wrote %s (%dx%d, %zu actors in %zu boxes, %zu "
			"relations in %zu arrows)", a->output, report.width,
			report.height, coopmap_actors_count(actors), report.n_boxes,
			report.links_drawn, report.n_arrows);
	coopmap_diagram_report_clear(&report);
	coopmap_actors_free(actors);
	coopmap_layer_set_free(layers);
	coopmap_countries_free(countries);
	return rc;
}

int cmd_actors(int argc, char **argv)
{
	struct actors_args a;
	coopmap_diagram_opts defaults = COOPMAP_DIAGRAM_OPTS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int status, rc;

	memset(&a, 0, sizeof(a));
	cli_records_init(&a.records);
	a.opts = defaults;
	status = parse_args(argc, argv, &a);
	if (status < 0)
		return EXIT_OK;
	if (status != EXIT_OK)
		return status;
	rc = run_diagram(&a, &err);
	if (rc != COOPMAP_OK) {
		cli_error(&err);
		return cli_exit_status(rc);
	}
	return EXIT_OK;
}
