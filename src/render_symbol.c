/*
 * render_symbol.c: the marks of the map in the style's colours, sizes and
 * type: a colour set on the pen, a policy layer's symbol (hatching, dots,
 * stripes, outline), a proportional circle, a point of the network (a
 * dashed ring when placed approximately, its count inside a group), a
 * link's width class, and a text in the style's font with its halo.  The
 * map, the network, the insets and the legend draw their marks through
 * here, so that the legend shows what the map shows.
 *
 * Not for deciding where a mark goes or whether it is drawn (the parts
 * that call it do), and it calls no other part of the renderer: it is the
 * bottom of their order (render_draw.c).
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>

#include "coopmap/page.h"
#include "render_symbol.h"

void render_set_color(cairo_t *cr, coopmap_color c)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

enum layer_symbol render_layer_symbol(size_t layer)
{
	static const enum layer_symbol order[] = { SYMBOL_HATCH, SYMBOL_OUTLINE,
		SYMBOL_DOTS, SYMBOL_CROSSHATCH, SYMBOL_STRIPES };

	return order[layer % (sizeof(order) / sizeof(order[0]))];
}

coopmap_color render_layer_color(const render_ctx *ctx, size_t layer)
{
	if (layer == 0)
		return ctx->style->priority_hatch;
	return ctx->style->layer_colors[(layer - 1) %
		(size_t)ctx->style->n_layer_colors];
}

/* At most this many dots over a whole page, whatever its size. */
#define MAX_PATTERN_MARKS 1e6

/*
 * The hatch step in device units: the style's, but never under a pixel
 * (or point), nor so fine that a page would hold more than
 * MAX_PATTERN_MARKS dots: the style's range is relative to the shorter
 * side, and a page 20000 wide and 200 high would otherwise hatch every
 * 0.2 px.
 */
static double pattern_step(const render_ctx *ctx)
{
	double floor_step = fmax(1.0, sqrt(ctx->width * ctx->height /
		MAX_PATTERN_MARKS));

	return fmax(ctx->style->priority_hatch_spacing * ctx->unit, floor_step);
}

/*
 * Lines or dots over the clip: drawn, not a repeating pattern surface, so
 * that PNG, SVG and PDF show the same; on a grid anchored at the page
 * origin, so that neighbouring countries' lines meet.
 */
static void paint_pattern(render_ctx *ctx, enum layer_symbol symbol)
{
	cairo_t *cr = ctx->cr;
	double x0, y0, x1, y1;
	double step = pattern_step(ctx);

	cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
	if (!(x1 > x0 && y1 > y0) || step <= 0)
		return;
	if (symbol == SYMBOL_DOTS) {
		step *= 1.5;
		for (double y = floor(y0 / step) * step; y <= y1; y += step) {
			for (double x = floor(x0 / step) * step; x <= x1; x += step) {
				cairo_new_sub_path(cr);
				cairo_arc(cr, x, y, 0.22 * step, 0, 2 * G_PI);
			}
		}
		cairo_fill(cr);
		return;
	}
	if (symbol == SYMBOL_STRIPES) {
		for (double y = floor(y0 / step) * step; y <= y1; y += step) {
			cairo_move_to(cr, x0, y);
			cairo_line_to(cr, x1, y);
		}
	} else {
		/* Lines x - y = c (hatch) or x + y = c (cross-hatch). */
		int cross = symbol == SYMBOL_CROSSHATCH;
		double lo = cross ? x0 + y0 : x0 - y1, hi = cross ? x1 + y1 : x1 - y0;

		for (double c = floor(lo / step) * step; c <= hi; c += step) {
			cairo_move_to(cr, cross ? c - y0 : c + y0, y0);
			cairo_line_to(cr, cross ? c - y1 : c + y1, y1);
		}
	}
	cairo_set_line_width(cr, ctx->style->priority_hatch_width * ctx->unit);
	cairo_stroke(cr);
}

/* Layer i's symbol over the current path, its colour's opacity times
 * fade. */
void render_layer_paint(render_ctx *ctx, size_t layer, double fade)
{
	cairo_t *cr = ctx->cr;
	enum layer_symbol symbol = render_layer_symbol(layer);
	coopmap_color color = render_layer_color(ctx, layer);

	color.a *= fade;
	render_set_color(cr, color);
	if (symbol == SYMBOL_OUTLINE) {
		cairo_set_line_width(cr, ctx->style->layer_line_width * ctx->unit);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		cairo_stroke(cr);
		return;
	}
	cairo_save(cr);
	cairo_clip(cr);
	paint_pattern(ctx, symbol);
	cairo_restore(cr);
}

double render_marker_radius(const render_ctx *ctx, double value)
{
	return ctx->style->marker_size * ctx->unit * sqrt(value > 0 ? value : 0);
}

void render_marker_paint(render_ctx *ctx, double x, double y, double r)
{
	cairo_t *cr = ctx->cr;

	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * G_PI);
	render_set_color(cr, ctx->style->marker);
	cairo_fill_preserve(cr);
	render_set_color(cr, ctx->style->marker_edge);
	cairo_set_line_width(cr, 0.6 * ctx->unit);
	cairo_stroke(cr);
}

void render_point_paint(render_ctx *ctx, coopmap_node_kind kind,
	int approximate, double x, double y, double r)
{
	cairo_t *cr = ctx->cr;
	coopmap_color fill = kind == COOPMAP_NODE_ESTABLISHMENT
		? ctx->style->establishment : ctx->style->partner;

	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * G_PI);
	if (approximate) {
		/* Placed at its country's point: a dashed ring, not a dot. */
		double dash = 1.6 * ctx->unit;
		coopmap_color halo = ctx->style->point_edge;

		halo.a = 0.7;
		render_set_color(cr, halo);
		cairo_fill_preserve(cr);
		render_set_color(cr, fill);
		cairo_set_line_width(cr, 1.1 * ctx->unit);
		cairo_set_dash(cr, &dash, 1, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		return;
	}
	render_set_color(cr, fill);
	cairo_fill_preserve(cr);
	render_set_color(cr, ctx->style->point_edge);
	cairo_set_line_width(cr, 0.7 * ctx->unit);
	cairo_stroke(cr);
}

void render_point_count(render_ctx *ctx, const render_point *p)
{
	char text[32];
	PangoLayout *layout;
	double w, h, size = fmin(p->r * 1.1 / ctx->unit, 9.0);

	snprintf(text, sizeof(text), "%zu", p->members);
	layout = render_font_layout(ctx, text, size, PANGO_WEIGHT_BOLD);
	render_layout_size(layout, &w, &h);
	if (w < 1.8 * p->r)
		render_show_text(ctx, layout, p->x - w / 2, p->y - h / 2,
			ctx->style->point_edge, 0);
	g_object_unref(layout);
}

/* Width classes of links: 1 project, 2-3, 4 and more. */
int render_link_class(size_t projects)
{
	return projects >= 4 ? 2 : projects >= 2 ? 1 : 0;
}

double render_link_width(const render_ctx *ctx, int width_class)
{
	return ctx->style->link_width * ctx->unit * (1.0 + 1.2 * width_class);
}

/* A layout in the style's font at size (style units) and weight. */
PangoLayout *render_font_layout(render_ctx *ctx, const char *text,
	double size, PangoWeight weight)
{
	return coopmap_page_layout(ctx->pango, ctx->style->font_family,
		size * ctx->unit, weight, text);
}

void render_layout_size(PangoLayout *layout, double *w, double *h)
{
	int pw, ph;

	pango_layout_get_size(layout, &pw, &ph);
	*w = (double)pw / PANGO_SCALE;
	*h = (double)ph / PANGO_SCALE;
}

/* Text in color, with a halo (a width, 0: none) so that it reads over
 * hatching and borders; every text of the map goes through here. */
void render_show_text(render_ctx *ctx, PangoLayout *layout, double x,
	double y, coopmap_color color, double halo)
{
	coopmap_color h = ctx->style->text_halo;
	coopmap_page_text text = { layout, x, y,
		{ color.r, color.g, color.b, color.a }, { h.r, h.g, h.b, h.a }, halo };

	coopmap_page_show_text(ctx->cr, &text);
}
