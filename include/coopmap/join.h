/*
 * join.h: projects x countries: what each partner country gathers, and the
 * figures a map's subtitle states.  Not for: policy layers (layers.h).
 */
#ifndef COOPMAP_JOIN_H
#define COOPMAP_JOIN_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"

/*
 * What a map measures per country and per point: the count of projects or
 * of French establishments, or a sum of one of the monitoring indicators
 * the 2019 workshop day asked for (amount, people trained, missions,
 * delegations hosted).
 */
typedef enum coopmap_measure {
	COOPMAP_MEASURE_PROJECTS,
	COOPMAP_MEASURE_ESTABLISHMENTS,
	COOPMAP_MEASURE_AMOUNT,
	COOPMAP_MEASURE_TRAINED,
	COOPMAP_MEASURE_MISSIONS,
	COOPMAP_MEASURE_DELEGATIONS,
	COOPMAP_MEASURE_COUNT
} coopmap_measure;

/* "projects", "amount" ... or "projets", "montant" ... as --measure takes
 * them; -1 when unknown. */
int coopmap_measure_from_name(const char *name);
/* The English name (files, JSON keys). */
const char *coopmap_measure_name(coopmap_measure measure);
/* The name in lang ("fr": "projets"; "en": "projects"), for help. */
const char *coopmap_measure_name_in(coopmap_measure measure,
	const char *lang);
/* The field a summed measure reads (COOPMAP_FIELD_AMOUNT ...), or -1 for
 * the counts. */
int coopmap_measure_field(coopmap_measure measure);
/* The measure's value for one project: 1 for the counts, NAN when the
 * project does not give it. */
double coopmap_measure_of_project(coopmap_measure measure,
	const coopmap_project *project);
/* The legend's title ("Projets par pays partenaire") and the noun of a
 * value ("projets", "€", "personnes formées") in "fr" or "en". */
const char *coopmap_measure_title(coopmap_measure measure, const char *lang);
const char *coopmap_measure_noun(coopmap_measure measure, const char *lang);

typedef struct coopmap_country_stats {
	size_t projects;        /* projects with a partner in the country */
	size_t establishments;  /* distinct French establishments there */
	/* Per measure: the sum over the country's projects that give it, and
	 * how many do (a country with projects but no amount given is "not
	 * stated", not zero). */
	double sum[COOPMAP_MEASURE_COUNT];
	size_t known[COOPMAP_MEASURE_COUNT];
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
 * are told apart by their pooled group (pool.h: "CHU de Strasbourg" and
 * "Hôpitaux universitaires de Strasbourg" are one), as the map's symbols,
 * the published page and the pooling report count them; with pool NULL,
 * by their folded names.  Errors: COOPMAP_ERR_NOMEM.
 */
int coopmap_join_by_country(const coopmap_projects *projects,
	const coopmap_countries *countries, const coopmap_pool *pool,
	coopmap_country_stats **out, coopmap_summary *summary,
	coopmap_error *err);

#endif
