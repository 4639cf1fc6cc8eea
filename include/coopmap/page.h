/*
 * page.h: the Cairo surface a drawing goes to, by the output's format
 * (.png, .svg, .pdf), and its bytes written to a stream: SVG 1.1, PDF with
 * a fixed creation date (the same input gives the same file), PNG through
 * libpng; and the text on it, the same in every format.  Shared by the map
 * (render.h) and the actor diagram (diagram.h).
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
 * pixels, finish and destroy the surface, and turn a Cairo failure into an
 * error (COOPMAP_ERR_IO for a failed write, COOPMAP_ERR_RENDER otherwise).
 * Returns rc, or that error.
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

#endif
