/*
 * render_network.h: the establishments, partners and links of a map
 * (render_network.c): grouped and prepared once, then drawn in the
 * drawing order of render_draw.c.  Not installed, not a public contract;
 * hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_NETWORK_H
#define COOPMAP_RENDER_NETWORK_H

#include "render_ctx.h"

#pragma GCC visibility push(hidden)

/* Group the network's nodes that are on the map into point symbols
 * (ctx->points, ctx->group_of); on a world map with the France panel,
 * metropolitan France's establishments as one origin.  Needs the frame. */
int render_network_group(render_ctx *ctx, coopmap_error *err);
/* The links' great circles, cut and projected, once before drawing (the
 * two threads of a PNG page stroke the same). */
int render_network_prepare_links(render_ctx *ctx, coopmap_error *err);
/* A page with insets samples its links once for them all (freed by
 * render_network_free_samples, not by the insets). */
int render_network_sample_links(render_ctx *ctx, coopmap_error *err);
void render_network_free_samples(render_ctx *ctx);
void render_network_draw_links(render_ctx *ctx);
/* Draw the points; their boxes become obstacles for labels. */
void render_network_draw_points(render_ctx *ctx);
/* Free the points and links (not the samples, which are the page's). */
void render_network_free(render_ctx *ctx);

#pragma GCC visibility pop

#endif
