/*
 * rejects.c: the rejects CSV: which columns, which words; report.h writes.
 */
#include "coopmap/rejects.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "coopmap/report.h"

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

int coopmap_rejects_write_csv(const coopmap_projects *projects,
	const char *path, const char *lang, coopmap_error *err)
{
	static const char *const columns[] = {
		"file", "line", "column", "value", "reason", "detail", "suggestion"
	};
	coopmap_report *report = NULL;
	int rc = coopmap_report_open(path, columns, 7, &report, err);

	for (size_t i = 0; rc == COOPMAP_OK &&
	     i < coopmap_projects_reject_count(projects); i++) {
		const coopmap_reject *r = coopmap_projects_reject_get(projects, i);
		char line[32], *suggestion = suggestion_text(r, lang);
		const char *cells[7] = { coopmap_projects_path(projects), line,
			r->column, r->value, coopmap_reject_label(r->code, lang),
			r->reason, suggestion };

		snprintf(line, sizeof(line), "%ld", r->line);
		rc = coopmap_report_row(report, cells, err);
		g_free(suggestion);
	}
	if (rc == COOPMAP_OK)
		return coopmap_report_commit(report, err);
	coopmap_report_abort(report);
	return rc;
}
