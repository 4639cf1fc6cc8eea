/* test_export.c: GeoJSON, GeoPackage and CSV exports, opened again with
 * OGR: counts per layer, attributes, RFC 7946 rules (no crs member,
 * coordinates in bounds, links cut at the antimeridian); the KML for
 * Google My Maps (kml.h), parsed by libxml2 and reopened by OGR's LIBKML
 * driver: folders, data columns, pooled partners, hostile cells, the split
 * set written whole or not at all. */
#include "coopmap/i18n.h"
#include "test_util.h"

#include <gdal.h>
#include <glib.h>
#include <libxml/parser.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <ogr_api.h>
#include <string.h>
#include <unistd.h>

#include "coopmap/export.h"
#include "coopmap/join.h"
#include "coopmap/kml.h"
#include "coopmap/layers.h"
#include "coopmap/network.h"
#include "coopmap/locate.h"
#include "coopmap/places.h"
#include "coopmap/pool.h"

struct fixture {
	coopmap_countries *countries;
	coopmap_projects *projects;
	coopmap_pool *pool;
	coopmap_country_stats *stats;
	coopmap_layer_set *layers;
	coopmap_export_data data;
};

static void load(struct fixture *f, const char *path)
{
	coopmap_error err = COOPMAP_ERROR_INIT;
	char layer_dir[4096];

	snprintf(layer_dir, sizeof(layer_dir), "%s", data_path("geodata/layers"));
	f->projects = test_read_located(path, f->countries);
	if (coopmap_pool_build(f->projects, &f->pool, &err) ||
	    coopmap_join_by_country(f->projects, f->countries, NULL, &f->stats, NULL,
		&err) ||
	    coopmap_layer_set_open(layer_dir, f->countries, &f->layers, &err))
		fail_msg("%s", err.message);
	f->data.countries = f->countries;
	f->data.projects = f->projects;
	f->data.pool = f->pool;
	f->data.stats = f->stats;
	f->data.layers = f->layers;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->countries = test_open_countries("50m", 1);
	*state = f;
	mkdir(TEST_ARTIFACTS, 0755);
	return f->countries != NULL ? 0 : -1;
}

static void unload(struct fixture *f)
{
	free(f->stats);
	coopmap_pool_free(f->pool);
	coopmap_projects_free(f->projects);
	coopmap_layer_set_free(f->layers);
	f->stats = NULL;
	f->pool = NULL;
	f->projects = NULL;
	f->layers = NULL;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unload(f);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static GIntBig layer_count(GDALDatasetH ds, const char *name)
{
	OGRLayerH layer = GDALDatasetGetLayerByName(ds, name);

	assert_non_null(layer);
	return OGR_L_GetFeatureCount(layer, TRUE);
}

static void test_geopackage_has_five_layers_with_the_right_counts(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/export.gpkg";
	GDALDatasetH ds;
	OGRFeatureH feature;

	load(f, "examples/cooperations.csv");
	unlink(path);
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	assert_int_equal(GDALDatasetGetLayerCount(ds), 5);
	assert_int_equal(layer_count(ds, "countries"), 27);
	assert_int_equal(layer_count(ds, "projects"), 60);
	assert_int_equal(layer_count(ds, "establishments"),
		(GIntBig)coopmap_pool_establishment_count(f->pool));
	assert_int_equal(layer_count(ds, "partners"),
		(GIntBig)coopmap_pool_partner_count(f->pool));
	assert_true(layer_count(ds, "links") >= 50);
	/* Burkina Faso: 11 projects, in the CICD layer. */
	OGR_L_SetAttributeFilter(GDALDatasetGetLayerByName(ds, "countries"),
		"iso_a3 = 'BFA'");
	feature = OGR_L_GetNextFeature(GDALDatasetGetLayerByName(ds, "countries"));
	assert_non_null(feature);
	assert_int_equal(OGR_F_GetFieldAsInteger(feature,
		OGR_F_GetFieldIndex(feature, "projects")), 11);
	assert_non_null(strstr(OGR_F_GetFieldAsString(feature,
		OGR_F_GetFieldIndex(feature, "tags")), "cicd-2018"));
	OGR_F_Destroy(feature);
	GDALClose(ds);
	unload(f);
}

static char *slurp(const char *path)
{
	gchar *text = NULL;

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	return text;
}

static void test_geojson_follows_rfc_7946_and_cuts_links(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/export-pacific.geojson";
	GDALDatasetH ds;
	OGRLayerH layer;
	OGRFeatureH feature;
	char *text;
	int cut_links = 0;

	load(f, "tests/data/export-pacific.csv");
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	text = slurp(path);
	assert_null(strstr(text, "\"crs\""));
	g_free(text);
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	layer = GDALDatasetGetLayer(ds, 0);
	while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
		OGRGeometryH g = OGR_F_GetGeometryRef(feature);
		OGREnvelope box;

		if (g != NULL) {
			OGR_G_GetEnvelope(g, &box);
			assert_true(box.MinX >= -180 && box.MaxX <= 180);
			assert_true(box.MinY >= -90 && box.MaxY <= 90);
		}
		if (g != NULL && strcmp(OGR_F_GetFieldAsString(feature,
		    OGR_F_GetFieldIndex(feature, "layer")), "links") == 0) {
			int parts = wkbFlatten(OGR_G_GetGeometryType(g)) ==
				wkbMultiLineString ? OGR_G_GetGeometryCount(g) : 1;

			for (int k = 0; k < parts; k++) {
				OGRGeometryH line = parts > 1 || wkbFlatten(
					OGR_G_GetGeometryType(g)) == wkbMultiLineString
					? OGR_G_GetGeometryRef(g, k) : g;

				for (int i = 1; i < OGR_G_GetPointCount(line); i++)
					assert_true(fabs(OGR_G_GetX(line, i) -
						OGR_G_GetX(line, i - 1)) < 180);
			}
			cut_links += parts == 2;
		}
		OGR_F_Destroy(feature);
	}
	/* La Réunion to Apia crosses the antimeridian: two pieces. */
	assert_int_equal(cut_links, 1);
	GDALClose(ds);
	unload(f);
}

/* The projects' points are written apart from the other features and
 * joined to them (export.c): one collection, each project once, after the
 * countries, places and links. */
static void test_geojson_holds_every_project_after_the_other_layers(
	void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/export-projects.geojson";
	GDALDatasetH ds;
	OGRFeatureH feature;
	size_t projects = 0, others_after = 0, others = 0;

	load(f, "examples/cooperations.csv");
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	assert_int_equal(GDALDatasetGetLayerCount(ds), 1);
	while ((feature = OGR_L_GetNextFeature(GDALDatasetGetLayer(ds, 0))) !=
	    NULL) {
		const char *layer = OGR_F_GetFieldAsString(feature,
			OGR_F_GetFieldIndex(feature, "layer"));

		if (strcmp(layer, "projects") == 0)
			projects++;
		else if (projects > 0)
			others_after++;
		else
			others++;
		OGR_F_Destroy(feature);
	}
	GDALClose(ds);
	assert_int_equal(projects, coopmap_projects_count(f->projects));
	assert_true(others > 0);
	assert_int_equal(others_after, 0);
	unload(f);
}

/* Territories with no polygon at 50m are joined, counted and exported as
 * points of the countries layer (GeoJSON); in a GeoPackage, whose
 * countries layer holds multipolygons, as rows without geometry. */
static void test_small_states_are_joined_and_exported_as_points(void **state)
{
	static const char *const points[][2] = {
		{ "TUV", "2" }, { "TKL", "1" }, { "GIB", "1" }, { "BES", "1" },
	};
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *json = TEST_ARTIFACTS "/export-small-states.geojson";
	const char *gpkg = TEST_ARTIFACTS "/export-small-states.gpkg";
	GDALDatasetH ds;
	OGRLayerH layer;
	OGRFeatureH feature;
	int seen = 0;

	load(f, "tests/data/export-small-states.csv");
	assert_int_equal(f->stats[coopmap_country_index(f->countries,
		coopmap_country_find_iso3(f->countries, "TUV"))].projects, 2);
	unlink(json);
	unlink(gpkg);
	assert_int_equal(coopmap_export_write(&f->data, json, &err), COOPMAP_OK);
	assert_int_equal(coopmap_export_write(&f->data, gpkg, &err), COOPMAP_OK);
	ds = GDALOpenEx(json, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	layer = GDALDatasetGetLayer(ds, 0);
	while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
		const char *code = OGR_F_GetFieldAsString(feature,
			OGR_F_GetFieldIndex(feature, "iso_a3"));
		OGRGeometryH g = OGR_F_GetGeometryRef(feature);

		if (strcmp(OGR_F_GetFieldAsString(feature, OGR_F_GetFieldIndex(
		    feature, "layer")), "countries") != 0) {
			OGR_F_Destroy(feature);
			continue;
		}
		for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
			if (strcmp(code, points[i][0]) != 0)
				continue;
			assert_non_null(g);
			assert_int_equal(wkbFlatten(OGR_G_GetGeometryType(g)), wkbPoint);
			assert_string_equal(OGR_F_GetFieldAsString(feature,
				OGR_F_GetFieldIndex(feature, "projects")), points[i][1]);
			seen++;
		}
		if (strcmp(code, "MCO") == 0)   /* a polygon at 50m */
			assert_int_not_equal(wkbFlatten(OGR_G_GetGeometryType(g)),
				wkbPoint);
		OGR_F_Destroy(feature);
	}
	assert_int_equal(seen, 4);
	GDALClose(ds);
	ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	assert_int_equal(layer_count(ds, "countries"), 5);
	GDALClose(ds);
	unload(f);
}

static void test_csv_holds_the_country_aggregates(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/export.csv";
	char *text;

	load(f, "examples/cooperations.csv");
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	text = slurp(path);
	assert_true(g_str_has_prefix(text,
		"iso_a3,name,name_en,projects,establishments,tags\n"));
	assert_non_null(strstr(text, "\nBFA,Burkina Faso,Burkina Faso,11,"));
	g_free(text);
	assert_int_equal(coopmap_export_write(&f->data, TEST_ARTIFACTS "/x.kmz",
		&err), COOPMAP_ERR_USAGE);
	assert_int_equal(access(TEST_ARTIFACTS "/x.kmz", F_OK), -1);
	assert_int_equal(coopmap_export_write(&f->data, "/nonexistent/x.geojson",
		&err), COOPMAP_ERR_IO);
	unload(f);
}

static void test_markdown_report_ranks_the_countries(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/export.md";
	char *text, *bfa, *cmr;

	load(f, "examples/cooperations.csv");
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	text = slurp(path);
	assert_true(g_str_has_prefix(text, "# Coopérations hospitalières par "
		"pays\n"));
	assert_non_null(strstr(text, "60 projets dans 27 pays partenaires"));
	/* Most projects first: Burkina Faso (11) before Cameroun (4). */
	bfa = strstr(text, "\n| Burkina Faso | BFA | 11 | 11 | "
		"cicd-2018,francophonie |\n");
	cmr = strstr(text, "\n| Cameroun | CMR | 4 |");
	assert_non_null(bfa);
	assert_non_null(cmr);
	assert_true(bfa < cmr);
	g_free(text);
	/* The report speaks the run's language: English asked. */
	coopmap_i18n_init("en");
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	coopmap_i18n_init("fr");
	text = slurp(path);
	assert_true(g_str_has_prefix(text, "# Hospital cooperation by country\n"));
	assert_non_null(strstr(text, "60 projects in 27 partner countries"));
	assert_non_null(strstr(text, "\n| Cameroon | CMR | 4 |"));
	g_free(text);
	unload(f);
}

/* ---- KML for Google My Maps (kml.h) ---------------------------------- */

static const char *const kml_columns[] = { "establishment", "partner",
	"spellings", "city", "country", "programme", "years", "theme", "source",
	NULL };

/* Not inlined: GCC 12 then sees a pointer into text that cmocka's
 * longjmp could leave dangling (-Wdangling-pointer, a false alarm). */
__attribute__((noinline))
static int count_of(const char *text, const char *what)
{
	size_t offset = 0;
	int n = 0;
	const char *at;

	while ((at = strstr(text + offset, what)) != NULL) {
		offset = (size_t)(at - text) + 1;
		n++;
	}
	return n;
}

/* Parsed by libxml2 without error: well-formed XML. */
static void assert_well_formed(const char *path)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);

	if (doc == NULL)
		fail_msg("%s: not well-formed XML", path);
	xmlFreeDoc(doc);
}

/* Every number of every <coordinates> has at most 6 decimals. */
static void assert_six_decimals(const char *text)
{
	int numbers = 0;

	for (const char *at = strstr(text, "<coordinates>"); at != NULL;
	     at = strstr(at, "<coordinates>")) {
		const char *end = strstr(at, "</coordinates>");

		assert_non_null(end);
		for (at += strlen("<coordinates>"); at < end; at++) {
			int decimals = 0;

			if (*at != '.')
				continue;
			while (at[1] >= '0' && at[1] <= '9') {
				decimals++;
				at++;
			}
			assert_in_range(decimals, 1, 6);
			numbers++;
		}
	}
	assert_true(numbers > 0);
}

static const char *field(OGRFeatureH f, const char *name)
{
	int i = OGR_F_GetFieldIndex(f, name);

	assert_true(i >= 0);
	return OGR_F_GetFieldAsString(f, i);
}

/* The one feature of layer whose geometry is a point and whose name is
 * column's value (a point of that establishment or partner); NULL when
 * none.  Caller destroys it. */
static OGRFeatureH point_named(OGRLayerH layer, const char *column,
	const char *name)
{
	OGRFeatureH f, found = NULL;

	OGR_L_ResetReading(layer);
	while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
		OGRGeometryH g = OGR_F_GetGeometryRef(f);

		if (g != NULL && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint &&
		    strcmp(field(f, "Name"), name) == 0 &&
		    strcmp(field(f, column), name) == 0) {
			assert_null(found);   /* once per folder */
			found = f;
		} else {
			OGR_F_Destroy(f);
		}
	}
	return found;
}

/* csv exported to path as KML, well-formed, reopened by OGR (LIBKML):
 * its folders are the layers.  Caller closes it and unloads f. */
static GDALDatasetH kml_export_open(struct fixture *f, const char *csv,
	const char *path)
{
	coopmap_error err = COOPMAP_ERROR_INIT;
	GDALDatasetH ds;

	load(f, csv);
	assert_int_equal(coopmap_export_write(&f->data, path, &err), COOPMAP_OK);
	assert_well_formed(path);
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
	assert_non_null(ds);
	return ds;
}

/* The distinct (programme, establishment) and (programme, establishment,
 * partner or country) of f's projects: the points and links to expect. */
static void expected_marks(struct fixture *f, size_t *establishments,
	size_t *links)
{
	GHashTable *e = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		NULL);
	GHashTable *l = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		NULL);

	for (size_t i = 0; i < coopmap_projects_count(f->projects); i++) {
		const coopmap_project *p = coopmap_projects_get(f->projects, i);
		size_t est = coopmap_pool_establishment_of(f->pool, i);
		size_t partner = coopmap_pool_partner_of(f->pool, i);
		int k = (int)coopmap_programme_of(p->programme);

		if (est == (size_t)-1 || isnan(p->establishment_lat))
			continue;
		g_hash_table_add(e, g_strdup_printf("%d|%zu", k, est));
		g_hash_table_add(l, g_strdup_printf("%d|%zu|%zu|%s", k, est, partner,
			partner == (size_t)-1 ? p->country->iso_a3 : ""));
	}
	*establishments = g_hash_table_size(e);
	*links = g_hash_table_size(l);
	g_hash_table_destroy(e);
	g_hash_table_destroy(l);
}

static void test_kml_has_a_folder_per_programme_with_data_columns(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/export.kml";
	size_t establishments = 0, links = 0, seen_establishments = 0,
		seen_links = 0;
	GDALDatasetH ds;
	OGRFeatureH bicetre;
	char *text, *again;

	ds = kml_export_open(f, "examples/cooperations.csv", path);
	expected_marks(f, &establishments, &links);
	text = slurp(path);
	/* One Document, shared styles (3 kinds x 3 programmes), used by
	 * reference; no style inside a placemark. */
	assert_int_equal(count_of(text, "<Document>"), 1);
	assert_int_equal(count_of(text, "<Style id="), 9);
	assert_int_equal(count_of(text, "<Style>"), 0);
	assert_non_null(strstr(text, "<styleUrl>#lien-apchi</styleUrl>"));
	assert_non_null(strstr(text, "<styleUrl>#etablissement-autre</styleUrl>"));
	assert_non_null(strstr(text, "<name>Coopérations hospitalières "
		"internationales</name>"));
	assert_non_null(strstr(text, "CHU de Tours → "));
	assert_null(strstr(text, "&apos;"));
	assert_six_decimals(text);
	/* The same list gives the same bytes. */
	assert_int_equal(coopmap_export_write(&f->data,
		TEST_ARTIFACTS "/export-again.kml", &err), COOPMAP_OK);
	again = slurp(TEST_ARTIFACTS "/export-again.kml");
	assert_string_equal(text, again);
	g_free(again);
	g_free(text);
	/* APCHI (DGOS) and the others: the example has no PRPH row. */
	assert_int_equal(GDALDatasetGetLayerCount(ds), 2);
	assert_string_equal(OGR_L_GetName(GDALDatasetGetLayer(ds, 0)),
		"APCHI (DGOS)");
	assert_string_equal(OGR_L_GetName(GDALDatasetGetLayer(ds, 1)),
		"Autres financements ou non précisé");
	for (int k = 0; k < 2; k++) {
		OGRLayerH layer = GDALDatasetGetLayer(ds, k);
		OGRFeatureH feature;

		while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
			OGRGeometryH g = OGR_F_GetGeometryRef(feature);
			int kind = wkbFlatten(OGR_G_GetGeometryType(g));

			for (int c = 0; kml_columns[c] != NULL; c++)
				(void)field(feature, kml_columns[c]);
			assert_string_equal(field(feature, "programme"),
				OGR_L_GetName(layer));
			assert_true(field(feature, "establishment")[0] != '\0');
			assert_true(field(feature, "country")[0] != '\0');
			/* Empty only for a link to a partner the list does not
			 * name (CHU d'Angers, Bamako). */
			assert_true(field(feature, "spellings")[0] != '\0' ||
				field(feature, "partner")[0] == '\0');
			if (kind == wkbPoint && strcmp(field(feature, "Name"),
			    field(feature, "establishment")) == 0)
				seen_establishments++;
			if (kind == wkbLineString || kind == wkbMultiLineString)
				seen_links++;
			OGR_F_Destroy(feature);
		}
	}
	assert_int_equal(seen_establishments, establishments);
	assert_int_equal(seen_links, links);
	/* A row's cells in its columns: AP-HP Bicêtre, APCHI 2017. */
	bicetre = point_named(GDALDatasetGetLayer(ds, 0), "establishment",
		"AP-HP - Hôpital Bicêtre");
	assert_non_null(bicetre);
	assert_string_equal(field(bicetre, "years"), "2017");
	assert_string_equal(field(bicetre, "theme"),
		"radiologie pédiatrique et périnatale");
	assert_string_equal(field(bicetre, "city"), "Le Kremlin-Bicêtre");
	assert_string_equal(field(bicetre, "partner"), "hôpital de Buenos Aires");
	assert_true(g_str_has_prefix(field(bicetre, "source"),
		"http://www.aphp.fr/"));
	assert_non_null(strstr(field(bicetre, "description"),
		"<a href=\"http://www.aphp.fr/"));
	OGR_F_Destroy(bicetre);
	GDALClose(ds);
	unload(f);
}

/* "Hôpital Général de Douala" (line 15) and "Hôpital général de Douala"
 * (line 58) are one hospital.  "Centre hospitalier national de
 * Ouagadougou" (line 40) stays apart from the "Centre hospitalier national
 * Yalgado Ouédraogo" (line 39): a capital may hold several national
 * hospitals, and the names alone do not say which one is meant. */
static void test_kml_pools_the_spellings_of_a_partner(void **state)
{
	struct fixture *f = *state;
	GDALDatasetH ds = kml_export_open(f, "examples/cooperations.csv",
		TEST_ARTIFACTS "/export-pool.kml");
	OGRLayerH others;
	OGRFeatureH douala, other;

	others = GDALDatasetGetLayerByName(ds,
		"Autres financements ou non précisé");
	assert_non_null(others);
	douala = point_named(others, "partner", "Hôpital Général de Douala");
	assert_non_null(douala);
	assert_string_equal(field(douala, "spellings"), "Hôpital Général de "
		"Douala; Hôpital général de Douala");
	assert_string_equal(field(douala, "establishment"),
		"CHU de Strasbourg; Centre hospitalier de la Côte basque");
	assert_string_equal(field(douala, "city"), "Douala");
	assert_string_equal(field(douala, "country"), "Cameroun");
	assert_string_equal(field(douala, "years"), "2016");
	OGR_F_Destroy(douala);
	other = point_named(others, "partner", "Hôpital général de Douala");
	assert_null(other);
	other = point_named(others, "partner",
		"Centre hospitalier national de Ouagadougou");
	assert_non_null(other);
	assert_string_equal(field(other, "spellings"),
		"Centre hospitalier national de Ouagadougou");
	OGR_F_Destroy(other);
	GDALClose(ds);
	unload(f);
}

/* Names with markup, control characters (U+0001, U+000B, ESC) and a
 * javascript: source: well-formed XML, names as text, no link. */
static void test_kml_keeps_hostile_cells_as_text(void **state)
{
	struct fixture *f = *state;
	const char *path = TEST_ARTIFACTS "/hostile.kml";
	GDALDatasetH ds = kml_export_open(f, "tests/data/hostile.csv", path);
	OGRFeatureH kara;
	char *text = slurp(path);

	assert_null(strchr(text, '\001'));
	assert_null(strchr(text, '\013'));
	assert_null(strchr(text, '\033'));
	assert_null(strstr(text, "<script>"));
	assert_non_null(strstr(text, "<name>&amp;lt;script&amp;gt;alert(1)"
		"&amp;lt;/script&amp;gt;</name>"));
	assert_non_null(strstr(text, "<value>javascript:alert(document.cookie)"
		"</value>"));
	assert_null(strstr(text, "href=&quot;javascript"));
	assert_non_null(strstr(text, "<name>PRPH (FHF / AFD)</name>"));
	assert_six_decimals(text);
	g_free(text);
	kara = point_named(GDALDatasetGetLayerByName(ds, "APCHI (DGOS)"),
		"partner", "Hôpital de Kara");
	assert_non_null(kara);
	assert_string_equal(field(kara, "establishment"), "CHU de Lille[31m");
	assert_string_equal(field(kara, "source"),
		"javascript:alert(document.cookie)");
	assert_null(strstr(field(kara, "description"), "<a "));
	OGR_F_Destroy(kara);
	GDALClose(ds);
	unload(f);
}

static void assert_part(const char *name, int placemarks)
{
	char *text = slurp(name);

	assert_well_formed(name);
	assert_int_equal(count_of(text, "<Placemark>"), placemarks);
	g_free(text);
}

/* 3,000 projects, each with a partner of its own: 3,000 partner points,
 * 3,000 links, 15 establishment points (5 in 3 programmes) = 6,015
 * placemarks, in files of 2,000 (My Maps' import limit): 4 files. */
static void test_kml_is_split_at_2000_placemarks_a_file(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *csv = TEST_ARTIFACTS "/many.csv";
	static const char *const parts[] = { TEST_ARTIFACTS "/many.kml",
		TEST_ARTIFACTS "/many-2.kml", TEST_ARTIFACTS "/many-3.kml",
		TEST_ARTIFACTS "/many-4.kml" };
	coopmap_kml_files *files = NULL;
	size_t folders = 0;
	GDALDatasetH ds;

	test_write_partner_list(csv, 3000);
	load(f, csv);
	assert_int_equal(coopmap_kml_write(&f->data, parts[0], &files, &err),
		COOPMAP_OK);
	assert_int_equal(files->placemarks, 6015);
	assert_int_equal(files->n_written, 4);
	for (int k = 0; k < 4; k++) {
		char *text = slurp(parts[k]);

		assert_string_equal(files->written[k], parts[k]);
		assert_part(parts[k], k < 3 ? 2000 : 15);
		folders += (size_t)count_of(text, "<Folder>");
		assert_non_null(strstr(text, k == 0 ? "(partie 1 sur 4)"
			: "sur 4)</name>"));
		g_free(text);
	}
	assert_int_equal(files->layers, folders);
	assert_int_equal(access(TEST_ARTIFACTS "/many-5.kml", F_OK), -1);
	/* A part alone reopens with its folders as layers. */
	ds = GDALOpenEx(parts[2], GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL,
		NULL);
	assert_non_null(ds);
	assert_true(GDALDatasetGetLayerCount(ds) >= 1);
	GDALClose(ds);
	coopmap_kml_files_free(files);
	unload(f);
}

/* carte-2.kml ... of an earlier export of 4 files go when the list
 * shrinks to one file, and only then. */
static void test_kml_smaller_export_removes_stale_parts(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/carte.kml";
	coopmap_kml_files *files = NULL;

	test_write_partner_list(TEST_ARTIFACTS "/carte.csv", 3000);
	load(f, TEST_ARTIFACTS "/carte.csv");
	assert_int_equal(coopmap_kml_write(&f->data, path, NULL, &err),
		COOPMAP_OK);
	assert_int_equal(access(TEST_ARTIFACTS "/carte-4.kml", F_OK), 0);
	/* Named like a part, but no KML: the user's, kept. */
	assert_true(g_file_set_contents(TEST_ARTIFACTS "/carte-5.kml",
		"notes de réunion\n", -1, NULL));
	unload(f);
	load(f, "examples/cooperations.csv");
	assert_int_equal(coopmap_kml_write(&f->data, path, &files, &err),
		COOPMAP_OK);
	assert_int_equal(files->n_written, 1);
	assert_int_equal(files->n_removed, 3);
	assert_string_equal(files->removed[0], TEST_ARTIFACTS "/carte-2.kml");
	assert_string_equal(files->removed[2], TEST_ARTIFACTS "/carte-4.kml");
	for (int k = 2; k <= 4; k++) {
		char name[64];

		snprintf(name, sizeof(name), TEST_ARTIFACTS "/carte-%d.kml", k);
		assert_int_equal(access(name, F_OK), -1);
	}
	assert_int_equal(access(TEST_ARTIFACTS "/carte-5.kml", F_OK), 0);
	unlink(TEST_ARTIFACTS "/carte-5.kml");
	assert_part(path, (int)files->placemarks);
	coopmap_kml_files_free(files);
	unload(f);
}

/* No file of the directory starts with ".prefix" (a temporary file). */
static void assert_no_temporary(const char *prefix)
{
	GDir *dir = g_dir_open(TEST_ARTIFACTS, 0, NULL);
	const char *name;
	char *hidden = g_strdup_printf(".%s", prefix);

	assert_non_null(dir);
	while ((name = g_dir_read_name(dir)) != NULL)
		if (g_str_has_prefix(name, hidden))
			fail_msg("left behind: %s", name);
	g_dir_close(dir);
	g_free(hidden);
}

/* A set that cannot be written whole is not written at all: the earlier
 * file stays as it was, no part of the new set appears, no stale part is
 * removed, no temporary file stays. */
static void test_kml_failed_write_leaves_no_partial_set(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/echec.kml";
	struct rlimit saved, small;
	char *before, *after;

	rmdir(TEST_ARTIFACTS "/echec-3.kml");
	unlink(TEST_ARTIFACTS "/echec-2.kml");
	unlink(TEST_ARTIFACTS "/echec-4.kml");
	load(f, "examples/cooperations.csv");
	assert_int_equal(coopmap_kml_write(&f->data, path, NULL, &err),
		COOPMAP_OK);
	before = slurp(path);
	unload(f);
	test_write_partner_list(TEST_ARTIFACTS "/echec.csv", 3000);
	load(f, TEST_ARTIFACTS "/echec.csv");
	/* Part 3 cannot be written (its name is a directory): parts 1 and 2
	 * were complete, yet neither replaces or joins anything. */
	assert_int_equal(mkdir(TEST_ARTIFACTS "/echec-3.kml", 0755), 0);
	assert_int_equal(coopmap_kml_write(&f->data, path, NULL, &err),
		COOPMAP_ERR_IO);
	assert_non_null(strstr(err.message, "echec-3.kml"));
	after = slurp(path);
	assert_string_equal(before, after);
	g_free(after);
	assert_int_equal(access(TEST_ARTIFACTS "/echec-2.kml", F_OK), -1);
	assert_int_equal(access(TEST_ARTIFACTS "/echec-4.kml", F_OK), -1);
	assert_no_temporary("echec");
	assert_int_equal(rmdir(TEST_ARTIFACTS "/echec-3.kml"), 0);
	/* A full disk: writes fail past 1 MB (EFBIG, as ENOSPC would). */
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small = saved;
	small.rlim_cur = 1 << 20;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_int_equal(coopmap_kml_write(&f->data, path, NULL, &err),
		COOPMAP_ERR_IO);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, SIG_DFL);
	after = slurp(path);
	assert_string_equal(before, after);
	g_free(after);
	assert_int_equal(access(TEST_ARTIFACTS "/echec-2.kml", F_OK), -1);
	assert_no_temporary("echec");
	/* A device is no file to replace. */
	assert_int_equal(coopmap_kml_write(&f->data, "/dev/full", NULL, &err),
		COOPMAP_ERR_IO);
	g_free(before);
	unload(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geopackage_has_five_layers_with_the_right_counts),
		cmocka_unit_test(test_geojson_follows_rfc_7946_and_cuts_links),
		cmocka_unit_test(test_geojson_holds_every_project_after_the_other_layers),
		cmocka_unit_test(test_csv_holds_the_country_aggregates),
		cmocka_unit_test(test_markdown_report_ranks_the_countries),
		cmocka_unit_test(test_kml_has_a_folder_per_programme_with_data_columns),
		cmocka_unit_test(test_kml_pools_the_spellings_of_a_partner),
		cmocka_unit_test(test_kml_keeps_hostile_cells_as_text),
		cmocka_unit_test(test_kml_is_split_at_2000_placemarks_a_file),
		cmocka_unit_test(test_kml_smaller_export_removes_stale_parts),
		cmocka_unit_test(test_kml_failed_write_leaves_no_partial_set),
		cmocka_unit_test(test_small_states_are_joined_and_exported_as_points),
	};
	/* The exports speak the program's default language, French. */
	coopmap_i18n_init("fr");
	return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
