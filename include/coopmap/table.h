/*
 * table.h: any tabular file (CSV, XLSX, ODS, GeoPackage, GeoJSON ...) read
 * through GDAL/OGR as rows of text cells with their source line numbers.
 *
 * For: the project list, policy layers, aliases, every table coopmap reads.
 * Not for: deciding what a column means (records.h) or parsing values.
 */
#ifndef COOPMAP_TABLE_H
#define COOPMAP_TABLE_H

#include <stddef.h>

#include "coopmap/error.h"

typedef struct coopmap_table coopmap_table;

/*
 * Read the first layer of path (or the layer named layer_name when not NULL)
 * into memory.  Every cell becomes UTF-8 text ("" when empty or null).
 * On success *out is a new table (caller frees with coopmap_table_free).
 * Errors: COOPMAP_ERR_IO when the file cannot be opened or is not a table
 * OGR knows, COOPMAP_ERR_INPUT when the named layer does not exist.
 */
int coopmap_table_read(const char *path, const char *layer_name,
	coopmap_table **out, coopmap_error *err);

void coopmap_table_free(coopmap_table *table);

/* The path given to coopmap_table_read (borrowed). */
const char *coopmap_table_path(const coopmap_table *table);

size_t coopmap_table_column_count(const coopmap_table *table);
/* Header text of column col (borrowed). */
const char *coopmap_table_column_name(const coopmap_table *table, size_t col);
/*
 * Index of the first column whose folded header equals the folded name
 * (case, accents and punctuation ignored), or -1.
 */
long coopmap_table_find_column(const coopmap_table *table, const char *name);

size_t coopmap_table_row_count(const coopmap_table *table);
/* Cell text, never NULL, borrowed; "" when row or col is out of range. */
const char *coopmap_table_cell(const coopmap_table *table, size_t row,
	size_t col);
/* Line of the file the row starts on (1 = header line for text tables). */
long coopmap_table_line(const coopmap_table *table, size_t row);

#endif
