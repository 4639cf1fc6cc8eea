/*
 * country.c: loads the countries Shapefile with Shapelib into flat arrays
 * (one allocation per coordinate axis), adds the ISO 3166-1 entries that
 * have no polygon at its scale as points, and indexes every spelling key.
 */
#include "coopmap/country.h"

#include <glib.h>
#include <shapefil.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "coopmap/paths.h"
#include "coopmap/table.h"

struct coopmap_countries {
	size_t count;
	coopmap_country *items;
	size_t *ring_start;    /* all features' offsets, back to back */
	double *lon, *lat;     /* all vertices, back to back */
	size_t n_vertices;     /* their count */
	GStringChunk *text;
	GHashTable *keys;      /* folded key -> GArray of size_t indices */
};

enum { ATTR_ISO_A3, ATTR_ISO_A2, ATTR_ISO_N3, ATTR_NAME_FR, ATTR_NAME_EN,
	ATTR_SOVEREIGN, ATTR_KIND, ATTR_LABEL_X, ATTR_LABEL_Y, ATTR_COUNT };

static const char *const attribute_names[ATTR_COUNT] = {
	"iso_a3", "iso_a2", "iso_n3", "name_fr", "name_en", "sovereign",
	"kind", "label_x", "label_y"
};

static void free_index_array(gpointer array)
{
	g_array_free(array, TRUE);
}

static void add_key(coopmap_countries *c, const char *text, size_t index)
{
	char *key;
	GArray *list;

	if (text == NULL || text[0] == '\0')
		return;
	key = coopmap_names_fold(text);
	if (key == NULL || key[0] == '\0') {
		free(key);
		return;
	}
	list = g_hash_table_lookup(c->keys, key);
	if (list == NULL) {
		list = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_hash_table_insert(c->keys, g_strdup(key), list);
	}
	for (guint i = 0; i < list->len; i++) {
		if (g_array_index(list, size_t, i) == index) {
			free(key);
			return;
		}
	}
	g_array_append_val(list, index);
	free(key);
}

static int find_attributes(DBFHandle dbf, int *fields, const char *path,
	coopmap_error *err)
{
	for (int i = 0; i < ATTR_COUNT; i++) {
		fields[i] = DBFGetFieldIndex(dbf, attribute_names[i]);
		if (fields[i] < 0)
			return coopmap_error_set(err, COOPMAP_ERR_INPUT,
				"%s: attribute '%s' missing from the countries file",
				path, attribute_names[i]);
	}
	return COOPMAP_OK;
}

static const char *dbf_text(coopmap_countries *c, DBFHandle dbf, int row,
	int field)
{
	const char *value = DBFReadStringAttribute(dbf, row, field);

	return g_string_chunk_insert_const(c->text, value != NULL ? value : "");
}

/* Count vertices and rings first so that coordinates live in three arrays. */
static int measure_shapes(SHPHandle shp, int n, size_t *vertices, size_t *rings)
{
	*vertices = 0;
	*rings = 0;
	for (int i = 0; i < n; i++) {
		SHPObject *obj = SHPReadObject(shp, i);

		if (obj == NULL)
			return -1;
		*vertices += (size_t)obj->nVertices;
		*rings += (size_t)obj->nParts;
		SHPDestroyObject(obj);
	}
	return 0;
}

static void copy_shape(coopmap_country *country, SHPObject *obj,
	size_t *ring_start, double *lon, double *lat, size_t first_vertex)
{
	coopmap_geometry *g = &country->geometry;

	g->n_rings = (size_t)obj->nParts;
	g->ring_start = ring_start;
	g->lon = lon;
	g->lat = lat;
	for (int p = 0; p <= obj->nParts; p++) {
		size_t start = p < obj->nParts ? (size_t)obj->panPartStart[p]
			: (size_t)obj->nVertices;

		ring_start[p] = start;
	}
	for (int v = 0; v < obj->nVertices; v++) {
		lon[v] = obj->padfX[v];
		lat[v] = obj->padfY[v];
	}
	g->min_lon = obj->dfXMin;
	g->min_lat = obj->dfYMin;
	g->max_lon = obj->dfXMax;
	g->max_lat = obj->dfYMax;
	(void)first_vertex;
}

static int load_shapes(coopmap_countries *c, SHPHandle shp, DBFHandle dbf,
	const int *fields, const char *path, size_t room, coopmap_error *err)
{
	int n = 0, type = 0;
	size_t n_vertices, n_rings, vertex = 0, ring = 0;

	SHPGetInfo(shp, &n, &type, NULL, NULL);
	if (type != SHPT_POLYGON || n != DBFGetRecordCount(dbf))
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: not a polygon Shapefile with one record per shape", path);
	if (measure_shapes(shp, n, &n_vertices, &n_rings) != 0)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: unreadable shape", path);
	c->count = (size_t)n;
	c->items = calloc((size_t)n + room + 1, sizeof(coopmap_country));
	c->ring_start = calloc(n_rings + (size_t)n + 1, sizeof(size_t));
	c->n_vertices = n_vertices;
	c->lon = malloc((n_vertices + 1) * sizeof(double));
	c->lat = malloc((n_vertices + 1) * sizeof(double));
	if (!c->items || !c->ring_start || !c->lon || !c->lat)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");

	for (int i = 0; i < n; i++) {
		coopmap_country *country = &c->items[i];
		SHPObject *obj = SHPReadObject(shp, i);

		if (obj == NULL)
			return coopmap_error_set(err, COOPMAP_ERR_IO,
				"%s: unreadable shape %d", path, i);
		copy_shape(country, obj, c->ring_start + ring + (size_t)i,
			c->lon + vertex, c->lat + vertex, vertex);
		vertex += (size_t)obj->nVertices;
		ring += (size_t)obj->nParts;
		SHPDestroyObject(obj);

		country->iso_a3 = dbf_text(c, dbf, i, fields[ATTR_ISO_A3]);
		country->iso_a2 = dbf_text(c, dbf, i, fields[ATTR_ISO_A2]);
		country->iso_n3 = dbf_text(c, dbf, i, fields[ATTR_ISO_N3]);
		country->name_fr = dbf_text(c, dbf, i, fields[ATTR_NAME_FR]);
		country->name_en = dbf_text(c, dbf, i, fields[ATTR_NAME_EN]);
		country->sovereign = dbf_text(c, dbf, i, fields[ATTR_SOVEREIGN]);
		country->kind = dbf_text(c, dbf, i, fields[ATTR_KIND]);
		country->label_lon = DBFReadDoubleAttribute(dbf, i, fields[ATTR_LABEL_X]);
		country->label_lat = DBFReadDoubleAttribute(dbf, i, fields[ATTR_LABEL_Y]);
	}
	return COOPMAP_OK;
}

static void index_names(coopmap_countries *c)
{
	for (size_t i = 0; i < c->count; i++) {
		const coopmap_country *country = &c->items[i];

		/* Areas without a code (disputed ...) are drawn, never resolved. */
		if (country->iso_a3[0] == '\0')
			continue;
		add_key(c, country->iso_a3, i);
		add_key(c, country->iso_a2, i);
		add_key(c, country->iso_n3, i);
		if (country->iso_n3[0] != '\0') {
			char number[16];

			snprintf(number, sizeof(number), "%d", atoi(country->iso_n3));
			add_key(c, number, i);
		}
		add_key(c, country->name_fr, i);
		add_key(c, country->name_en, i);
	}
}

/* The columns of the points file, in the order of coopmap_country. */
static const char *const point_columns[] = {
	"iso_a3", "iso_a2", "iso_n3", "name_fr", "name_en", "sovereign",
	"kind", "lon", "lat", NULL
};

static const size_t no_ring[1] = { 0 };

static int point_column(coopmap_table *t, long *cols, const char *path,
	coopmap_error *err)
{
	for (int k = 0; point_columns[k] != NULL; k++) {
		cols[k] = coopmap_table_find_column(t, point_columns[k]);
		if (cols[k] < 0)
			return coopmap_error_set(err, COOPMAP_ERR_INPUT,
				"%s: column '%s' missing", path, point_columns[k]);
	}
	return COOPMAP_OK;
}

static int parse_degrees(const char *text, double limit, double *out)
{
	char *end;

	*out = strtod(text, &end);
	return end != text && *end == '\0' && *out >= -limit && *out <= limit;
}

/* One entry with no polygon: its position is its label point and the
 * whole of its bounding box. */
static int add_point(coopmap_countries *c, coopmap_table *t, size_t row,
	const long *cols, coopmap_error *err)
{
	coopmap_country *k = &c->items[c->count];
	const char **text[] = { &k->iso_a3, &k->iso_a2, &k->iso_n3, &k->name_fr,
		&k->name_en, &k->sovereign, &k->kind };

	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		*text[i] = g_string_chunk_insert_const(c->text,
			coopmap_table_cell(t, row, (size_t)cols[i]));
	if (!parse_degrees(coopmap_table_cell(t, row, (size_t)cols[7]), 180,
	    &k->label_lon) ||
	    !parse_degrees(coopmap_table_cell(t, row, (size_t)cols[8]), 90,
	    &k->label_lat))
		return coopmap_error_set_at(err, COOPMAP_ERR_INPUT,
			coopmap_table_path(t), coopmap_table_line(t, row), "lon",
			coopmap_table_cell(t, row, (size_t)cols[7]),
			"not a longitude and latitude in degrees");
	k->geometry.n_rings = 0;
	k->geometry.ring_start = no_ring;
	k->geometry.lon = &k->label_lon;
	k->geometry.lat = &k->label_lat;
	k->geometry.min_lon = k->geometry.max_lon = k->label_lon;
	k->geometry.min_lat = k->geometry.max_lat = k->label_lat;
	c->count++;
	return COOPMAP_OK;
}

/* Adds the rows of the points file whose code the Shapefile lacks. */
static int load_points(coopmap_countries *c, coopmap_table *t,
	coopmap_error *err)
{
	long cols[9];
	size_t shapes = c->count;
	int rc = point_column(t, cols, coopmap_table_path(t), err);

	for (size_t row = 0; rc == COOPMAP_OK &&
	     row < coopmap_table_row_count(t); row++) {
		const char *code = coopmap_table_cell(t, row, (size_t)cols[0]);
		int drawn = 0;

		for (size_t i = 0; i < shapes && !drawn; i++)
			drawn = strcmp(c->items[i].iso_a3, code) == 0;
		if (!drawn)
			rc = add_point(c, t, row, cols, err);
	}
	return rc;
}

/*
 * Adds the keys of a CSV of (key column, iso_a3) rows: the aliases file
 * and the names file.  A code the registry lacks is an error: every row
 * must name a country coopmap knows.
 */
static int load_keys(coopmap_countries *c, const char *path,
	const char *key_column, coopmap_error *err)
{
	coopmap_table *table = NULL;
	long key_col, code_col;
	int rc = coopmap_table_read(path, NULL, &table, err);

	if (rc != COOPMAP_OK)
		return rc;
	key_col = coopmap_table_find_column(table, key_column);
	code_col = coopmap_table_find_column(table, "iso_a3");
	if (key_col < 0 || code_col < 0) {
		coopmap_table_free(table);
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: columns %s and iso_a3 are required", path, key_column);
	}
	for (size_t row = 0; row < coopmap_table_row_count(table); row++) {
		const char *key = coopmap_table_cell(table, row, (size_t)key_col);
		const char *code = coopmap_table_cell(table, row, (size_t)code_col);
		const coopmap_country *country = coopmap_country_find_iso3(c, code);

		if (country == NULL) {
			rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, path,
				coopmap_table_line(table, row), "iso_a3", code,
				"no country has this code");
			break;
		}
		add_key(c, key, coopmap_country_index(c, country));
	}
	coopmap_table_free(table);
	return rc;
}

/* Shapelib prints its errors unless told otherwise; coopmap reports them. */
static void quiet_shapelib_error(const char *message)
{
	(void)message;
}

/* The Shapefile's features, with room for the points that follow. */
static int load_shapefile(coopmap_countries *c, const char *shp_path,
	size_t room, coopmap_error *err)
{
	SHPHandle shp;
	DBFHandle dbf;
	SAHooks hooks;
	int fields[ATTR_COUNT];
	int rc;

	SASetupDefaultHooks(&hooks);
	hooks.Error = quiet_shapelib_error;
	shp = SHPOpenLL(shp_path, "rb", &hooks);
	dbf = DBFOpenLL(shp_path, "rb", &hooks);
	if (shp == NULL || dbf == NULL) {
		if (shp != NULL)
			SHPClose(shp);
		if (dbf != NULL)
			DBFClose(dbf);
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: cannot open the countries Shapefile", shp_path);
	}
	rc = find_attributes(dbf, fields, shp_path, err);
	if (rc == COOPMAP_OK)
		rc = load_shapes(c, shp, dbf, fields, shp_path, room, err);
	SHPClose(shp);
	DBFClose(dbf);
	return rc;
}

static int load_registry(coopmap_countries *c, const char *shp_path,
	const coopmap_countries_files *files, coopmap_error *err)
{
	coopmap_table *points = NULL;
	int rc = COOPMAP_OK;

	if (files->points_csv != NULL)
		rc = coopmap_table_read(files->points_csv, NULL, &points, err);
	if (rc == COOPMAP_OK)
		rc = load_shapefile(c, shp_path, points != NULL
			? coopmap_table_row_count(points) : 0, err);
	if (rc == COOPMAP_OK && points != NULL)
		rc = load_points(c, points, err);
	coopmap_table_free(points);
	if (rc == COOPMAP_OK)
		index_names(c);
	if (rc == COOPMAP_OK && files->names_csv != NULL)
		rc = load_keys(c, files->names_csv, "name", err);
	if (rc == COOPMAP_OK && files->aliases_csv != NULL)
		rc = load_keys(c, files->aliases_csv, "alias", err);
	return rc;
}

int coopmap_countries_open_files(const char *shp_path,
	const coopmap_countries_files *files, coopmap_countries **out,
	coopmap_error *err)
{
	coopmap_countries *c;
	int rc;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	c->text = g_string_chunk_new(16 * 1024);
	c->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		free_index_array);
	rc = load_registry(c, shp_path, files, err);
	if (rc != COOPMAP_OK) {
		coopmap_countries_free(c);
		return rc;
	}
	*out = c;
	return COOPMAP_OK;
}

int coopmap_countries_open(const char *shp_path, const char *aliases_csv,
	coopmap_countries **out, coopmap_error *err)
{
	coopmap_countries_files files = COOPMAP_COUNTRIES_FILES_INIT;

	files.aliases_csv = aliases_csv;
	return coopmap_countries_open_files(shp_path, &files, out, err);
}

int coopmap_countries_open_bundled(const char *resolution,
	coopmap_countries **out, coopmap_error *err)
{
	char shp[4096], aliases[4096], names[4096], points[4096], relative[64];
	coopmap_countries_files files = COOPMAP_COUNTRIES_FILES_INIT;

	*out = NULL;
	if (strcmp(resolution, "50m") != 0 && strcmp(resolution, "10m") != 0)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"resolution '%s': expected 50m or 10m", resolution);
	snprintf(relative, sizeof(relative), "geodata/countries-%s.shp",
		resolution);
	if (coopmap_paths_data_file(relative, shp, sizeof(shp)) == NULL ||
	    coopmap_paths_data_file("geodata/country-aliases.csv", aliases,
		sizeof(aliases)) == NULL ||
	    coopmap_paths_data_file("geodata/country-names.csv", names,
		sizeof(names)) == NULL ||
	    coopmap_paths_data_file("geodata/country-points.csv", points,
		sizeof(points)) == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"data directory path too long");
	files.aliases_csv = aliases;
	files.names_csv = names;
	files.points_csv = points;
	return coopmap_countries_open_files(shp, &files, out, err);
}

void coopmap_countries_free(coopmap_countries *countries)
{
	if (countries == NULL)
		return;
	if (countries->keys != NULL)
		g_hash_table_destroy(countries->keys);
	if (countries->text != NULL)
		g_string_chunk_free(countries->text);
	free(countries->items);
	free(countries->ring_start);
	free(countries->lon);
	free(countries->lat);
	free(countries);
}

size_t coopmap_countries_count(const coopmap_countries *countries)
{
	return countries->count;
}

void coopmap_countries_vertices(const coopmap_countries *countries,
	const double **lon, const double **lat, size_t *n)
{
	*lon = countries->lon;
	*lat = countries->lat;
	*n = countries->n_vertices;
}

const coopmap_country *coopmap_countries_get(const coopmap_countries *countries,
	size_t i)
{
	return i < countries->count ? &countries->items[i] : NULL;
}

size_t coopmap_country_index(const coopmap_countries *countries,
	const coopmap_country *country)
{
	return (size_t)(country - countries->items);
}

const coopmap_country *coopmap_country_find_iso3(
	const coopmap_countries *countries, const char *iso_a3)
{
	if (iso_a3 == NULL || iso_a3[0] == '\0')
		return NULL;
	for (size_t i = 0; i < countries->count; i++) {
		if (strcmp(countries->items[i].iso_a3, iso_a3) == 0)
			return &countries->items[i];
	}
	return NULL;
}

const coopmap_country *coopmap_country_find_iso2(
	const coopmap_countries *countries, const char *iso_a2)
{
	if (iso_a2 == NULL || iso_a2[0] == '\0')
		return NULL;
	for (size_t i = 0; i < countries->count; i++) {
		if (strcmp(countries->items[i].iso_a2, iso_a2) == 0)
			return &countries->items[i];
	}
	return NULL;
}

const char *coopmap_country_name(const coopmap_country *country,
	const char *lang)
{
	if (lang != NULL && strcmp(lang, "en") == 0 && country->name_en[0] != '\0')
		return country->name_en;
	return country->name_fr;
}

static void append_candidates(coopmap_countries *c, GArray *list,
	coopmap_country_match *match)
{
	size_t used = 0;

	for (guint i = 0; i < list->len && used < sizeof(match->suggestion); i++) {
		const coopmap_country *country =
			&c->items[g_array_index(list, size_t, i)];

		used += (size_t)snprintf(match->suggestion + used,
			sizeof(match->suggestion) - used, "%s%s (%s)",
			i > 0 ? ", " : "", country->name_fr, country->iso_a3);
	}
}

/* The closest key within a tolerance that grows with the text's length. */
static void suggest(const coopmap_countries *c, const char *key,
	coopmap_country_match *match)
{
	GHashTableIter iter;
	gpointer k, v;
	size_t limit = strlen(key) < 5 ? 1 : strlen(key) / 4 + 1;
	size_t best = limit + 1;
	const char *best_key = NULL;
	GArray *best_list = NULL;

	g_hash_table_iter_init(&iter, c->keys);
	while (g_hash_table_iter_next(&iter, &k, &v)) {
		size_t d;

		if (strlen(k) <= 3)
			continue;  /* codes make poor suggestions */
		d = coopmap_names_distance(key, k, limit);
		/* Ties are broken by the key so that the answer is stable. */
		if (d < best || (d == best && best_key != NULL &&
		    strcmp(k, best_key) < 0)) {
			best = d;
			best_key = k;
			best_list = v;
		}
	}
	if (best_list != NULL && best <= limit)
		append_candidates((coopmap_countries *)c, best_list, match);
}

/*
 * French spreadsheets fill empty cells with placeholders, some of which are
 * also ISO alpha-2 codes (NA Namibia, NC New Caledonia, NR Nauru, SO
 * Somalia): in a cell they mean "not given", never the country.
 */
static const char *const placeholders[] = {
	"na", "nc", "nr", "nd", "so", "sans objet", "non renseigne",
	"non communique", "non applicable", "inconnu", "n a", NULL
};

static int is_placeholder(const char *key)
{
	for (int i = 0; placeholders[i] != NULL; i++) {
		if (strcmp(key, placeholders[i]) == 0)
			return 1;
	}
	return 0;
}

void coopmap_country_resolve(const coopmap_countries *countries,
	const char *text, coopmap_country_match *match)
{
	char *key = coopmap_names_fold(text);
	GArray *list;

	memset(match, 0, sizeof(*match));
	match->status = COOPMAP_COUNTRY_UNKNOWN;
	if (key == NULL)
		return;
	if (is_placeholder(key)) {
		match->placeholder = 1;
		free(key);
		return;
	}
	list = key[0] != '\0' ? g_hash_table_lookup(countries->keys, key) : NULL;
	if (list != NULL && list->len == 1) {
		match->status = COOPMAP_COUNTRY_FOUND;
		match->country = &countries->items[g_array_index(list, size_t, 0)];
	} else if (list != NULL) {
		match->status = COOPMAP_COUNTRY_AMBIGUOUS;
		append_candidates((coopmap_countries *)countries, list, match);
	} else if (key[0] != '\0') {
		suggest(countries, key, match);
	}
	free(key);
}
