/*
 * classify.h: the 2019 call's judgement of a project by where its partner
 * is: geographic priority tags (CICD priority country, health-ministry
 * agreement, neighbour of a French overseas territory, Francophonie,
 * embassy health adviser), eligibility (not in France, a French territory
 * or a country bordering metropolitan France), the PRPH/APCHI double
 * funding the call excludes, and the call's mandatory items missing from
 * the row.  Every verdict comes with its reason in words, in the run's
 * language (i18n.h: sentences from the gettext catalogue).
 *
 * The rules read the layers of a set by id (cicd-2018, health-agreements,
 * overseas-neighbours, francophonie, cas-crsm, metropolitan-neighbours); a
 * layer that is absent gives no tag.
 */
#ifndef COOPMAP_CLASSIFY_H
#define COOPMAP_CLASSIFY_H

#include "coopmap/layers.h"
#include "coopmap/records.h"

enum {
	COOPMAP_TAG_CICD = 1 << 0,
	COOPMAP_TAG_AGREEMENT = 1 << 1,
	COOPMAP_TAG_OVERSEAS_NEIGHBOUR = 1 << 2,
	COOPMAP_TAG_FRANCOPHONIE = 1 << 3,
	COOPMAP_TAG_CAS_CRSM = 1 << 4,
	COOPMAP_TAG_COUNT = 5
};

/* The tag's short name ("cicd", "agreement", "overseas-neighbour",
 * "francophonie", "cas-crsm") for tag index 0..COOPMAP_TAG_COUNT-1. */
const char *coopmap_tag_name(int index);

typedef struct coopmap_verdict {
	unsigned tags;        /* COOPMAP_TAG_* bits */
	char *tag_names;      /* "cicd;agreement", "" when none */
	char *priority;       /* the reasons of the tags, "; "-separated */
	int eligible;         /* 1, or 0 */
	char *eligibility;    /* "eligible" or "not eligible: <reason>",
	                         translated */
	char *warnings;       /* "" or the call's exclusions found */
	char *missing;        /* "" or the mandatory items missing */
} coopmap_verdict;

#define COOPMAP_VERDICT_INIT { 0, NULL, NULL, 0, NULL, NULL, NULL }

/*
 * Judge project p of projects (the list tells which columns exist: an item
 * is "missing" only when its column exists and the cell is empty).  The
 * reasons are in the run's language (coopmap_i18n_init); lang ("fr",
 * default, or "en") names the countries in them only, and should be the
 * run's language.  Fills *out (free with coopmap_verdict_clear).
 */
void coopmap_classify(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const coopmap_projects *projects,
	const coopmap_project *p, const char *lang, coopmap_verdict *out);

void coopmap_verdict_clear(coopmap_verdict *verdict);

#endif
