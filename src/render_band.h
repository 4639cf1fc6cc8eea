/*
 * render_band.h: a PNG page drawn by two threads (render_band.c): the
 * page's rows from one down are a surface of their own, drawn by a second
 * thread with a drawing function it is given.  Not installed, not a public
 * contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_BAND_H
#define COOPMAP_RENDER_BAND_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "coopmap/error.h"

#pragma GCC visibility push(hidden)

typedef struct render_band render_band;

/* What the band's thread runs: draw on cr (the page's coordinates, its
 * own Pango context) what falls in rows [top, bottom) of the page; a
 * status, err set on failure. */
typedef int (*render_band_draw)(cairo_t *cr, PangoContext *pango, int top,
	int bottom, void *data, coopmap_error *err);

/* The band of page's rows from top down; NULL when page's target is not
 * an image, top is not within it, or on failure: draw everything in the
 * caller's thread.  Free with render_band_free unless started. */
render_band *render_band_new(cairo_t *page, int top);
/* Run draw(data) in a second thread; the caller must not draw on the
 * band's rows until render_band_finish. */
void render_band_start(render_band *band, render_band_draw draw, void *data);
/* Wait for the band's thread, give its rows back to page and free the
 * band; draw's status (err set as it or Cairo set it). */
int render_band_finish(render_band *band, cairo_t *page, coopmap_error *err);
void render_band_free(render_band *band);

#pragma GCC visibility pop

#endif
