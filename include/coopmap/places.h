/*
 * places.h: the gazetteer of cities (GeoNames, geodata/places/XX.csv, one
 * file per country, loaded only when a country is asked for) and the
 * place aliases (geodata/place-aliases.csv: Majunga, Tananarive, Saïgon ...).
 *
 * Not for: countries (country.h).  A name is looked up within one
 * country, never worldwide: the same name exists in many countries.
 */
#ifndef COOPMAP_PLACES_H
#define COOPMAP_PLACES_H

#include <stddef.h>

#include "coopmap/error.h"

typedef struct coopmap_place {
	const char *name;      /* as GeoNames spells it */
	const char *iso_a2;
	const char *region;    /* first-level division; French region names
	                          for France and the overseas departments */
	double lat, lon;
} coopmap_place;

typedef struct coopmap_places coopmap_places;

/*
 * Open the gazetteer in dir (a directory of XX.csv files); aliases_csv may be
 * NULL.  Country files are read on first use.  Caller frees *out.
 * Errors: COOPMAP_ERR_IO (dir missing), those of reading the aliases.
 */
int coopmap_places_open(const char *dir, const char *aliases_csv,
	coopmap_places **out, coopmap_error *err);

void coopmap_places_free(coopmap_places *places);

/*
 * Read the files of the n countries in iso_a2 now, two at a time in two
 * threads, instead of one by one on first use (the few files a list names
 * are most of locating it).  Countries already read are skipped.  A file
 * that cannot be read is left unread: coopmap_places_find reads it again
 * when, and only when, it is asked for, and reports its error then, as
 * without the preload.  Errors: COOPMAP_ERR_NOMEM only.  Not thread-safe
 * with other calls on places.
 */
int coopmap_places_preload(coopmap_places *places, const char *const *iso_a2,
	size_t n, coopmap_error *err);

typedef struct coopmap_place_match {
	const coopmap_place *place;   /* NULL when no place has the name */
	size_t candidates;            /* places of that name in the country */
} coopmap_place_match;

/*
 * Find city in country iso_a2 (upper case), name folded (case, accents,
 * hyphens), or through an alias.  Among homonyms, the one in region_hint's
 * region when given and found, else the first in the file's order (the
 * gazetteer has no population to choose by): match->candidates says how
 * many there were.  Returns COOPMAP_OK, or an error when the country's file
 * exists but cannot be read (a missing file means no places).
 */
int coopmap_places_find(coopmap_places *places, const char *iso_a2,
	const char *city, const char *region_hint, coopmap_place_match *match,
	coopmap_error *err);

#endif
