/*
 * network.h: who works with whom, where.  The points of a cooperation map
 * (each French establishment and each partner hospital, as pool.h groups
 * them, where locate.h placed them) and the links between them, with their
 * projects by programme and the measure the map shows (join.h).
 *
 * Not for: drawing (render.h clusters crowded points at the map's scale)
 * or grouping spellings (pool.h).
 */
#ifndef COOPMAP_NETWORK_H
#define COOPMAP_NETWORK_H

#include <stddef.h>
#include <stdint.h>

#include "coopmap/error.h"
#include "coopmap/join.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"

/* The funding programmes a map tells apart. */
typedef enum coopmap_programme {
	COOPMAP_PROGRAMME_APCHI,   /* the health ministry's call (DGOS) */
	COOPMAP_PROGRAMME_PRPH,    /* the FHF/AFD partnership programme */
	COOPMAP_PROGRAMME_OTHER,   /* anything else, or not stated */
	COOPMAP_PROGRAMME_COUNT
} coopmap_programme;

/* The programme a cell names ("APCHI 2019", "DGOS", "PRPH (AFD)"). */
coopmap_programme coopmap_programme_of(const char *text);
/* "APCHI (DGOS)", "PRPH (FHF/AFD)", "Autre ou non précisé" ... */
const char *coopmap_programme_label(coopmap_programme programme,
	const char *lang);
/* "apchi", "prph", "other" (or "autre"): as --programme takes them; -1
 * when unknown. */
int coopmap_programme_from_name(const char *name);
/* The name --programme takes, in lang ("autre" in French). */
const char *coopmap_programme_name(coopmap_programme programme,
	const char *lang);

typedef enum coopmap_node_kind {
	COOPMAP_NODE_ESTABLISHMENT,   /* French establishment */
	COOPMAP_NODE_PARTNER          /* partner hospital abroad */
} coopmap_node_kind;

typedef struct coopmap_node {
	coopmap_node_kind kind;
	double lon, lat;
	int approximate;        /* no city found: placed at its country's point */
	const char *name;       /* group name; "" for a partner not named */
	const char *city;       /* "" when not known */
	const coopmap_country *country;  /* partner's country, or the French
	                                    unit (FRA, REU, GLP ...) */
	size_t projects;
	double value;           /* the measure over its projects (NAN when no
	                           project gives it) */
} coopmap_node;

typedef struct coopmap_link {
	size_t establishment, partner;      /* node indices */
	size_t projects;
	size_t by_programme[COOPMAP_PROGRAMME_COUNT];
	coopmap_programme programme;        /* the one with most projects */
	int approximate;                    /* either end is */
} coopmap_link;

typedef struct coopmap_network coopmap_network;

/*
 * Projects grouped by pair: project k's pair is (first[k], second[k]),
 * none when either is SIZE_MAX; values below 2^32.  Pairs are numbered in
 * the order their first project comes, and pair_of[k] (n values, given by
 * the caller) receives project k's pair, SIZE_MAX for none.  Returns the
 * number of pairs.  The one grouping of the map's links
 * (coopmap_network_build) and of the published page's.
 */
size_t coopmap_network_pairs(const size_t *first, const size_t *second,
	size_t n, size_t *pair_of);

/*
 * The network of projects: a node per establishment group and per partner
 * group of pool (partners not named: one node per country and city), a
 * link per pair with projects.  Establishments without a place are left
 * out of the links (counted by coopmap_network_unplaced).  Caller frees.
 * Errors: COOPMAP_ERR_NOMEM.
 */
int coopmap_network_build(const coopmap_projects *projects,
	const coopmap_pool *pool, coopmap_measure measure,
	coopmap_network **out, coopmap_error *err);

void coopmap_network_free(coopmap_network *network);

coopmap_measure coopmap_network_measure(const coopmap_network *network);
size_t coopmap_network_node_count(const coopmap_network *network);
const coopmap_node *coopmap_network_node(const coopmap_network *network,
	size_t i);
size_t coopmap_network_link_count(const coopmap_network *network);
const coopmap_link *coopmap_network_link(const coopmap_network *network,
	size_t i);
/* Projects whose French end has no place: not drawn as links. */
size_t coopmap_network_unplaced(const coopmap_network *network);

#endif
