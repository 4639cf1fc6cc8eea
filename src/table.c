/*
 * table.c: reads tables through OGR so that coopmap never parses CSV or XLSX
 * by hand.  Cells are copied into one arena per table: the table outlives the
 * GDAL dataset, which is closed before returning.
 */
#include "coopmap/table.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"

struct coopmap_table {
	char *path;
	size_t n_columns;
	char **columns;
	size_t n_rows;
	long *lines;
	char **cells;        /* n_rows * n_columns pointers into the chunk */
	GStringChunk *text;  /* owns every cell and header string */
};

static const char *last_gdal_message(void)
{
	const char *msg = CPLGetLastErrorMsg();

	return msg != NULL && msg[0] != '\0' ? msg : "not a table GDAL/OGR can read";
}

static int is_text_table(GDALDatasetH ds)
{
	GDALDriverH driver = GDALGetDatasetDriver(ds);
	const char *name = driver != NULL ? GDALGetDriverShortName(driver) : "";

	return strcmp(name, "CSV") == 0;
}

static int grow_rows(coopmap_table *t, size_t *capacity)
{
	size_t want = *capacity == 0 ? 256 : *capacity * 2;
	char **cells = realloc(t->cells, want * t->n_columns * sizeof(char *) + 1);
	long *lines;

	if (cells == NULL)
		return -1;
	t->cells = cells;
	lines = realloc(t->lines, want * sizeof(long));
	if (lines == NULL)
		return -1;
	t->lines = lines;
	*capacity = want;
	return 0;
}

static int copy_layer(coopmap_table *t, OGRLayerH layer, int text_table)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
	OGRFeatureH feature;
	size_t capacity = 0, index = 0;

	t->n_columns = (size_t)OGR_FD_GetFieldCount(defn);
	t->columns = calloc(t->n_columns + 1, sizeof(char *));
	if (t->columns == NULL)
		return -1;
	for (size_t i = 0; i < t->n_columns; i++) {
		OGRFieldDefnH field = OGR_FD_GetFieldDefn(defn, (int)i);

		t->columns[i] = g_string_chunk_insert(t->text,
			OGR_Fld_GetNameRef(field));
	}
	OGR_L_ResetReading(layer);
	while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
		if (index == capacity && grow_rows(t, &capacity) != 0) {
			OGR_F_Destroy(feature);
			return -1;
		}
		for (size_t i = 0; i < t->n_columns; i++) {
			const char *value = OGR_F_IsFieldSetAndNotNull(feature, (int)i)
				? OGR_F_GetFieldAsString(feature, (int)i) : "";

			t->cells[index * t->n_columns + i] =
				g_string_chunk_insert_const(t->text, value);
		}
		/*
		 * The CSV driver numbers features from 1 after the header, so
		 * line = FID + 1 while no quoted cell spans lines; spreadsheets
		 * and vector files: the header is row 1, data from row 2.
		 */
		t->lines[index] = text_table ? (long)OGR_F_GetFID(feature) + 1
			: (long)index + 2;
		index++;
		OGR_F_Destroy(feature);
	}
	t->n_rows = index;
	return 0;
}

int coopmap_table_read(const char *path, const char *layer_name,
	coopmap_table **out, coopmap_error *err)
{
	static const char *const open_options[] = {
		"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", NULL
	};
	GDALDatasetH ds;
	OGRLayerH layer;
	coopmap_table *t;
	int rc = COOPMAP_OK;

	*out = NULL;
	GDALAllRegister();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
		open_options, NULL);
	if (ds == NULL) {
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot read: %s",
			path, last_gdal_message());
		CPLPopErrorHandler();
		return rc;
	}
	layer = layer_name != NULL ? GDALDatasetGetLayerByName(ds, layer_name)
		: GDALDatasetGetLayer(ds, 0);
	if (layer == NULL) {
		rc = layer_name != NULL
			? coopmap_error_set(err, COOPMAP_ERR_INPUT,
				"%s: no layer or sheet named '%s'", path, layer_name)
			: coopmap_error_set(err, COOPMAP_ERR_INPUT,
				"%s: the file holds no table", path);
		GDALClose(ds);
		CPLPopErrorHandler();
		return rc;
	}
	t = calloc(1, sizeof(*t));
	if (t == NULL) {
		GDALClose(ds);
		CPLPopErrorHandler();
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	t->text = g_string_chunk_new(64 * 1024);
	t->path = strdup(path);
	if (t->path == NULL || copy_layer(t, layer, is_text_table(ds)) != 0) {
		coopmap_table_free(t);
		GDALClose(ds);
		CPLPopErrorHandler();
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	GDALClose(ds);
	CPLPopErrorHandler();
	*out = t;
	return COOPMAP_OK;
}

void coopmap_table_free(coopmap_table *table)
{
	if (table == NULL)
		return;
	if (table->text != NULL)
		g_string_chunk_free(table->text);
	free(table->columns);
	free(table->cells);
	free(table->lines);
	free(table->path);
	free(table);
}

const char *coopmap_table_path(const coopmap_table *table)
{
	return table->path;
}

size_t coopmap_table_column_count(const coopmap_table *table)
{
	return table->n_columns;
}

const char *coopmap_table_column_name(const coopmap_table *table, size_t col)
{
	return col < table->n_columns ? table->columns[col] : "";
}

long coopmap_table_find_column(const coopmap_table *table, const char *name)
{
	char *wanted = coopmap_names_fold(name);
	long found = -1;

	if (wanted == NULL)
		return -1;
	for (size_t i = 0; i < table->n_columns && found < 0; i++) {
		char *key = coopmap_names_fold(table->columns[i]);

		if (key != NULL && strcmp(key, wanted) == 0)
			found = (long)i;
		free(key);
	}
	free(wanted);
	return found;
}

size_t coopmap_table_row_count(const coopmap_table *table)
{
	return table->n_rows;
}

const char *coopmap_table_cell(const coopmap_table *table, size_t row,
	size_t col)
{
	if (row >= table->n_rows || col >= table->n_columns)
		return "";
	return table->cells[row * table->n_columns + col];
}

long coopmap_table_line(const coopmap_table *table, size_t row)
{
	return row < table->n_rows ? table->lines[row] : 0;
}
