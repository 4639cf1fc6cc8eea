/*
 * render_symbol.h: the marks of the map (render_symbol.c), what every
 * other part of the renderer draws with.  Not installed, not a public
 * contract; hidden from the library's exports.
 */
#ifndef COOPMAP_RENDER_SYMBOL_H
#define COOPMAP_RENDER_SYMBOL_H

#include "render_ctx.h"

#pragma GCC visibility push(hidden)

void render_set_color(cairo_t *cr, coopmap_color c);

/* The symbol of layer i: how it is drawn on the map and in the legend. */
enum layer_symbol { SYMBOL_HATCH, SYMBOL_OUTLINE, SYMBOL_DOTS,
	SYMBOL_CROSSHATCH, SYMBOL_STRIPES };
enum layer_symbol render_layer_symbol(size_t layer);
coopmap_color render_layer_color(const render_ctx *ctx, size_t layer);
/* Draw layer i's symbol over the current path, which it consumes, its
 * colour's opacity times fade (1: the style's). */
void render_layer_paint(render_ctx *ctx, size_t layer, double fade);

/* Proportional circles: radius for a value, and one circle drawn. */
double render_marker_radius(const render_ctx *ctx, double value);
void render_marker_paint(render_ctx *ctx, double x, double y, double r);

/* A point of the network: a disc of its kind's colour, or a dashed ring
 * when placed approximately. */
void render_point_paint(render_ctx *ctx, coopmap_node_kind kind,
	int approximate, double x, double y, double r);
/* The number of nodes of a group, inside its symbol (when it fits). */
void render_point_count(render_ctx *ctx, const render_point *p);

/* Links' width classes (1 project, 2-3, 4 and more) and their widths. */
int render_link_class(size_t projects);
double render_link_width(const render_ctx *ctx, int width_class);

/* A layout in the style's font at size (style units) and weight (caller
 * unrefs), its size in device units, and the text shown at (x, y), its
 * top-left corner, in color with a halo (a width, 0: none). */
PangoLayout *render_font_layout(render_ctx *ctx, const char *text,
	double size, PangoWeight weight);
void render_layout_size(PangoLayout *layout, double *w, double *h);
void render_show_text(render_ctx *ctx, PangoLayout *layout, double x,
	double y, coopmap_color color, double halo);

#pragma GCC visibility pop

#endif
