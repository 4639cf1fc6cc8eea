/*
 * join.c: per-country aggregates.  Distinct establishments are counted with
 * a set of "country index + establishment" keys (the pooled group, or the
 * folded name), so one pass suffices.
 */
#include "coopmap/join.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "coopmap/pool.h"

static const struct {
	const char *name, *name_fr;   /* both taken by --measure */
	int field;
	const char *title_fr, *title_en, *noun_fr, *noun_en;
} measures[COOPMAP_MEASURE_COUNT] = {
	{ "projects", "projets", -1, "Projets par pays partenaire",
	  "Projects per partner country", "projets", "projects" },
	{ "establishments", "etablissements", -1, "Établissements français par pays partenaire",
	  "French establishments per partner country", "établissements",
	  "establishments" },
	{ "amount", "montant", COOPMAP_FIELD_AMOUNT, "Montant des projets par pays (€)",
	  "Amount of the projects per country (€)", "€", "€" },
	{ "trained", "formes", COOPMAP_FIELD_TRAINED, "Personnes formées par pays",
	  "People trained per country", "personnes formées", "people trained" },
	{ "missions", "missions", COOPMAP_FIELD_MISSIONS, "Missions par pays",
	  "Missions per country", "missions", "missions" },
	{ "delegations", "delegations", COOPMAP_FIELD_DELEGATIONS,
	  "Délégations accueillies par pays", "Delegations hosted per country",
	  "délégations accueillies", "delegations hosted" },
};

static int english(const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0;
}

int coopmap_measure_from_name(const char *name)
{
	for (int m = 0; m < COOPMAP_MEASURE_COUNT; m++) {
		if (strcmp(name, measures[m].name) == 0 ||
		    strcmp(name, measures[m].name_fr) == 0)
			return m;
	}
	return -1;
}

const char *coopmap_measure_name(coopmap_measure measure)
{
	return measure < COOPMAP_MEASURE_COUNT ? measures[measure].name : "";
}

const char *coopmap_measure_name_in(coopmap_measure measure,
	const char *lang)
{
	if (measure >= COOPMAP_MEASURE_COUNT)
		return "";
	return english(lang) ? measures[measure].name : measures[measure].name_fr;
}

int coopmap_measure_field(coopmap_measure measure)
{
	return measure < COOPMAP_MEASURE_COUNT ? measures[measure].field : -1;
}

const char *coopmap_measure_title(coopmap_measure measure, const char *lang)
{
	if (measure >= COOPMAP_MEASURE_COUNT)
		return "";
	return english(lang) ? measures[measure].title_en
		: measures[measure].title_fr;
}

const char *coopmap_measure_noun(coopmap_measure measure, const char *lang)
{
	if (measure >= COOPMAP_MEASURE_COUNT)
		return "";
	return english(lang) ? measures[measure].noun_en
		: measures[measure].noun_fr;
}

double coopmap_measure_of_project(coopmap_measure measure,
	const coopmap_project *project)
{
	switch (measure) {
	case COOPMAP_MEASURE_AMOUNT: return project->amount;
	case COOPMAP_MEASURE_TRAINED: return project->trained;
	case COOPMAP_MEASURE_MISSIONS: return project->missions;
	case COOPMAP_MEASURE_DELEGATIONS: return project->delegations;
	case COOPMAP_MEASURE_PROJECTS:
	case COOPMAP_MEASURE_ESTABLISHMENTS:
	default: return 1.0;
	}
}

/* The key telling establishments apart: the pooled group's number, or
 * the folded name; NULL or "" when the row names none. */
static char *establishment_key(const coopmap_pool *pool, size_t i,
	const coopmap_project *p)
{
	size_t group;
	char *key;

	if (pool == NULL)
		return coopmap_names_fold(p->establishment);
	group = coopmap_pool_establishment_of(pool, i);
	key = group == (size_t)-1 ? NULL : malloc(32);
	if (key != NULL)
		snprintf(key, 32, "#%zu", group);
	return key;
}

int coopmap_join_by_country(const coopmap_projects *projects,
	const coopmap_countries *countries, const coopmap_pool *pool,
	coopmap_country_stats **out, coopmap_summary *summary,
	coopmap_error *err)
{
	size_t n_countries = coopmap_countries_count(countries);
	coopmap_country_stats *stats = calloc(n_countries + 1, sizeof(*stats));
	GHashTable *pairs, *establishments;
	coopmap_summary s = { 0, 0, 0, 0, 0 };

	*out = NULL;
	if (stats == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	pairs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	establishments = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		NULL);
	for (size_t i = 0; i < coopmap_projects_count(projects); i++) {
		const coopmap_project *p = coopmap_projects_get(projects, i);
		size_t c = coopmap_country_index(countries, p->country);
		char *name = establishment_key(pool, i, p);

		if (stats[c].projects == 0)
			s.countries++;
		stats[c].projects++;
		s.projects++;
		if (name != NULL && name[0] != '\0') {
			char *pair = g_strdup_printf("%zu|%s", c, name);

			if (g_hash_table_add(pairs, pair))
				stats[c].establishments++;
			g_hash_table_add(establishments, g_strdup(name));
		}
		free(name);
		for (int m = COOPMAP_MEASURE_AMOUNT; m < COOPMAP_MEASURE_COUNT; m++) {
			double v = coopmap_measure_of_project(m, p);

			if (!isnan(v)) {
				stats[c].sum[m] += v;
				stats[c].known[m]++;
			}
		}
		if (p->year > 0) {
			if (s.year_min == 0 || p->year < s.year_min)
				s.year_min = p->year;
			if (p->year > s.year_max)
				s.year_max = p->year;
		}
	}
	for (size_t c = 0; c < n_countries; c++) {
		stats[c].sum[COOPMAP_MEASURE_PROJECTS] = (double)stats[c].projects;
		stats[c].known[COOPMAP_MEASURE_PROJECTS] = stats[c].projects;
		stats[c].sum[COOPMAP_MEASURE_ESTABLISHMENTS] =
			(double)stats[c].establishments;
		stats[c].known[COOPMAP_MEASURE_ESTABLISHMENTS] =
			stats[c].establishments;
	}
	s.establishments = g_hash_table_size(establishments);
	g_hash_table_destroy(pairs);
	g_hash_table_destroy(establishments);
	if (summary != NULL)
		*summary = s;
	*out = stats;
	return COOPMAP_OK;
}
