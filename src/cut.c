/*
 * cut.c: antimeridian cutting, valid-area clipping and densification.
 *
 * Most features need none of the clipping: the bundled geometries are
 * already split at +-180, so for a map centred on 0 a feature is copied and
 * densified only.  When a feature straddles the map's seam or leaves the
 * valid area, each ring is clipped on its own with GEOS (through OGR): with
 * the even-odd rule, clipping rings one by one gives the same picture as
 * clipping whole polygons, since (A xor B) and W = (A and W) xor (B and W).
 */
#include "coopmap/cut.h"

#include <cpl_error.h>
#include <math.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

/* Pieces stay a hair inside the seam: PROJ may send a point lying exactly on
 * it to the opposite edge of the map. */
#define SEAM_MARGIN 1e-7

void coopmap_rings_reset(coopmap_rings *rings)
{
	rings->n_rings = 0;
	rings->n_points = 0;
}

void coopmap_rings_clear(coopmap_rings *rings)
{
	free(rings->start);
	free(rings->x);
	free(rings->y);
	memset(rings, 0, sizeof(*rings));
}

static int reserve_points(coopmap_rings *r, size_t more)
{
	size_t want = r->n_points + more;
	double *x, *y;

	if (want <= r->point_capacity)
		return 0;
	if (want < r->point_capacity * 2)
		want = r->point_capacity * 2;
	if (want < 1024)
		want = 1024;
	x = realloc(r->x, want * sizeof(double));
	if (x == NULL)
		return -1;
	r->x = x;
	y = realloc(r->y, want * sizeof(double));
	if (y == NULL)
		return -1;
	r->y = y;
	r->point_capacity = want;
	return 0;
}

static int begin_ring(coopmap_rings *r)
{
	if (r->n_rings + 2 > r->ring_capacity) {
		size_t want = r->ring_capacity < 64 ? 64 : r->ring_capacity * 2;
		size_t *start = realloc(r->start, want * sizeof(size_t));

		if (start == NULL)
			return -1;
		r->start = start;
		r->ring_capacity = want;
	}
	r->start[r->n_rings] = r->n_points;
	return 0;
}

static void end_ring(coopmap_rings *r)
{
	if (r->n_points == r->start[r->n_rings])
		return;  /* an empty ring is no ring */
	r->n_rings++;
	r->start[r->n_rings] = r->n_points;
}

/* Append the points of one path, inserting points on long edges.  When
 * seam is given ({west, east}), longitudes lying on the map's seam are
 * moved a hair inside it: the data holds pieces that end exactly at +-180,
 * and a projection may wrap 180 to -180. */
static int append_densified(coopmap_rings *r, const double *x, const double *y,
	size_t n, double shift, double step, const double *seam)
{
	size_t first = r->n_points;

	for (size_t i = 0; i < n; i++) {
		size_t pieces = 1;

		if (i > 0) {
			double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1];
			double length = fmax(fabs(dx), fabs(dy));

			if (length > step)
				pieces = (size_t)ceil(length / step);
		}
		if (reserve_points(r, pieces) != 0)
			return -1;
		for (size_t k = 1; k < pieces; k++) {
			double t = (double)k / (double)pieces;

			r->x[r->n_points] = x[i - 1] + (x[i] - x[i - 1]) * t + shift;
			r->y[r->n_points] = y[i - 1] + (y[i] - y[i - 1]) * t;
			r->n_points++;
		}
		r->x[r->n_points] = x[i] + shift;
		r->y[r->n_points] = y[i];
		r->n_points++;
	}
	for (size_t i = first; seam != NULL && i < r->n_points; i++) {
		if (r->x[i] < seam[0] + SEAM_MARGIN)
			r->x[i] = seam[0] + SEAM_MARGIN;
		else if (r->x[i] > seam[1] - SEAM_MARGIN)
			r->x[i] = seam[1] - SEAM_MARGIN;
	}
	return 0;
}

/* The multiple of 360 that moves [lo, hi] inside the window, if one does. */
static int find_shift(double lo, double hi, const double area[4], double *shift)
{
	static const double shifts[] = { 0.0, 360.0, -360.0 };

	for (size_t i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
		if (lo + shifts[i] >= area[0] && hi + shifts[i] <= area[2]) {
			*shift = shifts[i];
			return 1;
		}
	}
	return 0;
}

static OGRGeometryH ring_polygon(const double *x, const double *y, size_t n)
{
	OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
	OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);

	OGR_G_SetPointCount(ring, (int)n);
	for (size_t i = 0; i < n; i++)
		OGR_G_SetPoint_2D(ring, (int)i, x[i], y[i]);
	OGR_G_CloseRings(ring);
	OGR_G_AddGeometryDirectly(polygon, ring);
	return polygon;
}

static OGRGeometryH window_box(const double area[4], double shift)
{
	double w = area[0] - shift + SEAM_MARGIN, e = area[2] - shift - SEAM_MARGIN;
	double xs[4] = { w, e, e, w }, ys[4] = { area[1], area[1], area[3], area[3] };

	return ring_polygon(xs, ys, 4);
}

static int append_ogr_ring(coopmap_rings *out, OGRGeometryH ring, double shift,
	double step)
{
	int n = OGR_G_GetPointCount(ring);
	double *x, *y;
	int rc = 0;

	if (n < 4)
		return 0;
	x = malloc((size_t)n * sizeof(double));
	y = malloc((size_t)n * sizeof(double));
	if (x == NULL || y == NULL) {
		free(x);
		free(y);
		return -1;
	}
	OGR_G_GetPoints(ring, x, sizeof(double), y, sizeof(double), NULL, 0);
	if (begin_ring(out) != 0 ||
	    append_densified(out, x, y, (size_t)n, shift, step, NULL) != 0)
		rc = -1;
	else
		end_ring(out);
	free(x);
	free(y);
	return rc;
}

/* Walk a clip result (polygon, multipolygon or collection). */
static int append_ogr_polygons(coopmap_rings *out, OGRGeometryH g, double shift,
	double step)
{
	OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
	int count = OGR_G_GetGeometryCount(g);

	if (type == wkbPolygon) {
		for (int i = 0; i < count; i++) {
			if (append_ogr_ring(out, OGR_G_GetGeometryRef(g, i), shift,
			    step) != 0)
				return -1;
		}
		return 0;
	}
	if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
		for (int i = 0; i < count; i++) {
			if (append_ogr_polygons(out, OGR_G_GetGeometryRef(g, i),
			    shift, step) != 0)
				return -1;
		}
	}
	return 0;  /* points and lines left by touching edges are not area */
}

static OGRGeometryH clip_ring(OGRGeometryH polygon, OGRGeometryH box)
{
	OGRGeometryH piece = OGR_G_Intersection(polygon, box);

	if (piece == NULL) {
		/* A self-touching ring: GEOS's repair, then try again. */
		OGRGeometryH valid = OGR_G_MakeValid(polygon);

		if (valid != NULL) {
			piece = OGR_G_Intersection(valid, box);
			OGR_G_DestroyGeometry(valid);
		}
	}
	return piece;
}

static int cut_ring(const double *x, const double *y, size_t n,
	const double area[4], double step, coopmap_rings *out)
{
	static const double shifts[] = { 0.0, 360.0, -360.0 };
	OGRGeometryH polygon = ring_polygon(x, y, n);
	int rc = 0;

	for (size_t i = 0; i < 3 && rc == 0; i++) {
		OGRGeometryH box = window_box(area, shifts[i]);
		OGRGeometryH piece = clip_ring(polygon, box);

		if (piece != NULL && !OGR_G_IsEmpty(piece))
			rc = append_ogr_polygons(out, piece, shifts[i], step);
		OGR_G_DestroyGeometry(piece);
		OGR_G_DestroyGeometry(box);
	}
	OGR_G_DestroyGeometry(polygon);
	return rc;
}

static void ring_bounds(const double *x, const double *y, size_t n, double b[4])
{
	b[0] = b[2] = x[0];
	b[1] = b[3] = y[0];
	for (size_t i = 1; i < n; i++) {
		b[0] = fmin(b[0], x[i]);
		b[2] = fmax(b[2], x[i]);
		b[1] = fmin(b[1], y[i]);
		b[3] = fmax(b[3], y[i]);
	}
}

int coopmap_cut_polygon(const coopmap_geometry *g, const double area[4],
	double max_step_deg, coopmap_rings *out, coopmap_error *err)
{
	const double seam[2] = { area[0], area[2] };
	double shift;
	int rc = 0;

	CPLPushErrorHandler(CPLQuietErrorHandler);
	for (size_t r = 0; r < g->n_rings && rc == 0; r++) {
		const double *x = g->lon + g->ring_start[r];
		const double *y = g->lat + g->ring_start[r];
		size_t n = g->ring_start[r + 1] - g->ring_start[r];
		double b[4];

		if (n < 3)
			continue;
		ring_bounds(x, y, n, b);
		if (b[1] >= area[1] && b[3] <= area[3] &&
		    find_shift(b[0], b[2], area, &shift)) {
			if (begin_ring(out) != 0 ||
			    append_densified(out, x, y, n, shift, max_step_deg,
				seam) != 0)
				rc = -1;
			else
				end_ring(out);
			continue;
		}
		if (b[3] < area[1] || b[1] > area[3])
			continue;  /* wholly outside the valid latitudes */
		rc = cut_ring(x, y, n, area, max_step_deg, out);
	}
	CPLPopErrorHandler();
	if (rc != 0)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	return COOPMAP_OK;
}

/* Lines: split at steps longer than half the world, then clip by window. */
int coopmap_cut_line(const double *lon, const double *lat, size_t n,
	const double area[4], double max_step_deg, coopmap_rings *out,
	coopmap_error *err)
{
	const double seam[2] = { area[0], area[2] };
	size_t first = 0;

	for (size_t i = 1; i <= n; i++) {
		int split = i == n || fabs(lon[i] - lon[i - 1]) > 180.0;
		double shift;
		double b[4];

		if (!split)
			continue;
		if (i - first >= 2) {
			ring_bounds(lon + first, lat + first, i - first, b);
			if (b[1] >= area[1] && b[3] <= area[3] &&
			    find_shift(b[0], b[2], area, &shift)) {
				if (begin_ring(out) != 0 ||
				    append_densified(out, lon + first, lat + first,
					i - first, shift, max_step_deg, seam) != 0)
					return coopmap_error_set(err,
						COOPMAP_ERR_NOMEM, "out of memory");
				end_ring(out);
			}
		}
		first = i;
	}
	return COOPMAP_OK;
}
