/*
 * report.h: CSV reports (rejects, classification, aggregates) written
 * through OGR's CSV driver, whole or not at all: rows go to a temporary
 * file beside the target, renamed onto it on commit.  Every cell that a
 * spreadsheet would run as a formula (starting with =, +, -, @, or a tab or
 * carriage return) is neutralised with a leading apostrophe.
 *
 * coopmap_report_markdown_text makes text from the list safe in a Markdown
 * report, coopmap_report_terminal_text on a terminal.  Not for: JSON
 * reports (jansson escapes).
 */
#ifndef COOPMAP_REPORT_H
#define COOPMAP_REPORT_H

#include <stddef.h>

#include "coopmap/error.h"

typedef struct coopmap_report coopmap_report;

/*
 * Start writing path with the given column headers (all text); "-" is
 * standard output (written as it goes).
 * Errors: COOPMAP_ERR_IO.  End with coopmap_report_commit or _abort.
 */
int coopmap_report_open(const char *path, const char *const *columns,
	size_t n_columns, coopmap_report **out, coopmap_error *err);

/* Append one row of n_columns cells (NULL is an empty cell). */
int coopmap_report_row(coopmap_report *report, const char *const *cells,
	coopmap_error *err);

/* Close and rename onto the target; frees report.  Errors: COOPMAP_ERR_IO
 * (the target is then untouched). */
int coopmap_report_commit(coopmap_report *report, coopmap_error *err);

/* Drop the temporary file; frees report.  NULL is accepted. */
void coopmap_report_abort(coopmap_report *report);

/* A copy of text safe to open in a spreadsheet (caller frees with free()). */
char *coopmap_report_safe_cell(const char *text);

/*
 * Text from the list for a Markdown report (caller frees with g_free()):
 * what a viewer would take as markup or HTML is escaped (a partner named
 * "<script>" or "[lien](...)" stays text), a line break becomes a space,
 * and a cell a spreadsheet would run as a formula gets its apostrophe.
 */
char *coopmap_report_markdown_text(const char *text);

/*
 * Text from the list as it may reach a terminal (caller frees with
 * g_free()): each control character is shown, not sent: C0 and DEL as
 * \x1b, C1 (U+0080..U+009F) as \u009b, a byte that is not UTF-8 as \xNN;
 * so that a cell cannot colour, clear or retitle the terminal (ESC, CSI,
 * OSC) or start a line of its own.  Everything else is kept as it is.
 */
char *coopmap_report_terminal_text(const char *text);

#endif
