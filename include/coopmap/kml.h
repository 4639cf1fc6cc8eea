/*
 * kml.h: the cooperation network as KML for Google My Maps, through
 * libxml2's xmlTextWriter.  One <Document> with shared styles and one
 * <Folder> per programme (network.h's three); in each folder the French
 * establishments (a point each), the partner hospitals as pooled by pool.h
 * (a point each) and the links (a great-circle line per establishment and
 * partner hospital, with its projects).  Every placemark carries
 * <ExtendedData><Data> columns (establishment, partner, spellings, city,
 * country, programme, years, theme, source, projects) that My Maps' data
 * table filters and styles by, and an HTML description in French.
 *
 * Files hold at most COOPMAP_KML_PLACEMARKS_PER_FILE placemarks (My Maps'
 * import limit per layer); a longer list is split into PATH, PATH-2.kml ...
 * written whole or not at all: every part is made in memory, written beside
 * its target and synced, and only then are they all renamed into place and
 * the parts left by an earlier, larger set removed (PATH-N.kml on from the
 * new set's last, while they exist and hold KML).
 *
 * Not for: other vector formats (export.h), KMZ, network links.
 */
#ifndef COOPMAP_KML_H
#define COOPMAP_KML_H

#include <stddef.h>

#include "coopmap/error.h"
#include "coopmap/export.h"

/* Google My Maps imports at most 2,000 features into a layer, and a map has
 * at most 10 layers (see src/kml.c for the sources). */
#define COOPMAP_KML_PLACEMARKS_PER_FILE 2000
#define COOPMAP_KML_MYMAPS_LAYERS 10

/* What a KML export wrote. */
typedef struct coopmap_kml_files {
	size_t n_written;
	char **written;          /* the files, in order: PATH, PATH-2.kml ... */
	size_t n_removed;
	char **removed;          /* stale parts of an earlier set, removed */
	size_t placemarks;       /* in all files */
	size_t layers;           /* folders over all files: the layers the set
	                            makes in My Maps */
} coopmap_kml_files;

/*
 * Write data's network to path (extension .kml).  On success *out (may be
 * NULL when the caller does not want it) says what was written; caller
 * frees with coopmap_kml_files_free.  Errors: COOPMAP_ERR_IO (a part cannot
 * be written: then no part is replaced and no stale part removed),
 * COOPMAP_ERR_NOMEM.
 */
int coopmap_kml_write(const coopmap_export_data *data, const char *path,
	coopmap_kml_files **out, coopmap_error *err);

/* NULL is accepted. */
void coopmap_kml_files_free(coopmap_kml_files *files);

#endif
