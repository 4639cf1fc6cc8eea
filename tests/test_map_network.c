/*
 * test_map_network.c: the cooperation map's points, links, labels and
 * insets, on the boxes and segments the renderer reports, and the filters
 * that choose the projects.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <cairo.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "test_util.h"
#include "coopmap/filter.h"
#include "coopmap/i18n.h"
#include "coopmap/join.h"
#include "coopmap/locate.h"
#include "coopmap/network.h"
#include "coopmap/places.h"
#include "coopmap/pool.h"
#include "coopmap/render.h"

struct fixture {
	coopmap_countries *countries;
	coopmap_projects *projects;
	coopmap_pool *pool;
	coopmap_network *network;
	coopmap_country_stats *stats;
	coopmap_map_data data;
	coopmap_style style;
};

static void load(struct fixture *f, const char *path, const coopmap_filter *filter)
{
	coopmap_error err = COOPMAP_ERROR_INIT;

	memset(&f->data, 0, sizeof(f->data));
	f->projects = test_read_located(path, f->countries);
	if (filter != NULL)
		coopmap_filter_apply(filter, f->projects);
	if (coopmap_pool_build(f->projects, &f->pool, &err) ||
	    coopmap_join_by_country(f->projects, f->countries, f->pool, &f->stats,
		&f->data.summary, &err) ||
	    coopmap_network_build(f->projects, f->pool, COOPMAP_MEASURE_PROJECTS,
		&f->network, &err))
		fail_msg("%s", err.message);
	f->data.countries = f->countries;
	f->data.stats = f->stats;
	f->data.network = f->network;
}

static void unload(struct fixture *f)
{
	coopmap_network_free(f->network);
	coopmap_pool_free(f->pool);
	free(f->stats);
	coopmap_projects_free(f->projects);
	f->network = NULL;
	f->pool = NULL;
	f->stats = NULL;
	f->projects = NULL;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->countries = test_open_countries("50m", 1);
	coopmap_style_default(&f->style);
	mkdir(TEST_ARTIFACTS, 0755);
	*state = f;
	return f->countries == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unload(f);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static coopmap_render_opts opts_for(struct fixture *f)
{
	coopmap_render_opts opts = COOPMAP_RENDER_OPTS_INIT;

	opts.style = &f->style;
	opts.date = "2026-11-23";
	opts.width = 1600;
	return opts;
}

/* Distance in degrees from a point to the nearest edge of the country. */
static double to_edge(const coopmap_geometry *g, double lon, double lat)
{
	double best = HUGE_VAL;

	for (size_t r = 0; r < g->n_rings; r++) {
		for (size_t i = g->ring_start[r]; i + 1 < g->ring_start[r + 1]; i++) {
			double ax = g->lon[i], ay = g->lat[i];
			double dx = g->lon[i + 1] - ax, dy = g->lat[i + 1] - ay;
			double len = dx * dx + dy * dy;
			double t = len > 0 ? ((lon - ax) * dx + (lat - ay) * dy) / len : 0;

			t = fmax(0, fmin(1, t));
			best = fmin(best, hypot(ax + t * dx - lon, ay + t * dy - lat));
		}
	}
	return best;
}

/*
 * A place is inside its country, or a coastal city that the 1:50m coast
 * leaves in the sea by less than 0.1 degree (Beirut, Dakar): the coast is
 * generalised, the place is not approximate.
 */
/*
 * The subtitle's and the per-country counts of French establishments are
 * those of the map's symbols and of the published page: the pooled ones.
 * The example names 36 establishments in 33 hospitals ("CHU de
 * Strasbourg" and "Hôpitaux universitaires de Strasbourg", "AP-HM" and
 * "AP-HM - Hôpital de la Timone", "AP-HP" and "AP-HP - Hôpital Tenon").
 */
static void test_establishments_counted_as_pooled(void **state)
{
	struct fixture *f = *state;
	size_t french_nodes = 0;
	coopmap_country_stats *by_name = NULL;
	coopmap_summary names;
	coopmap_error err = COOPMAP_ERROR_INIT;

	load(f, "examples/cooperations.csv", NULL);
	for (size_t i = 0; i < coopmap_network_node_count(f->network); i++)
		french_nodes += coopmap_network_node(f->network, i)->kind !=
			COOPMAP_NODE_PARTNER;
	assert_int_equal(f->data.summary.establishments, 33);
	assert_int_equal(f->data.summary.establishments,
		coopmap_pool_establishment_count(f->pool));
	assert_int_equal(f->data.summary.establishments, french_nodes);
	/* Told apart by their names alone, three more. */
	assert_int_equal(coopmap_join_by_country(f->projects, f->countries, NULL,
		&by_name, &names, &err), COOPMAP_OK);
	assert_int_equal(names.establishments, 36);
	free(by_name);
	unload(f);
}

static void test_points_fall_inside_their_country_or_are_approximate(
	void **state)
{
	struct fixture *f = *state;
	size_t checked = 0, approximate = 0;

	load(f, "examples/cooperations.csv", NULL);
	for (size_t i = 0; i < coopmap_network_node_count(f->network); i++) {
		const coopmap_node *n = coopmap_network_node(f->network, i);

		/* An establishment without a place has no country either. */
		if (isnan(n->lat) || n->country == NULL)
			continue;
		if (n->approximate) {
			approximate++;
			continue;
		}
		if (!test_point_in_geometry(&n->country->geometry, n->lon, n->lat) &&
		    to_edge(&n->country->geometry, n->lon, n->lat) > 0.1)
			fail_msg("%s (%s, %s) at %.4f, %.4f is outside %s and not "
				"flagged approximate", n->name, n->city,
				n->kind == COOPMAP_NODE_PARTNER ? "partner" : "French",
				n->lon, n->lat, n->country->iso_a3);
		checked++;
	}
	assert_true(checked >= 40);
	assert_true(approximate >= 1);
	unload(f);
}

static void test_links_across_the_pacific_have_no_long_segment(void **state)
{
	struct fixture *f = *state;
	const char *crs[] = { "EPSG:8857", "+proj=robin +lon_0=150 +type=crs",
		"EPSG:3857", "+proj=eqearth +lon_0=-170 +type=crs" };

	load(f, "tests/data/pacific-links.csv", NULL);
	assert_int_equal(coopmap_network_link_count(f->network), 5);
	for (size_t k = 0; k < sizeof(crs) / sizeof(crs[0]); k++) {
		coopmap_render_opts opts = opts_for(f);
		coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
		coopmap_error err = COOPMAP_ERROR_INIT;
		double width;

		opts.crs = crs[k];
		opts.insets = "";
		if (coopmap_render_map(&f->data, &opts,
		    TEST_ARTIFACTS "/pacific-links.png", &report, &err) != COOPMAP_OK)
			fail_msg("%s: %s", crs[k], err.message);
		width = report.map_frame.x1 - report.map_frame.x0;
		assert_int_equal(report.links_drawn, 5);
		/* Arcs are densified every few device units: no step comes near
		 * a tenth of the map, let alone across it. */
		if (report.longest_link_step > 0.05 * width)
			fail_msg("%s: a link has a segment of %.0f of a %.0f-wide map",
				crs[k], report.longest_link_step, width);
		coopmap_render_report_clear(&report);
	}
	unload(f);
}

static void check_no_overlap(const coopmap_render_report *r)
{
	for (size_t i = 0; i < r->labels_placed + r->point_labels_placed; i++) {
		for (size_t j = i + 1; j < r->labels_placed + r->point_labels_placed;
		     j++)
			assert_false(coopmap_box_intersects(&r->label_boxes[i],
				&r->label_boxes[j]));
		for (size_t p = 0; p < r->points_drawn; p++)
			assert_false(coopmap_box_intersects(&r->label_boxes[i],
				&r->point_boxes[p]));
		assert_false(coopmap_box_intersects(&r->label_boxes[i],
			&r->legend_box));
	}
}

static void test_labels_cover_no_label_and_no_point(void **state)
{
	struct fixture *f = *state;
	const char *extents[] = { "world", "africa", "west-africa" };

	load(f, "examples/cooperations.csv", NULL);
	for (size_t k = 0; k < 3; k++) {
		coopmap_render_opts opts = opts_for(f);
		coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
		coopmap_error err = COOPMAP_ERROR_INIT;

		opts.extent = extents[k];
		assert_int_equal(coopmap_render_map(&f->data, &opts,
			TEST_ARTIFACTS "/network-labels.svg", &report, &err),
			COOPMAP_OK);
		assert_true(report.points_drawn > 5);
		assert_true(report.point_labels_placed > 3);
		assert_true(report.links_drawn > 10);
		check_no_overlap(&report);
		coopmap_render_report_clear(&report);
	}
	unload(f);
}

/* The legend and the scale bar (when drawn) cover no point and no label,
 * and the report says so. */
static void check_furniture_clear(const coopmap_render_report *r)
{
	const coopmap_box *furniture[2] = { &r->legend_box, &r->scale_box };

	for (int k = 0; k < 2; k++) {
		if (furniture[k]->x1 <= furniture[k]->x0)
			continue;
		for (size_t p = 0; p < r->points_drawn; p++)
			assert_false(coopmap_box_intersects(&r->point_boxes[p],
				furniture[k]));
		for (size_t i = 0; i < r->labels_placed + r->point_labels_placed;
		     i++)
			assert_false(coopmap_box_intersects(&r->label_boxes[i],
				furniture[k]));
	}
	assert_int_equal(r->furniture_overlaps, 0);
	/* Nor one piece of furniture over the other. */
	if (r->scale_box.x1 > r->scale_box.x0)
		assert_false(coopmap_box_intersects(&r->legend_box, &r->scale_box));
}

/*
 * The legend and the scale bar go where they hide no place and no name:
 * on the world map, on France (the legend left Marseille's AP-HM) and on
 * Burkina Faso's map as --country frames it (the legend off the country's
 * south-western tip).  Regional maps carry a scale bar, world maps none.
 */
static void test_legend_and_scale_bar_cover_no_point_and_no_label(
	void **state)
{
	struct fixture *f = *state;
	coopmap_filter filter = COOPMAP_FILTER_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *extents[] = { "world", "france" };

	load(f, "examples/cooperations.csv", NULL);
	for (size_t k = 0; k < 2; k++) {
		coopmap_render_opts opts = opts_for(f);
		coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;

		opts.extent = extents[k];
		assert_int_equal(coopmap_render_map(&f->data, &opts,
			TEST_ARTIFACTS "/furniture.png", &report, &err), COOPMAP_OK);
		assert_true(report.points_drawn > 10);
		check_furniture_clear(&report);
		if (k == 0)
			assert_true(report.scale_box.x1 == report.scale_box.x0);
		else
			assert_true(report.scale_box.x1 > report.scale_box.x0);
		coopmap_render_report_clear(&report);
	}
	unload(f);

	assert_int_equal(coopmap_filter_set_countries(&filter, f->countries,
		"BFA", &err), COOPMAP_OK);
	load(f, "examples/cooperations.csv", &filter);
	{
		coopmap_render_opts opts = opts_for(f);
		coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
		/* The south-western lobe, between Côte d'Ivoire and Ghana. */
		double lon[] = { -4.5, -3.5, -2.9 }, lat[] = { 10.2, 10.0, 9.7 };

		opts.extent = "-6.5,8.4,3.4,16.1";   /* as --country BFA frames */
		opts.insets = "france";
		opts.probe_lon = lon;
		opts.probe_lat = lat;
		opts.n_probes = 3;
		assert_int_equal(coopmap_render_map(&f->data, &opts,
			TEST_ARTIFACTS "/furniture-bfa.png", &report, &err),
			COOPMAP_OK);
		check_furniture_clear(&report);
		assert_true(report.scale_box.x1 > report.scale_box.x0);
		for (int i = 0; i < 3; i++) {
			coopmap_box tip = { report.probe_x[i], report.probe_y[i],
				report.probe_x[i], report.probe_y[i] };

			assert_false(coopmap_box_intersects(&tip, &report.legend_box));
			assert_false(coopmap_box_intersects(&tip, &report.scale_box));
		}
		coopmap_render_report_clear(&report);
	}
	unload(f);
}

/*
 * A country map names the neighbours whose land shows in its frame, in the
 * run's language, as <text> in the SVG; a world map names none.  (Togo's
 * sliver of the frame is under the legend: the one neighbour unnamed.)
 */
static void test_country_map_names_its_neighbours(void **state)
{
	struct fixture *f = *state;
	coopmap_filter filter = COOPMAP_FILTER_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	const char *names[] = { ">Mali<", ">Niger<", ">Ghana<",
		">Côte d'Ivoire<", ">Bénin<" };
	gchar *svg;

	assert_int_equal(coopmap_filter_set_countries(&filter, f->countries,
		"BFA", &err), COOPMAP_OK);
	load(f, "examples/cooperations.csv", &filter);
	opts.extent = "-6.5,8.4,3.4,16.1";   /* as --country BFA frames */
	opts.insets = "france";
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/neighbours-bfa.svg", &report, &err), COOPMAP_OK);
	assert_true(report.neighbour_labels_placed >= 5);
	assert_true(report.scale_box.x1 > report.scale_box.x0);
	check_no_overlap(&report);
	assert_true(g_file_get_contents(TEST_ARTIFACTS "/neighbours-bfa.svg",
		&svg, NULL, NULL));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strstr(svg, names[i]) == NULL)
			fail_msg("no %s in the SVG", names[i]);
	g_free(svg);
	coopmap_render_report_clear(&report);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	opts.lang = "en";
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/neighbours-bfa-en.svg", &report, &err),
		COOPMAP_OK);
	assert_true(g_file_get_contents(TEST_ARTIFACTS "/neighbours-bfa-en.svg",
		&svg, NULL, NULL));
	assert_non_null(strstr(svg, ">Benin<"));
	g_free(svg);
	coopmap_render_report_clear(&report);
	unload(f);

	load(f, "examples/cooperations.csv", NULL);
	opts = opts_for(f);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/neighbours-world.png", &report, &err), COOPMAP_OK);
	assert_int_equal(report.neighbour_labels_placed, 0);
	coopmap_render_report_clear(&report);
	unload(f);
}

static void test_world_maps_have_overseas_insets_when_asked(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;

	load(f, "examples/cooperations.csv", NULL);
	opts.insets = "overseas";
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets.png", &report, &err), COOPMAP_OK);
	assert_int_equal(report.insets, 8);
	assert_int_equal(report.insets_left_out, 0);
	coopmap_render_report_clear(&report);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	opts.insets = "";
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets.png", &report, &err), COOPMAP_OK);
	assert_int_equal(report.insets, 0);
	coopmap_render_report_clear(&report);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	opts.extent = "africa";
	opts.insets = NULL;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets.png", &report, &err), COOPMAP_OK);
	assert_int_equal(report.insets, 0);
	coopmap_render_report_clear(&report);
	opts.insets = "france,bogus";
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets.png", &report, &err), COOPMAP_ERR_USAGE);
	assert_non_null(strstr(err.message, "bogus"));
	unload(f);
}

/*
 * Without --insets, a world map draws the overseas insets that show a
 * place, a project or a policy layer: in the example, La Réunion alone (the
 * CHU de La Réunion); the seven others are counted as left out.  A layer
 * over an overseas unit brings its inset back.
 */
static void test_world_map_draws_only_the_insets_with_something_to_show(
	void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;

	load(f, "examples/cooperations.csv", NULL);
	opts.insets = NULL;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets-useful.png", &report, &err), COOPMAP_OK);
	/* Réunion's, and metropolitan France's panel. */
	assert_int_equal(report.insets, 2);
	assert_int_equal(report.insets_left_out, 7);
	/* Both in the frame: no strip under the map, a page the world's
	 * shape (eight insets: 1064 high). */
	assert_true(report.height < 900);
	check_furniture_clear(&report);
	coopmap_render_report_clear(&report);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	opts.insets = "reunion,mayotte";   /* named: drawn, empty or not */
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets-useful.png", &report, &err), COOPMAP_OK);
	assert_int_equal(report.insets, 2);
	assert_int_equal(report.insets_left_out, 0);
	coopmap_render_report_clear(&report);
	unload(f);
}

/* How many point symbols of the world map stand in metropolitan France
 * west of Switzerland (whose Lausanne partner is a point of its own):
 * probes 0 and 1 are that box's corners. */
static size_t points_in_metropole(const coopmap_render_report *r)
{
	double x0 = fmin(r->probe_x[0], r->probe_x[1]);
	double x1 = fmax(r->probe_x[0], r->probe_x[1]);
	double y0 = fmin(r->probe_y[0], r->probe_y[1]);
	double y1 = fmax(r->probe_y[0], r->probe_y[1]);
	size_t n = 0;

	for (size_t p = 0; p < r->points_drawn; p++) {
		double x = (r->point_boxes[p].x0 + r->point_boxes[p].x1) / 2;
		double y = (r->point_boxes[p].y0 + r->point_boxes[p].y1) / 2;

		n += (size_t)(x >= x0 && x <= x1 && y >= y0 && y <= y1);
	}
	return n;
}

/*
 * The demo's world map: its thirty-odd metropolitan establishments crowd
 * into a few groups, so the map draws them in a France panel, where at
 * least ten are named and no two names overlap, and as one origin on the
 * world map, when asked (--france-panel); without it, or with insets
 * named, the layout stays as it was.
 */
/* No two of the page's first n labels overlap, and the legend covers
 * none of them. */
static void check_labels_apart(const coopmap_render_report *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_false(coopmap_box_intersects(&r->label_boxes[i],
			&r->legend_box));
		for (size_t j = i + 1; j < n; j++)
			assert_false(coopmap_box_intersects(&r->label_boxes[i],
				&r->label_boxes[j]));
	}
}

/* text with its runs of white space made one space, trimmed (caller
 * frees). */
static char *one_space(const char *text)
{
	gchar **words = g_strsplit_set(text, " \t\n", -1);
	GString *out = g_string_new(NULL);

	for (int i = 0; words[i] != NULL; i++) {
		if (words[i][0] == '\0')
			continue;
		if (out->len > 0)
			g_string_append_c(out, ' ');
		g_string_append(out, words[i]);
	}
	g_strfreev(words);
	return g_string_free(out, FALSE);
}

/* The names an SVG shows as text, into names: each <text>'s lines joined
 * (a name wrapped on two lines), and each line alone, a group's list's
 * dash taken off ("– CHU de Riom"). */
static void svg_names(xmlNode *node, GHashTable *names)
{
	for (; node != NULL; node = node->next) {
		GString *whole;

		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(node->name, BAD_CAST "text") != 0) {
			svg_names(node->children, names);
			continue;
		}
		whole = g_string_new(NULL);
		for (xmlNode *t = node->children; t != NULL; t = t->next) {
			xmlChar *line;
			char *clean;

			if (t->type != XML_ELEMENT_NODE ||
			    xmlStrcmp(t->name, BAD_CAST "tspan") != 0)
				continue;
			line = xmlNodeGetContent(t);
			clean = one_space((const char *)line);
			g_string_append_printf(whole, "%s%s", whole->len ? " " : "",
				clean);
			g_hash_table_add(names, g_strdup(g_str_has_prefix(clean,
				"– ") ? clean + strlen("– ") : clean));
			g_free(clean);
			xmlFree(line);
		}
		g_hash_table_add(names, g_string_free(whole, FALSE));
	}
}

/* name's short form as a crowded label writes it ("CH de Pau"), or NULL
 * (caller frees). */
static char *short_form(const char *name)
{
	static const char *const full[] = { "Centre hospitalier spécialisé",
		"Centre hospitalier universitaire", "Centre hospitalier" };
	static const char *const abbr[] = { "CHS", "CHU", "CH" };

	for (size_t i = 0; i < 3; i++) {
		if (g_str_has_prefix(name, full[i]))
			return g_strconcat(abbr[i], name + strlen(full[i]), NULL);
	}
	return NULL;
}

/* Every establishment of the network in metropolitan France is named in
 * the SVG at path as text: whole, in its short form, or in a group's
 * list; and there are n of them. */
static void check_svg_names_metropole(const coopmap_network *network,
	const char *path, size_t n)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET |
		XML_PARSE_HUGE);
	GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal,
		g_free, NULL);
	size_t count = 0;

	assert_non_null(doc);
	svg_names(xmlDocGetRootElement(doc), names);
	for (size_t i = 0; i < coopmap_network_node_count(network); i++) {
		const coopmap_node *node = coopmap_network_node(network, i);
		char *shorter, *whole;
		int found;

		/* Metropolitan France, Corsica included. */
		if (node->kind != COOPMAP_NODE_ESTABLISHMENT ||
		    node->lon < -5.5 || node->lon > 9.8 || node->lat < 41.2 ||
		    node->lat > 51.2)
			continue;
		count++;
		/* What stands before a parenthesis, as a label writes it. */
		whole = g_strstrip(strchr(node->name, '(') != NULL &&
			node->name[0] != '(' ? g_strndup(node->name, (gsize)(
			strchr(node->name, '(') - node->name)) : g_strdup(node->name));
		shorter = short_form(whole);
		found = g_hash_table_contains(names, whole) ||
			(shorter != NULL && g_hash_table_contains(names, shorter));
		if (!found)
			fail_msg("%s: '%s' is not named", path, node->name);
		g_free(shorter);
		g_free(whole);
	}
	assert_int_equal(count, n);
	g_hash_table_destroy(names);
	xmlFreeDoc(doc);
}

static void test_world_map_draws_crowded_france_in_a_panel(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const double lon[] = { -5.0, 5.4 }, lat[] = { 42.3, 51.2 };
	const char *paths[] = { TEST_ARTIFACTS "/france-panel.png",
		TEST_ARTIFACTS "/france-panel.svg" };

	load(f, "examples/cooperations.csv", NULL);
	opts.insets = NULL;
	opts.width = 2400;
	opts.probe_lon = lon;
	opts.probe_lat = lat;
	opts.n_probes = 2;
	/* By default, without asking. */
	for (int k = 0; k < 2; k++) {
		assert_int_equal(coopmap_render_map(&f->data, &opts, paths[k],
			&report, &err), COOPMAP_OK);
		assert_true(report.france_panel);
		assert_int_equal(report.insets, 2);   /* Réunion, France */
		/* In the frame: the page keeps the world's shape. */
		assert_true(report.height < 0.6 * report.width);
		/* The panel's 32 metropolitan establishments (the Lausanne
		 * partner aside), every one named, on the PNG (2400 px) and
		 * in the SVG's text (1200 pt): Paris's seven, Lyon's and
		 * Clermont-Ferrand's two listed under their group's name, in
		 * a column of the page beside the world map (26 and 24 named
		 * in a panel over the Pacific alone; 31 and 30 while a name
		 * boxed in by the lists and leader lines placed before it was
		 * not tried first). */
		assert_int_equal(report.france_panel_establishments, 32);
		assert_int_equal(report.france_panel_named, 32);
		if (k == 1)
			check_svg_names_metropole(f->network, paths[k], 32);
		assert_true(report.france_panel_names <= report.france_panel_points);
		assert_int_equal(points_in_metropole(&report), 1);
		check_labels_apart(&report, report.labels_placed +
			report.point_labels_placed + report.france_panel_names);
		check_furniture_clear(&report);
		coopmap_render_report_clear(&report);
		report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
		opts.width = 1200;
	}
	opts.width = 2400;
	opts.france_panel = -1;   /* --no-france-panel: today's layout */
	assert_int_equal(coopmap_render_map(&f->data, &opts, paths[0], &report,
		&err), COOPMAP_OK);
	assert_false(report.france_panel);
	assert_int_equal(report.insets, 1);
	assert_true(points_in_metropole(&report) > 1);
	coopmap_render_report_clear(&report);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	opts.france_panel = 0;
	opts.insets = "reunion";   /* insets named: no panel unless forced */
	assert_int_equal(coopmap_render_map(&f->data, &opts, paths[0], &report,
		&err), COOPMAP_OK);
	assert_false(report.france_panel);
	assert_true(points_in_metropole(&report) > 1);
	coopmap_render_report_clear(&report);
	report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	opts.france_panel = 1;
	assert_int_equal(coopmap_render_map(&f->data, &opts, paths[0], &report,
		&err), COOPMAP_OK);
	assert_true(report.france_panel);
	assert_int_equal(points_in_metropole(&report), 1);
	coopmap_render_report_clear(&report);
	unload(f);
}

/*
 * A list of 300 metropolitan establishments, one in each of 300 French
 * towns of the gazetteer, each with a partner in Africa: the world map
 * still draws them in the panel, its names apart, the legend over none of
 * them, and says how many it names.
 */
static void test_world_map_with_300_french_establishments_stays_readable(
	void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	static const char *const partners[][2] = { { "Dakar", "Sénégal" },
		{ "Bamako", "Mali" }, { "Ouagadougou", "Burkina Faso" },
		{ "Antananarivo", "Madagascar" }, { "Hanoï", "Viêt Nam" } };
	const char *path = TEST_ARTIFACTS "/france-300.csv";
	char line[512];
	FILE *in = fopen(data_path("geodata/places/FR.csv"), "r");
	FILE *out = fopen(path, "w");
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		NULL);
	size_t rows = 0, k = 0;

	assert_non_null(in);
	assert_non_null(out);
	fprintf(out, "etablissement_francais,ville_fr,partenaire,"
		"ville_partenaire,pays\n");
	/* Every seventh town of the metropole, each name once. */
	while (rows < 300 && fgets(line, sizeof(line), in) != NULL) {
		char **cell = g_strsplit(line, ",", -1);
		double lat, lon;

		if (g_strv_length(cell) == 6 && (lat = atof(cell[4])) > 41.5 &&
		    lat < 51 && (lon = atof(cell[5])) > -4.5 && lon < 7.5 &&
		    k++ % 7 == 0 && !g_hash_table_contains(seen, cell[0])) {
			g_hash_table_add(seen, g_strdup(cell[0]));
			fprintf(out, "\"Centre hospitalier de %s\",\"%s\",,%s,%s\n",
				cell[0], cell[0], partners[rows % 5][0],
				partners[rows % 5][1]);
			rows++;
		}
		g_strfreev(cell);
	}
	fclose(in);
	fclose(out);
	g_hash_table_destroy(seen);
	assert_int_equal(rows, 300);

	load(f, path, NULL);
	opts.insets = NULL;
	opts.width = 2400;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/france-300.png", &report, &err), COOPMAP_OK);
	assert_true(report.france_panel);
	assert_true(report.france_panel_establishments >= 290);
	assert_true(report.france_panel_named > 0);
	assert_true(report.france_panel_named <
		report.france_panel_establishments);
	check_labels_apart(&report, report.labels_placed +
		report.point_labels_placed + report.france_panel_names);
	check_furniture_clear(&report);
	coopmap_render_report_clear(&report);
	unload(f);
}

/*
 * A PNG page draws its insets in a thread of its own while the map is drawn
 * above them; an SVG page draws them after the map.  Both must place the
 * same labels (the insets' join the page's placer after the map's points,
 * in the same order), report the same, and the PNG must not change from
 * one run to the next.
 */
static void test_png_insets_drawn_aside_match_the_vector_page(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report png = COOPMAP_RENDER_REPORT_INIT;
	coopmap_render_report svg = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t n;

	load(f, "examples/cooperations.csv", NULL);
	opts.insets = "overseas";
	opts.width = 2400;
	opts.height = 1600;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/insets-aside.svg", &svg, &err), COOPMAP_OK);
	for (int run = 0; run < 2; run++) {
		assert_int_equal(coopmap_render_map(&f->data, &opts, run == 0
			? TEST_ARTIFACTS "/insets-aside-1.png"
			: TEST_ARTIFACTS "/insets-aside-2.png", &png, &err), COOPMAP_OK);
		assert_int_equal(png.insets, 8);
		assert_int_equal(png.insets, svg.insets);
		assert_int_equal(png.links_drawn, svg.links_drawn);
		assert_int_equal(png.labels_placed, svg.labels_placed);
		assert_int_equal(png.point_labels_placed, svg.point_labels_placed);
		assert_true(png.longest_link_step == svg.longest_link_step);
		n = png.labels_placed + png.point_labels_placed;
		assert_true(n > 10);
		assert_memory_equal(png.label_boxes, svg.label_boxes,
			n * sizeof(coopmap_box));
		check_no_overlap(&png);
		coopmap_render_report_clear(&png);
		png = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	}
	{
		size_t na, nb;
		gchar *a, *b;

		assert_true(g_file_get_contents(TEST_ARTIFACTS "/insets-aside-1.png",
			&a, &na, NULL));
		assert_true(g_file_get_contents(TEST_ARTIFACTS "/insets-aside-2.png",
			&b, &nb, NULL));
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		g_free(a);
		g_free(b);
	}
	coopmap_render_report_clear(&svg);
	unload(f);
}

/*
 * On a map of shared partners (render --pool), a marker sits on the
 * network's symbol of the same hospital: the place is named once, by the
 * marker's label, and the symbol keeps its label when the marker has none.
 */
static void test_a_labelled_marker_names_its_place_once(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_marker marker = { 0, 0, 3.0, NULL };
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t placed[3];
	int found = 0;

	load(f, "examples/cooperations.csv", NULL);
	for (size_t i = 0; i < coopmap_network_node_count(f->network); i++) {
		const coopmap_node *n = coopmap_network_node(f->network, i);

		if (n->kind == COOPMAP_NODE_PARTNER && strcmp(n->city, "Kinshasa") == 0) {
			marker.lon = n->lon;
			marker.lat = n->lat;
			found = 1;
		}
	}
	assert_true(found);
	opts.extent = "africa";
	opts.insets = "";
	for (int k = 0; k < 3; k++) {
		coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;

		marker.label = k == 2 ? "Cliniques universitaires de Kinshasa" : "";
		f->data.markers = k == 0 ? NULL : &marker;
		f->data.n_markers = k == 0 ? 0 : 1;
		assert_int_equal(coopmap_render_map(&f->data, &opts,
			TEST_ARTIFACTS "/marker-label.svg", &report, &err), COOPMAP_OK);
		placed[k] = report.point_labels_placed;
		check_no_overlap(&report);
		coopmap_render_report_clear(&report);
	}
	f->data.markers = NULL;
	f->data.n_markers = 0;
	assert_true(placed[0] > 5);
	assert_int_equal(placed[1], placed[0]);
	assert_int_equal(placed[2], placed[0] - 1);
	unload(f);
}

/* The colour of the page at (x, y) of a PNG. */
static void pixel_at(const char *png, double x, double y, int rgb[3])
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(png);
	unsigned char *row;

	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	row = cairo_image_surface_get_data(s) +
		(size_t)y * (size_t)cairo_image_surface_get_stride(s);
	rgb[0] = row[(size_t)x * 4 + 2];
	rgb[1] = row[(size_t)x * 4 + 1];
	rgb[2] = row[(size_t)x * 4 + 0];
	cairo_surface_destroy(s);
}

static int colour_is(const int rgb[3], coopmap_color c)
{
	return abs(rgb[0] - (int)lround(c.r * 255)) <= 3 &&
		abs(rgb[1] - (int)lround(c.g * 255)) <= 3 &&
		abs(rgb[2] - (int)lround(c.b * 255)) <= 3;
}

/*
 * --measure amount: Senegal and Mali in classes of their amounts, Niger,
 * whose project gives none, "not stated", not "no project" nor zero.
 */
static void test_a_measure_not_given_is_not_stated(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = opts_for(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	/* Inland, away from labels and symbols: Tambacounda, Tombouctou,
	 * Agadez regions. */
	double lon[3] = { -13.6, -3.0, 9.0 }, lat[3] = { 14.6, 17.0, 17.5 };
	int rgb[3];

	load(f, "tests/data/measures.csv", NULL);
	f->data.network = NULL;   /* no symbol over the probes */
	f->data.measure = COOPMAP_MEASURE_AMOUNT;
	opts.extent = "west-africa";
	opts.probe_lon = lon;
	opts.probe_lat = lat;
	opts.n_probes = 3;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/measure-amount.png", &report, &err), COOPMAP_OK);
	assert_int_equal(report.classes, 2);
	pixel_at(TEST_ARTIFACTS "/measure-amount.png", report.probe_x[0],
		report.probe_y[0], rgb);
	if (!colour_is(rgb, f->style.classes[1]))
		fail_msg("Senegal is %d,%d,%d, not the second class", rgb[0], rgb[1],
			rgb[2]);
	pixel_at(TEST_ARTIFACTS "/measure-amount.png", report.probe_x[2],
		report.probe_y[2], rgb);
	if (!colour_is(rgb, f->style.not_stated))
		fail_msg("Niger is %d,%d,%d, not the 'not stated' colour", rgb[0],
			rgb[1], rgb[2]);
	coopmap_render_report_clear(&report);
	unload(f);
}

static void test_filters_choose_the_projects(void **state)
{
	struct fixture *f = *state;
	coopmap_filter filter = COOPMAP_FILTER_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char text[256];

	assert_int_equal(coopmap_filter_set_programmes(&filter, "apchi", &err),
		COOPMAP_OK);
	load(f, "examples/cooperations.csv", &filter);
	/* The ten rows funded by the DGOS: the ministry's call. */
	assert_int_equal(coopmap_projects_count(f->projects), 10);
	assert_int_equal(coopmap_projects_rows_read(f->projects), 60);
	unload(f);
	coopmap_filter_clear(&filter);

	filter = (coopmap_filter)COOPMAP_FILTER_INIT;
	assert_int_equal(coopmap_filter_set_years(&filter, "2002", &err),
		COOPMAP_OK);
	assert_int_equal(coopmap_filter_set_countries(&filter, f->countries,
		"Burkina Faso", &err), COOPMAP_OK);
	load(f, "examples/cooperations.csv", &filter);
	assert_int_equal(coopmap_projects_count(f->projects), 10);
	coopmap_filter_describe(&filter, "fr", text, sizeof(text));
	assert_string_equal(text, "engagés en 2002, Burkina Faso");
	unload(f);

	filter = (coopmap_filter)COOPMAP_FILTER_INIT;
	assert_int_equal(coopmap_filter_set_theme(&filter, "hémato", &err),
		COOPMAP_OK);
	load(f, "examples/cooperations.csv", &filter);
	assert_true(coopmap_projects_count(f->projects) >= 1);
	for (size_t i = 0; i < coopmap_projects_count(f->projects); i++)
		assert_non_null(strstr(coopmap_projects_get(f->projects, i)->theme,
			"hémato"));
	unload(f);
	coopmap_filter_clear(&filter);

	assert_int_equal(coopmap_filter_set_years(&filter, "2020-2010", &err),
		COOPMAP_ERR_USAGE);
	assert_int_equal(coopmap_filter_set_programmes(&filter, "apchi,afd", &err),
		COOPMAP_ERR_USAGE);
	assert_int_equal(coopmap_filter_set_countries(&filter, f->countries,
		"Burkina Fasso", &err), COOPMAP_ERR_USAGE);
	assert_non_null(strstr(err.message, "Burkina Faso"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_establishments_counted_as_pooled),
		cmocka_unit_test(test_points_fall_inside_their_country_or_are_approximate),
		cmocka_unit_test(test_links_across_the_pacific_have_no_long_segment),
		cmocka_unit_test(test_labels_cover_no_label_and_no_point),
		cmocka_unit_test(test_world_maps_have_overseas_insets_when_asked),
		cmocka_unit_test(test_world_map_draws_only_the_insets_with_something_to_show),
		cmocka_unit_test(test_legend_and_scale_bar_cover_no_point_and_no_label),
		cmocka_unit_test(test_country_map_names_its_neighbours),
		cmocka_unit_test(test_png_insets_drawn_aside_match_the_vector_page),
		cmocka_unit_test(test_world_map_draws_crowded_france_in_a_panel),
		cmocka_unit_test(
			test_world_map_with_300_french_establishments_stays_readable),
		cmocka_unit_test(test_a_labelled_marker_names_its_place_once),
		cmocka_unit_test(test_a_measure_not_given_is_not_stated),
		cmocka_unit_test(test_filters_choose_the_projects),
	};

	/* The filter's description speaks the default language, French. */
	coopmap_i18n_init("fr");
	return cmocka_run_group_tests(tests, setup, teardown);
}
