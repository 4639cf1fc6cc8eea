/*
 * render_frame.h: where things are on a map (render_frame.c): its frame,
 * its projected countries, a point's place, the frame's quiet places.
 * Not installed, not a public contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_FRAME_H
#define COOPMAP_RENDER_FRAME_H

#include "render_ctx.h"

#pragma GCC visibility push(hidden)

/* Longest edge, in degrees, before projection; short enough that meridians
 * and parallels curve smoothly in any projection at poster size. */
#define RENDER_DENSIFY_STEP 1.0

/* Projected bounds of the extent asked (map units). */
int render_frame_extent_bounds(render_ctx *ctx, double b[4],
	coopmap_error *err);
/* Fit the extent into ctx->page_map: the scale, ctx->frame, the sphere's
 * outline.  Needs ctx->projection, ctx->area and ctx->bbox. */
int render_frame_fit(render_ctx *ctx, coopmap_error *err);
/* Each country's rings cut, simplified at the map's scale (not an
 * inset's) and in device space, in ctx->paths, with their boxes. */
int render_frame_project_countries(render_ctx *ctx, coopmap_error *err);
/* Free what the two above made (the rings, their boxes, the outline). */
void render_frame_free(render_ctx *ctx);
/* The rings that can touch the clip, added to the current path. */
void render_frame_path(render_ctx *ctx, const coopmap_rings *rings);
/* Project lon/lat rings and map them to device space, in place. */
void render_frame_to_device(render_ctx *ctx, coopmap_rings *rings);
/* Device position of a lon/lat point; 0 when it is off the map. */
int render_frame_point(render_ctx *ctx, double lon, double lat, double *x,
	double *y);
/* Whether the map is a regional or country map of the page (not the
 * world, not an inset, less than a hemisphere wide): the one that names
 * its neighbours, carries a scale bar and fades layers around its
 * subject. */
int render_frame_is_regional(const render_ctx *ctx);
/* Whether a country is what the map is about: it has projects, or it is
 * outlined. */
int render_frame_is_subject(const render_ctx *ctx, size_t country);
/* The place along the sides of the map's room (its frame, or the part
 * of the page set aside for the map and its furniture; inset by margin) where a w x h
 * box covers no point, obstacle or label and the least land (the
 * subject's least of all): the corners
 * first (bottom-left, bottom-right, top-left, top-right) on ties, then
 * places slid along the sides.  *cost (may be NULL): what it covers, land
 * a share up to 1 (near the data's four times, the data's ten times), 20
 * per point and label, 100 per obstacle. */
coopmap_box render_frame_quiet_corner(render_ctx *ctx, double w, double h,
	double margin, double *cost);

#pragma GCC visibility pop

#endif
