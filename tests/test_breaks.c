/* test_breaks.c: class bounds of the choropleth. */
#include "test_util.h"

#include "coopmap/breaks.h"

static void test_classes_cover_whole_numbers_without_gaps(void **state)
{
	double values[] = { 0, 0, 1, 1, 1, 1, 2, 2, 3, 4, 4, 11, 0 };
	coopmap_breaks b;

	(void)state;
	coopmap_breaks_quantiles(values, sizeof(values) / sizeof(values[0]), 5, &b);
	assert_true(b.n >= 2 && b.n <= 5);
	assert_close(b.lower[0], 1, 0);
	assert_close(b.upper[b.n - 1], 11, 0);
	for (int i = 1; i < b.n; i++)
		assert_close(b.lower[i], b.upper[i - 1] + 1, 0);
}

static void test_zero_has_no_class_and_every_value_has_one(void **state)
{
	double values[] = { 3, 7, 1, 9, 12, 5, 2, 8 };
	coopmap_breaks b;

	(void)state;
	coopmap_breaks_quantiles(values, 8, 4, &b);
	assert_int_equal(coopmap_breaks_class(&b, 0), -1);
	for (int i = 0; i < 8; i++) {
		int k = coopmap_breaks_class(&b, values[i]);

		assert_true(k >= 0 && k < b.n);
		assert_true(values[i] >= b.lower[k] && values[i] <= b.upper[k]);
	}
}

static void test_equal_values_make_one_class(void **state)
{
	double values[] = { 2, 2, 2, 2 };
	coopmap_breaks b;

	(void)state;
	coopmap_breaks_quantiles(values, 4, 5, &b);
	assert_int_equal(b.n, 1);
	assert_close(b.lower[0], 2, 0);
	assert_close(b.upper[0], 2, 0);
}

static void test_no_positive_value_makes_no_class(void **state)
{
	double values[] = { 0, 0 };
	coopmap_breaks b;

	(void)state;
	coopmap_breaks_quantiles(values, 2, 5, &b);
	assert_int_equal(b.n, 0);
	assert_int_equal(coopmap_breaks_class(&b, 3), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_cover_whole_numbers_without_gaps),
		cmocka_unit_test(test_zero_has_no_class_and_every_value_has_one),
		cmocka_unit_test(test_equal_values_make_one_class),
		cmocka_unit_test(test_no_positive_value_makes_no_class),
	};
	return cmocka_run_group_tests_name("breaks", tests, NULL, NULL);
}
