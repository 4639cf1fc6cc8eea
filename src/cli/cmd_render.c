/*
 * cmd_render.c: `coopmap render PROJECTS -o FILE [-o FILE ...]`: read the
 * project list, join it with the countries and the CICD layer, and draw
 * the map; several outputs (PNG, SVG, PDF, and the map's data through the
 * export module) from one loaded model, each in a thread of its own.
 */
#include <getopt.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "progress.h"
#include "coopmap/export.h"
#include "coopmap/join.h"
#include "coopmap/layers.h"
#include "coopmap/network.h"
#include "coopmap/paths.h"
#include "coopmap/pool.h"
#include "coopmap/render.h"
#include "coopmap/style.h"

enum {
	OPT_CRS = 256, OPT_EXTENT, OPT_SIZE, OPT_TITLE, OPT_SUBTITLE,
	OPT_SOURCE, OPT_STYLE, OPT_RESOLUTION, OPT_NO_PRIORITY, OPT_STRICT,
	OPT_LAYERS, OPT_LAYER, OPT_POOL, OPT_PROGRAMME, OPT_YEAR, OPT_THEME,
	OPT_COUNTRY, OPT_ESTABLISHMENT, OPT_MEASURE, OPT_NO_NETWORK, OPT_INSETS,
	OPT_NO_INSETS, OPT_ACTORS, OPT_FRANCE_PANEL, OPT_NO_FRANCE_PANEL
};

static char *extent_values(void)
{
	char *names = coopmap_render_extent_list(coopmap_i18n_lang());
	char *text = g_strdup_printf(_("%s (default %s)"), names,
		coopmap_render_extent_name(0, coopmap_i18n_lang()));

	g_free(names);
	return text;
}

static char *size_values(void)
{
	return g_strdup_printf(_("%d pixels wide for PNG, %d points for SVG and "
		"PDF"), COOPMAP_RENDER_DEFAULT_WIDTH_PNG,
		COOPMAP_RENDER_DEFAULT_WIDTH_VECTOR);
}

static const char *measure_nth(size_t i)
{
	return i < COOPMAP_MEASURE_COUNT ? coopmap_measure_name_in(
		(coopmap_measure)i, coopmap_i18n_lang()) : NULL;
}

static char *measure_values(void)
{
	return cli_values_join("", measure_nth);
}

/* After "overseas (...)" in the help: ", antilles, guyane ...". */
static char *inset_values(void)
{
	return cli_values_join(", ", coopmap_render_inset_name);
}

static const struct cli_option render_options[] = {
	{ "output", 'o', N_("FILE"), N_("a file to write (required): .png, "
	  ".svg or .pdf draw the map; .geojson, .json, .gpkg, .kml, .csv or .md "
	  "write its data as 'coopmap export' does; several -o write several "
	  "files from one reading, side by side on the machine's cores (at most "
	  "8)"), NULL, 0 },
	{ "crs", OPT_CRS, N_("CRS"), N_("any CRS PROJ knows (default EPSG:8857, "
	  "Equal Earth): EPSG:3857, ESRI:54030, '+proj=robin' ..."), NULL, 0 },
	{ "extent", OPT_EXTENT, "E", N_("the region shown: %s; or "
	  "MINLON,MINLAT,MAXLON,MAXLAT in degrees"), extent_values, 0 },
	{ "size", OPT_SIZE, N_("WxH"), N_("the page's size, or its width alone "
	  "(the height then follows the region's shape; default %s)"),
	  size_values, 0 },
	{ "title", OPT_TITLE, N_("TEXT"), N_("the title (default: the map's "
	  "subject)"), NULL, 0 },
	{ "subtitle", OPT_SUBTITLE, N_("TEXT"), N_("the subtitle (default: "
	  "counts and years)"), NULL, 0 },
	{ "source", OPT_SOURCE, N_("TEXT"), N_("the data credit in the source "
	  "line"), NULL, 0 },
	{ "style", OPT_STYLE, N_("NAME|FILE"), N_("a style of styles/ (default, "
	  "print) or a style file"), NULL, 0 },
	CLI_LANG_OPTION(N_("language of the map and of the messages (default "
	  "fr, or en when LANG is English)")),
	{ "resolution", OPT_RESOLUTION, "R", N_("country outlines: 50m "
	  "(default) or 10m"), NULL, 0 },
	CLI_RECORDS_OPTIONS,
	{ "layers", OPT_LAYERS, N_("A,B,..."), N_("policy layers drawn over the "
	  "countries, each with its own symbol (default cicd-2018; see "
	  "'coopmap layers'); at most 5; '' for none"), NULL, 0 },
	{ "layer", OPT_LAYER, N_("FILE.csv"), N_("a layer of your own (then "
	  "name its id in --layers); repeatable"), NULL, 0 },
	{ "no-priority", OPT_NO_PRIORITY, NULL, N_("draw no layer (same as "
	  "--layers '')"), NULL, 0 },
	{ "programme", OPT_PROGRAMME, "P", N_("only the projects of these "
	  "programmes: %s (several with commas)"), cli_values_programmes, 0 },
	{ "year", OPT_YEAR, "Y", N_("only the projects started in Y (2019) or in "
	  "a range (2015-2020, 2015-, -2020)"), NULL, 0 },
	{ "theme", OPT_THEME, N_("WORDS"), N_("only the projects whose theme has "
	  "these words"), NULL, 0 },
	{ "country", OPT_COUNTRY, "C", N_("only the projects with partners in C "
	  "(ISO3 code or name; several with commas), framed on them"), NULL, 0 },
	{ "establishment", OPT_ESTABLISHMENT, "E", N_("only the projects of the "
	  "French establishment E (words of its name, or its FINESS)"), NULL, 0 },
	{ "measure", OPT_MEASURE, "M", N_("what the colours and the points show: "
	  "%s (default: the first)"), measure_values, 0 },
	{ "insets", OPT_INSETS, N_("LIST"), N_("insets beside the map: overseas "
	  "(the overseas territories, default on world and Europe maps)%s; '' "
	  "for none"), inset_values, 0 },
	{ "no-insets", OPT_NO_INSETS, NULL, N_("no inset"), NULL, 0 },
	{ "france-panel", OPT_FRANCE_PANEL, NULL, N_("draw metropolitan France "
	  "in a panel of the world map, each establishment named, and the French "
	  "side of the world map as one origin (the default when five or more "
	  "metropolitan establishments crowd at world scale)"), NULL, 0 },
	{ "no-france-panel", OPT_NO_FRANCE_PANEL, NULL, N_("no panel of "
	  "metropolitan France: its establishments on the world map, grouped "
	  "where they crowd"), NULL, 0 },
	{ "no-network", OPT_NO_NETWORK, NULL, N_("no establishments, partners "
	  "or links: the countries only"), NULL, 0 },
	{ "pool", OPT_POOL, NULL, N_("mark the partner hospitals shared by two or "
	  "more French establishments (circle size: how many) and outline the "
	  "countries where two or more work"), NULL, 0 },
	{ "actors", OPT_ACTORS, NULL, N_("mark the countries where actors are "
	  "present (regional bodies, networks, embassy advisers; see 'coopmap "
	  "actors'); not with --pool"), NULL, 0 },
	{ "strict", OPT_STRICT, NULL, N_("exit 1 when any row is rejected"),
	  NULL, 0 },
	CLI_QUIET_OPTION,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage render_usage = {
	"render",
	N_("PROJECTS -o FILE [-o FILE ...] [options]"),
	N_("Draw the cooperation map of a project list (CSV, XLSX, ODS, "
	   "GeoPackage, GeoJSON): projects per partner country, the policy "
	   "layers, the French establishments, their partners and the links "
	   "between them, with labels, legend, title and sources."),
	render_options,
	N_("exit status: 0 map written; 1 rows rejected under --strict, or "
	   "nothing to draw; 2 usage error, or a file that cannot be read or "
	   "written."),
	NULL
};

void cmd_render_usage(FILE *out)
{
	cli_usage_print(&render_usage, out);
}

#define MAX_OUTPUTS 8

struct render_args {
	const char *input, *style, *resolution, *layer_ids;
	const char *outputs[MAX_OUTPUTS];
	size_t n_outputs;
	const char *user_layers[32];
	size_t n_user_layers;
	struct cli_records records;
	int strict, quiet, pool, actors, no_network, extent_given;
	coopmap_measure measure;
	/* Filters, kept as typed until the countries are open. */
	const char *programme, *year, *theme, *country, *establishment;
	coopmap_render_opts opts;
};

enum output_kind { OUTPUT_NONE, OUTPUT_MAP, OUTPUT_DATA };

/* A map (render.h) or the map's data (export.h), by the extension. */
static enum output_kind output_kind(const char *path)
{
	static const char *const maps[] = { ".png", ".svg", ".pdf", NULL };
	static const char *const data[] = { ".geojson", ".json", ".gpkg",
		".kml", ".csv", ".md", NULL };
	const char *dot = strrchr(path, '.');

	for (int i = 0; dot != NULL && maps[i] != NULL; i++) {
		if (g_ascii_strcasecmp(dot, maps[i]) == 0)
			return OUTPUT_MAP;
	}
	for (int i = 0; dot != NULL && data[i] != NULL; i++) {
		if (g_ascii_strcasecmp(dot, data[i]) == 0)
			return OUTPUT_DATA;
	}
	return OUTPUT_NONE;
}

static int parse_args(int argc, char **argv, struct render_args *a)
{
	struct cli_inputs inputs;
	int c, refused = 0;

	a->opts.lang = coopmap_i18n_lang();
	while ((c = cli_getopt(argc, argv, &render_usage)) != -1) {
		switch (c) {
		case 'o':
			if (a->n_outputs == MAX_OUTPUTS) {
				cli_message("render: at most %d -o files", MAX_OUTPUTS);
				return EXIT_FAILURE_;
			}
			a->outputs[a->n_outputs++] = optarg;
			break;
		case OPT_CRS: a->opts.crs = optarg; break;
		case OPT_EXTENT: {
			/* Checked now, not after reading the list. */
			coopmap_error err = COOPMAP_ERROR_INIT;
			double bbox[4];
			int is_world;

			if (coopmap_render_parse_extent(optarg, bbox, &is_world,
			    &err) != COOPMAP_OK) {
				cli_error(&err);
				return EXIT_FAILURE_;
			}
			a->opts.extent = optarg;
			a->extent_given = 1;
			break;
		}
		case OPT_SIZE:
			/* "2400" alone: the height follows the extent's shape. */
			if (cli_parse_size("render", optarg, 1, &a->opts.width,
			    &a->opts.height) != 0)
				return EXIT_FAILURE_;
			break;
		case OPT_TITLE: a->opts.title = optarg; break;
		case OPT_SUBTITLE: a->opts.subtitle = optarg; break;
		case OPT_SOURCE: a->opts.source = optarg; break;
		case OPT_STYLE: a->style = optarg; break;
		case CLI_OPT_LANG: a->opts.lang = optarg; break;
		case OPT_RESOLUTION: a->resolution = optarg; break;
		case CLI_OPT_SHEET:
		case CLI_OPT_ENCODING:
		case CLI_OPT_MAP:
			if (cli_records_option(&a->records, c, optarg) != 0)
				return EXIT_FAILURE_;
			break;
		case OPT_NO_PRIORITY: a->layer_ids = ""; break;
		case OPT_LAYERS: a->layer_ids = optarg; break;
		case OPT_POOL: a->pool = 1; break;
		case OPT_ACTORS: a->actors = 1; break;
		case OPT_PROGRAMME: a->programme = optarg; break;
		case OPT_YEAR: a->year = optarg; break;
		case OPT_THEME: a->theme = optarg; break;
		case OPT_COUNTRY: a->country = optarg; break;
		case OPT_ESTABLISHMENT: a->establishment = optarg; break;
		case OPT_NO_NETWORK: a->no_network = 1; break;
		case OPT_INSETS: a->opts.insets = optarg; break;
		case OPT_NO_INSETS: a->opts.insets = ""; break;
		case OPT_FRANCE_PANEL: a->opts.france_panel = 1; break;
		case OPT_NO_FRANCE_PANEL: a->opts.france_panel = -1; break;
		case OPT_MEASURE: {
			int m = coopmap_measure_from_name(optarg);

			if (m < 0) {
				char *names = measure_values();

				cli_message("render: --measure '%s': expected one of %s",
					optarg, names);
				g_free(names);
				return EXIT_FAILURE_;
			}
			a->measure = (coopmap_measure)m;
			break;
		}
		case OPT_LAYER:
			if (a->n_user_layers == 32) {
				cli_message("render: at most 32 --layer files");
				return EXIT_FAILURE_;
			}
			a->user_layers[a->n_user_layers++] = optarg;
			break;
		case OPT_STRICT: a->strict = 1; break;
		case 'q': a->quiet = 1; break;
		case 'h': cmd_render_usage(stdout); return -1;
		default:
			return EXIT_FAILURE_;
		}
	}
	if (optind != argc - 1 || a->n_outputs == 0) {
		cli_message("render: expected one PROJECTS file and -o FILE "
			"(see 'coopmap help render')");
		return EXIT_FAILURE_;
	}
	a->input = argv[optind];
	if (a->actors && a->pool) {
		cli_message("render: --actors and --pool both mark the map; "
			"choose one");
		return EXIT_FAILURE_;
	}
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", a->input);
	cli_inputs_add_layers(&inputs, a->user_layers, a->n_user_layers);
	/* A style name ("print") is a file of the data directory, kept by
	 * cli_refuse_overwrite whatever; a path is the user's. */
	cli_inputs_add(&inputs, "the --style file", a->style);
	for (size_t i = 0; i < a->n_outputs && !refused; i++)
		refused = cli_refuse_overwrite("render", "output", &inputs,
			a->outputs[i]);
	cli_inputs_clear(&inputs);
	if (refused)
		return EXIT_FAILURE_;
	for (size_t i = 0; i < a->n_outputs; i++) {
		if (output_kind(a->outputs[i]) == OUTPUT_NONE) {
			cli_message("render: %s: the output's extension must be "
				".png, .svg or .pdf (a map), or .geojson, .json, .gpkg, "
				".kml, .csv or .md (its data)", a->outputs[i]);
			return EXIT_FAILURE_;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(a->outputs[i], a->outputs[j]) == 0) {
				cli_message("render: %s is given twice with -o",
					a->outputs[i]);
				return EXIT_FAILURE_;
			}
		}
	}
	return EXIT_OK;
}

/* A style name ("print") is a file of styles/; anything with a slash or
 * an extension is a path. */
static int load_style(const char *name, coopmap_style *style,
	coopmap_error *err)
{
	char path[4096], relative[256];

	coopmap_style_default(style);
	if (name == NULL || strcmp(name, "default") == 0)
		return COOPMAP_OK;
	if (strchr(name, '/') != NULL || strchr(name, '.') != NULL)
		return coopmap_style_load(name, style, err);
	snprintf(relative, sizeof(relative), "styles/%s.style", name);
	if (coopmap_paths_data_file(relative, path, sizeof(path)) == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "path too long");
	return coopmap_style_load(path, style, err);
}

/* The layers named in ids ("cicd-2018,health-agreements"), in order. */
static int pick_layers(const coopmap_layer_set *set, const char *ids,
	const coopmap_layer **picked, size_t *n, coopmap_error *err)
{
	gchar **names = g_strsplit(ids, ",", -1);
	int rc = COOPMAP_OK;

	*n = 0;
	for (int i = 0; names[i] != NULL && rc == COOPMAP_OK; i++) {
		const char *id = g_strstrip(names[i]);
		const coopmap_layer *l;

		if (id[0] == '\0')
			continue;
		l = coopmap_layer_set_find(set, id);
		if (l == NULL)
			rc = coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"render: --layers: no layer named '%s' (see 'coopmap "
				"layers')", id);
		else if (*n == COOPMAP_RENDER_MAX_LAYERS)
			rc = coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"render: --layers: at most %d layers on one map",
				COOPMAP_RENDER_MAX_LAYERS);
		else
			picked[(*n)++] = l;
	}
	g_strfreev(names);
	return rc;
}

/* What --pool adds to the map: the shared partners as circles, the
 * countries where two or more establishments work outlined. */
struct pool_overlay {
	GStringChunk *labels;
	coopmap_render_marker *markers;
	size_t n_markers;
	unsigned char *highlight;
};

/* A label without what stands in parentheses: "CHRACERH (Centre
 * hospitalier de recherche ...)" is "CHRACERH" on a map. */
static const char *short_label(struct pool_overlay *o, const char *name)
{
	const char *open = strchr(name, '(');
	char *label;
	const char *kept;

	if (open == NULL || open == name)
		return name;
	label = g_strstrip(g_strndup(name, (gsize)(open - name)));
	kept = g_string_chunk_insert(o->labels, label);
	g_free(label);
	return kept;
}

static int build_overlay(const coopmap_projects *projects,
	const coopmap_countries *countries, const coopmap_pool *pool,
	struct pool_overlay *o)
{
	size_t n_countries = coopmap_countries_count(countries);
	GHashTable *pairs;
	size_t *per_country;

	o->labels = g_string_chunk_new(1024);
	o->markers = g_new0(coopmap_render_marker,
		coopmap_pool_partner_count(pool) + 1);
	for (size_t i = 0; i < coopmap_pool_partner_count(pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_partner(pool, i);
		const coopmap_project *p = coopmap_projects_get(projects,
			g->projects[0]);

		if (g->n_peers < 2)
			continue;
		o->markers[o->n_markers].lon = p->partner_lon;
		o->markers[o->n_markers].lat = p->partner_lat;
		o->markers[o->n_markers].value = (double)g->n_peers;
		o->markers[o->n_markers].label = short_label(o, g->name);
		o->n_markers++;
	}
	o->highlight = g_new0(unsigned char, n_countries + 1);
	per_country = g_new0(size_t, n_countries + 1);
	pairs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; i < coopmap_projects_count(projects); i++) {
		size_t e = coopmap_pool_establishment_of(pool, i);
		size_t k = coopmap_country_index(countries,
			coopmap_projects_get(projects, i)->country);

		if (e != (size_t)-1 && g_hash_table_add(pairs,
		    g_strdup_printf("%zu|%zu", k, e)) && ++per_country[k] >= 2)
			o->highlight[k] = 1;
	}
	g_hash_table_destroy(pairs);
	g_free(per_country);
	return COOPMAP_OK;
}

static void free_overlay(struct pool_overlay *o)
{
	if (o->labels != NULL)
		g_string_chunk_free(o->labels);
	g_free(o->markers);
	g_free(o->highlight);
}

/*
 * --country without --extent: frame the countries asked for and their
 * partners, with the French side in an inset (metropolitan France).
 */
static void frame_countries(struct render_args *a, const struct cli_model *m,
	const coopmap_network *network, char *extent, size_t size)
{
	double b[4] = { 180, 90, -180, -90 }, pad;

	for (size_t i = 0; i < m->filter.n_countries; i++) {
		const coopmap_geometry *g = &m->filter.countries[i]->geometry;

		b[0] = fmin(b[0], g->min_lon);
		b[1] = fmin(b[1], g->min_lat);
		b[2] = fmax(b[2], g->max_lon);
		b[3] = fmax(b[3], g->max_lat);
	}
	for (size_t i = 0; network != NULL &&
	     i < coopmap_network_node_count(network); i++) {
		const coopmap_node *n = coopmap_network_node(network, i);

		if (n->kind != COOPMAP_NODE_PARTNER || isnan(n->lat))
			continue;
		b[0] = fmin(b[0], n->lon);
		b[1] = fmin(b[1], n->lat);
		b[2] = fmax(b[2], n->lon);
		b[3] = fmax(b[3], n->lat);
	}
	pad = fmax(1.0, 0.12 * fmax(b[2] - b[0], b[3] - b[1]));
	snprintf(extent, size, "%.3f,%.3f,%.3f,%.3f", fmax(-180, b[0] - pad),
		fmax(-89, b[1] - pad), fmin(180, b[2] + pad), fmin(89, b[3] + pad));
	a->opts.extent = extent;
	if (a->opts.insets == NULL)
		a->opts.insets = "france";
}

/* A summed measure needs its column: say which, and how to name it. */
static int check_measure(const struct render_args *a,
	const coopmap_projects *projects, coopmap_error *err)
{
	int field = coopmap_measure_field(a->measure);

	if (field < 0 || coopmap_projects_has_field(projects, field))
		return COOPMAP_OK;
	return coopmap_error_set(err, COOPMAP_ERR_INPUT,
		"render: --measure %s: %s has no column for it (name one with "
		"--map HEADER=%s; see 'coopmap columns')",
		coopmap_measure_name_in(a->measure, coopmap_i18n_lang()), a->input,
		cli_field_name(field));
}

/* The map's data through the export module, in a thread of its own. */
struct data_job {
	const struct cli_model *m;
	const char *path;
	coopmap_error err;
	int rc;
};

static gpointer write_data(gpointer p)
{
	struct data_job *job = p;
	coopmap_export_data d = { job->m->countries, job->m->projects,
		job->m->pool, job->m->stats, job->m->layers };

	job->rc = coopmap_export_write(&d, job->path, &job->err);
	return NULL;
}

/* The outcome of one output: the first failure kept in err, the others
 * said on stderr, successes reported unless quiet. */
static void settle(const struct render_args *a, const char *path, int job_rc,
	const coopmap_error *job_err, const coopmap_render_report *r, int *rc,
	coopmap_error *err)
{
	if (job_rc != COOPMAP_OK && *rc == COOPMAP_OK) {
		*rc = job_rc;
		*err = *job_err;
	} else if (job_rc != COOPMAP_OK) {
		cli_error(job_err);
	} else if (!a->quiet && r == NULL) {
		cli_message("wrote %s", path);
	} else if (!a->quiet) {
		cli_message("wrote %s (%dx%d, %zu of %zu country labels, %zu "
			"places as %zu points, %zu links)", path, r->width,
			r->height, r->labels_placed, r->labels_wanted, r->nodes_drawn,
			r->points_drawn, r->links_drawn);
		if (r->insets_left_out > 0)
			cli_message(_n("%s: %zu overseas inset with nothing to show "
				"left out (--insets overseas draws them all)",
				"%s: %zu overseas insets with nothing to show left out "
				"(--insets overseas draws them all)", r->insets_left_out),
				path, r->insets_left_out);
		if (r->france_panel)
			cli_message(_("%s: metropolitan France in a panel, %zu of its "
				"%zu establishments named"), path, r->france_panel_named,
				r->france_panel_establishments);
		if (r->furniture_overlaps > 0)
			cli_message(_n("%s: the legend or the scale bar covers %zu "
				"mark or label, for want of room",
				"%s: the legend or the scale bar covers %zu marks or "
				"labels, for want of room", r->furniture_overlaps), path,
				r->furniture_overlaps);
	}
}

/*
 * Every -o from the one model, side by side: the data files in threads of
 * their own, the maps through coopmap_render_maps (a thread each, sharing
 * the topology).  Each file is written whole or not at all; the first
 * failure is returned, the others said on stderr.
 */
static int write_outputs(const struct render_args *a, const struct cli_model *m,
	const coopmap_map_data *data, coopmap_error *err)
{
	struct data_job jobs[MAX_OUTPUTS];
	GThread *threads[MAX_OUTPUTS] = { NULL };
	const char *maps[MAX_OUTPUTS];
	coopmap_render_report reports[MAX_OUTPUTS];
	coopmap_error errs[MAX_OUTPUTS];
	size_t n_maps = 0, n_data = 0;
	int rc = COOPMAP_OK, maps_rc = COOPMAP_OK;

	for (size_t i = 0; i < a->n_outputs; i++) {
		if (output_kind(a->outputs[i]) == OUTPUT_MAP) {
			reports[n_maps] = (coopmap_render_report)
				COOPMAP_RENDER_REPORT_INIT;
			errs[n_maps] = (coopmap_error)COOPMAP_ERROR_INIT;
			maps[n_maps++] = a->outputs[i];
			continue;
		}
		jobs[n_data] = (struct data_job){ m, a->outputs[i],
			COOPMAP_ERROR_INIT, COOPMAP_OK };
		if (a->n_outputs > 1)
			threads[n_data] = g_thread_new("coopmap-data", write_data,
				&jobs[n_data]);
		else
			write_data(&jobs[n_data]);
		n_data++;
	}
	if (n_maps > 0)
		maps_rc = coopmap_render_maps(data, &a->opts, maps, n_maps, reports,
			errs);
	for (size_t i = 0; i < n_data; i++) {
		if (threads[i] != NULL)
			g_thread_join(threads[i]);
	}
	for (size_t i = 0, k = 0, d = 0; i < a->n_outputs; i++) {
		if (output_kind(a->outputs[i]) == OUTPUT_MAP) {
			settle(a, maps[k], maps_rc == COOPMAP_OK ? COOPMAP_OK
				: errs[k].code, &errs[k], &reports[k], &rc, err);
			coopmap_render_report_clear(&reports[k++]);
		} else {
			settle(a, jobs[d].path, jobs[d].rc, &jobs[d].err, NULL, &rc,
				err);
			d++;
		}
	}
	return rc;
}

/* An exit status, or a COOPMAP_ERR_* code (negative) with err set. */
static int run(struct render_args *a, coopmap_error *err)
{
	struct cli_filters filters = { a->programme, a->year, a->theme,
		a->country, a->establishment };
	struct cli_model_opts load = { a->resolution,
		(const char *const *)a->user_layers, a->n_user_layers, &filters,
		a->quiet, 0 };
	struct cli_model m;
	struct pool_overlay overlay = { NULL, NULL, 0, NULL };
	coopmap_network *network = NULL;
	struct cli_actor_overlay actors = { NULL, NULL, 0, NULL, NULL };
	const coopmap_layer *picked[COOPMAP_RENDER_MAX_LAYERS];
	size_t n_picked = 0;
	coopmap_map_data data;
	coopmap_style style;
	char date[32], filters_text[512], extent[128];
	int rc, status = EXIT_OK;

	memset(&data, 0, sizeof(data));
	/* Only a map needs the countries' topology. */
	load.topology = 0;
	for (size_t i = 0; i < a->n_outputs; i++)
		load.topology |= output_kind(a->outputs[i]) == OUTPUT_MAP;
	cli_build_date(date, sizeof(date));
	a->opts.date = date;
	a->opts.style = &style;
	rc = load_style(a->style, &style, err);
	if (rc == COOPMAP_OK)
		rc = cli_model_load_with(a->input, &a->records, &load, &m, err);
	else
		memset(&m, 0, sizeof(m));
	if (rc == COOPMAP_OK)
		rc = pick_layers(m.layers, a->layer_ids, picked, &n_picked, err);
	if (rc == COOPMAP_OK)
		rc = check_measure(a, m.projects, err);
	if (rc == COOPMAP_OK && m.summary.projects == 0) {
		if (m.filtered_out > 0)
			cli_message("render: %s: no project to draw (none matches the "
				"filters)", a->input);
		else
			cli_message("render: %s: no project to draw", a->input);
		status = EXIT_INPUT;
	} else if (rc == COOPMAP_OK && a->strict &&
	    coopmap_projects_reject_count(m.projects) > 0) {
		cli_message("render: rows rejected under --strict; no map written");
		status = EXIT_INPUT;
	} else if (rc == COOPMAP_OK) {
		data.countries = m.countries;
		data.topology = m.topology;
		data.stats = m.stats;
		data.summary = m.summary;
		data.layers = picked;
		data.n_layers = n_picked;
		data.measure = a->measure;
		coopmap_filter_describe(&m.filter, a->opts.lang, filters_text,
			sizeof(filters_text));
		data.filters = filters_text;
		if (!a->no_network)
			rc = coopmap_network_build(m.projects, m.pool, a->measure,
				&network, err);
		data.network = network;
		if (rc == COOPMAP_OK && m.filter.n_countries > 0 && !a->extent_given)
			frame_countries(a, &m, network, extent, sizeof(extent));
		if (rc == COOPMAP_OK && a->pool)
			rc = build_overlay(m.projects, m.countries, m.pool, &overlay);
		data.markers = overlay.markers;
		data.n_markers = overlay.n_markers;
		data.highlight = overlay.highlight;
		/* TRANSLATORS: the legend of --pool's marks and countries. */
		data.markers_title = _("Partner hospital shared by several "
			"establishments (size: how many)");
		data.highlight_title = _("Countries where two or more "
			"establishments work");
		if (rc == COOPMAP_OK && a->actors) {
			rc = cli_actor_overlay_build(m.countries, m.layers, a->opts.lang,
				&actors, err);
			data.markers = actors.markers;
			data.n_markers = actors.n_markers;
			data.highlight = actors.highlight;
			/* TRANSLATORS: the legend of --actors' marks and countries. */
			data.markers_title = _("Actors present (size: how many; see "
				"'coopmap actors')");
			data.highlight_title = _("Countries where an actor is present");
		}
	}
	if (rc == COOPMAP_OK && data.countries != NULL) {
		cli_progress_stage(_n("drawing and writing %zu file",
			"drawing and writing %zu files", a->n_outputs), a->n_outputs);
		rc = write_outputs(a, &m, &data, err);
	}
	coopmap_network_free(network);
	free_overlay(&overlay);
	cli_actor_overlay_free(&actors);
	cli_model_free(&m);
	return rc != COOPMAP_OK ? rc : status;
}

int cmd_render(int argc, char **argv)
{
	struct render_args a;
	coopmap_render_opts defaults = COOPMAP_RENDER_OPTS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int status;

	memset(&a, 0, sizeof(a));
	cli_records_init(&a.records);
	a.opts = defaults;
	a.resolution = "50m";
	a.layer_ids = "cicd-2018";
	status = parse_args(argc, argv, &a);
	if (status < 0)
		return EXIT_OK;
	if (status != EXIT_OK)
		return status;
	status = run(&a, &err);
	return status < 0 ? cli_finish(status, &err) : status;
}
