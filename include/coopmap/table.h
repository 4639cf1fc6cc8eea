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

typedef struct coopmap_table_opts {
	const char *layer;     /* sheet or layer name; NULL: the first */
	const char *encoding;  /* of a text table (CSV); NULL: detected */
	int bad_utf8_rows;     /* 1: a text table found to be UTF-8 but for a
	                          few bad sequences is read, each replaced by
	                          U+FFFD and listed (coopmap_table_bad_utf8_get)
	                          for the caller to reject their rows; 0: that
	                          is an error */
} coopmap_table_opts;

#define COOPMAP_TABLE_OPTS_INIT { NULL, NULL, 0 }

/*
 * Read one layer of path into memory (opts may be NULL for the defaults).
 * Every cell becomes UTF-8 text ("" when empty or null).
 *
 * Text tables (.csv, .tsv, .txt) are decoded first: the encoding given, or
 * else UTF-8 when the bytes are valid UTF-8 (with or without BOM), UTF-16
 * when they start with its BOM.  Bytes that are not valid UTF-8 are weighed
 * per file: UTF-8 when its valid sequences and the invalid ones shaped as
 * UTF-8 (overlong, surrogate, cut short) outnumber the stray high bytes
 * Windows-1252 text is made of, the bad sequences then listed (see
 * bad_utf8_rows; never the whole file re-read as Windows-1252), and
 * Windows-1252 otherwise (what French Excel writes), with a note that says
 * so (coopmap_table_encoding_note).  An encoding given is followed
 * strictly: bytes it cannot decode are an error naming the line.  The separator (comma, semicolon, tab) is OGR's guess.
 * Line numbers follow quoted cells that span lines; a line may end in LF,
 * CRLF or CR.  A quote inside an unquoted cell (12") is a character, as in
 * spreadsheets.  A quoted cell never closed, a line longer than OGR reads,
 * or records OGR would merge or drop, are errors: no row is lost silently.
 *
 * Workbooks (XLSX, ODS): the first row is the header; an empty row is not
 * a row (LibreOffice writes runs of them, to the sheet's end).  GDAL's
 * reading is checked against the sheet's own XML (the zip's parts, read
 * with GDAL's /vsizip/ and XML parser), and the XML's is taken when they
 * differ: GDAL 3.6 drops the cells past column 2,000 (XLSX) and rows
 * repeated more than 10,000 times (ODS) without an error.  A row repeated
 * N times (table:number-rows-repeated) is N rows.  Cells then hold the
 * text or value the XML holds (a date is its serial number).
 *
 * On success *out is a new table (caller frees with coopmap_table_free).
 * Errors: COOPMAP_ERR_IO when the file cannot be opened, is a directory, is
 * not a table OGR knows, cannot be decoded (in the encoding given), holds
 * NUL bytes or breaks the rules above, or is a workbook GDAL stopped
 * reading whose XML cannot be read either; COOPMAP_ERR_INPUT, naming the
 * sheet and line, for a workbook past a sheet's limits (1,048,576 rows,
 * 16,384 columns) or too many cells to hold; COOPMAP_ERR_USAGE when the
 * named layer or sheet does not exist or the encoding is unknown.
 */
int coopmap_table_read(const char *path, const coopmap_table_opts *opts,
	coopmap_table **out, coopmap_error *err);

/* Encoding a text table was decoded from ("UTF-8", "WINDOWS-1252" ...), or
 * "" for other formats (borrowed). */
const char *coopmap_table_encoding(const coopmap_table *table);

/* Why the encoding was guessed ("not UTF-8 (3 bytes such as \xE9 on line
 * 2 cannot be ...): read as Windows-1252 ..."), or "" when the bytes said
 * it (borrowed). */
const char *coopmap_table_encoding_note(const coopmap_table *table);

/* An invalid UTF-8 sequence of a table read with bad_utf8_rows. */
typedef struct coopmap_table_bad_utf8 {
	long line;         /* of the file */
	long column;       /* 1-based, in characters of the line */
	char bytes[24];    /* escaped: "\xC0\xAF" */
} coopmap_table_bad_utf8;

/* How many, and the i-th in the file's order (borrowed, NULL past the
 * end); their bytes are U+FFFD in the cells. */
size_t coopmap_table_bad_utf8_count(const coopmap_table *table);
const coopmap_table_bad_utf8 *coopmap_table_bad_utf8_get(
	const coopmap_table *table, size_t i);

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

/* Cells of a text table's row beyond the header's columns (OGR drops
 * them; the caller decides what to say), 0 otherwise. */
int coopmap_table_extra_cells(const coopmap_table *table, size_t row);

/*
 * Take row as the header, for a table whose first lines are a title or
 * blank lines (common in spreadsheets): its cells become the column names,
 * it and the rows above it are dropped, and the rows below keep their
 * lines.  Refused (COOPMAP_ERR_INPUT, table unchanged) when a row has more
 * cells than the first line: the columns were read from that line, and
 * the cells beyond it are lost.  COOPMAP_ERR_USAGE when row is past the end.
 */
int coopmap_table_use_header_row(coopmap_table *table, size_t row,
	coopmap_error *err);

/* The layers or sheets of the file (a workbook's sheets in order, a
 * GeoPackage's layers; one for a CSV), borrowed; and the one read ("" for
 * a text table). */
size_t coopmap_table_sheet_count(const coopmap_table *table);
const char *coopmap_table_sheet_name(const coopmap_table *table, size_t i);
const char *coopmap_table_sheet(const coopmap_table *table);

#endif