/*
 * labels.h: greedy label placement without overlaps.  Labels are offered in
 * priority order, each with candidate boxes in order of preference; the
 * first candidate that stays inside the frame and touches no placed label
 * and no obstacle wins; a label with no free candidate is dropped.
 *
 * Not for: measuring text (render does it with Pango) or deciding what is
 * labelled.
 */
#ifndef COOPMAP_LABELS_H
#define COOPMAP_LABELS_H

#include <stddef.h>

typedef struct coopmap_box {
	double x0, y0, x1, y1;   /* x0 <= x1, y0 <= y1 */
} coopmap_box;

/* True when the boxes share interior area or an edge (touching counts). */
int coopmap_box_intersects(const coopmap_box *a, const coopmap_box *b);
/* Whether the segment from (x0, y0) to (x1, y1) meets box b (a leader
 * line or an arrow across a label). */
int coopmap_box_meets_segment(const coopmap_box *b, double x0, double y0,
	double x1, double y1);
/* True when inner lies wholly inside outer. */
int coopmap_box_inside(const coopmap_box *inner, const coopmap_box *outer);

typedef struct coopmap_placer coopmap_placer;

/* A placer for labels inside frame.  Caller frees.  NULL when out of memory. */
coopmap_placer *coopmap_placer_new(coopmap_box frame);
void coopmap_placer_free(coopmap_placer *placer);
/* A copy of placer: its frame, labels and obstacles, to try placements on
 * and throw away.  Caller frees.  NULL when out of memory. */
coopmap_placer *coopmap_placer_copy(const coopmap_placer *placer);

/* Something labels must not cover (legend, title, a point symbol). */
int coopmap_placer_add_obstacle(coopmap_placer *placer, coopmap_box box);

/* True when box is inside the frame and free of labels and obstacles. */
int coopmap_placer_is_free(const coopmap_placer *placer, const coopmap_box *box);

/* Record box as a placed label (the caller checked it is free). */
int coopmap_placer_add_label(coopmap_placer *placer, coopmap_box box);

/* The labels placed so far, in placement order (borrowed). */
const coopmap_box *coopmap_placer_labels(const coopmap_placer *placer,
	size_t *count);

/* The obstacles added so far, in order (borrowed). */
const coopmap_box *coopmap_placer_obstacles(const coopmap_placer *placer,
	size_t *count);

#endif
