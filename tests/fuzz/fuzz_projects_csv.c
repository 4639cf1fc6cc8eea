/*
 * fuzz_projects_csv.c: a project list as typed bytes (CSV), through the
 * whole reader: decoding, the quote and line scan, OGR's CSV driver, the
 * column synonyms, numbers, years and the country resolver.  Checks the
 * promise no row is lost: rows read = rows joined + rows rejected, and
 * that every text kept is UTF-8 (a bad sequence among UTF-8 rejects its
 * row, Windows-1252 is decoded).
 */
#include <glib.h>
#include <stdlib.h>

#include "coopmap/records.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const coopmap_countries *countries = fuzz_countries();
	const char *path = fuzz_write_file("projets.csv", data, size);
	coopmap_projects *projects = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_projects_read(path, NULL, countries, &projects, &err)
	    == COOPMAP_OK) {
		if (coopmap_projects_rows_read(projects) !=
		    coopmap_projects_rows_joined(projects) +
		    coopmap_projects_reject_count(projects))
			abort();
		for (size_t i = 0; i < coopmap_projects_count(projects); i++) {
			const coopmap_project *p = coopmap_projects_get(projects, i);

			if (!g_utf8_validate(p->partner, -1, NULL) ||
			    !g_utf8_validate(p->country_text, -1, NULL))
				abort();
		}
		for (size_t i = 0; i < coopmap_projects_reject_count(projects); i++) {
			const coopmap_reject *r = coopmap_projects_reject_get(projects,
				i);

			if (!g_utf8_validate(r->value, -1, NULL) ||
			    !g_utf8_validate(r->reason, -1, NULL))
				abort();
		}
		coopmap_projects_free(projects);
	}
	return 0;
}
