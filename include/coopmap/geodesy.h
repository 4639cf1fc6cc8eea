/*
 * geodesy.h: PROJ behind a small interface: forward projection of lon/lat
 * arrays into a map CRS, the CRS's central meridian and valid area, and the
 * lines every world map needs (sphere outline, graticule).
 *
 * Not for: cutting polygons at the antimeridian (cut.h does it, using the
 * central meridian and valid area given here).
 */
#ifndef COOPMAP_GEODESY_H
#define COOPMAP_GEODESY_H

#include <stddef.h>

#include "coopmap/error.h"

typedef struct coopmap_projection coopmap_projection;

/*
 * Create a transformation from WGS 84 lon/lat to crs, any definition PROJ
 * knows ("EPSG:8857", "ESRI:54030", "+proj=robin", WKT).  Axis order is
 * normalised for visualisation (x east, y north).  Caller frees *out.
 * Errors: COOPMAP_ERR_CRS with PROJ's reason.
 */
int coopmap_projection_new(const char *crs, coopmap_projection **out,
	coopmap_error *err);

void coopmap_projection_free(coopmap_projection *projection);

/*
 * A copy of projection with a PROJ context of its own, for another thread
 * (a projection object is not thread-safe).  Caller frees *out.
 * Errors: COOPMAP_ERR_NOMEM, COOPMAP_ERR_CRS when PROJ cannot copy it.
 */
int coopmap_projection_clone(const coopmap_projection *projection,
	coopmap_projection **out, coopmap_error *err);

/*
 * Project n points in place: x holds longitudes and y latitudes in degrees
 * on input, map coordinates on output.  A point the projection cannot take
 * gets HUGE_VAL in both.  Not thread-safe on one projection object.
 */
void coopmap_projection_forward(coopmap_projection *projection, double *x,
	double *y, size_t n);

/* Longitude of the projection's centre (0 when it has none). */
double coopmap_projection_central_meridian(const coopmap_projection *projection);

/*
 * Where the projection is usable, in lon/lat degrees: {min_lon, min_lat,
 * max_lon, max_lat} relative to the central meridian's world (min_lon may be
 * below -180 for a shifted centre).  Web Mercator stops at 85.06 degrees.
 */
void coopmap_projection_valid_area(const coopmap_projection *projection,
	double area[4]);

/* Human name of the target CRS ("Equal Earth"), and its code when it has
 * one ("EPSG:8857") or "" (borrowed). */
const char *coopmap_projection_name(const coopmap_projection *projection);
const char *coopmap_projection_code(const coopmap_projection *projection);

/* True when the CRS is geographic (plate carrée in degrees). */
int coopmap_projection_is_geographic(const coopmap_projection *projection);

/* Point arrays for lines in lon/lat degrees; caller frees x and y. */
typedef struct coopmap_polyline {
	size_t n;
	double *x;
	double *y;
} coopmap_polyline;

/*
 * The outline of the projection's valid area as one closed lon/lat ring,
 * densified every step_deg degrees.  Caller frees with
 * coopmap_polyline_clear.  Errors: COOPMAP_ERR_NOMEM.
 */
int coopmap_projection_outline(const coopmap_projection *projection,
	double step_deg, coopmap_polyline *ring, coopmap_error *err);

void coopmap_polyline_clear(coopmap_polyline *line);

/*
 * Geodesic distance in metres between two lon/lat points on WGS 84 (PROJ's
 * geodesic.h).
 */
double coopmap_geodesic_distance(double lon1, double lat1, double lon2,
	double lat2);

/*
 * The great-circle arc (geodesic on WGS 84) from (lon1, lat1) to (lon2,
 * lat2), as points no farther apart than step_km, split where it crosses
 * the antimeridian: piece k is points [starts[k], starts[k + 1]) of
 * lon/lat, with an end point on +-180 at each cut.  Caller frees *lon, *lat
 * and *starts with free().  Returns the number of pieces (>= 1), or 0 when
 * out of memory.
 */
size_t coopmap_geodesic_arc(double lon1, double lat1, double lon2,
	double lat2, double step_km, double **lon, double **lat,
	size_t **starts);

#endif
