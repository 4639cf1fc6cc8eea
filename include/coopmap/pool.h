/*
 * pool.h: who else works in the same country, with the same partner
 * hospital.  Partner spellings are grouped into partner hospitals within
 * each country (partners.h scores every pair of distinct spellings of a
 * country; never across countries, never all rows with all rows); French
 * establishments are grouped by FINESS when the list gives it, by name
 * otherwise, the same way.  Grouping is deterministic and does not chain:
 * two groups join only when every pair across them is close enough.
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

/* Whether two spellings of one country name the same hospital, with the
 * score and why (test and --explain use; why may be NULL). */
int coopmap_pool_same_partner(const char *name_a, const char *city_a,
	const char *name_b, const char *city_b, double *score, char *why,
	size_t size);

#endif
