/*
 * pool.h: who else works in the same country, with the same partner
 * hospital.  Partner spellings are grouped into partner hospitals within
 * each country (partners.h scores every pair of distinct spellings of a
 * country; never across countries, never all rows with all rows); French
 * establishments are grouped by FINESS when the list gives it, by name
 * otherwise, the same way.  Grouping is deterministic and does not chain:
 * two groups join only when every pair across them is close enough.
 *
 * Which establishments work in each country is an index of its own
 * (coopmap_pool_presence), built once, looked up by the pool report and
 * the published page.
 *
 * Not for: writing reports (the CLI does, in Markdown, CSV or JSON).
 */
#ifndef COOPMAP_POOL_H
#define COOPMAP_POOL_H

#include <stddef.h>

#include "coopmap/error.h"
#include "coopmap/records.h"

/* A partner hospital, or a French establishment: a group of spellings. */
typedef struct coopmap_pool_group {
	const char *name;             /* the most used spelling */
	const char *city;             /* the most used city, or "" */
	const coopmap_country *country;  /* partner's country; for French
	                                    establishments, their unit */
	const char *finess;           /* French establishments, or "" */
	const char *region;           /* French establishments, or "" */
	size_t n_variants;
	const char *const *variants;  /* distinct spellings, sorted */
	size_t n_projects;
	const size_t *projects;       /* project record indices, in order */
	size_t n_peers;               /* partners: French establishments
	                                 working with it; establishments:
	                                 partner hospitals */
	const size_t *peers;          /* group indices of the other kind */
} coopmap_pool_group;

/* Why two spellings were put together. */
typedef struct coopmap_pool_merge {
	const char *a, *b;
	double score;
	const char *why;
} coopmap_pool_merge;

typedef struct coopmap_pool coopmap_pool;

/* Group the partners and establishments of projects.  Caller frees *out.
 * Errors: COOPMAP_ERR_NOMEM. */
int coopmap_pool_build(const coopmap_projects *projects, coopmap_pool **out,
	coopmap_error *err);

void coopmap_pool_free(coopmap_pool *pool);

/* Partner hospitals, sorted by country code then name; projects without a
 * partner name belong to none. */
size_t coopmap_pool_partner_count(const coopmap_pool *pool);
const coopmap_pool_group *coopmap_pool_partner(const coopmap_pool *pool,
	size_t i);

/* French establishments, sorted by name. */
size_t coopmap_pool_establishment_count(const coopmap_pool *pool);
const coopmap_pool_group *coopmap_pool_establishment(const coopmap_pool *pool,
	size_t i);

/* The groups of project record i, or (size_t)-1 when it has no name. */
size_t coopmap_pool_partner_of(const coopmap_pool *pool, size_t project);
size_t coopmap_pool_establishment_of(const coopmap_pool *pool, size_t project);

/* Every merge of two different spellings, for --explain. */
size_t coopmap_pool_merge_count(const coopmap_pool *pool);
const coopmap_pool_merge *coopmap_pool_merge_get(const coopmap_pool *pool,
	size_t i);

/*
 * The French establishments present in each partner country: for each
 * country of the registry (coopmap_country_index), the establishment
 * groups of pool with a project there, each once, in the order of their
 * first project there in the list.  projects are those pool was built
 * from.  Caller frees *out (coopmap_pool_presence_free).
 * Errors: COOPMAP_ERR_NOMEM.
 */
typedef struct coopmap_pool_presence coopmap_pool_presence;

int coopmap_pool_presence_build(const coopmap_pool *pool,
	const coopmap_projects *projects, const coopmap_countries *countries,
	coopmap_pool_presence **out, coopmap_error *err);

void coopmap_pool_presence_free(coopmap_pool_presence *presence);

/* The establishment groups present in country (a registry index; none
 * past the registry): *n of them (0: NULL), borrowed, valid while
 * presence lives. */
const size_t *coopmap_pool_presence_in(const coopmap_pool_presence *presence,
	size_t country, size_t *n);

/* Whether two spellings of one country name the same hospital, with the
 * score and why (test and --explain use; why may be NULL). */
int coopmap_pool_same_partner(const char *name_a, const char *city_a,
	const char *name_b, const char *city_b, double *score, char *why,
	size_t size);

#endif
