/*
 * fuzz_table_ods.c: an OpenDocument spreadsheet (a zip of XML) as bytes,
 * through coopmap's table reader: OGR's ODS driver, and the sheet's XML
 * read to check it (rows and cells repeated, empty runs to the sheet's
 * end, row groups).  A truncated or forged file must be an error, never a
 * crash, a hang on a huge repeat, or a row out of place.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read_table("projets.ods", data, size);
	return 0;
}
