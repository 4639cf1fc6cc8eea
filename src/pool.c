/*
 * pool.c: grouping spellings into partner hospitals and establishments.
 * Within one block (a country, or one FINESS), every pair of distinct
 * spellings is scored once; pairs at or above COOPMAP_PARTNER_SAME are
 * joined strongest first, and two groups join only when no pair across
 * them scores below LINK_MIN, so a chain of near neighbours cannot pull
 * two different hospitals together.
 */
#include "coopmap/pool.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/partners.h"
#include "intl.h"

/* Every pair across two groups must reach this to join them. */
#define LINK_MIN 0.6

struct variant {
	char *block;          /* country code, or "finess:..." */
	char *name, *city;
	const coopmap_country *country;
	const char *finess, *region;
	size_t count;         /* project records using it */
	size_t group;         /* index into the final groups */
	size_t root;          /* union-find parent (variant index) */
	GArray *members;      /* variant indices, valid at a root */
};

struct group_build {
	coopmap_pool_group pub;
	GArray *members;      /* variant indices (the root's list, borrowed) */
	GPtrArray *variants;  /* char* borrowed from variants */
	GArray *projects, *peers;
};

struct side {
	GPtrArray *variants;      /* struct variant* */
	GHashTable *index;        /* key -> variant index + 1 */
	size_t *of_project;       /* variant index per project, or -1 */
	GPtrArray *groups;        /* struct group_build* */
	size_t *group_of_project;
};

struct coopmap_pool {
	struct side partners, establishments;
	GArray *merges;           /* coopmap_pool_merge */
	GStringChunk *text;
	size_t n_projects;
};

static void free_variant(gpointer data)
{
	struct variant *v = data;

	g_free(v->block);
	g_free(v->name);
	g_free(v->city);
	if (v->members != NULL)
		g_array_free(v->members, TRUE);
	g_free(v);
}

static void free_group(gpointer data)
{
	struct group_build *g = data;

	g_ptr_array_free(g->variants, TRUE);
	g_array_free(g->projects, TRUE);
	g_array_free(g->peers, TRUE);
	g_free(g);
}

static void side_init(struct side *s, size_t n_projects)
{
	s->variants = g_ptr_array_new_with_free_func(free_variant);
	s->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	s->of_project = g_new(size_t, n_projects + 1);
	s->group_of_project = g_new(size_t, n_projects + 1);
	s->groups = g_ptr_array_new_with_free_func(free_group);
	for (size_t i = 0; i <= n_projects; i++)
		s->of_project[i] = s->group_of_project[i] = (size_t)-1;
}

static void side_clear(struct side *s)
{
	g_ptr_array_free(s->variants, TRUE);
	g_hash_table_destroy(s->index);
	g_ptr_array_free(s->groups, TRUE);
	g_free(s->of_project);
	g_free(s->group_of_project);
}

static void add_variant(struct side *s, size_t project, const char *block,
	const char *name, const char *city, const coopmap_country *country,
	const char *finess, const char *region)
{
	char *key = g_strjoin("\x1f", block, name, city, NULL);
	size_t idx = GPOINTER_TO_SIZE(g_hash_table_lookup(s->index, key));
	struct variant *v;

	if (idx == 0) {
		v = g_new0(struct variant, 1);
		v->block = g_strdup(block);
		v->name = g_strdup(name);
		v->city = g_strdup(city);
		v->country = country;
		v->finess = finess;
		v->region = region;
		g_ptr_array_add(s->variants, v);
		idx = s->variants->len;
		g_hash_table_insert(s->index, key, GSIZE_TO_POINTER(idx));
	} else {
		g_free(key);
	}
	v = g_ptr_array_index(s->variants, idx - 1);
	v->count++;
	if (v->region[0] == '\0')
		v->region = region;
	s->of_project[project] = idx - 1;
}

static size_t find_root(struct side *s, size_t i)
{
	struct variant *v = g_ptr_array_index(s->variants, i);

	while (v->root != i) {
		struct variant *parent = g_ptr_array_index(s->variants, v->root);

		v->root = parent->root;   /* path halving */
		i = v->root;
		v = g_ptr_array_index(s->variants, i);
	}
	return i;
}

struct pair {
	size_t a, b;
	double score;
};

static gint compare_pairs(gconstpointer x, gconstpointer y)
{
	const struct pair *p = x, *q = y;

	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* The scores of one block's pairs, computed when first asked: the pairs
 * that blocking keys found, and those try_join checks across two groups. */
struct block_scores {
	coopmap_partner_name **names;
	size_t first, n;
	int by_finess;        /* one FINESS is one establishment: 1.0 */
	GHashTable *cache;    /* (i * n + j, i < j) + 1 -> score */
};

static double pair_score(struct block_scores *b, size_t i, size_t j)
{
	guint64 key;
	gpointer hit;
	double sc;

	if (i == j || b->by_finess)
		return 1.0;
	if (i > j) {
		size_t t = i;

		i = j;
		j = t;
	}
	key = (guint64)i * b->n + j + 1;
	if (g_hash_table_lookup_extended(b->cache, &key, NULL, &hit)) {
		memcpy(&sc, hit, sizeof(sc));
		return sc;
	}
	sc = coopmap_partner_score(b->names[i], b->names[j], NULL, 0);
	{
		guint64 *k = g_new(guint64, 1);
		double *v = g_new(double, 1);

		*k = key;
		*v = sc;
		g_hash_table_insert(b->cache, k, v);
	}
	return sc;
}

/* Join a and b's groups unless some pair across them is too far apart. */
static int try_join(struct side *s, size_t a, size_t b,
	struct block_scores *scores)
{
	size_t ra = find_root(s, a), rb = find_root(s, b);
	struct variant *va = g_ptr_array_index(s->variants, ra);
	struct variant *vb = g_ptr_array_index(s->variants, rb);

	if (ra == rb)
		return 0;
	for (guint i = 0; i < va->members->len; i++) {
		for (guint j = 0; j < vb->members->len; j++) {
			size_t x = g_array_index(va->members, size_t, i) - scores->first;
			size_t y = g_array_index(vb->members, size_t, j) - scores->first;

			if (pair_score(scores, x, y) < LINK_MIN)
				return 0;
		}
	}
	if (rb < ra) {
		size_t t = ra;
		struct variant *tv = va;

		ra = rb;
		rb = t;
		va = vb;
		vb = tv;
	}
	g_array_append_vals(va->members, vb->members->data, vb->members->len);
	vb->root = ra;
	return 1;
}

static void record_merge(coopmap_pool *pool, const struct variant *a,
	const struct variant *b, double score, const char *why)
{
	coopmap_pool_merge m = {
		g_string_chunk_insert_const(pool->text, a->name),
		g_string_chunk_insert_const(pool->text, b->name), score,
		g_string_chunk_insert_const(pool->text, why)
	};

	g_array_append_val(pool->merges, m);
}

/* Blocking (partners.h): the names of a block under each key, by role,
 * with the word that gave the key; and each name's keys. */
struct posting {
	size_t name;
	int word;             /* -1: the key may decide alone */
};

struct bucket {
	GArray *of[3];        /* struct posting, per COOPMAP_PARTNER_KEY_* */
};

struct name_key {
	struct bucket *bucket;
	int role, word;
};

struct key_sink {
	GHashTable *buckets;  /* key -> struct bucket* */
	GArray **keys;        /* per name: struct name_key */
	GArray **city;        /* per name: sorted guint hashes of city keys */
	size_t name;
};

static void free_bucket(gpointer data)
{
	struct bucket *b = data;

	for (int r = 0; r < 3; r++)
		if (b->of[r] != NULL)
			g_array_free(b->of[r], TRUE);
	g_free(b);
}

static void add_key(const char *key, int role, int word, void *data)
{
	struct key_sink *sink = data;
	struct bucket *b = g_hash_table_lookup(sink->buckets, key);
	struct posting post = { sink->name, word };
	struct name_key mine = { NULL, role, word };

	if (b == NULL) {
		b = g_new0(struct bucket, 1);
		g_hash_table_insert(sink->buckets, g_strdup(key), b);
	}
	if (b->of[role] == NULL)
		b->of[role] = g_array_new(FALSE, FALSE, sizeof(struct posting));
	g_array_append_val(b->of[role], post);
	mine.bucket = b;
	g_array_append_val(sink->keys[sink->name], mine);
}

static void add_city_key(const char *key, int role, int word, void *data)
{
	struct key_sink *sink = data;
	guint h = g_str_hash(key);

	(void)role;
	(void)word;
	g_array_append_val(sink->city[sink->name], h);
}

static gint compare_uint(gconstpointer x, gconstpointer y)
{
	guint a = *(const guint *)x, b = *(const guint *)y;

	return (a > b) - (a < b);
}

/* Whether two sorted lists of hashes meet (a collision only keeps a
 * pair that scoring then refuses). */
static int hashes_meet(const GArray *a, const GArray *b)
{
	guint x = 0, y = 0;

	while (x < a->len && y < b->len) {
		guint p = g_array_index(a, guint, x), q = g_array_index(b, guint, y);

		if (p == q)
			return 1;
		if (p < q)
			x++;
		else
			y++;
	}
	return 0;
}

/* What the keys of name i say of each later name j: which words of each
 * may match, or that a key may decide alone. */
struct evidence {
	guint64 *mine, *theirs;   /* per j: bits of i's words, of j's words */
	unsigned char *decisive;
	GArray *touched;          /* size_t j */
};

static guint64 word_bit(int word)
{
	return word >= 0 && word < 64 ? (guint64)1 << word : 0;
}

static void note(struct evidence *ev, size_t j, guint64 mine,
	guint64 theirs, int decisive)
{
	if (ev->mine[j] == 0 && ev->theirs[j] == 0 && !ev->decisive[j])
		g_array_append_val(ev->touched, j);
	ev->mine[j] |= mine;
	ev->theirs[j] |= theirs;
	ev->decisive[j] |= (unsigned char)decisive;
}

/* Each name's word weights (partners.h), read once. */
struct weights {
	double **of;          /* per name: its words' weights */
	size_t *count;
	double *total;
};

static void weights_init(struct weights *w, coopmap_partner_name **names,
	size_t n)
{
	w->of = g_new0(double *, n + 1);
	w->count = g_new0(size_t, n + 1);
	w->total = g_new0(double, n + 1);
	for (size_t i = 0; i < n; i++) {
		w->count[i] = coopmap_partner_name_word_count(names[i]);
		w->of[i] = g_new0(double, w->count[i] + 1);
		for (size_t k = 0; k < w->count[i]; k++) {
			w->of[i][k] = coopmap_partner_name_word_weight(names[i], k);
			w->total[i] += w->of[i][k];
		}
	}
}

static void weights_clear(struct weights *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		g_free(w->of[i]);
	g_free(w->of);
	g_free(w->count);
	g_free(w->total);
}

/* The share of name i's word weight in the words of mask (every word
 * past the 64th counted as matching: no bound there). */
static double matched_share(const struct weights *w, size_t i, guint64 mask)
{
	double matched = 0;

	for (size_t k = 0; k < w->count[i]; k++)
		if (k >= 64 || (mask & ((guint64)1 << k)))
			matched += w->of[i][k];
	return w->total[i] > 0 ? matched / w->total[i] : 0;
}

/* Whether i and j, sharing keys, can score COOPMAP_PARTNER_SAME: their
 * cities may agree, and some key decides alone, or the words that may
 * match are enough of the lighter name (of the one name with distinctive
 * words, all of them). */
static int may_be_same(const struct weights *w, GArray **city, size_t i,
	size_t j, const struct evidence *ev)
{
	double total_i = w->total[i], total_j = w->total[j];
	const double slack = 1e-9;

	/* Two cities that cannot agree: two hospitals. */
	if (city[i]->len > 0 && city[j]->len > 0 && !hashes_meet(city[i],
	    city[j]))
		return 0;
	if (ev->decisive[j])
		return 1;
	if (total_i > 0 && total_j > 0)
		return (total_i <= total_j ? matched_share(w, i, ev->mine[j])
			: matched_share(w, j, ev->theirs[j])) >=
			COOPMAP_PARTNER_SHARE_MIN - slack;
	if (total_i > 0)
		return matched_share(w, i, ev->mine[j]) >= 1 - slack;
	if (total_j > 0)
		return matched_share(w, j, ev->theirs[j]) >= 1 - slack;
	return 1;
}

static void push_pair(GArray *pairs, size_t n, size_t i, size_t j)
{
	guint64 code = (guint64)i * n + j;

	g_array_append_val(pairs, code);
}

/* The pairs (i < j, as i * n + j) that may score COOPMAP_PARTNER_SAME: for
 * each name, what its keys share with the later names, weighed. */
static GArray *candidate_pairs(coopmap_partner_name **names, size_t n)
{
	struct key_sink sink = { g_hash_table_new_full(g_str_hash, g_str_equal,
		g_free, free_bucket), g_new0(GArray *, n + 1),
		g_new0(GArray *, n + 1), 0 };
	struct evidence ev = { g_new0(guint64, n + 1), g_new0(guint64, n + 1),
		g_new0(unsigned char, n + 1), g_array_new(FALSE, FALSE,
		sizeof(size_t)) };
	GArray *pairs = g_array_new(FALSE, FALSE, sizeof(guint64));
	struct weights weights;

	weights_init(&weights, names, n);
	for (sink.name = 0; sink.name < n; sink.name++) {
		sink.keys[sink.name] = g_array_new(FALSE, FALSE,
			sizeof(struct name_key));
		coopmap_partner_name_keys(names[sink.name], add_key, &sink);
		sink.city[sink.name] = g_array_new(FALSE, FALSE, sizeof(guint));
		coopmap_partner_name_city_keys(names[sink.name], add_city_key,
			&sink);
		g_array_sort(sink.city[sink.name], compare_uint);
	}
	for (size_t i = 0; i < n; i++) {
		GArray *keys = sink.keys[i];

		for (guint k = 0; k < keys->len; k++) {
			const struct name_key *key = &g_array_index(keys,
				struct name_key, k);
			/* A shared key meets the same key; a probe, the targets;
			 * a target, the probes. */
			int other = key->role == COOPMAP_PARTNER_KEY_PROBE
				? COOPMAP_PARTNER_KEY_TARGET
				: key->role == COOPMAP_PARTNER_KEY_TARGET
				? COOPMAP_PARTNER_KEY_PROBE : COOPMAP_PARTNER_KEY_SHARED;
			GArray *list = key->bucket->of[other];

			for (guint m = 0; list != NULL && m < list->len; m++) {
				const struct posting *p = &g_array_index(list,
					struct posting, m);
				int decisive = key->word < 0 || p->word < 0;

				if (p->name <= i)
					continue;
				if (key->role == COOPMAP_PARTNER_KEY_SHARED)
					note(&ev, p->name, word_bit(key->word),
						word_bit(p->word), decisive);
				else if (key->role == COOPMAP_PARTNER_KEY_PROBE)
					note(&ev, p->name, word_bit(key->word), 0, decisive);
				else
					note(&ev, p->name, 0, word_bit(p->word), decisive);
			}
		}
		for (guint t = 0; t < ev.touched->len; t++) {
			size_t j = g_array_index(ev.touched, size_t, t);

			if (may_be_same(&weights, sink.city, i, j, &ev))
				push_pair(pairs, n, i, j);
			ev.mine[j] = ev.theirs[j] = 0;
			ev.decisive[j] = 0;
		}
		g_array_set_size(ev.touched, 0);
	}
	for (size_t i = 0; i < n; i++) {
		g_array_free(sink.keys[i], TRUE);
		g_array_free(sink.city[i], TRUE);
	}
	g_free(sink.keys);
	g_free(sink.city);
	weights_clear(&weights, n);
	g_hash_table_destroy(sink.buckets);
	g_free(ev.mine);
	g_free(ev.theirs);
	g_free(ev.decisive);
	g_array_free(ev.touched, TRUE);
	return pairs;
}

/* Group the variants [first, first + n) of one block: the pairs that
 * score COOPMAP_PARTNER_SAME or more, strongest first.  Only pairs that
 * share a blocking key can score that much (partners.h), so a country of
 * 5,000 spellings scores thousands of pairs, not 12.5 million. */
static void cluster_block(coopmap_pool *pool, struct side *s, size_t first,
	size_t n, int by_finess)
{
	struct block_scores scores = { g_new0(coopmap_partner_name *, n + 1),
		first, n, by_finess, g_hash_table_new_full(g_int64_hash,
		g_int64_equal, g_free, g_free) };
	GArray *pairs = g_array_new(FALSE, FALSE, sizeof(struct pair));
	GArray *candidates;
	char why[512];

	for (size_t i = 0; i < n; i++) {
		const struct variant *v = g_ptr_array_index(s->variants, first + i);

		scores.names[i] = coopmap_partner_name_new(v->name, v->city);
	}
	if (by_finess) {
		candidates = g_array_new(FALSE, FALSE, sizeof(guint64));
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				push_pair(candidates, n, i, j);
	} else {
		candidates = candidate_pairs(scores.names, n);
	}
	for (guint k = 0; k < candidates->len; k++) {
		guint64 code = g_array_index(candidates, guint64, k);
		size_t i = (size_t)(code / n), j = (size_t)(code % n);
		double sc = pair_score(&scores, i, j);
		struct pair p = { first + i, first + j, sc };

		if (sc >= COOPMAP_PARTNER_SAME)
			g_array_append_val(pairs, p);
	}
	g_array_free(candidates, TRUE);
	g_array_sort(pairs, compare_pairs);
	for (guint k = 0; k < pairs->len; k++) {
		struct pair *p = &g_array_index(pairs, struct pair, k);

		if (!try_join(s, p->a, p->b, &scores))
			continue;
		if (by_finess)
			snprintf(why, sizeof(why), "%s", _("same FINESS"));
		else
			coopmap_partner_score(scores.names[p->a - first],
				scores.names[p->b - first], why, sizeof(why));
		record_merge(pool, g_ptr_array_index(s->variants, p->a),
			g_ptr_array_index(s->variants, p->b), p->score, why);
	}
	for (size_t i = 0; i < n; i++)
		coopmap_partner_name_free(scores.names[i]);
	g_free(scores.names);
	g_hash_table_destroy(scores.cache);
	g_array_free(pairs, TRUE);
}

static gint compare_variants(gconstpointer x, gconstpointer y)
{
	const struct variant *a = *(const struct variant *const *)x;
	const struct variant *b = *(const struct variant *const *)y;
	int c = strcmp(a->block, b->block);

	if (c == 0)
		c = strcmp(a->name, b->name);
	return c != 0 ? c : strcmp(a->city, b->city);
}

/* Sort the variants (for a stable result) and renumber the projects. */
static void sort_variants(struct side *s, size_t n_projects)
{
	size_t n = s->variants->len;
	size_t *new_index = g_new(size_t, n + 1);

	for (size_t i = 0; i < n; i++)
		((struct variant *)g_ptr_array_index(s->variants, i))->group = i;
	g_ptr_array_sort(s->variants, compare_variants);
	for (size_t i = 0; i < n; i++) {
		struct variant *v = g_ptr_array_index(s->variants, i);

		new_index[v->group] = i;
		v->root = i;
		v->members = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_array_append_val(v->members, i);
	}
	for (size_t p = 0; p < n_projects; p++) {
		if (s->of_project[p] != (size_t)-1)
			s->of_project[p] = new_index[s->of_project[p]];
	}
	g_free(new_index);
}

static void cluster_side(coopmap_pool *pool, struct side *s)
{
	size_t n = s->variants->len;

	sort_variants(s, pool->n_projects);
	for (size_t first = 0; first < n;) {
		const struct variant *v = g_ptr_array_index(s->variants, first);
		size_t end = first + 1;

		while (end < n && strcmp(((struct variant *)g_ptr_array_index(
		    s->variants, end))->block, v->block) == 0)
			end++;
		cluster_block(pool, s, first, end - first,
			g_str_has_prefix(v->block, "finess:"));
		first = end;
	}
}

static gint compare_strings(gconstpointer x, gconstpointer y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The group's name: its most used spelling (longer, then first in order,
 * on ties); its city likewise among spellings that give one. */
static struct group_build *make_group(struct side *s, struct variant *root)
{
	struct group_build *g = g_new0(struct group_build, 1);
	const struct variant *best = NULL, *best_city = NULL;

	g->members = root->members;
	g->variants = g_ptr_array_new();
	g->projects = g_array_new(FALSE, FALSE, sizeof(size_t));
	g->peers = g_array_new(FALSE, FALSE, sizeof(size_t));
	for (guint i = 0; i < root->members->len; i++) {
		const struct variant *v = g_ptr_array_index(s->variants,
			g_array_index(root->members, size_t, i));

		g_ptr_array_add(g->variants, v->name);
		if (best == NULL || v->count > best->count ||
		    (v->count == best->count && strlen(v->name) > strlen(best->name)))
			best = v;
		if (v->city[0] != '\0' && (best_city == NULL ||
		    v->count > best_city->count))
			best_city = v;
	}
	g_ptr_array_sort(g->variants, compare_strings);
	g->pub.name = best->name;
	g->pub.city = best_city != NULL ? best_city->city : "";
	g->pub.country = best->country;
	g->pub.finess = best->finess;
	g->pub.region = best->region;
	return g;
}

static gint compare_groups(gconstpointer x, gconstpointer y)
{
	const struct group_build *a = *(const struct group_build *const *)x;
	const struct group_build *b = *(const struct group_build *const *)y;
	int c = strcmp(a->pub.country != NULL ? a->pub.country->iso_a3 : "",
		b->pub.country != NULL ? b->pub.country->iso_a3 : "");

	return c != 0 ? c : strcmp(a->pub.name, b->pub.name);
}

static void build_groups(coopmap_pool *pool, struct side *s, int by_name)
{
	size_t n = s->variants->len;

	for (size_t i = 0; i < n; i++) {
		struct variant *v = g_ptr_array_index(s->variants, i);

		if (find_root(s, i) == i) {
			struct group_build *g = make_group(s, v);

			g_ptr_array_add(s->groups, g);
		}
	}
	if (by_name) {
		/* Establishments are read by name, whatever their unit. */
		for (guint i = 0; i < s->groups->len; i++)
			((struct group_build *)g_ptr_array_index(s->groups, i))
				->pub.country = NULL;
	}
	g_ptr_array_sort(s->groups, compare_groups);
	for (guint gi = 0; gi < s->groups->len; gi++) {
		struct group_build *g = g_ptr_array_index(s->groups, gi);

		for (guint k = 0; k < g->members->len; k++)
			((struct variant *)g_ptr_array_index(s->variants,
				g_array_index(g->members, size_t, k)))->group = gi;
	}
	for (size_t p = 0; p < pool->n_projects; p++) {
		size_t v = s->of_project[p];

		if (v == (size_t)-1)
			continue;
		s->group_of_project[p] = ((struct variant *)g_ptr_array_index(
			s->variants, v))->group;
		g_array_append_val(((struct group_build *)g_ptr_array_index(
			s->groups, s->group_of_project[p]))->projects, p);
	}
}

static void add_peer(struct group_build *g, size_t peer)
{
	for (guint i = 0; i < g->peers->len; i++) {
		if (g_array_index(g->peers, size_t, i) == peer)
			return;
	}
	g_array_append_val(g->peers, peer);
}

static gint compare_sizes(gconstpointer x, gconstpointer y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

static void link_peers(coopmap_pool *pool)
{
	struct side *ps = &pool->partners, *es = &pool->establishments;

	for (size_t p = 0; p < pool->n_projects; p++) {
		size_t pg = ps->group_of_project[p], eg = es->group_of_project[p];

		if (pg == (size_t)-1 || eg == (size_t)-1)
			continue;
		add_peer(g_ptr_array_index(ps->groups, pg), eg);
		add_peer(g_ptr_array_index(es->groups, eg), pg);
	}
	for (int k = 0; k < 2; k++) {
		struct side *s = k == 0 ? ps : es;

		for (guint i = 0; i < s->groups->len; i++) {
			struct group_build *g = g_ptr_array_index(s->groups, i);

			g_array_sort(g->peers, compare_sizes);
			g->pub.n_variants = g->variants->len;
			g->pub.variants = (const char *const *)g->variants->pdata;
			g->pub.n_projects = g->projects->len;
			g->pub.projects = (const size_t *)(void *)g->projects->data;
			g->pub.n_peers = g->peers->len;
			g->pub.peers = (const size_t *)(void *)g->peers->data;
		}
	}
}

int coopmap_pool_build(const coopmap_projects *projects, coopmap_pool **out,
	coopmap_error *err)
{
	coopmap_pool *pool = g_new0(coopmap_pool, 1);

	(void)err;
	pool->n_projects = coopmap_projects_count(projects);
	pool->merges = g_array_new(FALSE, FALSE, sizeof(coopmap_pool_merge));
	pool->text = g_string_chunk_new(4096);
	side_init(&pool->partners, pool->n_projects);
	side_init(&pool->establishments, pool->n_projects);
	for (size_t i = 0; i < pool->n_projects; i++) {
		const coopmap_project *p = coopmap_projects_get(projects, i);

		if (p->partner[0] != '\0')
			add_variant(&pool->partners, i, p->country->iso_a3, p->partner,
				p->partner_city, p->country, "", "");
		if (p->establishment[0] != '\0') {
			char *block = p->finess[0] != '\0'
				? g_strconcat("finess:", p->finess, NULL) : g_strdup("name");

			add_variant(&pool->establishments, i, block, p->establishment,
				p->establishment_city, p->establishment_country, p->finess,
				p->region);
			g_free(block);
		}
	}
	cluster_side(pool, &pool->partners);
	cluster_side(pool, &pool->establishments);
	build_groups(pool, &pool->partners, 0);
	build_groups(pool, &pool->establishments, 1);
	link_peers(pool);
	*out = pool;
	return COOPMAP_OK;
}

void coopmap_pool_free(coopmap_pool *pool)
{
	if (pool == NULL)
		return;
	side_clear(&pool->partners);
	side_clear(&pool->establishments);
	g_array_free(pool->merges, TRUE);
	g_string_chunk_free(pool->text);
	g_free(pool);
}

size_t coopmap_pool_partner_count(const coopmap_pool *pool)
{
	return pool->partners.groups->len;
}

const coopmap_pool_group *coopmap_pool_partner(const coopmap_pool *pool,
	size_t i)
{
	return i < pool->partners.groups->len
		? &((struct group_build *)g_ptr_array_index(pool->partners.groups,
			i))->pub : NULL;
}

size_t coopmap_pool_establishment_count(const coopmap_pool *pool)
{
	return pool->establishments.groups->len;
}

const coopmap_pool_group *coopmap_pool_establishment(const coopmap_pool *pool,
	size_t i)
{
	return i < pool->establishments.groups->len
		? &((struct group_build *)g_ptr_array_index(
			pool->establishments.groups, i))->pub : NULL;
}

size_t coopmap_pool_partner_of(const coopmap_pool *pool, size_t project)
{
	return project < pool->n_projects
		? pool->partners.group_of_project[project] : (size_t)-1;
}

size_t coopmap_pool_establishment_of(const coopmap_pool *pool, size_t project)
{
	return project < pool->n_projects
		? pool->establishments.group_of_project[project] : (size_t)-1;
}

size_t coopmap_pool_merge_count(const coopmap_pool *pool)
{
	return pool->merges->len;
}

const coopmap_pool_merge *coopmap_pool_merge_get(const coopmap_pool *pool,
	size_t i)
{
	return i < pool->merges->len
		? &g_array_index(pool->merges, coopmap_pool_merge, i) : NULL;
}

int coopmap_pool_same_partner(const char *name_a, const char *city_a,
	const char *name_b, const char *city_b, double *score, char *why,
	size_t size)
{
	coopmap_partner_name *a = coopmap_partner_name_new(name_a, city_a);
	coopmap_partner_name *b = coopmap_partner_name_new(name_b, city_b);
	double s = coopmap_partner_score(a, b, why, size);

	coopmap_partner_name_free(a);
	coopmap_partner_name_free(b);
	if (score != NULL)
		*score = s;
	return s >= COOPMAP_PARTNER_SAME;
}

struct coopmap_pool_presence {
	GArray **of;           /* per country: size_t establishment groups */
	size_t n_countries;
};

int coopmap_pool_presence_build(const coopmap_pool *pool,
	const coopmap_projects *projects, const coopmap_countries *countries,
	coopmap_pool_presence **out, coopmap_error *err)
{
	coopmap_pool_presence *presence = g_new0(coopmap_pool_presence, 1);
	/* (country << 32 | establishment group): groups and countries stay
	 * below 2^32 (one group per project at most). */
	GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
	gint64 *keys = g_new(gint64, coopmap_projects_count(projects) + 1);
	size_t n_keys = 0;

	(void)err;
	presence->n_countries = coopmap_countries_count(countries);
	presence->of = g_new0(GArray *, presence->n_countries + 1);
	for (size_t k = 0; k < coopmap_projects_count(projects); k++) {
		const coopmap_project *p = coopmap_projects_get(projects, k);
		size_t e = coopmap_pool_establishment_of(pool, k);
		size_t c = coopmap_country_index(countries, p->country);

		if (e == (size_t)-1 || c >= presence->n_countries)
			continue;
		keys[n_keys] = ((gint64)c << 32) | (gint64)e;
		/* Looked up first: adding a key that is there would put this
		 * slot, which the next project reuses, in the table. */
		if (g_hash_table_contains(seen, &keys[n_keys]))
			continue;
		g_hash_table_add(seen, &keys[n_keys++]);
		if (presence->of[c] == NULL)
			presence->of[c] = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_array_append_val(presence->of[c], e);
	}
	g_hash_table_destroy(seen);
	g_free(keys);
	*out = presence;
	return COOPMAP_OK;
}

void coopmap_pool_presence_free(coopmap_pool_presence *presence)
{
	if (presence == NULL)
		return;
	for (size_t c = 0; c < presence->n_countries; c++)
		if (presence->of[c] != NULL)
			g_array_free(presence->of[c], TRUE);
	g_free(presence->of);
	g_free(presence);
}

const size_t *coopmap_pool_presence_in(const coopmap_pool_presence *presence,
	size_t country, size_t *n)
{
	const GArray *there = country < presence->n_countries
		? presence->of[country] : NULL;

	*n = there != NULL ? there->len : 0;
	return there != NULL ? (const size_t *)(const void *)there->data : NULL;
}
