/* test_country.c: the country registry (geometries from the bundled
 * Shapefile) and the resolver, driven by tests/data/country-spellings.csv. */
#include "test_util.h"

#include <string.h>

#include "coopmap/country.h"
#include "coopmap/table.h"

static int open_registry(void **state)
{
	*state = test_open_countries("50m", 1);
	return *state != NULL ? 0 : -1;
}

static int close_registry(void **state)
{
	coopmap_countries_free(*state);
	return 0;
}

static void check_overseas_units(coopmap_countries *c)
{
	static const char *const units[] = { "GLP", "MTQ", "GUF", "REU", "MYT",
		"SPM", "BLM", "MAF", "WLF", "PYF", "NCL", "ATF" };

	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		const coopmap_country *u = coopmap_country_find_iso3(c, units[i]);

		assert_non_null(u);
		assert_string_equal(u->sovereign, "FRA");
		assert_string_equal(u->kind, "overseas");
		assert_true(u->geometry.n_rings > 0);
	}
}

static void check_france_metropolitan(coopmap_countries *c)
{
	const coopmap_country *fra = coopmap_country_find_iso3(c, "FRA");

	assert_non_null(fra);
	assert_true(fra->geometry.min_lon > -6 && fra->geometry.max_lon < 10);
	assert_true(fra->geometry.min_lat > 41 && fra->geometry.max_lat < 52);
}

static void check_label_points(coopmap_countries *c)
{
	for (size_t i = 0; i < coopmap_countries_count(c); i++) {
		const coopmap_country *k = coopmap_countries_get(c, i);

		if (!test_point_in_geometry(&k->geometry, k->label_lon, k->label_lat))
			fail_msg("label point of %s (%s) is outside it", k->iso_a3,
				k->name_en);
	}
}

static void check_no_antimeridian_jump(coopmap_countries *c)
{
	for (size_t i = 0; i < coopmap_countries_count(c); i++) {
		const coopmap_geometry *g = &coopmap_countries_get(c, i)->geometry;

		for (size_t r = 0; r < g->n_rings; r++) {
			for (size_t v = g->ring_start[r] + 1; v < g->ring_start[r + 1]; v++) {
				int along_pole = fabs(g->lat[v]) > 89.9 &&
					fabs(g->lat[v - 1]) > 89.9;

				if (fabs(g->lon[v] - g->lon[v - 1]) > 180 && !along_pole)
					fail_msg("%s: ring %zu jumps from %g to %g",
						coopmap_countries_get(c, i)->name_en, r,
						g->lon[v - 1], g->lon[v]);
			}
		}
	}
}

/* Both bundled resolutions obey the same rules. */
static void check_geometry_rules(const char *resolution)
{
	coopmap_countries *c = test_open_countries(resolution, 1);

	assert_non_null(c);
	check_overseas_units(c);
	check_france_metropolitan(c);
	check_label_points(c);
	check_no_antimeridian_jump(c);
	coopmap_countries_free(c);
}

static void test_geometry_50m_overseas_france_labels_antimeridian(void **state)
{
	(void)state;
	check_geometry_rules("50m");
}

static void test_geometry_10m_overseas_france_labels_antimeridian(void **state)
{
	(void)state;
	check_geometry_rules("10m");
}

static void test_spellings_resolve_as_the_table_says(void **state)
{
	coopmap_countries *c = *state;
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t rows;

	assert_int_equal(coopmap_table_read("tests/data/country-spellings.csv",
		NULL, &t, &err), COOPMAP_OK);
	rows = coopmap_table_row_count(t);
	assert_true(rows >= 60);
	for (size_t r = 0; r < rows; r++) {
		const char *text = coopmap_table_cell(t, r, 0);
		const char *expected = coopmap_table_cell(t, r, 1);
		coopmap_country_match m;

		coopmap_country_resolve(c, text, &m);
		if (strcmp(expected, "!unknown") == 0) {
			if (m.status != COOPMAP_COUNTRY_UNKNOWN)
				fail_msg("line %ld: '%s' should be unknown, got %s",
					coopmap_table_line(t, r), text,
					m.country ? m.country->iso_a3 : "ambiguous");
		} else if (strcmp(expected, "!ambiguous") == 0) {
			if (m.status != COOPMAP_COUNTRY_AMBIGUOUS)
				fail_msg("line %ld: '%s' should be refused as ambiguous",
					coopmap_table_line(t, r), text);
		} else if (m.status != COOPMAP_COUNTRY_FOUND ||
		    strcmp(m.country->iso_a3, expected) != 0) {
			fail_msg("line %ld: '%s' gave %s, expected %s",
				coopmap_table_line(t, r), text,
				m.country ? m.country->iso_a3 : "nothing", expected);
		}
	}
	coopmap_table_free(t);
}

static void test_unknown_country_gets_a_suggestion(void **state)
{
	coopmap_country_match m;

	coopmap_country_resolve(*state, "Madagasikara", &m);
	assert_int_equal(m.status, COOPMAP_COUNTRY_UNKNOWN);
	assert_non_null(strstr(m.suggestion, "Madagascar"));
	coopmap_country_resolve(*state, "Senegall", &m);
	assert_non_null(strstr(m.suggestion, "Sénégal"));
}

static void test_names_in_both_languages(void **state)
{
	const coopmap_country *k = coopmap_country_find_iso3(*state, "TCD");

	assert_string_equal(coopmap_country_name(k, "fr"), "Tchad");
	assert_string_equal(coopmap_country_name(k, "en"), "Chad");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry_50m_overseas_france_labels_antimeridian),
		cmocka_unit_test(test_geometry_10m_overseas_france_labels_antimeridian),
		cmocka_unit_test(test_spellings_resolve_as_the_table_says),
		cmocka_unit_test(test_unknown_country_gets_a_suggestion),
		cmocka_unit_test(test_names_in_both_languages),
	};
	return cmocka_run_group_tests_name("country", tests, open_registry,
		close_registry);
}
