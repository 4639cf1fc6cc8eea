/*
 * render_ctx.h: the context every part of the renderer draws with (one map
 * of the page: the page's own, or one of its insets), and the few types
 * the parts pass to each other.  Not installed, not a public contract.
 *
 * What it is for: the state of one map as the drawing order
 * (render_draw.c) builds it up: its projection and frame, its projected
 * countries, its network's points and links, its placer, and what the
 * legend must show.  What it is not for: functions (each part declares its
 * own in src/render_<part>.h), nor what only one part needs.
 */
#ifndef COOPMAP_RENDER_CTX_H
#define COOPMAP_RENDER_CTX_H

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
	coopmap_box room;            /* where the frame's furniture (legend,
	                                insets) may go: the frame, or more of
	                                the page when the map leaves room
	                                beside it (a world map with the France
	                                panel); empty: the frame */
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

/*
 * Metropolitan France, lon/lat degrees: the France panel's extent, and on
 * a world map with the panel the area whose establishments are one origin,
 * drawn at RENDER_METROPOLE_LON/LAT (near the middle of the metropole).
 */
#define RENDER_METROPOLE_WEST (-5.6)
#define RENDER_METROPOLE_SOUTH 41.2
#define RENDER_METROPOLE_EAST 10.0
#define RENDER_METROPOLE_NORTH 51.3
#define RENDER_METROPOLE_LON 2.45
#define RENDER_METROPOLE_LAT 46.6

/* Whether lon/lat is in metropolitan France's panel. */
static inline int render_in_metropole(double lon, double lat)
{
	return lon >= RENDER_METROPOLE_WEST && lon <= RENDER_METROPOLE_EAST &&
		lat >= RENDER_METROPOLE_SOUTH && lat <= RENDER_METROPOLE_NORTH;
}

#endif
