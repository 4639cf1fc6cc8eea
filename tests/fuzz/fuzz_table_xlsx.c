/*
 * fuzz_table_xlsx.c: a spreadsheet (XLSX: a zip of XML) as bytes, through
 * coopmap's table reader and OGR's XLSX driver.  A truncated or forged
 * file must be an error, never a crash.
 */
#include "coopmap/table.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("projets.xlsx", data, size);
	coopmap_table *table = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_table_read(path, NULL, &table, &err) == COOPMAP_OK) {
		for (size_t r = 0; r < coopmap_table_row_count(table); r++)
			for (size_t c = 0; c < coopmap_table_column_count(table); c++)
				(void)coopmap_table_cell(table, r, c);
		coopmap_table_free(table);
	}
	return 0;
}
