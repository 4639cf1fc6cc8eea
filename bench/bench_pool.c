/*
 * bench_pool.c: times the pooling of a project list (grouping partner
 * spellings within each country and establishments by name), apart from
 * reading it: the figure `make bench` reports for 10k, 100k and 1M rows.
 *
 * usage: bench_pool PROJECTS.csv   (prints "ROWS SECONDS PARTNERS")
 */
#include <stdio.h>
#include <time.h>

#include "coopmap/country.h"
#include "coopmap/paths.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	coopmap_countries *countries = NULL;
	coopmap_projects *projects = NULL;
	coopmap_pool *pool = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char shp[4096], aliases[4096];
	double start;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_pool PROJECTS.csv\n");
		return 2;
	}
	coopmap_paths_data_file("geodata/countries-50m.shp", shp, sizeof(shp));
	coopmap_paths_data_file("geodata/country-aliases.csv", aliases,
		sizeof(aliases));
	if (coopmap_countries_open(shp, aliases, &countries, &err) ||
	    coopmap_projects_read(argv[1], NULL, countries, &projects, &err)) {
		fprintf(stderr, "bench_pool: %s\n", err.message);
		return 2;
	}
	start = now();
	if (coopmap_pool_build(projects, &pool, &err) != COOPMAP_OK) {
		fprintf(stderr, "bench_pool: %s\n", err.message);
		return 2;
	}
	printf("%zu %.3f %zu\n", coopmap_projects_count(projects), now() - start,
		coopmap_pool_partner_count(pool));
	coopmap_pool_free(pool);
	coopmap_projects_free(projects);
	coopmap_countries_free(countries);
	return 0;
}
