/* test_classify.c: priority, eligibility, warnings and missing items of
 * projects, with the bundled layers; and each bundled layer against the
 * members transcribed from its source (tests/data/layers/). */
#include "test_util.h"

#include <string.h>

#include "coopmap/classify.h"
#include "coopmap/i18n.h"
#include "coopmap/layers.h"
#include "coopmap/records.h"
#include "coopmap/table.h"

struct fixture {
	coopmap_countries *countries;
	coopmap_layer_set *layers;
	coopmap_projects *projects;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	coopmap_error err = COOPMAP_ERROR_INIT;
	char dir[4096];

	f->countries = test_open_countries("50m", 1);
	snprintf(dir, sizeof(dir), "%s", data_path("geodata/layers"));
	if (f->countries == NULL ||
	    coopmap_layer_set_open(dir, f->countries, &f->layers, &err) ||
	    coopmap_projects_read("tests/data/classify.csv", NULL, f->countries,
		&f->projects, &err)) {
		print_error("%s\n", err.message);
		*state = f;
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	coopmap_projects_free(f->projects);
	coopmap_layer_set_free(f->layers);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static void judge(struct fixture *f, size_t i, const char *lang,
	coopmap_verdict *v)
{
	coopmap_classify(f->countries, f->layers, f->projects,
		coopmap_projects_get(f->projects, i), lang, v);
}

static void test_seven_sourced_layers_are_bundled(void **state)
{
	static const char *const ids[] = { "cas-crsm", "cicd-2018",
		"francophonie", "health-agreements", "metropolitan-neighbours",
		"overseas-neighbours", "overseas-territories" };
	struct fixture *f = *state;

	assert_int_equal(coopmap_layer_set_count(f->layers), 7);
	for (size_t i = 0; i < 7; i++) {
		const coopmap_layer *l = coopmap_layer_set_get(f->layers, i);

		assert_string_equal(coopmap_layer_id(l), ids[i]);
		assert_true(strlen(coopmap_layer_source(l)) > 10);
		assert_int_equal(strlen(coopmap_layer_date(l)), 10);
		assert_true(coopmap_layer_member_count(l) > 0);
	}
}

/* Each layer holds exactly the members its source lists. */
static void test_layers_match_their_sources(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < coopmap_layer_set_count(f->layers); i++) {
		const coopmap_layer *l = coopmap_layer_set_get(f->layers, i);
		char path[512];
		coopmap_table *t = NULL;
		coopmap_error err = COOPMAP_ERROR_INIT;
		long code, territory;

		snprintf(path, sizeof(path), "tests/data/layers/%s.expected.csv",
			coopmap_layer_id(l));
		if (coopmap_table_read(path, NULL, &t, &err) != COOPMAP_OK)
			fail_msg("%s", err.message);
		code = coopmap_table_find_column(t, "iso_a3");
		territory = coopmap_table_find_column(t, "territory");
		assert_int_equal(coopmap_table_row_count(t),
			coopmap_layer_member_count(l));
		for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
			const char *iso = coopmap_table_cell(t, r, (size_t)code);
			int found = 0;

			for (size_t m = 0; m < coopmap_layer_member_count(l) && !found;
			     m++) {
				found = strcmp(coopmap_layer_member(l, m)->iso_a3, iso) == 0
					&& (territory < 0 || strcmp(coopmap_layer_value(l, m,
					"territory"), coopmap_table_cell(t, r,
					(size_t)territory)) == 0);
			}
			if (!found)
				fail_msg("%s: %s (line %ld) is not in layer %s", path, iso,
					coopmap_table_line(t, r), coopmap_layer_id(l));
		}
		coopmap_table_free(t);
	}
}

static void test_belgium_is_metropolitan_cross_border(void **state)
{
	coopmap_verdict v;

	judge(*state, 0, "fr", &v);
	assert_false(v.eligible);
	assert_string_equal(v.eligibility,
		"non éligible : coopération transfrontalière métropolitaine");
	coopmap_verdict_clear(&v);
	/* The reasons follow the run's language. */
	coopmap_i18n_init("en");
	judge(*state, 0, "en", &v);
	coopmap_i18n_init("fr");
	assert_string_equal(v.eligibility,
		"not eligible: metropolitan cross-border cooperation");
	coopmap_verdict_clear(&v);
}

static void test_mali_is_a_cicd_priority_and_eligible(void **state)
{
	coopmap_verdict v;

	judge(*state, 1, "fr", &v);
	assert_true(v.eligible);
	assert_true(v.tags & COOPMAP_TAG_CICD);
	assert_non_null(strstr(v.priority, "CICD du 8 février 2018"));
	assert_string_equal(v.missing, "");
	coopmap_verdict_clear(&v);
}

static void test_algeria_agreement_reminds_the_themes(void **state)
{
	coopmap_verdict v;

	judge(*state, 2, "fr", &v);
	assert_true(v.tags & COOPMAP_TAG_AGREEMENT);
	assert_non_null(strstr(v.priority, "doit cibler une thématique"));
	/* Every mandatory column is empty on this row. */
	assert_non_null(strstr(v.missing, "responsable du projet"));
	assert_non_null(strstr(v.missing, "durée"));
	assert_non_null(strstr(v.missing, "convention signée"));
	assert_non_null(strstr(v.missing, "indicateurs de suivi"));
	coopmap_verdict_clear(&v);
}

static void test_madagascar_neighbours_reunion_and_double_funding(void **state)
{
	coopmap_verdict v;

	judge(*state, 3, "fr", &v);
	assert_true(v.tags & COOPMAP_TAG_CICD);
	assert_true(v.tags & COOPMAP_TAG_OVERSEAS_NEIGHBOUR);
	assert_non_null(strstr(v.priority, "La Réunion"));
	assert_non_null(strstr(v.warnings, "PRPH"));
	assert_non_null(strstr(v.missing, "convention signée"));
	coopmap_verdict_clear(&v);
}

static void test_a_french_territory_is_not_eligible(void **state)
{
	coopmap_verdict v;

	judge(*state, 4, "fr", &v);
	assert_false(v.eligible);
	assert_non_null(strstr(v.eligibility, "collectivité française"));
	coopmap_verdict_clear(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seven_sourced_layers_are_bundled),
		cmocka_unit_test(test_layers_match_their_sources),
		cmocka_unit_test(test_belgium_is_metropolitan_cross_border),
		cmocka_unit_test(test_mali_is_a_cicd_priority_and_eligible),
		cmocka_unit_test(test_algeria_agreement_reminds_the_themes),
		cmocka_unit_test(test_madagascar_neighbours_reunion_and_double_funding),
		cmocka_unit_test(test_a_french_territory_is_not_eligible),
	};
	/* The reasons speak the program's default language, French. */
	coopmap_i18n_init("fr");
	return cmocka_run_group_tests_name("classify", tests, setup, teardown);
}
