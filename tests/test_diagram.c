/* test_diagram.c: the actor diagram, checked on the boxes the code computed
 * (coopmap_diagram_report): no two texts or boxes overlap, no arrow runs
 * through a box or a label other than its own ends and label, every
 * relation is drawn, at A4 and A0, in French and English; and pixels of
 * the PNG where a box was said to be. */
#include "test_util.h"

#include <cairo.h>
#include <string.h>

#include "coopmap/actors.h"
#include "coopmap/diagram.h"
#include "test_svg.h"

static int setup(void **state)
{
	coopmap_actors *a = coopmap_actors_new();
	coopmap_error err = COOPMAP_ERROR_INIT;
	char path[4096];

	*state = a;
	snprintf(path, sizeof(path), "%s", data_path("geodata/actors.csv"));
	if (coopmap_actors_read(a, path, &err) != COOPMAP_OK)
		goto fail;
	snprintf(path, sizeof(path), "%s", data_path("geodata/actor-links.csv"));
	if (coopmap_actors_read_links(a, path, &err) != COOPMAP_OK)
		goto fail;
	return 0;
fail:
	print_error("%s\n", err.message);
	return -1;
}

static int teardown(void **state)
{
	coopmap_actors_free(*state);
	return 0;
}

/* Whether the segment meets the box's interior (touching an edge is not
 * meeting: an arrow ends on its box's edge). */
static int crosses(double x0, double y0, double x1, double y1,
	const coopmap_box *b)
{
	coopmap_box in = { b->x0 + 0.01, b->y0 + 0.01, b->x1 - 0.01,
		b->y1 - 0.01 };
	double t0 = 0, t1 = 1, p[4], q[4];

	p[0] = -(x1 - x0); q[0] = x0 - in.x0;
	p[1] = x1 - x0;    q[1] = in.x1 - x0;
	p[2] = -(y1 - y0); q[2] = y0 - in.y0;
	p[3] = y1 - y0;    q[3] = in.y1 - y0;
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
			continue;
		}
		if (p[i] < 0)
			t0 = fmax(t0, q[i] / p[i]);
		else
			t1 = fmin(t1, q[i] / p[i]);
		if (t0 > t1)
			return 0;
	}
	return 1;
}

static void check_report(const coopmap_diagram_report *r,
	const coopmap_actors *actors, const char *what)
{
	size_t n = r->n_boxes + r->n_arrows + r->n_texts;
	coopmap_box *all = calloc(n + 1, sizeof(*all));
	coopmap_box page = { 0, 0, r->width, r->height };
	size_t k = 0;

	assert_int_equal(r->links_drawn, coopmap_actors_link_count(actors));
	assert_true(r->n_arrows >= 20);
	memcpy(all + k, r->boxes, r->n_boxes * sizeof(*all));
	k += r->n_boxes;
	memcpy(all + k, r->arrow_labels, r->n_arrows * sizeof(*all));
	k += r->n_arrows;
	memcpy(all + k, r->texts, r->n_texts * sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		if (all[i].x1 <= all[i].x0)
			fail_msg("%s: box %zu was not placed", what, i);
		if (!coopmap_box_inside(&all[i], &page))
			fail_msg("%s: box %zu leaves the page", what, i);
		for (size_t j = i + 1; j < n; j++) {
			if (coopmap_box_intersects(&all[i], &all[j]))
				fail_msg("%s: boxes %zu (%.0f,%.0f) and %zu (%.0f,%.0f) "
					"overlap", what, i, all[i].x0, all[i].y0, j,
					all[j].x0, all[j].y0);
		}
	}
	for (size_t a = 0; a < r->n_arrows; a++) {
		assert_true(r->arrow_start[a + 1] - r->arrow_start[a] >= 2);
		for (size_t p = r->arrow_start[a]; p + 1 < r->arrow_start[a + 1];
		     p++) {
			for (size_t b = 0; b < r->n_boxes; b++) {
				if (b != r->arrow_from[a] && b != r->arrow_to[a] &&
				    crosses(r->x[p], r->y[p], r->x[p + 1], r->y[p + 1],
				    &r->boxes[b]))
					fail_msg("%s: arrow %zu runs through box %zu", what,
						a, b);
			}
			for (size_t l = 0; l < r->n_arrows; l++) {
				if (l != a && crosses(r->x[p], r->y[p], r->x[p + 1],
				    r->y[p + 1], &r->arrow_labels[l]))
					fail_msg("%s: arrow %zu runs through the label of "
						"arrow %zu", what, a, l);
			}
			for (size_t t = 0; t < r->n_texts; t++) {
				if (crosses(r->x[p], r->y[p], r->x[p + 1], r->y[p + 1],
				    &r->texts[t]))
					fail_msg("%s: arrow %zu runs through text %zu", what,
						a, t);
			}
		}
	}
	free(all);
}

static void draw_and_check(coopmap_actors *actors, const char *file,
	const char *lang, int width, int height)
{
	coopmap_diagram_opts opts = COOPMAP_DIAGRAM_OPTS_INIT;
	coopmap_diagram_report r = COOPMAP_DIAGRAM_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char path[512];

	opts.lang = lang;
	opts.width = width;
	opts.height = height;
	opts.date = "2026-11-23";
	snprintf(path, sizeof(path), TEST_ARTIFACTS "/%s", file);
	if (coopmap_diagram_render(actors, &opts, path, &r, &err) != COOPMAP_OK)
		fail_msg("%s: %s", file, err.message);
	assert_int_equal(r.width, width);
	check_report(&r, actors, file);
	coopmap_diagram_report_clear(&r);
}

static void test_diagram_a4_has_no_overlap_and_no_arrow_through_a_label(
	void **state)
{
	draw_and_check(*state, "acteurs-a4.pdf", "fr", 842, 595);
}

static void test_diagram_a0_is_the_same_picture_scaled(void **state)
{
	draw_and_check(*state, "acteurs-a0.svg", "fr", 3370, 2384);
}

static void test_diagram_in_english(void **state)
{
	draw_and_check(*state, "actors-en.png", "en", 2400, 1697);
}

/* The PNG shows a box where the report says it is: the pixel just inside
 * its right edge has the family's fill, not the page's white. */
static void test_png_pixels_match_the_report(void **state)
{
	coopmap_diagram_opts opts = COOPMAP_DIAGRAM_OPTS_INIT;
	coopmap_diagram_report r = COOPMAP_DIAGRAM_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	cairo_surface_t *png;
	unsigned char *data;
	int stride;

	assert_int_equal(coopmap_diagram_render(*state, &opts,
		TEST_ARTIFACTS "/acteurs.png", &r, &err), COOPMAP_OK);
	png = cairo_image_surface_create_from_png(TEST_ARTIFACTS "/acteurs.png");
	assert_int_equal(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
	data = cairo_image_surface_get_data(png);
	stride = cairo_image_surface_get_stride(png);
	for (size_t b = 0; b < r.n_boxes; b++) {
		int x = (int)(r.boxes[b].x1 - 4);
		int y = (int)((r.boxes[b].y0 + r.boxes[b].y1) / 2);
		unsigned char *px = data + y * stride + x * 4;

		if (px[0] == 255 && px[1] == 255 && px[2] == 255)
			fail_msg("box %zu: white at (%d,%d)", b, x, y);
	}
	cairo_surface_destroy(png);
	coopmap_diagram_report_clear(&r);
}

/* Every top-level actor has a box; parts are inside their parent's. */
static void test_every_actor_is_drawn(void **state)
{
	coopmap_actors *actors = *state;
	coopmap_diagram_opts opts = COOPMAP_DIAGRAM_OPTS_INIT;
	coopmap_diagram_report r = COOPMAP_DIAGRAM_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t top = 0;

	assert_int_equal(coopmap_diagram_render(actors, &opts,
		TEST_ARTIFACTS "/acteurs-count.svg", &r, &err), COOPMAP_OK);
	for (size_t i = 0; i < coopmap_actors_count(actors); i++)
		top += coopmap_actors_get(actors, i)->parent[0] == '\0';
	assert_int_equal(r.n_boxes, top);
	coopmap_diagram_report_clear(&r);
}

/* A user's files on top of the bundled ones: the same guarantees. */
static void test_extended_actors_keep_the_guarantees(void **state)
{
	coopmap_actors *a = coopmap_actors_new();
	coopmap_error err = COOPMAP_ERROR_INIT;
	char path[4096];

	(void)state;
	snprintf(path, sizeof(path), "%s", data_path("geodata/actors.csv"));
	assert_int_equal(coopmap_actors_read(a, path, &err), COOPMAP_OK);
	assert_int_equal(coopmap_actors_read(a, "tests/data/actors-extra.csv",
		&err), COOPMAP_OK);
	snprintf(path, sizeof(path), "%s", data_path("geodata/actor-links.csv"));
	assert_int_equal(coopmap_actors_read_links(a, path, &err), COOPMAP_OK);
	assert_int_equal(coopmap_actors_read_links(a,
		"tests/data/actor-links-extra.csv", &err), COOPMAP_OK);
	draw_and_check(a, "acteurs-etendus.png", "fr", 2400, 1697);
	draw_and_check(a, "acteurs-etendus-a4.pdf", "en", 842, 595);
	coopmap_actors_free(a);
}

static void test_bad_extension_and_size_are_usage_errors(void **state)
{
	coopmap_diagram_opts opts = COOPMAP_DIAGRAM_OPTS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(coopmap_diagram_render(*state, &opts,
		TEST_ARTIFACTS "/acteurs.gif", NULL, &err), COOPMAP_ERR_USAGE);
	opts.width = 300;
	opts.height = 600;
	assert_int_equal(coopmap_diagram_render(*state, &opts,
		TEST_ARTIFACTS "/acteurs-portrait.png", NULL, &err),
		COOPMAP_ERR_USAGE);
}

/* In SVG the diagram's texts are text: the title, each box's label and
 * role (styled runs of one <text>), each page text of the report; no
 * glyph outline. */
static void test_svg_keeps_the_texts_as_text(void **state)
{
	coopmap_diagram_opts opts = COOPMAP_DIAGRAM_OPTS_INIT;
	coopmap_diagram_report r = COOPMAP_DIAGRAM_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	test_svg svg;

	opts.date = "2026-11-23";
	assert_int_equal(coopmap_diagram_render(*state, &opts,
		TEST_ARTIFACTS "/acteurs-texte.svg", &r, &err), COOPMAP_OK);
	svg = test_svg_read(TEST_ARTIFACTS "/acteurs-texte.svg");
	assert_int_equal(svg.n_symbols, 0);
	assert_true(test_svg_has_line(&svg,
		"Qui fait quoi dans la coopération hospitalière internationale"));
	assert_true(test_svg_has_line(&svg, "Direction"));
	assert_true(test_svg_has_line(&svg, "pilote"));
	assert_true((size_t)svg.n_texts >= r.n_boxes + r.n_texts);
	test_svg_clear(&svg);
	coopmap_diagram_report_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_diagram_a4_has_no_overlap_and_no_arrow_through_a_label),
		cmocka_unit_test(test_diagram_a0_is_the_same_picture_scaled),
		cmocka_unit_test(test_diagram_in_english),
		cmocka_unit_test(test_png_pixels_match_the_report),
		cmocka_unit_test(test_every_actor_is_drawn),
		cmocka_unit_test(test_extended_actors_keep_the_guarantees),
		cmocka_unit_test(test_bad_extension_and_size_are_usage_errors),
		cmocka_unit_test(test_svg_keeps_the_texts_as_text),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
