/*
 * country.h: the country registry: geometries (lon/lat rings) and codes and
 * names of every feature of geodata/countries-*.shp, read with Shapelib, and
 * the resolver that turns what people type into one of them.
 *
 * French overseas units (GLP, MTQ, GUF, REU, MYT, SPM, BLM, MAF, WLF, PYF,
 * NCL, ATF) are features of their own; FRA is metropolitan France.  With
 * geodata/country-points.csv every ISO 3166-1 entry is a country: one that
 * has no polygon at the Shapefile's scale (Tuvalu, Tokelau, Gibraltar at
 * 50m ...) is a point: geometry.n_rings is 0 and its position is
 * label_lon, label_lat (also its bounding box).
 * Not for: policy layers (layers.h) or projections (geodesy.h).
 */
#ifndef COOPMAP_COUNTRY_H
#define COOPMAP_COUNTRY_H

#include <stddef.h>

#include "coopmap/error.h"

/* Rings of one feature in lon/lat degrees; ring i is points
 * [ring_start[i], ring_start[i + 1]).  Holes are rings too: fill with the
 * even-odd rule.  All pointers are borrowed from the registry. */
typedef struct coopmap_geometry {
	size_t n_rings;
	const size_t *ring_start;
	const double *lon;
	const double *lat;
	double min_lon, min_lat, max_lon, max_lat;
} coopmap_geometry;

typedef struct coopmap_country {
	const char *iso_a3;     /* "" for areas without a code (disputed ...) */
	const char *iso_a2;
	const char *iso_n3;
	const char *name_fr;
	const char *name_en;
	const char *sovereign;  /* iso_a3 of the sovereign state, or "" */
	const char *kind;       /* state, overseas, dependency, disputed, other */
	double label_lon;       /* inside the largest part; a point's position */
	double label_lat;
	coopmap_geometry geometry;
} coopmap_country;

typedef struct coopmap_countries coopmap_countries;

/*
 * Open the registry: shp_path is a countries Shapefile (with or without its
 * .shp extension); aliases_csv, when not NULL, is a CSV with columns
 * alias,iso_a3 of extra spellings (former names, abbreviations).
 * Caller frees *out with coopmap_countries_free.
 * Errors: COOPMAP_ERR_IO (missing or unreadable file), COOPMAP_ERR_INPUT
 * (missing attribute, alias naming an unknown code: file:line).
 */
int coopmap_countries_open(const char *shp_path, const char *aliases_csv,
	coopmap_countries **out, coopmap_error *err);

/* The files that complete the Shapefile; each may be NULL. */
typedef struct coopmap_countries_files {
	const char *aliases_csv;  /* alias,iso_a3: former names, abbreviations */
	const char *names_csv;    /* iso_a3,lang,name: geodata/country-names.csv,
	                           * every name of the ISO 3166-1 source */
	const char *points_csv;   /* geodata/country-points.csv: the entries
	                           * with no polygon (columns iso_a3, iso_a2,
	                           * iso_n3, name_fr, name_en, sovereign, kind,
	                           * lon, lat); rows whose iso_a3 the Shapefile
	                           * has are skipped */
} coopmap_countries_files;

#define COOPMAP_COUNTRIES_FILES_INIT { NULL, NULL, NULL }

/*
 * coopmap_countries_open with the files that complete the registry: the
 * points are added after the Shapefile's features, then the names and
 * aliases indexed.  A key that names two countries resolves to neither
 * (AMBIGUOUS).  Caller frees *out with coopmap_countries_free.
 * Errors: as coopmap_countries_open; also COOPMAP_ERR_INPUT for a name or
 * point row naming no known code or with a bad position (file:line).
 */
int coopmap_countries_open_files(const char *shp_path,
	const coopmap_countries_files *files, coopmap_countries **out,
	coopmap_error *err);

/*
 * The registry the commands use: the bundled geodata/countries-RESOLUTION
 * ("50m" or "10m") with geodata/country-points.csv, country-names.csv and
 * country-aliases.csv, from the data directory (paths.h).  Caller frees
 * *out with coopmap_countries_free.
 * Errors: COOPMAP_ERR_USAGE (another resolution), and those of
 * coopmap_countries_open_files.
 */
int coopmap_countries_open_bundled(const char *resolution,
	coopmap_countries **out, coopmap_error *err);

void coopmap_countries_free(coopmap_countries *countries);

size_t coopmap_countries_count(const coopmap_countries *countries);

/* Feature i, borrowed, valid while the registry lives. */
const coopmap_country *coopmap_countries_get(const coopmap_countries *countries,
	size_t i);

/*
 * The vertices of every ring of the Shapefile's features, one array of
 * longitudes and one of latitudes for all: feature 0's rings, then feature
 * 1's ..., each feature's geometry.lon and .lat pointing into them (the
 * points added from the points file have no ring and nothing here).  *n is
 * their count.  Borrowed, valid while the registry lives; for the topology
 * (simplify.h), which numbers them instead of copying them.
 */
void coopmap_countries_vertices(const coopmap_countries *countries,
	const double **lon, const double **lat, size_t *n);

/* Index of a country in the registry (for per-country arrays). */
size_t coopmap_country_index(const coopmap_countries *countries,
	const coopmap_country *country);

/* The feature with this ISO alpha-2 code (exact, upper case), or NULL. */
const coopmap_country *coopmap_country_find_iso2(
	const coopmap_countries *countries, const char *iso_a2);

/* The feature with this ISO alpha-3 code (exact, upper case), or NULL. */
const coopmap_country *coopmap_country_find_iso3(
	const coopmap_countries *countries, const char *iso_a3);

enum {
	COOPMAP_COUNTRY_FOUND = 0,
	COOPMAP_COUNTRY_UNKNOWN = 1,
	COOPMAP_COUNTRY_AMBIGUOUS = 2
};

typedef struct coopmap_country_match {
	int status;                        /* COOPMAP_COUNTRY_* */
	const coopmap_country *country;    /* set when FOUND */
	char suggestion[256];              /* French name(s) to propose, or "" */
	int placeholder;                   /* UNKNOWN as an empty cell's filler */
} coopmap_country_match;

/*
 * Resolve a text as people type it: ISO alpha-2, alpha-3 or numeric code,
 * French or English name, or an alias, with case, accents, apostrophes,
 * hyphens and spaces folded.  Fills *match; never fails.  A text that no key
 * matches is UNKNOWN with, when one is close, a suggestion.  Placeholders
 * of empty cells (NA, NC, NR, ND, SO, "non renseigné" ...) are UNKNOWN even
 * where they are also ISO codes: write NCL, not NC, for New Caledonia.
 */
void coopmap_country_resolve(const coopmap_countries *countries,
	const char *text, coopmap_country_match *match);

/* Name in the language asked ("fr" or "en"; French otherwise). */
const char *coopmap_country_name(const coopmap_country *country,
	const char *lang);

#endif
