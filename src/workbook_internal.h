/*
 * workbook_internal.h: one sheet of an XLSX or ODS workbook read straight
 * from its XML (workbook.c), for table.c to check GDAL's reading against
 * and to read the sheets GDAL's drivers cut short.  Not installed, not a
 * public contract.
 */
#ifndef COOPMAP_WORKBOOK_INTERNAL_H
#define COOPMAP_WORKBOOK_INTERNAL_H

#include <stddef.h>

#include "coopmap/error.h"

#pragma GCC visibility push(hidden)

/* A run of identical rows holding at least one non-empty cell: its first
 * line (the spreadsheet's row number), how many rows it stands for (ODS
 * table:number-rows-repeated) and its cells, trailing empty cells left out. */
typedef struct workbook_row {
	long line;
	long repeat;
	size_t n_cells;
	char **cells;   /* owned; NULL for an empty cell */
} workbook_row;

typedef struct workbook_sheet {
	char *name;           /* owned */
	workbook_row *rows;   /* owned, by line; empty rows are not listed */
	size_t n_rows;
	size_t n_columns;     /* the widest row */
} workbook_sheet;

/* Workbook kinds. */
enum { WORKBOOK_XLSX, WORKBOOK_ODS };

/* The most rows and columns a sheet can have (Excel's and Calc's limits);
 * a file claiming more is refused, not expanded. */
#define WORKBOOK_MAX_ROWS 1048576L
#define WORKBOOK_MAX_COLUMNS 16384L

/*
 * Read the sheet named sheet_name (NULL: the first) of path, a workbook of
 * kind.  Cells are text as the file holds it: shared and inline strings,
 * the text of ODS paragraphs, numbers as written in the XML (not
 * formatted: a date is its serial number).  On success *out is new
 * (workbook_sheet_free).  Errors: COOPMAP_ERR_IO when a part of the zip is
 * missing or is not XML; COOPMAP_ERR_USAGE when no sheet has that name;
 * COOPMAP_ERR_INPUT, naming the sheet and line, when a row or a column is
 * past the limits above or rows go backwards.
 */
int workbook_sheet_read(const char *path, int kind, const char *sheet_name,
	workbook_sheet **out, coopmap_error *err);

void workbook_sheet_free(workbook_sheet *sheet);

#pragma GCC visibility pop

#endif
