/*
 * fuzz_util.h: what the libFuzzer harnesses of tests/fuzz/ share: the
 * fuzzer's bytes as a file (coopmap's readers take paths, as the CLI does)
 * and the bundled country registry, opened once per process.
 * Not for: the cmocka tests (tests/test_util.h).
 */
#ifndef COOPMAP_FUZZ_UTIL_H
#define COOPMAP_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "coopmap/country.h"

/*
 * Write data to "<private temporary directory>/<name>" and return that
 * path (borrowed until the next call); aborts when the disk refuses, which
 * is no finding of the code under test.
 */
const char *fuzz_write_file(const char *name, const uint8_t *data,
	size_t size);

/* The bundled 1:50m countries as the commands open them (points, names,
 * aliases); aborts when missing. */
const coopmap_countries *fuzz_countries(void);

/*
 * Write data to a file called name and read it with coopmap_table_read:
 * an error is fine; a table whose rows do not follow the file's lines, or
 * whose cells are not UTF-8, aborts (a finding).
 */
void fuzz_read_table(const char *name, const uint8_t *data, size_t size);

/* data as a NUL-terminated string (caller frees). */
char *fuzz_string(const uint8_t *data, size_t size);

#endif
