/*
 * diagram.h: the actor cartography as a diagram (PNG, SVG or PDF by the
 * output's extension), drawn with Cairo and Pango: one column (or more)
 * per family (internal, implementing, programmes, institutional), a box per
 * actor with its role and its parts (SR2 in DGOS, CAS/CRSM/SCAC in the
 * embassy), the relations as labelled orthogonal arrows routed around the
 * boxes and the labels, a legend of roles, a title and a source line.  The
 * layout is computed once on a page 1000 units high and scaled, so that
 * an A4 and an A0 page show the same picture.
 *
 * Not for: the actors' data (actors.h) or maps (render.h).
 */
#ifndef COOPMAP_DIAGRAM_H
#define COOPMAP_DIAGRAM_H

#include <stddef.h>

#include "coopmap/actors.h"
#include "coopmap/error.h"
#include "coopmap/labels.h"

/* The PNG page when the options give none, in pixels (A4's shape). */
#define COOPMAP_DIAGRAM_DEFAULT_WIDTH_PNG 2400
#define COOPMAP_DIAGRAM_DEFAULT_HEIGHT_PNG 1697

typedef struct coopmap_diagram_opts {
	const char *lang;        /* "fr" (default) or "en" */
	int width, height;       /* pixels (PNG) or points (SVG, PDF); 0:
	                            2400x1697 px, or A4 landscape in points */
	const char *title;       /* NULL: the default title in lang */
	const char *source;      /* NULL: the two seeds */
	const char *date;        /* "YYYY-MM-DD" in the source line, "" none */
	const char *font_family; /* NULL: DejaVu Sans */
} coopmap_diagram_opts;

#define COOPMAP_DIAGRAM_OPTS_INIT { "fr", 0, 0, NULL, NULL, "", NULL }

/* What was drawn, in device units (for tests); free with
 * coopmap_diagram_report_clear. */
typedef struct coopmap_diagram_report {
	int width, height;
	size_t n_boxes;
	coopmap_box *boxes;          /* one per drawn actor box */
	size_t *box_actor;           /* the actor index each box draws */
	size_t n_arrows;
	coopmap_box *arrow_labels;   /* one per arrow: its label's box */
	size_t *arrow_from, *arrow_to;   /* box indices of each arrow's ends */
	size_t *arrow_start;         /* arrow i's points: [arrow_start[i],
	                                arrow_start[i + 1]) of x, y */
	double *x, *y;
	size_t n_texts;
	coopmap_box *texts;          /* title, subtitle, column headers,
	                                legend, source line */
	size_t links_drawn;          /* relations of the set behind arrows */
} coopmap_diagram_report;

#define COOPMAP_DIAGRAM_REPORT_INIT \
	{ 0, 0, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, 0, \
	  NULL, 0 }

void coopmap_diagram_report_clear(coopmap_diagram_report *report);

/*
 * Draw actors to path (.png, .svg or .pdf), whole or not at all (output.h).
 * report may be NULL.  Errors: COOPMAP_ERR_USAGE (extension, size),
 * COOPMAP_ERR_EMPTY (no actor), COOPMAP_ERR_RENDER (a relation could not
 * be routed, Cairo failed), COOPMAP_ERR_IO.
 */
int coopmap_diagram_render(const coopmap_actors *actors,
	const coopmap_diagram_opts *opts, const char *path,
	coopmap_diagram_report *report, coopmap_error *err);

/* A paper size by name (a4, a3, a2, a1, a0; landscape), in points.
 * Errors: COOPMAP_ERR_USAGE. */
int coopmap_diagram_paper(const char *name, int *width, int *height,
	coopmap_error *err);

#endif
