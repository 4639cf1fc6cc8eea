/*
 * fuzz_actors.c: the actor readers on arbitrary bytes.  The first byte
 * picks the file the rest is: an actors file (0), a relations file (1) or
 * a presence file (2), each read on top of the bundled actors as a user's
 * file would be.  Asserts that a failed read says where, that every
 * relation joins two actors of the set, and that every presence row names
 * a country.
 */
#include <stdlib.h>
#include <string.h>

#include "coopmap/actors.h"
#include "coopmap/paths.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const coopmap_actors *a)
{
	size_t n = coopmap_actors_count(a);

	for (size_t i = 0; i < coopmap_actors_link_count(a); i++) {
		const coopmap_actor_link *l = coopmap_actors_link(a, i);

		if (l->from >= n || l->to >= n || l->from == l->to)
			abort();
	}
	for (size_t i = 0; i < coopmap_actors_presence_count(a); i++) {
		const coopmap_actor_presence *p = coopmap_actors_presence(a, i);

		if (p->actor >= n || p->country == NULL)
			abort();
	}
	for (size_t i = 0; i < n; i++) {
		if (coopmap_actors_find(a, coopmap_actors_get(a, i)->id) != (long)i)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const coopmap_countries *countries = fuzz_countries();
	coopmap_actors *a;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char bundled[4096];
	const char *path;
	int rc;

	if (size < 1)
		return 0;
	a = coopmap_actors_new();
	if (a == NULL || coopmap_paths_data_file("geodata/actors.csv", bundled,
	    sizeof(bundled)) == NULL ||
	    coopmap_actors_read(a, bundled, &err) != COOPMAP_OK)
		abort();
	path = fuzz_write_file("fuzz.csv", data + 1, size - 1);
	switch (data[0] % 3) {
	case 0:
		rc = coopmap_actors_read(a, path, &err);
		if (rc == COOPMAP_OK)
			rc = coopmap_actors_check(a, NULL, &err);
		break;
	case 1:
		rc = coopmap_actors_read_links(a, path, &err);
		break;
	default:
		rc = coopmap_actors_read_presence(a, path, countries, &err);
		break;
	}
	/* An input error names the file (and its line when a row is wrong). */
	if (rc == COOPMAP_ERR_INPUT && strstr(err.message, "fuzz.csv") == NULL)
		abort();
	check(a);
	coopmap_actors_free(a);
	return 0;
}
