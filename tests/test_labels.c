/* test_labels.c: free-space bookkeeping of label placement. */
#include "test_util.h"

#include "coopmap/labels.h"

static void test_boxes_that_touch_intersect(void **state)
{
	coopmap_box a = { 0, 0, 10, 10 }, b = { 10, 0, 20, 10 };
	coopmap_box c = { 10.5, 0, 20, 10 };

	(void)state;
	assert_true(coopmap_box_intersects(&a, &b));
	assert_false(coopmap_box_intersects(&a, &c));
}

static void test_placer_refuses_overlap_obstacle_and_frame_exit(void **state)
{
	coopmap_placer *p = coopmap_placer_new((coopmap_box){ 0, 0, 100, 100 });
	coopmap_box first = { 10, 10, 30, 20 }, overlapping = { 25, 15, 45, 25 };
	coopmap_box outside = { 90, 90, 110, 95 }, on_legend = { 60, 60, 70, 70 };
	coopmap_box elsewhere = { 10, 40, 30, 50 };
	size_t n;

	(void)state;
	assert_non_null(p);
	coopmap_placer_add_obstacle(p, (coopmap_box){ 50, 50, 80, 80 });
	assert_true(coopmap_placer_is_free(p, &first));
	coopmap_placer_add_label(p, first);
	assert_false(coopmap_placer_is_free(p, &overlapping));
	assert_false(coopmap_placer_is_free(p, &outside));
	assert_false(coopmap_placer_is_free(p, &on_legend));
	assert_true(coopmap_placer_is_free(p, &elsewhere));
	coopmap_placer_labels(p, &n);
	assert_int_equal(n, 1);
	coopmap_placer_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boxes_that_touch_intersect),
		cmocka_unit_test(test_placer_refuses_overlap_obstacle_and_frame_exit),
	};
	return cmocka_run_group_tests_name("labels", tests, NULL, NULL);
}
