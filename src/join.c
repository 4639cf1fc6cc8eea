/*
 * join.c: per-country aggregates.  Distinct establishments are counted with
 * a set of "country index + folded name" keys, so one pass suffices.
 */
#include "coopmap/join.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "coopmap/names.h"

int coopmap_join_by_country(const coopmap_projects *projects,
	const coopmap_countries *countries, coopmap_country_stats **out,
	coopmap_summary *summary, coopmap_error *err)
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
		char *name = coopmap_names_fold(p->establishment);

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
		if (p->year > 0) {
			if (s.year_min == 0 || p->year < s.year_min)
				s.year_min = p->year;
			if (p->year > s.year_max)
				s.year_max = p->year;
		}
	}
	s.establishments = g_hash_table_size(establishments);
	g_hash_table_destroy(pairs);
	g_hash_table_destroy(establishments);
	if (summary != NULL)
		*summary = s;
	*out = stats;
	return COOPMAP_OK;
}
