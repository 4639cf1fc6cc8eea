/* test_pool.c: partner identity measured on labelled pairs (precision and
 * recall), and grouping: what a careful reader finds in the bundled
 * example, no chaining, no merge of two hospitals of one city, acronyms,
 * and the same groups whatever the order of the rows. */
#include "test_util.h"

#include <glib.h>
#include <string.h>

#include "coopmap/partners.h"
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
 * The labelled pairs (issue 21): no wrong merge at all (precision 1.00 on
 * every pair), and recall 0.99 or more on the pairs a reader can decide
 * from the two names; the pairs that need outside knowledge (a renaming,
 * a translation, a local name: needs_knowledge = 1) are measured and
 * printed too.  Pairs added for issue 21 carry their source URL.
 */
static void test_labelled_pairs_precision_and_recall(void **state)
{
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	struct tally names = { 0, 0, 0, 0 }, all = { 0, 0, 0, 0 };
	double precision, recall, all_precision, all_recall;
	long c[7];
	static const char *const cols[] = { "name_a", "city_a", "name_b",
		"city_b", "same", "needs_knowledge", "source" };

	(void)state;
	assert_int_equal(coopmap_table_read("tests/data/partner-pairs.csv", NULL,
		&t, &err), COOPMAP_OK);
	for (int i = 0; i < 7; i++)
		assert_true((c[i] = coopmap_table_find_column(t, cols[i])) >= 0);
	assert_true(coopmap_table_row_count(t) >= 800);
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
	assert_int_equal(all.fp, 0);
	assert_true(recall >= 0.99);
	assert_true(all_recall >= 0.80);
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
 * Four partners are shared.  "Centre hospitalier national de Ouagadougou"
 * (a 2002 twinning) stays apart from the CHN Yalgado Ouédraogo: a type
 * named by its city alone joins a fuller name only when that name says the
 * city too, since a capital may hold several national hospitals (Niamey's
 * and Lamordé's); reading it as Yalgado took knowledge the names lack.
 */
static void test_example_shared_partners_are_the_ones_a_reader_finds(void **state)
{
	static const char *const shared[] = {
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
	assert_int_equal(n_shared, 4);
	for (size_t i = 0; i < 4; i++) {
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
	assert_true(partner_named(pool, "Centre hospitalier national de "
		"Ouagadougou") != partner_named(pool, "Centre hospitalier national "
		"Yalgado Ouédraogo"));
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

/* The names of the establishment groups present in country (an ISO
 * alpha-3 code), joined by "|". */
static char *present_in(const coopmap_pool *pool,
	const coopmap_pool_presence *presence, const char *iso_a3)
{
	GString *s = g_string_new(NULL);
	size_t n, c = coopmap_country_index(registry,
		coopmap_country_find_iso3(registry, iso_a3));
	const size_t *groups = coopmap_pool_presence_in(presence, c, &n);

	for (size_t k = 0; k < n; k++)
		g_string_append_printf(s, "%s%s", k > 0 ? "|" : "",
			coopmap_pool_establishment(pool, groups[k])->name);
	return g_string_free(s, FALSE);
}

/*
 * The establishments present in each country (the pool report's "By
 * country", the page's "in the same countries"): each group once, in the
 * order of its first project there, whatever the groups' own order;
 * spellings of one establishment are one; a project without an
 * establishment adds none.
 */
static void test_presence_lists_each_establishment_once_in_list_order(
	void **state)
{
	const char *path = TEST_ARTIFACTS "/pool-presence.csv";
	coopmap_projects *projects = NULL;
	coopmap_pool *pool;
	coopmap_pool_presence *presence = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char *names;
	size_t n = 99;

	(void)state;
	g_mkdir_with_parents(TEST_ARTIFACTS, 0755);
	assert_true(g_file_set_contents(path,
		"etablissement,partenaire,pays\n"
		"CHU de Rennes,Hôpital Gabriel Touré,Mali\n"
		"CHU d'Angers,Hôpital du Point G,Mali\n"
		"C.H.U. de Rennes,Hôpital de Kati,Mali\n"
		"CHU d'Angers,Hôpital Principal de Dakar,Sénégal\n"
		",Hôpital de Sikasso,Mali\n"
		"CHU de Brest,Hôpital de Kati,Mali\n"
		"CHU de Rennes,Hôpital Principal de Dakar,Sénégal\n", -1, NULL));
	pool = pool_of(path, &projects);
	assert_int_equal(coopmap_pool_presence_build(pool, projects, registry,
		&presence, &err), COOPMAP_OK);
	names = present_in(pool, presence, "MLI");
	assert_string_equal(names, "CHU de Rennes|CHU d'Angers|CHU de Brest");
	g_free(names);
	names = present_in(pool, presence, "SEN");
	assert_string_equal(names, "CHU d'Angers|CHU de Rennes");
	g_free(names);
	assert_null(coopmap_pool_presence_in(presence,
		coopmap_country_index(registry, coopmap_country_find_iso3(registry,
		"FRA")), &n));
	assert_int_equal(n, 0);
	n = 99;
	assert_null(coopmap_pool_presence_in(presence,
		coopmap_countries_count(registry) + 5, &n));
	assert_int_equal(n, 0);
	coopmap_pool_presence_free(presence);
	coopmap_pool_presence_free(NULL);
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

/* `coopmap pool --explain` says, for each merge, the score against the
 * threshold and the evidence: the acronym, the words shared, the cities. */
static void test_explain_gives_score_threshold_and_evidence(void **state)
{
	const char *argv[] = { getenv("COOPMAP_BIN"), "pool",
		"tests/data/pool-cases.csv", "--explain", "--lang", "en", NULL };
	const char *argv_fr[] = { getenv("COOPMAP_BIN"), "pool",
		"tests/data/pool-cases.csv", "--explain", NULL };
	gchar *out = NULL, *err = NULL;
	gint status = -1;

	(void)state;
	assert_non_null(argv[0]);
	/* A French run explains in French. */
	assert_true(g_spawn_sync(NULL, (gchar **)argv_fr, NULL, 0, NULL, NULL,
		&out, &err, &status, NULL));
	assert_int_equal(status, 0);
	assert_non_null(strstr(err, "rapprochement : 'Hôpital Dolo' = 'Hôpital "
		"Sominé Dolo' (score 1.00 >= 0.75 : "));
	assert_null(strstr(err, "merge:"));
	g_free(out);
	g_free(err);
	assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, 0, NULL, NULL, &out,
		&err, &status, NULL));
	assert_int_equal(status, 0);
	assert_non_null(strstr(err, "merge: 'HGOPY' = 'Hôpital Gynéco-Obstétrique "
		"et Pédiatrique de Yaoundé' (score 0.95 >= 0.75: ': hgopy' is the "
		"acronym of 'hospital: gynecologie obstetrique pediatrique yaounde'"));
	assert_non_null(strstr(err, "merge: 'Hôpital Dolo' = 'Hôpital Sominé "
		"Dolo' (score 1.00 >= 0.75: the distinctive words match (shared: "
		"dolo); types hospital/hospital agree; cities agree: 'mopti' / "
		"'mopti')"));
	/* The English report in English typography: no space before a colon,
	 * spellings in English quotes. */
	assert_non_null(strstr(out, "# Pooling cooperation: "));
	assert_non_null(strstr(out, "  - same partner: "));
	assert_null(strstr(out, "same partner :"));
	assert_null(strstr(out, "«"));
	/* No merge of the two CHU of Abidjan, so none explained. */
	assert_null(strstr(err, "Treichville' ="));
	assert_null(strstr(err, "= 'CHU de Treichville'"));
	g_free(out);
	g_free(err);
}

/* The matcher's reasons name the evidence of each rule added for issue
 * 21, on attested names: an acronym with the type's letters after the
 * initials, two codes one after their type's letters, a city in two
 * languages, Vietnamese generic words, a transliteration, "University
 * Hospital" as a CHU, an initial for a first name. */
static void test_reasons_name_the_evidence(void **state)
{
	static const struct {
		const char *a, *city_a, *b, *city_b, *reason;
	} cases[] = {
		{ "RHUH", "Beyrouth", "Hôpital universitaire Rafik Hariri",
		  "Beyrouth", "is the acronym of" },
		{ "CHUJRA", "Antananarivo", "HJRA", "Antananarivo",
		  "are one acronym after their type's letters" },
		{ "Hôtel-Dieu de France", "Beyrouth", "Hotel-Dieu de France",
		  "Beirut", "cities agree: 'beyrouth' / 'beirut'" },
		{ "Bệnh viện Trung ương Huế", "Huế", "Hue Central Hospital", "Hue",
		  "(shared: central)" },
		{ "CHU Mustapha Pacha", "Alger", "CHU Mustapha-Bacha", "Alger",
		  "(shared: mustapha pacha)" },
		{ "CHUIS", "Rabat", "Ibn Sina University Hospital", "Rabat",
		  "is the acronym of 'chu: ibn sina'" },
		{ "Spitalul Clinic Municipal pentru copii „V. Ignatenco”",
		  "Chișinău", "spitalul „Valentin Ignatenco”", "Chișinău",
		  "(shared: v ignatenco)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char why[512];
		double score;

		assert_true(coopmap_pool_same_partner(cases[i].a, cases[i].city_a,
			cases[i].b, cases[i].city_b, &score, why, sizeof(why)));
		if (strstr(why, cases[i].reason) == NULL)
			fail_msg("'%s' / '%s': %s", cases[i].a, cases[i].b, why);
	}
}

/* ---- blocking (partners.h): pairs need not all be compared ------------ */

struct keyset {
	GHashTable *shared, *probe, *target, *city;
};

static void collect_key(const char *key, int role, int word, void *data)
{
	struct keyset *k = data;
	GHashTable *h = role == COOPMAP_PARTNER_KEY_SHARED ? k->shared
		: role == COOPMAP_PARTNER_KEY_PROBE ? k->probe : k->target;

	(void)word;
	g_hash_table_add(h, g_strdup(key));
}

static void collect_city_key(const char *key, int role, int word, void *data)
{
	struct keyset *k = data;

	(void)role;
	(void)word;
	g_hash_table_add(k->city, g_strdup(key));
}

static struct keyset *keys_of(const coopmap_partner_name *n)
{
	struct keyset *k = g_new0(struct keyset, 1);

	k->shared = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	k->probe = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	k->target = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	k->city = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	coopmap_partner_name_keys(n, collect_key, k);
	coopmap_partner_name_city_keys(n, collect_city_key, k);
	return k;
}

static void keyset_free(struct keyset *k)
{
	g_hash_table_destroy(k->shared);
	g_hash_table_destroy(k->probe);
	g_hash_table_destroy(k->target);
	g_hash_table_destroy(k->city);
	g_free(k);
}

static int tables_meet(GHashTable *a, GHashTable *b)
{
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, a);
	while (g_hash_table_iter_next(&it, &key, NULL))
		if (g_hash_table_contains(b, key))
			return 1;
	return 0;
}

/* Two names that score "same" meet on a key, and their cities too: else
 * pooling by keys would miss a pair that comparing every pair finds. */
static void assert_analysed_meet(const coopmap_partner_name *a,
	struct keyset *ka, const coopmap_partner_name *b, struct keyset *kb,
	const char *name_a, const char *name_b)
{
	double score = coopmap_partner_score(a, b, NULL, 0);

	if (score < COOPMAP_PARTNER_SAME)
		return;
	if (!tables_meet(ka->shared, kb->shared) &&
	    !tables_meet(ka->probe, kb->target) &&
	    !tables_meet(kb->probe, ka->target))
		fail_msg("'%s' and '%s' score %.2f but share no key", name_a,
			name_b, score);
	if (g_hash_table_size(ka->city) > 0 && g_hash_table_size(kb->city) > 0
	    && !tables_meet(ka->city, kb->city))
		fail_msg("'%s' and '%s' score %.2f but their cities share no key",
			name_a, name_b, score);
}

static void assert_keys_meet(const char *name_a, const char *city_a,
	const char *name_b, const char *city_b)
{
	coopmap_partner_name *a = coopmap_partner_name_new(name_a, city_a);
	coopmap_partner_name *b = coopmap_partner_name_new(name_b, city_b);
	struct keyset *ka = keys_of(a), *kb = keys_of(b);

	assert_analysed_meet(a, ka, b, kb, name_a, name_b);
	assert_analysed_meet(b, kb, a, ka, name_b, name_a);
	keyset_free(ka);
	keyset_free(kb);
	coopmap_partner_name_free(a);
	coopmap_partner_name_free(b);
}

static void test_blocking_keys_meet_for_every_pair_that_scores_same(
	void **state)
{
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	long c[4];
	static const char *const cols[] = { "name_a", "city_a", "name_b",
		"city_b" };

	(void)state;
	/* The labelled pairs of real hospitals, both orders. */
	assert_int_equal(coopmap_table_read("tests/data/partner-pairs.csv", NULL,
		&t, &err), COOPMAP_OK);
	for (int i = 0; i < 4; i++)
		assert_true((c[i] = coopmap_table_find_column(t, cols[i])) >= 0);
	for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
		const char *v[4];

		for (int i = 0; i < 4; i++)
			v[i] = coopmap_table_cell(t, r, (size_t)c[i]);
		assert_keys_meet(v[0], v[1], v[2], v[3]);
	}
	coopmap_table_free(t);
	/* Every pair of 600 spellings of one country typed many ways
	 * (bench/gen_spellings.py 600): types, people, places, typos,
	 * capitals, qualifiers. */
	assert_int_equal(coopmap_table_read("tests/data/spellings-600.csv", NULL,
		&t, &err), COOPMAP_OK);
	c[0] = coopmap_table_find_column(t, "partenaire");
	c[1] = coopmap_table_find_column(t, "ville_partenaire");
	{
		size_t n = coopmap_table_row_count(t);
		coopmap_partner_name **names = g_new0(coopmap_partner_name *, n);
		struct keyset **keys = g_new0(struct keyset *, n);

		for (size_t r = 0; r < n; r++) {
			names[r] = coopmap_partner_name_new(coopmap_table_cell(t, r,
				(size_t)c[0]), coopmap_table_cell(t, r, (size_t)c[1]));
			keys[r] = keys_of(names[r]);
		}
		for (size_t r = 0; r < n; r++)
			for (size_t q = 0; q < n; q++)
				if (q != r)
					assert_analysed_meet(names[r], keys[r], names[q],
						keys[q], coopmap_table_cell(t, r, (size_t)c[0]),
						coopmap_table_cell(t, q, (size_t)c[0]));
		for (size_t r = 0; r < n; r++) {
			coopmap_partner_name_free(names[r]);
			keyset_free(keys[r]);
		}
		g_free(names);
		g_free(keys);
	}
	coopmap_table_free(t);
}

/* The groups of 600 spellings are those of comparing every pair: the
 * digest of `coopmap pool --format json` as the exhaustive version (before
 * blocking, f61ef7a) wrote it, renewed when the score changed on purpose
 * (issue 21: a type named by its city alone joins a fuller name only when
 * it says the city; 27 merges of that version's 600 spellings go, 13 come;
 * every pair that scores "same" still meets on a key, the test above). */
static void test_blocked_pooling_gives_the_exhaustive_groups(void **state)
{
	const char *argv[] = { getenv("COOPMAP_BIN"), "pool",
		"tests/data/spellings-600.csv", "--format", "json", NULL };
	gchar *out = NULL, *digest;
	gint status = -1;

	(void)state;
	assert_non_null(argv[0]);
	assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL,
		G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL));
	assert_int_equal(status, 0);
	digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, out, -1);
	assert_string_equal(digest,
		"172a28238f8bb71160a44e30bd583ff79221beca8018944442d04583772232e6");
	g_free(digest);
	g_free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labelled_pairs_precision_and_recall),
		cmocka_unit_test(test_example_shared_partners_are_the_ones_a_reader_finds),
		cmocka_unit_test(test_no_chain_and_no_merge_within_a_city),
		cmocka_unit_test(test_presence_lists_each_establishment_once_in_list_order),
		cmocka_unit_test(test_merges_are_explained),
		cmocka_unit_test(test_explain_gives_score_threshold_and_evidence),
		cmocka_unit_test(test_reasons_name_the_evidence),
		cmocka_unit_test(test_blocking_keys_meet_for_every_pair_that_scores_same),
		cmocka_unit_test(test_blocked_pooling_gives_the_exhaustive_groups),
	};
	return cmocka_run_group_tests_name("pool", tests, open_registry,
		close_registry);
}
