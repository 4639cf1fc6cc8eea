/*
 * places.c: the gazetteer.  Each country's file is read once, through
 * table.h, into a hash of folded names; the tables stay alive and own the
 * strings the places point to.
 */
#include "coopmap/places.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "coopmap/table.h"

struct country_places {
	coopmap_table *table;
	coopmap_place *items;
	size_t count;
	GHashTable *by_name;   /* folded name -> GArray of indices */
};

struct coopmap_places {
	char *dir;
	GHashTable *countries;  /* iso_a2 -> struct country_places */
	GHashTable *aliases;    /* "XX|folded alias" -> target name */
};

static void free_country(gpointer data)
{
	struct country_places *cp = data;

	if (cp == NULL)
		return;
	if (cp->by_name != NULL)
		g_hash_table_destroy(cp->by_name);
	free(cp->items);
	coopmap_table_free(cp->table);
	free(cp);
}

static void free_array(gpointer array)
{
	g_array_free(array, TRUE);
}

static char *alias_key(const char *iso_a2, const char *name)
{
	char *folded = coopmap_names_fold(name);
	char *key = g_strdup_printf("%s|%s", iso_a2, folded != NULL ? folded : "");

	free(folded);
	return key;
}

static int load_aliases(coopmap_places *p, const char *path, coopmap_error *err)
{
	coopmap_table *t = NULL;
	long c_alias, c_iso, c_name;
	int rc = coopmap_table_read(path, NULL, &t, err);

	if (rc != COOPMAP_OK)
		return rc;
	c_alias = coopmap_table_find_column(t, "alias");
	c_iso = coopmap_table_find_column(t, "iso_a2");
	c_name = coopmap_table_find_column(t, "name");
	if (c_alias < 0 || c_iso < 0 || c_name < 0) {
		coopmap_table_free(t);
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: columns alias, iso_a2 and name are required", path);
	}
	for (size_t r = 0; r < coopmap_table_row_count(t); r++)
		g_hash_table_replace(p->aliases,
			alias_key(coopmap_table_cell(t, r, (size_t)c_iso),
				coopmap_table_cell(t, r, (size_t)c_alias)),
			g_strdup(coopmap_table_cell(t, r, (size_t)c_name)));
	coopmap_table_free(t);
	return COOPMAP_OK;
}

int coopmap_places_open(const char *dir, const char *aliases_csv,
	coopmap_places **out, coopmap_error *err)
{
	coopmap_places *p;
	int rc = COOPMAP_OK;

	*out = NULL;
	if (!g_file_test(dir, G_FILE_TEST_IS_DIR))
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: the gazetteer directory is missing", dir);
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	p->dir = g_strdup(dir);
	p->countries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		free_country);
	p->aliases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		g_free);
	if (aliases_csv != NULL)
		rc = load_aliases(p, aliases_csv, err);
	if (rc != COOPMAP_OK) {
		coopmap_places_free(p);
		return rc;
	}
	*out = p;
	return COOPMAP_OK;
}

void coopmap_places_free(coopmap_places *p)
{
	if (p == NULL)
		return;
	g_hash_table_destroy(p->countries);
	g_hash_table_destroy(p->aliases);
	g_free(p->dir);
	free(p);
}

/* A finite number of degrees within -limit..limit; 0, or -1. */
static int parse_degrees(const char *text, double limit, double *out)
{
	char *end;

	*out = g_ascii_strtod(text, &end);
	return end != text && *end == '\0' && isfinite(*out) &&
		fabs(*out) <= limit ? 0 : -1;
}

static int index_country(struct country_places *cp, const char *path,
	coopmap_error *err)
{
	const coopmap_table *t = cp->table;
	long c_name = coopmap_table_find_column(t, "name");
	long c_iso = coopmap_table_find_column(t, "iso_a2");
	long c_region = coopmap_table_find_column(t, "admin1_name");
	long c_lat = coopmap_table_find_column(t, "lat");
	long c_lon = coopmap_table_find_column(t, "lon");

	if (c_name < 0 || c_iso < 0 || c_region < 0 || c_lat < 0 || c_lon < 0)
		return coopmap_error_set(err, COOPMAP_ERR_INPUT, "%s: columns name, "
			"iso_a2, admin1_name, lat and lon are required", path);
	cp->count = coopmap_table_row_count(t);
	cp->items = calloc(cp->count + 1, sizeof(coopmap_place));
	if (cp->items == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	for (size_t r = 0; r < cp->count; r++) {
		coopmap_place *pl = &cp->items[r];
		char *key;
		GArray *list;

		pl->name = coopmap_table_cell(t, r, (size_t)c_name);
		pl->iso_a2 = coopmap_table_cell(t, r, (size_t)c_iso);
		pl->region = coopmap_table_cell(t, r, (size_t)c_region);
		if (parse_degrees(coopmap_table_cell(t, r, (size_t)c_lat), 90,
		    &pl->lat) != 0 || parse_degrees(coopmap_table_cell(t, r,
		    (size_t)c_lon), 180, &pl->lon) != 0)
			return coopmap_error_set(err, COOPMAP_ERR_INPUT, "%s:%ld: lat "
				"'%s', lon '%s': not a place on the Earth (degrees, "
				"-90..90 and -180..180)", path, coopmap_table_line(t, r),
				coopmap_table_cell(t, r, (size_t)c_lat),
				coopmap_table_cell(t, r, (size_t)c_lon));
		key = coopmap_names_fold(pl->name);
		list = g_hash_table_lookup(cp->by_name, key);
		if (list == NULL) {
			list = g_array_new(FALSE, FALSE, sizeof(size_t));
			g_hash_table_insert(cp->by_name, g_strdup(key), list);
		}
		g_array_append_val(list, r);
		free(key);
	}
	return COOPMAP_OK;
}

/* Read one country's file; an empty set when the gazetteer has none.
 * Touches nothing of p but its directory: safe in several threads. */
static int read_country(const coopmap_places *p, const char *iso_a2,
	struct country_places **out, coopmap_error *err)
{
	struct country_places *cp;
	char *path;
	int rc = COOPMAP_OK;

	*out = NULL;
	cp = calloc(1, sizeof(*cp));
	if (cp == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	cp->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		free_array);
	path = g_strdup_printf("%s/%s.csv", p->dir, iso_a2);
	if (g_file_test(path, G_FILE_TEST_EXISTS)) {
		rc = coopmap_table_read(path, NULL, &cp->table, err);
		if (rc == COOPMAP_OK)
			rc = index_country(cp, path, err);
	}
	g_free(path);
	if (rc != COOPMAP_OK) {
		free_country(cp);
		return rc;
	}
	*out = cp;
	return COOPMAP_OK;
}

/* The places of one country, read on first use. */
static int country_places(coopmap_places *p, const char *iso_a2,
	struct country_places **out, coopmap_error *err)
{
	int rc;

	*out = g_hash_table_lookup(p->countries, iso_a2);
	if (*out != NULL)
		return COOPMAP_OK;
	rc = read_country(p, iso_a2, out, err);
	if (rc == COOPMAP_OK)
		g_hash_table_insert(p->countries, g_strdup(iso_a2), *out);
	return rc;
}

struct preload {
	const coopmap_places *places;
	const char *const *codes;
	size_t n;
	size_t first;                    /* this thread reads first, first+2.. */
	struct country_places **read;    /* per code; NULL: skipped or failed */
};

static gpointer preload_every_other(gpointer data)
{
	struct preload *job = data;

	for (size_t i = job->first; i < job->n; i += 2) {
		coopmap_error ignored = COOPMAP_ERROR_INIT;

		if (job->codes[i] != NULL)
			(void)read_country(job->places, job->codes[i], &job->read[i],
				&ignored);
	}
	return NULL;
}

int coopmap_places_preload(coopmap_places *p, const char *const *iso_a2,
	size_t n, coopmap_error *err)
{
	const char **codes = calloc(n + 1, sizeof(*codes));
	struct country_places **read = calloc(n + 1, sizeof(*read));
	struct preload jobs[2];
	GThread *second;

	if (codes == NULL || read == NULL) {
		free(codes);
		free(read);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	/* Each country once, and not one already read. */
	for (size_t i = 0; i < n; i++) {
		int again = g_hash_table_contains(p->countries, iso_a2[i]);

		for (size_t j = 0; j < i && !again; j++)
			again = codes[j] != NULL && strcmp(codes[j], iso_a2[i]) == 0;
		codes[i] = again ? NULL : iso_a2[i];
	}
	for (int t = 0; t < 2; t++)
		jobs[t] = (struct preload){ p, codes, n, (size_t)t, read };
	second = g_thread_new("coopmap-places", preload_every_other, &jobs[1]);
	preload_every_other(&jobs[0]);
	g_thread_join(second);
	/* What could not be read stays unread: its error comes, if ever, from
	 * the lookup that needs it. */
	for (size_t i = 0; i < n; i++) {
		if (read[i] != NULL)
			g_hash_table_insert(p->countries, g_strdup(codes[i]), read[i]);
	}
	free(codes);
	free(read);
	return COOPMAP_OK;
}

static GArray *lookup(coopmap_places *p, struct country_places *cp,
	const char *iso_a2, const char *city)
{
	char *key = coopmap_names_fold(city);
	GArray *list = g_hash_table_lookup(cp->by_name, key);

	free(key);
	if (list == NULL) {
		char *akey = alias_key(iso_a2, city);
		const char *target = g_hash_table_lookup(p->aliases, akey);

		g_free(akey);
		if (target != NULL) {
			key = coopmap_names_fold(target);
			list = g_hash_table_lookup(cp->by_name, key);
			free(key);
		}
	}
	return list;
}

int coopmap_places_find(coopmap_places *p, const char *iso_a2,
	const char *city, const char *region_hint, coopmap_place_match *match,
	coopmap_error *err)
{
	struct country_places *cp = NULL;
	GArray *list;
	char *hint;
	int rc;

	match->place = NULL;
	match->candidates = 0;
	if (city == NULL || city[0] == '\0' || iso_a2 == NULL || iso_a2[0] == '\0')
		return COOPMAP_OK;
	rc = country_places(p, iso_a2, &cp, err);
	if (rc != COOPMAP_OK)
		return rc;
	list = lookup(p, cp, iso_a2, city);
	if (list == NULL)
		return COOPMAP_OK;
	match->candidates = list->len;
	match->place = &cp->items[g_array_index(list, size_t, 0)];
	if (list->len < 2 || region_hint == NULL || region_hint[0] == '\0')
		return COOPMAP_OK;
	hint = coopmap_names_fold(region_hint);
	for (guint i = 0; i < list->len; i++) {
		const coopmap_place *pl = &cp->items[g_array_index(list, size_t, i)];
		char *region = coopmap_names_fold(pl->region);
		int same = strcmp(region, hint) == 0;

		free(region);
		if (same) {
			match->place = pl;
			break;
		}
	}
	free(hint);
	return COOPMAP_OK;
}
