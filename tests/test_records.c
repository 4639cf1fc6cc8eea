/* test_records.c: reading project lists; every row is joined or rejected
 * with its line, column, value, reason and suggestion. */
#include "test_util.h"

#include <string.h>

#include "coopmap/country.h"
#include "coopmap/records.h"

static coopmap_countries *registry;

static int open_registry(void **state)
{
	(void)state;
	registry = test_open_countries("50m", 1);
	return registry != NULL ? 0 : -1;
}

static int close_registry(void **state)
{
	(void)state;
	coopmap_countries_free(registry);
	return 0;
}

static coopmap_projects *read_ok(const char *path)
{
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_projects_read(path, NULL, registry, &p, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	/* Nothing lost: every row read is a project or a reject. */
	assert_int_equal(coopmap_projects_rows_read(p),
		coopmap_projects_count(p) + coopmap_projects_reject_count(p));
	return p;
}

static void test_bundled_example_joins_every_row(void **state)
{
	coopmap_projects *p = read_ok("examples/cooperations.csv");
	const coopmap_project *first;

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(p), 60);
	assert_int_equal(coopmap_projects_count(p), 60);
	first = coopmap_projects_get(p, 0);
	assert_int_equal(first->line, 2);
	assert_string_equal(first->establishment, "CHU de Tours");
	assert_string_equal(first->country->iso_a3, "DZA");
	assert_int_equal(first->year, 2024);
	assert_string_equal(first->partner_city, "Oran");
	coopmap_projects_free(p);
}

static void expect_reject(const coopmap_reject *r, long line,
	const char *column, const char *value, const char *reason_part,
	const char *suggestion_part)
{
	assert_int_equal(r->line, line);
	assert_string_equal(r->column, column);
	assert_string_equal(r->value, value);
	assert_non_null(strstr(r->reason, reason_part));
	if (suggestion_part != NULL)
		assert_non_null(strstr(r->suggestion, suggestion_part));
}

static void test_bad_rows_are_rejected_with_line_and_reason(void **state)
{
	coopmap_projects *p = read_ok("tests/data/projects-bad.csv");

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(p), 6);
	assert_int_equal(coopmap_projects_count(p), 2);
	assert_int_equal(coopmap_projects_reject_count(p), 4);
	expect_reject(coopmap_projects_reject_get(p, 0), 3, "pays",
		"Madagasikara", "unknown country", "Madagascar");
	expect_reject(coopmap_projects_reject_get(p, 1), 4, "pays", "",
		"empty", NULL);
	expect_reject(coopmap_projects_reject_get(p, 2), 5, "annee", "19xx",
		"year", NULL);
	expect_reject(coopmap_projects_reject_get(p, 3), 6, "pays", "Atlantide",
		"unknown country", NULL);
	assert_string_equal(coopmap_projects_get(p, 1)->country->iso_a3, "VNM");
	coopmap_projects_free(p);
}

static void test_english_headers_are_understood(void **state)
{
	coopmap_projects *p = read_ok("tests/data/projects-en.csv");
	const coopmap_project *second;

	(void)state;
	assert_int_equal(coopmap_projects_count(p), 2);
	second = coopmap_projects_get(p, 1);
	assert_string_equal(second->establishment, "AP-HP");
	assert_string_equal(second->partner, "HAKS");
	assert_string_equal(second->partner_city, "Phnom Penh");
	assert_string_equal(second->country->iso_a3, "KHM");
	assert_string_equal(second->programme, "APCHI");
	assert_int_equal(second->year, 2017);
	coopmap_projects_free(p);
}

static void test_a_list_without_country_column_is_an_error(void **state)
{
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_projects_read("tests/data/projects-no-country.csv",
		NULL, registry, &p, &err), COOPMAP_ERR_INPUT);
	assert_null(p);
	assert_non_null(strstr(err.message, "pays"));
}

static void test_a_missing_file_is_an_io_error(void **state)
{
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_projects_read("tests/data/no-such-file.csv", NULL,
		registry, &p, &err), COOPMAP_ERR_IO);
	assert_non_null(strstr(err.message, "no-such-file.csv"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_example_joins_every_row),
		cmocka_unit_test(test_bad_rows_are_rejected_with_line_and_reason),
		cmocka_unit_test(test_english_headers_are_understood),
		cmocka_unit_test(test_a_list_without_country_column_is_an_error),
		cmocka_unit_test(test_a_missing_file_is_an_io_error),
	};
	return cmocka_run_group_tests_name("records", tests, open_registry,
		close_registry);
}
