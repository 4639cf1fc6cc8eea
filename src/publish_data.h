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

#include <glib.h>
#include <jansson.h>

#include "coopmap/publish.h"

#pragma GCC visibility push(hidden)

/* How the page's JSON is written (json_dumps flags). */
#define PUBLISH_JSON_FLAGS \
	(JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8))

/* The value of *out's "projects" member, which stands for the text in
 * projects: dumped with PUBLISH_JSON_FLAGS it is exactly
 * PUBLISH_PROJECTS_DUMPED, and no string of the data can dump to
 * "projects": followed by it (a quote inside a string is escaped). */
#define PUBLISH_PROJECTS_MARK "\001coopmap-projects\001"
#define PUBLISH_PROJECTS_DUMPED \
	"\"projects\":\"\\u0001coopmap-projects\\u0001\""

/*
 * The page's data; strings is the page's words in the run's language (a
 * JSON object, borrowed).  Caller frees *out with json_decref.  The
 * projects, the bulk of a long list, are not in *out but appended to
 * projects as JSON text (an array), written one at a time: the caller
 * puts it in the place of PUBLISH_PROJECTS_DUMPED's value.
 * Errors: COOPMAP_ERR_NOMEM, those of coopmap_topology_simplify.
 */
int publish_data_build(const coopmap_publish_data *data,
	const coopmap_publish_opts *opts, json_t *strings, json_t **out,
	GString *projects, coopmap_error *err);

#pragma GCC visibility pop

#endif
