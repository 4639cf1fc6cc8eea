/*
 * fuzz_table_xlsx.c: a spreadsheet (XLSX: a zip of XML) as bytes, through
 * coopmap's table reader: OGR's XLSX driver, and the sheet's XML read to
 * check it (far columns, shared strings, rows out of order).  A truncated
 * or forged file must be an error, never a crash or a row out of place.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_table("projets.xlsx", data, size);
	return 0;
}
