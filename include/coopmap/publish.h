/*
 * publish.h: the cooperation map as a web page that works offline: a
 * Leaflet map (Debian's libjs-leaflet and libjs-leaflet.markercluster)
 * with the countries as vector polygons in classes, the policy layers as
 * toggles, French establishments and partner hospitals as marks that
 * cluster where they crowd, the great-circle links between them, popups
 * with each place's projects and peers, a search, filters and the state in
 * the URL (web/page.js).  Two forms: one self-contained file (the library,
 * its licence, the style, the script and the data inlined: it fetches
 * nothing), or a folder for a web server (index.html and the same parts as
 * separate files, which the server can cache).
 *
 * Every text from the input is data: JSON with <, >, &, U+2028 and U+2029
 * escaped, so no cell can end the <script> element that holds it, and the
 * script puts it in the page as text only.
 */
#ifndef COOPMAP_PUBLISH_H
#define COOPMAP_PUBLISH_H

#include "coopmap/error.h"
#include "coopmap/layers.h"
#include "coopmap/pool.h"
#include "coopmap/render.h"
#include "coopmap/simplify.h"
#include "coopmap/style.h"

typedef struct coopmap_publish_data {
	const coopmap_map_data *map;          /* countries, stats, summary */
	const coopmap_projects *projects;     /* located */
	const coopmap_pool *pool;
	const coopmap_layer_set *layers;      /* toggles and the layer filter */
	coopmap_topology *topology;           /* of map->countries */
	const coopmap_style *style;           /* colours */
	const char *web_dir;        /* page.html, page.js, page.css */
	const char *library_dir;    /* leaflet.min.js and its plugin */
} coopmap_publish_data;

typedef struct coopmap_publish_opts {
	const char *title;    /* NULL: the default title in lang */
	const char *source;   /* data credit; NULL: none */
	const char *date;     /* "YYYY-MM-DD", shown in the source line */
	const char *lang;     /* "fr" (default) or "en": must be the run's
	                         (coopmap_i18n_init), whose catalogue gives
	                         the page's words */
} coopmap_publish_opts;

#define COOPMAP_PUBLISH_OPTS_INIT { NULL, NULL, NULL, "fr" }

/* Where Debian's libjs-leaflet puts the library and its plugin. */
#define COOPMAP_PUBLISH_LIBRARY_DIR "/usr/share/javascript/leaflet"

/*
 * Write the one-file page to path (written whole or not at all).
 * Errors: COOPMAP_ERR_IO (a part of the page cannot be read, the file
 * cannot be written), COOPMAP_ERR_NOMEM, COOPMAP_ERR_USAGE (opts->lang is
 * not the run's language).
 */
int coopmap_publish_write(const coopmap_publish_data *data,
	const coopmap_publish_opts *opts, const char *path, coopmap_error *err);

/*
 * Write the hosted form into the folder dir: index.html, page.js,
 * page.css, data.js, the library's files and its licence.  dir is made
 * when missing; an existing dir must be one coopmap wrote (it holds
 * .coopmap-publish), so that no other site is overwritten.  The folder is
 * built beside dir and swapped in whole: a failed run leaves the previous
 * folder as it was.  Errors: as coopmap_publish_write; COOPMAP_ERR_USAGE
 * for a dir that is not coopmap's.
 */
int coopmap_publish_write_folder(const coopmap_publish_data *data,
	const coopmap_publish_opts *opts, const char *dir, coopmap_error *err);

#endif
