/*
 * style.h: map styles, read from small text files (styles/NAME.style).
 *
 * Format: one `key = value` per line; a line starting with `#` is a
 * comment; colours are
 * #rgb, #rrggbb or #rrggbbaa; sizes are in thousandths of the map's shorter
 * side, so a style looks the same at any output size.  Every key is listed
 * in styles/README.md with its range; a range bounds the work the value
 * asks for (a hatch spacing of at least 1, widths up to 50, radii up to
 * 100, text from 1 to 100).  An unknown key, a repeated key, a bad value
 * or point_min_size above point_max_size is an error naming file:line.
 * Keys left out keep the default style's value.
 */
#ifndef COOPMAP_STYLE_H
#define COOPMAP_STYLE_H

#include "coopmap/error.h"

#define COOPMAP_STYLE_MAX_CLASSES 7

typedef struct coopmap_color {
	double r, g, b, a;   /* 0..1 */
} coopmap_color;

typedef struct coopmap_style {
	char name[64];
	coopmap_color background;        /* page outside the globe */
	coopmap_color ocean;             /* inside the sphere outline */
	coopmap_color sphere_outline;
	double sphere_outline_width;
	coopmap_color graticule;
	double graticule_width;
	double graticule_step;           /* degrees */
	coopmap_color land;              /* countries without projects */
	coopmap_color not_stated;        /* with projects, measure not given */
	coopmap_color border;
	double border_width;
	int n_classes;                   /* colours of the choropleth, light to dark */
	coopmap_color classes[COOPMAP_STYLE_MAX_CLASSES];
	coopmap_color priority_hatch;    /* CICD priority countries */
	double priority_hatch_spacing;
	double priority_hatch_width;
	coopmap_color priority_outline;
	double priority_outline_width;
	int n_layer_colors;              /* layers after the first one */
	coopmap_color layer_colors[COOPMAP_STYLE_MAX_CLASSES];
	double layer_line_width;
	coopmap_color marker;            /* proportional circles */
	coopmap_color marker_edge;
	double marker_size;              /* radius for a value of 1 */
	coopmap_color link_programme[3]; /* links: APCHI, PRPH, other */
	double link_width;               /* a link of one project */
	coopmap_color establishment;     /* French establishments */
	coopmap_color partner;           /* partner hospitals */
	coopmap_color point_edge;
	double point_min_size;           /* radius of the smallest point */
	double point_max_size;           /* radius of the biggest value */
	coopmap_color highlight;         /* outlined countries */
	double highlight_width;
	coopmap_color text;
	coopmap_color text_halo;
	coopmap_color label_leader;
	coopmap_color legend_background;
	char font_family[128];
	char font_set_at[320];           /* "file:line" of font_family, or "" */
	double title_size;               /* text sizes, same unit as widths */
	double subtitle_size;
	double label_size;
	double legend_size;
	double source_size;
} coopmap_style;

/* Fill style with the built-in default (the same as styles/default.style). */
void coopmap_style_default(coopmap_style *style);

/*
 * Read a style file over style (the default, or what the caller set).
 * Errors: COOPMAP_ERR_IO (cannot read), COOPMAP_ERR_STYLE (unknown or
 * repeated key, bad value or one out of its range, point_min_size above
 * point_max_size; at file:line).
 */
int coopmap_style_load(const char *path, coopmap_style *style,
	coopmap_error *err);

/* Parse "#rrggbb" and friends; 0 on success, -1 on a bad value. */
int coopmap_color_parse(const char *text, coopmap_color *color);

#endif
