/*
 * filter.h: the projects a map is about: a programme (APCHI, PRPH,
 * other), a year or a range of years, a theme, partner countries, a French
 * establishment.  Filtering drops project records, never rows: the rows
 * read, joined and rejected stay what the reader said.
 *
 * Not for: reading (records.h) or grouping (pool.h).
 */
#ifndef COOPMAP_FILTER_H
#define COOPMAP_FILTER_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/records.h"

#define COOPMAP_FILTER_MAX_COUNTRIES 64

typedef struct coopmap_filter {
	unsigned programmes;      /* bits 1 << coopmap_programme; 0: any */
	int year_min, year_max;   /* 0: open; a year filter drops projects
	                             without a year */
	char *theme;              /* folded words the theme must contain */
	char *establishment;      /* folded words of the name, or a FINESS */
	size_t n_countries;
	const coopmap_country *countries[COOPMAP_FILTER_MAX_COUNTRIES];
} coopmap_filter;

#define COOPMAP_FILTER_INIT { 0, 0, 0, NULL, NULL, 0, { NULL } }

/* "apchi,prph" (apchi, prph, other).  Errors: COOPMAP_ERR_USAGE. */
int coopmap_filter_set_programmes(coopmap_filter *f, const char *text,
	coopmap_error *err);
/* "2019" or "2015-2020" (or "2015-", "-2020").  Errors: USAGE. */
int coopmap_filter_set_years(coopmap_filter *f, const char *text,
	coopmap_error *err);
int coopmap_filter_set_theme(coopmap_filter *f, const char *text,
	coopmap_error *err);
int coopmap_filter_set_establishment(coopmap_filter *f, const char *text,
	coopmap_error *err);
/* "SEN" or "SEN,MLI" or names ("Sénégal"), each resolved with country.h.
 * Errors: COOPMAP_ERR_USAGE with a suggestion. */
int coopmap_filter_set_countries(coopmap_filter *f,
	const coopmap_countries *countries, const char *text, coopmap_error *err);

/* True when the filter keeps nothing out. */
int coopmap_filter_is_empty(const coopmap_filter *f);
int coopmap_filter_match(const coopmap_filter *f, const coopmap_project *p);
/* Drop the projects f does not keep; returns how many were dropped. */
size_t coopmap_filter_apply(const coopmap_filter *f,
	coopmap_projects *projects);
/* What the filter keeps, for a subtitle: "APCHI, engagés de 2019 à 2023,
 * Sénégal" ("" when empty).  Its words are in the run's language (i18n.h,
 * from the catalogue); lang ("fr" or "en") names the countries only, and
 * should be the run's language. */
void coopmap_filter_describe(const coopmap_filter *f, const char *lang,
	char *buf, size_t size);

void coopmap_filter_clear(coopmap_filter *f);

#endif
