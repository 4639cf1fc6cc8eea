/*
 * rejects.c: the rejects CSV.  OGR's CSV driver does the quoting; this file
 * only chooses the columns, the words, and the atomic replacement.
 */
#include "coopmap/rejects.h"

#include <cpl_error.h>
#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const columns[] = {
	"file", "line", "column", "value", "reason", "detail", "suggestion"
};
#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

char *coopmap_rejects_safe_cell(const char *text)
{
	size_t len = strlen(text);
	char *safe = malloc(len + 2);

	if (safe == NULL)
		return NULL;
	if (len > 0 && strchr("=+-@", text[0]) != NULL) {
		safe[0] = '\'';
		memcpy(safe + 1, text, len + 1);
	} else {
		memcpy(safe, text, len + 1);
	}
	return safe;
}

static void set_text(OGRFeatureH f, int field, const char *text)
{
	char *safe = coopmap_rejects_safe_cell(text);

	OGR_F_SetFieldString(f, field, safe != NULL ? safe : "");
	free(safe);
}

static char *suggestion_text(const coopmap_reject *r, const char *lang)
{
	if (r->suggestion[0] == '\0')
		return g_strdup("");
	if (lang != NULL && strcmp(lang, "en") == 0)
		return g_strdup_printf("%s: did you mean %s?", r->value, r->suggestion);
	/* French typography: a space before the colon and the question mark. */
	return g_strdup_printf("%s : vouliez-vous dire %s ?", r->value,
		r->suggestion);
}

static int write_rows(OGRLayerH layer, const coopmap_projects *projects,
	const char *lang)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);

	for (size_t i = 0; i < coopmap_projects_reject_count(projects); i++) {
		const coopmap_reject *r = coopmap_projects_reject_get(projects, i);
		OGRFeatureH f = OGR_F_Create(defn);
		char *suggestion = suggestion_text(r, lang);
		OGRErr status;

		set_text(f, 0, coopmap_projects_path(projects));
		OGR_F_SetFieldInteger(f, 1, (int)r->line);
		set_text(f, 2, r->column);
		set_text(f, 3, r->value);
		set_text(f, 4, coopmap_reject_label(r->code, lang));
		set_text(f, 5, r->reason);
		set_text(f, 6, suggestion);
		g_free(suggestion);
		status = OGR_L_CreateFeature(layer, f);
		OGR_F_Destroy(f);
		if (status != OGRERR_NONE)
			return -1;
	}
	return 0;
}

static int write_file(const char *path, const coopmap_projects *projects,
	const char *lang)
{
	GDALDriverH driver = GDALGetDriverByName("CSV");
	GDALDatasetH ds;
	OGRLayerH layer;
	int rc = -1;

	if (driver == NULL)
		return -1;
	ds = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, NULL);
	if (ds == NULL)
		return -1;
	layer = GDALDatasetCreateLayer(ds, "rejects", NULL, wkbNone, NULL);
	if (layer != NULL) {
		rc = 0;
		for (size_t i = 0; i < N_COLUMNS && rc == 0; i++) {
			OGRFieldDefnH field = OGR_Fld_Create(columns[i],
				i == 1 ? OFTInteger : OFTString);

			rc = OGR_L_CreateField(layer, field, TRUE) == OGRERR_NONE ? 0 : -1;
			OGR_Fld_Destroy(field);
		}
		if (rc == 0)
			rc = write_rows(layer, projects, lang);
	}
	/* GDAL 3.6's GDALClose returns nothing: a failed final write shows as
	 * the last error. */
	CPLErrorReset();
	GDALClose(ds);
	if (CPLGetLastErrorType() >= CE_Failure)
		rc = -1;
	return rc;
}

int coopmap_rejects_write_csv(const coopmap_projects *projects,
	const char *path, const char *lang, coopmap_error *err)
{
	/* OGR's CSV driver wants to create the file itself: write it under a
	 * temporary name in the same directory, then rename. */
	char *temp = g_strdup_printf("%s.tmp-%d.csv", path, (int)getpid());
	int rc = COOPMAP_OK;

	GDALAllRegister();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	if (write_file(temp, projects, lang) != 0 || rename(temp, path) != 0) {
		const char *why = CPLGetLastErrorMsg();

		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			path, why != NULL && why[0] != '\0' ? why : "write error");
		unlink(temp);
	}
	CPLPopErrorHandler();
	g_free(temp);
	return rc;
}
