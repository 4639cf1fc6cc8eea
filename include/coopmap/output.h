/*
 * output.h: output files written whole or not at all.  Data goes to a
 * temporary file beside the target, which replaces the target only when
 * everything was written and closed without error; a failed or killed run
 * leaves the previous file as it was and no partial file behind.  On Linux
 * the temporary file is unnamed (O_TMPFILE) until the commit, so that even
 * a run killed with SIGKILL leaves no temporary file; elsewhere, or on file
 * systems without O_TMPFILE, it is ".NAME.XXXXXX".
 */
#ifndef COOPMAP_OUTPUT_H
#define COOPMAP_OUTPUT_H

#include <stdio.h>

#include "coopmap/error.h"

typedef struct coopmap_output coopmap_output;

/*
 * Start writing path.  Errors: COOPMAP_ERR_IO (directory missing or not
 * writable).  On success the caller ends with exactly one of
 * coopmap_output_commit or coopmap_output_abort.
 */
int coopmap_output_open(const char *path, coopmap_output **out,
	coopmap_error *err);

/*
 * Refuse a target that exists and is not a regular file (a device such as
 * /dev/full, a directory, a pipe): renaming a finished file onto it would
 * replace it.  COOPMAP_OK otherwise.  coopmap_output_open checks it; so
 * must any writer that renames a temporary file of its own.
 */
int coopmap_output_check_target(const char *path, coopmap_error *err);

/* The stream to write to (borrowed). */
FILE *coopmap_output_stream(coopmap_output *output);

/*
 * Flush, sync and close the temporary file, then rename it onto the target.
 * Frees output.  Errors: COOPMAP_ERR_IO (disk full, ...), in which case the
 * temporary file is removed and the target is untouched.
 */
int coopmap_output_commit(coopmap_output *output, coopmap_error *err);

/*
 * For files that must appear together (a split KML set): everything
 * coopmap_output_commit does but the rename.  The file is then complete on
 * disk under its temporary name; commit only renames it, abort removes it.
 * Does not free output, even on error (abort it then).  Errors:
 * COOPMAP_ERR_IO (disk full, ...).
 */
int coopmap_output_finish(coopmap_output *output, coopmap_error *err);

/* Drop what was written; frees output.  NULL is accepted. */
void coopmap_output_abort(coopmap_output *output);

/*
 * For writers that must name the file they create (OGR's drivers): a GDAL
 * in-memory file name (/vsimem/) with path's extension, unique in the
 * process, to create in place of path.  Caller frees with free(); then
 * exactly one of coopmap_output_commit_memory or coopmap_output_drop_memory.
 * Why: a temporary file on disk beside the target would stay behind when
 * the run is killed; memory goes with the process.
 */
char *coopmap_output_memory_name(const char *path);

/*
 * Write the in-memory file's bytes to path through coopmap_output (whole or
 * not at all), then delete the in-memory file.  Errors: COOPMAP_ERR_IO.
 */
int coopmap_output_commit_memory(const char *memory_name, const char *path,
	coopmap_error *err);

/* Delete the in-memory file (when it exists). */
void coopmap_output_drop_memory(const char *memory_name);

#endif
