/*
 * render.h: the cooperation map, drawn with Cairo (PNG, SVG or PDF by the
 * output's extension) and Pango (every text): a choropleth of projects per
 * partner country with stated class bounds, policy layers drawn over it
 * (each with its own symbol, several readable at once), sphere outline and graticule, French (or English) country labels that
 * do not overlap, a legend, a title, a subtitle and a source line.
 *
 * Not for: reading projects (records.h) or aggregating them (join.h).
 */
#ifndef COOPMAP_RENDER_H
#define COOPMAP_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/join.h"
#include "coopmap/labels.h"
#include "coopmap/layers.h"
#include "coopmap/network.h"
#include "coopmap/simplify.h"
#include "coopmap/style.h"

/* A proportional symbol: a circle of area proportional to value. */
typedef struct coopmap_render_marker {
	double lon, lat;
	double value;
	const char *label;       /* drawn beside it when room is left, or NULL */
} coopmap_render_marker;

/* What the map shows; all borrowed. */
typedef struct coopmap_map_data {
	const coopmap_countries *countries;
	const coopmap_country_stats *stats;  /* per country, registry order */
	coopmap_summary summary;
	/* Policy layers drawn over the choropleth, each with its own symbol
	 * (hatching, outline, dots, cross-hatching, stripes, in this order);
	 * at most COOPMAP_RENDER_MAX_LAYERS. */
	const coopmap_layer *const *layers;
	size_t n_layers;
	/* Proportional circles (shared partner hospitals ...), with the
	 * legend's words for them; n_markers 0 for none. */
	const coopmap_render_marker *markers;
	size_t n_markers;
	const char *markers_title;
	/* Countries outlined (per country, registry order; NULL for none),
	 * with the legend's words. */
	const unsigned char *highlight;
	const char *highlight_title;
	/* Establishments, partner hospitals and the links between them
	 * (NULL for none): points grouped where they crowd at the map's
	 * scale, great-circle links coloured by programme. */
	const coopmap_network *network;
	/* What the choropleth and the points show (projects by default). */
	coopmap_measure measure;
	/* What the project list was filtered on ("APCHI, 2019–2023"), said in
	 * the subtitle; NULL for nothing. */
	const char *filters;
	/* The topology of countries (simplify.h), shared by the maps of one
	 * model so that it is built once and each scale simplified once, also
	 * across threads; NULL: each map builds its own. */
	coopmap_topology *topology;
} coopmap_map_data;

#define COOPMAP_RENDER_MAX_LAYERS 5
/* The longest side of a page, in pixels (PNG) or points (SVG, PDF): what
 * bounds the work and memory of one page (20000 x 20000 x 4 bytes). */
#define COOPMAP_RENDER_MAX_SIDE 20000

/* The page's width when the options give none: pixels for PNG, points
 * for SVG and PDF; the height follows the extent's shape. */
#define COOPMAP_RENDER_DEFAULT_WIDTH_PNG 2400
#define COOPMAP_RENDER_DEFAULT_WIDTH_VECTOR 1200

typedef struct coopmap_render_opts {
	const char *crs;        /* any CRS PROJ knows; Equal Earth by default */
	const char *extent;     /* world|africa|europe|americas|asia|oceania|
	                           "minlon,minlat,maxlon,maxlat" */
	int width, height;      /* pixels (PNG) or points (SVG, PDF); 0: default;
	                           each at most COOPMAP_RENDER_MAX_SIDE */
	const char *title;      /* NULL: the default title (the run's
	                           language, i18n.h) */
	const char *subtitle;   /* NULL: counts and years from the summary */
	const char *source;     /* data credit; NULL: a generic credit */
	const char *lang;       /* "fr" (default) or "en": the data's
	                           names (countries, layers, measures,
	                           programmes) and dates; the map's own words
	                           (title, legend, source line) come from the
	                           run's catalogue (coopmap_i18n_init) */
	const coopmap_style *style;  /* NULL: the default style */
	const char *date;       /* ISO date "YYYY-MM-DD" shown in the source
	                           line and stamped in PDFs; "" for none */
	/* Points whose place on the page the caller wants back (report's
	 * probe_x, probe_y): tests sample the drawn colour there. */
	const double *probe_lon, *probe_lat;
	size_t n_probes;
	/* Insets in a row under the map, each with its own scale: NULL for
	 * the French overseas territories on world and Europe maps (none
	 * elsewhere), "" for none, or ids with commas: antilles, guyane,
	 * reunion, mayotte, spm, nouvelle-caledonie, polynesie,
	 * wallis-futuna, france (metropolitan France), overseas (the
	 * eight overseas ones). */
	const char *insets;
	/* A panel of metropolitan France on a world map, each establishment
	 * named in it, the world map drawing the metropole as one origin with
	 * its links: 0 (the default) when its establishments crowd at world
	 * scale (five or more, see render_inset.c) and no insets are named;
	 * 1 whenever a metropolitan establishment is on the map; -1 never
	 * (they stay on the world map, grouped by place). */
	int france_panel;
} coopmap_render_opts;

#define COOPMAP_RENDER_OPTS_INIT \
	{ "EPSG:8857", "world", 0, 0, NULL, NULL, NULL, "fr", NULL, "", NULL, \
	  NULL, 0, NULL, 0 }

/* What was drawn, for tests and the CLI's report (owned by the caller's
 * struct; free with coopmap_render_report_clear). */
typedef struct coopmap_render_report {
	int width, height;
	size_t labels_wanted;       /* countries with projects whose label point is on the map */
	size_t labels_placed;
	coopmap_box *label_boxes;   /* labels_placed boxes, device units */
	coopmap_box legend_box;
	coopmap_box map_frame;
	int classes;                /* number of choropleth classes drawn */
	size_t legend_rows;         /* classes, "no project", one per layer */
	double *probe_x, *probe_y;  /* n_probes page positions; NAN when the
	                               point is off the map */
	size_t nodes_drawn;         /* network nodes on the map */
	size_t points_drawn;        /* their symbols once grouped */
	size_t point_labels_placed;
	size_t links_drawn;         /* on the main map (insets aside) */
	double longest_link_step;   /* longest segment of a drawn link */
	size_t insets;              /* overseas insets drawn */
	coopmap_box *point_boxes;   /* points_drawn symbol boxes */
	size_t insets_left_out;     /* overseas insets with nothing to show,
	                               not drawn (--insets overseas draws them) */
	coopmap_box scale_box;      /* the main map's scale bar; empty on a
	                               world map */
	size_t furniture_overlaps;  /* point symbols and labels the legend or
	                               the scale bar covers, for want of room */
	size_t neighbour_labels_placed;   /* regional maps: countries without
	                                     projects named in the frame */
	int france_panel;           /* the metropolitan France panel drawn */
	size_t france_panel_points; /* its establishment symbols */
	size_t france_panel_names;  /* of which named (the others: no room) */
	size_t establishments_named;        /* the main map's establishments
	                                       whose name it shows: beside
	                                       their symbol, or listed under
	                                       their group's */
	size_t france_panel_establishments; /* the panel's establishments */
	size_t france_panel_named;          /* of which named */
} coopmap_render_report;

#define COOPMAP_RENDER_REPORT_INIT \
	{ 0, 0, 0, 0, NULL, {0, 0, 0, 0}, {0, 0, 0, 0}, 0, 0, NULL, NULL, \
	  0, 0, 0, 0, 0, 0, NULL, 0, {0, 0, 0, 0}, 0, 0, 0, 0, 0, 0, 0, 0 }

void coopmap_render_report_clear(coopmap_render_report *report);

/*
 * Render to path; the format is the extension: .png, .svg or .pdf.  The file
 * is written whole or not at all (output.h).  report may be NULL.  Several
 * maps of one data may be rendered at once from different threads: each
 * call has its own projection, surface and Pango context, and reads data
 * only (its topology locks what it caches).
 * Errors: COOPMAP_ERR_USAGE (unknown extension, bad extent or size),
 * COOPMAP_ERR_CRS, COOPMAP_ERR_STYLE (font not installed), COOPMAP_ERR_IO,
 * COOPMAP_ERR_RENDER.
 */
int coopmap_render_map(const coopmap_map_data *data,
	const coopmap_render_opts *opts, const char *path,
	coopmap_render_report *report, coopmap_error *err);

/*
 * The same map written to stream (an open_memstream for a page that
 * inlines it ...), format "png", "svg" or "pdf".  Same errors.
 */
int coopmap_render_map_to_stream(const coopmap_map_data *data,
	const coopmap_render_opts *opts, const char *format, FILE *stream,
	coopmap_render_report *report, coopmap_error *err);

/*
 * Render the same map to n paths at once (map.png, map.svg, map.pdf ...),
 * each in a thread of its own when n > 1, sharing data's topology (built
 * once here when data has none).  reports: n reports, or NULL; errs: n
 * error objects, each filled when its map fails.  Every file is written
 * whole or not at all, independently of the others; each has the bytes it
 * would have alone, whatever n.  Returns the first failure's code, or
 * COOPMAP_OK.
 */
int coopmap_render_maps(const coopmap_map_data *data,
	const coopmap_render_opts *opts, const char *const *paths, size_t n,
	coopmap_render_report *reports, coopmap_error *errs);

/*
 * The i-th named extent in lang ("fr": "monde", "afrique" ...; "en":
 * "world", "africa" ...), NULL past the last; both names are taken by
 * coopmap_render_parse_extent.
 */
const char *coopmap_render_extent_name(size_t i, const char *lang);
/* The i-th inset --insets names ("antilles" ...), NULL past the last. */
const char *coopmap_render_inset_name(size_t i);
/* All of them, "monde, afrique, ...", for help and messages (g_free). */
char *coopmap_render_extent_list(const char *lang);

/*
 * Parse an extent name (French or English) or
 * "minlon,minlat,maxlon,maxlat" into lon/lat degrees; *is_world is set
 * for the world.  Errors: COOPMAP_ERR_USAGE.
 */
int coopmap_render_parse_extent(const char *text, double bbox[4],
	int *is_world, coopmap_error *err);

#endif
