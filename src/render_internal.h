/*
 * render_internal.h: what the files of the renderer share (render.c: the
 * page and the surfaces; render_map.c: geometry; render_text.c: text,
 * legend and labels).  Not installed, not a public contract.
 */
#ifndef COOPMAP_RENDER_INTERNAL_H
#define COOPMAP_RENDER_INTERNAL_H

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <pango/pangocairo.h>

#include "coopmap/breaks.h"
#include "coopmap/cut.h"
#include "coopmap/geodesy.h"
#include "coopmap/labels.h"
#include "coopmap/render.h"

/* A point symbol on the page: one node of the network, or a group of
 * nodes that would crowd at the map's scale. */
typedef struct render_point {
	double x, y, r;
	coopmap_node_kind kind;
	size_t members;              /* nodes grouped here */
	size_t approximate;          /* of which placed approximately */
	double value;                /* the measure, summed */
	char *label;                 /* owned */
	int origin;                  /* metropolitan France's establishments
	                                as one, their links drawn from it */
	char *names;                 /* insets: a small group's members' names,
	                                one a line, listed under its label
	                                (owned); NULL otherwise */
} render_point;

/* A link to stroke: its pieces (rings of render_ctx.link_lines, device
 * space, HUGE_VAL where the pen lifts), its colour and width. */
typedef struct render_link {
	size_t first_ring, end_ring;
	coopmap_programme programme;
	int width_class;
} render_link;

/* Every link's great circle every 100 km, lon/lat, link i's points from
 * start[i] to start[i + 1]: the page's, read by its insets. */
typedef struct render_link_samples {
	double *lon, *lat;
	size_t *start;
	size_t n;
	int failed;
} render_link_samples;

typedef struct render_ctx {
	cairo_t *cr;
	const coopmap_map_data *data;
	const coopmap_render_opts *opts;
	const coopmap_style *style;
	const char *lang;
	double width, height;
	double unit;                 /* a thousandth of the shorter side */
	coopmap_projection *projection;
	double area[4];              /* valid lon/lat area of the projection */
	double bbox[4];              /* extent asked, lon/lat */
	int world;
	int is_inset;                /* a map in an inset of the page */
	int france_panel;            /* a world map with a panel of
	                                metropolitan France: its establishments
	                                are one origin on the map */
	double scale, offset_x, offset_y, proj_min_x, proj_max_y;
	coopmap_box page_map;        /* where the map may go on the page */
	coopmap_box frame;           /* where it went */
	coopmap_rings *paths;        /* device-space rings, one per country */
	double *ring_boxes;          /* per ring of paths, x0 y0 x1 y1: those of
	                                country i from ring_box_start[i] */
	size_t *ring_box_start;
	coopmap_rings outline;       /* device-space sphere outline */
	coopmap_breaks breaks;
	coopmap_placer *placer;
	coopmap_render_report *report;
	size_t *marker_order;        /* marker indices, biggest value first */
	PangoContext *pango;         /* one per page: same font options throughout */
	render_point *points;        /* n_points groups of network nodes */
	size_t n_points;
	size_t *group_of;            /* per network node: its group, or -1 */
	coopmap_rings link_lines;    /* the links' pieces, computed once */
	render_link *links;          /* the links to draw, in drawing order */
	size_t n_links;
	render_link_samples *link_samples;   /* owned by the page */
	double link_stub;            /* insets: a link leaving the map is drawn
	                                this long (device units) from its
	                                establishment; 0: whole */
	double point_value_max;
	double point_value_ref;      /* insets: the main map's, so that sizes
	                                compare across the page; 0 otherwise */
	int links_seen[COOPMAP_PROGRAMME_COUNT];   /* for the legend */
	int link_classes_seen[3];
	int approximate_seen;
	int not_stated_seen;         /* countries with projects, no value */
	coopmap_style default_style;
} render_ctx;

/* render_map.c */
/* Projected bounds of the extent asked (map units). */
int render_map_extent_bounds(render_ctx *ctx, double b[4], coopmap_error *err);
int render_map_frame(render_ctx *ctx, coopmap_error *err);
int render_map_project_countries(render_ctx *ctx, coopmap_error *err);
void render_map_draw(render_ctx *ctx);
void render_map_path(render_ctx *ctx, const coopmap_rings *rings);
/* Project lon/lat rings and map them to device space, in place. */
void render_map_to_device(render_ctx *ctx, coopmap_rings *rings);
/* Device position of a lon/lat point; 0 when it is off the map. */
int render_map_point(render_ctx *ctx, double lon, double lat, double *x,
	double *y);
/* The choropleth class of a country, -1 without projects, or
 * RENDER_FILL_NOT_STATED when its projects do not give the measure. */
#define RENDER_FILL_NOT_STATED (-2)
int render_map_fill_index(const render_ctx *ctx, size_t country);
/* Whether the map is a regional or country map of the page (not the
 * world, not an inset, less than a hemisphere wide): the one that names
 * its neighbours, carries a scale bar and fades layers around its
 * subject. */
int render_map_is_regional(const render_ctx *ctx);
/* Whether a country is what the map is about: it has projects, or it is
 * outlined. */
int render_map_is_subject(const render_ctx *ctx, size_t country);
/* The place along the map frame's sides (inset by margin) where a w x h
 * box covers no point, obstacle or label and the least land (the
 * subject's least of all): the corners
 * first (bottom-left, bottom-right, top-left, top-right) on ties, then
 * places slid along the sides. */
coopmap_box render_map_quiet_corner(render_ctx *ctx, double w, double h,
	double margin);
/* Whether box covers no land, point, obstacle or label of the map. */
int render_map_box_is_quiet(render_ctx *ctx, const coopmap_box *box);
void render_set_color(cairo_t *cr, coopmap_color c);

/* The symbol of layer i: how it is drawn on the map and in the legend. */
enum layer_symbol { SYMBOL_HATCH, SYMBOL_OUTLINE, SYMBOL_DOTS,
	SYMBOL_CROSSHATCH, SYMBOL_STRIPES };
enum layer_symbol render_layer_symbol(size_t layer);
coopmap_color render_layer_color(const render_ctx *ctx, size_t layer);
/* Draw layer i's symbol over the current path, which it consumes. */
void render_layer_paint(render_ctx *ctx, size_t layer);

/* Proportional circles: radius for a value, and one circle drawn. */
double render_marker_radius(const render_ctx *ctx, double value);
void render_marker_paint(render_ctx *ctx, double x, double y, double r);

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
/* Links' width classes (1 project, 2-3, 4 and more) and their widths. */
int render_link_class(size_t projects);
double render_link_width(const render_ctx *ctx, int width_class);
void render_point_paint(render_ctx *ctx, coopmap_node_kind kind,
	int approximate, double x, double y, double r);

/* render_inset.c */
/* How many insets the options ask for (-1 with err set on a bad name);
 * left_out (may be NULL): how many the automatic choice left out, having
 * nothing to show. */
int render_inset_count(const render_ctx *ctx, size_t *left_out,
	coopmap_error *err);
/* Whether the page draws a panel of metropolitan France because its
 * establishments crowd on a world map (render_inset.c says when). */
int render_inset_france_panel(const render_ctx *ctx);
/* Whether lon/lat is in metropolitan France's panel. */
int render_inset_in_metropole(double lon, double lat);
/* Where a world map with the panel draws metropolitan France's one
 * origin: near the middle of the metropole (lon/lat degrees). */
#define RENDER_METROPOLE_LON 2.45
#define RENDER_METROPOLE_LAT 46.6

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
/* The number of nodes of a group, inside its symbol. */
void render_text_point_count(render_ctx *ctx, const render_point *p);
int render_text_check_font(const coopmap_style *style, coopmap_error *err);
/* Heights of the title block and of the source line, to lay out the page. */
void render_text_measure_page(render_ctx *ctx, double *top, double *bottom);
void render_text_draw_page(render_ctx *ctx);
int render_text_draw_legend(render_ctx *ctx);
int render_text_draw_labels(render_ctx *ctx);

#endif
