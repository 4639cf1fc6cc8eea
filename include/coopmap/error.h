/*
 * error.h: status codes and the error object every fallible coopmap call fills.
 *
 * Functions that can fail return 0 (COOPMAP_OK) or a negative COOPMAP_ERR_*
 * and describe the failure in a caller-owned coopmap_error.  When the input is
 * to blame the error also says where: file, line, column and value.  Not for:
 * printing; library code never writes to the terminal, the CLI does.
 */
#ifndef COOPMAP_ERROR_H
#define COOPMAP_ERROR_H

#include <stddef.h>

enum {
	COOPMAP_OK = 0,
	COOPMAP_ERR_USAGE = -1,   /* a bad option or argument value */
	COOPMAP_ERR_IO = -2,      /* a file could not be read or written */
	COOPMAP_ERR_INPUT = -3,   /* the input data is malformed */
	COOPMAP_ERR_CRS = -4,     /* PROJ does not know the CRS */
	COOPMAP_ERR_STYLE = -5,   /* a style file is wrong */
	COOPMAP_ERR_NOMEM = -6,
	COOPMAP_ERR_RENDER = -7,  /* Cairo or Pango failed */
	COOPMAP_ERR_EMPTY = -8    /* nothing to draw or to report */
};

typedef struct coopmap_error {
	int code;
	char message[1024];   /* complete, human-readable, already with context */
	char file[512];       /* input file to blame, or "" */
	long line;            /* 1-based line in file, 0 when unknown */
	char column[128];     /* column name, or "" */
	char value[256];      /* offending value (truncated), or "" */
} coopmap_error;

#define COOPMAP_ERROR_INIT { 0, "", "", 0, "", "" }

/* Reset err to "no error".  err may be NULL. */
void coopmap_error_clear(coopmap_error *err);

/*
 * Record an error and return its code, so that callers can write
 * `return coopmap_error_set(err, COOPMAP_ERR_IO, "...", ...);`.
 * err may be NULL (the code is still returned).  This is the one function
 * that sets errors: a breakpoint here catches them all.
 */
int coopmap_error_set(coopmap_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Like coopmap_error_set, for input errors: the message is prefixed with
 * "file:line: column 'C', value 'V': " (parts that are empty or 0 are left
 * out).  file, column and value may be NULL.
 */
int coopmap_error_set_at(coopmap_error *err, int code, const char *file,
	long line, const char *column, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Short English name of a status code ("I/O error", ...). */
const char *coopmap_status_name(int code);

#endif
