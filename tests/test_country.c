/* test_country.c: the country registry (geometries from the bundled
 * Shapefile, points for the ISO 3166-1 entries it has no polygon for) and
 * the resolver, driven by tests/data/country-spellings.csv and by every
 * name of the ISO 3166-1 source, tests/data/iso3166-names.csv. */
#include "test_util.h"

#include <string.h>
#include <sys/stat.h>

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

		if (k->geometry.n_rings == 0)
			continue;  /* a point: no polygon at this scale */
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


/*
 * Every name i18n-iso-countries 7.14.0 gives an ISO 3166-1 entry, in
 * French and English (tests/data/iso3166-names.csv, written by
 * scripts/build-geodata.sh from the source): at least 99.5% resolve, and
 * none to an entry the source does not give that name ("Congo" names both
 * COG and COD there: COG is one of them).
 */
static int source_gives(coopmap_table *t, const char *text, const char *iso_a3)
{
	for (size_t r = 0; r < coopmap_table_row_count(t); r++)
		if (strcmp(coopmap_table_cell(t, r, 0), text) == 0 &&
		    strcmp(coopmap_table_cell(t, r, 2), iso_a3) == 0)
			return 1;
	return 0;
}

static void check_source_names(const char *resolution)
{
	coopmap_countries *c = test_open_countries(resolution, 1);
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t rows, resolved = 0, wrong = 0;

	assert_non_null(c);
	assert_int_equal(coopmap_table_read("tests/data/iso3166-names.csv",
		NULL, &t, &err), COOPMAP_OK);
	rows = coopmap_table_row_count(t);
	assert_true(rows >= 529);
	for (size_t r = 0; r < rows; r++) {
		const char *text = coopmap_table_cell(t, r, 0);
		coopmap_country_match m;

		coopmap_country_resolve(c, text, &m);
		if (m.status != COOPMAP_COUNTRY_FOUND) {
			print_message("%s: '%s' (%s) refused\n", resolution, text,
				coopmap_table_cell(t, r, 2));
		} else if (!source_gives(t, text, m.country->iso_a3)) {
			print_error("%s: '%s' gave %s, the source says %s\n",
				resolution, text, m.country->iso_a3,
				coopmap_table_cell(t, r, 2));
			wrong++;
		} else {
			resolved++;
		}
	}
	print_message("%s: %zu of %zu ISO 3166-1 names resolved, %zu wrong\n",
		resolution, resolved, rows, wrong);
	assert_int_equal(wrong, 0);
	assert_true(resolved * 1000 >= rows * 995);
	/* Every entry is a country of the registry, at both scales. */
	for (size_t r = 0; r < rows; r++)
		if (coopmap_country_find_iso3(c, coopmap_table_cell(t, r, 2)) == NULL)
			fail_msg("%s: no country %s", resolution,
				coopmap_table_cell(t, r, 2));
	coopmap_table_free(t);
	coopmap_countries_free(c);
}

static void test_iso_3166_names_of_the_source_resolve_at_both_scales(
	void **state)
{
	(void)state;
	check_source_names("50m");
	check_source_names("10m");
}

/* The entries with no polygon at 50m are points with their sovereign. */
static void test_small_territories_are_points_at_50m(void **state)
{
	static const char *const points[][3] = {
		{ "TUV", "TUV", "state" }, { "TKL", "NZL", "dependency" },
		{ "GIB", "GBR", "dependency" }, { "UMI", "USA", "dependency" },
		{ "BVT", "NOR", "dependency" }, { "SJM", "NOR", "dependency" },
		{ "BES", "NLD", "dependency" },
	};

	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		const coopmap_country *k = coopmap_country_find_iso3(*state,
			points[i][0]);

		assert_non_null(k);
		assert_int_equal(k->geometry.n_rings, 0);
		assert_string_equal(k->sovereign, points[i][1]);
		assert_string_equal(k->kind, points[i][2]);
		assert_true(k->geometry.min_lon == k->label_lon &&
			k->geometry.max_lat == k->label_lat);
	}
	/* Tuvalu's point is Funafuti's atoll; Gibraltar's on the Rock. */
	assert_close(coopmap_country_find_iso3(*state, "TUV")->label_lon, 179.2, 0.1);
	assert_close(coopmap_country_find_iso3(*state, "GIB")->label_lat, 36.13, 0.05);
	/* Monaco and Bermuda have a polygon at 50m. */
	assert_true(coopmap_country_find_iso3(*state, "MCO")->geometry.n_rings > 0);
	assert_true(coopmap_country_find_iso3(*state, "BMU")->geometry.n_rings > 0);
}

static void test_vatican_is_a_point_at_10m_only(void **state)
{
	coopmap_countries *c = test_open_countries("10m", 1);

	(void)state;
	assert_non_null(c);
	assert_int_equal(coopmap_country_find_iso3(c, "VAT")->geometry.n_rings, 0);
	assert_true(coopmap_country_find_iso3(c, "GIB")->geometry.n_rings > 0);
	assert_true(coopmap_country_find_iso3(*state, "VAT")->geometry.n_rings > 0);
	coopmap_countries_free(c);
}

/* A name with two readings and none of them the field's usage is refused
 * with both; "Congo" and "Guinée" alone are ISO 3166-1's short names of
 * COG and GIN (see geodata/SOURCES.md). */
static void test_ambiguous_names_are_refused_with_both_candidates(void **state)
{
	static const char *const cases[][3] = {
		{ "Corée", "KOR", "PRK" }, { "Korea", "KOR", "PRK" },
		{ "Virgin Islands", "VGB", "VIR" }, { "Îles Vierges", "VGB", "VIR" },
	};
	coopmap_country_match m;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		coopmap_country_resolve(*state, cases[i][0], &m);
		assert_int_equal(m.status, COOPMAP_COUNTRY_AMBIGUOUS);
		assert_non_null(strstr(m.suggestion, cases[i][1]));
		assert_non_null(strstr(m.suggestion, cases[i][2]));
	}
	coopmap_country_resolve(*state, "Congo", &m);
	assert_string_equal(m.country->iso_a3, "COG");
	coopmap_country_resolve(*state, "Guinée", &m);
	assert_string_equal(m.country->iso_a3, "GIN");
}

/* A points or names file that names no known code, or a point off the
 * globe, is an input error naming the file and line; nothing is opened. */
static void test_bad_points_and_names_files_name_their_line(void **state)
{
	static const char *const cases[][2] = {
		{ "points", "iso_a3,iso_a2,iso_n3,name_fr,name_en,sovereign,kind,"
		  "lon,lat\nTKL,TK,772,Tokelau,Tokelau,NZL,dependency,-190,-8\n" },
		{ "names", "iso_a3,lang,name,form\nXYZ,fr,Nulle part,source\n" },
	};
	char shp[4096];

	(void)state;
	snprintf(shp, sizeof(shp), "%s", data_path("geodata/countries-50m.shp"));
	mkdir(TEST_ARTIFACTS, 0755);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		coopmap_countries_files files = COOPMAP_COUNTRIES_FILES_INIT;
		coopmap_countries *c = NULL;
		coopmap_error err = COOPMAP_ERROR_INIT;
		const char *path = TEST_ARTIFACTS "/bad-registry.csv";
		FILE *fp = fopen(path, "w");

		assert_non_null(fp);
		fputs(cases[i][1], fp);
		fclose(fp);
		if (strcmp(cases[i][0], "points") == 0)
			files.points_csv = path;
		else
			files.names_csv = path;
		assert_int_equal(coopmap_countries_open_files(shp, &files, &c, &err),
			COOPMAP_ERR_INPUT);
		assert_null(c);
		assert_int_equal(err.line, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry_50m_overseas_france_labels_antimeridian),
		cmocka_unit_test(test_geometry_10m_overseas_france_labels_antimeridian),
		cmocka_unit_test(test_spellings_resolve_as_the_table_says),
		cmocka_unit_test(test_unknown_country_gets_a_suggestion),
		cmocka_unit_test(test_names_in_both_languages),
		cmocka_unit_test(test_iso_3166_names_of_the_source_resolve_at_both_scales),
		cmocka_unit_test(test_small_territories_are_points_at_50m),
		cmocka_unit_test(test_vatican_is_a_point_at_10m_only),
		cmocka_unit_test(test_ambiguous_names_are_refused_with_both_candidates),
		cmocka_unit_test(test_bad_points_and_names_files_name_their_line),
	};
	return cmocka_run_group_tests_name("country", tests, open_registry,
		close_registry);
}
