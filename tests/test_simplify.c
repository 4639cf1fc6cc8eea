/*
 * test_simplify.c: country geometries simplified for an output scale:
 * shared borders identical point for point (also around an enclave), no
 * gaps or overlaps between neighbours, every ring kept and never below 4
 * points, vertices on the antimeridian fixed, the same output run after
 * run, and a tolerance that moves no point by more than asked.
 */
#include "test_util.h"

#include <ogr_api.h>
#include <string.h>

#include "coopmap/simplify.h"

/* A tolerance well above the world map's (about 0.026 degree for the
 * 4000-pixel Equal Earth map), so that any fault shows. */
#define COARSE 0.1

struct fixture {
	coopmap_countries *countries;
	coopmap_topology *topology;
};

static int open_fixture(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (f == NULL)
		return -1;
	f->countries = test_open_countries("10m", 0);
	if (f->countries == NULL ||
	    coopmap_topology_new(f->countries, &f->topology, &err) != COOPMAP_OK) {
		print_error("%s\n", err.message);
		return -1;
	}
	*state = f;
	return 0;
}

static int close_fixture(void **state)
{
	struct fixture *f = *state;

	coopmap_topology_free(f->topology);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static const coopmap_geometry *simplified(struct fixture *f, double tol)
{
	const coopmap_geometry *g = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_topology_simplify(f->topology, tol, &g, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	return g;
}

static size_t index_of(struct fixture *f, const char *iso3)
{
	const coopmap_country *c = coopmap_country_find_iso3(f->countries, iso3);

	assert_non_null(c);
	return coopmap_country_index(f->countries, c);
}

/* ------------------------------------------------------------------ */
/* Vertex sets                                                          */
/* ------------------------------------------------------------------ */

struct vertex { double x, y; };

struct vertex_set { size_t n; struct vertex *v; };

static int vertex_cmp(const void *a, const void *b)
{
	const struct vertex *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return 0;
}

static struct vertex_set vertices_of(const coopmap_geometry *g)
{
	struct vertex_set s;
	size_t first = g->ring_start[0], last = g->ring_start[g->n_rings];

	s.n = last - first;
	s.v = malloc((s.n + 1) * sizeof(struct vertex));
	assert_non_null(s.v);
	for (size_t i = 0; i < s.n; i++)
		s.v[i] = (struct vertex){ g->lon[first + i], g->lat[first + i] };
	qsort(s.v, s.n, sizeof(struct vertex), vertex_cmp);
	return s;
}

static int contains(const struct vertex_set *s, struct vertex v)
{
	return bsearch(&v, s->v, s->n, sizeof(struct vertex), vertex_cmp) != NULL;
}

/* The distinct vertices of a (simplified) that b had before
 * simplification: a's side of their shared border. */
static struct vertex_set shared_side(const struct vertex_set *a,
	const struct vertex_set *b_before)
{
	struct vertex_set s = { 0, malloc((a->n + 1) * sizeof(struct vertex)) };

	assert_non_null(s.v);
	for (size_t i = 0; i < a->n; i++) {
		if (contains(b_before, a->v[i]) &&
		    (s.n == 0 || vertex_cmp(&s.v[s.n - 1], &a->v[i]) != 0))
			s.v[s.n++] = a->v[i];
	}
	return s;
}

/*
 * After simplification, the vertices that a keeps on its border with b
 * are exactly those b keeps on it: no vertex of one side's shared stretch
 * is missing from the other's.
 */
static void assert_border_shared(struct fixture *f, const char *a3,
	const char *b3, size_t at_least)
{
	size_t ia = index_of(f, a3), ib = index_of(f, b3);
	const coopmap_geometry *g = simplified(f, COARSE);
	struct vertex_set a0 = vertices_of(
		&coopmap_countries_get(f->countries, ia)->geometry);
	struct vertex_set b0 = vertices_of(
		&coopmap_countries_get(f->countries, ib)->geometry);
	struct vertex_set a1 = vertices_of(&g[ia]), b1 = vertices_of(&g[ib]);
	struct vertex_set sa = shared_side(&a1, &b0), sb = shared_side(&b1, &a0);
	struct vertex_set before = shared_side(&a0, &b0);

	if (sa.n < at_least)
		fail_msg("%s/%s: %zu shared vertices kept, expected %zu or more",
			a3, b3, sa.n, at_least);
	/* Simplified: fewer than before, or the test proves little. */
	assert_true(sa.n < before.n);
	for (size_t i = 0; i < sa.n; i++) {
		if (!contains(&b1, sa.v[i]))
			fail_msg("%s/%s: %s keeps (%.9g, %.9g), %s does not", a3, b3,
				a3, sa.v[i].x, sa.v[i].y, b3);
	}
	for (size_t i = 0; i < sb.n; i++) {
		if (!contains(&a1, sb.v[i]))
			fail_msg("%s/%s: %s keeps (%.9g, %.9g), %s does not", a3, b3,
				b3, sb.v[i].x, sb.v[i].y, a3);
	}
	assert_int_equal(sa.n, sb.n);
	free(a0.v);
	free(b0.v);
	free(a1.v);
	free(b1.v);
	free(sa.v);
	free(sb.v);
	free(before.v);
}

static void test_france_and_spain_keep_the_same_border(void **state)
{
	assert_border_shared(*state, "FRA", "ESP", 5);
}

static void test_both_congos_keep_the_same_border(void **state)
{
	assert_border_shared(*state, "COD", "COG", 10);
}

/* Lesotho's whole outline is a hole of South Africa: a ring without a
 * junction, which both must anchor and simplify the same way. */
static void test_an_enclave_and_its_host_keep_one_outline(void **state)
{
	struct fixture *f = *state;
	size_t lso = index_of(f, "LSO");
	const coopmap_geometry *g = simplified(f, COARSE);
	struct vertex_set zaf = vertices_of(&g[index_of(f, "ZAF")]);

	assert_border_shared(f, "ZAF", "LSO", 4);
	for (size_t i = g[lso].ring_start[0]; i < g[lso].ring_start[1]; i++)
		assert_true(contains(&zaf,
			(struct vertex){ g[lso].lon[i], g[lso].lat[i] }));
	free(zaf.v);
}

/* ------------------------------------------------------------------ */
/* Gaps and overlaps                                                    */
/* ------------------------------------------------------------------ */

static OGRGeometryH ring_polygon(const coopmap_geometry *g, size_t r)
{
	OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
	OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);

	for (size_t i = g->ring_start[r]; i < g->ring_start[r + 1]; i++)
		OGR_G_AddPoint_2D(ring, g->lon[i], g->lat[i]);
	OGR_G_CloseRings(ring);
	OGR_G_AddGeometryDirectly(poly, ring);
	return poly;
}

/* A feature as one valid geometry, its rings combined by the even-odd
 * rule as the renderer fills them. */
static OGRGeometryH feature_area(const coopmap_geometry *g)
{
	OGRGeometryH acc = NULL;

	for (size_t r = 0; r < g->n_rings; r++) {
		OGRGeometryH p = ring_polygon(g, r), valid = OGR_G_MakeValid(p), next;

		OGR_G_DestroyGeometry(p);
		if (acc == NULL) {
			acc = valid;
			continue;
		}
		next = OGR_G_SymDifference(acc, valid);
		OGR_G_DestroyGeometry(acc);
		OGR_G_DestroyGeometry(valid);
		acc = next;
	}
	return acc;
}

/* The holes of a (multi)polygon, as polygons added to out. */
static void add_holes(OGRGeometryH g, OGRGeometryH out)
{
	if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon) {
		for (int i = 1; i < OGR_G_GetGeometryCount(g); i++) {
			OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);

			OGR_G_AddGeometry(poly, OGR_G_GetGeometryRef(g, i));
			OGR_G_AddGeometryDirectly(out, poly);
		}
		return;
	}
	for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
		add_holes(OGR_G_GetGeometryRef(g, i), out);
}

/* The union of the features whose box lies inside box (lon/lat degrees),
 * and the sum of their areas in *sum. */
static OGRGeometryH union_of(struct fixture *f, const coopmap_geometry *g,
	const double box[4], double *sum)
{
	OGRGeometryH all = OGR_G_CreateGeometry(wkbMultiPolygon), uni;

	*sum = 0;
	for (size_t i = 0; i < coopmap_countries_count(f->countries); i++) {
		const coopmap_geometry *o =
			&coopmap_countries_get(f->countries, i)->geometry;
		OGRGeometryH a;

		if (o->min_lon < box[0] || o->min_lat < box[1] ||
		    o->max_lon > box[2] || o->max_lat > box[3])
			continue;
		a = feature_area(&g[i]);
		*sum += OGR_G_Area(a);
		if (wkbFlatten(OGR_G_GetGeometryType(a)) == wkbPolygon) {
			OGR_G_AddGeometry(all, a);
		} else {
			for (int k = 0; k < OGR_G_GetGeometryCount(a); k++)
				OGR_G_AddGeometry(all, OGR_G_GetGeometryRef(a, k));
		}
		OGR_G_DestroyGeometry(a);
	}
	uni = OGR_G_UnionCascaded(all);
	assert_non_null(uni);
	OGR_G_DestroyGeometry(all);
	return uni;
}

/* The original geometries, as an array indexed like a simplified one. */
static coopmap_geometry *originals(struct fixture *f)
{
	size_t n = coopmap_countries_count(f->countries);
	coopmap_geometry *g = malloc(n * sizeof(coopmap_geometry));

	assert_non_null(g);
	for (size_t i = 0; i < n; i++)
		g[i] = coopmap_countries_get(f->countries, i)->geometry;
	return g;
}

/*
 * Africa and Europe, simplified: their union covers the same land within
 * the coastline's change; the countries overlap no more than before (no
 * slivers); and the union's holes cover no land farther inland than the
 * tolerance (no gaps between neighbours; near the coast, an estuary
 * whose banks the coarse tolerance brings together is a hole too).
 */
static void test_neighbours_leave_no_gap_and_no_sliver(void **state)
{
	static const double boxes[2][4] = { { -26, -36, 60, 38 },
		{ -25, 34, 45, 72 } };
	struct fixture *f = *state;
	coopmap_geometry *g0 = originals(f);
	const coopmap_geometry *g1 = simplified(f, COARSE);

	for (int b = 0; b < 2; b++) {
		double sum0, sum1;
		OGRGeometryH u0 = union_of(f, g0, boxes[b], &sum0);
		OGRGeometryH u1 = union_of(f, g1, boxes[b], &sum1);
		OGRGeometryH holes = OGR_G_CreateGeometry(wkbMultiPolygon), gaps;
		/* Land at least a tolerance from the coast (the outline
		 * simplified by half a tolerance first, for speed). */
		OGRGeometryH coarse = OGR_G_Simplify(u0, COARSE / 2);
		OGRGeometryH inland = OGR_G_Buffer(coarse, -1.5 * COARSE, 2);
		double a0 = OGR_G_Area(u0), a1 = OGR_G_Area(u1), gap;

		add_holes(u1, holes);
		gaps = OGR_G_Intersection(holes, inland);
		assert_non_null(gaps);
		gap = OGR_G_Area(gaps);
		print_message("box %d: land %.3f -> %.3f deg2, overlaps %.2g -> "
			"%.2g, gaps over land %.2g deg2\n", b, a0, a1, sum0 - a0,
			sum1 - a1, gap);
		assert_true(a0 > 500);
		assert_close(a1 / a0, 1.0, 0.005);
		assert_true(sum1 - a1 <= sum0 - a0 + 1e-6 * a0);
		assert_true(gap <= 1e-6 * a0);
		OGR_G_DestroyGeometry(gaps);
		OGR_G_DestroyGeometry(inland);
		OGR_G_DestroyGeometry(coarse);
		OGR_G_DestroyGeometry(holes);
		OGR_G_DestroyGeometry(u0);
		OGR_G_DestroyGeometry(u1);
	}
	free(g0);
}

/* ------------------------------------------------------------------ */
/* Rings                                                                */
/* ------------------------------------------------------------------ */

static void assert_rings_kept(struct fixture *f, double tol)
{
	const coopmap_geometry *g = simplified(f, tol);
	size_t before = 0, after = 0;

	for (size_t i = 0; i < coopmap_countries_count(f->countries); i++) {
		const coopmap_geometry *o =
			&coopmap_countries_get(f->countries, i)->geometry;

		assert_int_equal(g[i].n_rings, o->n_rings);
		for (size_t r = 0; r < o->n_rings; r++) {
			size_t s = g[i].ring_start[r], e = g[i].ring_start[r + 1];

			before += o->ring_start[r + 1] - o->ring_start[r];
			after += e - s;
			if (o->ring_start[r + 1] - o->ring_start[r] >= 4 && e - s < 4)
				fail_msg("%s ring %zu: %zu points at %g",
					coopmap_countries_get(f->countries, i)->iso_a3,
					r, e - s, tol);
			assert_true(e - s <= o->ring_start[r + 1] - o->ring_start[r]);
			/* Closed. */
			assert_true(g[i].lon[s] == g[i].lon[e - 1] &&
				g[i].lat[s] == g[i].lat[e - 1]);
		}
	}
	assert_true(after < before);
}

/* Even at a whole degree (where most islands are smaller than the
 * tolerance), every ring stays, with 4 points or more. */
static void test_every_ring_kept_with_at_least_four_points(void **state)
{
	struct fixture *f = *state;

	assert_rings_kept(f, COARSE);
	assert_rings_kept(f, 1.0);
}

/* Tuvalu is nine atolls, each far smaller than a degree: all stay. */
static void test_a_country_of_small_islands_stays(void **state)
{
	struct fixture *f = *state;
	size_t tuv = index_of(f, "TUV");
	const coopmap_geometry *g = simplified(f, 1.0);

	assert_true(g[tuv].n_rings >= 5);
	for (size_t r = 0; r < g[tuv].n_rings; r++)
		assert_true(g[tuv].ring_start[r + 1] - g[tuv].ring_start[r] >= 4);
}

/* The pieces of a feature split at +-180 keep meeting there: no vertex on
 * the antimeridian is removed. */
static void test_antimeridian_vertices_are_kept(void **state)
{
	struct fixture *f = *state;
	size_t rus = index_of(f, "RUS");
	const coopmap_geometry *o = &coopmap_countries_get(f->countries, rus)->geometry;
	struct vertex_set s = vertices_of(&simplified(f, COARSE)[rus]);
	size_t seam = 0;

	for (size_t i = o->ring_start[0]; i < o->ring_start[o->n_rings]; i++) {
		if (fabs(o->lon[i]) != 180)
			continue;
		seam++;
		assert_true(contains(&s, (struct vertex){ o->lon[i] == 0 ? 0 :
			o->lon[i], o->lat[i] }));
	}
	assert_true(seam >= 4);
	free(s.v);
}

/* ------------------------------------------------------------------ */
/* Determinism and the cache                                            */
/* ------------------------------------------------------------------ */

static void test_same_input_gives_the_same_output(void **state)
{
	struct fixture *f = *state;
	coopmap_topology *other = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const coopmap_geometry *a = simplified(f, 0.03), *b = NULL;

	/* Cached: asked again, the same arrays. */
	assert_ptr_equal(simplified(f, 0.03), a);
	assert_int_equal(coopmap_topology_new(f->countries, &other, &err),
		COOPMAP_OK);
	assert_int_equal(coopmap_topology_arc_count(other),
		coopmap_topology_arc_count(f->topology));
	assert_int_equal(coopmap_topology_simplify(other, 0.03, &b, &err),
		COOPMAP_OK);
	assert_ptr_not_equal(a, b);
	for (size_t i = 0; i < coopmap_countries_count(f->countries); i++) {
		size_t s = a[i].ring_start[0], e = a[i].ring_start[a[i].n_rings];

		assert_int_equal(a[i].n_rings, b[i].n_rings);
		assert_int_equal(e - s, b[i].ring_start[b[i].n_rings] -
			b[i].ring_start[0]);
		assert_memory_equal(a[i].lon + s, b[i].lon + b[i].ring_start[0],
			(e - s) * sizeof(double));
		assert_memory_equal(a[i].lat + s, b[i].lat + b[i].ring_start[0],
			(e - s) * sizeof(double));
	}
	coopmap_topology_free(other);
}

/* At tolerance 0, France loses only vertices on straight lines: fewer
 * points, the same area to the last digits. */
static void test_tolerance_zero_drops_only_straight_line_vertices(void **state)
{
	struct fixture *f = *state;
	size_t fra = index_of(f, "FRA");
	const coopmap_geometry *o = &coopmap_countries_get(f->countries, fra)->geometry;
	const coopmap_geometry *g = &simplified(f, 0)[fra];
	OGRGeometryH a0 = feature_area(o), a1 = feature_area(g);

	assert_true(g->ring_start[g->n_rings] - g->ring_start[0] <
		o->ring_start[o->n_rings] - o->ring_start[0]);
	assert_close(OGR_G_Area(a1) / OGR_G_Area(a0), 1.0, 1e-9);
	OGR_G_DestroyGeometry(a0);
	OGR_G_DestroyGeometry(a1);
}

static void test_negative_tolerance_is_refused(void **state)
{
	struct fixture *f = *state;
	const coopmap_geometry *g = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(coopmap_topology_simplify(f->topology, -1, &g, &err),
		COOPMAP_ERR_USAGE);
	assert_null(g);
	assert_int_equal(coopmap_topology_simplify(f->topology, NAN, &g, &err),
		COOPMAP_ERR_USAGE);
}

/* ------------------------------------------------------------------ */
/* Tolerance from the map's scale                                       */
/* ------------------------------------------------------------------ */

/*
 * Equal Earth, the world 4000 pixels wide: a step of the tolerance in any
 * direction, anywhere, moves a point by at most half a pixel, and
 * somewhere by nearly that (the tolerance is not needlessly small).
 */
static void test_tolerance_moves_no_point_more_than_half_a_pixel(void **state)
{
	coopmap_projection *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	double area[4], x[2] = { -180, 180 }, y[2] = { 0, 0 };
	double per_unit, tol, worst = 0;

	(void)state;
	assert_int_equal(coopmap_projection_new("EPSG:8857", &p, &err), COOPMAP_OK);
	coopmap_projection_valid_area(p, area);
	coopmap_projection_forward(p, x, y, 2);
	per_unit = 4000 / (x[1] - x[0]);
	tol = coopmap_simplify_tolerance(p, area, per_unit, 0.5);
	assert_true(tol > 0.01 && tol < 0.1);
	for (double lat = -88; lat <= 88; lat += 4) {
		for (double lon = -178; lon <= 178; lon += 4) {
			for (int d = 0; d < 8; d++) {
				double a = d * atan(1.0);
				double px[2] = { lon, lon + tol * cos(a) };
				double py[2] = { lat, lat + tol * sin(a) };
				double moved;

				coopmap_projection_forward(p, px, py, 2);
				moved = hypot(px[1] - px[0], py[1] - py[0]) * per_unit;
				worst = fmax(worst, moved);
			}
		}
	}
	assert_true(worst <= 0.5 * 1.01);
	assert_true(worst > 0.5 * 0.9);
	coopmap_projection_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_france_and_spain_keep_the_same_border),
		cmocka_unit_test(test_both_congos_keep_the_same_border),
		cmocka_unit_test(test_an_enclave_and_its_host_keep_one_outline),
		cmocka_unit_test(test_neighbours_leave_no_gap_and_no_sliver),
		cmocka_unit_test(test_every_ring_kept_with_at_least_four_points),
		cmocka_unit_test(test_a_country_of_small_islands_stays),
		cmocka_unit_test(test_antimeridian_vertices_are_kept),
		cmocka_unit_test(test_same_input_gives_the_same_output),
		cmocka_unit_test(test_tolerance_zero_drops_only_straight_line_vertices),
		cmocka_unit_test(test_negative_tolerance_is_refused),
		cmocka_unit_test(test_tolerance_moves_no_point_more_than_half_a_pixel),
	};

	return cmocka_run_group_tests(tests, open_fixture, close_fixture);
}
