/*
 * cli.h: what the commands of the coopmap program share: the command table
 * entry type, exit codes, loading the bundled data and reporting rows.
 * Not for: anything a library user needs (that lives in include/coopmap).
 */
#ifndef COOPMAP_CLI_H
#define COOPMAP_CLI_H

#include <stdio.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/records.h"

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,   /* the input had problems (rows rejected under --strict,
	                     nothing to draw) */
	EXIT_FAILURE_ = 2 /* usage error, or a failure to read or write */
};

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	void (*usage)(FILE *out);
};

/* Print "coopmap: <message>" on stderr. */
void cli_error(const coopmap_error *err);
void cli_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the bundled countries (resolution "50m" or "10m") with aliases. */
int cli_open_countries(const char *resolution, coopmap_countries **out,
	coopmap_error *err);

/* One-line summary on stderr, then each reject; nothing when quiet. */
void cli_report_rows(const coopmap_projects *projects, int quiet);

/* Today's date, or SOURCE_DATE_EPOCH's, as "YYYY-MM-DD". */
void cli_build_date(char *buf, size_t size);

/* True when a and b name the same existing file. */
int cli_same_file(const char *a, const char *b);

int cmd_render(int argc, char **argv);
void cmd_render_usage(FILE *out);

#endif
