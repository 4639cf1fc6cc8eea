/*
 * tool_util.h: the small helpers that the data tools of tools/
 * (build_geodata, build_places, build_registry, layer_distances) share:
 * fatal errors, allocations that cannot fail, command lines of
 * "--name VALUE" pairs and CSV fields.
 *
 * The scripts of scripts/ compile tools/tool_util.c with each tool;
 * coopmap itself never uses it.  Each tool defines tool_name, the prefix of
 * its error messages:
 *
 *   const char tool_name[] = "build_places";
 */
#ifndef COOPMAP_TOOL_UTIL_H
#define COOPMAP_TOOL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Exit status of die(): a usage error or a failed build or check. */
#define TOOL_EXIT_ERROR 2

/* The tool's name, defined by the tool. */
extern const char tool_name[];

/* Prints "tool_name: ", label, the vprintf-formatted message and a line
 * end on stderr. */
void vmessage(const char *label, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* vmessage() with an empty label, then exit with TOOL_EXIT_ERROR. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* calloc, realloc and a copy of s that die() when memory runs out; a size
 * of 0 allocates 1 byte, so that the result is never NULL. */
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* One option of a command line of "--name VALUE" pairs. */
typedef struct {
	const char *name;       /* "--out" */
	const char **value;     /* set to the argument that follows it */
} ToolOption;

/* Sets the values of the n options from argv (each to NULL first; the last
 * of repeated options wins).  Every option is required: an unknown one, one
 * without a value or a missing one die() with the message usage. */
void parse_options(int argc, char **argv, const ToolOption *opts, size_t n,
		   const char *usage);

/* Writes s to f as one RFC 4180 CSV field: quoted (quotes doubled) only
 * when it holds a comma, a quote or a line break. */
void csv_write_field(FILE *f, const char *s);

#endif
