/* test_cut.c: antimeridian cutting, valid-area clipping, densification. */
#include "test_util.h"

#include "coopmap/country.h"
#include "coopmap/cut.h"

static coopmap_countries *registry;

static int open_registry(void **state)
{
	(void)state;
	registry = test_open_countries("50m", 0);
	return registry != NULL ? 0 : -1;
}

static int close_registry(void **state)
{
	(void)state;
	coopmap_countries_free(registry);
	return 0;
}

static void assert_inside(const coopmap_rings *r, const double area[4])
{
	for (size_t i = 0; i < r->n_points; i++) {
		if (r->x[i] < area[0] - 1e-6 || r->x[i] > area[2] + 1e-6 ||
		    r->y[i] < area[1] - 1e-6 || r->y[i] > area[3] + 1e-6)
			fail_msg("point %zu (%g, %g) outside [%g %g %g %g]", i,
				r->x[i], r->y[i], area[0], area[1], area[2], area[3]);
	}
}

static void assert_no_step_longer_than(const coopmap_rings *r, double step)
{
	for (size_t k = 0; k < r->n_rings; k++) {
		for (size_t i = r->start[k] + 1; i < r->start[k + 1]; i++) {
			if (fabs(r->x[i] - r->x[i - 1]) > step + 1e-9 ||
			    fabs(r->y[i] - r->y[i - 1]) > step + 1e-9)
				fail_msg("ring %zu: step of (%g, %g)", k,
					r->x[i] - r->x[i - 1], r->y[i] - r->y[i - 1]);
		}
	}
}

static void test_russia_is_cut_for_a_pacific_centred_map(void **state)
{
	const double area[4] = { -30, -90, 330, 90 };  /* lon_0 = 150 */
	coopmap_rings out = COOPMAP_RINGS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const coopmap_country *rus = coopmap_country_find_iso3(registry, "RUS");

	(void)state;
	assert_int_equal(coopmap_cut_polygon(&rus->geometry, area, 1.0, &out,
		&err), COOPMAP_OK);
	assert_true(out.n_rings > 0);
	assert_inside(&out, area);
	assert_no_step_longer_than(&out, 1.0);
	coopmap_rings_clear(&out);
}

static void test_every_country_stays_inside_a_shifted_world(void **state)
{
	const double area[4] = { -350, -90, 10, 90 };  /* lon_0 = -170 */
	coopmap_rings out = COOPMAP_RINGS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	for (size_t i = 0; i < coopmap_countries_count(registry); i++) {
		coopmap_rings_reset(&out);
		assert_int_equal(coopmap_cut_polygon(
			&coopmap_countries_get(registry, i)->geometry, area, 1.0, &out,
			&err), COOPMAP_OK);
		assert_inside(&out, area);
	}
	coopmap_rings_clear(&out);
}

static void test_a_ring_across_the_seam_becomes_two(void **state)
{
	/* A square from 0 to 20 degrees east on a map whose seam is at 10. */
	const double lon[] = { 0, 20, 20, 0, 0 }, lat[] = { -5, -5, 5, 5, -5 };
	const size_t start[] = { 0, 5 };
	coopmap_geometry g = { 1, start, lon, lat, 0, -5, 20, 5 };
	const double area[4] = { -350, -90, 10, 90 };
	coopmap_rings out = COOPMAP_RINGS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int west = 0, east = 0;

	(void)state;
	assert_int_equal(coopmap_cut_polygon(&g, area, 1.0, &out, &err),
		COOPMAP_OK);
	assert_int_equal(out.n_rings, 2);
	for (size_t k = 0; k < 2; k++) {
		double x = out.x[out.start[k]];

		east += x >= -1e-6 && x <= 10 + 1e-6;
		west += x >= -350 - 1e-6 && x <= -340 + 1e-6;
	}
	assert_int_equal(east, 1);
	assert_int_equal(west, 1);
	coopmap_rings_clear(&out);
}

static void test_web_mercator_area_clips_antarctica(void **state)
{
	const double area[4] = { -180, -85.06, 180, 85.06 };
	coopmap_rings out = COOPMAP_RINGS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const coopmap_country *ata = coopmap_country_find_iso3(registry, "ATA");

	(void)state;
	assert_non_null(ata);
	assert_int_equal(coopmap_cut_polygon(&ata->geometry, area, 1.0, &out,
		&err), COOPMAP_OK);
	assert_true(out.n_rings > 0);
	assert_inside(&out, area);
	coopmap_rings_clear(&out);
}

static void test_lines_split_where_they_jump(void **state)
{
	const double lon[] = { 170, 179, -179, -170 }, lat[] = { 0, 1, 2, 3 };
	const double area[4] = { -180, -90, 180, 90 };
	coopmap_rings out = COOPMAP_RINGS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_cut_line(lon, lat, 4, area, 1.0, &out, &err),
		COOPMAP_OK);
	assert_int_equal(out.n_rings, 2);
	assert_no_step_longer_than(&out, 1.0);
	coopmap_rings_clear(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_russia_is_cut_for_a_pacific_centred_map),
		cmocka_unit_test(test_every_country_stays_inside_a_shifted_world),
		cmocka_unit_test(test_a_ring_across_the_seam_becomes_two),
		cmocka_unit_test(test_web_mercator_area_clips_antarctica),
		cmocka_unit_test(test_lines_split_where_they_jump),
	};
	return cmocka_run_group_tests_name("cut", tests, open_registry,
		close_registry);
}
