/*
 * cut.h: prepares lon/lat polygons for one projection: pieces that cross the
 * projection's antimeridian are cut there and moved to their side, parts
 * outside the projection's valid area (Web Mercator's poles) are clipped
 * away, and long edges are densified so that they follow the projection's
 * curves.  The result is drawn with the even-odd fill rule.
 *
 * Why: a ring that crosses the antimeridian, projected as it is, becomes a
 * horizontal streak across the whole map.  Not for: projecting (geodesy.h).
 */
#ifndef COOPMAP_CUT_H
#define COOPMAP_CUT_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"

/* A growable set of rings; ring i is points [start[i], start[i + 1]). */
typedef struct coopmap_rings {
	size_t n_rings;
	size_t *start;       /* n_rings + 1 entries once a ring is added */
	size_t n_points;
	double *x;
	double *y;
	size_t ring_capacity;
	size_t point_capacity;
} coopmap_rings;

#define COOPMAP_RINGS_INIT { 0, NULL, 0, NULL, NULL, 0, 0 }

/* Forget the rings but keep the memory (for reuse across features). */
void coopmap_rings_reset(coopmap_rings *rings);
/* Free the memory. */
void coopmap_rings_clear(coopmap_rings *rings);

/*
 * Append to out the rings of geometry g, cut for a map whose valid area is
 * area = {west, south, east, north} in degrees (east - west <= 360, see
 * coopmap_projection_valid_area), with no edge longer than max_step_deg
 * degrees.  Errors: COOPMAP_ERR_NOMEM; a ring GEOS cannot clip even after
 * repair is left out (it cannot be drawn correctly) and not an error.
 */
int coopmap_cut_polygon(const coopmap_geometry *g, const double area[4],
	double max_step_deg, coopmap_rings *out, coopmap_error *err);

/*
 * Append one open line (lon/lat, n points) cut the same way: split where it
 * leaves the valid area or crosses the antimeridian; each piece is one ring
 * entry in out (not closed).  For graticules and, later, links.
 */
int coopmap_cut_line(const double *lon, const double *lat, size_t n,
	const double area[4], double max_step_deg, coopmap_rings *out,
	coopmap_error *err);

#endif
