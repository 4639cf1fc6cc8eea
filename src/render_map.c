/*
 * render_map.c: the ground of a map, drawn in the drawing order's steps
 * (render_draw.c): the sea and the graticule, the countries filled by the
 * choropleth's classes with their borders, the policy layers' symbols
 * (lighter around a regional map's subject), the outlined countries, the
 * proportional circles and the frame's edge; and what those need computed
 * once: the choropleth's class breaks, the circles' order.
 *
 * Not for the network (render_network.c), text (render_text.c) or where a
 * thing is (render_frame.c, which it calls, with the marks of
 * render_symbol.c).
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render_frame.h"
#include "render_map.h"
#include "render_symbol.h"

/* The choropleth class of a country, -1 without projects, or
 * FILL_NOT_STATED when its projects do not give the measure. */
#define FILL_NOT_STATED (-2)

static int fill_index(const render_ctx *ctx, size_t country)
{
	const coopmap_country_stats *s;

	if (ctx->data->stats == NULL)
		return -1;
	s = &ctx->data->stats[country];
	if (s->projects > 0 && s->known[ctx->data->measure] == 0)
		return FILL_NOT_STATED;
	return coopmap_breaks_class(&ctx->breaks, s->sum[ctx->data->measure]);
}

void render_map_classes(render_ctx *ctx)
{
	size_t n = coopmap_countries_count(ctx->data->countries);
	double *values;

	memset(&ctx->breaks, 0, sizeof(ctx->breaks));
	if (ctx->data->stats == NULL)
		return;
	values = calloc(n + 1, sizeof(double));
	if (values == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		values[i] = ctx->data->stats[i].sum[ctx->data->measure];
	coopmap_breaks_quantiles(values, n, ctx->style->n_classes, &ctx->breaks);
	free(values);
}

/* Markers by value, biggest first; ties by input order. */
static gint compare_markers(gconstpointer a, gconstpointer b, gpointer data)
{
	const coopmap_map_data *d = data;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	double vi = d->markers[i].value, vj = d->markers[j].value;

	if (vi != vj)
		return vi > vj ? -1 : 1;
	return (i > j) - (i < j);
}

int render_map_order_markers(render_ctx *ctx, coopmap_error *err)
{
	ctx->marker_order = calloc(ctx->data->n_markers + 1, sizeof(size_t));
	if (ctx->marker_order == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < ctx->data->n_markers; i++)
		ctx->marker_order[i] = i;
	g_qsort_with_data(ctx->marker_order, (gint)ctx->data->n_markers,
		sizeof(size_t), compare_markers, (gpointer)ctx->data);
	return COOPMAP_OK;
}

/*
 * A world map needs no clip: every feature was cut to the projection's
 * valid area, so the sphere outline bounds them all.  A regional map clips
 * to its frame, a rectangle: cheap in every format (a clip by the sphere
 * outline would be written again for each shape in SVG).
 */
void render_map_draw_sea(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;

	if (!ctx->world) {
		cairo_rectangle(cr, ctx->frame.x0, ctx->frame.y0,
			ctx->frame.x1 - ctx->frame.x0, ctx->frame.y1 - ctx->frame.y0);
		cairo_clip(cr);
	}
	/* Outside the valid area of a regional map's projection there is
	 * nothing to draw, so the frame is all sea (an azimuthal projection's
	 * outline is the antipode's circle, not a shape to fill). */
	if (ctx->is_inset)
		cairo_rectangle(cr, ctx->frame.x0, ctx->frame.y0,
			ctx->frame.x1 - ctx->frame.x0, ctx->frame.y1 - ctx->frame.y0);
	else
		render_frame_path(ctx, &ctx->outline);
	render_set_color(cr, ctx->style->ocean);
	cairo_fill(cr);
}

void render_map_draw_graticule(render_ctx *ctx)
{
	double step = ctx->style->graticule_step;
	double lon[400], lat[400];
	coopmap_rings lines = COOPMAP_RINGS_INIT;
	cairo_t *cr = ctx->cr;

	/* Meridians from the map's west edge, parallels without the poles. */
	for (double m = ctx->area[0] + step; m < ctx->area[2] - 1e-9; m += step) {
		size_t n = 0;

		for (double a = -90; a <= 90; a += 1.0, n++) {
			lon[n] = m;
			lat[n] = fmax(ctx->area[1], fmin(ctx->area[3], a));
		}
		coopmap_cut_line(lon, lat, n, ctx->area, RENDER_DENSIFY_STEP, &lines, NULL);
	}
	for (double p = -90 + step; p < 90 - 1e-9; p += step) {
		size_t n = 0;

		if (p < ctx->area[1] || p > ctx->area[3])
			continue;
		for (double a = ctx->area[0] + 1e-7; a <= ctx->area[2]; a += 1.0)
			lat[n] = p, lon[n++] = a;
		lat[n] = p;
		lon[n++] = ctx->area[2] - 1e-7;
		coopmap_cut_line(lon, lat, n, ctx->area,
			RENDER_DENSIFY_STEP, &lines, NULL);
	}
	render_frame_to_device(ctx, &lines);
	for (size_t r = 0; r < lines.n_rings; r++) {
		int pen_down = 0;

		for (size_t i = lines.start[r]; i < lines.start[r + 1]; i++) {
			if (lines.x[i] == HUGE_VAL) {
				pen_down = 0;
				continue;
			}
			if (pen_down)
				cairo_line_to(cr, lines.x[i], lines.y[i]);
			else
				cairo_move_to(cr, lines.x[i], lines.y[i]);
			pen_down = 1;
		}
	}
	render_set_color(cr, ctx->style->graticule);
	cairo_set_line_width(cr, ctx->style->graticule_width * ctx->unit);
	cairo_stroke(cr);
	coopmap_rings_clear(&lines);
}

/*
 * A country with no polygon at the map's scale (Tuvalu, Tokelau at 50m)
 * that the data fills: a disc of its class's colour at its point, with the
 * border's colour around it, so that it is seen and counted as the legend
 * says.  Countries the data leave unfilled get no mark.
 */
static void draw_country_points(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;
	size_t n = coopmap_countries_count(ctx->data->countries);
	double r = 4.0 * ctx->unit, x, y;   /* round a label's anchor dot */

	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(
			ctx->data->countries, i);
		int k = fill_index(ctx, i);

		if (c->geometry.n_rings > 0 || k == -1 ||
		    !render_frame_point(ctx, c->label_lon, c->label_lat, &x, &y))
			continue;
		if (k == FILL_NOT_STATED)
			ctx->not_stated_seen = 1;
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * G_PI);
		render_set_color(cr, k >= 0 ? ctx->style->classes[k]
			: ctx->style->not_stated);
		cairo_fill_preserve(cr);
		render_set_color(cr, ctx->style->border);
		cairo_set_line_width(cr, ctx->style->border_width * ctx->unit);
		cairo_stroke(cr);
	}
}

/*
 * Each country filled, then its border stroked, one country at a time:
 * Cairo strokes a path with every country in it several times slower than
 * the countries one by one (its cost grows faster than the path).  A
 * shared border is stroked by both neighbours, the second on top of the
 * second's fill, so that with an opaque border colour the map is the same
 * as all fills then all borders; and a fill followed by the stroke of the
 * same path is one element in SVG and PDF (the path written once instead
 * of twice).  A translucent border keeps the two passes, so that each
 * shared border shows both strokes whole.
 */
static void fill_countries(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;
	size_t n = coopmap_countries_count(ctx->data->countries);
	int together = ctx->style->border.a >= 1.0;

	cairo_set_line_width(cr, ctx->style->border_width * ctx->unit);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 0; i < n; i++) {
		int k = fill_index(ctx, i);

		if (ctx->paths[i].n_points == 0)
			continue;
		render_frame_path(ctx, &ctx->paths[i]);
		render_set_color(cr, k >= 0 ? ctx->style->classes[k]
			: k == FILL_NOT_STATED ? ctx->style->not_stated
			: ctx->style->land);
		if (k == FILL_NOT_STATED)
			ctx->not_stated_seen = 1;
		if (!together) {
			cairo_fill(cr);
			continue;
		}
		cairo_fill_preserve(cr);
		render_set_color(cr, ctx->style->border);
		cairo_stroke(cr);
	}
	render_set_color(cr, ctx->style->border);
	for (size_t i = 0; i < n && !together; i++) {
		if (ctx->paths[i].n_points == 0)
			continue;
		render_frame_path(ctx, &ctx->paths[i]);
		cairo_stroke(cr);
	}
}

void render_map_draw_countries(render_ctx *ctx)
{
	fill_countries(ctx);
	draw_country_points(ctx);
}

/*
 * A regional or country map is about its subject (the countries with
 * projects): around it, a layer's symbol is lighter, so that it does not
 * flood the frame nor hide the neighbours' names; the first layer's
 * outline still says where it lies.
 */
#define LAYER_FADE_AROUND 0.35

static void draw_layer(render_ctx *ctx, size_t index)
{
	const coopmap_layer *layer = ctx->data->layers[index];
	cairo_t *cr = ctx->cr;

	for (size_t i = 0; i < coopmap_layer_member_count(layer); i++) {
		const coopmap_country *c = coopmap_layer_member(layer, i);

		/* A country listed twice (two territories) is drawn once. */
		if (coopmap_layer_find(layer, c, 0) != (long)i)
			continue;
		size_t k = coopmap_country_index(ctx->data->countries, c);

		render_frame_path(ctx, &ctx->paths[k]);
		render_layer_paint(ctx, index, !render_frame_is_regional(ctx) ||
			render_frame_is_subject(ctx, k) ? 1.0 : LAYER_FADE_AROUND);
	}
	if (index != 0)
		return;
	/* The first layer also gets an outline, so that it reads where the
	 * hatching is sparse (small countries); once per country too. */
	for (size_t i = 0; i < coopmap_layer_member_count(layer); i++) {
		const coopmap_country *c = coopmap_layer_member(layer, i);

		if (coopmap_layer_find(layer, c, 0) == (long)i)
			render_frame_path(ctx, &ctx->paths[coopmap_country_index(
				ctx->data->countries, c)]);
	}
	render_set_color(cr, ctx->style->priority_outline);
	cairo_set_line_width(cr, ctx->style->priority_outline_width * ctx->unit);
	cairo_stroke(cr);
}

void render_map_draw_layers(render_ctx *ctx)
{
	for (size_t i = 0; i < ctx->data->n_layers; i++)
		draw_layer(ctx, i);
}

void render_map_draw_highlight(render_ctx *ctx)
{
	size_t n = coopmap_countries_count(ctx->data->countries);

	if (ctx->data->highlight == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ctx->data->highlight[i])
			render_frame_path(ctx, &ctx->paths[i]);
	}
	render_set_color(ctx->cr, ctx->style->highlight);
	cairo_set_line_width(ctx->cr, ctx->style->highlight_width * ctx->unit);
	cairo_set_line_join(ctx->cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(ctx->cr);
}

/* Biggest first, so that small circles stay visible on top. */
void render_map_draw_markers(render_ctx *ctx)
{
	for (size_t k = 0; k < ctx->data->n_markers; k++) {
		const coopmap_render_marker *m = &ctx->data->markers[
			ctx->marker_order[k]];
		double x, y, r = render_marker_radius(ctx, m->value);

		if (!render_frame_point(ctx, m->lon, m->lat, &x, &y))
			continue;
		render_marker_paint(ctx, x, y, r);
		coopmap_placer_add_obstacle(ctx->placer,
			(coopmap_box){ x - r, y - r, x + r, y + r });
	}
}

/* The frame's edge: the sphere's outline on a world map, the frame's
 * rectangle otherwise. */
void render_map_draw_edge(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;

	if (ctx->world) {
		render_frame_path(ctx, &ctx->outline);
		render_set_color(cr, ctx->style->sphere_outline);
		cairo_set_line_width(cr, ctx->style->sphere_outline_width * ctx->unit);
		cairo_stroke(cr);
	} else {
		cairo_rectangle(cr, ctx->frame.x0, ctx->frame.y0,
			ctx->frame.x1 - ctx->frame.x0, ctx->frame.y1 - ctx->frame.y0);
		render_set_color(cr, ctx->style->sphere_outline);
		cairo_set_line_width(cr, ctx->style->sphere_outline_width * ctx->unit);
		cairo_stroke(cr);
	}
}
