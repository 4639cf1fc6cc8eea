/*
 * layers.h: policy layers (the CICD priority countries, health agreements,
 * ...): a CSV of countries (column iso_a3, any others) and a JSON sidecar of
 * the same name with its title, source, date and licence.
 *
 * Not for: judging projects against layers (classify, a later module).
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
 * date, licence; all required).  Every iso_a3 must be a code of the
 * registry.  Caller frees *out.  Errors: COOPMAP_ERR_IO, COOPMAP_ERR_INPUT
 * (unknown code at file:line, missing key in the sidecar).
 */
int coopmap_layer_load(const char *csv_path, const coopmap_countries *countries,
	coopmap_layer **out, coopmap_error *err);

void coopmap_layer_free(coopmap_layer *layer);

/* Metadata, borrowed. */
const char *coopmap_layer_id(const coopmap_layer *layer);
const char *coopmap_layer_title(const coopmap_layer *layer, const char *lang);
const char *coopmap_layer_source(const coopmap_layer *layer);
const char *coopmap_layer_date(const coopmap_layer *layer);

size_t coopmap_layer_member_count(const coopmap_layer *layer);
const coopmap_country *coopmap_layer_member(const coopmap_layer *layer,
	size_t i);
/* True when country belongs to the layer. */
int coopmap_layer_contains(const coopmap_layer *layer,
	const coopmap_country *country);

#endif
