/*
 * export.h: the cooperation data as open vector files, through OGR's
 * drivers: GeoJSON (RFC 7946: WGS 84, right-hand rule, no crs member, 6
 * decimals), GeoPackage (one layer each, ready for QGIS), and the
 * per-country aggregates as CSV.
 *
 * Layers: countries (partner countries with their figures and layer tags),
 * establishments (French establishments, points), partners (partner
 * hospitals, points), links (great-circle arcs from each establishment to
 * each partner, cut at the antimeridian), projects (points at the partner).
 * A GeoJSON file holds them in one FeatureCollection, each feature saying
 * its layer in the property "layer".  Files are written whole or not at
 * all.  A .kml path is handed to kml.h (Google My Maps).  Not for: web
 * pages (publish.h).
 */
#ifndef COOPMAP_EXPORT_H
#define COOPMAP_EXPORT_H

#include "coopmap/actors.h"
#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/join.h"
#include "coopmap/layers.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"

typedef struct coopmap_export_data {
	const coopmap_countries *countries;
	const coopmap_projects *projects;     /* located (locate.h) */
	const coopmap_pool *pool;
	const coopmap_country_stats *stats;   /* per country */
	const coopmap_layer_set *layers;      /* for the countries' tags; may
	                                         be NULL */
} coopmap_export_data;

/*
 * Write path: .geojson, .json, .gpkg (every layer), .kml (kml.h: folders
 * by programme, split into path, path-2.kml ... past 2,000 placemarks),
 * .csv (countries' aggregates) or .md (the same as a Markdown report; "-"
 * writes it to standard output).  Errors: COOPMAP_ERR_USAGE (unknown
 * extension), COOPMAP_ERR_IO (cannot write; the targets are then
 * untouched), COOPMAP_ERR_NOMEM (KML).
 */
int coopmap_export_write(const coopmap_export_data *data, const char *path,
	coopmap_error *err);

/*
 * The actors' presence by country (layer actor_presence): one feature per
 * country where an actor of a presence file or a policy layer is found,
 * with its outline, the number of actors, their ids, French names and the
 * basis of each; to .geojson, .json, .gpkg or .csv (no geometry), whole or
 * not at all.  Errors: COOPMAP_ERR_USAGE (extension), COOPMAP_ERR_IO.
 */
int coopmap_export_actors(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const coopmap_actors *actors,
	const char *path, coopmap_error *err);

#endif
