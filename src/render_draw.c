/*
 * render_draw.c: the drawing order, the one place that says what a page
 * draws and in which order, for the page's map and for each of its insets:
 *
 *   page     ground, title and source measured, the map's room (and the
 *            insets' row), the map prepared, the insets planned;
 *   map      sea (clipped to a regional map's frame), graticule,
 *            countries, policy layers, outlined countries, links; then,
 *            unclipped, points, circles, the frame's edge;
 *   insets   each one's ground (over the frame) and map as above, its
 *            points' names, scale bar, island names and caption;
 *   page     legend, scale bar (a regional map), labels, title and source.
 *
 * On a PNG page the map's lower rows and the insets are drawn by a second
 * thread (render_band.c runs draw_lower_rows), the rest in the caller's,
 * in the same order row by row.
 *
 * Not for how anything is drawn or placed: each step is a call into one
 * part (render_map.c the ground, render_network.c the network,
 * render_text.c text and furniture, render_inset.c which insets and their
 * contexts, render_frame.c the frame and projected rings).  No part calls
 * another part above it, nor calls back here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/page.h"
#include "render_band.h"
#include "render_draw.h"
#include "render_frame.h"
#include "render_inset.h"
#include "render_map.h"
#include "render_network.h"
#include "render_symbol.h"
#include "render_text.h"

/*
 * Where the map is split between the two threads of a PNG page, as a
 * share of its frame's height from the top: the second thread also draws
 * the insets, and the north of a world map has most of the land and the
 * links.  On the benchmark's map the two threads took 0.139 and 0.134 s
 * at 0.45 (0.150 and 0.127 at 0.5; one thread drawing the map alone:
 * 0.178, and the insets 0.08 after it).
 */
#define MAP_SPLIT 0.45

/* Free what a map of the page owns (projection, rings, points, placer),
 * not what the page shares with its insets. */
static void free_map(render_ctx *ctx)
{
	render_frame_free(ctx);
	render_network_free(ctx);
	coopmap_placer_free(ctx->placer);
	coopmap_projection_free(ctx->projection);
	ctx->placer = NULL;
	ctx->projection = NULL;
}

void render_draw_free(render_ctx *ctx)
{
	free(ctx->marker_order);
	render_network_free_samples(ctx);
	free_map(ctx);
}

/* What the legend shows that map drew, added to page's (and its longest
 * link step to page's report). */
static void merge_seen(render_ctx *page, const render_ctx *map)
{
	for (int k = 0; k < COOPMAP_PROGRAMME_COUNT; k++)
		page->links_seen[k] |= map->links_seen[k];
	for (int w = 0; w < 3; w++)
		page->link_classes_seen[w] |= map->link_classes_seen[w];
	page->approximate_seen |= map->approximate_seen;
	page->not_stated_seen |= map->not_stated_seen;
	page->report->longest_link_step = fmax(page->report->longest_link_step,
		map->report->longest_link_step);
}

/* A map, the page's or an inset's, prepared: its ground and network in
 * their order. */
static void draw_map(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;

	/* Clipped to a regional map's frame: the ground and the links. */
	cairo_save(cr);
	render_map_draw_sea(ctx);
	if (!ctx->is_inset)   /* a few km across: no meridian in sight */
		render_map_draw_graticule(ctx);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	render_map_draw_countries(ctx);
	render_map_draw_layers(ctx);
	render_map_draw_highlight(ctx);
	render_network_draw_links(ctx);
	cairo_restore(cr);
	/* Not clipped: a point or circle by the frame shows whole. */
	render_network_draw_points(ctx);
	render_map_draw_markers(ctx);
	render_map_draw_edge(ctx);
}

/* The France panel's counts, for the report and the terminal. */
static void report_france_panel(render_ctx *page,
	const render_inset_map *inset)
{
	const render_ctx *sub = &inset->map;

	page->report->france_panel = 1;
	page->report->france_panel_points = inset->report.points_drawn;
	page->report->france_panel_names = inset->report.point_labels_placed;
	page->report->france_panel_establishments = 0;
	for (size_t g = 0; g < sub->n_points; g++) {
		if (sub->points[g].kind == COOPMAP_NODE_ESTABLISHMENT)
			page->report->france_panel_establishments +=
				sub->points[g].members;
	}
	page->report->france_panel_named = inset->report.establishments_named;
}

/* Inset i of layout: its map prepared and drawn, its points named, its
 * scale bar, island names and caption; its labels and box added to the
 * page's placer. */
static int draw_inset(render_ctx *page, const render_inset_layout *layout,
	size_t i, coopmap_error *err)
{
	render_inset_map inset;
	render_ctx *sub = &inset.map;
	int rc = render_inset_map_init(page, layout, i, &inset, err);

	if (rc == COOPMAP_OK)
		rc = render_frame_fit(sub, err);
	if (rc == COOPMAP_OK)
		rc = render_frame_project_countries(sub, err);
	if (rc == COOPMAP_OK)
		rc = render_network_group(sub, err);
	/* Metropolitan France's links are the page map's: strokes from each
	 * establishment towards the panel's edge read as the labels' leader
	 * lines among thirty names. */
	if (rc == COOPMAP_OK && !inset.metropole)
		rc = render_network_prepare_links(sub, err);
	if (rc == COOPMAP_OK) {
		sub->placer = coopmap_placer_new(sub->frame);
		if (sub->placer == NULL)
			rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	if (rc == COOPMAP_OK) {
		size_t n;
		const coopmap_box *boxes;

		draw_map(sub);
		render_text_draw_point_labels(sub);
		render_text_draw_scale_bar(sub);
		render_text_draw_place_names(sub, inset.places);
		/* Centred over the box, as the frame is: the width it was
		 * measured at, so that it wraps into the lines it was given. */
		render_text_small(sub, inset.name, inset.box.x0,
			sub->frame.y0 - inset.caption, inset.box.x1 - inset.box.x0, 1);
		merge_seen(page, sub);
		if (inset.france_panel)
			report_france_panel(page, &inset);
		/* Its labels join the page's, for the report and tests. */
		boxes = coopmap_placer_labels(sub->placer, &n);
		for (size_t k = 0; k < n; k++)
			coopmap_placer_add_label(page->placer, boxes[k]);
		coopmap_placer_add_obstacle(page->placer, inset.box);
	}
	free_map(sub);
	coopmap_render_report_clear(&inset.report);
	return rc;
}

static int draw_insets(render_ctx *ctx, const render_inset_layout *layout,
	coopmap_error *err)
{
	for (size_t i = 0; i < layout->n; i++) {
		const coopmap_box *box = &layout->box[i];
		int rc;

		if (layout->in_frame) {
			/* Over the map: the page's ground under its name. */
			cairo_rectangle(ctx->cr, box->x0, box->y0, box->x1 - box->x0,
				box->y1 - box->y0);
			render_set_color(ctx->cr, ctx->style->background);
			cairo_fill(ctx->cr);
		}
		rc = draw_inset(ctx, layout, i, err);
		if (rc != COOPMAP_OK)
			return rc;
		ctx->report->insets++;
	}
	return COOPMAP_OK;
}

/*
 * What the second thread of a PNG page draws, below the row where the
 * page is split: the map's lower rows, with a copy of the map whose labels
 * and report are dropped (the caller's map, clipped above that row, keeps
 * them), then the insets, with a copy of the page whose labels, obstacles
 * and legend entries the caller adds to its own after.
 */
struct lower_rows {
	render_ctx page;              /* the page's, for the insets */
	render_ctx map;               /* for the map's lower rows; dropped */
	coopmap_render_report page_report, map_report;
	const render_inset_layout *layout;
};

static int draw_lower_rows(cairo_t *cr, PangoContext *pango, int top,
	int bottom, void *data, coopmap_error *err)
{
	struct lower_rows *rows = data;
	render_ctx *map = &rows->map;
	int rc = COOPMAP_OK;

	map->cr = cr;
	map->pango = pango;
	cairo_save(cr);
	cairo_rectangle(cr, 0, top, map->width, bottom - top);
	cairo_clip(cr);
	draw_map(map);
	cairo_restore(cr);
	if (rows->layout->n > 0) {
		rows->page.cr = cr;
		rows->page.pango = pango;
		rc = draw_insets(&rows->page, rows->layout, err);
	}
	return rc;
}

static void free_lower_rows(struct lower_rows *rows)
{
	coopmap_placer_free(rows->page.placer);
	coopmap_placer_free(rows->map.placer);
	coopmap_projection_free(rows->map.projection);
	coopmap_render_report_clear(&rows->page_report);
	coopmap_render_report_clear(&rows->map_report);
	free(rows);
}

/* The copies of ctx the second thread draws with: placers, reports and a
 * projection of their own; NULL when out of memory. */
static struct lower_rows *lower_rows_new(const render_ctx *ctx,
	const render_inset_layout *layout)
{
	coopmap_error ignored = COOPMAP_ERROR_INIT;
	struct lower_rows *rows = calloc(1, sizeof(*rows));

	if (rows == NULL)
		return NULL;
	rows->page = *ctx;
	rows->page_report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	rows->page.report = &rows->page_report;
	rows->page.placer = coopmap_placer_new(ctx->frame);
	rows->map = *ctx;
	rows->map_report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	rows->map.report = &rows->map_report;
	rows->map.placer = coopmap_placer_new(ctx->frame);
	rows->map.projection = NULL;
	rows->layout = layout;
	if (rows->page.placer == NULL || rows->map.placer == NULL ||
	    coopmap_projection_clone(ctx->projection, &rows->map.projection,
		&ignored) != COOPMAP_OK) {
		free_lower_rows(rows);
		return NULL;
	}
	return rows;
}

/* What the insets drawn by the second thread added, into ctx: the
 * legend's entries, the report's counts, the labels and obstacles (in the
 * order the insets added them, after the map's own). */
static void merge_lower_rows(render_ctx *ctx, const struct lower_rows *rows)
{
	const coopmap_render_report *r = &rows->page_report;
	const coopmap_box *boxes;
	size_t n;

	merge_seen(ctx, &rows->page);
	ctx->report->insets += r->insets;
	ctx->report->france_panel = r->france_panel;
	ctx->report->france_panel_points = r->france_panel_points;
	ctx->report->france_panel_names = r->france_panel_names;
	ctx->report->france_panel_establishments =
		r->france_panel_establishments;
	ctx->report->france_panel_named = r->france_panel_named;
	boxes = coopmap_placer_labels(rows->page.placer, &n);
	for (size_t i = 0; i < n; i++)
		coopmap_placer_add_label(ctx->placer, boxes[i]);
	boxes = coopmap_placer_obstacles(rows->page.placer, &n);
	for (size_t i = 0; i < n; i++)
		coopmap_placer_add_obstacle(ctx->placer, boxes[i]);
}

/* The map and the insets: on a PNG page, the rows from a little above the
 * map's middle (and above every inset) down by a second thread. */
static int draw_map_and_insets(render_ctx *ctx,
	const render_inset_layout *layout, coopmap_error *err)
{
	int top = (int)floor(ctx->frame.y0 + MAP_SPLIT *
		(ctx->frame.y1 - ctx->frame.y0));
	struct lower_rows *rows = NULL;
	render_band *band;
	int rc;

	/* An inset over the map's upper half moves the split above it: the
	 * band draws the insets, over its own rows only. */
	for (size_t i = 0; i < layout->n; i++)
		top = (int)fmin(top, floor(layout->box[i].y0) - 1);
	band = render_band_new(ctx->cr, top);
	if (band != NULL && (rows = lower_rows_new(ctx, layout)) == NULL) {
		render_band_free(band);
		band = NULL;
	}
	if (band == NULL) {
		draw_map(ctx);
		return draw_insets(ctx, layout, err);
	}
	render_band_start(band, draw_lower_rows, rows);
	/* The rows below are drawn meanwhile by the band's thread. */
	cairo_save(ctx->cr);
	cairo_rectangle(ctx->cr, 0, 0, ctx->width, top);
	cairo_clip(ctx->cr);
	draw_map(ctx);
	cairo_restore(ctx->cr);
	rc = render_band_finish(band, ctx->cr, err);
	if (rc == COOPMAP_OK && layout->n > 0)
		merge_lower_rows(ctx, rows);
	free_lower_rows(rows);
	return rc;
}

/* How many point symbols and labels the legend and the scale bar cover,
 * for the report: none unless the frame had no room left. */
static void count_furniture_overlaps(render_ctx *ctx)
{
	coopmap_render_report *r = ctx->report;
	const coopmap_box *furniture[2] = { &r->legend_box, &r->scale_box };
	const coopmap_box *labels;
	size_t n;

	labels = coopmap_placer_labels(ctx->placer, &n);
	r->furniture_overlaps = 0;
	for (int k = 0; k < 2; k++) {
		if (furniture[k]->x1 <= furniture[k]->x0)
			continue;
		for (size_t i = 0; r->point_boxes != NULL && i < r->points_drawn;
		    i++)
			r->furniture_overlaps += (size_t)coopmap_box_intersects(
				&r->point_boxes[i], furniture[k]);
		for (size_t i = 0; i < n; i++)
			r->furniture_overlaps += (size_t)coopmap_box_intersects(
				&labels[i], furniture[k]);
	}
}

/* The page's map prepared: frame, countries, circles' order, points,
 * links, classes, placer. */
static int prepare_map(render_ctx *ctx, int n_insets, coopmap_error *err)
{
	int rc = render_frame_fit(ctx, err);

	if (rc == COOPMAP_OK)
		rc = render_frame_project_countries(ctx, err);
	if (rc == COOPMAP_OK)
		rc = render_map_order_markers(ctx, err);
	ctx->france_panel = render_inset_france_panel(ctx);
	if (rc == COOPMAP_OK)
		rc = render_network_group(ctx, err);
	/* A regional map and the insets draw only the links that come near
	 * them. */
	if (rc == COOPMAP_OK && (n_insets > 0 || !ctx->world))
		rc = render_network_sample_links(ctx, err);
	if (rc == COOPMAP_OK)
		rc = render_network_prepare_links(ctx, err);
	if (rc != COOPMAP_OK)
		return rc;
	render_map_classes(ctx);
	ctx->report->classes = ctx->breaks.n;
	ctx->report->map_frame = ctx->frame;
	ctx->placer = coopmap_placer_new(ctx->frame);
	if (ctx->placer == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	return COOPMAP_OK;
}

/*
 * The map to the right of a column of share of its room (the France
 * panel's), as wide as is left and at the top: the room under it holds
 * the legend.  The furniture's room stays the whole.
 */
static int place_beside_column(render_ctx *ctx, double share,
	coopmap_error *err)
{
	coopmap_box *m = &ctx->page_map;
	double b[4], h;
	int rc;

	if (share <= 0)
		return COOPMAP_OK;
	rc = render_frame_extent_bounds(ctx, b, err);
	if (rc != COOPMAP_OK)
		return rc;
	m->x0 += share * (m->x1 - m->x0);
	h = (m->x1 - m->x0) * (b[3] - b[1]) / (b[2] - b[0]);
	if (h < m->y1 - m->y0)
		m->y1 = m->y0 + h;
	return COOPMAP_OK;
}

int render_draw_page(render_ctx *ctx, coopmap_error *err)
{
	double top, bottom, margin = 20 * ctx->unit;
	coopmap_box strip = { 0, 0, 0, 0 };
	render_inset_layout layout;
	int rc, n_insets;

	ctx->pango = coopmap_page_pango(ctx->cr);
	render_set_color(ctx->cr, ctx->style->background);
	cairo_paint(ctx->cr);
	render_text_measure_page(ctx, &top, &bottom);
	ctx->page_map = (coopmap_box){ margin, top, ctx->width - margin,
		ctx->height - bottom };
	n_insets = render_inset_count(ctx, &ctx->report->insets_left_out, err);
	if (n_insets < 0)
		return COOPMAP_ERR_USAGE;
	if (n_insets > 0 && !render_inset_in_frame(ctx, n_insets)) {
		strip = (coopmap_box){ ctx->page_map.x0, ctx->page_map.y1 -
			render_inset_strip_height(ctx, n_insets) * ctx->unit,
			ctx->page_map.x1, ctx->page_map.y1 };
		ctx->page_map.y1 = strip.y0 - 8 * ctx->unit;
	}
	if (ctx->page_map.y1 - ctx->page_map.y0 < 50 * ctx->unit)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"the page is too small for a map under its title");
	ctx->room = ctx->page_map;
	rc = place_beside_column(ctx, render_inset_panel_column(ctx, n_insets),
		err);
	if (rc != COOPMAP_OK)
		return rc;
	rc = prepare_map(ctx, n_insets, err);
	if (rc == COOPMAP_OK)
		rc = render_inset_plan(ctx, strip, &layout, err);
	if (rc == COOPMAP_OK)
		rc = draw_map_and_insets(ctx, &layout, err);
	if (rc != COOPMAP_OK)
		return rc;
	render_text_draw_legend(ctx);
	/* A world map's scale varies too much across it for one bar. */
	if (render_frame_is_regional(ctx))
		ctx->report->scale_box = render_text_draw_scale_bar(ctx);
	render_text_draw_labels(ctx);
	count_furniture_overlaps(ctx);
	render_text_draw_page(ctx);
	return COOPMAP_OK;
}
