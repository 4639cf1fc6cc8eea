/*
 * peer_classes.c: the choropleth classes the peers of the render benchmark
 * draw, computed as coopmap's render computes them: the same quantile
 * bounds (coopmap_breaks_quantiles over the per-country counts) and the
 * default style's colours.  Not for: anything coopmap itself runs.
 *
 * usage: peer_classes COUNTS.csv   (coopmap export's per-country CSV:
 *   iso_a3 first, projects fourth).  Prints one line per class:
 *   "K R,G,B ISO,ISO,..." with K from 0 (fewest projects).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/breaks.h"
#include "coopmap/style.h"

#define MAX_COUNTRIES 512

/* Column col (0-based) of a CSV line whose first columns hold no quoted
 * comma (iso_a3, names, projects: the names come quoted when they hold
 * one, hence the walk over quotes). */
static const char *column(const char *line, int col)
{
	int quoted = 0;

	for (const char *p = line; *p != '\0' && col > 0; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ',' && !quoted && --col == 0)
			return p + 1;
	}
	return col == 0 ? line : NULL;
}

int main(int argc, char **argv)
{
	static char iso[MAX_COUNTRIES][4];
	static double values[MAX_COUNTRIES];
	char line[4096];
	size_t n = 0;
	coopmap_breaks breaks;
	coopmap_style style;
	FILE *in;

	if (argc != 2 || (in = fopen(argv[1], "r")) == NULL) {
		fprintf(stderr, "usage: peer_classes COUNTS.csv\n");
		return 2;
	}
	if (fgets(line, sizeof(line), in) == NULL) {
		fclose(in);
		return 2;
	}
	while (n < MAX_COUNTRIES && fgets(line, sizeof(line), in) != NULL) {
		const char *projects = column(line, 3);

		if (projects == NULL || strlen(line) < 3)
			continue;
		memcpy(iso[n], line, 3);
		iso[n][3] = '\0';
		values[n++] = atof(projects);
	}
	fclose(in);
	coopmap_style_default(&style);
	coopmap_breaks_quantiles(values, n, style.n_classes, &breaks);
	for (int k = 0; k < breaks.n; k++) {
		coopmap_color c = style.classes[k];
		const char *sep = "";

		printf("%d %d,%d,%d ", k, (int)lround(c.r * 255),
			(int)lround(c.g * 255), (int)lround(c.b * 255));
		for (size_t i = 0; i < n; i++) {
			if (coopmap_breaks_class(&breaks, values[i]) == k) {
				printf("%s%s", sep, iso[i]);
				sep = ",";
			}
		}
		printf("\n");
	}
	return 0;
}
