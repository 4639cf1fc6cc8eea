/*
 * export.c: vector files through OGR.  One table of fields per layer; a
 * GeoJSON file gets the union of them in one layer (a FeatureCollection
 * can hold only one), a GeoPackage one layer each.  Features are filled by
 * field name, so the same code writes both.  KML is kml.c's (libxml2).
 */
#include "coopmap/export.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <errno.h>
#include <gdal.h>
#include <glib.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coopmap/actors.h"
#include "coopmap/geodesy.h"
#include "coopmap/kml.h"
#include "coopmap/network.h"
#include "coopmap/output.h"
#include "coopmap/report.h"
#include "intl.h"

enum format { FORMAT_GEOJSON, FORMAT_GPKG, FORMAT_CSV, FORMAT_KML, FORMAT_MD };

struct field {
	const char *name;
	OGRFieldType type;
};

struct layer_spec {
	const char *name;
	OGRwkbGeometryType geometry;
	const struct field *fields;
};

static const struct field country_fields[] = {
	{ "iso_a3", OFTString }, { "name", OFTString }, { "name_en", OFTString },
	{ "projects", OFTInteger }, { "establishments", OFTInteger },
	{ "tags", OFTString }, { NULL, OFTString }
};
static const struct field establishment_fields[] = {
	{ "name", OFTString }, { "finess", OFTString }, { "city", OFTString },
	{ "region", OFTString }, { "projects", OFTInteger },
	{ "partners", OFTInteger }, { "variants", OFTString },
	{ "approximate", OFTInteger }, { NULL, OFTString }
};
static const struct field partner_fields[] = {
	{ "name", OFTString }, { "city", OFTString }, { "iso_a3", OFTString },
	{ "country", OFTString }, { "projects", OFTInteger },
	{ "establishments", OFTInteger }, { "variants", OFTString },
	{ "approximate", OFTInteger }, { NULL, OFTString }
};
static const struct field link_fields[] = {
	{ "establishment", OFTString }, { "partner", OFTString },
	{ "iso_a3", OFTString }, { "projects", OFTInteger },
	{ "programmes", OFTString }, { "approximate", OFTInteger },
	{ NULL, OFTString }
};
static const struct field project_fields[] = {
	{ "line", OFTInteger }, { "establishment", OFTString },
	{ "partner", OFTString }, { "partner_city", OFTString },
	{ "iso_a3", OFTString }, { "country", OFTString }, { "theme", OFTString },
	{ "programme", OFTString }, { "year", OFTInteger },
	{ "amount", OFTReal }, { "approximate", OFTInteger },
	{ "source", OFTString }, { NULL, OFTString }
};

enum { L_COUNTRIES, L_ESTABLISHMENTS, L_PARTNERS, L_LINKS, L_PROJECTS, L_COUNT };

static const struct layer_spec layers[L_COUNT] = {
	{ "countries", wkbMultiPolygon, country_fields },
	{ "establishments", wkbPoint, establishment_fields },
	{ "partners", wkbPoint, partner_fields },
	{ "links", wkbMultiLineString, link_fields },
	{ "projects", wkbPoint, project_fields },
};

/* Field indices by (layer definition, field name), the name compared by
 * address: the names are the literals of this file.  OGR's own lookup
 * compares the name with every field of the layer (30 in the GeoJSON's
 * one layer), for every field of every feature: a twentieth of an export. */
#define FIELD_CACHE 128

struct field_slot {
	OGRFeatureDefnH defn;
	const char *name;
	int index;
};

struct writer {
	const coopmap_export_data *d;
	const coopmap_actors *actors;   /* actor presence instead of projects */
	enum format format;
	GDALDatasetH ds;
	OGRLayerH out[L_COUNT];   /* GeoJSON: all the same layer, but for */
	GDALDatasetH projects_ds; /* the projects', in a file of their own */
	char *projects_name;      /* joined by commit_geojson */
	struct field_slot fields[FIELD_CACHE];
};

/* ---- fields ---------------------------------------------------------- */

static int add_fields(OGRLayerH layer, const struct field *fields)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);

	for (int i = 0; fields[i].name != NULL; i++) {
		OGRFieldDefnH f;
		int rc;

		if (OGR_FD_GetFieldIndex(defn, fields[i].name) >= 0)
			continue;
		f = OGR_Fld_Create(fields[i].name, fields[i].type);
		rc = OGR_L_CreateField(layer, f, TRUE);
		OGR_Fld_Destroy(f);
		if (rc != OGRERR_NONE)
			return -1;
	}
	return 0;
}

static int field_index(struct writer *w, OGRFeatureH f, const char *name)
{
	OGRFeatureDefnH defn = OGR_F_GetDefnRef(f);
	size_t h = (((uintptr_t)name >> 2) ^ ((uintptr_t)defn >> 4)) % FIELD_CACHE;

	for (size_t k = 0; k < FIELD_CACHE; k++) {
		struct field_slot *slot = &w->fields[(h + k) % FIELD_CACHE];

		if (slot->name == name && slot->defn == defn)
			return slot->index;
		if (slot->name == NULL) {
			*slot = (struct field_slot){ defn, name,
				OGR_F_GetFieldIndex(f, name) };
			return slot->index;
		}
	}
	return OGR_F_GetFieldIndex(f, name);
}

static void set_text(struct writer *w, OGRFeatureH f, const char *name,
	const char *value)
{
	int i = field_index(w, f, name);

	if (i >= 0 && value != NULL)
		OGR_F_SetFieldString(f, i, value);
}

static void set_int(struct writer *w, OGRFeatureH f, const char *name,
	long long value)
{
	int i = field_index(w, f, name);

	if (i >= 0)
		OGR_F_SetFieldInteger64(f, i, value);
}

static void set_real(struct writer *w, OGRFeatureH f, const char *name,
	double value)
{
	int i = field_index(w, f, name);

	if (i >= 0 && !isnan(value))
		OGR_F_SetFieldDouble(f, i, value);
}

static int write_feature(struct writer *w, int layer, OGRFeatureH f,
	OGRGeometryH g)
{
	OGRErr rc;

	set_text(w, f, "layer", layers[layer].name);
	if (g != NULL)
		OGR_F_SetGeometryDirectly(f, g);
	rc = OGR_L_CreateFeature(w->out[layer], f);
	OGR_F_Destroy(f);
	return rc == OGRERR_NONE ? 0 : -1;
}

static OGRFeatureH new_feature(struct writer *w, int layer)
{
	return OGR_F_Create(OGR_L_GetLayerDefn(w->out[layer]));
}

static OGRGeometryH point(double lon, double lat)
{
	OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);

	OGR_G_SetPoint_2D(g, 0, lon, lat);
	return g;
}

static char *join_variants(const coopmap_pool_group *g)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < g->n_variants; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? "; " : "", g->variants[i]);
	return g_string_free(s, FALSE);
}

/* ---- countries ------------------------------------------------------- */

static double ring_area(const coopmap_geometry *g, size_t r)
{
	double a = 0;

	for (size_t i = g->ring_start[r]; i + 1 < g->ring_start[r + 1]; i++)
		a += g->lon[i] * g->lat[i + 1] - g->lon[i + 1] * g->lat[i];
	return a / 2;
}

static OGRGeometryH ogr_ring(const coopmap_geometry *g, size_t r)
{
	OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
	size_t first = g->ring_start[r], n = g->ring_start[r + 1] - first;

	OGR_G_SetPointCount(ring, (int)n);
	for (size_t i = 0; i < n; i++)
		OGR_G_SetPoint_2D(ring, (int)i, g->lon[first + i], g->lat[first + i]);
	OGR_G_CloseRings(ring);
	return ring;
}

/*
 * Shapefile rings: outer rings clockwise, holes counter-clockwise; each
 * hole goes to the outer ring that holds its first point.  A country with
 * no polygon at the map's scale (Tuvalu, Tokelau at 50m) is its point; in
 * a GeoPackage, whose countries layer holds multipolygons only, it has no
 * geometry (its row and counts are there).
 */
static OGRGeometryH country_geometry(const struct writer *w,
	const coopmap_country *c)
{
	const coopmap_geometry *g = &c->geometry;
	OGRGeometryH multi;

	if (g->n_rings == 0)
		return w->format == FORMAT_GPKG ? NULL
			: point(c->label_lon, c->label_lat);
	multi = OGR_G_CreateGeometry(wkbMultiPolygon);

	for (size_t r = 0; r < g->n_rings; r++) {
		OGRGeometryH polygon;

		if (ring_area(g, r) > 0)
			continue;
		polygon = OGR_G_CreateGeometry(wkbPolygon);
		OGR_G_AddGeometryDirectly(polygon, ogr_ring(g, r));
		OGR_G_AddGeometryDirectly(multi, polygon);
	}
	for (size_t r = 0; r < g->n_rings; r++) {
		OGRGeometryH probe;

		if (ring_area(g, r) <= 0)
			continue;
		probe = point(g->lon[g->ring_start[r]], g->lat[g->ring_start[r]]);
		for (int p = 0; p < OGR_G_GetGeometryCount(multi); p++) {
			OGRGeometryH polygon = OGR_G_GetGeometryRef(multi, p);

			if (OGR_G_Intersects(polygon, probe)) {
				OGR_G_AddGeometryDirectly(polygon, ogr_ring(g, r));
				break;
			}
		}
		OGR_G_DestroyGeometry(probe);
	}
	return multi;
}

static char *country_tags(const struct writer *w, const coopmap_country *c)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; w->d->layers != NULL &&
	     i < coopmap_layer_set_count(w->d->layers); i++) {
		const coopmap_layer *l = coopmap_layer_set_get(w->d->layers, i);

		if (coopmap_layer_contains(l, c))
			g_string_append_printf(s, "%s%s", s->len ? ";" : "",
				coopmap_layer_id(l));
	}
	return g_string_free(s, FALSE);
}

static int write_countries(struct writer *w, int with_geometry)
{
	size_t n = coopmap_countries_count(w->d->countries);

	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(w->d->countries, i);
		OGRFeatureH f;
		char *tags;

		if (w->d->stats[i].projects == 0)
			continue;
		f = new_feature(w, L_COUNTRIES);
		tags = country_tags(w, c);
		set_text(w, f, "iso_a3", c->iso_a3);
		set_text(w, f, "name", c->name_fr);
		set_text(w, f, "name_en", c->name_en);
		set_int(w, f, "projects", (long long)w->d->stats[i].projects);
		set_int(w, f, "establishments",
			(long long)w->d->stats[i].establishments);
		set_text(w, f, "tags", tags);
		g_free(tags);
		if (write_feature(w, L_COUNTRIES, f,
		    with_geometry ? country_geometry(w, c) : NULL) != 0)
			return -1;
	}
	return 0;
}

/* ---- points ---------------------------------------------------------- */

static int write_establishments(struct writer *w)
{
	for (size_t i = 0; i < coopmap_pool_establishment_count(w->d->pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_establishment(w->d->pool, i);
		const coopmap_project *p = coopmap_projects_get(w->d->projects,
			g->projects[0]);
		OGRFeatureH f = new_feature(w, L_ESTABLISHMENTS);
		char *variants = join_variants(g);

		set_text(w, f, "name", g->name);
		set_text(w, f, "finess", g->finess);
		set_text(w, f, "city", g->city);
		set_text(w, f, "region", p->region);
		set_int(w, f, "projects", (long long)g->n_projects);
		set_int(w, f, "partners", (long long)g->n_peers);
		set_text(w, f, "variants", variants);
		set_int(w, f, "approximate", p->establishment_approximate);
		g_free(variants);
		if (write_feature(w, L_ESTABLISHMENTS, f, isnan(p->establishment_lat)
		    ? NULL : point(p->establishment_lon, p->establishment_lat)) != 0)
			return -1;
	}
	return 0;
}

static int write_partners(struct writer *w)
{
	for (size_t i = 0; i < coopmap_pool_partner_count(w->d->pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_partner(w->d->pool, i);
		const coopmap_project *p = coopmap_projects_get(w->d->projects,
			g->projects[0]);
		OGRFeatureH f = new_feature(w, L_PARTNERS);
		char *variants = join_variants(g);

		set_text(w, f, "name", g->name);
		set_text(w, f, "city", g->city);
		set_text(w, f, "iso_a3", g->country->iso_a3);
		set_text(w, f, "country", g->country->name_fr);
		set_int(w, f, "projects", (long long)g->n_projects);
		set_int(w, f, "establishments", (long long)g->n_peers);
		set_text(w, f, "variants", variants);
		set_int(w, f, "approximate", p->partner_approximate);
		g_free(variants);
		if (write_feature(w, L_PARTNERS, f,
		    point(p->partner_lon, p->partner_lat)) != 0)
			return -1;
	}
	return 0;
}

static int write_projects(struct writer *w)
{
	for (size_t i = 0; i < coopmap_projects_count(w->d->projects); i++) {
		const coopmap_project *p = coopmap_projects_get(w->d->projects, i);
		OGRFeatureH f = new_feature(w, L_PROJECTS);

		set_int(w, f, "line", p->line);
		set_text(w, f, "establishment", p->establishment);
		set_text(w, f, "partner", p->partner);
		set_text(w, f, "partner_city", p->partner_city);
		set_text(w, f, "iso_a3", p->country->iso_a3);
		set_text(w, f, "country", p->country->name_fr);
		set_text(w, f, "theme", p->theme);
		set_text(w, f, "programme", p->programme);
		if (p->year > 0)
			set_int(w, f, "year", p->year);
		set_real(w, f, "amount", p->amount);
		set_int(w, f, "approximate", p->partner_approximate);
		set_text(w, f, "source", p->source);
		if (write_feature(w, L_PROJECTS, f,
		    point(p->partner_lon, p->partner_lat)) != 0)
			return -1;
	}
	return 0;
}

/* ---- links ----------------------------------------------------------- */

static OGRGeometryH arc(double lon1, double lat1, double lon2, double lat2)
{
	double *lon, *lat;
	size_t *starts;
	size_t pieces = coopmap_geodesic_arc(lon1, lat1, lon2, lat2, 50.0, &lon,
		&lat, &starts);
	OGRGeometryH multi = OGR_G_CreateGeometry(wkbMultiLineString);

	for (size_t k = 0; k < pieces; k++) {
		OGRGeometryH line = OGR_G_CreateGeometry(wkbLineString);

		for (size_t i = starts[k]; i < starts[k + 1]; i++)
			OGR_G_AddPoint_2D(line, lon[i], lat[i]);
		if (OGR_G_GetPointCount(line) >= 2)
			OGR_G_AddGeometryDirectly(multi, line);
		else
			OGR_G_DestroyGeometry(line);
	}
	if (pieces > 0) {
		free(lon);
		free(lat);
		free(starts);
	}
	return multi;
}

/* A link of the export: the projects of one establishment, partner
 * hospital and country, gathered in one pass. */
struct link_acc {
	size_t first;            /* its first project, where it is written */
	size_t count;
	GString *programmes;     /* distinct, "; "-separated, in list order */
};

/* One link per establishment and partner hospital (or, for projects
 * without a partner name, per establishment and partner country), in the
 * order of their first project. */
static int write_links(struct writer *w)
{
	GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		NULL);
	GArray *links = g_array_new(FALSE, FALSE, sizeof(struct link_acc));
	size_t n = coopmap_projects_count(w->d->projects);
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const coopmap_project *p = coopmap_projects_get(w->d->projects, i);
		size_t e = coopmap_pool_establishment_of(w->d->pool, i);
		size_t pg = coopmap_pool_partner_of(w->d->pool, i);
		struct link_acc *acc;
		gpointer at;
		char *key;

		if (e == (size_t)-1)
			continue;
		key = g_strdup_printf("%zu|%zu|%s", e, pg, p->country->iso_a3);
		if (g_hash_table_lookup_extended(index, key, NULL, &at)) {
			g_free(key);
			acc = &g_array_index(links, struct link_acc,
				GPOINTER_TO_SIZE(at));
		} else if (isnan(p->establishment_lat)) {
			/* An establishment row without a place starts no link; it
			 * counts in one that a placed row started before it. */
			g_free(key);
			continue;
		} else {
			struct link_acc fresh = { i, 0, g_string_new(NULL) };

			g_hash_table_insert(index, key, GSIZE_TO_POINTER(links->len));
			g_array_append_val(links, fresh);
			acc = &g_array_index(links, struct link_acc, links->len - 1);
		}
		acc->count++;
		if (p->programme[0] != '\0' && !strstr(acc->programmes->str,
		    p->programme))
			g_string_append_printf(acc->programmes, "%s%s",
				acc->programmes->len ? "; " : "", p->programme);
	}
	for (guint k = 0; k < links->len; k++) {
		struct link_acc *acc = &g_array_index(links, struct link_acc, k);
		const coopmap_project *p = coopmap_projects_get(w->d->projects,
			acc->first);
		size_t e = coopmap_pool_establishment_of(w->d->pool, acc->first);
		size_t pg = coopmap_pool_partner_of(w->d->pool, acc->first);
		OGRFeatureH f;

		if (rc == 0) {
			f = new_feature(w, L_LINKS);
			set_text(w, f, "establishment",
				coopmap_pool_establishment(w->d->pool, e)->name);
			set_text(w, f, "partner", pg != (size_t)-1
				? coopmap_pool_partner(w->d->pool, pg)->name : "");
			set_text(w, f, "iso_a3", p->country->iso_a3);
			set_int(w, f, "projects", (long long)acc->count);
			set_text(w, f, "programmes", acc->programmes->str);
			set_int(w, f, "approximate", p->partner_approximate ||
				p->establishment_approximate);
			rc = write_feature(w, L_LINKS, f, arc(p->establishment_lon,
				p->establishment_lat, p->partner_lon, p->partner_lat));
		}
		g_string_free(acc->programmes, TRUE);
	}
	g_array_free(links, TRUE);
	g_hash_table_destroy(index);
	return rc;
}

/* ---- files ----------------------------------------------------------- */

static int format_of(const char *path, enum format *format)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && (g_ascii_strcasecmp(dot, ".geojson") == 0 ||
	    g_ascii_strcasecmp(dot, ".json") == 0))
		*format = FORMAT_GEOJSON;
	else if (dot != NULL && g_ascii_strcasecmp(dot, ".gpkg") == 0)
		*format = FORMAT_GPKG;
	else if (dot != NULL && g_ascii_strcasecmp(dot, ".csv") == 0)
		*format = FORMAT_CSV;
	else if (dot != NULL && g_ascii_strcasecmp(dot, ".kml") == 0)
		*format = FORMAT_KML;
	else if (strcmp(path, "-") == 0 ||
	    (dot != NULL && g_ascii_strcasecmp(dot, ".md") == 0))
		*format = FORMAT_MD;
	else
		return -1;
	return 0;
}

/* ---- Markdown report of the countries -------------------------------- */

struct md_row {
	const coopmap_country *country;
	const coopmap_country_stats *stats;
};

/* Most projects first, then by French name. */
static int md_row_order(const void *a, const void *b)
{
	const struct md_row *x = a, *y = b;

	if (x->stats->projects != y->stats->projects)
		return x->stats->projects < y->stats->projects ? 1 : -1;
	return g_utf8_collate(x->country->name_fr, y->country->name_fr);
}

static void write_markdown(const struct writer *w, FILE *out)
{
	size_t n = coopmap_countries_count(w->d->countries), count = 0, total = 0;
	struct md_row *rows = g_new(struct md_row, n + 1);
	char *source = coopmap_report_markdown_text(
		coopmap_projects_path(w->d->projects));
	char countries[64];

	for (size_t i = 0; i < n; i++) {
		if (w->d->stats[i].projects == 0)
			continue;
		rows[count].country = coopmap_countries_get(w->d->countries, i);
		rows[count++].stats = &w->d->stats[i];
		total += w->d->stats[i].projects;
	}
	qsort(rows, count, sizeof(*rows), md_row_order);
	/* TRANSLATORS: the count of countries, the last %s of "List: %s.
	 * %zu project in %s ...". */
	snprintf(countries, sizeof(countries), _n("%zu partner country",
		"%zu partner countries", (unsigned long)count), count);
	fprintf(out, "%s", _("# Hospital cooperation by country\n\n"));
	fprintf(out, _n("List: %s. %zu project in %s (a project that names "
		"several countries counts in each).\n\n", "List: %s. %zu projects "
		"in %s (a project that names several countries counts in each).\n\n",
		(unsigned long)total), source, total, countries);
	fprintf(out, "%s", _("| Country | Code | Projects | Establishments | "
		"Layers (see `coopmap layers`) |\n"));
	fprintf(out, "| --- | --- | ---: | ---: | --- |\n");
	for (size_t i = 0; i < count; i++) {
		char *tags = country_tags(w, rows[i].country);

		g_strdelimit(tags, ";", ',');
		fprintf(out, "| %s | %s | %zu | %zu | %s |\n",
			coopmap_country_name(rows[i].country, coopmap_i18n_lang()),
			rows[i].country->iso_a3,
			rows[i].stats->projects, rows[i].stats->establishments, tags);
		g_free(tags);
	}
	g_free(source);
	g_free(rows);
}

/* The Markdown report to path, atomically, or to standard output ("-"). */
static int export_markdown(const struct writer *w, const char *path,
	coopmap_error *err)
{
	coopmap_output *output = NULL;
	int rc;

	if (strcmp(path, "-") == 0) {
		write_markdown(w, stdout);
		return fflush(stdout) == 0 && !ferror(stdout) ? COOPMAP_OK
			: coopmap_error_set(err, COOPMAP_ERR_IO,
				"cannot write to standard output");
	}
	rc = coopmap_output_open(path, &output, err);
	if (rc != COOPMAP_OK)
		return rc;
	write_markdown(w, coopmap_output_stream(output));
	return coopmap_output_commit(output, err);
}

static const struct field presence_fields[] = {
	{ "iso_a3", OFTString }, { "name", OFTString }, { "name_en", OFTString },
	{ "count", OFTInteger }, { "actors", OFTString },
	{ "actor_names", OFTString }, { "bases", OFTString },
	{ NULL, OFTString }
};

/* One layer, actor_presence: a country and the actors tied to it. */
static int create_presence_layer(struct writer *w, OGRSpatialReferenceH wgs84)
{
	static const char *const geojson_options[] = { "RFC7946=YES",
		"COORDINATE_PRECISION=6", "WRITE_NAME=NO", NULL };
	static const char *const csv_options[] = { "LINEFORMAT=LF",
		"STRING_QUOTING=IF_NEEDED", NULL };
	int csv = w->format == FORMAT_CSV;

	w->out[0] = GDALDatasetCreateLayer(w->ds, "actor_presence",
		csv ? NULL : wgs84, csv ? wkbNone : wkbMultiPolygon,
		(char **)(csv ? csv_options : w->format == FORMAT_GEOJSON
		? geojson_options : NULL));
	return w->out[0] == NULL || add_fields(w->out[0], presence_fields) ? -1
		: 0;
}

/* Countries in registry order; actors in the files' order. */
static int write_presence(struct writer *w)
{
	const coopmap_countries *countries = w->d->countries;

	for (size_t i = 0; i < coopmap_countries_count(countries); i++) {
		const coopmap_country *c = coopmap_countries_get(countries, i);
		GString *ids = g_string_new(NULL), *names = g_string_new(NULL);
		GString *bases = g_string_new(NULL);
		size_t count = 0;
		int rc = 0;

		for (size_t a = 0; a < coopmap_actors_count(w->actors); a++) {
			const coopmap_actor *actor = coopmap_actors_get(w->actors, a);
			long row = -1;

			if (!coopmap_actors_present(w->actors, a, c, w->d->layers, &row))
				continue;
			g_string_append_printf(ids, "%s%s", count > 0 ? ";" : "",
				actor->id);
			g_string_append_printf(names, "%s%s", count > 0 ? ";" : "",
				actor->name_fr);
			g_string_append_printf(bases, "%s%s: %s", count > 0 ? ";" : "",
				actor->id, actor->presence_kind == COOPMAP_PRESENCE_LIST
				? coopmap_actors_presence(w->actors, (size_t)row)->basis_fr
				: actor->presence);
			count++;
		}
		if (count > 0) {
			OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(w->out[0]));

			set_text(w, f, "iso_a3", c->iso_a3);
			set_text(w, f, "name", c->name_fr);
			set_text(w, f, "name_en", c->name_en);
			set_int(w, f, "count", (long long)count);
			set_text(w, f, "actors", ids->str);
			set_text(w, f, "actor_names", names->str);
			set_text(w, f, "bases", bases->str);
			if (w->format != FORMAT_CSV)
				OGR_F_SetGeometryDirectly(f, country_geometry(w, c));
			rc = OGR_L_CreateFeature(w->out[0], f) == OGRERR_NONE ? 0 : -1;
			OGR_F_Destroy(f);
		}
		g_string_free(ids, TRUE);
		g_string_free(names, TRUE);
		g_string_free(bases, TRUE);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* One layer holding the fields of the first n layers (GeoJSON, CSV), with
 * GeoJSON's "layer" field first. */
static OGRLayerH one_layer(struct writer *w, GDALDatasetH ds, const char *name,
	OGRSpatialReferenceH srs, const char *const *options, int n)
{
	static const struct field layer_field[] = { { "layer", OFTString },
		{ NULL, OFTString } };
	OGRLayerH layer = GDALDatasetCreateLayer(ds, name, srs,
		w->format == FORMAT_CSV ? wkbNone : wkbUnknown, (char **)options);

	if (layer == NULL || (w->format == FORMAT_GEOJSON &&
	    add_fields(layer, layer_field)))
		return NULL;
	for (int l = 0; l < n; l++) {
		if (add_fields(layer, layers[l].fields))
			return NULL;
	}
	return layer;
}

static int create_layers(struct writer *w, OGRSpatialReferenceH wgs84)
{
	static const char *const geojson_options[] = { "RFC7946=YES",
		"COORDINATE_PRECISION=6", "WRITE_NAME=NO", NULL };
	/* The projects' points, written without OGR's RFC 7946 mode: it copies
	 * every feature to cut its geometry at the antimeridian, a quarter of
	 * a long list's export, and a point needs no cut.  The same bytes. */
	static const char *const points_options[] = {
		"COORDINATE_PRECISION=6", "WRITE_NAME=NO", NULL };
	static const char *const csv_options[] = { "LINEFORMAT=LF",
		"STRING_QUOTING=IF_NEEDED", NULL };

	if (w->format == FORMAT_GPKG) {
		for (int l = 0; l < L_COUNT; l++) {
			w->out[l] = GDALDatasetCreateLayer(w->ds, layers[l].name, wgs84,
				layers[l].geometry, NULL);
			if (w->out[l] == NULL || add_fields(w->out[l], layers[l].fields))
				return -1;
		}
		return 0;
	}
	if (w->format == FORMAT_CSV) {
		w->out[0] = one_layer(w, w->ds, "countries", NULL, csv_options, 1);
		return w->out[0] != NULL ? 0 : -1;
	}
	w->out[0] = one_layer(w, w->ds, "coopmap", wgs84, geojson_options,
		L_COUNT);
	for (int l = 1; l < L_COUNT; l++)
		w->out[l] = w->out[0];
	if (w->out[0] == NULL || w->projects_name == NULL)
		return w->out[0] != NULL ? 0 : -1;
	w->projects_ds = GDALCreate(GDALGetDriverByName("GeoJSON"),
		w->projects_name, 0, 0, 0, GDT_Unknown, NULL);
	w->out[L_PROJECTS] = w->projects_ds == NULL ? NULL : one_layer(w,
		w->projects_ds, "coopmap", NULL, points_options, L_COUNT);
	return w->out[L_PROJECTS] != NULL ? 0 : -1;
}

static int write_all(struct writer *w)
{
	if (w->actors != NULL)
		return write_presence(w);
	if (w->format == FORMAT_CSV)
		return write_countries(w, 0);
	return write_countries(w, 1) || write_establishments(w) ||
		write_partners(w) || write_links(w) || write_projects(w) ? -1 : 0;
}

static int export_file(struct writer *w_, const char *path,
	coopmap_error *err);

/*
 * Every feature, in one transaction where the format has them (GPKG):
 * SQLite otherwise commits each feature on its own, a third of the time
 * of a 100,000-row export.  The tables' rows are the same.
 */
static int write_features(struct writer *w)
{
	int transaction = w->format == FORMAT_GPKG &&
		GDALDatasetStartTransaction(w->ds, FALSE) == OGRERR_NONE;
	int rc = write_all(w);

	if (transaction && rc == 0 &&
	    GDALDatasetCommitTransaction(w->ds) != OGRERR_NONE)
		rc = -1;
	else if (transaction && rc != 0)
		GDALDatasetRollbackTransaction(w->ds);
	return rc;
}

int coopmap_export_write(const coopmap_export_data *data, const char *path,
	coopmap_error *err)
{
	struct writer w;

	memset(&w, 0, sizeof(w));
	w.d = data;
	if (format_of(path, &w.format) != 0)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: the output's "
			"extension must be .geojson, .json, .gpkg, .kml, .csv or .md",
			path);
	if (w.format == FORMAT_MD)
		return export_markdown(&w, path, err);
	if (w.format == FORMAT_KML)
		return coopmap_kml_write(data, path, NULL, err);
	return export_file(&w, path, err);
}

int coopmap_export_actors(const coopmap_countries *countries,
	const coopmap_layer_set *layer_set, const coopmap_actors *actors,
	const char *path, coopmap_error *err)
{
	coopmap_export_data data;
	struct writer w;

	memset(&data, 0, sizeof(data));
	memset(&w, 0, sizeof(w));
	data.countries = countries;
	data.layers = layer_set;
	w.d = &data;
	w.actors = actors;
	if (format_of(path, &w.format) != 0 || w.format == FORMAT_MD ||
	    w.format == FORMAT_KML)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: the actors' "
			"presence is written as .geojson, .json, .gpkg or .csv", path);
	return export_file(&w, path, err);
}

/*
 * The GeoJSON file: the main file's features, then the projects' from
 * their own file, then the end of the collection, as OGR would have
 * written them in one file (",\n" between features).
 */
static int commit_geojson(const char *temp, const char *projects,
	const char *path, coopmap_error *err)
{
	static const char head[] = "{\n\"type\": \"FeatureCollection\",\n"
		"\"features\": [\n";
	static const char tail[] = "\n]\n}\n";
	const size_t head_n = sizeof(head) - 1, tail_n = sizeof(tail) - 1;
	vsi_l_offset n = 0, m = 0;
	const char *main_bytes = (const char *)VSIGetMemFileBuffer(temp, &n,
		FALSE);
	const char *points = (const char *)VSIGetMemFileBuffer(projects, &m,
		FALSE);
	coopmap_output *o = NULL;
	FILE *f;
	int rc;

	if (main_bytes == NULL || points == NULL || n < tail_n ||
	    m < head_n + tail_n || memcmp(main_bytes + n - tail_n, tail, tail_n) ||
	    memcmp(points, head, head_n) || memcmp(points + m - tail_n, tail,
	    tail_n))
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: "
			"OGR's GeoJSON is not as expected", path);
	if ((rc = coopmap_output_open(path, &o, err)) != COOPMAP_OK)
		return rc;
	f = coopmap_output_stream(o);
	fwrite(main_bytes, 1, (size_t)(n - tail_n), f);
	if (m > head_n + tail_n) {
		/* A feature before: the separator; none: "[\n" ends the head. */
		if (main_bytes[n - tail_n - 1] != '\n')
			fputs(",\n", f);
		fwrite(points + head_n, 1, (size_t)(m - head_n - tail_n), f);
	}
	fwrite(tail, 1, tail_n, f);
	if (ferror(f)) {
		coopmap_output_abort(o);
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			path, strerror(errno));
	}
	return coopmap_output_commit(o, err);
}

/* Through OGR's driver for w's format, to a temporary name renamed onto
 * path when complete. */
static int export_file(struct writer *w_, const char *path,
	coopmap_error *err)
{
	static const char *const drivers[] = { "GeoJSON", "GPKG", "CSV" };
	struct writer w = *w_;
	OGRSpatialReferenceH wgs84;
	char *temp;
	int rc = COOPMAP_OK;

	if ((rc = coopmap_output_check_target(path, err)) != COOPMAP_OK)
		return rc;
	/* OGR creates the file itself: in memory, moved into place whole when
	 * complete (output.h). */
	temp = coopmap_output_memory_name(path);
	if (w.format == FORMAT_GEOJSON && w.actors == NULL)
		w.projects_name = coopmap_output_memory_name(path);
	GDALAllRegister();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	wgs84 = OSRNewSpatialReference(NULL);
	OSRSetWellKnownGeogCS(wgs84, "WGS84");
	OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
	w.ds = GDALCreate(GDALGetDriverByName(drivers[w.format]), temp, 0, 0, 0,
		GDT_Unknown, NULL);
	if (w.ds == NULL || (w.actors != NULL ? create_presence_layer(&w, wgs84)
	    : create_layers(&w, wgs84)) != 0 || write_features(&w) != 0)
		rc = COOPMAP_ERR_IO;
	if (w.projects_ds != NULL)
		GDALClose(w.projects_ds);
	if (w.ds != NULL) {
		if (rc == COOPMAP_OK)
			CPLErrorReset();
		GDALClose(w.ds);
		if (CPLGetLastErrorType() >= CE_Failure)
			rc = COOPMAP_ERR_IO;
	}
	if (rc != COOPMAP_OK) {
		const char *why = CPLGetLastErrorMsg();

		coopmap_error_set(err, rc, "%s: cannot write: %s", path,
			why != NULL && why[0] != '\0' ? why : _("write error"));
		coopmap_output_drop_memory(temp);
	} else if (w.projects_name != NULL) {
		rc = commit_geojson(temp, w.projects_name, path, err);
		coopmap_output_drop_memory(temp);
	} else {
		rc = coopmap_output_commit_memory(temp, path, err);
	}
	if (w.projects_name != NULL)
		coopmap_output_drop_memory(w.projects_name);
	OSRDestroySpatialReference(wgs84);
	CPLPopErrorHandler();
	free(temp);
	free(w.projects_name);
	return rc;
}
