/*
 * layers.c: one policy layer: members from a CSV read through OGR, metadata
 * from a JSON sidecar read with jansson.
 */
#include "coopmap/layers.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/table.h"

struct coopmap_layer {
	char *id, *title_fr, *title_en, *source, *date, *licence;
	size_t count;
	const coopmap_country **members;
};

static char *sidecar_path(const char *csv_path)
{
	size_t len = strlen(csv_path);
	char *path = malloc(len + 6);

	if (path == NULL)
		return NULL;
	memcpy(path, csv_path, len + 1);
	if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
		path[len - 4] = '\0';
	strcat(path, ".json");
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
		*fields[i] = strdup(value);
	}
	json_decref(root);
	return COOPMAP_OK;
}

static int read_members(coopmap_layer *layer, const char *csv_path,
	const coopmap_countries *countries, coopmap_error *err)
{
	coopmap_table *table = NULL;
	long col;
	int rc = coopmap_table_read(csv_path, NULL, &table, err);

	if (rc != COOPMAP_OK)
		return rc;
	col = coopmap_table_find_column(table, "iso_a3");
	if (col < 0) {
		coopmap_table_free(table);
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: column iso_a3 is required", csv_path);
	}
	layer->members = calloc(coopmap_table_row_count(table) + 1,
		sizeof(*layer->members));
	for (size_t row = 0; layer->members && row < coopmap_table_row_count(table);
	     row++) {
		const char *code = coopmap_table_cell(table, row, (size_t)col);
		const coopmap_country *c = coopmap_country_find_iso3(countries, code);

		if (c == NULL) {
			rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, csv_path,
				coopmap_table_line(table, row), "iso_a3", code,
				"no country has this code");
			break;
		}
		layer->members[layer->count++] = c;
	}
	if (layer->members == NULL)
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	coopmap_table_free(table);
	return rc;
}

int coopmap_layer_load(const char *csv_path, const coopmap_countries *countries,
	coopmap_layer **out, coopmap_error *err)
{
	coopmap_layer *layer = calloc(1, sizeof(*layer));
	char *meta = sidecar_path(csv_path);
	int rc;

	*out = NULL;
	if (layer == NULL || meta == NULL) {
		free(layer);
		free(meta);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	rc = read_metadata(layer, meta, err);
	free(meta);
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
	free(layer->id);
	free(layer->title_fr);
	free(layer->title_en);
	free(layer->source);
	free(layer->date);
	free(layer->licence);
	free(layer->members);
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

size_t coopmap_layer_member_count(const coopmap_layer *layer)
{
	return layer->count;
}

const coopmap_country *coopmap_layer_member(const coopmap_layer *layer,
	size_t i)
{
	return i < layer->count ? layer->members[i] : NULL;
}

int coopmap_layer_contains(const coopmap_layer *layer,
	const coopmap_country *country)
{
	for (size_t i = 0; i < layer->count; i++) {
		if (layer->members[i] == country)
			return 1;
	}
	return 0;
}
