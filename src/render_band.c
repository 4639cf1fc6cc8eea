/*
 * render_band.c: a PNG page drawn by two threads.  The page's pixels from a
 * row of the map down are a Cairo surface of their own (the same memory,
 * format and stride, shifted by its device offset), drawn by a second
 * thread with its own cairo_t, Pango context and PROJ objects (none of the
 * three is shared across threads); the two threads never write the same
 * row.  The second thread draws the map's lower rows, then the insets.
 *
 * Both threads walk the whole map (every country, link and point) and
 * Cairo rasterises only what falls in their clip: the drawing is what is
 * split, not the preparation (projected rings, points and labels, computed
 * once before).  Vector pages (SVG, PDF) are one stream: drawn in order by
 * one thread.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/page.h"
#include "render_internal.h"

/*
 * Where the map is split, as a share of its frame's height from the top:
 * the second thread also draws the insets, and the north of a world map
 * has most of the land and the links.  On the benchmark's map the two
 * threads took 0.139 and 0.134 s at 0.45 (0.150 and 0.127 at 0.5; one
 * thread drawing the map alone: 0.178, and the insets 0.08 after it).
 */
#define MAP_SPLIT 0.45

struct render_band {
	render_ctx page;              /* the page's, for the insets */
	render_ctx map;               /* for the map's lower rows; dropped */
	coopmap_render_report page_report, map_report;
	render_inset_layout layout;
	int top, height;              /* rows this thread draws: [top, height) */
	cairo_surface_t *surface;
	GThread *thread;
	coopmap_error err;
	int rc;
};

static int cairo_failed(cairo_t *cr, coopmap_error *err)
{
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
		return COOPMAP_OK;
	return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "cannot draw the page: %s",
		cairo_status_to_string(cairo_status(cr)));
}

static gpointer draw_band(gpointer p)
{
	render_band *band = p;
	cairo_t *cr = cairo_create(band->surface);
	PangoContext *pango = coopmap_page_pango(cr);
	render_ctx *map = &band->map;

	band->rc = COOPMAP_OK;
	{
		map->cr = cr;
		map->pango = pango;
		cairo_save(cr);
		cairo_rectangle(cr, 0, band->top, map->width,
			band->height - band->top);
		cairo_clip(cr);
		render_map_draw(map);
		cairo_restore(cr);
	}
	if (band->layout.n > 0) {
		band->page.cr = cr;
		band->page.pango = pango;
		band->rc = render_inset_draw_all(&band->page, &band->layout,
			&band->err);
	}
	if (band->rc == COOPMAP_OK)
		band->rc = cairo_failed(cr, &band->err);
	g_object_unref(pango);
	cairo_destroy(cr);
	return NULL;
}

static void free_band(render_band *band)
{
	coopmap_placer_free(band->page.placer);
	coopmap_placer_free(band->map.placer);
	coopmap_projection_free(band->map.projection);
	coopmap_render_report_clear(&band->page_report);
	coopmap_render_report_clear(&band->map_report);
	cairo_surface_destroy(band->surface);
	free(band);
}

render_band *render_band_start(render_ctx *ctx,
	const render_inset_layout *layout)
{
	cairo_surface_t *page = cairo_get_target(ctx->cr);
	coopmap_error ignored = COOPMAP_ERROR_INIT;
	render_band *band;
	unsigned char *data;
	int stride, width, height, top;

	if (cairo_surface_get_type(page) != CAIRO_SURFACE_TYPE_IMAGE)
		return NULL;
	cairo_surface_flush(page);
	data = cairo_image_surface_get_data(page);
	stride = cairo_image_surface_get_stride(page);
	width = cairo_image_surface_get_width(page);
	height = cairo_image_surface_get_height(page);
	top = (int)floor(ctx->frame.y0 + MAP_SPLIT *
		(ctx->frame.y1 - ctx->frame.y0));
	/* An inset over the map's upper half moves the split above it: the
	 * band draws the insets, over its own rows only. */
	for (size_t i = 0; i < layout->n; i++)
		top = (int)fmin(top, floor(layout->box[i].y0) - 1);
	if (data == NULL || top <= 0 || top >= height)
		return NULL;
	band = calloc(1, sizeof(*band));
	if (band == NULL)
		return NULL;
	band->page = *ctx;
	band->page_report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	band->page.report = &band->page_report;
	band->page.placer = coopmap_placer_new(ctx->frame);
	band->map = *ctx;
	band->map_report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	band->map.report = &band->map_report;
	band->map.placer = coopmap_placer_new(ctx->frame);
	band->map.projection = NULL;
	band->layout = *layout;
	band->top = top;
	/* The map's lower rows down to the page's bottom, then the insets
	 * over them: the order of the one-thread path (a marker near the
	 * frame's bottom may reach past it). */
	band->height = height;
	band->err = (coopmap_error)COOPMAP_ERROR_INIT;
	band->surface = cairo_image_surface_create_for_data(data +
		(size_t)top * (size_t)stride, cairo_image_surface_get_format(page),
		width, height - top, stride);
	cairo_surface_set_device_offset(band->surface, 0, -top);
	if (band->page.placer == NULL || band->map.placer == NULL ||
	    cairo_surface_status(band->surface) != CAIRO_STATUS_SUCCESS ||
	    coopmap_projection_clone(ctx->projection, &band->map.projection,
		&ignored) != COOPMAP_OK) {
		free_band(band);
		return NULL;
	}
	band->thread = g_thread_new("coopmap-band", draw_band, band);
	return band;
}

double render_band_top(const render_band *band)
{
	return band->top;
}

int render_band_finish(render_ctx *ctx, render_band *band, coopmap_error *err)
{
	const coopmap_box *boxes;
	size_t n;
	int rc;

	g_thread_join(band->thread);
	cairo_surface_finish(band->surface);
	cairo_surface_mark_dirty(cairo_get_target(ctx->cr));
	rc = band->rc;
	if (rc != COOPMAP_OK) {
		*err = band->err;
	} else if (band->layout.n > 0) {
		render_merge_seen(ctx, &band->page);
		ctx->report->insets += band->page_report.insets;
		ctx->report->france_panel = band->page_report.france_panel;
		ctx->report->france_panel_points =
			band->page_report.france_panel_points;
		ctx->report->france_panel_names =
			band->page_report.france_panel_names;
		ctx->report->france_panel_establishments =
			band->page_report.france_panel_establishments;
		ctx->report->france_panel_named =
			band->page_report.france_panel_named;
		/* In the order the insets added them, after the map's own. */
		boxes = coopmap_placer_labels(band->page.placer, &n);
		for (size_t i = 0; i < n; i++)
			coopmap_placer_add_label(ctx->placer, boxes[i]);
		boxes = coopmap_placer_obstacles(band->page.placer, &n);
		for (size_t i = 0; i < n; i++)
			coopmap_placer_add_obstacle(ctx->placer, boxes[i]);
	}
	free_band(band);
	return rc;
}
