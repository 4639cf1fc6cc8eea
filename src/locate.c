/*
 * locate.c: from city names to coordinates.  French establishments are
 * looked for in metropolitan France first, then in the overseas units (the
 * CHU de La Réunion is in Saint-Denis, RE, not in Saint-Denis, FR).
 */
#include "coopmap/locate.h"

#include "coopmap/names.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Where a French establishment may be, in the order searched. */
static const char *const french_units[] = {
	"FR", "RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "WF", "PF", "NC",
	NULL
};

static int has_coordinates(double lat, double lon)
{
	return !isnan(lat) && !isnan(lon);
}

/*
 * Find city, or the names it holds: "Majunga (Mahajanga)" is tried whole,
 * then outside and inside the parentheses.
 */
static int find_city(coopmap_places *places, const char *iso_a2,
	const char *city, const char *region, coopmap_place_match *m,
	coopmap_error *err)
{
	const char *open = strchr(city, '(');
	const char *close = open != NULL ? strchr(open, ')') : NULL;
	char *outside, *inside;
	int rc = coopmap_places_find(places, iso_a2, city, region, m, err);

	if (rc != COOPMAP_OK || m->place != NULL || close == NULL)
		return rc;
	outside = g_strstrip(g_strndup(city, (gsize)(open - city)));
	inside = g_strstrip(g_strndup(open + 1, (gsize)(close - open - 1)));
	rc = coopmap_places_find(places, iso_a2, outside, region, m, err);
	if (rc == COOPMAP_OK && m->place == NULL)
		rc = coopmap_places_find(places, iso_a2, inside, region, m, err);
	g_free(outside);
	g_free(inside);
	return rc;
}

static int locate_partner(coopmap_project *pr, coopmap_places *places,
	coopmap_error *err)
{
	coopmap_place_match m;
	int rc;

	if (has_coordinates(pr->partner_lat, pr->partner_lon))
		return COOPMAP_OK;
	rc = find_city(places, pr->country->iso_a2, pr->partner_city, NULL, &m,
		err);
	if (rc != COOPMAP_OK)
		return rc;
	if (m.place != NULL) {
		pr->partner_lat = m.place->lat;
		pr->partner_lon = m.place->lon;
		pr->partner_homonyms = m.candidates;
		return COOPMAP_OK;
	}
	pr->partner_lat = pr->country->label_lat;
	pr->partner_lon = pr->country->label_lon;
	pr->partner_approximate = 1;
	return COOPMAP_OK;
}

/*
 * The order to search the French units in: a unit the establishment's name
 * or region names comes first ("CHU de La Réunion" is in Saint-Denis, RE,
 * not in Saint-Denis near Paris).
 */
static void search_order(const coopmap_project *pr,
	const coopmap_countries *countries, const char **order)
{
	char *name = coopmap_names_fold(pr->establishment);
	char *region = coopmap_names_fold(pr->region);
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; french_units[i] != NULL; i++) {
			const coopmap_country *unit =
				coopmap_country_find_iso2(countries, french_units[i]);
			char *unit_name = unit != NULL && i > 0
				? coopmap_names_fold(unit->name_fr) : NULL;
			int named = unit_name != NULL && unit_name[0] != '\0' &&
				(strstr(name, unit_name) != NULL ||
				 strstr(region, unit_name) != NULL);

			if (named == (pass == 0))
				order[n++] = french_units[i];
			free(unit_name);
		}
	}
	order[n] = NULL;
	free(name);
	free(region);
}

/* "CHU de Rennes" names its city: the words after the last "de", "d'",
 * "du" or "des", tried when the list gives no city. */
static const char *city_in_name(const char *name)
{
	static const char *const links[] = { " de ", " d'", " du ", " des ",
		" d\u2019", NULL };
	const char *best = NULL;

	for (int i = 0; links[i] != NULL; i++) {
		const char *at = g_strrstr(name, links[i]);

		if (at != NULL && (best == NULL || at + strlen(links[i]) > best))
			best = at + strlen(links[i]);
	}
	return best;
}

static int locate_establishment(coopmap_projects *projects,
	coopmap_project *pr, coopmap_places *places,
	const coopmap_countries *countries, coopmap_error *err)
{
	coopmap_place_match m = { NULL, 0 };
	const char *order[sizeof(french_units) / sizeof(french_units[0])];
	const char *city = pr->establishment_city;
	int rc = COOPMAP_OK;

	pr->establishment_country = coopmap_country_find_iso3(countries, "FRA");
	if (has_coordinates(pr->establishment_lat, pr->establishment_lon))
		return COOPMAP_OK;
	if (city[0] == '\0' && city_in_name(pr->establishment) != NULL)
		city = city_in_name(pr->establishment);
	search_order(pr, countries, order);
	for (int i = 0; order[i] != NULL && m.place == NULL; i++) {
		rc = find_city(places, order[i], city, pr->region, &m, err);
		if (rc != COOPMAP_OK)
			return rc;
	}
	if (m.place == NULL) {
		if (pr->establishment_country != NULL) {
			pr->establishment_lat = pr->establishment_country->label_lat;
			pr->establishment_lon = pr->establishment_country->label_lon;
		}
		pr->establishment_approximate = 1;
		return COOPMAP_OK;
	}
	pr->establishment_lat = m.place->lat;
	pr->establishment_lon = m.place->lon;
	pr->establishment_country = coopmap_country_find_iso2(countries,
		m.place->iso_a2);
	if (pr->region[0] == '\0')
		pr->region = coopmap_projects_intern(projects, m.place->region);
	return COOPMAP_OK;
}

/* What locating one end found, kept for the next row with the same
 * words: a list names a few hundred places over thousands of rows. */
struct located {
	double lat, lon;
	const coopmap_country *country;
	const char *region;
	int approximate;
	size_t homonyms;
};

static void remember(GHashTable *cache, char *key, const coopmap_project *pr,
	int partner)
{
	struct located *l = g_new(struct located, 1);

	l->lat = partner ? pr->partner_lat : pr->establishment_lat;
	l->lon = partner ? pr->partner_lon : pr->establishment_lon;
	l->country = pr->establishment_country;
	l->region = pr->region;
	l->approximate = partner ? pr->partner_approximate
		: pr->establishment_approximate;
	l->homonyms = pr->partner_homonyms;
	g_hash_table_insert(cache, key, l);
}

static void recall(const struct located *l, coopmap_project *pr, int partner)
{
	if (partner) {
		pr->partner_lat = l->lat;
		pr->partner_lon = l->lon;
		pr->partner_approximate = l->approximate;
		pr->partner_homonyms = l->homonyms;
		return;
	}
	pr->establishment_lat = l->lat;
	pr->establishment_lon = l->lon;
	pr->establishment_country = l->country;
	pr->establishment_approximate = l->approximate;
	if (pr->region[0] == '\0')
		pr->region = l->region;
}

/* Only ends without coordinates of their own go through the cache. */
static int locate_cached(coopmap_projects *projects, coopmap_project *pr,
	coopmap_places *places, const coopmap_countries *countries,
	GHashTable *cache, int partner, coopmap_error *err)
{
	char *key;
	const struct located *l;
	int rc;

	if (partner ? has_coordinates(pr->partner_lat, pr->partner_lon)
	    : has_coordinates(pr->establishment_lat, pr->establishment_lon)) {
		if (!partner)
			pr->establishment_country = coopmap_country_find_iso3(
				countries, "FRA");
		return COOPMAP_OK;
	}
	key = partner ? g_strjoin("\x1f", "p", pr->country->iso_a3,
		pr->partner_city, NULL) : g_strjoin("\x1f", "e", pr->establishment,
		pr->establishment_city, pr->region, NULL);
	l = g_hash_table_lookup(cache, key);
	if (l != NULL) {
		recall(l, pr, partner);
		g_free(key);
		return COOPMAP_OK;
	}
	rc = partner ? locate_partner(pr, places, err)
		: locate_establishment(projects, pr, places, countries, err);
	if (rc == COOPMAP_OK)
		remember(cache, key, pr, partner);
	else
		g_free(key);
	return rc;
}

/*
 * The gazetteer files the list will likely look in, read ahead in two
 * threads: the partners' countries and France for the establishments (the
 * overseas units are read when a city is not in France's file).  A file
 * read ahead but never looked in costs time, not an error: one that
 * cannot be read is left to the lookup that needs it.
 */
static int preload(const coopmap_projects *projects, coopmap_places *places,
	coopmap_error *err)
{
	GPtrArray *codes = g_ptr_array_new();
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	int rc;

	for (size_t i = 0; i < coopmap_projects_count(projects); i++) {
		const coopmap_project *pr = coopmap_projects_get(projects, i);
		const char *wanted[2] = { NULL, NULL };

		if (!has_coordinates(pr->partner_lat, pr->partner_lon) &&
		    pr->partner_city[0] != '\0')
			wanted[0] = pr->country->iso_a2;
		if (pr->establishment[0] != '\0' &&
		    !has_coordinates(pr->establishment_lat, pr->establishment_lon))
			wanted[1] = french_units[0];
		for (int k = 0; k < 2; k++) {
			if (wanted[k] != NULL && wanted[k][0] != '\0' &&
			    g_hash_table_add(seen, (gpointer)wanted[k]))
				g_ptr_array_add(codes, (gpointer)wanted[k]);
		}
	}
	rc = coopmap_places_preload(places, (const char *const *)codes->pdata,
		codes->len, err);
	g_hash_table_destroy(seen);
	g_ptr_array_free(codes, TRUE);
	return rc;
}

int coopmap_locate_projects(coopmap_projects *projects, coopmap_places *places,
	const coopmap_countries *countries, coopmap_locate_summary *summary,
	coopmap_error *err)
{
	coopmap_locate_summary s = { 0, 0, 0 };
	GHashTable *cache;
	long last_line = -1;
	int rc = preload(projects, places, err);

	if (rc != COOPMAP_OK)
		return rc;
	cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

	for (size_t i = 0; i < coopmap_projects_count(projects) && rc == 0; i++) {
		coopmap_project *pr = coopmap_projects_get_mutable(projects, i);

		rc = locate_cached(projects, pr, places, countries, cache, 1, err);
		if (rc == COOPMAP_OK && pr->establishment[0] != '\0')
			rc = locate_cached(projects, pr, places, countries, cache, 0,
				err);
		s.partners_approximate += (size_t)pr->partner_approximate;
		s.establishments_approximate += (size_t)pr->establishment_approximate;
		if ((pr->partner_approximate || pr->establishment_approximate) &&
		    pr->line != last_line) {
			s.rows_approximate++;
			last_line = pr->line;
		}
	}
	g_hash_table_destroy(cache);
	if (summary != NULL)
		*summary = s;
	return rc;
}
