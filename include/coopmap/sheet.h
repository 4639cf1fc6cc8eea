/*
 * sheet.h: the sheet of one partner country, in Markdown, for an
 * establishment starting there: the actors present in the country (embassy
 * advisers the cas-crsm layer knows, regional bodies and hospital networks
 * covering it, each with its basis and source), the actors the call asks
 * every project to contact, the international organisations, the policy
 * layers the country belongs to, and, from the project list, the French
 * establishments already working there with their partners.  Text from
 * files is escaped (report.h).
 *
 * Not for: the map of the country (the CLI draws it with render.h).
 */
#ifndef COOPMAP_SHEET_H
#define COOPMAP_SHEET_H

#include <stdio.h>

#include "coopmap/actors.h"
#include "coopmap/country.h"
#include "coopmap/layers.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"

/* What the sheet is made of; all borrowed.  projects and pool may be NULL
 * (no list given); layers may be NULL. */
typedef struct coopmap_sheet_data {
	const coopmap_country *country;
	const coopmap_layer_set *layers;
	const coopmap_actors *actors;
	const coopmap_projects *projects;
	const coopmap_pool *pool;
} coopmap_sheet_data;

/* Write the sheet to out.  Its sentences are in the run's language
 * (i18n.h, from the gettext catalogue); lang ("fr" or "en") picks the
 * data's texts (names, roles, dates) and should be the run's language.
 * Returns 0, or -1 when out reported a write error. */
int coopmap_sheet_write(const coopmap_sheet_data *data, const char *lang,
	FILE *out);

/* How many French establishments (pool groups) have a project in the
 * sheet's country (0 without a list). */
size_t coopmap_sheet_establishment_count(const coopmap_sheet_data *data);

#endif
