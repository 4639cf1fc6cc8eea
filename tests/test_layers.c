/*
 * test_layers.c: policy layers read from a CSV and its sidecar: a code given
 * twice is an error at its line (once per territory where the layer has a
 * territory column), and a country's rows are found by a chain, the same
 * rows a scan finds.
 */
#include "test_util.h"

#include <glib.h>
#include <string.h>
#include <sys/stat.h>

#include "coopmap/layers.h"

static const char sidecar[] = "{\"id\": \"test\", \"title_fr\": \"t\", "
	"\"title_en\": \"t\", \"source\": \"test\", \"date\": \"2026-11-23\", "
	"\"licence\": \"none\"}\n";

static int setup(void **state)
{
	*state = test_open_countries("50m", 0);
	mkdir(TEST_ARTIFACTS, 0755);
	return *state != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	coopmap_countries_free(*state);
	return 0;
}

/* Write csv as TEST_ARTIFACTS/NAME.csv beside its sidecar, and load it. */
static int load_text(const char *name, const char *csv,
	const coopmap_countries *countries, coopmap_layer **out,
	coopmap_error *err)
{
	gchar *csv_path = g_strdup_printf("%s/%s.csv", TEST_ARTIFACTS, name);
	gchar *json_path = g_strdup_printf("%s/%s.json", TEST_ARTIFACTS, name);
	int rc;

	assert_true(g_file_set_contents(csv_path, csv, -1, NULL));
	assert_true(g_file_set_contents(json_path, sidecar, -1, NULL));
	rc = coopmap_layer_load(csv_path, countries, out, err);
	g_free(csv_path);
	g_free(json_path);
	return rc;
}

static void test_layer_code_given_twice_is_an_error_at_its_line(void **state)
{
	coopmap_layer *layer = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(load_text("layer-twice", "iso_a3,note\nBEL,a\nSEN,b\n"
		"BEL,c\n", *state, &layer, &err), COOPMAP_ERR_INPUT);
	assert_null(layer);
	assert_int_equal(err.line, 4);
	assert_non_null(strstr(err.message, "layer-twice.csv:4: column "
		"'iso_a3', value 'BEL': country given twice (first on line 2)"));
}

/* Ten thousand repeats of one code: refused at the second, not drawn
 * 10,000 times (17.6 s before). */
static void test_layer_of_one_code_repeated_stops_at_the_repeat(void **state)
{
	GString *csv = g_string_new("iso_a3\n");
	coopmap_layer *layer = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	for (int i = 0; i < 10000; i++)
		g_string_append(csv, "FRA\n");
	assert_int_equal(load_text("layer-repeated", csv->str, *state, &layer,
		&err), COOPMAP_ERR_INPUT);
	assert_int_equal(err.line, 3);
	g_string_free(csv, TRUE);
}

static void test_layer_country_once_per_territory(void **state)
{
	coopmap_layer *layer = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(load_text("layer-territories", "territory,iso_a3\n"
		"REU,MUS\nMYT,MUS\nREU,MDG\n", *state, &layer, &err), COOPMAP_OK);
	assert_int_equal(coopmap_layer_member_count(layer), 3);
	assert_int_equal(coopmap_layer_country_count(layer), 2);
	coopmap_layer_free(layer);
	assert_int_equal(load_text("layer-territories-twice", "territory,iso_a3\n"
		"REU,MUS\nMYT,MUS\nREU,MUS\n", *state, &layer, &err),
		COOPMAP_ERR_INPUT);
	assert_non_null(strstr(err.message, ":4: column 'iso_a3', value 'MUS': "
		"country and territory given twice (first on line 2)"));
}

/* Every bundled layer loads, and each country's rows come from find as a
 * scan of the rows gives them, walked from 0 or from any row. */
static void test_layer_find_gives_the_rows_a_scan_gives(void **state)
{
	const coopmap_countries *countries = *state;
	coopmap_layer_set *set = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s", data_path("geodata/layers"));
	if (coopmap_layer_set_open(dir, countries, &set, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	for (size_t k = 0; k < coopmap_layer_set_count(set); k++) {
		const coopmap_layer *l = coopmap_layer_set_get(set, k);
		size_t n = coopmap_layer_member_count(l);

		for (size_t i = 0; i < coopmap_countries_count(countries); i++) {
			const coopmap_country *c = coopmap_countries_get(countries, i);

			for (size_t from = 0; from <= n; from++) {
				long scan = -1;

				for (size_t r = from; r < n && scan < 0; r++)
					if (coopmap_layer_member(l, r) == c)
						scan = (long)r;
				assert_int_equal(coopmap_layer_find(l, c, from), scan);
			}
		}
	}
	coopmap_layer_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layer_code_given_twice_is_an_error_at_its_line),
		cmocka_unit_test(test_layer_of_one_code_repeated_stops_at_the_repeat),
		cmocka_unit_test(test_layer_country_once_per_territory),
		cmocka_unit_test(test_layer_find_gives_the_rows_a_scan_gives),
	};
	return cmocka_run_group_tests_name("layers", tests, setup, teardown);
}
