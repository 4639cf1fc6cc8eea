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

/*
 * The steps of a map's ground, in the order render_draw.c calls them.
 * render_map_draw_sea paints the sea and, on a regional map or an inset,
 * clips to the frame (the caller saves and restores the state around what
 * is clipped); the countries and the layers are drawn with the fill rule
 * the caller set (even-odd: the countries' holes).
 */
void render_map_draw_sea(render_ctx *ctx);
void render_map_draw_graticule(render_ctx *ctx);
/* Countries filled by their class with their borders, and a disc for
 * those with no polygon at the map's scale that the data fill. */
void render_map_draw_countries(render_ctx *ctx);
/* The policy layers' symbols, the first one's outline. */
void render_map_draw_layers(render_ctx *ctx);
/* The outlined countries (--country, --highlight). */
void render_map_draw_highlight(render_ctx *ctx);
/* The proportional circles, biggest first, each an obstacle for labels. */
void render_map_draw_markers(render_ctx *ctx);
void render_map_draw_edge(render_ctx *ctx);

#pragma GCC visibility pop

#endif
