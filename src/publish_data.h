/*
 * publish_data.h (private to publish.c): the published page's data as one
 * JSON document: the countries simplified for the web, the choropleth's
 * classes, French establishments and partner hospitals as pooled groups
 * with their peers, the great-circle links between them, the projects, the
 * policy layers and the page's words in one language.  The page's script
 * (web/page.js) reads nothing else.  Not for: escaping the JSON for a
 * <script> element (publish.c does that).
 */
#ifndef COOPMAP_PUBLISH_DATA_H
#define COOPMAP_PUBLISH_DATA_H

#include <jansson.h>

#include "coopmap/publish.h"

/*
 * The page's data; strings is the page's words in the run's language (a
 * JSON object, borrowed).  Caller frees *out with json_decref.
 * Errors: COOPMAP_ERR_NOMEM, those of coopmap_topology_simplify.
 */
int publish_data_build(const coopmap_publish_data *data,
	const coopmap_publish_opts *opts, json_t *strings, json_t **out,
	coopmap_error *err);

#endif
