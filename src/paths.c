/*
 * paths.c: the data directory.  The build sets COOPMAP_DATADIR to a quoted
 * path; the environment variable of the same name overrides it (tests run
 * the binary from other directories).
 */
#include "coopmap/paths.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef COOPMAP_DATADIR
#define COOPMAP_DATADIR "."
#endif

const char *coopmap_paths_datadir(void)
{
	const char *env = getenv("COOPMAP_DATADIR");

	return env != NULL && env[0] != '\0' ? env : COOPMAP_DATADIR;
}

char *coopmap_paths_data_file(const char *relative, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s", coopmap_paths_datadir(), relative);

	return n >= 0 && (size_t)n < size ? buf : NULL;
}
