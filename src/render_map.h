/*
 * render_map.h: the ground of a map (render_map.c), drawn step by step in
 * the drawing order of render_draw.c.  Not installed, not a public
 * contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_MAP_H
#define COOPMAP_RENDER_MAP_H

#include "render_ctx.h"

#pragma GCC visibility push(hidden)

/* The choropleth's class breaks (ctx->breaks) from the countries' sums. */
void render_map_classes(render_ctx *ctx);
/* The proportional circles' order, biggest first (ctx->marker_order). */
int render_map_order_markers(render_ctx *ctx, coopmap_error *err);

void render_map_draw(render_ctx *ctx);

#pragma GCC visibility pop

#endif
