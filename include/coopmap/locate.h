/*
 * locate.h: puts both ends of every project on the map: the partner from
 * its city within its country, the French establishment from its city in
 * France or an overseas unit (with its region, the ARS region, when the list
 * does not give one).  Coordinates given in the list are kept.  When no city
 * matches, the end takes its country's label point and is marked
 * approximate, so that every output can say so.
 *
 * Not for: pooling or drawing; it only completes the records.
 */
#ifndef COOPMAP_LOCATE_H
#define COOPMAP_LOCATE_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/places.h"
#include "coopmap/records.h"

typedef struct coopmap_locate_summary {
	size_t partners_approximate;         /* project records */
	size_t establishments_approximate;
	size_t rows_approximate;             /* rows with an approximate end */
} coopmap_locate_summary;

/*
 * Locate every project record of projects.  summary may be NULL.
 * Errors: those of reading the gazetteer.
 */
int coopmap_locate_projects(coopmap_projects *projects, coopmap_places *places,
	const coopmap_countries *countries, coopmap_locate_summary *summary,
	coopmap_error *err);

#endif
