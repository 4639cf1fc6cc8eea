/*
 * join.h: projects x countries: what each partner country gathers, and the
 * figures a map's subtitle states.  Not for: policy layers (layers.h).
 */
#ifndef COOPMAP_JOIN_H
#define COOPMAP_JOIN_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/records.h"

typedef struct coopmap_country_stats {
	size_t projects;        /* projects with a partner in the country */
	size_t establishments;  /* distinct French establishments there */
} coopmap_country_stats;

typedef struct coopmap_summary {
	size_t projects;
	size_t establishments;      /* distinct French establishments */
	size_t countries;           /* partner countries with a project */
	int year_min, year_max;     /* 0 when no project gives a year */
} coopmap_summary;

/*
 * Per-country figures, one entry per country of the registry in registry
 * order: *out is a new array (caller frees with free()).  Establishments
 * are told apart by their folded names.  Errors: COOPMAP_ERR_NOMEM.
 */
int coopmap_join_by_country(const coopmap_projects *projects,
	const coopmap_countries *countries, coopmap_country_stats **out,
	coopmap_summary *summary, coopmap_error *err);

#endif
