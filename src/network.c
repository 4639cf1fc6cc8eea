/*
 * network.c: nodes and links from the pooled projects.  Node i < number of
 * establishment groups is establishment group i; partner groups follow in
 * pool order, then the partners not named, in order of first appearance,
 * so that the same list always gives the same network.
 */
#include "coopmap/network.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"

struct coopmap_network {
	coopmap_measure measure;
	GArray *nodes;   /* coopmap_node */
	GArray *links;   /* coopmap_link */
	size_t unplaced;
};

static const char *const programme_names[COOPMAP_PROGRAMME_COUNT] = {
	"apchi", "prph", "other"
};
static const char *const programme_names_fr[COOPMAP_PROGRAMME_COUNT] = {
	"apchi", "prph", "autre"
};

coopmap_programme coopmap_programme_of(const char *text)
{
	char *key = coopmap_names_fold(text != NULL ? text : "");
	coopmap_programme p = COOPMAP_PROGRAMME_OTHER;

	/* Named, not guessed from a funder: "FHF" or "AFD" alone fund other
	 * things too (the 2002 Burkina Faso twinnings: MAE and FHF).  The
	 * ministry's call is named APCHI, or by its funder, the DGOS. */
	if (key != NULL && strstr(key, "prph") != NULL)
		p = COOPMAP_PROGRAMME_PRPH;
	else if (key != NULL && (strstr(key, "apchi") != NULL ||
	    strstr(key, "dgos") != NULL))
		p = COOPMAP_PROGRAMME_APCHI;
	free(key);
	return p;
}

const char *coopmap_programme_label(coopmap_programme programme,
	const char *lang)
{
	static const char *const fr[COOPMAP_PROGRAMME_COUNT] = {
		"APCHI (ministère de la Santé, DGOS)", "PRPH (FHF et AFD)",
		"Autre financement ou non précisé"
	};
	static const char *const en[COOPMAP_PROGRAMME_COUNT] = {
		"APCHI (health ministry, DGOS)", "PRPH (FHF and AFD)",
		"Other funding or not stated"
	};

	if (programme >= COOPMAP_PROGRAMME_COUNT)
		return "";
	return lang != NULL && strcmp(lang, "en") == 0 ? en[programme]
		: fr[programme];
}

const char *coopmap_programme_name(coopmap_programme programme,
	const char *lang)
{
	if (programme >= COOPMAP_PROGRAMME_COUNT)
		return "";
	return lang != NULL && strcmp(lang, "en") == 0
		? programme_names[programme] : programme_names_fr[programme];
}

int coopmap_programme_from_name(const char *name)
{
	for (int i = 0; i < COOPMAP_PROGRAMME_COUNT; i++) {
		if (g_ascii_strcasecmp(name, programme_names[i]) == 0 ||
		    g_ascii_strcasecmp(name, programme_names_fr[i]) == 0)
			return i;
	}
	return -1;
}

/* Add v to a value that is NAN until a project gives one. */
static void add_value(double *value, double v)
{
	if (isnan(v))
		return;
	*value = isnan(*value) ? v : *value + v;
}

static coopmap_node *node_at(coopmap_network *n, size_t i)
{
	return &g_array_index(n->nodes, coopmap_node, i);
}

static void add_group_nodes(coopmap_network *n, const coopmap_pool *pool)
{
	for (size_t i = 0; i < coopmap_pool_establishment_count(pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_establishment(pool, i);
		coopmap_node node = { COOPMAP_NODE_ESTABLISHMENT, NAN, NAN, 0,
			g->name, g->city, g->country, 0, NAN };

		g_array_append_val(n->nodes, node);
	}
	for (size_t i = 0; i < coopmap_pool_partner_count(pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_partner(pool, i);
		coopmap_node node = { COOPMAP_NODE_PARTNER, NAN, NAN, 0, g->name,
			g->city, g->country, 0, NAN };

		g_array_append_val(n->nodes, node);
	}
}

/* The node of a partner not named: one per country and place. */
static size_t unnamed_partner(coopmap_network *n, GHashTable *unnamed,
	const coopmap_project *p)
{
	char *key = g_strdup_printf("%s|%.6f|%.6f", p->country->iso_a3,
		p->partner_lon, p->partner_lat);
	gpointer found;
	size_t index;

	if (g_hash_table_lookup_extended(unnamed, key, NULL, &found)) {
		g_free(key);
		return GPOINTER_TO_SIZE(found);
	}
	index = n->nodes->len;
	{
		coopmap_node node = { COOPMAP_NODE_PARTNER, NAN, NAN, 0, "",
			p->partner_city, p->country, 0, NAN };

		g_array_append_val(n->nodes, node);
	}
	g_hash_table_insert(unnamed, key, GSIZE_TO_POINTER(index));
	return index;
}

/* Place a node at its first project's end, and count the project. */
static void count_at(coopmap_node *node, double lon, double lat,
	int approximate, double value)
{
	if (isnan(node->lon) && !isnan(lon) && !isnan(lat)) {
		node->lon = lon;
		node->lat = lat;
		node->approximate = approximate;
	}
	node->projects++;
	add_value(&node->value, value);
}

size_t coopmap_network_pairs(const size_t *first, const size_t *second,
	size_t n, size_t *pair_of)
{
	/* The keys live in keys[], one slot per pair, never moved: the table
	 * points into it, and no project allocates a key of its own. */
	GHashTable *pairs = g_hash_table_new(g_int64_hash, g_int64_equal);
	guint64 *keys = g_new(guint64, n + 1);
	size_t count = 0;

	for (size_t k = 0; k < n; k++) {
		gpointer found;

		pair_of[k] = SIZE_MAX;
		if (first[k] == SIZE_MAX || second[k] == SIZE_MAX)
			continue;
		keys[count] = (guint64)first[k] << 32 | (guint64)second[k];
		if (g_hash_table_lookup_extended(pairs, &keys[count], NULL, &found)) {
			pair_of[k] = GPOINTER_TO_SIZE(found);
			continue;
		}
		g_hash_table_insert(pairs, &keys[count], GSIZE_TO_POINTER(count));
		pair_of[k] = count++;
	}
	g_hash_table_destroy(pairs);
	g_free(keys);
	return count;
}

/* Count project p on its link (a new one when its pair is met first). */
static void count_link(coopmap_network *n, size_t pair, size_t e,
	size_t partner, const coopmap_project *p)
{
	coopmap_link *link;

	if (pair == n->links->len) {
		coopmap_link fresh;

		memset(&fresh, 0, sizeof(fresh));
		fresh.establishment = e;
		fresh.partner = partner;
		g_array_append_val(n->links, fresh);
	}
	link = &g_array_index(n->links, coopmap_link, pair);
	link->projects++;
	link->by_programme[coopmap_programme_of(p->programme)]++;
	if (p->establishment_approximate || p->partner_approximate)
		link->approximate = 1;
}

/* Each link's programme: the one with most projects (APCHI, PRPH, other
 * on ties, in that order). */
static void settle_links(coopmap_network *n)
{
	for (guint i = 0; i < n->links->len; i++) {
		coopmap_link *l = &g_array_index(n->links, coopmap_link, i);

		l->programme = COOPMAP_PROGRAMME_APCHI;
		for (int k = 1; k < COOPMAP_PROGRAMME_COUNT; k++) {
			if (l->by_programme[k] > l->by_programme[l->programme])
				l->programme = (coopmap_programme)k;
		}
	}
}

/* For the establishments measure, a partner's value is the establishments
 * working with it, an establishment's is one. */
static void count_establishments(coopmap_network *n)
{
	for (guint i = 0; i < n->nodes->len; i++) {
		coopmap_node *node = node_at(n, i);

		node->value = node->kind == COOPMAP_NODE_ESTABLISHMENT ? 1 : 0;
	}
	for (guint i = 0; i < n->links->len; i++)
		node_at(n, g_array_index(n->links, coopmap_link, i).partner)->value++;
}

int coopmap_network_build(const coopmap_projects *projects,
	const coopmap_pool *pool, coopmap_measure measure,
	coopmap_network **out, coopmap_error *err)
{
	coopmap_network *n = calloc(1, sizeof(*n));
	size_t n_establishments = coopmap_pool_establishment_count(pool);
	size_t n_projects = coopmap_projects_count(projects);
	size_t *ends, *pair_of;
	GHashTable *unnamed;

	*out = NULL;
	if (n == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	n->measure = measure;
	n->nodes = g_array_new(FALSE, FALSE, sizeof(coopmap_node));
	n->links = g_array_new(FALSE, FALSE, sizeof(coopmap_link));
	add_group_nodes(n, pool);
	unnamed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* Each project's two nodes (ends[k], ends[n_projects + k]), SIZE_MAX
	 * where it is drawn as no link. */
	ends = g_new(size_t, 2 * n_projects + 1);
	pair_of = g_new(size_t, n_projects + 1);
	for (size_t i = 0; i < n_projects; i++) {
		const coopmap_project *p = coopmap_projects_get(projects, i);
		size_t e = coopmap_pool_establishment_of(pool, i);
		size_t pg = coopmap_pool_partner_of(pool, i);
		size_t partner = pg != (size_t)-1 ? n_establishments + pg
			: unnamed_partner(n, unnamed, p);
		double value = coopmap_measure_of_project(measure, p);

		ends[i] = ends[n_projects + i] = SIZE_MAX;
		count_at(node_at(n, partner), p->partner_lon, p->partner_lat,
			p->partner_approximate, value);
		if (e == (size_t)-1)
			continue;
		count_at(node_at(n, e), p->establishment_lon, p->establishment_lat,
			p->establishment_approximate, value);
		if (isnan(p->establishment_lat) || isnan(p->partner_lat)) {
			n->unplaced++;
			continue;
		}
		ends[i] = e;
		ends[n_projects + i] = partner;
	}
	g_hash_table_destroy(unnamed);
	coopmap_network_pairs(ends, ends + n_projects, n_projects, pair_of);
	for (size_t i = 0; i < n_projects; i++)
		if (pair_of[i] != SIZE_MAX)
			count_link(n, pair_of[i], ends[i], ends[n_projects + i],
				coopmap_projects_get(projects, i));
	g_free(ends);
	g_free(pair_of);
	settle_links(n);
	if (measure == COOPMAP_MEASURE_ESTABLISHMENTS)
		count_establishments(n);
	*out = n;
	return COOPMAP_OK;
}

void coopmap_network_free(coopmap_network *network)
{
	if (network == NULL)
		return;
	g_array_free(network->nodes, TRUE);
	g_array_free(network->links, TRUE);
	free(network);
}

coopmap_measure coopmap_network_measure(const coopmap_network *network)
{
	return network->measure;
}

size_t coopmap_network_node_count(const coopmap_network *network)
{
	return network->nodes->len;
}

const coopmap_node *coopmap_network_node(const coopmap_network *network,
	size_t i)
{
	return &g_array_index(network->nodes, coopmap_node, i);
}

size_t coopmap_network_link_count(const coopmap_network *network)
{
	return network->links->len;
}

const coopmap_link *coopmap_network_link(const coopmap_network *network,
	size_t i)
{
	return &g_array_index(network->links, coopmap_link, i);
}

size_t coopmap_network_unplaced(const coopmap_network *network)
{
	return network->unplaced;
}
