/* test_pool.c: partner identity measured on labelled pairs (precision and
 * recall), and grouping: what a careful reader finds in the bundled
 * example, no chaining, no merge of two hospitals of one city, acronyms,
 * and the same groups whatever the order of the rows. */
#include "test_util.h"

#include <string.h>

#include "coopmap/pool.h"
#include "coopmap/records.h"
#include "coopmap/table.h"

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

struct tally {
	size_t tp, fp, fn, tn;
};

static void print_tally(const char *what, const struct tally *t,
	double *precision, double *recall)
{
	*precision = t->tp + t->fp > 0
		? (double)t->tp / (double)(t->tp + t->fp) : 0;
	*recall = t->tp + t->fn > 0 ? (double)t->tp / (double)(t->tp + t->fn) : 0;
	print_message("partner pairs, %s: %zu; precision %.3f, recall %.3f "
		"(tp %zu, fp %zu, fn %zu, tn %zu)\n", what,
		t->tp + t->fp + t->fn + t->tn, *precision, *recall, t->tp, t->fp,
		t->fn, t->tn);
}

/*
 * The labelled pairs: precision and recall must reach 0.95 on the pairs
 * a reader can decide from the two names; the pairs that need outside
 * knowledge (a renaming, a translation, a local name: needs_knowledge = 1)
 * are measured and printed too.
 */
static void test_labelled_pairs_precision_and_recall(void **state)
{
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	struct tally names = { 0, 0, 0, 0 }, all = { 0, 0, 0, 0 };
	double precision, recall, all_precision, all_recall;
	long c[6];
	static const char *const cols[] = { "name_a", "city_a", "name_b",
		"city_b", "same", "needs_knowledge" };

	(void)state;
	assert_int_equal(coopmap_table_read("tests/data/partner-pairs.csv", NULL,
		&t, &err), COOPMAP_OK);
	for (int i = 0; i < 6; i++)
		assert_true((c[i] = coopmap_table_find_column(t, cols[i])) >= 0);
	assert_true(coopmap_table_row_count(t) >= 200);
	for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
		char why[512];
		double score;
		int said = coopmap_pool_same_partner(
			coopmap_table_cell(t, r, (size_t)c[0]),
			coopmap_table_cell(t, r, (size_t)c[1]),
			coopmap_table_cell(t, r, (size_t)c[2]),
			coopmap_table_cell(t, r, (size_t)c[3]), &score, why, sizeof(why));
		int truth = strcmp(coopmap_table_cell(t, r, (size_t)c[4]), "1") == 0;
		int knowledge = strcmp(coopmap_table_cell(t, r, (size_t)c[5]),
			"1") == 0;

		for (int k = 0; k < 2; k++) {
			struct tally *x = k == 0 ? &all : &names;

			if (k == 1 && knowledge)
				continue;
			x->tp += said && truth;
			x->fp += said && !truth;
			x->fn += !said && truth;
			x->tn += !said && !truth;
		}
		if (said != truth && !knowledge)
			print_message("  %s (line %ld): '%s' / '%s' scored %.2f: %s\n",
				said ? "false merge" : "missed", coopmap_table_line(t, r),
				coopmap_table_cell(t, r, (size_t)c[0]),
				coopmap_table_cell(t, r, (size_t)c[2]), score, why);
	}
	print_tally("all", &all, &all_precision, &all_recall);
	print_tally("decidable from the names", &names, &precision, &recall);
	assert_true(precision >= 0.95);
	assert_true(recall >= 0.95);
	assert_true(all_precision >= 0.95);
	coopmap_table_free(t);
}

static coopmap_pool *pool_of(const char *path, coopmap_projects **projects)
{
	coopmap_pool *pool = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(coopmap_projects_read(path, NULL, registry, projects,
		&err), COOPMAP_OK);
	assert_int_equal(coopmap_pool_build(*projects, &pool, &err), COOPMAP_OK);
	return pool;
}

static const coopmap_pool_group *partner_named(const coopmap_pool *pool,
	const char *name)
{
	for (size_t i = 0; i < coopmap_pool_partner_count(pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_partner(pool, i);

		for (size_t k = 0; k < g->n_variants; k++) {
			if (strcmp(g->variants[k], name) == 0)
				return g;
		}
	}
	return NULL;
}

/*
 * Five partners are shared.  "Centre hospitalier national de Ouagadougou"
 * (a 2002 twinning) is read as the national hospital of Ouagadougou, the
 * CHN Yalgado Ouédraogo: the city's other national hospital is always
 * named as the paediatric one.
 */
static void test_example_shared_partners_are_the_ones_a_reader_finds(void **state)
{
	static const char *const shared[] = {
		"Centre hospitalier national Yalgado Ouédraogo",
		"Centre hospitalier national de Bobo-Dioulasso",
		"CHRACERH (Centre hospitalier de recherche et d'application en "
		"chirurgie endoscopique et reproduction humaine)",
		"Hôpital Général de Douala", "Cliniques universitaires de Kinshasa"
	};
	coopmap_projects *projects = NULL;
	coopmap_pool *pool = pool_of("examples/cooperations.csv", &projects);
	size_t n_shared = 0;

	(void)state;
	for (size_t i = 0; i < coopmap_pool_partner_count(pool); i++)
		n_shared += coopmap_pool_partner(pool, i)->n_peers >= 2;
	assert_int_equal(n_shared, 5);
	for (size_t i = 0; i < 5; i++) {
		const coopmap_pool_group *g = partner_named(pool, shared[i]);

		assert_non_null(g);
		assert_int_equal(g->n_peers, 2);
	}
	assert_int_equal(partner_named(pool, "Hôpital général de Douala"),
		partner_named(pool, "Hôpital Général de Douala"));
	/* The paediatric hospital of Ouagadougou stays apart. */
	assert_true(partner_named(pool, "Centre hospitalier national Yalgado "
		"Ouédraogo") != partner_named(pool, "Centre hospitalier national "
		"pédiatrique de Ouagadougou"));
	assert_true(partner_named(pool, "Centre hospitalier national de "
		"Ouagadougou") != partner_named(pool, "Centre hospitalier national "
		"pédiatrique de Ouagadougou"));
	coopmap_pool_free(pool);
	coopmap_projects_free(projects);
}

static void test_no_chain_and_no_merge_within_a_city(void **state)
{
	coopmap_projects *projects = NULL;
	coopmap_pool *pool = pool_of("tests/data/pool-cases.csv", &projects);

	(void)state;
	/* Sominé ~ Sominé Dolo ~ Dolo, but Sominé is not Dolo. */
	assert_true(partner_named(pool, "Hôpital Sominé") !=
		partner_named(pool, "Hôpital Dolo"));
	assert_true(partner_named(pool, "CHU de Cocody") !=
		partner_named(pool, "CHU de Treichville"));
	/* The acronym is the full name's. */
	assert_true(partner_named(pool, "HGOPY") == partner_named(pool,
		"Hôpital Gynéco-Obstétrique et Pédiatrique de Yaoundé"));
	/* French establishments by name: CHU = Centre hospitalier universitaire. */
	assert_int_equal(coopmap_pool_establishment_count(pool), 5);
	coopmap_pool_free(pool);
	coopmap_projects_free(projects);
}

static void test_merges_are_explained(void **state)
{
	coopmap_projects *projects = NULL;
	coopmap_pool *pool = pool_of("tests/data/pool-cases.csv", &projects);
	int found = 0;

	(void)state;
	for (size_t i = 0; i < coopmap_pool_merge_count(pool); i++) {
		const coopmap_pool_merge *m = coopmap_pool_merge_get(pool, i);

		assert_true(m->score >= 0.75);
		assert_true(strlen(m->why) > 0);
		found |= strstr(m->why, "acronym") != NULL;
	}
	assert_true(found);
	coopmap_pool_free(pool);
	coopmap_projects_free(projects);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labelled_pairs_precision_and_recall),
		cmocka_unit_test(test_example_shared_partners_are_the_ones_a_reader_finds),
		cmocka_unit_test(test_no_chain_and_no_merge_within_a_city),
		cmocka_unit_test(test_merges_are_explained),
	};
	return cmocka_run_group_tests_name("pool", tests, open_registry,
		close_registry);
}
