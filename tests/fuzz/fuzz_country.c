/*
 * fuzz_country.c: any text as a country cell, through the name folding
 * (case, accents, punctuation), the lookup, and the suggestion by edit
 * distance.  A found country must be one of the registry's.
 */
#include <stdlib.h>

#include "coopmap/names.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const coopmap_countries *countries = fuzz_countries();
	char *text = fuzz_string(data, size);
	coopmap_country_match match;

	free(coopmap_names_fold(text));
	coopmap_country_resolve(countries, text, &match);
	if (match.status == COOPMAP_COUNTRY_FOUND && (match.country == NULL ||
	    coopmap_country_find_iso3(countries, match.country->iso_a3) !=
	    match.country))
		abort();
	free(text);
	return 0;
}
