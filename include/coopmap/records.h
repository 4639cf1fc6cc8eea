/*
 * records.h: the project list, read from any table OGR knows (table.h),
 * with columns found by meaning (French or English header synonyms) and
 * every country cell resolved with country.h.  Every row read is either a
 * project or a reject with its line, column, value, reason and suggestion:
 * rows read = projects + rejects, always.
 *
 * Not for: pooling partners (pool.h) or aggregating by country (join.h).
 */
#ifndef COOPMAP_RECORDS_H
#define COOPMAP_RECORDS_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"

/* One project; strings are borrowed from the list ("" when absent). */
typedef struct coopmap_project {
	long line;                        /* line of the input it came from */
	const char *establishment;        /* French establishment */
	const char *establishment_city;
	const char *partner;              /* partner institution */
	const char *partner_city;
	const char *country_text;         /* as typed */
	const coopmap_country *country;   /* resolved partner country */
	const char *theme;
	const char *programme;            /* funding, as typed */
	const char *source;
	int year;                         /* start year, 0 when not given */
} coopmap_project;

typedef struct coopmap_reject {
	long line;
	const char *column;      /* header of the cell to blame */
	const char *value;
	const char *reason;      /* in English, a person can act on it */
	const char *suggestion;  /* "" or what was probably meant */
} coopmap_reject;

typedef struct coopmap_projects coopmap_projects;

/*
 * Read the projects of path (layer_name: the sheet or layer, NULL for the
 * first).  A row whose country is empty, unknown or ambiguous, or whose year
 * is not a year, is a reject, not an error.  Caller frees *out.
 * Errors: those of coopmap_table_read; COOPMAP_ERR_INPUT when no column
 * names the partner country (the message lists the accepted headers).
 */
int coopmap_projects_read(const char *path, const char *layer_name,
	const coopmap_countries *countries, coopmap_projects **out,
	coopmap_error *err);

void coopmap_projects_free(coopmap_projects *projects);

const char *coopmap_projects_path(const coopmap_projects *projects);
size_t coopmap_projects_rows_read(const coopmap_projects *projects);
size_t coopmap_projects_count(const coopmap_projects *projects);
const coopmap_project *coopmap_projects_get(const coopmap_projects *projects,
	size_t i);
size_t coopmap_projects_reject_count(const coopmap_projects *projects);
const coopmap_reject *coopmap_projects_reject_get(
	const coopmap_projects *projects, size_t i);

#endif
