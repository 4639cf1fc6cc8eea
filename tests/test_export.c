/* test_export.c: GeoJSON, GeoPackage and CSV exports, opened again with
 * OGR: counts per layer, attributes, RFC 7946 rules (no crs member,
 * coordinates in bounds, links cut at the antimeridian). */
#include "test_util.h"

#include <gdal.h>
#include <glib.h>
#include <sys/stat.h>
#include <ogr_api.h>
#include <string.h>
#include <unistd.h>

#include "coopmap/export.h"
#include "coopmap/join.h"
#include "coopmap/layers.h"
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
	    coopmap_join_by_country(f->projects, f->countries, &f->stats, NULL,
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
	unload(f);
}

static int kml_features(const char *path, int *folders)
{
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
		NULL, NULL);
	int total = 0;

	assert_non_null(ds);
	*folders = GDALDatasetGetLayerCount(ds);
	for (int i = 0; i < *folders; i++)
		total += (int)OGR_L_GetFeatureCount(GDALDatasetGetLayer(ds, i), TRUE);
	GDALClose(ds);
	return total;
}

static void test_kml_has_folders_by_programme_and_escapes_text(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int folders;
	char *text;

	load(f, "examples/cooperations.csv");
	assert_int_equal(coopmap_export_write(&f->data,
		TEST_ARTIFACTS "/export.kml", &err), COOPMAP_OK);
	/* 60 projects: a placemark at each partner, a line from each
	 * establishment (all 60 placed). */
	assert_int_equal(kml_features(TEST_ARTIFACTS "/export.kml", &folders), 120);
	text = slurp(TEST_ARTIFACTS "/export.kml");
	assert_non_null(strstr(text, "<LineString>"));
	assert_non_null(strstr(text, "CHU de Tours → "));
	assert_null(strstr(text, "&apos;"));
	g_free(text);
	assert_int_equal(folders, 2);   /* APCHI (DGOS), others: no PRPH row */
	unload(f);
	load(f, "tests/data/hostile.csv");
	assert_int_equal(coopmap_export_write(&f->data,
		TEST_ARTIFACTS "/hostile.kml", &err), COOPMAP_OK);
	text = slurp(TEST_ARTIFACTS "/hostile.kml");
	assert_null(strstr(text, "<script>"));
	assert_non_null(strstr(text, "&lt;script&gt;"));
	assert_non_null(strstr(text, "PRPH (FHF / AFD)"));
	g_free(text);
	unload(f);
}

/* Google My Maps takes at most 2,000 features in a layer: 4,500 projects
 * of one programme (a point and a line each) make five files of 2,000,
 * 2,000, 2,000, 2,000 and 1,000. */
static void test_kml_is_split_for_google_my_maps(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *csv = TEST_ARTIFACTS "/many.csv";
	FILE *out = fopen(csv, "w");
	int folders;

	assert_non_null(out);
	fprintf(out, "etablissement,partenaire,ville_partenaire,pays,financement\n");
	for (int i = 0; i < 4500; i++)
		fprintf(out, "CHU de Rennes,Hopital Gabriel Toure,Bamako,Mali,APCHI %d\n", i);
	fclose(out);
	load(f, csv);
	unlink(TEST_ARTIFACTS "/many-5.kml");
	assert_int_equal(coopmap_export_write(&f->data,
		TEST_ARTIFACTS "/many.kml", &err), COOPMAP_OK);
	assert_int_equal(kml_features(TEST_ARTIFACTS "/many.kml", &folders), 2000);
	assert_int_equal(kml_features(TEST_ARTIFACTS "/many-2.kml", &folders), 2000);
	assert_int_equal(kml_features(TEST_ARTIFACTS "/many-4.kml", &folders), 2000);
	assert_int_equal(kml_features(TEST_ARTIFACTS "/many-5.kml", &folders), 1000);
	assert_int_equal(access(TEST_ARTIFACTS "/many-6.kml", F_OK), -1);
	unload(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geopackage_has_five_layers_with_the_right_counts),
		cmocka_unit_test(test_geojson_follows_rfc_7946_and_cuts_links),
		cmocka_unit_test(test_csv_holds_the_country_aggregates),
		cmocka_unit_test(test_markdown_report_ranks_the_countries),
		cmocka_unit_test(test_small_states_are_joined_and_exported_as_points),
		cmocka_unit_test(test_kml_has_folders_by_programme_and_escapes_text),
		cmocka_unit_test(test_kml_is_split_for_google_my_maps),
	};
	return cmocka_run_group_tests_name("export", tests, setup, teardown);
}
