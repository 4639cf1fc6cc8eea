/*
 * publish.h: one self-contained web page: the map as inline SVG (render.h),
 * the data as JSON, a small script (web/page.js) and style (web/page.css)
 * from the data directory, all in one file that fetches nothing: tooltips
 * and details for countries, establishments and partners; filters by
 * programme, year, theme and layer; a search that shows an establishment's
 * or a partner's peers (pool.h).  Every text from the input is data
 * (JSON, with "/" escaped so that no "</script>" can close the block) and
 * reaches the page through textContent.
 */
#ifndef COOPMAP_PUBLISH_H
#define COOPMAP_PUBLISH_H

#include "coopmap/error.h"
#include "coopmap/layers.h"
#include "coopmap/pool.h"
#include "coopmap/render.h"

typedef struct coopmap_publish_data {
	const coopmap_map_data *map;          /* what the map shows */
	const coopmap_projects *projects;     /* located */
	const coopmap_pool *pool;
	const coopmap_layer_set *layers;      /* for the layer filter */
	const char *web_dir;                  /* where page.js and page.css are */
} coopmap_publish_data;

/*
 * Write the page to path (written whole or not at all).  opts are the
 * map's (its size is the page's map size; SVG).  Errors: those of
 * render; COOPMAP_ERR_IO.
 */
int coopmap_publish_write(const coopmap_publish_data *data,
	const coopmap_render_opts *opts, const char *path, coopmap_error *err);

#endif
