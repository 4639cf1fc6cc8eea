/*
 * report.c: CSV reports through OGR.  The CSV driver creates its file
 * itself, so atomicity comes from writing under a temporary name in the
 * same directory and renaming.
 */
#include "coopmap/report.h"

#include <cpl_error.h>
#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coopmap/output.h"
#include "intl.h"

struct coopmap_report {
	char *path, *temp;
	int to_stdout;
	GDALDatasetH ds;
	OGRLayerH layer;
	size_t n_columns;
};

char *coopmap_report_safe_cell(const char *text)
{
	size_t len = strlen(text);
	char *safe = malloc(len + 2);

	if (safe == NULL)
		return NULL;
	if (len > 0 && strchr("=+-@\t\r", text[0]) != NULL) {
		safe[0] = '\'';
		memcpy(safe + 1, text, len + 1);
	} else {
		memcpy(safe, text, len + 1);
	}
	return safe;
}

char *coopmap_report_terminal_text(const char *text)
{
	GString *out = g_string_sized_new(strlen(text) + 16);

	for (const char *s = text; *s != '\0';) {
		unsigned char c = (unsigned char)*s;
		gunichar u = c < 0x80 ? c : g_utf8_get_char_validated(s, -1);

		if (c < 0x20 || c == 0x7f) {
			g_string_append_printf(out, "\\x%02x", c);
			s++;
		} else if (u == (gunichar)-1 || u == (gunichar)-2) {
			g_string_append_printf(out, "\\x%02x", c);
			s++;
		} else if (u >= 0x80 && u <= 0x9f) {
			g_string_append_printf(out, "\\u%04x", (unsigned)u);
			s = g_utf8_next_char(s);
		} else {
			const char *next = c < 0x80 ? s + 1 : g_utf8_next_char(s);

			g_string_append_len(out, s, next - s);
			s = next;
		}
	}
	return g_string_free(out, FALSE);
}

char *coopmap_report_markdown_text(const char *text)
{
	char *safe = coopmap_report_safe_cell(text);
	GString *out = g_string_sized_new(strlen(text) + 16);
	gchar *shown;

	/* A line break or a tab is a space (a row stays one row); any other
	 * control character is shown (\x1b), its backslash escaped below. */
	if (safe != NULL)
		g_strdelimit(safe, "\n\r\t", ' ');
	shown = coopmap_report_terminal_text(safe != NULL ? safe : "");
	for (const char *s = shown; *s != '\0'; s++) {
		if (*s == '<')
			g_string_append(out, "&lt;");
		else if (*s == '>')
			g_string_append(out, "&gt;");
		else if (*s == '&' && (g_ascii_isalpha(s[1]) || s[1] == '#'))
			g_string_append(out, "&amp;");
		else if (strchr("\\`*_[]#|~", *s) != NULL)
			g_string_append_printf(out, "\\%c", *s);
		else
			g_string_append_c(out, *s);
	}
	g_free(shown);
	free(safe);
	return g_string_free(out, FALSE);
}

static int io_error(coopmap_report *r, coopmap_error *err)
{
	const char *why = CPLGetLastErrorMsg();

	return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
		r->path, why != NULL && why[0] != '\0' ? why : _("write error"));
}

int coopmap_report_open(const char *path, const char *const *columns,
	size_t n_columns, coopmap_report **out, coopmap_error *err)
{
	static const char *const options[] = { "LINEFORMAT=LF",
		"STRING_QUOTING=IF_NEEDED", NULL };
	coopmap_report *r = calloc(1, sizeof(*r));
	GDALDriverH driver;
	int rc = COOPMAP_OK;

	*out = NULL;
	if (r == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (strcmp(path, "-") != 0 && (rc = coopmap_output_check_target(path,
	    err)) != COOPMAP_OK) {
		free(r);
		return rc;
	}
	r->path = g_strdup(path);
	/* "-" is standard output: written as it goes, nothing to rename. */
	r->to_stdout = strcmp(path, "-") == 0;
	/* A file: written in memory, moved into place whole (output.h). */
	r->temp = r->to_stdout ? strdup("/vsistdout/")
		: coopmap_output_memory_name(path);
	r->n_columns = n_columns;
	GDALAllRegister();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	driver = GDALGetDriverByName("CSV");
	r->ds = driver != NULL ? GDALCreate(driver, r->temp, 0, 0, 0, GDT_Unknown,
		NULL) : NULL;
	r->layer = r->ds != NULL ? GDALDatasetCreateLayer(r->ds, "report", NULL,
		wkbNone, (char **)options) : NULL;
	for (size_t i = 0; r->layer != NULL && i < n_columns && rc == 0; i++) {
		OGRFieldDefnH field = OGR_Fld_Create(columns[i], OFTString);

		if (OGR_L_CreateField(r->layer, field, TRUE) != OGRERR_NONE)
			rc = -1;
		OGR_Fld_Destroy(field);
	}
	if (r->layer == NULL || rc != 0) {
		rc = io_error(r, err);
		CPLPopErrorHandler();
		coopmap_report_abort(r);
		return rc;
	}
	CPLPopErrorHandler();
	*out = r;
	return COOPMAP_OK;
}

int coopmap_report_row(coopmap_report *r, const char *const *cells,
	coopmap_error *err)
{
	OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(r->layer));
	OGRErr status;

	for (size_t i = 0; i < r->n_columns; i++) {
		char *safe = coopmap_report_safe_cell(cells[i] != NULL ? cells[i] : "");

		OGR_F_SetFieldString(f, (int)i, safe != NULL ? safe : "");
		free(safe);
	}
	CPLPushErrorHandler(CPLQuietErrorHandler);
	status = OGR_L_CreateFeature(r->layer, f);
	CPLPopErrorHandler();
	OGR_F_Destroy(f);
	return status == OGRERR_NONE ? COOPMAP_OK : io_error(r, err);
}

int coopmap_report_commit(coopmap_report *r, coopmap_error *err)
{
	int rc = COOPMAP_OK;

	/* GDAL 3.6's GDALClose returns nothing: a failed final write shows as
	 * the last error. */
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	GDALClose(r->ds);
	r->ds = NULL;
	if (CPLGetLastErrorType() >= CE_Failure)
		rc = io_error(r, err);
	else if (!r->to_stdout)
		rc = coopmap_output_commit_memory(r->temp, r->path, err);
	CPLPopErrorHandler();
	if (rc != COOPMAP_OK) {
		coopmap_report_abort(r);
		return rc;
	}
	g_free(r->path);
	free(r->temp);
	free(r);
	return COOPMAP_OK;
}

void coopmap_report_abort(coopmap_report *r)
{
	if (r == NULL)
		return;
	if (r->ds != NULL)
		GDALClose(r->ds);
	if (!r->to_stdout)
		coopmap_output_drop_memory(r->temp);
	g_free(r->path);
	free(r->temp);
	free(r);
}
