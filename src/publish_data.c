/*
 * publish_data.c: the published page's data (publish_data.h).  Sizes are
 * kept down for a page of at most a megabyte and a half: lon/lat rounded
 * to what a screen shows (0.01 degree, about a kilometre, for outlines
 * and links), short keys, indices rather than names.  Every figure is
 * computed in one pass over the projects, so the page grows linearly with
 * the list.
 */
#include "publish_data.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/breaks.h"
#include "coopmap/geodesy.h"
#include "coopmap/network.h"

/* Simplification of the outlines: about 1.5 km, finer than a pixel up to
 * zoom 6 of a web map (2.4 km a pixel at the equator), where a country
 * of the field fills the screen. */
#define OUTLINE_TOLERANCE_DEG 0.015
/* Links: a point every 150 km follows the great circle within a pixel
 * at the zooms where a link is seen whole. */
#define LINK_STEP_KM 150.0

/* The page's programme groups: the map's three, "other" split into
 * another funding and none stated (so a filter can keep either). */
enum { GROUP_APCHI, GROUP_PRPH, GROUP_OTHER, GROUP_NONE, GROUP_COUNT };
static const char *const group_ids[GROUP_COUNT] = {
	"apchi", "prph", "other", "none"
};

static int programme_group(const char *programme)
{
	coopmap_programme p = coopmap_programme_of(programme);

	if (p == COOPMAP_PROGRAMME_APCHI)
		return GROUP_APCHI;
	if (p == COOPMAP_PROGRAMME_PRPH)
		return GROUP_PRPH;
	return programme[0] != '\0' ? GROUP_OTHER : GROUP_NONE;
}

static json_t *coordinate(double v)
{
	return json_real(round(v * 100) / 100);
}

static json_t *position(double v)
{
	/* Places: 5 decimals, a metre, as the gazetteer gives them. */
	return isnan(v) ? json_null() : json_real(round(v * 1e5) / 1e5);
}

static json_t *indices(const size_t *values, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_integer((json_int_t)values[i]));
	return a;
}

static json_t *string_list(const char *const *values, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(values[i]));
	return a;
}

static void colour_hex(coopmap_color c, char out[8])
{
	snprintf(out, 8, "#%02x%02x%02x", (int)lround(c.r * 255),
		(int)lround(c.g * 255), (int)lround(c.b * 255));
}

static json_t *colour(coopmap_color c)
{
	char hex[8];

	colour_hex(c, hex);
	return json_string(hex);
}

/* A ring as one flat array lat0, lon0, lat1, lon1 ... (Leaflet's order),
 * consecutive points that round to the same position dropped. */
static json_t *flat_ring(const double *lon, const double *lat, size_t n)
{
	json_t *a = json_array();
	double last_lon = NAN, last_lat = NAN;

	for (size_t k = 0; k < n; k++) {
		double x = round(lon[k] * 100) / 100, y = round(lat[k] * 100) / 100;

		if (x == last_lon && y == last_lat)
			continue;
		json_array_append_new(a, coordinate(y));
		json_array_append_new(a, coordinate(x));
		last_lon = x;
		last_lat = y;
	}
	return a;
}

/* The country's rings, drawn by the page with the even-odd rule (holes
 * are rings too, as in the registry). */
static json_t *rings(const coopmap_geometry *g)
{
	json_t *list = json_array();

	for (size_t r = 0; r < g->n_rings; r++) {
		size_t a = g->ring_start[r], b = g->ring_start[r + 1];
		json_t *ring = flat_ring(g->lon + a, g->lat + a, b - a);

		/* A ring that rounds to fewer than 3 points is a speck. */
		if (json_array_size(ring) >= 6)
			json_array_append_new(list, ring);
		else
			json_decref(ring);
	}
	return list;
}

static int countries_json(const coopmap_publish_data *d, const char *lang,
	json_t *root, coopmap_error *err)
{
	const coopmap_countries *countries = d->map->countries;
	const coopmap_geometry *simple = NULL;
	json_t *list = json_array();
	int rc = 0;

	if (d->topology != NULL)
		rc = coopmap_topology_simplify(d->topology, OUTLINE_TOLERANCE_DEG,
			&simple, err);
	if (rc != 0) {
		json_decref(list);
		return rc;
	}
	for (size_t i = 0; i < coopmap_countries_count(countries); i++) {
		const coopmap_country *c = coopmap_countries_get(countries, i);
		json_t *o, *g;

		/* Antarctica: no cooperation, and Web Mercator would make it the
		 * page's biggest shape. */
		if (strcmp(c->iso_a3, "ATA") == 0)
			continue;
		g = c->geometry.n_rings > 0 ? rings(simple != NULL ? &simple[i]
			: &c->geometry) : json_array();
		o = json_object();
		json_object_set_new(o, "i", json_integer((json_int_t)i));
		json_object_set_new(o, "a3", json_string(c->iso_a3));
		json_object_set_new(o, "n", json_string(coopmap_country_name(c,
			lang)));
		if (json_array_size(g) > 0) {
			json_object_set_new(o, "g", g);
		} else if (c->geometry.n_rings == 0 && d->map->stats[i].projects > 0) {
			/* A small state with no outline at this scale (Tuvalu,
			 * Gibraltar): a mark at its point. */
			json_t *pt = json_array();

			json_decref(g);
			json_array_append_new(pt, position(c->label_lat));
			json_array_append_new(pt, position(c->label_lon));
			json_object_set_new(o, "pt", pt);
		} else {
			json_decref(g);
			json_decref(o);
			continue;
		}
		json_array_append_new(list, o);
	}
	json_object_set_new(root, "countries", list);
	return 0;
}

/* Class bounds of the full list's projects per country (the legend's),
 * kept when the page filters: a filter changes the colours, not the key. */
static json_t *classes_json(const coopmap_publish_data *d)
{
	size_t n = coopmap_countries_count(d->map->countries);
	double *values = g_new0(double, n + 1);
	const coopmap_style *s = d->style;
	coopmap_breaks breaks;
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++)
		values[i] = (double)d->map->stats[i].projects;
	coopmap_breaks_quantiles(values, n, s->n_classes, &breaks);
	for (int k = 0; k < breaks.n; k++) {
		json_t *o = json_object();

		json_object_set_new(o, "lo", json_integer((json_int_t)breaks.lower[k]));
		json_object_set_new(o, "hi", json_integer((json_int_t)breaks.upper[k]));
		json_object_set_new(o, "colour", colour(s->classes[k]));
		json_array_append_new(list, o);
	}
	g_free(values);
	return list;
}

static json_t *colours_json(const coopmap_style *s)
{
	json_t *o = json_object(), *links = json_array(), *layers = json_array();

	json_object_set_new(o, "ocean", colour(s->ocean));
	json_object_set_new(o, "land", colour(s->land));
	json_object_set_new(o, "border", colour(s->border));
	json_object_set_new(o, "establishment", colour(s->establishment));
	json_object_set_new(o, "partner", colour(s->partner));
	for (int k = 0; k < 3; k++)
		json_array_append_new(links, colour(s->link_programme[k]));
	json_object_set_new(o, "links", links);
	json_array_append_new(layers, colour(s->priority_hatch));
	for (int k = 0; k < s->n_layer_colors; k++)
		json_array_append_new(layers, colour(s->layer_colors[k]));
	json_object_set_new(o, "layers", layers);
	return o;
}

/* The first project of a group gives its place (the pool groups
 * spellings of one place). */
static void place_of(const coopmap_publish_data *d,
	const coopmap_pool_group *g, int partner, double *lat, double *lon,
	int *approximate)
{
	const coopmap_project *p = coopmap_projects_get(d->projects,
		g->projects[0]);

	*lat = partner ? p->partner_lat : p->establishment_lat;
	*lon = partner ? p->partner_lon : p->establishment_lon;
	*approximate = partner ? p->partner_approximate
		: p->establishment_approximate;
}

/* Peers of establishment e: those with the same partner hospital, then
 * those in the same countries (not already named). */
static void establishment_peers(const coopmap_publish_data *d, size_t e,
	const coopmap_pool_presence *presence, json_t *o)
{
	const coopmap_pool *pool = d->pool;
	const coopmap_pool_group *g = coopmap_pool_establishment(pool, e);
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	json_t *same_partner = json_array(), *same_country = json_array();

	g_hash_table_add(seen, GSIZE_TO_POINTER(e + 1));
	for (size_t k = 0; k < g->n_peers; k++) {
		const coopmap_pool_group *p = coopmap_pool_partner(pool, g->peers[k]);

		for (size_t j = 0; j < p->n_peers; j++)
			if (g_hash_table_add(seen, GSIZE_TO_POINTER(p->peers[j] + 1)))
				json_array_append_new(same_partner,
					json_integer((json_int_t)p->peers[j]));
	}
	for (size_t k = 0; k < g->n_projects; k++) {
		const coopmap_project *p = coopmap_projects_get(d->projects,
			g->projects[k]);
		size_t n_there;
		const size_t *there = coopmap_pool_presence_in(presence,
			coopmap_country_index(d->map->countries, p->country), &n_there);

		for (size_t j = 0; j < n_there; j++) {
			if (g_hash_table_add(seen, GSIZE_TO_POINTER(there[j] + 1)))
				json_array_append_new(same_country,
					json_integer((json_int_t)there[j]));
		}
	}
	g_hash_table_destroy(seen);
	json_object_set_new(o, "samePartner", same_partner);
	json_object_set_new(o, "sameCountry", same_country);
}

static json_t *groups_json(const coopmap_publish_data *d, int partners,
	const coopmap_pool_presence *presence, const char *lang)
{
	const coopmap_pool *pool = d->pool;
	size_t n = partners ? coopmap_pool_partner_count(pool)
		: coopmap_pool_establishment_count(pool);
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++) {
		const coopmap_pool_group *g = partners ? coopmap_pool_partner(pool, i)
			: coopmap_pool_establishment(pool, i);
		json_t *o = json_object();
		double lat, lon;
		int approximate;

		place_of(d, g, partners, &lat, &lon, &approximate);
		json_object_set_new(o, "name", json_string(g->name));
		json_object_set_new(o, "city", json_string(g->city));
		json_object_set_new(o, "lat", position(lat));
		json_object_set_new(o, "lon", position(lon));
		if (approximate)
			json_object_set_new(o, "approx", json_true());
		if (g->n_variants > 1)
			json_object_set_new(o, "variants", string_list(g->variants,
				g->n_variants));
		json_object_set_new(o, "projects", indices(g->projects,
			g->n_projects));
		json_object_set_new(o, "peers", indices(g->peers, g->n_peers));
		if (partners) {
			json_object_set_new(o, "country", json_string(
				coopmap_country_name(g->country, lang)));
			json_object_set_new(o, "a3", json_string(g->country->iso_a3));
		} else {
			json_object_set_new(o, "region", json_string(g->region));
			if (g->finess[0] != '\0')
				json_object_set_new(o, "finess", json_string(g->finess));
			establishment_peers(d, i, presence, o);
		}
		json_array_append_new(list, o);
	}
	return list;
}

/* One link per establishment-partner pair with projects, in the order
 * first met (network.h's grouping); its great circle cut at the
 * antimeridian.  link_of[k] is set to project k's link (SIZE_MAX: none). */
static json_t *links_json(const coopmap_publish_data *d, size_t *link_of)
{
	size_t n_projects = coopmap_projects_count(d->projects);
	size_t *ends = g_new(size_t, 2 * n_projects + 1);
	json_t *list = json_array();

	for (size_t k = 0; k < n_projects; k++) {
		size_t e = coopmap_pool_establishment_of(d->pool, k);
		size_t p = coopmap_pool_partner_of(d->pool, k);
		int paired = e != (size_t)-1 && p != (size_t)-1;

		/* Placed or not: a link without a place has no path. */
		ends[k] = paired ? e : SIZE_MAX;
		ends[n_projects + k] = paired ? p : SIZE_MAX;
	}
	coopmap_network_pairs(ends, ends + n_projects, n_projects, link_of);
	for (size_t k = 0; k < n_projects; k++) {
		json_t *link;

		if (link_of[k] == SIZE_MAX)
			continue;
		if (link_of[k] == json_array_size(list)) {
			link = json_object();
			json_object_set_new(link, "e", json_integer((json_int_t)ends[k]));
			json_object_set_new(link, "p", json_integer((json_int_t)
				ends[n_projects + k]));
			json_object_set_new(link, "projects", json_array());
			json_array_append_new(list, link);
		}
		json_array_append_new(json_object_get(json_array_get(list,
			link_of[k]), "projects"), json_integer((json_int_t)k));
	}
	g_free(ends);
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *link = json_array_get(list, i), *pieces = json_array();
		const coopmap_project *p = coopmap_projects_get(d->projects,
			(size_t)json_integer_value(json_array_get(
			json_object_get(link, "projects"), 0)));
		double *lon = NULL, *lat = NULL;
		size_t *starts = NULL, n;

		if (isnan(p->establishment_lat) || isnan(p->partner_lat)) {
			json_object_set_new(link, "path", pieces);
			continue;
		}
		n = coopmap_geodesic_arc(p->establishment_lon, p->establishment_lat,
			p->partner_lon, p->partner_lat, LINK_STEP_KM, &lon, &lat, &starts);
		for (size_t k = 0; k < n; k++)
			json_array_append_new(pieces, flat_ring(lon + starts[k],
				lat + starts[k], starts[k + 1] - starts[k]));
		json_object_set_new(link, "path", pieces);
		free(lon);
		free(lat);
		free(starts);
	}
	return list;
}

static int append_dump(const char *buffer, size_t size, void *data)
{
	g_string_append_len(data, buffer, (gssize)size);
	return 0;
}

/*
 * The projects as the text of a JSON array, each object dumped by jansson
 * with the page's flags as soon as it is made and freed at once: the same
 * bytes as one tree of every project, without holding a million objects
 * (2.7 GB for a list of 1,000,000 rows).  Their themes and regions, each
 * once, go to themes and regions.
 */
static int projects_text(const coopmap_publish_data *d, const size_t *link_of,
	json_t *themes, json_t *regions, GString *out)
{
	GHashTable *seen_t = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *seen_r = g_hash_table_new(g_str_hash, g_str_equal);
	int rc = 0;

	g_string_append_c(out, '[');
	for (size_t i = 0; rc == 0 && i < coopmap_projects_count(d->projects);
	     i++) {
		const coopmap_project *p = coopmap_projects_get(d->projects, i);
		size_t e = coopmap_pool_establishment_of(d->pool, i);
		size_t q = coopmap_pool_partner_of(d->pool, i);
		json_t *o = json_object();

		json_object_set_new(o, "line", json_integer(p->line));
		json_object_set_new(o, "e", e != (size_t)-1
			? json_integer((json_int_t)e) : json_null());
		json_object_set_new(o, "p", q != (size_t)-1
			? json_integer((json_int_t)q) : json_null());
		json_object_set_new(o, "c", json_integer((json_int_t)
			coopmap_country_index(d->map->countries, p->country)));
		json_object_set_new(o, "partner", json_string(p->partner));
		json_object_set_new(o, "theme", json_string(p->theme));
		json_object_set_new(o, "funding", json_string(p->programme));
		json_object_set_new(o, "g", json_string(
			group_ids[programme_group(p->programme)]));
		json_object_set_new(o, "year", p->year > 0 ? json_integer(p->year)
			: json_null());
		json_object_set_new(o, "source", json_string(p->source));
		json_object_set_new(o, "region", json_string(p->region));
		if (link_of[i] != SIZE_MAX)
			json_object_set_new(o, "link", json_integer((json_int_t)
				link_of[i]));
		if (i > 0)
			g_string_append_c(out, ',');
		rc = json_dump_callback(o, append_dump, out, PUBLISH_JSON_FLAGS);
		json_decref(o);
		if (p->theme[0] != '\0' && g_hash_table_add(seen_t,
		    (gpointer)p->theme))
			json_array_append_new(themes, json_string(p->theme));
		if (p->region[0] != '\0' && g_hash_table_add(seen_r,
		    (gpointer)p->region))
			json_array_append_new(regions, json_string(p->region));
	}
	g_string_append_c(out, ']');
	g_hash_table_destroy(seen_t);
	g_hash_table_destroy(seen_r);
	return rc;
}

static json_t *layers_json(const coopmap_publish_data *d, const char *lang)
{
	json_t *list = json_array();

	for (size_t i = 0; d->layers != NULL &&
	     i < coopmap_layer_set_count(d->layers); i++) {
		const coopmap_layer *l = coopmap_layer_set_get(d->layers, i);
		json_t *o = json_object(), *codes = json_array();

		for (size_t r = 0; r < coopmap_layer_member_count(l); r++)
			json_array_append_new(codes, json_integer((json_int_t)
				coopmap_country_index(d->map->countries,
				coopmap_layer_member(l, r))));
		json_object_set_new(o, "id", json_string(coopmap_layer_id(l)));
		json_object_set_new(o, "title", json_string(coopmap_layer_title(l,
			lang)));
		json_object_set_new(o, "countries", codes);
		json_array_append_new(list, o);
	}
	return list;
}

/* Sorted for the filters' lists (jansson arrays of strings). */
static int compare_json_strings(const void *a, const void *b)
{
	return g_utf8_collate(json_string_value(*(json_t *const *)a),
		json_string_value(*(json_t *const *)b));
}

static json_t *sorted(json_t *strings)
{
	size_t n = json_array_size(strings);
	json_t **items = g_new0(json_t *, n + 1), *out = json_array();

	for (size_t i = 0; i < n; i++)
		items[i] = json_array_get(strings, i);
	qsort(items, n, sizeof(*items), compare_json_strings);
	for (size_t i = 0; i < n; i++)
		json_array_append(out, items[i]);
	g_free(items);
	json_decref(strings);
	return out;
}

int publish_data_build(const coopmap_publish_data *d,
	const coopmap_publish_opts *opts, json_t *strings, json_t **out,
	GString *projects, coopmap_error *err)
{
	const char *lang = opts->lang != NULL ? opts->lang : "fr";
	json_t *root = json_object(), *themes = json_array();
	json_t *regions = json_array();
	size_t n = coopmap_projects_count(d->projects), *link_of;
	coopmap_pool_presence *presence = NULL;
	int rc;

	json_object_set_new(root, "lang", json_string(lang));
	json_object_set_new(root, "strings", json_incref(strings));
	json_object_set_new(root, "title", json_string(opts->title != NULL
		? opts->title : json_string_value(json_object_get(strings,
		"defaultTitle"))));
	json_object_set_new(root, "source", json_string(opts->source != NULL
		? opts->source : ""));
	json_object_set_new(root, "date", json_string(opts->date != NULL
		? opts->date : ""));
	json_object_set_new(root, "colours", colours_json(d->style));
	json_object_set_new(root, "classes", classes_json(d));
	rc = countries_json(d, lang, root, err);
	link_of = rc == 0 ? malloc((n + 1) * sizeof(size_t)) : NULL;
	if (rc == 0 && link_of == NULL)
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (rc != 0) {
		json_decref(root);
		json_decref(themes);
		json_decref(regions);
		return rc;
	}
	rc = coopmap_pool_presence_build(d->pool, d->projects, d->map->countries,
		&presence, err);
	if (rc != 0) {
		free(link_of);
		json_decref(root);
		json_decref(themes);
		json_decref(regions);
		return rc;
	}
	json_object_set_new(root, "establishments", groups_json(d, 0, presence,
		lang));
	json_object_set_new(root, "partners", groups_json(d, 1, presence, lang));
	coopmap_pool_presence_free(presence);
	json_object_set_new(root, "links", links_json(d, link_of));
	json_object_set_new(root, "projects", json_string(
		PUBLISH_PROJECTS_MARK));
	rc = projects_text(d, link_of, themes, regions, projects);
	free(link_of);
	json_object_set_new(root, "themes", sorted(themes));
	json_object_set_new(root, "regions", sorted(regions));
	json_object_set_new(root, "layers", layers_json(d, lang));
	if (rc != 0) {
		json_decref(root);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	*out = root;
	return 0;
}
