/* test_names.c: folding and edit distances of names. */
#include "test_util.h"

#include <string.h>

#include "coopmap/names.h"

static void expect_fold(const char *input, const char *expected)
{
	char *key = coopmap_names_fold(input);

	assert_non_null(key);
	assert_string_equal(key, expected);
	free(key);
}

static void test_fold_drops_accents_case_and_punctuation(void **state)
{
	(void)state;
	expect_fold("Côte-d'Ivoire ", "cote d ivoire");
	expect_fold("  BÉNIN ", "benin");
	expect_fold("Viêt Nam", "viet nam");
	expect_fold("São Tomé-et-Príncipe", "sao tome et principe");
	expect_fold("Guinée–Bissau", "guinee bissau");
}

static void test_fold_expands_ligatures(void **state)
{
	(void)state;
	expect_fold("Œuvre", "oeuvre");
	expect_fold("Straße", "strasse");
	expect_fold("Đà Nẵng", "da nang");
}

static void test_fold_handles_empty_null_and_bad_utf8(void **state)
{
	(void)state;
	expect_fold(NULL, "");
	expect_fold("", "");
	expect_fold("--- '' ---", "");
	expect_fold("Mal\xffi", "mali");
}

static void test_fold_keeps_other_scripts(void **state)
{
	char *key = coopmap_names_fold("Беларусь");

	(void)state;
	assert_true(strlen(key) > 0);
	free(key);
}

static void test_distance_counts_edits_and_transpositions(void **state)
{
	(void)state;
	assert_int_equal(coopmap_names_distance("kitten", "sitting", 10), 3);
	assert_int_equal(coopmap_names_distance("madagsacar", "madagascar", 5), 1);
	assert_int_equal(coopmap_names_distance("mali", "mali", 0), 0);
	assert_int_equal(coopmap_names_distance("", "togo", 10), 4);
}

static void test_distance_is_capped(void **state)
{
	(void)state;
	assert_int_equal(coopmap_names_distance("niger", "republique centrafricaine",
		2), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_drops_accents_case_and_punctuation),
		cmocka_unit_test(test_fold_expands_ligatures),
		cmocka_unit_test(test_fold_handles_empty_null_and_bad_utf8),
		cmocka_unit_test(test_fold_keeps_other_scripts),
		cmocka_unit_test(test_distance_counts_edits_and_transpositions),
		cmocka_unit_test(test_distance_is_capped),
	};
	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
