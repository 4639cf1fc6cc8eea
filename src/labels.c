/*
 * labels.c: the free-space bookkeeping of label placement.  A linear scan
 * over placed boxes: a map carries at most a few hundred labels, and the
 * scan is cheaper than keeping a spatial index up to date at that size.
 */
#include <math.h>
#include "coopmap/labels.h"

#include <stdlib.h>

struct coopmap_placer {
	coopmap_box frame;
	coopmap_box *labels;
	size_t n_labels, cap_labels;
	coopmap_box *obstacles;
	size_t n_obstacles, cap_obstacles;
};

int coopmap_box_intersects(const coopmap_box *a, const coopmap_box *b)
{
	return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 &&
		b->y0 <= a->y1;
}

/* Liang and Barsky's clipping: the share of the segment within each
 * side, axis-aligned segments included. */
int coopmap_box_meets_segment(const coopmap_box *b, double x0, double y0,
	double x1, double y1)
{
	double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
	const double p[4] = { -dx, dx, -dy, dy };
	const double q[4] = { x0 - b->x0, b->x1 - x0, y0 - b->y0, b->y1 - y0 };

	for (int k = 0; k < 4; k++) {
		double t;

		if (p[k] == 0) {
			if (q[k] < 0)
				return 0;
			continue;
		}
		t = q[k] / p[k];
		if (p[k] < 0)
			t0 = fmax(t0, t);
		else
			t1 = fmin(t1, t);
		if (t0 > t1)
			return 0;
	}
	return 1;
}

int coopmap_box_inside(const coopmap_box *inner, const coopmap_box *outer)
{
	return inner->x0 >= outer->x0 && inner->x1 <= outer->x1 &&
		inner->y0 >= outer->y0 && inner->y1 <= outer->y1;
}

coopmap_placer *coopmap_placer_new(coopmap_box frame)
{
	coopmap_placer *p = calloc(1, sizeof(*p));

	if (p != NULL)
		p->frame = frame;
	return p;
}

void coopmap_placer_free(coopmap_placer *p)
{
	if (p == NULL)
		return;
	free(p->labels);
	free(p->obstacles);
	free(p);
}

static int push(coopmap_box **items, size_t *n, size_t *cap, coopmap_box box)
{
	if (*n == *cap) {
		size_t want = *cap == 0 ? 32 : *cap * 2;
		coopmap_box *grown = realloc(*items, want * sizeof(coopmap_box));

		if (grown == NULL)
			return -1;
		*items = grown;
		*cap = want;
	}
	(*items)[(*n)++] = box;
	return 0;
}

coopmap_placer *coopmap_placer_copy(const coopmap_placer *p)
{
	coopmap_placer *c = coopmap_placer_new(p->frame);
	int rc = c == NULL;

	for (size_t i = 0; rc == 0 && i < p->n_labels; i++)
		rc = coopmap_placer_add_label(c, p->labels[i]);
	for (size_t i = 0; rc == 0 && i < p->n_obstacles; i++)
		rc = coopmap_placer_add_obstacle(c, p->obstacles[i]);
	if (rc != 0) {
		coopmap_placer_free(c);
		return NULL;
	}
	return c;
}

int coopmap_placer_add_obstacle(coopmap_placer *p, coopmap_box box)
{
	return push(&p->obstacles, &p->n_obstacles, &p->cap_obstacles, box);
}

int coopmap_placer_add_label(coopmap_placer *p, coopmap_box box)
{
	return push(&p->labels, &p->n_labels, &p->cap_labels, box);
}

int coopmap_placer_is_free(const coopmap_placer *p, const coopmap_box *box)
{
	if (!coopmap_box_inside(box, &p->frame))
		return 0;
	for (size_t i = 0; i < p->n_labels; i++) {
		if (coopmap_box_intersects(box, &p->labels[i]))
			return 0;
	}
	for (size_t i = 0; i < p->n_obstacles; i++) {
		if (coopmap_box_intersects(box, &p->obstacles[i]))
			return 0;
	}
	return 1;
}

const coopmap_box *coopmap_placer_labels(const coopmap_placer *p, size_t *count)
{
	*count = p->n_labels;
	return p->labels;
}

const coopmap_box *coopmap_placer_obstacles(const coopmap_placer *p,
	size_t *count)
{
	*count = p->n_obstacles;
	return p->obstacles;
}
