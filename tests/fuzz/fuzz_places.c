/*
 * fuzz_places.c: a gazetteer country file (geodata/places/XX.csv) as bytes,
 * through the place reader and its lookup: header, quoting, numbers,
 * coordinates.  A place found has a name and coordinates on the Earth.
 */
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/places.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void look_up(coopmap_places *places, const char *city)
{
	coopmap_place_match m;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_places_find(places, "XX", city, NULL, &m, &err) != COOPMAP_OK)
		return;
	if (m.place == NULL)
		return;
	if (m.place->name == NULL || !(fabs(m.place->lat) <= 90) ||
	    !(fabs(m.place->lon) <= 180) || m.candidates == 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = strdup(fuzz_write_file("XX.csv", data, size));
	/* The first line's first field, as a city to look up. */
	char *text = fuzz_string(data, size < 200 ? size : 200);
	coopmap_places *places = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (dir == NULL || text == NULL)
		abort();
	text[strcspn(text, ",\n")] = '\0';
	if (coopmap_places_open(dirname(dir), NULL, &places, &err) == COOPMAP_OK) {
		look_up(places, text);
		look_up(places, "Dakar");
		look_up(places, "");
		coopmap_places_free(places);
	}
	free(text);
	free(dir);
	return 0;
}
