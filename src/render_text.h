/*
 * render_text.h: the text and the furniture of the map (render_text.c),
 * drawn when the drawing order of render_draw.c says.  Not installed, not
 * a public contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_TEXT_H
#define COOPMAP_RENDER_TEXT_H

#include "render_ctx.h"

#pragma GCC visibility push(hidden)

/* A place named on a map where it is a few pixels across (the islands of
 * a locator inset); a list of them ends with a NULL name. */
typedef struct render_place {
	const char *name;
	double lon, lat;
} render_place;

int render_text_check_font(const coopmap_style *style, coopmap_error *err);
/* Heights of the title block and of the source line, to lay out the page. */
void render_text_measure_page(render_ctx *ctx, double *top, double *bottom);
/* Title, subtitle and source line. */
void render_text_draw_page(render_ctx *ctx);
/* The legend of what the page drew, in the frame's quiet place, made an
 * obstacle; its box in ctx->report. */
int render_text_draw_legend(render_ctx *ctx);
/* A scale bar (km, true along the parallel at the extent's centre) where
 * it covers the least of the map, made an obstacle for labels; its box,
 * empty when the extent's centre is off the map. */
coopmap_box render_text_draw_scale_bar(render_ctx *ctx);
/* Labels of the circles, the countries with projects, the network's
 * points and, on a regional map, the neighbouring countries. */
int render_text_draw_labels(render_ctx *ctx);
/* The names of the network's points alone, beside their symbols (an
 * inset). */
void render_text_draw_point_labels(render_ctx *ctx);
/* The places of a list, beside them where no label or mark is. */
void render_text_draw_place_names(render_ctx *ctx,
	const render_place *places);
/* A short text at (x, y), its top-left corner; with max_width positive,
 * wrapped to it and centred in it.  Returns its height.  x NAN: measure
 * only. */
double render_text_small(render_ctx *ctx, const char *text, double x,
	double y, double max_width, int bold);
/* The width of render_text_small's text, not bold, on one line. */
double render_text_small_width(render_ctx *ctx, const char *text);

#pragma GCC visibility pop

#endif
