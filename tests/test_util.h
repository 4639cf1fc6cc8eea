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

#include "coopmap/paths.h"

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

/* Where tests write what a person may want to look at after a failure. */
#define TEST_ARTIFACTS "tests/artifacts"

#endif
