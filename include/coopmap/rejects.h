/*
 * rejects.h: the rejected rows of a project list as a CSV a person can fix
 * the list from: file, line, column, value, reason, detail, suggestion.
 * Written by report.h: atomically, formulas neutralised.
 *
 * Not for: the per-country aggregates (export, a later module).
 */
#ifndef COOPMAP_REJECTS_H
#define COOPMAP_REJECTS_H

#include "coopmap/error.h"
#include "coopmap/records.h"

/*
 * Write the rejects of projects to path (a .csv), reasons and suggestions
 * in lang ("fr" or "en").  Errors: COOPMAP_ERR_IO (cannot write).
 */
int coopmap_rejects_write_csv(const coopmap_projects *projects,
	const char *path, const char *lang, coopmap_error *err);

#endif
