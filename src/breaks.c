/*
 * breaks.c: quantile class bounds on whole numbers.
 */
#include "coopmap/breaks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void coopmap_breaks_quantiles(const double *values, size_t n, int max_classes,
	coopmap_breaks *out)
{
	double *positive = malloc((n + 1) * sizeof(double));
	size_t m = 0;
	double previous_upper = 0;

	memset(out, 0, sizeof(*out));
	if (positive == NULL)
		return;
	if (max_classes < 1)
		max_classes = 1;
	if (max_classes > COOPMAP_BREAKS_MAX)
		max_classes = COOPMAP_BREAKS_MAX;
	for (size_t i = 0; i < n; i++) {
		if (values[i] > 0)
			positive[m++] = ceil(values[i]);
	}
	if (m == 0) {
		free(positive);
		return;
	}
	qsort(positive, m, sizeof(double), compare_doubles);
	for (int k = 1; k <= max_classes; k++) {
		/* The upper bound of class k is the value at quantile k/n. */
		size_t index = (size_t)ceil((double)m * k / max_classes) - 1;
		double upper = positive[index];

		if (out->n > 0 && upper <= previous_upper)
			continue;  /* many equal values: fewer classes */
		out->lower[out->n] = out->n == 0 ? positive[0] : previous_upper + 1;
		out->upper[out->n] = upper;
		previous_upper = upper;
		out->n++;
	}
	free(positive);
}

int coopmap_breaks_class(const coopmap_breaks *breaks, double v)
{
	for (int i = 0; i < breaks->n; i++) {
		if (v >= breaks->lower[i] && v <= breaks->upper[i])
			return i;
	}
	if (breaks->n > 0 && v > breaks->upper[breaks->n - 1])
		return breaks->n - 1;
	return -1;
}
