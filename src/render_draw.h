/*
 * render_draw.h: the drawing order of a page (render_draw.c), what the
 * renderer's entry point (render.c) calls.  Not installed, not a public
 * contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_DRAW_H
#define COOPMAP_RENDER_DRAW_H

#include "render_ctx.h"

#pragma GCC visibility push(hidden)

/* Draw the page on ctx->cr, set up by render.c (options, style, size,
 * projection, extent, report): its map, insets, legend, labels and text,
 * filling ctx->report.  ctx->pango is made here (the caller unrefs it). */
int render_draw_page(render_ctx *ctx, coopmap_error *err);
/* Free what drawing the page made, and the page's projection. */
void render_draw_free(render_ctx *ctx);

#pragma GCC visibility pop

#endif
