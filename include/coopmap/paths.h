/*
 * paths.h: where coopmap finds its bundled data (geodata/, styles/): the
 * COOPMAP_DATADIR environment variable when set, otherwise the directory
 * fixed at build time (the source tree, or PREFIX/share/coopmap once
 * installed).  Not for: output paths.
 */
#ifndef COOPMAP_PATHS_H
#define COOPMAP_PATHS_H

#include <stddef.h>

/* The data directory (borrowed, never NULL). */
const char *coopmap_paths_datadir(void);

/*
 * Write datadir + "/" + relative into buf; returns buf, or NULL when it
 * does not fit.
 */
char *coopmap_paths_data_file(const char *relative, char *buf, size_t size);

#endif
