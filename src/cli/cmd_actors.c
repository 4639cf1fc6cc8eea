/*
 * cmd_actors.c: `coopmap actors -o FILE`: the actor diagram (PNG, SVG,
 * PDF); `coopmap actors --country ISO3 [PROJECTS]`: the sheet of one
 * country (Markdown on standard output, a map with -o).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "coopmap/diagram.h"
#include "coopmap/render.h"
#include "coopmap/sheet.h"

enum { OPT_COUNTRY = 256, OPT_PAPER, OPT_SIZE, OPT_TITLE };

static char *diagram_size_values(void)
{
	return g_strdup_printf("%dx%d", COOPMAP_DIAGRAM_DEFAULT_WIDTH_PNG,
		COOPMAP_DIAGRAM_DEFAULT_HEIGHT_PNG);
}

static const struct cli_option actors_options[] = {
	{ "output", 'o', N_("FILE"), N_("the diagram, or the country's map "
	  "(.png, .svg, .pdf)"), NULL, 0 },
	{ "country", OPT_COUNTRY, "ISO3", N_("the country of the sheet (a code "
	  "or a name)"), NULL, 0 },
	{ "paper", OPT_PAPER, "P", N_("a4 (default for SVG and PDF), a3, a2, a1, "
	  "a0: landscape, in points (PNG: 150 dots an inch)"), NULL, 0 },
	{ "size", OPT_SIZE, N_("WxH"), N_("pixels (PNG, default %s) or points"),
	  diagram_size_values, 0 },
	{ "title", OPT_TITLE, N_("TEXT"), N_("the diagram's title"), NULL, 0 },
	CLI_LANG_OPTION(N_("language of the texts and of the messages (default "
	  "fr, or en when LANG is English)")),
	CLI_ACTOR_OPTIONS,
	CLI_RECORDS_OPTIONS,
	CLI_SHEET_ALIAS,
	CLI_QUIET_OPTION,
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage actors_usage = {
	"actors",
	N_("-o FILE [options]\n"
	   "--country ISO3 [PROJECTS] [-o MAP] [options]"),
	N_("Without --country: draw the cartography of the actors of "
	   "international hospital cooperation (geodata/actors.csv, "
	   "actor-links.csv): a column per family (internal, implementing, "
	   "programmes, institutional), each actor with its role, the relations "
	   "as labelled arrows, a legend of roles.  The format is FILE's "
	   "extension: .png, .svg or .pdf.\n\n"
	   "With --country: the sheet of one country in Markdown on standard "
	   "output: the actors present there (embassy advisers, regional bodies "
	   "and networks), those to contact wherever the project is, the policy "
	   "layers the country belongs to and, with PROJECTS, the French "
	   "establishments already working there and their partners; -o MAP also "
	   "draws its map."),
	actors_options,
	N_("exit status: 0 done; 1 nothing to draw or report; 2 usage error, a "
	   "bad actor file (its file:line is named), or a file that cannot be "
	   "read or written."),
	NULL
};

void cmd_actors_usage(FILE *out)
{
	cli_usage_print(&actors_usage, out);
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
	struct cli_inputs inputs;
	int c;

	a->opts.lang = coopmap_i18n_lang();
	while ((c = cli_getopt(argc, argv, &actors_usage)) != -1) {
		switch (c) {
		case 'o': a->output = optarg; break;
		case OPT_COUNTRY: a->country = optarg; break;
		case OPT_PAPER: a->paper = optarg; break;
		case OPT_SIZE:
			if (cli_parse_size("actors", optarg, 0, &a->opts.width,
			    &a->opts.height) != 0)
				return EXIT_FAILURE_;
			break;
		case OPT_TITLE: a->opts.title = optarg; break;
		case CLI_OPT_LANG: a->opts.lang = optarg; break;
		case 'q': a->quiet = 1; break;
		case 'h': cmd_actors_usage(stdout); return -1;
		default:
			if (cli_actor_option(&a->files, c, optarg) == 0 ||
			    cli_records_option(&a->records, c, optarg) == 0)
				break;
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
	cli_inputs_init(&inputs);
	cli_inputs_add(&inputs, "the input", a->input);
	cli_inputs_add_actor_files(&inputs, &a->files);
	if (cli_refuse_overwrite("actors", "output", &inputs, a->output))
		return EXIT_FAILURE_;
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

int cli_actor_overlay_build(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const char *lang,
	struct cli_actor_overlay *o, coopmap_error *err)
{
	size_t n = coopmap_countries_count(countries);
	int rc;

	memset(o, 0, sizeof(*o));
	rc = cli_open_actors(countries, layers, NULL, &o->actors, err);
	if (rc != COOPMAP_OK)
		return rc;
	o->markers = g_new0(coopmap_render_marker, n + 1);
	o->highlight = g_new0(unsigned char, n + 1);
	o->labels = g_string_chunk_new(1024);
	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(countries, i);
		GString *label = g_string_new(NULL);
		size_t count = 0;

		for (size_t a = 0; a < coopmap_actors_count(o->actors); a++) {
			if (!coopmap_actors_present(o->actors, a, c, layers, NULL))
				continue;
			g_string_append_printf(label, "%s%s", count++ > 0 ? ", " : "",
				coopmap_actor_label(coopmap_actors_get(o->actors, a), lang));
		}
		if (count > 0) {
			o->highlight[i] = 1;
			o->markers[o->n_markers].lon = c->label_lon;
			o->markers[o->n_markers].lat = c->label_lat;
			o->markers[o->n_markers].value = (double)count;
			o->markers[o->n_markers++].label = g_string_chunk_insert(
				o->labels, label->str);
		}
		g_string_free(label, TRUE);
	}
	return COOPMAP_OK;
}

void cli_actor_overlay_free(struct cli_actor_overlay *o)
{
	coopmap_actors_free(o->actors);
	g_free(o->markers);
	g_free(o->highlight);
	if (o->labels != NULL)
		g_string_chunk_free(o->labels);
	memset(o, 0, sizeof(*o));
}

/* The map of the sheet: the country outlined, its partner hospitals as
 * circles (size: how many French establishments), over the choropleth of
 * the list's projects. */
static int draw_country_map(struct actors_args *a, struct cli_model *m,
	const coopmap_sheet_data *sheet, coopmap_error *err)
{
	const coopmap_country *country = sheet->country;
	/* The language of the data's texts (the country's name); the
	 * sentences come from the catalogue. */
	const char *lang = a->opts.lang != NULL && strcmp(a->opts.lang, "en") == 0
		? "en" : "fr";
	size_t n = coopmap_countries_count(m->countries), n_markers = 0;
	const coopmap_geometry *g = &country->geometry;
	coopmap_render_opts opts = COOPMAP_RENDER_OPTS_INIT;
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_render_marker *markers;
	unsigned char *highlight = calloc(n + 1, 1);
	coopmap_map_data data;
	double pad = fmax(4, 0.35 * fmax(g->max_lon - g->min_lon,
		g->max_lat - g->min_lat));
	char extent[128], title[256], subtitle[256], date[32], crs[160];
	size_t n_est = coopmap_sheet_establishment_count(sheet);
	int rc;

	memset(&data, 0, sizeof(data));
	markers = calloc(m->pool != NULL ? coopmap_pool_partner_count(m->pool) + 1
		: 1, sizeof(*markers));
	for (size_t i = 0; m->pool != NULL &&
	     i < coopmap_pool_partner_count(m->pool); i++) {
		const coopmap_pool_group *p = coopmap_pool_partner(m->pool, i);
		const coopmap_project *first = coopmap_projects_get(m->projects,
			p->projects[0]);

		if (p->country != country)
			continue;
		markers[n_markers].lon = first->partner_lon;
		markers[n_markers].lat = first->partner_lat;
		markers[n_markers].value = (double)p->n_peers;
		markers[n_markers++].label = p->name;
	}
	highlight[coopmap_country_index(m->countries, country)] = 1;
	snprintf(extent, sizeof(extent), "%.3f,%.3f,%.3f,%.3f",
		fmax(-180, g->min_lon - pad), fmax(-90, g->min_lat - pad),
		fmin(180, g->max_lon + pad), fmin(90, g->max_lat + pad));
	snprintf(title, sizeof(title), _("%s: partners of French "
		"establishments"), coopmap_country_name(country, lang));
	cli_build_date(date, sizeof(date));
	/* Two counts, each with its own plural: two phrases joined. */
	snprintf(subtitle, sizeof(subtitle), _("%s with %s in the country"),
		cli_counted(_n("%zu French establishment", "%zu French "
			"establishments", n_est), n_est),
		cli_counted(_n("%zu partner hospital", "%zu partner hospitals",
			n_markers), n_markers));
	opts.subtitle = subtitle;
	data.countries = m->countries;
	data.stats = m->stats;
	data.summary = m->summary;
	data.markers = markers;
	data.n_markers = n_markers;
	data.markers_title = _("Partner hospital (size: French establishments "
		"working with it)");
	data.highlight = highlight;
	data.highlight_title = coopmap_country_name(country, lang);
	opts.extent = extent;
	/* Equal-area, centred on the country: its shape and its partners'
	 * places as a national map shows them. */
	snprintf(crs, sizeof(crs), "+proj=laea +lat_0=%.4f +lon_0=%.4f "
		"+datum=WGS84 +units=m +type=crs", (g->min_lat + g->max_lat) / 2,
		(g->min_lon + g->max_lon) / 2);
	opts.crs = crs;
	opts.title = a->opts.title != NULL ? a->opts.title : title;
	opts.lang = lang;
	opts.date = date;
	opts.width = a->opts.width;
	opts.height = a->opts.height;
	rc = coopmap_render_map(&data, &opts, a->output, &report, err);
	if (rc == COOPMAP_OK && !a->quiet)
		cli_message("wrote %s (%dx%d, %zu partner hospitals)", a->output,
			report.width, report.height, n_markers);
	coopmap_render_report_clear(&report);
	free(markers);
	free(highlight);
	return rc;
}

static int run_sheet(struct actors_args *a, coopmap_error *err)
{
	struct cli_model m;
	coopmap_actors *actors = NULL;
	coopmap_country_match match;
	coopmap_sheet_data sheet;
	int rc;

	memset(&m, 0, sizeof(m));
	if (a->input != NULL) {
		rc = cli_model_load(a->input, &a->records, NULL, 0, a->quiet, &m,
			err);
	} else {
		rc = cli_open_countries("50m", &m.countries, err);
		if (rc == COOPMAP_OK)
			rc = cli_open_layers(m.countries, NULL, 0, &m.layers, err);
	}
	if (rc == COOPMAP_OK)
		rc = cli_open_actors(m.countries, m.layers, &a->files, &actors, err);
	if (rc == COOPMAP_OK) {
		coopmap_country_resolve(m.countries, a->country, &match);
		if (match.status != COOPMAP_COUNTRY_FOUND)
			rc = cli_country_error("actors", a->country, &match, err);
	}
	if (rc == COOPMAP_OK) {
		sheet.country = match.country;
		sheet.layers = m.layers;
		sheet.actors = actors;
		sheet.projects = m.projects;
		sheet.pool = m.pool;
		if (coopmap_sheet_write(&sheet, a->opts.lang, stdout) != 0)
			rc = coopmap_error_set(err, COOPMAP_ERR_IO,
				"cannot write to standard output");
	}
	if (rc == COOPMAP_OK && a->output != NULL) {
		if (m.projects == NULL)
			rc = coopmap_error_set(err, COOPMAP_ERR_USAGE, "actors: the "
				"country's map (-o) needs a PROJECTS file");
		else
			rc = draw_country_map(a, &m, &sheet, err);
	}
	coopmap_actors_free(actors);
	cli_model_free(&m);
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
	rc = a.country != NULL ? run_sheet(&a, &err) : run_diagram(&a, &err);
	return cli_finish(rc, &err);
}
