/*
 * layers.c: policy layers: rows from a CSV read through OGR (kept whole, so
 * that classification can quote a row's basis or territory), metadata from
 * a JSON sidecar read with jansson.
 */
#include "coopmap/layers.h"

#include <glib.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/table.h"

struct coopmap_layer {
	char *path;
	char *id, *title_fr, *title_en, *source, *date, *licence, *notes;
	coopmap_table *table;
	size_t count, distinct;
	const coopmap_country **members;
	/* Country -> its first row + 1, and each row's next row of the same
	 * country (-1: none): finding a country's rows costs the same
	 * whatever the layer's length (a scan per row was quadratic). */
	GHashTable *first;
	long *next;
};

struct coopmap_layer_set {
	GPtrArray *layers;   /* coopmap_layer, sorted by id */
};

char *coopmap_layer_sidecar_path(const char *csv_path)
{
	size_t len = strlen(csv_path);
	char *base = len > 4 && strcmp(csv_path + len - 4, ".csv") == 0
		? g_strndup(csv_path, len - 4) : g_strdup(csv_path);
	char *path = g_strconcat(base, ".json", NULL);

	g_free(base);
	return path;
}

static int read_metadata(coopmap_layer *layer, const char *path,
	coopmap_error *err)
{
	static const char *const keys[] = {
		"id", "title_fr", "title_en", "source", "date", "licence"
	};
	char **fields[] = {
		&layer->id, &layer->title_fr, &layer->title_en, &layer->source,
		&layer->date, &layer->licence
	};
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	const char *notes;

	if (root == NULL)
		return coopmap_error_set_at(err, COOPMAP_ERR_IO, path, jerr.line,
			NULL, NULL, "cannot read the layer's sidecar: %s", jerr.text);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *value = json_string_value(json_object_get(root, keys[i]));

		if (value == NULL || value[0] == '\0') {
			json_decref(root);
			return coopmap_error_set(err, COOPMAP_ERR_INPUT,
				"%s: key '%s' missing or not a string", path, keys[i]);
		}
		*fields[i] = g_strdup(value);
	}
	notes = json_string_value(json_object_get(root, "notes"));
	layer->notes = g_strdup(notes != NULL ? notes : "");
	json_decref(root);
	return COOPMAP_OK;
}

/*
 * A row's key: its country, and its territory in a layer that has one
 * (overseas-neighbours lists a country once per territory).  A key given
 * twice is an error at its line: a file that repeats a code ten thousand
 * times is a mistake, not a layer.
 */
static gchar *row_key(const coopmap_table *t, size_t row, long territory,
	const coopmap_country *c)
{
	return g_strconcat(territory >= 0 ? coopmap_table_cell(t, row,
		(size_t)territory) : "", "\t", c->iso_a3, NULL);
}

static void add_member(coopmap_layer *layer, size_t row,
	const coopmap_country *c, GHashTable *last)
{
	gpointer prev = g_hash_table_lookup(last, c);

	layer->members[row] = c;
	layer->next[row] = -1;
	if (prev != NULL) {
		layer->next[GPOINTER_TO_SIZE(prev) - 1] = (long)row;
	} else {
		g_hash_table_insert(layer->first, (gpointer)c,
			GSIZE_TO_POINTER(row + 1));
		layer->distinct++;
	}
	g_hash_table_insert(last, (gpointer)c, GSIZE_TO_POINTER(row + 1));
	layer->count++;
}

static int read_members(coopmap_layer *layer, const char *csv_path,
	const coopmap_countries *countries, coopmap_error *err)
{
	GHashTable *keys, *last;
	long col, territory;
	size_t rows;
	int rc = coopmap_table_read(csv_path, NULL, &layer->table, err);

	if (rc != COOPMAP_OK)
		return rc;
	col = coopmap_table_find_column(layer->table, "iso_a3");
	if (col < 0)
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: column iso_a3 is required", csv_path);
	territory = coopmap_table_find_column(layer->table, "territory");
	rows = coopmap_table_row_count(layer->table);
	layer->members = calloc(rows + 1, sizeof(*layer->members));
	layer->next = calloc(rows + 1, sizeof(*layer->next));
	if (layer->members == NULL || layer->next == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	last = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (size_t row = 0; row < rows && rc == COOPMAP_OK; row++) {
		const char *code = coopmap_table_cell(layer->table, row, (size_t)col);
		const coopmap_country *c = coopmap_country_find_iso3(countries, code);
		long line = coopmap_table_line(layer->table, row);
		gchar *key;
		gpointer seen;

		if (c == NULL) {
			rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, csv_path, line,
				"iso_a3", code, "no country has this code");
			break;
		}
		key = row_key(layer->table, row, territory, c);
		if ((seen = g_hash_table_lookup(keys, key)) != NULL) {
			long first = coopmap_table_line(layer->table,
				GPOINTER_TO_SIZE(seen) - 1);

			rc = territory >= 0 ? coopmap_error_set_at(err,
				COOPMAP_ERR_INPUT, csv_path, line, "iso_a3", code, "country and "
				"territory given twice (first on line %ld)", first)
				: coopmap_error_set_at(err, COOPMAP_ERR_INPUT, csv_path, line,
				"iso_a3", code, "country given twice (first on line %ld)",
				first);
			g_free(key);
			break;
		}
		g_hash_table_insert(keys, key, GSIZE_TO_POINTER(row + 1));
		add_member(layer, row, c, last);
	}
	g_hash_table_destroy(keys);
	g_hash_table_destroy(last);
	return rc;
}

int coopmap_layer_load(const char *csv_path, const coopmap_countries *countries,
	coopmap_layer **out, coopmap_error *err)
{
	coopmap_layer *layer = calloc(1, sizeof(*layer));
	char *meta;
	int rc;

	*out = NULL;
	if (layer == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	layer->path = g_strdup(csv_path);
	layer->first = g_hash_table_new(g_direct_hash, g_direct_equal);
	meta = coopmap_layer_sidecar_path(csv_path);
	rc = read_metadata(layer, meta, err);
	g_free(meta);
	if (rc == COOPMAP_OK)
		rc = read_members(layer, csv_path, countries, err);
	if (rc != COOPMAP_OK) {
		coopmap_layer_free(layer);
		return rc;
	}
	*out = layer;
	return COOPMAP_OK;
}

void coopmap_layer_free(coopmap_layer *layer)
{
	if (layer == NULL)
		return;
	g_free(layer->path);
	g_free(layer->id);
	g_free(layer->title_fr);
	g_free(layer->title_en);
	g_free(layer->source);
	g_free(layer->date);
	g_free(layer->licence);
	g_free(layer->notes);
	coopmap_table_free(layer->table);
	free(layer->members);
	free(layer->next);
	if (layer->first != NULL)
		g_hash_table_destroy(layer->first);
	free(layer);
}

const char *coopmap_layer_id(const coopmap_layer *layer)
{
	return layer->id;
}

const char *coopmap_layer_title(const coopmap_layer *layer, const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0 ? layer->title_en
		: layer->title_fr;
}

const char *coopmap_layer_source(const coopmap_layer *layer)
{
	return layer->source;
}

const char *coopmap_layer_date(const coopmap_layer *layer)
{
	return layer->date;
}

const char *coopmap_layer_licence(const coopmap_layer *layer)
{
	return layer->licence;
}

const char *coopmap_layer_notes(const coopmap_layer *layer)
{
	return layer->notes;
}

const char *coopmap_layer_path(const coopmap_layer *layer)
{
	return layer->path;
}

size_t coopmap_layer_member_count(const coopmap_layer *layer)
{
	return layer->count;
}

size_t coopmap_layer_country_count(const coopmap_layer *layer)
{
	return layer->distinct;
}

const coopmap_country *coopmap_layer_member(const coopmap_layer *layer,
	size_t row)
{
	return row < layer->count ? layer->members[row] : NULL;
}

size_t coopmap_layer_column_count(const coopmap_layer *layer)
{
	return coopmap_table_column_count(layer->table);
}

const char *coopmap_layer_column_name(const coopmap_layer *layer, size_t i)
{
	return coopmap_table_column_name(layer->table, i);
}

const char *coopmap_layer_value(const coopmap_layer *layer, size_t row,
	const char *column)
{
	long col = coopmap_table_find_column(layer->table, column);

	return col < 0 ? "" : coopmap_table_cell(layer->table, row, (size_t)col);
}

long coopmap_layer_find(const coopmap_layer *layer,
	const coopmap_country *country, size_t from)
{
	gpointer first = g_hash_table_lookup(layer->first, country);
	long row = first != NULL ? (long)GPOINTER_TO_SIZE(first) - 1 : -1;

	/* The rows of a country are a chain from its first: follow it from
	 * the row before from when that is the country's, as callers that
	 * walk the rows (find from r + 1) do. */
	if (row >= 0 && from > 0 && from <= layer->count &&
	    layer->members[from - 1] == country)
		return layer->next[from - 1];
	while (row >= 0 && (size_t)row < from)
		row = layer->next[row];
	return row;
}

int coopmap_layer_contains(const coopmap_layer *layer,
	const coopmap_country *country)
{
	return coopmap_layer_find(layer, country, 0) >= 0;
}

static gint compare_layers(gconstpointer a, gconstpointer b)
{
	const coopmap_layer *x = *(const coopmap_layer *const *)a;
	const coopmap_layer *y = *(const coopmap_layer *const *)b;

	return strcmp(x->id, y->id);
}

int coopmap_layer_set_open(const char *dir, const coopmap_countries *countries,
	coopmap_layer_set **out, coopmap_error *err)
{
	coopmap_layer_set *set;
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names;
	const char *name;
	int rc = COOPMAP_OK;

	*out = NULL;
	if (d == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: cannot list the layers directory", dir);
	names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(d)) != NULL) {
		if (g_str_has_suffix(name, ".csv"))
			g_ptr_array_add(names, g_build_filename(dir, name, NULL));
	}
	g_dir_close(d);
	set = calloc(1, sizeof(*set));
	set->layers = g_ptr_array_new_with_free_func(
		(GDestroyNotify)coopmap_layer_free);
	for (guint i = 0; i < names->len && rc == COOPMAP_OK; i++)
		rc = coopmap_layer_set_add(set, g_ptr_array_index(names, i),
			countries, err);
	g_ptr_array_free(names, TRUE);
	if (rc != COOPMAP_OK) {
		coopmap_layer_set_free(set);
		return rc;
	}
	*out = set;
	return COOPMAP_OK;
}

int coopmap_layer_set_add(coopmap_layer_set *set, const char *csv_path,
	const coopmap_countries *countries, coopmap_error *err)
{
	coopmap_layer *layer = NULL;
	int rc = coopmap_layer_load(csv_path, countries, &layer, err);

	if (rc != COOPMAP_OK)
		return rc;
	if (coopmap_layer_set_find(set, layer->id) != NULL) {
		rc = coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: a layer with id '%s' is already loaded", csv_path,
			layer->id);
		coopmap_layer_free(layer);
		return rc;
	}
	g_ptr_array_add(set->layers, layer);
	g_ptr_array_sort(set->layers, compare_layers);
	return COOPMAP_OK;
}

void coopmap_layer_set_free(coopmap_layer_set *set)
{
	if (set == NULL)
		return;
	g_ptr_array_free(set->layers, TRUE);
	free(set);
}

size_t coopmap_layer_set_count(const coopmap_layer_set *set)
{
	return set->layers->len;
}

const coopmap_layer *coopmap_layer_set_get(const coopmap_layer_set *set,
	size_t i)
{
	return i < set->layers->len ? g_ptr_array_index(set->layers, i) : NULL;
}

const coopmap_layer *coopmap_layer_set_find(const coopmap_layer_set *set,
	const char *id)
{
	for (guint i = 0; i < set->layers->len; i++) {
		const coopmap_layer *l = g_ptr_array_index(set->layers, i);

		if (strcmp(l->id, id) == 0)
			return l;
	}
	return NULL;
}
