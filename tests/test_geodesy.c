/* test_geodesy.c: projections through PROJ and geodesic distances; the
 * distances are rows of tests/data/geodesic-distances.csv. */
#include "test_util.h"

#include <string.h>

#include "coopmap/geodesy.h"
#include "coopmap/table.h"

static void test_geodesic_distances_match_reference_rows(void **state)
{
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_table_read("tests/data/geodesic-distances.csv",
		NULL, &t, &err), COOPMAP_OK);
	assert_true(coopmap_table_row_count(t) >= 5);
	for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
		double v[6];

		for (size_t c = 0; c < 6; c++)
			v[c] = atof(coopmap_table_cell(t, r, c));
		assert_close(coopmap_geodesic_distance(v[0], v[1], v[2], v[3]),
			v[4], v[5]);
	}
	coopmap_table_free(t);
}

static void test_equal_earth_is_default_and_centred(void **state)
{
	coopmap_projection *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	double x[3] = { 0, 10, -10 }, y[3] = { 0, 20, 20 }, area[4];

	(void)state;
	assert_int_equal(coopmap_projection_new("EPSG:8857", &p, &err), COOPMAP_OK);
	assert_string_equal(coopmap_projection_name(p), "Equal Earth");
	assert_string_equal(coopmap_projection_code(p), "EPSG:8857");
	coopmap_projection_forward(p, x, y, 3);
	assert_close(x[0], 0, 1e-6);
	assert_close(y[0], 0, 1e-6);
	assert_close(x[1], -x[2], 1e-6);   /* symmetric about the meridian */
	assert_true(y[1] > 2000000);       /* northing in metres */
	coopmap_projection_valid_area(p, area);
	assert_close(area[0], -180, 1e-9);
	assert_close(area[2], 180, 1e-9);
	coopmap_projection_free(p);
}

/* A copy (for another thread) projects as the original does, and lives
 * on after it. */
static void test_a_cloned_projection_projects_the_same(void **state)
{
	coopmap_projection *p = NULL, *copy = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	double x[3] = { 2.35, -149.57, 170 }, y[3] = { 48.86, -17.53, -40 };
	double cx[3], cy[3], area[4], carea[4];

	(void)state;
	memcpy(cx, x, sizeof(x));
	memcpy(cy, y, sizeof(y));
	assert_int_equal(coopmap_projection_new("+proj=robin +lon_0=150 +type=crs",
		&p, &err), COOPMAP_OK);
	assert_int_equal(coopmap_projection_clone(p, &copy, &err), COOPMAP_OK);
	coopmap_projection_forward(p, x, y, 3);
	coopmap_projection_valid_area(p, area);
	coopmap_projection_free(p);
	coopmap_projection_forward(copy, cx, cy, 3);
	coopmap_projection_valid_area(copy, carea);
	assert_memory_equal(x, cx, sizeof(x));
	assert_memory_equal(y, cy, sizeof(y));
	assert_memory_equal(area, carea, sizeof(area));
	assert_close(coopmap_projection_central_meridian(copy), 150, 1e-9);
	assert_true(x[0] < 0 && x[2] > 0);   /* Paris west of 150 E, 170 E east */
	coopmap_projection_free(copy);
}

static void test_central_meridian_of_a_proj_string(void **state)
{
	coopmap_projection *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	double area[4];

	(void)state;
	assert_int_equal(coopmap_projection_new("+proj=robin +lon_0=150 +type=crs",
		&p, &err), COOPMAP_OK);
	assert_close(coopmap_projection_central_meridian(p), 150, 1e-9);
	coopmap_projection_valid_area(p, area);
	assert_close(area[0], -30, 1e-9);
	assert_close(area[2], 330, 1e-9);
	coopmap_projection_free(p);
}

static void test_web_mercator_stops_short_of_the_poles(void **state)
{
	coopmap_projection *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	double area[4];

	(void)state;
	assert_int_equal(coopmap_projection_new("EPSG:3857", &p, &err), COOPMAP_OK);
	coopmap_projection_valid_area(p, area);
	assert_true(area[1] >= -85.1 && area[3] <= 85.1);
	coopmap_projection_free(p);
}

static void test_unknown_crs_is_an_error(void **state)
{
	coopmap_projection *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_projection_new("EPSG:999999", &p, &err),
		COOPMAP_ERR_CRS);
	assert_null(p);
	assert_non_null(strstr(err.message, "EPSG:999999"));
	assert_int_equal(coopmap_projection_new("nonsense", &p, &err),
		COOPMAP_ERR_CRS);
}

static void test_outline_is_closed_and_dense(void **state)
{
	coopmap_projection *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_polyline ring = { 0, NULL, NULL };

	(void)state;
	assert_int_equal(coopmap_projection_new("ESRI:54030", &p, &err), COOPMAP_OK);
	assert_int_equal(coopmap_projection_outline(p, 1.0, &ring, &err),
		COOPMAP_OK);
	assert_true(ring.n > 1000);
	assert_close(ring.x[0], ring.x[ring.n - 1], 0);
	assert_close(ring.y[0], ring.y[ring.n - 1], 0);
	for (size_t i = 1; i < ring.n; i++)
		assert_true(fabs(ring.x[i] - ring.x[i - 1]) <= 1.0 + 1e-9);
	coopmap_polyline_clear(&ring);
	coopmap_projection_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geodesic_distances_match_reference_rows),
		cmocka_unit_test(test_equal_earth_is_default_and_centred),
		cmocka_unit_test(test_central_meridian_of_a_proj_string),
		cmocka_unit_test(test_a_cloned_projection_projects_the_same),
		cmocka_unit_test(test_web_mercator_stops_short_of_the_poles),
		cmocka_unit_test(test_unknown_crs_is_an_error),
		cmocka_unit_test(test_outline_is_closed_and_dense),
	};
	return cmocka_run_group_tests_name("geodesy", tests, NULL, NULL);
}
