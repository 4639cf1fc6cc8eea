/*
 * render_internal.h: what the files of the renderer share (render.c: the
 * page and the surfaces; render_map.c: geometry; render_text.c: text,
 * legend and labels).  Not installed, not a public contract.
 */
#ifndef COOPMAP_RENDER_INTERNAL_H
#define COOPMAP_RENDER_INTERNAL_H

#include "render_ctx.h"
#include "render_symbol.h"
#include "render_frame.h"
#include "render_map.h"


/* render_network.c */
/* Group the network's nodes that are on the map into point symbols. */
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
void render_network_free(render_ctx *ctx);

/* render_inset.c */
/* How many insets the options ask for (-1 with err set on a bad name);
 * left_out (may be NULL): how many the automatic choice left out, having
 * nothing to show. */
int render_inset_count(const render_ctx *ctx, size_t *left_out,
	coopmap_error *err);
/* Whether the page draws a panel of metropolitan France because its
 * establishments crowd on a world map (render_inset.c says when). */
int render_inset_france_panel(const render_ctx *ctx);

/* Where the page's insets go: each one's caption and map. */
#define RENDER_MAX_INSETS 9
typedef struct render_inset_layout {
	size_t n;
	int in_frame;                /* over quiet places of the map's frame,
	                                not in a row under it */
	int which[RENDER_MAX_INSETS];           /* render_inset.c's table */
	double extent[RENDER_MAX_INSETS][4];    /* lon/lat each one draws */
	coopmap_box box[RENDER_MAX_INSETS];
} render_inset_layout;

/* Whether n_insets go over quiet places of the map's frame rather than
 * in a row under the map: on a world map, whose corners and southern
 * oceans are empty, when there are few. */
int render_inset_in_frame(const render_ctx *ctx, int n_insets);
/* Where each inset goes, sized to its land: in the frame's quiet places
 * (each made an obstacle of ctx->placer), or side by side in strip.
 * Needs the map's frame and points. */
int render_inset_plan(render_ctx *ctx, coopmap_box strip,
	render_inset_layout *layout, coopmap_error *err);
/* Draw them where layout says. */
int render_inset_draw_all(render_ctx *ctx, const render_inset_layout *layout,
	coopmap_error *err);
/* What the legend shows that map drew, added to page's (and its longest
 * link step to page's report). */
void render_merge_seen(render_ctx *page, const render_ctx *map);

/* A scale bar (km, true along the parallel at the extent's centre) where
 * it covers the least of the map, made an obstacle for labels; its box,
 * empty when the extent's centre is off the map. */
coopmap_box render_scale_bar(render_ctx *ctx);

/* render_band.c */
/*
 * On an image page, a second thread draws the page's lower rows: the map's
 * from a row down (with a copy of ctx whose labels and report are
 * dropped: the caller's map, clipped above that row, keeps them), then the
 * insets, all below that row.  The caller draws the map clipped above
 * render_band_top, then render_band_finish waits and adds the insets'
 * labels, obstacles and legend entries to ctx.  NULL: not an image page,
 * or no memory: draw everything in the caller's thread.
 */
typedef struct render_band render_band;
render_band *render_band_start(render_ctx *ctx,
	const render_inset_layout *layout);
double render_band_top(const render_band *band);
int render_band_finish(render_ctx *ctx, render_band *band, coopmap_error *err);

/* render.c */
/* Free what a map of the page owns (projection, rings, points, placer),
 * not what the page shares with its insets. */
void render_ctx_free_map(render_ctx *ctx);

/* render_text.c */
/* A short text at (x, y), its top-left corner; with max_width positive,
 * wrapped to it and centred in it.  Returns its height.  x NAN: measure
 * only. */
double render_text_small(render_ctx *ctx, const char *text, double x,
	double y, double max_width, int bold);
/* The width of render_text_small's text, not bold, on one line. */
double render_text_small_width(render_ctx *ctx, const char *text);
/* The names of the network's points, beside their symbols. */
void render_text_draw_point_labels(render_ctx *ctx);
int render_text_check_font(const coopmap_style *style, coopmap_error *err);
/* Heights of the title block and of the source line, to lay out the page. */
void render_text_measure_page(render_ctx *ctx, double *top, double *bottom);
void render_text_draw_page(render_ctx *ctx);
int render_text_draw_legend(render_ctx *ctx);
int render_text_draw_labels(render_ctx *ctx);

#endif
