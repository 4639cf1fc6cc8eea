/*
 * breaks.h: class bounds for a choropleth of counts.  Classes cover whole
 * numbers without gaps (1 | 2 | 3-4 | 5-11) so that the legend states every
 * bound, and each class holds about the same number of countries.
 * Not for: drawing the legend (render).
 */
#ifndef COOPMAP_BREAKS_H
#define COOPMAP_BREAKS_H

#include <stddef.h>

#define COOPMAP_BREAKS_MAX 7

typedef struct coopmap_breaks {
	int n;                              /* 0 when no value is positive */
	double lower[COOPMAP_BREAKS_MAX];   /* inclusive */
	double upper[COOPMAP_BREAKS_MAX];   /* inclusive */
} coopmap_breaks;

/*
 * Quantile classes of the positive values among values[0..n) (zeros are
 * "no project" and get no class), at most max_classes (1..7), rounded to
 * whole numbers.
 */
void coopmap_breaks_quantiles(const double *values, size_t n, int max_classes,
	coopmap_breaks *out);

/* Class of v (0-based), or -1 when v is below the first class. */
int coopmap_breaks_class(const coopmap_breaks *breaks, double v);

#endif
