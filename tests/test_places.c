/* test_places.c: the gazetteer, and placing both ends of projects. */
#include "test_util.h"

#include <string.h>
#include <sys/stat.h>

#include "coopmap/locate.h"
#include "coopmap/places.h"
#include "coopmap/records.h"

struct fixture {
	coopmap_places *places;
	coopmap_countries *countries;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	coopmap_error err = COOPMAP_ERROR_INIT;
	char dir[4096], aliases[4096];

	snprintf(dir, sizeof(dir), "%s", data_path("geodata/places"));
	snprintf(aliases, sizeof(aliases), "%s",
		data_path("geodata/place-aliases.csv"));
	if (coopmap_places_open(dir, aliases, &f->places, &err) != COOPMAP_OK) {
		print_error("%s\n", err.message);
		return -1;
	}
	f->countries = test_open_countries("50m", 1);
	*state = f;
	return f->countries != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	coopmap_places_free(f->places);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static const coopmap_place *find(struct fixture *f, const char *iso_a2,
	const char *city, const char *region)
{
	coopmap_place_match m;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(coopmap_places_find(f->places, iso_a2, city, region, &m,
		&err), COOPMAP_OK);
	return m.place;
}

static void test_cities_are_found_within_their_country(void **state)
{
	struct fixture *f = *state;
	const coopmap_place *rennes = find(f, "FR", "rennes", NULL);
	const coopmap_place *atakpame = find(f, "TG", "Atakpame", NULL);

	assert_non_null(rennes);
	assert_string_equal(rennes->region, "Bretagne");
	assert_close(rennes->lat, 48.11, 0.05);
	assert_close(rennes->lon, -1.67, 0.05);
	assert_non_null(atakpame);
	assert_close(atakpame->lat, 7.53, 0.05);
	assert_null(find(f, "TG", "Rennes", NULL));
	assert_null(find(f, "FR", "", NULL));
}

static void test_aliases_give_the_names_in_use(void **state)
{
	struct fixture *f = *state;
	const coopmap_place *majunga = find(f, "MG", "Majunga", NULL);
	const coopmap_place *tana = find(f, "MG", "Tananarive", NULL);

	assert_non_null(majunga);
	assert_string_equal(majunga->name, "Mahajanga");
	assert_non_null(tana);
	assert_string_equal(tana->name, "Antananarivo");
}

static void test_overseas_departments_are_their_own_countries(void **state)
{
	struct fixture *f = *state;
	const coopmap_place *sd = find(f, "RE", "Saint-Denis", NULL);

	assert_non_null(sd);
	assert_string_equal(sd->region, "La Réunion");
	assert_true(sd->lat < -20);
}

static void test_projects_get_both_ends_and_approximate_flags(void **state)
{
	struct fixture *f = *state;
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_locate_summary s;
	const coopmap_project *tours, *angers = NULL, *reunion = NULL;

	assert_int_equal(coopmap_projects_read("examples/cooperations.csv", NULL,
		f->countries, &p, &err), COOPMAP_OK);
	assert_int_equal(coopmap_locate_projects(p, f->places, f->countries, &s,
		&err), COOPMAP_OK);
	tours = coopmap_projects_get(p, 0);          /* Tours -> Oran */
	assert_close(tours->establishment_lat, 47.39, 0.05);
	assert_string_equal(tours->region, "Centre-Val de Loire");
	assert_string_equal(tours->establishment_country->iso_a3, "FRA");
	assert_close(tours->partner_lat, 35.7, 0.1);
	assert_false(tours->partner_approximate);
	for (size_t i = 0; i < coopmap_projects_count(p); i++) {
		const coopmap_project *pr = coopmap_projects_get(p, i);

		assert_false(isnan(pr->partner_lat));
		assert_false(isnan(pr->partner_lon));
		if (strcmp(pr->establishment, "CHU d'Angers") == 0)
			angers = pr;
		if (strcmp(pr->establishment, "CHU de La Réunion") == 0)
			reunion = pr;
	}
	assert_non_null(angers);
	assert_string_equal(angers->region, "Pays de la Loire");
	assert_non_null(reunion);
	assert_string_equal(reunion->establishment_country->iso_a3, "REU");
	assert_true(s.rows_approximate < coopmap_projects_count(p) / 4);
	coopmap_projects_free(p);
}

/* dir/CODE.csv, a gazetteer file with the header and rows. */
static void write_country_file(const char *dir, const char *code,
	const char *rows)
{
	char path[256];
	FILE *f;

	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/%s.csv", dir, code);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("name,iso_a2,admin1_code,admin1_name,lat,lon\n", f);
	fputs(rows, f);
	fclose(f);
}

/* A gazetteer file with a place off the Earth is refused at its line, not
 * read as a place at 0, 0 or at latitude 91. */
static void test_a_place_off_the_earth_is_an_error_at_its_line(void **state)
{
	const char *dir = TEST_ARTIFACTS "/places-bad";
	coopmap_places *places = NULL;
	coopmap_place_match m;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	write_country_file(dir, "XX", "Dakar,XX,1,Dakar,14.7,-17.4\n"
		"Thiès,XX,1,Thiès,nord,-16.9\n");
	assert_int_equal(coopmap_places_open(dir, NULL, &places, &err), COOPMAP_OK);
	assert_int_equal(coopmap_places_find(places, "XX", "Dakar", NULL, &m, &err),
		COOPMAP_ERR_INPUT);
	assert_non_null(strstr(err.message, "XX.csv:3: lat 'nord'"));
	coopmap_places_free(places);
}

/* Read ahead in two threads, the gazetteer finds what it finds read on
 * demand; a bad file read ahead is no error until a lookup needs it, and
 * then the same error as without the preload. */
static void test_preloaded_countries_find_the_same_places(void **state)
{
	const char *dir = TEST_ARTIFACTS "/places-preload";
	const char *codes[] = { "YY", "XX", "ZZ", "XX", "WW" };
	coopmap_places *places = NULL;
	coopmap_place_match m;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	write_country_file(dir, "XX", "Dakar,XX,1,Dakar,14.7,-17.4\n");
	write_country_file(dir, "YY", "Bamako,YY,1,Bamako,12.65,-8.0\n");
	write_country_file(dir, "ZZ", "Niamey,ZZ,1,Niamey,91,2.1\n");
	/* Good files only (WW has none: no places, no error). */
	assert_int_equal(coopmap_places_open(dir, NULL, &places, &err), COOPMAP_OK);
	assert_int_equal(coopmap_places_preload(places, codes, 2, &err),
		COOPMAP_OK);
	assert_int_equal(coopmap_places_preload(places, codes + 3, 2, &err),
		COOPMAP_OK);
	assert_int_equal(coopmap_places_find(places, "XX", "dakar", NULL, &m,
		&err), COOPMAP_OK);
	assert_non_null(m.place);
	assert_true(m.place->lat == 14.7 && m.place->lon == -17.4);
	assert_int_equal(coopmap_places_find(places, "YY", "Bamako", NULL, &m,
		&err), COOPMAP_OK);
	assert_non_null(m.place);
	assert_int_equal(coopmap_places_find(places, "WW", "Bamako", NULL, &m,
		&err), COOPMAP_OK);
	assert_null(m.place);
	coopmap_places_free(places);
	/* ZZ is bad: left unread, its error when it is looked in. */
	assert_int_equal(coopmap_places_open(dir, NULL, &places, &err), COOPMAP_OK);
	assert_int_equal(coopmap_places_preload(places, codes, 5, &err),
		COOPMAP_OK);
	assert_int_equal(coopmap_places_find(places, "YY", "Bamako", NULL, &m,
		&err), COOPMAP_OK);
	assert_non_null(m.place);
	assert_int_equal(coopmap_places_find(places, "ZZ", "Niamey", NULL, &m,
		&err), COOPMAP_ERR_INPUT);
	assert_non_null(strstr(err.message, "ZZ.csv:2: lat '91', lon '2.1'"));
	coopmap_places_free(places);
}

static void test_an_unknown_city_takes_the_country_point(void **state)
{
	struct fixture *f = *state;
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_locate_summary s;
	const coopmap_project *pr;

	assert_int_equal(coopmap_projects_read("tests/data/projects-en.csv", NULL,
		f->countries, &p, &err), COOPMAP_OK);
	assert_int_equal(coopmap_locate_projects(p, f->places, f->countries, &s,
		&err), COOPMAP_OK);
	pr = coopmap_projects_get(p, 1);   /* AP-HP, no city given */
	assert_true(pr->establishment_approximate);
	assert_close(pr->establishment_lat,
		pr->establishment_country->label_lat, 1e-9);
	assert_int_equal(s.rows_approximate, 1);
	coopmap_projects_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cities_are_found_within_their_country),
		cmocka_unit_test(test_aliases_give_the_names_in_use),
		cmocka_unit_test(test_overseas_departments_are_their_own_countries),
		cmocka_unit_test(test_projects_get_both_ends_and_approximate_flags),
		cmocka_unit_test(test_an_unknown_city_takes_the_country_point),
		cmocka_unit_test(test_a_place_off_the_earth_is_an_error_at_its_line),
		cmocka_unit_test(test_preloaded_countries_find_the_same_places),
	};
	return cmocka_run_group_tests_name("places", tests, setup, teardown);
}
