/*
 * cmd_export.c: `coopmap export PROJECTS -o FILE`: the countries,
 * establishments, partners, links and projects as GeoJSON or GeoPackage,
 * the network as KML for Google My Maps (kml.h), or the per-country
 * aggregates as CSV or Markdown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "progress.h"
#include "coopmap/export.h"
#include "coopmap/kml.h"

enum { OPT_FORMAT = 300, OPT_ACTORS };

static const struct cli_option export_options[] = {
	{ "output", 'o', N_("FILE"), N_("the file to write (required but with "
	  "--format md)"), NULL, 0 },
	{ "format", OPT_FORMAT, "md", N_("the Markdown report of the countries"),
	  NULL, 0 },
	CLI_RECORDS_OPTIONS,
	CLI_SHEET_ALIAS,
	{ "actors", OPT_ACTORS, NULL, N_("instead of projects: the countries "
	  "where an actor of geodata/actors.csv is present (regional bodies, "
	  "networks, embassy advisers), one feature each"), NULL, 0 },
	CLI_ACTOR_OPTIONS,
	CLI_LANG_OPTION(N_("language of the messages (default fr, or en when "
	  "LANG is English)")),
	CLI_QUIET_OPTION,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage export_usage = {
	"export",
	N_("PROJECTS -o FILE [options]\n"
	   "PROJECTS --format md [-o FILE.md]\n"
	   "--actors -o FILE.geojson|.gpkg|.csv"),
	/* TRANSLATORS: keep the two spaces that start the table's lines. */
	N_("Write the cooperation data as an open vector file, by FILE's "
	   "extension:\n\n"
	   "  .geojson, .json  RFC 7946 GeoJSON (WGS 84, 6 decimals, right-hand rule,\n"
	   "                   no crs member): one FeatureCollection whose features say\n"
	   "                   their layer in the property \"layer\": countries,\n"
	   "                   establishments, partners, links, projects\n"
	   "  .gpkg            GeoPackage with those five layers, for QGIS\n"
	   "  .kml             for Google My Maps: a folder per programme with the\n"
	   "                   establishments, the partner hospitals (pooled) and\n"
	   "                   the links, data columns for My Maps' table; split\n"
	   "                   into FILE, FILE-2.kml ... at 2,000 placemarks a file\n"
	   "                   (My Maps' import limit), every file named on stderr;\n"
	   "                   parts left by an earlier, larger export are removed\n"
	   "  .csv             the per-country aggregates (no geometry)\n"
	   "  .md              the same as a Markdown report (--format md: to\n"
	   "                   standard output unless -o is given)\n\n"
	   "Links are great-circle arcs (PROJ's geodesic functions), cut at the "
	   "antimeridian into MultiLineStrings."),
	export_options,
	N_("exit status: 0 written; 1 nothing to export, or no column names the "
	   "country; 2 usage error, or a file that cannot be read or written."),
	NULL
};

void cmd_export_usage(FILE *out)
{
	cli_usage_print(&export_usage, out);
}

static int export_actors(const struct cli_actor_files *files,
	const char *output, int no_input, int quiet)
{
	coopmap_countries *countries = NULL;
	coopmap_layer_set *layers = NULL;
	coopmap_actors *actors = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int rc;

	if (output == NULL || !no_input) {
		cli_message("export: --actors takes -o FILE and no PROJECTS");
		return EXIT_FAILURE_;
	}
	rc = cli_open_countries("50m", &countries, &err);
	if (rc == COOPMAP_OK)
		rc = cli_open_layers(countries, NULL, 0, &layers, &err);
	if (rc == COOPMAP_OK)
		rc = cli_open_actors(countries, layers, files, &actors, &err);
	if (rc == COOPMAP_OK)
		rc = coopmap_export_actors(countries, layers, actors, output, &err);
	if (rc == COOPMAP_OK && !quiet)
		cli_message("wrote %s", output);
	coopmap_actors_free(actors);
	coopmap_layer_set_free(layers);
	coopmap_countries_free(countries);
	return cli_finish(rc, &err);
}

static int is_kml(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL && strcasecmp(dot, ".kml") == 0;
}

/* The KML set, every file it wrote or removed said on stderr, and a warning
 * when the set makes more layers than one My Maps map holds. */
static int export_kml(const coopmap_export_data *data, const char *output,
	int quiet, coopmap_error *err)
{
	coopmap_kml_files *files = NULL;
	int rc = coopmap_kml_write(data, output, &files, err);

	if (rc != COOPMAP_OK)
		return rc;
	for (size_t i = 0; !quiet && i < files->n_written; i++) {
		if (files->n_written == 1)
			cli_message("wrote %s", files->written[i]);
		else
			cli_message("wrote %s (part %zu of %zu)", files->written[i],
				i + 1, files->n_written);
	}
	for (size_t i = 0; !quiet && i < files->n_removed; i++)
		cli_message("removed %s (a part of an earlier, larger export)",
			files->removed[i]);
	if (!quiet && files->layers > COOPMAP_KML_MYMAPS_LAYERS)
		cli_message("warning: %zu placemarks in %zu files make %zu layers; a "
			"Google My Maps map holds at most %d: import the files into "
			"several maps", files->placemarks, files->n_written, files->layers,
			COOPMAP_KML_MYMAPS_LAYERS);
	coopmap_kml_files_free(files);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	struct cli_records records;
	struct cli_inputs inputs;
	struct cli_actor_files actor_files;
	const char *output = NULL, *format = NULL;
	int quiet = 0, actors = 0, c, rc;
	struct cli_model m;
	coopmap_export_data data;
	coopmap_error err = COOPMAP_ERROR_INIT;

	cli_records_init(&records);
	memset(&actor_files, 0, sizeof(actor_files));
	while ((c = cli_getopt(argc, argv, &export_usage)) != -1) {
		if (c == 'o') {
			output = optarg;
		} else if (c == CLI_OPT_LANG) {
			continue;   /* main chose the run's language from it */
		} else if (c == OPT_FORMAT) {
			format = optarg;
		} else if (c == 'q') {
			quiet = 1;
		} else if (c == 'h') {
			cmd_export_usage(stdout);
			return EXIT_OK;
		} else if (c == OPT_ACTORS) {
			actors = 1;
		} else if (cli_actor_option(&actor_files, c, optarg) != 0 &&
		    cli_records_option(&records, c, optarg) != 0) {
			return EXIT_FAILURE_;
		}
	}
	if (format != NULL && strcmp(format, "md") != 0) {
		cli_message("export: --format %s: the one format is md (the others "
			"follow -o's extension)", format);
		return EXIT_FAILURE_;
	}
	/* The list, or the actor files (--actors): whichever is read. */
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", optind < argc ? argv[optind] : NULL);
	cli_inputs_add_actor_files(&inputs, &actor_files);
	if (cli_refuse_overwrite("export", "output", &inputs, output))
		return EXIT_FAILURE_;
	if (actors)
		return export_actors(&actor_files, output, optind == argc, quiet);
	if (format != NULL && output == NULL)
		output = "-";
	if (optind != argc - 1 || output == NULL) {
		cli_message("export: expected one PROJECTS file and -o FILE");
		return EXIT_FAILURE_;
	}
	rc = cli_model_load(argv[optind], &records, NULL, 0, quiet, &m, &err);
	if (rc == COOPMAP_OK) {
		data.countries = m.countries;
		data.projects = m.projects;
		data.pool = m.pool;
		data.stats = m.stats;
		data.layers = m.layers;
		cli_progress_stage("writing %s", output);
		if (is_kml(output)) {
			rc = export_kml(&data, output, quiet, &err);
		} else {
			rc = coopmap_export_write(&data, output, &err);
			if (rc == COOPMAP_OK && !quiet && strcmp(output, "-") != 0)
				cli_message("wrote %s", output);
		}
	}
	cli_model_free(&m);
	return cli_finish(rc, &err);
}
