/*
 * fuzz_layer.c: a policy layer's CSV as bytes (with a valid sidecar),
 * through the layer reader: iso_a3 codes, attribute columns, line
 * numbers.  Every member must be a country of the registry, given once
 * (once per territory); a country's rows are found again from each.
 */
#include <stdlib.h>
#include <string.h>

#include "coopmap/layers.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sidecar[] =
	"{\"id\": \"fuzz\", \"title_fr\": \"Couche\", \"title_en\": \"Layer\", "
	"\"source\": \"fuzzer\", \"date\": \"2026-11-23\", \"licence\": "
	"\"none\"}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const coopmap_countries *countries = fuzz_countries();
	const char *path;
	char *csv;
	coopmap_layer *layer = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	fuzz_write_file("fuzz.json", (const uint8_t *)sidecar,
		strlen(sidecar));
	path = fuzz_write_file("fuzz.csv", data, size);
	csv = strdup(path);   /* borrowed until the next write */
	if (csv == NULL)
		abort();
	if (coopmap_layer_load(csv, countries, &layer, &err) == COOPMAP_OK) {
		/* Each row is found from itself: the chain of a country's rows
		 * holds every row once. */
		for (size_t i = 0; i < coopmap_layer_member_count(layer); i++)
			if (coopmap_layer_member(layer, i) == NULL ||
			    coopmap_layer_find(layer, coopmap_layer_member(layer, i), i)
			    != (long)i)
				abort();
		coopmap_layer_free(layer);
	}
	free(csv);
	return 0;
}
