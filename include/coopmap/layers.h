/*
 * layers.h: policy layers (the CICD priority countries, health agreements,
 * overseas neighbours, Francophonie ...): a CSV of countries (column iso_a3
 * first, any others after) and a JSON sidecar of the same name with the
 * layer's title, source, date and licence.  A set holds the bundled layers
 * of geodata/layers/ and the users' own.
 *
 * Not for: judging projects against layers (classify.h).
 */
#ifndef COOPMAP_LAYERS_H
#define COOPMAP_LAYERS_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"

typedef struct coopmap_layer coopmap_layer;

/*
 * Load layer csv_path ("geodata/layers/cicd-2018.csv") and its sidecar
 * ("geodata/layers/cicd-2018.json": keys id, title_fr, title_en, source,
 * date, licence, all required; notes optional).  Every iso_a3 must be a
 * code of the registry, given once (once per territory in a layer with a
 * territory column).  Caller frees *out.  Errors: COOPMAP_ERR_IO,
 * COOPMAP_ERR_INPUT (unknown or repeated code at file:line, missing key in
 * the sidecar, no iso_a3 column).
 */
int coopmap_layer_load(const char *csv_path, const coopmap_countries *countries,
	coopmap_layer **out, coopmap_error *err);

void coopmap_layer_free(coopmap_layer *layer);

/* The sidecar a layer file is read with: "x.csv" -> "x.json", anything
 * else gets ".json" added.  Caller frees with g_free. */
char *coopmap_layer_sidecar_path(const char *csv_path);

/* Metadata, borrowed; notes is "" when the sidecar has none. */
const char *coopmap_layer_id(const coopmap_layer *layer);
const char *coopmap_layer_title(const coopmap_layer *layer, const char *lang);
const char *coopmap_layer_source(const coopmap_layer *layer);
const char *coopmap_layer_date(const coopmap_layer *layer);
const char *coopmap_layer_licence(const coopmap_layer *layer);
const char *coopmap_layer_notes(const coopmap_layer *layer);
const char *coopmap_layer_path(const coopmap_layer *layer);

/* Rows of the layer (a country may have several: one per territory of
 * overseas-neighbours), and the distinct countries. */
size_t coopmap_layer_member_count(const coopmap_layer *layer);
const coopmap_country *coopmap_layer_member(const coopmap_layer *layer,
	size_t row);
size_t coopmap_layer_country_count(const coopmap_layer *layer);

/* The layer's columns, in file order (names borrowed). */
size_t coopmap_layer_column_count(const coopmap_layer *layer);
const char *coopmap_layer_column_name(const coopmap_layer *layer, size_t i);

/* The value of column in row ("" when the layer has no such column). */
const char *coopmap_layer_value(const coopmap_layer *layer, size_t row,
	const char *column);

/* The first row at or after from whose country is country, or -1; the
 * rows of one country, walked from 0 with from = row + 1, cost O(1) each. */
long coopmap_layer_find(const coopmap_layer *layer,
	const coopmap_country *country, size_t from);

/* True when country belongs to the layer. */
int coopmap_layer_contains(const coopmap_layer *layer,
	const coopmap_country *country);

typedef struct coopmap_layer_set coopmap_layer_set;

/*
 * Every layer of dir (each NAME.csv with its NAME.json), sorted by id.
 * Caller frees *out.  Errors: those of coopmap_layer_load; COOPMAP_ERR_IO
 * when dir cannot be listed.
 */
int coopmap_layer_set_open(const char *dir, const coopmap_countries *countries,
	coopmap_layer_set **out, coopmap_error *err);

/* Add a user's layer; an id already in the set is an error. */
int coopmap_layer_set_add(coopmap_layer_set *set, const char *csv_path,
	const coopmap_countries *countries, coopmap_error *err);

void coopmap_layer_set_free(coopmap_layer_set *set);

size_t coopmap_layer_set_count(const coopmap_layer_set *set);
const coopmap_layer *coopmap_layer_set_get(const coopmap_layer_set *set,
	size_t i);
/* The layer with this id, or NULL. */
const coopmap_layer *coopmap_layer_set_find(const coopmap_layer_set *set,
	const char *id);

#endif
