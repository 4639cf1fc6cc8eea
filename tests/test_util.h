/*
 * test_util.h: what every cmocka test of coopmap shares: the float
 * assertion cmocka 1.1.5 lacks, and paths to the bundled data and fixtures.
 * Tests run from the source tree (tests/run-tests.sh sets COOPMAP_DATADIR).
 */
#ifndef COOPMAP_TEST_UTIL_H
#define COOPMAP_TEST_UTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "coopmap/country.h"
#include "coopmap/locate.h"
#include "coopmap/paths.h"
#include "coopmap/places.h"
#include "coopmap/records.h"

#define assert_close(a, b, tol) do { \
	double a_ = (a), b_ = (b), t_ = (tol); \
	if (!(fabs(a_ - b_) <= t_)) \
		fail_msg("%s = %.9g, expected %.9g within %.3g", #a, a_, b_, t_); \
} while (0)

/* A path under the data directory (static buffer: use it at once). */
static inline const char *data_path(const char *relative)
{
	static char buf[4096];

	return coopmap_paths_data_file(relative, buf, sizeof(buf));
}

/* The bundled countries at resolution "50m" or "10m", as the commands
 * open them (coopmap_countries_open_bundled: the points and names of every
 * ISO 3166-1 entry and the aliases) when asked, else the Shapefile alone;
 * NULL (and the reason on stderr) when they cannot be read. */
static inline coopmap_countries *test_open_countries(const char *resolution,
	int with_aliases)
{
	coopmap_countries *c = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char shp[4096], relative[64];
	int rc;

	snprintf(relative, sizeof(relative), "geodata/countries-%s.shp", resolution);
	snprintf(shp, sizeof(shp), "%s", data_path(relative));
	rc = with_aliases ? coopmap_countries_open_bundled(resolution, &c, &err)
		: coopmap_countries_open(shp, NULL, &c, &err);
	if (rc != COOPMAP_OK)
		print_error("%s\n", err.message);
	return c;
}

/* The projects of path, both ends placed with the bundled gazetteer, as
 * the commands read them; the test fails when they cannot be read. */
static inline coopmap_projects *test_read_located(const char *path,
	const coopmap_countries *countries)
{
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_projects *projects = NULL;
	coopmap_places *places = NULL;
	char list[4096], dir[4096], aliases[4096];

	/* path may be data_path's buffer, which the next calls reuse. */
	snprintf(list, sizeof(list), "%s", path);
	path = list;
	snprintf(dir, sizeof(dir), "%s", data_path("geodata/places"));
	snprintf(aliases, sizeof(aliases), "%s",
		data_path("geodata/place-aliases.csv"));
	if (coopmap_projects_read(path, NULL, countries, &projects, &err) ||
	    coopmap_places_open(dir, aliases, &places, &err) ||
	    coopmap_locate_projects(projects, places, countries, NULL, &err))
		fail_msg("%s", err.message);
	coopmap_places_free(places);
	return projects;
}

/* Even-odd point in polygon over every ring, as the renderer fills. */
static inline int test_point_in_geometry(const coopmap_geometry *g, double x,
	double y)
{
	int inside = 0;

	for (size_t r = 0; r < g->n_rings; r++) {
		size_t a = g->ring_start[r], b = g->ring_start[r + 1];

		for (size_t i = a, j = b - 1; i < b; j = i++) {
			if ((g->lat[i] > y) != (g->lat[j] > y) &&
			    x < (g->lon[j] - g->lon[i]) * (y - g->lat[i]) /
				(g->lat[j] - g->lat[i]) + g->lon[i])
				inside = !inside;
		}
	}
	return inside;
}

/* Where tests write what a person may want to look at after a failure. */
#define TEST_ARTIFACTS "tests/artifacts"

/* A list of rows projects, each with a partner of its own ("Centre de santé
 * N", in 18 capitals), from 5 French establishments, over the three
 * programmes: rows partner points, rows links and 15 establishment points
 * once placed. */
static inline void test_write_partner_list(const char *path, int rows)
{
	static const char *const establishments[][2] = {
		{ "CHU de Rennes", "Rennes" }, { "CHU de Nantes", "Nantes" },
		{ "CHU de Tours", "Tours" }, { "CHU de Bordeaux", "Bordeaux" },
		{ "CHU de Lille", "Lille" },
	};
	static const char *const places[][2] = {
		{ "Bamako", "Mali" }, { "Dakar", "Sénégal" }, { "Cotonou", "Bénin" },
		{ "Niamey", "Niger" }, { "Abidjan", "Côte d'Ivoire" },
		{ "Douala", "Cameroun" }, { "Lomé", "Togo" }, { "Conakry", "Guinée" },
		{ "Tunis", "Tunisie" }, { "Rabat", "Maroc" },
		{ "Antananarivo", "Madagascar" }, { "Port-au-Prince", "Haïti" },
		{ "Beyrouth", "Liban" }, { "Phnom Penh", "Cambodge" },
		{ "Hanoï", "Viêt Nam" }, { "Bujumbura", "Burundi" },
		{ "N'Djamena", "Tchad" }, { "Moroni", "Comores" },
	};
	static const char *const programmes[] = { "APCHI", "PRPH", "autre" };
	FILE *out = fopen(path, "w");

	assert_non_null(out);
	fprintf(out, "etablissement,ville,partenaire,ville_partenaire,pays,"
		"financement,annee\n");
	for (int i = 0; i < rows; i++)
		fprintf(out, "%s,%s,Centre de santé %d,%s,\"%s\",%s,%d\n",
			establishments[i % 5][0], establishments[i % 5][1], i,
			places[i % 18][0], places[i % 18][1], programmes[i % 3],
			2010 + i % 10);
	assert_int_equal(fclose(out), 0);
}

#endif
