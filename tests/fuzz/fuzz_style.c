/*
 * fuzz_style.c: a style file as bytes, through the key = value parser and
 * its colour, size and font values.
 */
#include "coopmap/style.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("carte.style", data, size);
	coopmap_style style;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)coopmap_style_load(path, &style, &err);
	return 0;
}
