/*
 * publish.c: the offline web page.  The map is rendered to SVG once, with
 * probes at every mark's point so that the script's marks sit exactly on
 * the drawn map; the rest is JSON for page.js.
 */
#include "coopmap/publish.h"

#include <glib.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coopmap/network.h"
#include "coopmap/output.h"

/* The programme a project counts under in the page's filter: the map's
 * three (network.h), the last split into "other" and "not stated". */
static const char *programme_group(const char *programme)
{
	coopmap_programme p = coopmap_programme_of(programme);

	if (p == COOPMAP_PROGRAMME_APCHI)
		return "APCHI (DGOS)";
	if (p == COOPMAP_PROGRAMME_PRPH)
		return "PRPH";
	return programme[0] != '\0' ? "Autre financement" : "Non précisé";
}

static json_t *number_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 10) / 10);
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

struct probes {
	double *lon, *lat;
	size_t n, first_partner, first_country;
};

/* Establishments, then partners, then countries with projects. */
static void make_probes(const coopmap_publish_data *d, struct probes *p)
{
	const coopmap_pool *pool = d->pool;
	size_t n_e = coopmap_pool_establishment_count(pool);
	size_t n_p = coopmap_pool_partner_count(pool);
	size_t n_c = coopmap_countries_count(d->map->countries), k = 0;

	p->lon = g_new0(double, n_e + n_p + n_c + 1);
	p->lat = g_new0(double, n_e + n_p + n_c + 1);
	for (size_t i = 0; i < n_e; i++, k++) {
		const coopmap_project *pr = coopmap_projects_get(d->projects,
			coopmap_pool_establishment(pool, i)->projects[0]);

		p->lon[k] = pr->establishment_lon;
		p->lat[k] = pr->establishment_lat;
	}
	p->first_partner = k;
	for (size_t i = 0; i < n_p; i++, k++) {
		const coopmap_project *pr = coopmap_projects_get(d->projects,
			coopmap_pool_partner(pool, i)->projects[0]);

		p->lon[k] = pr->partner_lon;
		p->lat[k] = pr->partner_lat;
	}
	p->first_country = k;
	for (size_t i = 0; i < n_c; i++, k++) {
		const coopmap_country *c = coopmap_countries_get(d->map->countries, i);

		p->lon[k] = c->label_lon;
		p->lat[k] = c->label_lat;
	}
	p->n = k;
}

/* Peers of establishment e: with the same partner, in the same countries. */
static void peers(const coopmap_publish_data *d, size_t e, json_t *same_partner,
	json_t *same_country)
{
	const coopmap_pool *pool = d->pool;
	const coopmap_pool_group *g = coopmap_pool_establishment(pool, e);
	GHashTable *a = g_hash_table_new(g_direct_hash, g_direct_equal);
	GHashTable *b = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (size_t k = 0; k < g->n_peers; k++) {
		const coopmap_pool_group *p = coopmap_pool_partner(pool, g->peers[k]);

		for (size_t j = 0; j < p->n_peers; j++) {
			if (p->peers[j] != e && g_hash_table_add(a,
			    GSIZE_TO_POINTER(p->peers[j] + 1)))
				json_array_append_new(same_partner,
					json_integer((json_int_t)p->peers[j]));
		}
	}
	for (size_t i = 0; i < coopmap_projects_count(d->projects); i++) {
		size_t other = coopmap_pool_establishment_of(pool, i);
		const coopmap_country *c = coopmap_projects_get(d->projects, i)->country;
		int shares = 0;

		if (other == (size_t)-1 || other == e)
			continue;
		for (size_t k = 0; k < g->n_projects && !shares; k++)
			shares = coopmap_projects_get(d->projects, g->projects[k])->country
				== c;
		if (shares && g_hash_table_add(b, GSIZE_TO_POINTER(other + 1)))
			json_array_append_new(same_country, json_integer((json_int_t)other));
	}
	g_hash_table_destroy(a);
	g_hash_table_destroy(b);
}

static json_t *json_groups(const coopmap_publish_data *d,
	const coopmap_render_report *r, size_t first, int partners)
{
	const coopmap_pool *pool = d->pool;
	size_t n = partners ? coopmap_pool_partner_count(pool)
		: coopmap_pool_establishment_count(pool);
	json_t *list = json_array();

	for (size_t i = 0; i < n; i++) {
		const coopmap_pool_group *g = partners ? coopmap_pool_partner(pool, i)
			: coopmap_pool_establishment(pool, i);
		const coopmap_project *p = coopmap_projects_get(d->projects,
			g->projects[0]);
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(g->name));
		json_object_set_new(o, "city", json_string(g->city));
		json_object_set_new(o, "variants", string_list(g->variants,
			g->n_variants));
		json_object_set_new(o, "x", number_or_null(r->probe_x[first + i]));
		json_object_set_new(o, "y", number_or_null(r->probe_y[first + i]));
		json_object_set_new(o, "approximate", json_boolean(partners
			? p->partner_approximate : p->establishment_approximate));
		json_object_set_new(o, "project_ids", indices(g->projects,
			g->n_projects));
		if (partners) {
			json_object_set_new(o, "country", json_string(g->country->name_fr));
			json_object_set_new(o, "establishments", indices(g->peers,
				g->n_peers));
		} else {
			json_t *sp = json_array(), *sc = json_array();

			peers(d, i, sp, sc);
			json_object_set_new(o, "region", json_string(p->region));
			json_object_set_new(o, "partners", indices(g->peers, g->n_peers));
			json_object_set_new(o, "same_partner", sp);
			json_object_set_new(o, "same_country", sc);
		}
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *json_countries(const coopmap_publish_data *d,
	const coopmap_render_report *r, size_t first)
{
	const coopmap_map_data *m = d->map;
	json_t *list = json_array();

	for (size_t i = 0; i < coopmap_countries_count(m->countries); i++) {
		const coopmap_country *c = coopmap_countries_get(m->countries, i);
		json_t *o, *ids, *est;
		GHashTable *seen;

		if (m->stats[i].projects == 0)
			continue;
		ids = json_array();
		est = json_array();
		seen = g_hash_table_new(g_direct_hash, g_direct_equal);
		for (size_t k = 0; k < coopmap_projects_count(d->projects); k++) {
			size_t e = coopmap_pool_establishment_of(d->pool, k);

			if (coopmap_projects_get(d->projects, k)->country != c)
				continue;
			json_array_append_new(ids, json_integer((json_int_t)k));
			if (e != (size_t)-1 && g_hash_table_add(seen,
			    GSIZE_TO_POINTER(e + 1)))
				json_array_append_new(est, json_integer((json_int_t)e));
		}
		g_hash_table_destroy(seen);
		o = json_object();
		json_object_set_new(o, "name", json_string(c->name_fr));
		json_object_set_new(o, "iso_a3", json_string(c->iso_a3));
		json_object_set_new(o, "x", number_or_null(r->probe_x[first + i]));
		json_object_set_new(o, "y", number_or_null(r->probe_y[first + i]));
		json_object_set_new(o, "projects", json_integer(
			(json_int_t)m->stats[i].projects));
		json_object_set_new(o, "establishments", est);
		json_object_set_new(o, "project_ids", ids);
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *json_projects(const coopmap_publish_data *d, json_t *programmes,
	json_t *themes)
{
	json_t *list = json_array();
	GHashTable *seen_p = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *seen_t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		NULL);

	for (size_t i = 0; i < coopmap_projects_count(d->projects); i++) {
		const coopmap_project *p = coopmap_projects_get(d->projects, i);
		size_t e = coopmap_pool_establishment_of(d->pool, i);
		const char *group = programme_group(p->programme);
		json_t *o = json_object();

		json_object_set_new(o, "line", json_integer(p->line));
		json_object_set_new(o, "e", e != (size_t)-1
			? json_integer((json_int_t)e) : json_null());
		json_object_set_new(o, "partner", json_string(p->partner));
		json_object_set_new(o, "country", json_string(p->country->name_fr));
		json_object_set_new(o, "iso_a3", json_string(p->country->iso_a3));
		json_object_set_new(o, "theme", json_string(p->theme));
		json_object_set_new(o, "programme", json_string(p->programme));
		json_object_set_new(o, "programme_group", json_string(group));
		json_object_set_new(o, "year", p->year > 0 ? json_integer(p->year)
			: json_null());
		json_array_append_new(list, o);
		if (g_hash_table_add(seen_p, (gpointer)group))
			json_array_append_new(programmes, json_string(group));
		if (p->theme[0] != '\0' && g_hash_table_add(seen_t,
		    g_strdup(p->theme)))
			json_array_append_new(themes, json_string(p->theme));
	}
	g_hash_table_destroy(seen_p);
	g_hash_table_destroy(seen_t);
	return list;
}

static json_t *json_layers(const coopmap_publish_data *d)
{
	json_t *list = json_array();

	for (size_t i = 0; d->layers != NULL &&
	     i < coopmap_layer_set_count(d->layers); i++) {
		const coopmap_layer *l = coopmap_layer_set_get(d->layers, i);
		json_t *o = json_object(), *codes = json_array();

		for (size_t r = 0; r < coopmap_layer_member_count(l); r++)
			json_array_append_new(codes, json_string(
				coopmap_layer_member(l, r)->iso_a3));
		json_object_set_new(o, "id", json_string(coopmap_layer_id(l)));
		json_object_set_new(o, "title", json_string(coopmap_layer_title(l,
			"fr")));
		json_object_set_new(o, "countries", codes);
		json_array_append_new(list, o);
	}
	return list;
}

/* The JSON block; "/" escaped, so that no "</script>" can end it early. */
static char *page_data(const coopmap_publish_data *d,
	const coopmap_render_report *r, const struct probes *p)
{
	json_t *root = json_object(), *programmes = json_array();
	json_t *themes = json_array();
	char *text;

	json_object_set_new(root, "establishments", json_groups(d, r, 0, 0));
	json_object_set_new(root, "partners", json_groups(d, r, p->first_partner,
		1));
	json_object_set_new(root, "countries", json_countries(d, r,
		p->first_country));
	json_object_set_new(root, "projects", json_projects(d, programmes,
		themes));
	json_object_set_new(root, "programmes", programmes);
	json_object_set_new(root, "themes", themes);
	json_object_set_new(root, "layers", json_layers(d));
	text = json_dumps(root, JSON_COMPACT | JSON_ESCAPE_SLASH |
		JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(root);
	return text;
}

/* The SVG of the map, without its XML declaration, for inlining: drawn in
 * memory, so that a killed run leaves no file behind. */
static int render_svg(const coopmap_publish_data *d,
	const coopmap_render_opts *opts, const struct probes *p,
	coopmap_render_report *report, char **svg, coopmap_error *err)
{
	coopmap_render_opts o = *opts;
	char *text = NULL;
	size_t size = 0;
	FILE *memory = open_memstream(&text, &size);
	int rc;

	if (memory == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	o.probe_lon = p->lon;
	o.probe_lat = p->lat;
	o.n_probes = p->n;
	rc = coopmap_render_map_to_stream(d->map, &o, "svg", memory, report, err);
	if (fclose(memory) != 0 && rc == COOPMAP_OK)
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (rc == COOPMAP_OK) {
		const char *start = strstr(text, "<svg");

		*svg = g_strdup(start != NULL ? start : text);
	}
	free(text);
	return rc;
}

static int read_web_file(const char *dir, const char *name, char **out,
	coopmap_error *err)
{
	char *path = g_build_filename(dir, name, NULL);
	int ok = g_file_get_contents(path, out, NULL, NULL);

	if (!ok) {
		int rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot read the "
			"page's %s", path, name);

		g_free(path);
		return rc;
	}
	g_free(path);
	return COOPMAP_OK;
}

static void write_page(FILE *out, const coopmap_render_opts *opts,
	const coopmap_render_report *r, const char *svg, const char *data,
	const char *css, const char *js)
{
	char *title = g_markup_escape_text(opts->title != NULL ? opts->title
		: "Coopérations hospitalières internationales", -1);

	fprintf(out, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\">\n<title>%s</title>\n<style>\n%s</style>\n"
		"</head>\n<body>\n<header><h1>%s</h1><p id=\"count\"></p></header>\n"
		"<main>\n<div id=\"map\">\n%s\n"
		"<svg id=\"marks\" viewBox=\"0 0 %d %d\" "
		"aria-label=\"Établissements et partenaires\"></svg>\n</div>\n"
		"<aside>\n<label for=\"search\">Rechercher un établissement ou un "
		"partenaire</label>\n<input id=\"search\" type=\"search\" "
		"autocomplete=\"off\">\n<ul id=\"results\"></ul>\n"
		"<label for=\"programme\">Financement</label>\n<select "
		"id=\"programme\"><option value=\"\">Tous</option></select>\n"
		"<label for=\"yearMin\">Années (de, à)</label>\n<input id=\"yearMin\" "
		"type=\"number\" inputmode=\"numeric\"> <input id=\"yearMax\" "
		"type=\"number\" inputmode=\"numeric\" aria-label=\"Année de fin\">\n"
		"<label for=\"theme\">Domaine</label>\n<select id=\"theme\"><option "
		"value=\"\">Tous</option></select>\n<label for=\"layer\">Couche"
		"</label>\n<select id=\"layer\"><option value=\"\">Toutes</option>"
		"</select>\n<section id=\"details\" aria-live=\"polite\"></section>\n"
		"</aside>\n</main>\n<div id=\"tip\" hidden></div>\n"
		"<footer>Carré bleu : établissement français ; rond rouge : partenaire "
		"(taille : nombre d'établissements) ; pointillés : position approchée. "
		"Page produite par coopmap ; rien n'est chargé du réseau.</footer>\n"
		"<pre id=\"selftest\" hidden></pre>\n"
		"<script type=\"application/json\" id=\"coopmap-data\">%s</script>\n"
		"<script>\n%s</script>\n</body>\n</html>\n", title, css, title, svg,
		r->width, r->height, data, js);
	g_free(title);
}

int coopmap_publish_write(const coopmap_publish_data *d,
	const coopmap_render_opts *opts, const char *path, coopmap_error *err)
{
	coopmap_render_report report = COOPMAP_RENDER_REPORT_INIT;
	struct probes probes;
	coopmap_output *out = NULL;
	char *svg = NULL, *data = NULL, *css = NULL, *js = NULL;
	int rc;

	make_probes(d, &probes);
	rc = read_web_file(d->web_dir, "page.css", &css, err);
	if (rc == COOPMAP_OK)
		rc = read_web_file(d->web_dir, "page.js", &js, err);
	if (rc == COOPMAP_OK)
		rc = render_svg(d, opts, &probes, &report, &svg, err);
	if (rc == COOPMAP_OK) {
		data = page_data(d, &report, &probes);
		rc = coopmap_output_open(path, &out, err);
	}
	if (rc == COOPMAP_OK) {
		write_page(coopmap_output_stream(out), opts, &report, svg, data, css,
			js);
		rc = coopmap_output_commit(out, err);
	}
	coopmap_render_report_clear(&report);
	free(data);
	g_free(svg);
	g_free(css);
	g_free(js);
	g_free(probes.lon);
	g_free(probes.lat);
	return rc;
}
