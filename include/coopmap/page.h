/*
 * page.h: the Cairo surface a drawing goes to, by the output's format
 * (.png, .svg, .pdf), and its bytes written to a stream: SVG 1.1, PDF with
 * a fixed creation date (the same input gives the same file), PNG through
 * libpng; and the text on it, the same in every format: drawn with Pango
 * on an image or a PDF, kept as <text> elements in an SVG.  Shared by the
 * map (render.h) and the actor diagram (diagram.h).
 *
 * Not for: atomic files (output.h gives the stream) or drawing.
 */
#ifndef COOPMAP_PAGE_H
#define COOPMAP_PAGE_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "coopmap/error.h"

typedef enum coopmap_page_format {
	COOPMAP_PAGE_PNG,
	COOPMAP_PAGE_SVG,
	COOPMAP_PAGE_PDF
} coopmap_page_format;

/* The format of path's extension.  Errors: COOPMAP_ERR_USAGE, naming the
 * path and the extensions taken. */
int coopmap_page_format_of(const char *path, coopmap_page_format *format,
	coopmap_error *err);

/*
 * A surface of width x height (pixels for PNG, points otherwise) writing
 * to stream.  date ("YYYY-MM-DD", or NULL) and title (or NULL) go into a
 * PDF's metadata.  Never NULL (Cairo returns an error surface instead).
 */
cairo_surface_t *coopmap_page_surface(coopmap_page_format format,
	FILE *stream, int width, int height, const char *date, const char *title);

/*
 * End the page: when drawing succeeded (rc COOPMAP_OK, drawing the status
 * of the Cairo context that drew, CAIRO_STATUS_SUCCESS) write a PNG's
 * pixels or an SVG's document (its texts put in), finish and destroy the
 * surface, and turn a failure into an error (COOPMAP_ERR_IO for a failed
 * write, COOPMAP_ERR_RENDER otherwise).  Returns rc, or that error.
 */
int coopmap_page_finish(cairo_surface_t *surface, cairo_status_t drawing,
	coopmap_page_format format, FILE *stream, int rc, coopmap_error *err);

/*
 * A Pango context drawing on cr with the same glyph shapes and metrics in
 * PNG, SVG and PDF (no hinting, grey antialiasing).  Caller unrefs.
 */
PangoContext *coopmap_page_pango(cairo_t *cr);

/*
 * A layout of text in family at size (device units) and weight.  Text cut
 * inside a character (a long title in a fixed buffer) keeps what comes
 * before the cut: Pango would refuse it whole.  Caller unrefs.
 */
PangoLayout *coopmap_page_layout(PangoContext *pango, const char *family,
	double size, PangoWeight weight, const char *text);

/*
 * A text on a page: layout (borrowed) with its top-left corner at (x, y)
 * in cr's user space, filled with color (red, green, blue, alpha, 0..1)
 * over a halo: a stroke of its outline, halo_width wide (0: none), in
 * halo_color.  Every text of the map and of the diagram is shown through
 * coopmap_page_show_text, so that the SVG writes each as it is drawn.
 */
typedef struct coopmap_page_text {
	PangoLayout *layout;
	double x, y;
	double color[4];
	double halo_color[4];
	double halo_width;
} coopmap_page_text;

/*
 * Show text on cr.  On an image or a PDF page its glyphs are drawn with
 * Pango (the halo first).  On an SVG page of coopmap_page_surface the text
 * is kept, in its place in the drawing order and under cr's matrix and
 * clip, and coopmap_page_finish writes it as a <text> element: the
 * layout's font family, size, weight and style per run, one <tspan> a
 * line at the line's baseline, text-anchor from the layout's alignment,
 * the halo as a stroke painted under the fill (paint-order).  Either way
 * cr is left with color as its source, the halo's line width and round
 * joins when there is a halo, and (x, y) as its current point.
 */
void coopmap_page_show_text(cairo_t *cr, const coopmap_page_text *text);

#endif
