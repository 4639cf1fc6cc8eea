/*
 * render_inset.h: the page's insets and the France panel
 * (render_inset.c): which, where, and each one's map context, which the
 * drawing order of render_draw.c prepares and draws.  Not installed, not a
 * public contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_INSET_H
#define COOPMAP_RENDER_INSET_H

#include "render_ctx.h"
#include "render_text.h"

#pragma GCC visibility push(hidden)

/* How many insets the options ask for (-1 with err set on a bad name);
 * left_out (may be NULL): how many the automatic choice left out, having
 * nothing to show. */
int render_inset_count(const render_ctx *ctx, size_t *left_out,
	coopmap_error *err);
/* Whether the page draws a panel of metropolitan France because its
 * establishments crowd on a world map (render_inset.c says when). */
int render_inset_france_panel(const render_ctx *ctx);
/* Whether n_insets go over quiet places of the map's frame rather than
 * in a row under the map: on a world map, whose corners and southern
 * oceans are empty, when there are few. */
int render_inset_in_frame(const render_ctx *ctx, int n_insets);
/* Share of the width of the page's map set aside on its left for the
 * France panel (0 without one): the world map goes to its right, the
 * panel over that column and the Pacific beside it, the legend under the
 * map. */
double render_inset_panel_column(const render_ctx *ctx, int n_insets);
/* Height of the row of insets under the map, in thousandths of the
 * page's shorter side (0 without insets). */
double render_inset_strip_height(const render_ctx *ctx, int n_insets);

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

/* Where each inset goes, sized to its land: in the frame's quiet places
 * (each made an obstacle of ctx->placer), or side by side in strip.
 * Needs the map's frame and points. */
int render_inset_plan(render_ctx *ctx, coopmap_box strip,
	render_inset_layout *layout, coopmap_error *err);

/* One inset of the page, its map ready to be fitted, prepared and drawn
 * like the page's. */
typedef struct render_inset_map {
	render_ctx map;              /* a copy of the page's with a projection
	                                of its own (owned), its page_map under
	                                the caption; nothing else made yet */
	coopmap_render_report report;   /* map.report: its own */
	coopmap_box box;             /* on the page, caption included */
	double caption;              /* the caption's height over the map */
	const char *name;            /* the caption, in the page's language */
	const render_place *places;  /* islands named in it, or NULL */
	int france_panel;            /* the page's France panel */
	int metropole;               /* metropolitan France (the panel, or a
	                                country map's inset): its places named,
	                                no links (the page's map draws them) */
} render_inset_map;

/* Inset i of layout as a map of page (whose pango, placer and report it
 * shares until the caller makes its own placer); *inset is to be freed as
 * a map of the page and its report cleared, even on error. */
int render_inset_map_init(render_ctx *page, const render_inset_layout *layout,
	size_t i, render_inset_map *inset, coopmap_error *err);

#pragma GCC visibility pop

#endif
