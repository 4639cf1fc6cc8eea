/* test_render.c: the map as a person sees it: pixels sampled where the
 * answer is known, no antimeridian streaks in several projections, labels
 * that do not overlap, a reference image compared with a tolerance, and
 * identical SVG from identical input. */
#include "test_util.h"
#include "test_image.h"

#include <cairo.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coopmap/country.h"
#include "coopmap/i18n.h"
#include "coopmap/join.h"
#include "coopmap/layers.h"
#include "coopmap/records.h"
#include "coopmap/render.h"

struct fixture {
	coopmap_countries *countries;
	coopmap_projects *projects;
	coopmap_layer *cicd;
	const coopmap_layer *layers[1];
	coopmap_country_stats *stats;
	coopmap_map_data data;
	coopmap_style style;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	coopmap_error err = COOPMAP_ERROR_INIT;
	char layer[4096];

	snprintf(layer, sizeof(layer), "%s",
		data_path("geodata/layers/cicd-2018.csv"));
	f->countries = test_open_countries("50m", 1);
	if (f->countries == NULL ||
	    coopmap_layer_load(layer, f->countries, &f->cicd, &err) ||
	    coopmap_projects_read("examples/cooperations.csv", NULL, f->countries,
		&f->projects, &err) ||
	    coopmap_join_by_country(f->projects, f->countries, NULL, &f->stats,
		&f->data.summary, &err)) {
		print_error("%s\n", err.message);
		return -1;
	}
	f->data.countries = f->countries;
	f->data.stats = f->stats;
	f->layers[0] = f->cicd;
	f->data.layers = f->layers;
	f->data.n_layers = 1;
	coopmap_style_default(&f->style);
	mkdir(TEST_ARTIFACTS, 0755);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->stats);
	coopmap_projects_free(f->projects);
	coopmap_layer_free(f->cicd);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static coopmap_render_opts base_opts(struct fixture *f)
{
	coopmap_render_opts opts = COOPMAP_RENDER_OPTS_INIT;

	opts.style = &f->style;
	opts.date = "2026-11-23";
	opts.insets = "";   /* the reference images are of the map alone */
	return opts;
}

static int near(struct rgb p, coopmap_color c, int tol)
{
	return abs(p.r - (int)(c.r * 255 + 0.5)) <= tol &&
		abs(p.g - (int)(c.g * 255 + 0.5)) <= tol &&
		abs(p.b - (int)(c.b * 255 + 0.5)) <= tol;
}

static __attribute__((unused)) int is_land_fill(struct fixture *f, struct rgb p)
{
	if (near(p, f->style.land, 6))
		return 1;
	for (int k = 0; k < f->style.n_classes; k++) {
		if (near(p, f->style.classes[k], 6))
			return 1;
	}
	return 0;
}

/*
 * The smallest share of sea in any row y0..y1 of the frame.  A polygon
 * drawn across the antimeridian becomes a band that covers whole rows,
 * sea included; a correct map has some sea on every row away from the
 * poles (the Atlantic, the Pacific, the Bering Strait).
 */
static double least_sea_in_rows(struct fixture *f, cairo_surface_t *s,
	const coopmap_box *frame, int y0, int y1)
{
	double least = 1.0;
	int width = (int)(frame->x1 - frame->x0) - 2;

	for (int y = y0; y <= y1; y++) {
		int sea = 0;

		for (int x = (int)frame->x0 + 1; x < (int)frame->x1 - 1; x++) {
			struct rgb p = test_pixel(s, x, y);

			/* Sea, or a parallel of the graticule drawn over it
			 * (antialiased: a blend of the two colours). */
			sea += near(p, f->style.ocean, 12) ||
				(near(p, f->style.graticule, 40) && p.b > p.r + 10);
		}
		if ((double)sea / width < least)
			least = (double)sea / width;
	}
	return least;
}

static cairo_surface_t *render_png(struct fixture *f, coopmap_render_opts *opts,
	const char *path, coopmap_render_report *report)
{
	coopmap_error err = COOPMAP_ERROR_INIT;
	cairo_surface_t *s;

	if (coopmap_render_map(&f->data, opts, path, report, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	s = cairo_image_surface_create_from_png(path);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	return s;
}

/* Plate carrée: lon/lat to a pixel of the frame. */
static void plate_carree(const coopmap_box *frame, double lon, double lat,
	int *x, int *y)
{
	*x = (int)(frame->x0 + (lon + 180) / 360 * (frame->x1 - frame->x0));
	*y = (int)(frame->y0 + (90 - lat) / 180 * (frame->y1 - frame->y0));
}

static void test_plate_carree_pixels_mali_pacific_no_streak(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	cairo_surface_t *s;
	int x, y, class_seen = 0, hatch_seen = 0, top, bottom;

	opts.crs = "EPSG:4326";
	opts.extent = "-180,-90,180,90";
	opts.width = 3600;
	opts.height = 1800;
	s = render_png(f, &opts, TEST_ARTIFACTS "/render-4326.png", &report);

	/* Inside Mali (CICD, with projects): a choropleth class and hatching. */
	plate_carree(&report.map_frame, -2.0, 17.0, &x, &y);
	for (int dy = -6; dy <= 6; dy++) {
		for (int dx = -6; dx <= 6; dx++) {
			struct rgb p = test_pixel(s, x + dx, y + dy);

			for (int k = 0; k < f->style.n_classes; k++)
				class_seen |= near(p, f->style.classes[k], 8);
			hatch_seen |= near(p, f->style.priority_hatch, 40);
		}
	}
	assert_true(class_seen);
	assert_true(hatch_seen);

	/* The open Pacific is ocean (south of the legend, which has the
	 * least land beside it). */
	plate_carree(&report.map_frame, -140.0, -35.0, &x, &y);
	assert_true(near(test_pixel(s, x, y), f->style.ocean, 3));

	/* No row between 55 S and 80 N is one long streak of land. */
	plate_carree(&report.map_frame, 0, 80, &x, &top);
	plate_carree(&report.map_frame, 0, -55, &x, &bottom);
	assert_true(least_sea_in_rows(f, s, &report.map_frame, top, bottom) >
		0.05);
	cairo_surface_destroy(s);
	coopmap_render_report_clear(&report);
}

/* A country with no polygon at 50m that has projects is a disc of its
 * class's colour at its point (Tokelau's atoll, Tuvalu's): the sea there
 * before. */
static void test_small_states_are_marked_in_their_class_colour(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_projects *projects = NULL;
	coopmap_country_stats *stats = NULL;
	coopmap_map_data data = f->data;
	static const double points[][2] = { { -172.487, -8.563 },
		{ 179.211, -8.518 } };
	cairo_surface_t *s;

	if (coopmap_projects_read("tests/data/export-small-states.csv", NULL,
	    f->countries, &projects, &err) ||
	    coopmap_join_by_country(projects, f->countries, NULL, &stats,
		&data.summary, &err))
		fail_msg("%s", err.message);
	data.stats = stats;
	opts.crs = "EPSG:4326";
	opts.extent = "-180,-90,180,90";
	opts.width = 3600;
	opts.height = 1800;
	if (coopmap_render_map(&data, &opts, TEST_ARTIFACTS "/render-points.png",
	    &report, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	s = cairo_image_surface_create_from_png(TEST_ARTIFACTS "/render-points.png");
	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		int x, y, class_seen = 0;

		plate_carree(&report.map_frame, points[i][0], points[i][1], &x, &y);
		/* Round the centre: a label's anchor dot may cover it. */
		for (int d = 0; d < 9; d++)
			for (int k = 0; k < f->style.n_classes; k++)
				class_seen |= near(test_pixel(s, x + d % 3 * 4 - 4,
					y + d / 3 * 4 - 4), f->style.classes[k], 8);
		if (!class_seen)
			fail_msg("no class colour around %g, %g", points[i][0],
				points[i][1]);
	}
	cairo_surface_destroy(s);
	coopmap_render_report_clear(&report);
	free(stats);
	coopmap_projects_free(projects);
}

static void test_no_streaks_in_shifted_and_mercator_projections(void **state)
{
	static const char *const crs[] = { "+proj=robin +lon_0=150 +type=crs",
		"EPSG:3857", "ESRI:54030", "+proj=eqearth +lon_0=-170 +type=crs" };
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(crs) / sizeof(crs[0]); i++) {
		coopmap_render_opts opts = base_opts(f);
		coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
		cairo_surface_t *s;
		double h;

		opts.crs = crs[i];
		opts.width = 1600;
		s = render_png(f, &opts, TEST_ARTIFACTS "/render-shifted.png", &report);
		h = report.map_frame.y1 - report.map_frame.y0;
		/* Rows away from the poles (Antarctica is land edge to edge). */
		if (least_sea_in_rows(f, s, &report.map_frame,
		    (int)(report.map_frame.y0 + 0.05 * h),
		    (int)(report.map_frame.y0 + 0.75 * h)) <= 0.05)
			fail_msg("%s: a row is one long streak of land", crs[i]);
		cairo_surface_destroy(s);
		coopmap_render_report_clear(&report);
	}
}

static void test_labels_do_not_overlap_each_other_or_the_legend(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/labels.svg", &report, &err), COOPMAP_OK);
	assert_int_equal(report.labels_wanted, 27);
	assert_int_equal(report.labels_placed, report.labels_wanted);
	for (size_t i = 0; i < report.labels_placed; i++) {
		assert_true(coopmap_box_inside(&report.label_boxes[i],
			&report.map_frame));
		assert_false(coopmap_box_intersects(&report.label_boxes[i],
			&report.legend_box));
		for (size_t j = i + 1; j < report.labels_placed; j++)
			assert_false(coopmap_box_intersects(&report.label_boxes[i],
				&report.label_boxes[j]));
	}
	coopmap_render_report_clear(&report);
}

static void test_world_map_matches_the_reference_image(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	cairo_surface_t *out, *ref;
	long differing;

	opts.width = 1200;
	out = render_png(f, &opts, TEST_ARTIFACTS "/world-1200.png", NULL);
	ref = cairo_image_surface_create_from_png("tests/data/ref/world-1200.png");
	assert_int_equal(cairo_surface_status(ref), CAIRO_STATUS_SUCCESS);
	differing = test_image_differing(out, ref, 48);
	assert_true(differing >= 0);
	if (differing > cairo_image_surface_get_width(ref) *
	    cairo_image_surface_get_height(ref) / 200) {
		test_image_write_diff(out, ref, 48,
			TEST_ARTIFACTS "/world-1200-diff.png");
		fail_msg("%ld pixels differ from tests/data/ref/world-1200.png; "
			"see " TEST_ARTIFACTS "/world-1200-diff.png", differing);
	}
	cairo_surface_destroy(out);
	cairo_surface_destroy(ref);
}

static char *slurp(const char *path, size_t *size)
{
	FILE *in = fopen(path, "rb");
	char *buf;

	assert_non_null(in);
	fseek(in, 0, SEEK_END);
	*size = (size_t)ftell(in);
	rewind(in);
	buf = malloc(*size + 1);
	assert_int_equal(fread(buf, 1, *size, in), *size);
	fclose(in);
	return buf;
}

/* SVG and PDF are compared across processes in test_cli (Cairo numbers
 * their objects per process). */
static void test_same_input_gives_identical_png(void **state)
{
	static const char *const ext[] = { "png" };
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_error err = COOPMAP_ERROR_INIT;

	for (size_t i = 0; i < 1; i++) {
		char a[256], b[256];
		size_t na, nb;
		char *da, *db;

		snprintf(a, sizeof(a), TEST_ARTIFACTS "/same-1.%s", ext[i]);
		snprintf(b, sizeof(b), TEST_ARTIFACTS "/same-2.%s", ext[i]);
		assert_int_equal(coopmap_render_map(&f->data, &opts, a, NULL, &err), 0);
		assert_int_equal(coopmap_render_map(&f->data, &opts, b, NULL, &err), 0);
		da = slurp(a, &na);
		db = slurp(b, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(da, db, na);
		assert_true(na > 1000);
		free(da);
		free(db);
	}
}

static void test_errors_leave_no_output_file(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/must-not-exist.png";

	unlink(path);
	opts.crs = "EPSG:999999";
	assert_int_equal(coopmap_render_map(&f->data, &opts, path, NULL, &err),
		COOPMAP_ERR_CRS);
	assert_int_equal(access(path, F_OK), -1);
	opts = base_opts(f);
	opts.extent = "10,10,5,5";
	assert_int_equal(coopmap_render_map(&f->data, &opts, path, NULL, &err),
		COOPMAP_ERR_USAGE);
	assert_int_equal(access(path, F_OK), -1);
	opts = base_opts(f);
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		"/nonexistent-dir/map.png", NULL, &err), COOPMAP_ERR_IO);
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/map.jpeg", NULL, &err), COOPMAP_ERR_USAGE);
}

static void test_three_layers_are_drawn_and_in_the_legend(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_render_report one = COOPMAP_RENDER_REPORT_INIT;
	coopmap_render_report three = COOPMAP_RENDER_REPORT_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_layer *extra[2] = { NULL, NULL };
	const coopmap_layer *layers[3];
	const char *paths[2] = { "geodata/layers/health-agreements.csv",
		"geodata/layers/francophonie.csv" };
	coopmap_map_data data = f->data;

	for (int i = 0; i < 2; i++)
		assert_int_equal(coopmap_layer_load(paths[i], f->countries, &extra[i],
			&err), COOPMAP_OK);
	layers[0] = f->cicd;
	layers[1] = extra[0];
	layers[2] = extra[1];
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/layers-1.png", &one, &err), COOPMAP_OK);
	data.layers = layers;
	data.n_layers = 3;
	assert_int_equal(coopmap_render_map(&data, &opts,
		TEST_ARTIFACTS "/layers-3.png", &three, &err), COOPMAP_OK);
	assert_int_equal(one.legend_rows, (size_t)one.classes + 2);
	assert_int_equal(three.legend_rows, (size_t)three.classes + 4);
	assert_true(three.legend_box.y1 - three.legend_box.y0 >
		one.legend_box.y1 - one.legend_box.y0);
	coopmap_render_report_clear(&one);
	coopmap_render_report_clear(&three);
	coopmap_layer_free(extra[0]);
	coopmap_layer_free(extra[1]);
}

static void test_missing_font_is_a_style_error(void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_style style = f->style;

	snprintf(style.font_family, sizeof(style.font_family), "No Such Font 42");
	opts.style = &style;
	assert_int_equal(coopmap_render_map(&f->data, &opts,
		TEST_ARTIFACTS "/font.png", NULL, &err), COOPMAP_ERR_STYLE);
	assert_non_null(strstr(err.message, "No Such Font 42"));
}

/*
 * A style given in code is not range-checked as a file is: the renderer
 * keeps hatch lines a device unit apart at least (a spacing of 1e-300
 * never ended).  Two spacings under a pixel draw the same PNG, bytes for
 * bytes: both one pixel apart.
 */
static void test_hatch_finer_than_a_device_unit_is_drawn_one_apart(
	void **state)
{
	struct fixture *f = *state;
	coopmap_render_opts opts = base_opts(f);
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_style fine = f->style, finer = f->style;
	const char *a = TEST_ARTIFACTS "/hatch-fine.png";
	const char *b = TEST_ARTIFACTS "/hatch-finer.png";
	char *text_a, *text_b;
	size_t size_a, size_b;

	fine.priority_hatch_spacing = 0.5;     /* 0.35 px at 1200x700 */
	finer.priority_hatch_spacing = 0.05;
	opts.width = 1200;
	opts.height = 700;
	opts.style = &fine;
	assert_int_equal(coopmap_render_map(&f->data, &opts, a, NULL, &err),
		COOPMAP_OK);
	opts.style = &finer;
	assert_int_equal(coopmap_render_map(&f->data, &opts, b, NULL, &err),
		COOPMAP_OK);
	text_a = slurp(a, &size_a);
	text_b = slurp(b, &size_b);
	assert_int_equal(size_a, size_b);
	assert_memory_equal(text_a, text_b, size_a);
	free(text_a);
	free(text_b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plate_carree_pixels_mali_pacific_no_streak),
		cmocka_unit_test(test_small_states_are_marked_in_their_class_colour),
		cmocka_unit_test(test_no_streaks_in_shifted_and_mercator_projections),
		cmocka_unit_test(test_labels_do_not_overlap_each_other_or_the_legend),
		cmocka_unit_test(test_world_map_matches_the_reference_image),
		cmocka_unit_test(test_same_input_gives_identical_png),
		cmocka_unit_test(test_errors_leave_no_output_file),
		cmocka_unit_test(test_three_layers_are_drawn_and_in_the_legend),
		cmocka_unit_test(test_missing_font_is_a_style_error),
		cmocka_unit_test(test_hatch_finer_than_a_device_unit_is_drawn_one_apart),
	};

	/* The map's words in the program's default language, French. */
	coopmap_i18n_init("fr");
	return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
