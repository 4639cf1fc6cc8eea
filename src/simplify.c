/*
 * simplify.c: topology of the country rings (distinct vertices, junctions,
 * arcs stored once) and Douglas-Peucker on each arc, cached per tolerance.
 *
 * Everything is flat arrays indexed by 32-bit ids: no allocation per vertex
 * or per arc.  Vertex ids are given in the order the registry lists its
 * vertices, so that ids, arcs and results are the same from run to run.
 * A distinct vertex is its first occurrence in the registry's arrays
 * (coopmap_countries_vertices), not a copy: at 1:10m the copy was 7.6 MB
 * of the render's peak memory (bench/notes.md).
 */
#include "coopmap/simplify.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NO_ID UINT32_MAX
/* Step of the grid on which coopmap_simplify_tolerance samples the
 * projection's scale, and of the finite differences it takes. */
#define SCALE_GRID_DEG 5.0
#define SCALE_STEP_DEG 1e-3

/* One simplification: the geometries and the arrays they point into. */
typedef struct simplified {
	double tolerance;
	coopmap_geometry *geometry;
	size_t *ring_start;
	double *lon, *lat;
} simplified;

struct coopmap_topology {
	const coopmap_countries *countries;
	size_t n_features;
	/* Distinct vertices: vertex v is at lon[at[v]], lat[at[v]] (the
	 * registry's arrays, borrowed). */
	size_t n_vertices;
	const double *lon, *lat;
	uint32_t *at;
	unsigned char *junction;
	size_t n_junctions;
	/* Arc a is vertex ids arc_points[arc_start[a] .. arc_start[a + 1]). */
	size_t n_arcs, arc_capacity;
	size_t *arc_start;
	uint32_t *arc_points;
	size_t n_arc_points, arc_point_capacity;
	/* Ring r is arcs ref_arc[ring_ref[r] .. ring_ref[r + 1]), each read
	 * backwards when ref_reversed; feature i is rings
	 * [feature_ring[i], feature_ring[i + 1]). */
	size_t n_rings;
	size_t *ring_ref;
	size_t *feature_ring;
	uint32_t *ref_arc;
	unsigned char *ref_reversed;
	size_t n_refs, ref_capacity;
	/* Open-addressing index of arcs by content (arc id + 1, 0 = empty). */
	uint32_t *arc_index;
	size_t arc_index_size;
	simplified *cache;
	size_t n_cache;
	GMutex lock;        /* the cache, for outputs drawn in threads */
};

/* ------------------------------------------------------------------ */
/* Hashing                                                              */
/* ------------------------------------------------------------------ */

static uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static uint64_t bits_of(double v)
{
	uint64_t b;

	if (v == 0)
		v = 0;  /* -0 and +0 are one vertex */
	memcpy(&b, &v, sizeof(b));
	return b;
}

static size_t table_size_for(size_t n)
{
	size_t size = 1024;

	while (size < 2 * n)
		size *= 2;
	return size;
}

/* ------------------------------------------------------------------ */
/* Vertices and junctions                                               */
/* ------------------------------------------------------------------ */

/* Vertex v's coordinates; -0 read as 0 (one vertex, one output). */
static double vertex_x(const coopmap_topology *t, uint32_t v)
{
	double x = t->lon[t->at[v]];

	return x == 0 ? 0 : x;
}

static double vertex_y(const coopmap_topology *t, uint32_t v)
{
	double y = t->lat[t->at[v]];

	return y == 0 ? 0 : y;
}

/* Give every vertex of the registry its distinct-vertex id (ids[k] for the
 * k-th vertex, features and rings in order: the registry's order, which
 * is checked, so k is also where the vertex is in its arrays). */
static int number_vertices(coopmap_topology *t, uint32_t *ids, size_t total,
	coopmap_error *err)
{
	size_t size = table_size_for(total), mask = size - 1, k = 0, n_all;
	uint32_t *slots = malloc(size * sizeof(uint32_t));
	uint32_t *at;

	coopmap_countries_vertices(t->countries, &t->lon, &t->lat, &n_all);
	t->at = malloc((total + 1) * sizeof(uint32_t));
	if (slots == NULL || t->at == NULL) {
		free(slots);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	memset(slots, 0xff, size * sizeof(uint32_t));
	for (size_t i = 0; i < t->n_features; i++) {
		const coopmap_geometry *g =
			&coopmap_countries_get(t->countries, i)->geometry;
		size_t n = g->n_rings > 0 ? g->ring_start[g->n_rings] : 0;

		if (n > 0 && (g->ring_start[0] != 0 || k + n > n_all ||
		    g->lon != t->lon + k || g->lat != t->lat + k)) {
			free(slots);
			return coopmap_error_set(err, COOPMAP_ERR_INPUT,
				"feature %zu: its vertices are not where the registry "
				"lists them", i);
		}
		for (size_t v = 0; v < n; v++) {
			double x = g->lon[v] == 0 ? 0 : g->lon[v];
			double y = g->lat[v] == 0 ? 0 : g->lat[v];
			size_t s = mix64(bits_of(x) * 31 + mix64(bits_of(y))) & mask;

			/* != sees -0 and 0 as one, as the hash does. */
			while (slots[s] != NO_ID &&
			       (t->lon[t->at[slots[s]]] != x ||
				t->lat[t->at[slots[s]]] != y))
				s = (s + 1) & mask;
			if (slots[s] == NO_ID) {
				slots[s] = (uint32_t)t->n_vertices;
				t->at[t->n_vertices++] = (uint32_t)k;
			}
			ids[k++] = slots[s];
		}
	}
	free(slots);
	/* Only the distinct ones are kept (474,000 of 545,000 at 1:10m). */
	at = realloc(t->at, (t->n_vertices + 1) * sizeof(uint32_t));
	if (at != NULL)
		t->at = at;
	return COOPMAP_OK;
}

/* The ring's vertex ids without repeated neighbours and without the
 * closing vertex: a cycle of *m ids. */
static void ring_cycle(const uint32_t *ids, size_t n, uint32_t *cycle,
	size_t *m)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		if (out > 0 && cycle[out - 1] == ids[i])
			continue;
		cycle[out++] = ids[i];
	}
	while (out > 1 && cycle[out - 1] == cycle[0])
		out--;
	*m = out;
}

/*
 * A vertex is a junction when two of its visits have different pairs of
 * neighbours: there two rings (or two passes of one ring) part ways.
 * Vertices on the antimeridian or at a pole are junctions too: the pieces
 * of a feature split at +-180 must keep meeting there.
 */
static int find_junctions(coopmap_topology *t, const uint32_t *ids,
	uint32_t *cycle, coopmap_error *err)
{
	uint32_t *first = malloc(2 * (t->n_vertices + 1) * sizeof(uint32_t));
	size_t k = 0;

	if (first == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	memset(first, 0xff, 2 * t->n_vertices * sizeof(uint32_t));
	for (size_t i = 0; i < t->n_features; i++) {
		const coopmap_geometry *g =
			&coopmap_countries_get(t->countries, i)->geometry;

		for (size_t r = 0; r < g->n_rings; r++) {
			size_t n = g->ring_start[r + 1] - g->ring_start[r], m;

			ring_cycle(ids + k, n, cycle, &m);
			k += n;
			for (size_t j = 0; j < m; j++) {
				uint32_t v = cycle[j];
				uint32_t a = cycle[(j + m - 1) % m];
				uint32_t b = cycle[(j + 1) % m];

				if (first[2 * v] == NO_ID) {
					first[2 * v] = a;
					first[2 * v + 1] = b;
				} else if (!((first[2 * v] == a &&
				    first[2 * v + 1] == b) ||
				    (first[2 * v] == b && first[2 * v + 1] == a))) {
					t->junction[v] = 1;
				}
			}
		}
	}
	free(first);
	for (size_t v = 0; v < t->n_vertices; v++) {
		if (fabs(vertex_x(t, (uint32_t)v)) >= 180 ||
		    fabs(vertex_y(t, (uint32_t)v)) >= 90)
			t->junction[v] = 1;
		t->n_junctions += t->junction[v];
	}
	return COOPMAP_OK;
}

/* ------------------------------------------------------------------ */
/* Arcs                                                                 */
/* ------------------------------------------------------------------ */

static uint64_t arc_hash(const uint32_t *p, size_t n)
{
	uint64_t h = n;

	for (size_t i = 0; i < n; i++)
		h = mix64(h ^ p[i]) + i;
	return h;
}

static int grow(void **p, size_t *capacity, size_t want, size_t size)
{
	size_t cap = *capacity < 1024 ? 1024 : *capacity;
	void *q;

	if (want <= *capacity)
		return 0;
	while (cap < want)
		cap *= 2;
	q = realloc(*p, cap * size);
	if (q == NULL)
		return -1;
	*p = q;
	*capacity = cap;
	return 0;
}

static int rebuild_arc_index(coopmap_topology *t)
{
	size_t size = table_size_for(2 * t->n_arcs + 1), mask = size - 1;
	uint32_t *slots = calloc(size, sizeof(uint32_t));

	if (slots == NULL)
		return -1;
	for (size_t a = 0; a < t->n_arcs; a++) {
		const uint32_t *p = t->arc_points + t->arc_start[a];
		size_t s = arc_hash(p, t->arc_start[a + 1] - t->arc_start[a]) & mask;

		while (slots[s] != 0)
			s = (s + 1) & mask;
		slots[s] = (uint32_t)(a + 1);
	}
	free(t->arc_index);
	t->arc_index = slots;
	t->arc_index_size = size;
	return 0;
}

/* Append a reference from the current ring to arc, read as given. */
static int add_ref(coopmap_topology *t, size_t arc, int reversed)
{
	size_t capacity = t->ref_capacity;

	if (grow((void **)&t->ref_arc, &capacity, t->n_refs + 1,
	    sizeof(uint32_t)) != 0)
		return -1;
	if (capacity != t->ref_capacity) {
		unsigned char *r = realloc(t->ref_reversed, capacity);

		if (r == NULL)
			return -1;
		t->ref_reversed = r;
		t->ref_capacity = capacity;
	}
	t->ref_arc[t->n_refs] = (uint32_t)arc;
	t->ref_reversed[t->n_refs] = (unsigned char)reversed;
	t->n_refs++;
	return 0;
}

/*
 * The stretch seq[0 .. n) of a ring, as an arc: in its canonical direction
 * (the one whose id sequence is lexicographically smaller), stored once
 * however many rings read it.
 */
static int add_stretch(coopmap_topology *t, const uint32_t *seq, size_t n)
{
	int reversed = 0;
	uint32_t *p;
	size_t mask, s, start = t->n_arc_points;

	for (size_t i = 0; i < n / 2; i++) {
		if (seq[i] != seq[n - 1 - i]) {
			reversed = seq[i] > seq[n - 1 - i];
			break;
		}
	}
	if (grow((void **)&t->arc_points, &t->arc_point_capacity,
	    start + n, sizeof(uint32_t)) != 0)
		return -1;
	p = t->arc_points + start;
	for (size_t i = 0; i < n; i++)
		p[i] = reversed ? seq[n - 1 - i] : seq[i];
	mask = t->arc_index_size - 1;
	for (s = arc_hash(p, n) & mask; t->arc_index[s] != 0; s = (s + 1) & mask) {
		size_t a = t->arc_index[s] - 1;
		size_t len = t->arc_start[a + 1] - t->arc_start[a];

		if (len == n && memcmp(t->arc_points + t->arc_start[a], p,
		    n * sizeof(uint32_t)) == 0)
			return add_ref(t, a, reversed);
	}
	if (grow((void **)&t->arc_start, &t->arc_capacity, t->n_arcs + 2,
	    sizeof(size_t)) != 0)
		return -1;
	t->arc_index[s] = (uint32_t)(t->n_arcs + 1);
	t->arc_start[t->n_arcs] = start;
	t->n_arcs++;
	t->n_arc_points += n;
	t->arc_start[t->n_arcs] = t->n_arc_points;
	if (2 * t->n_arcs > t->arc_index_size / 2 && rebuild_arc_index(t) != 0)
		return -1;
	return add_ref(t, t->n_arcs - 1, reversed);
}

/*
 * Cut one ring (a cycle of m ids) into arcs at its junctions.  Without a
 * junction, the ring is one closed arc from its lowest id, turning towards
 * the lower of that vertex's two neighbours: the rule any other ring with
 * the same outline (a host's hole around an enclave) follows too.
 */
static int add_ring(coopmap_topology *t, const uint32_t *cycle, size_t m,
	uint32_t *seq)
{
	size_t first = m;

	for (size_t j = 0; j < m; j++) {
		if (t->junction[cycle[j]]) {
			first = j;
			break;
		}
	}
	if (first == m) {
		size_t low = 0, n = 0;
		int backwards;

		for (size_t j = 1; j < m; j++)
			if (cycle[j] < cycle[low])
				low = j;
		backwards = m > 2 && cycle[(low + m - 1) % m] < cycle[(low + 1) % m];
		for (size_t j = 0; j <= m; j++)
			seq[n++] = cycle[backwards ? (low + m - j) % m
				: (low + j) % m];
		return add_stretch(t, seq, n);
	}
	for (size_t j = 0; j < m;) {
		size_t n = 0;

		seq[n++] = cycle[(first + j) % m];
		do {
			j++;
			seq[n++] = cycle[(first + j) % m];
		} while (j < m && !t->junction[cycle[(first + j) % m]]);
		if (add_stretch(t, seq, n) != 0)
			return -1;
	}
	return 0;
}

static int build_arcs(coopmap_topology *t, const uint32_t *ids,
	uint32_t *cycle, uint32_t *seq, coopmap_error *err)
{
	size_t k = 0, ring = 0;

	if (rebuild_arc_index(t) != 0)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < t->n_features; i++) {
		const coopmap_geometry *g =
			&coopmap_countries_get(t->countries, i)->geometry;

		t->feature_ring[i] = ring;
		for (size_t r = 0; r < g->n_rings; r++, ring++) {
			size_t n = g->ring_start[r + 1] - g->ring_start[r], m;

			t->ring_ref[ring] = t->n_refs;
			ring_cycle(ids + k, n, cycle, &m);
			k += n;
			if (m > 0 && add_ring(t, cycle, m, seq) != 0)
				return coopmap_error_set(err, COOPMAP_ERR_NOMEM,
					"out of memory");
		}
	}
	t->feature_ring[t->n_features] = ring;
	t->ring_ref[ring] = t->n_refs;
	return COOPMAP_OK;
}

int coopmap_topology_new(const coopmap_countries *countries,
	coopmap_topology **out, coopmap_error *err)
{
	coopmap_topology *t = calloc(1, sizeof(*t));
	uint32_t *ids = NULL, *cycle = NULL, *seq = NULL;
	size_t total = 0, longest = 0, rings = 0;
	int rc = COOPMAP_OK;

	*out = NULL;
	if (t == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	g_mutex_init(&t->lock);
	t->countries = countries;
	t->n_features = coopmap_countries_count(countries);
	for (size_t i = 0; i < t->n_features; i++) {
		const coopmap_geometry *g =
			&coopmap_countries_get(countries, i)->geometry;

		rings += g->n_rings;
		for (size_t r = 0; r < g->n_rings; r++) {
			size_t n = g->ring_start[r + 1] - g->ring_start[r];

			total += n;
			longest = n > longest ? n : longest;
		}
	}
	if (total >= NO_ID - 1) {
		free(t);
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%zu vertices: more than the topology can number", total);
	}
	t->n_rings = rings;
	ids = malloc((total + 1) * sizeof(uint32_t));
	cycle = malloc((longest + 1) * sizeof(uint32_t));
	seq = malloc((longest + 2) * sizeof(uint32_t));
	t->ring_ref = malloc((rings + 1) * sizeof(size_t));
	t->feature_ring = malloc((t->n_features + 1) * sizeof(size_t));
	if (ids == NULL || cycle == NULL || seq == NULL || t->ring_ref == NULL ||
	    t->feature_ring == NULL)
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (rc == COOPMAP_OK)
		rc = number_vertices(t, ids, total, err);
	if (rc == COOPMAP_OK) {
		t->junction = calloc(t->n_vertices + 1, 1);
		if (t->junction == NULL)
			rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM,
				"out of memory");
	}
	if (rc == COOPMAP_OK)
		rc = find_junctions(t, ids, cycle, err);
	if (rc == COOPMAP_OK)
		rc = build_arcs(t, ids, cycle, seq, err);
	free(ids);
	free(cycle);
	free(seq);
	if (rc != COOPMAP_OK) {
		coopmap_topology_free(t);
		return rc;
	}
	free(t->arc_index);
	t->arc_index = NULL;
	*out = t;
	return COOPMAP_OK;
}

static void free_simplified(simplified *s)
{
	free(s->geometry);
	free(s->ring_start);
	free(s->lon);
	free(s->lat);
}

void coopmap_topology_free(coopmap_topology *topology)
{
	if (topology == NULL)
		return;
	g_mutex_clear(&topology->lock);
	for (size_t i = 0; i < topology->n_cache; i++)
		free_simplified(&topology->cache[i]);
	free(topology->cache);
	free(topology->at);
	free(topology->junction);
	free(topology->arc_start);
	free(topology->arc_points);
	free(topology->ring_ref);
	free(topology->feature_ring);
	free(topology->ref_arc);
	free(topology->ref_reversed);
	free(topology->arc_index);
	free(topology);
}

size_t coopmap_topology_vertex_count(const coopmap_topology *topology)
{
	return topology->n_vertices;
}

size_t coopmap_topology_junction_count(const coopmap_topology *topology)
{
	return topology->n_junctions;
}

size_t coopmap_topology_arc_count(const coopmap_topology *topology)
{
	return topology->n_arcs;
}

/* ------------------------------------------------------------------ */
/* Douglas-Peucker                                                      */
/* ------------------------------------------------------------------ */

/* Squared distance from vertex p to the segment from vertex a to b. */
static double segment_distance2(const coopmap_topology *t, uint32_t p,
	uint32_t a, uint32_t b)
{
	double ax = vertex_x(t, a), ay = vertex_y(t, a);
	double dx = vertex_x(t, b) - ax, dy = vertex_y(t, b) - ay;
	double px = vertex_x(t, p) - ax, py = vertex_y(t, p) - ay;
	double len2 = dx * dx + dy * dy, u;

	if (len2 > 0) {
		u = (px * dx + py * dy) / len2;
		u = u < 0 ? 0 : u > 1 ? 1 : u;
		px -= u * dx;
		py -= u * dy;
	}
	return px * px + py * py;
}

/* The vertex of arc points p(lo, hi) farthest from the segment p[lo] p[hi]
 * (the first one on ties), and its squared distance in *d2; hi when
 * there is none. */
static size_t farthest(const coopmap_topology *t, const uint32_t *p,
	size_t lo, size_t hi, double *d2)
{
	size_t best = hi;

	*d2 = -1;
	for (size_t i = lo + 1; i < hi; i++) {
		double d = segment_distance2(t, p[i], p[lo], p[hi]);

		if (d > *d2) {
			*d2 = d;
			best = i;
		}
	}
	return best;
}

/* Mark in keep[0 .. n) the vertices of arc p that Douglas-Peucker keeps. */
static void douglas_peucker(const coopmap_topology *t, const uint32_t *p,
	size_t n, double tol2, unsigned char *keep, size_t *stack)
{
	size_t top = 0;

	keep[0] = keep[n - 1] = 1;
	stack[top++] = 0;
	stack[top++] = n - 1;
	while (top > 0) {
		size_t hi = stack[--top], lo = stack[--top], k;
		double d2;

		if (hi - lo < 2)
			continue;
		k = farthest(t, p, lo, hi, &d2);
		if (!(d2 > tol2))
			continue;
		keep[k] = 1;
		stack[top++] = lo;
		stack[top++] = k;
		stack[top++] = k;
		stack[top++] = hi;
	}
}

static size_t kept_count(const unsigned char *keep, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += keep[i];
	return c;
}

/*
 * Give ring r back 3 distinct vertices when simplification left fewer: add,
 * one at a time, the dropped vertex farthest from its simplified segment,
 * over all the ring's arcs.  Adding to an arc adds to every ring that
 * reads it, so shared borders stay shared.
 */
static void keep_ring_open(const coopmap_topology *t, size_t r,
	unsigned char *keep)
{
	for (;;) {
		size_t distinct = 0, best_arc = 0, best = 0;
		double best_d2 = -1;

		for (size_t f = t->ring_ref[r]; f < t->ring_ref[r + 1]; f++) {
			size_t a = t->ref_arc[f], s = t->arc_start[a];
			size_t n = t->arc_start[a + 1] - s, lo = 0;

			distinct += kept_count(keep + s, n) - 1;
			for (size_t i = 1; i < n; i++) {
				double d2;
				size_t k;

				if (!keep[s + i])
					continue;
				k = farthest(t, t->arc_points + s, lo, i, &d2);
				if (k < i && d2 > best_d2) {
					best_d2 = d2;
					best_arc = a;
					best = k;
				}
				lo = i;
			}
		}
		if (distinct >= 3 || best_d2 < 0)
			return;
		keep[t->arc_start[best_arc] + best] = 1;
	}
}

/* Points of the simplified ring r, appended to lon/lat from *n. */
static void emit_ring(const coopmap_topology *t, size_t r,
	const unsigned char *keep, double *lon, double *lat, size_t *n)
{
	int first_arc = 1;

	for (size_t f = t->ring_ref[r]; f < t->ring_ref[r + 1]; f++) {
		size_t a = t->ref_arc[f], s = t->arc_start[a];
		size_t len = t->arc_start[a + 1] - s;
		int skip = !first_arc;

		for (size_t i = 0; i < len; i++) {
			size_t j = t->ref_reversed[f] ? s + len - 1 - i : s + i;

			if (!keep[j])
				continue;
			if (skip) {  /* the previous arc's last vertex */
				skip = 0;
				continue;
			}
			lon[*n] = vertex_x(t, t->arc_points[j]);
			lat[*n] = vertex_y(t, t->arc_points[j]);
			(*n)++;
		}
		first_arc = 0;
	}
}

static void set_bounds(coopmap_geometry *g)
{
	size_t n = g->n_rings > 0 ? g->ring_start[g->n_rings] : 0;
	size_t first = g->n_rings > 0 ? g->ring_start[0] : 0;

	g->min_lon = g->min_lat = HUGE_VAL;
	g->max_lon = g->max_lat = -HUGE_VAL;
	for (size_t i = first; i < n; i++) {
		g->min_lon = fmin(g->min_lon, g->lon[i]);
		g->min_lat = fmin(g->min_lat, g->lat[i]);
		g->max_lon = fmax(g->max_lon, g->lon[i]);
		g->max_lat = fmax(g->max_lat, g->lat[i]);
	}
	if (n == first)
		g->min_lon = g->min_lat = g->max_lon = g->max_lat = 0;
}

static int assemble(const coopmap_topology *t, const unsigned char *keep,
	simplified *s)
{
	size_t total = 0, n = 0;

	/* A shared arc is written once per ring that reads it. */
	for (size_t f = 0; f < t->n_refs; f++) {
		size_t a = t->ref_arc[f];

		total += kept_count(keep + t->arc_start[a],
			t->arc_start[a + 1] - t->arc_start[a]);
	}

	s->geometry = calloc(t->n_features + 1, sizeof(coopmap_geometry));
	s->ring_start = malloc((t->n_rings + t->n_features + 1) * sizeof(size_t));
	s->lon = malloc((total + 1) * sizeof(double));
	s->lat = malloc((total + 1) * sizeof(double));
	if (s->geometry == NULL || s->ring_start == NULL || s->lon == NULL ||
	    s->lat == NULL)
		return -1;
	for (size_t i = 0; i < t->n_features; i++) {
		coopmap_geometry *g = &s->geometry[i];
		size_t first = t->feature_ring[i], last = t->feature_ring[i + 1];
		size_t *starts = s->ring_start + first + i;

		g->n_rings = last - first;
		g->ring_start = starts;
		g->lon = s->lon;
		g->lat = s->lat;
		for (size_t r = first; r < last; r++) {
			starts[r - first] = n;
			emit_ring(t, r, keep, s->lon, s->lat, &n);
		}
		starts[last - first] = n;
		set_bounds(g);
	}
	return 0;
}

/* Arcs [from, to) simplified into keep: each arc's vertices are its
 * own, so two jobs over other arcs can run at once. */
struct dp_job {
	const coopmap_topology *t;
	size_t from, to;
	double tol2;
	unsigned char *keep;
	size_t *stack;
};

static gpointer dp_arcs(gpointer p)
{
	const struct dp_job *job = p;
	const coopmap_topology *t = job->t;

	for (size_t a = job->from; a < job->to; a++)
		douglas_peucker(t, t->arc_points + t->arc_start[a],
			t->arc_start[a + 1] - t->arc_start[a], job->tol2,
			job->keep + t->arc_start[a], job->stack);
	return NULL;
}

/* Below this many arc vertices (the 1:10m world has 481,743) one thread
 * simplifies them all: a thread would cost more than it saves. */
#define DP_SPLIT_MIN 200000

static int simplify(coopmap_topology *t, double tolerance, simplified *s)
{
	unsigned char *keep = calloc(t->n_arc_points + 1, 1);
	size_t longest = 0, *stack, half = 0;
	GThread *thread = NULL;
	int rc = -1;

	for (size_t a = 0; a < t->n_arcs; a++) {
		size_t n = t->arc_start[a + 1] - t->arc_start[a];

		longest = n > longest ? n : longest;
		if (t->arc_start[a] < t->n_arc_points / 2)
			half = a + 1;
	}
	if (t->n_arc_points < DP_SPLIT_MIN)
		half = t->n_arcs;
	/* Two stacks: the second half of the arcs on a second core. */
	stack = malloc((4 * longest + 4) * sizeof(size_t));
	if (keep != NULL && stack != NULL) {
		struct dp_job jobs[2] = {
			{ t, 0, half, tolerance * tolerance, keep, stack },
			{ t, half, t->n_arcs, tolerance * tolerance, keep,
				stack + 2 * longest + 2 },
		};

		if (half < t->n_arcs)
			thread = g_thread_new("coopmap-dp", dp_arcs, &jobs[1]);
		dp_arcs(&jobs[0]);
		if (thread != NULL)
			g_thread_join(thread);
		for (size_t r = 0; r < t->n_rings; r++)
			keep_ring_open(t, r, keep);
		s->tolerance = tolerance;
		rc = assemble(t, keep, s);
	}
	free(keep);
	free(stack);
	return rc;
}

static int simplify_cached(coopmap_topology *topology, double tolerance_deg,
	const coopmap_geometry **out, coopmap_error *err)
{
	simplified s, *cache;

	*out = NULL;
	if (!(tolerance_deg >= 0))
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"simplification tolerance %g: must be 0 or more",
			tolerance_deg);
	for (size_t i = 0; i < topology->n_cache; i++) {
		if (topology->cache[i].tolerance == tolerance_deg) {
			*out = topology->cache[i].geometry;
			return COOPMAP_OK;
		}
	}
	memset(&s, 0, sizeof(s));
	cache = realloc(topology->cache,
		(topology->n_cache + 1) * sizeof(simplified));
	if (cache == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	topology->cache = cache;
	if (simplify(topology, tolerance_deg, &s) != 0) {
		free_simplified(&s);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	cache[topology->n_cache++] = s;
	*out = s.geometry;
	return COOPMAP_OK;
}

/* One thread at a time: a second output of the same scale waits for the
 * first's result rather than computing it again. */
int coopmap_topology_simplify(coopmap_topology *topology, double tolerance_deg,
	const coopmap_geometry **out, coopmap_error *err)
{
	int rc;

	g_mutex_lock(&topology->lock);
	rc = simplify_cached(topology, tolerance_deg, out, err);
	g_mutex_unlock(&topology->lock);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Tolerance from the output's scale                                    */
/* ------------------------------------------------------------------ */

/* Largest singular value of the Jacobian [[a, b], [c, d]]: how far a
 * unit step in the worst direction goes. */
static double largest_stretch(double a, double b, double c, double d)
{
	double sum = a * a + b * b + c * c + d * d, det = a * d - b * c;
	double disc = sum * sum - 4 * det * det;

	return sqrt((sum + sqrt(disc > 0 ? disc : 0)) / 2);
}

/*
 * The derivative along one axis at sample k, from the forward difference
 * (points k and k + f) or the backward one (k - b is k + b's mirror): the
 * shorter of the two, since a jump across the projection's seam falls on
 * one side only.  0 when neither projects.
 */
static void derivative(const double *x, const double *y, size_t k, size_t f,
	size_t b, double h, double *dx, double *dy)
{
	double fx = (x[k + f] - x[k]) / h, fy = (y[k + f] - y[k]) / h;
	double bx = (x[k] - x[k + b]) / h, by = (y[k] - y[k + b]) / h;
	int f_ok = x[k + f] != HUGE_VAL, b_ok = x[k + b] != HUGE_VAL;

	*dx = *dy = 0;
	if (f_ok && (!b_ok || hypot(fx, fy) <= hypot(bx, by))) {
		*dx = fx;
		*dy = fy;
	} else if (b_ok) {
		*dx = bx;
		*dy = by;
	}
}

double coopmap_simplify_tolerance(coopmap_projection *projection,
	const double area[4], double device_per_unit, double device_tol)
{
	size_t nx = (size_t)ceil((area[2] - area[0]) / SCALE_GRID_DEG) + 1;
	size_t ny = (size_t)ceil((area[3] - area[1]) / SCALE_GRID_DEG) + 1;
	size_t n = nx * ny;
	double *x = malloc(5 * n * sizeof(double));
	double *y = malloc(5 * n * sizeof(double));
	double h = SCALE_STEP_DEG, worst = 0;

	if (x == NULL || y == NULL || !(device_per_unit > 0)) {
		free(x);
		free(y);
		return 0;
	}
	for (size_t j = 0; j < ny; j++) {
		for (size_t i = 0; i < nx; i++) {
			size_t k = 5 * (j * nx + i);
			/* Inset from the area's edges by two steps, so that no
			 * difference reaches outside it. */
			double lon = fmin(fmax(area[0] + i * SCALE_GRID_DEG,
				area[0] + 2 * h), area[2] - 2 * h);
			double lat = fmin(fmax(area[1] + j * SCALE_GRID_DEG,
				area[1] + 2 * h), area[3] - 2 * h);
			const double dlon[5] = { 0, h, -h, 0, 0 };
			const double dlat[5] = { 0, 0, 0, h, -h };

			for (int d = 0; d < 5; d++) {
				x[k + d] = lon + dlon[d];
				y[k + d] = lat + dlat[d];
			}
		}
	}
	coopmap_projection_forward(projection, x, y, 5 * n);
	for (size_t k = 0; k < 5 * n; k += 5) {
		double xl, yl, xp, yp, s;

		if (x[k] == HUGE_VAL)
			continue;
		derivative(x, y, k, 1, 2, h, &xl, &yl);
		derivative(x, y, k, 3, 4, h, &xp, &yp);
		s = largest_stretch(xl, xp, yl, yp);
		if (isfinite(s) && s > worst)
			worst = s;
	}
	free(x);
	free(y);
	return worst > 0 ? device_tol / (device_per_unit * worst) : 0;
}
