/*
 * simplify.h: the country geometries simplified for one output scale, with
 * the borders that two countries share simplified once, so that neighbours
 * keep meeting point for point (no gaps, no slivers).
 *
 * The registry's rings are turned into a topology, as TopoJSON does: a
 * junction is a vertex where rings part ways (its neighbours differ from
 * one ring to another), plus every vertex on the antimeridian (+-180, where
 * the bundled geometries are split) or at a pole; junctions never move.  The
 * rings are cut at their junctions into arcs, and an arc that two rings
 * share (in either direction) is stored once.  A ring without a junction
 * (an island, an enclave whose whole outline is its neighbour's hole) is one
 * closed arc anchored at its vertex of lowest id, so that the enclave and
 * its host still read the same arc.  Each arc is simplified with
 * Douglas-Peucker in its canonical direction, ties to the first point: the
 * result depends neither on the ring nor on the direction it is read in.
 *
 * Every ring is kept, with at least 3 distinct vertices (4 with the
 * closing one) when the original had them: an island smaller than the
 * tolerance stays as a small triangle, never dropped (a whole country such
 * as Tuvalu or Nauru is only such islands).  Not for: topology-preserving
 * simplification; an arc may cross another by less than the tolerance,
 * which at the output's scale is below a pixel.  Not for projecting or
 * cutting at the antimeridian (geodesy.h, cut.h).
 */
#ifndef COOPMAP_SIMPLIFY_H
#define COOPMAP_SIMPLIFY_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/geodesy.h"

typedef struct coopmap_topology coopmap_topology;

/*
 * Build the topology of every feature of countries (which must outlive
 * it: the topology reads its vertices where the registry keeps them,
 * coopmap_countries_vertices).  Caller frees *out with
 * coopmap_topology_free.
 * Errors: COOPMAP_ERR_NOMEM; COOPMAP_ERR_INPUT when the registry has more
 * than 2^32 - 2 vertices, or a feature whose vertices are not in those
 * arrays in feature order (a registry not read from a Shapefile).
 */
int coopmap_topology_new(const coopmap_countries *countries,
	coopmap_topology **out, coopmap_error *err);

void coopmap_topology_free(coopmap_topology *topology);

/* Distinct vertices, junctions and arcs (for tests and reports). */
size_t coopmap_topology_vertex_count(const coopmap_topology *topology);
size_t coopmap_topology_junction_count(const coopmap_topology *topology);
size_t coopmap_topology_arc_count(const coopmap_topology *topology);

/*
 * The geometries of all features simplified so that no removed vertex lay
 * farther than tolerance_deg (lon/lat degrees, planar) from the simplified
 * line: *out is an array of coopmap_countries_count() geometries, in the
 * registry's order, each with as many rings as the original, every ring
 * closed (last point = first).  Borrowed, valid while the topology lives;
 * computed once per tolerance and cached.  A tolerance of 0 drops only
 * vertices lying exactly on a straight line.  Safe to call from several
 * threads on one topology (maps of one model drawn in parallel): the
 * cache is locked, and a second caller of the same tolerance waits for
 * the first's result.
 * Errors: COOPMAP_ERR_USAGE (negative or NaN tolerance), COOPMAP_ERR_NOMEM.
 */
int coopmap_topology_simplify(coopmap_topology *topology, double tolerance_deg,
	const coopmap_geometry **out, coopmap_error *err);

/*
 * The tolerance in degrees that moves no point of a map by more than
 * device_tol device units (pixels or points), for a map drawn with
 * projection at device_per_unit device units per projected unit, over the
 * lon/lat box area = {west, south, east, north}: device_tol divided by the
 * largest local scale (device units per degree, in any direction) found on
 * a 5-degree grid over area.  Returns 0 when no point of area projects.
 */
double coopmap_simplify_tolerance(coopmap_projection *projection,
	const double area[4], double device_per_unit, double device_tol);

#endif
