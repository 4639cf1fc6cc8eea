/* test_style.c: the style file parser and the bundled styles. */
#include "test_util.h"

#include <string.h>
#include <unistd.h>

#include "coopmap/style.h"

static const char *write_temp(const char *text)
{
	static char path[] = "/tmp/coopmap-style-XXXXXX";
	int fd;

	strcpy(path, "/tmp/coopmap-style-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_bundled_styles_load(void **state)
{
	coopmap_style s;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	coopmap_style_default(&s);
	assert_int_equal(coopmap_style_load(data_path("styles/default.style"), &s,
		&err), COOPMAP_OK);
	assert_string_equal(s.name, "default");
	assert_int_equal(s.n_classes, 5);
	coopmap_style_default(&s);
	assert_int_equal(coopmap_style_load(data_path("styles/print.style"), &s,
		&err), COOPMAP_OK);
	assert_string_equal(s.name, "print");
	/* Grey: every class colour has equal channels. */
	for (int i = 0; i < s.n_classes; i++) {
		assert_close(s.classes[i].r, s.classes[i].g, 1e-9);
		assert_close(s.classes[i].g, s.classes[i].b, 1e-9);
	}
}

static void test_default_file_matches_builtin_default(void **state)
{
	coopmap_style builtin, file;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	coopmap_style_default(&builtin);
	coopmap_style_default(&file);
	/* Start the file's parse from zeros: every key must be in the file. */
	memset(&file, 0, sizeof(file));
	assert_int_equal(coopmap_style_load(data_path("styles/default.style"),
		&file, &err), COOPMAP_OK);
	assert_close(file.ocean.b, builtin.ocean.b, 1e-9);
	assert_close(file.border_width, builtin.border_width, 1e-9);
	assert_close(file.legend_background.a, 0xe0 / 255.0, 1e-9);
	assert_string_equal(file.font_family, builtin.font_family);
	assert_close(file.label_size, builtin.label_size, 1e-9);
	assert_int_equal(file.n_layer_colors, builtin.n_layer_colors);
	assert_close(file.layer_colors[3].r, builtin.layer_colors[3].r, 1e-9);
	assert_close(file.layer_line_width, builtin.layer_line_width, 1e-9);
}

static void test_unknown_key_names_file_and_line(void **state)
{
	coopmap_style s;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = write_temp("# a comment\nocean = #abcdef\nocan = #fff\n");
	char where[4200];

	(void)state;
	coopmap_style_default(&s);
	assert_int_equal(coopmap_style_load(path, &s, &err), COOPMAP_ERR_STYLE);
	snprintf(where, sizeof(where), "%s:3:", path);
	assert_non_null(strstr(err.message, where));
	assert_non_null(strstr(err.message, "unknown key 'ocan'"));
	assert_int_equal(err.line, 3);
	unlink(path);
}

static void test_bad_values_are_errors(void **state)
{
	static const char *const bad[] = {
		"ocean = #ggg\n", "ocean = blue\n", "border_width = -1\n",
		"border_width = nan\n", "graticule_step = 0\n", "classes = #fff\n",
		"ocean\n", "ocean = #fff\nocean = #000\n", "font_family =\n",
	};
	coopmap_style s;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		coopmap_error err = COOPMAP_ERROR_INIT;
		const char *path = write_temp(bad[i]);

		coopmap_style_default(&s);
		assert_int_equal(coopmap_style_load(path, &s, &err),
			COOPMAP_ERR_STYLE);
		assert_true(err.line >= 1);
		unlink(path);
	}
}

/* Each number's range bounds the work it asks of a render: a hatch spacing
 * of 0.01 took 29 s, 1e-300 never ended. */
static void test_numbers_out_of_their_range_are_refused(void **state)
{
	static const struct { const char *text; int ok; } rows[] = {
		{ "priority_hatch_spacing = 0.01\n", 0 },
		{ "priority_hatch_spacing = 0.001\n", 0 },
		{ "priority_hatch_spacing = 1e-300\n", 0 },
		{ "priority_hatch_spacing = 0\n", 0 },
		{ "priority_hatch_spacing = 1\n", 1 },
		{ "priority_hatch_spacing = 100\n", 1 },
		{ "priority_hatch_spacing = 101\n", 0 },
		{ "border_width = 0\n", 1 },
		{ "border_width = 50\n", 1 },
		{ "border_width = 500\n", 0 },
		{ "link_width = 1e308\n", 0 },
		{ "marker_size = 100\n", 1 },
		{ "marker_size = 500\n", 0 },
		{ "label_size = 0\n", 0 },
		{ "label_size = 1\n", 1 },
		{ "title_size = 100\n", 1 },
		{ "title_size = 400\n", 0 },
		{ "graticule_step = 0.5\n", 0 },
		{ "graticule_step = 1e999\n", 0 },
		{ "point_max_size = 3\n", 1 },   /* the default minimum is 2.4 */
		{ "point_max_size = 2\n", 0 },
		{ "point_min_size = 9\n", 1 },
		{ "point_min_size = 9.5\n", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		coopmap_error err = COOPMAP_ERROR_INIT;
		const char *path = write_temp(rows[i].text);
		coopmap_style s;
		int rc;

		coopmap_style_default(&s);
		rc = coopmap_style_load(path, &s, &err);
		if ((rc == COOPMAP_OK) != rows[i].ok)
			fail_msg("'%.*s': %s", (int)strlen(rows[i].text) - 1,
				rows[i].text, rc == COOPMAP_OK ? "accepted" : err.message);
		if (!rows[i].ok)
			assert_int_equal(err.line, 1);
		unlink(path);
	}
}

static void test_point_min_above_max_names_the_later_line(void **state)
{
	coopmap_style s;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = write_temp("point_max_size = 3\n# smallest\n"
		"point_min_size = 5\n");
	char where[4200];

	(void)state;
	coopmap_style_default(&s);
	assert_int_equal(coopmap_style_load(path, &s, &err), COOPMAP_ERR_STYLE);
	snprintf(where, sizeof(where), "%s:3: column 'point_min_size', value "
		"'5': point_min_size (5) is above point_max_size (3)", path);
	if (strstr(err.message, where) == NULL)
		fail_msg("%s", err.message);
	unlink(path);
}

static void test_colour_forms(void **state)
{
	coopmap_color c;

	(void)state;
	assert_int_equal(coopmap_color_parse("#fff", &c), 0);
	assert_close(c.r, 1.0, 1e-9);
	assert_int_equal(coopmap_color_parse("#102030", &c), 0);
	assert_close(c.g, 0x20 / 255.0, 1e-9);
	assert_close(c.a, 1.0, 1e-9);
	assert_int_equal(coopmap_color_parse("#10203080", &c), 0);
	assert_close(c.a, 0x80 / 255.0, 1e-9);
	assert_int_equal(coopmap_color_parse("102030", &c), -1);
	assert_int_equal(coopmap_color_parse("#12345", &c), -1);
}

static void test_missing_file_is_an_io_error(void **state)
{
	coopmap_style s;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_style_load("/nonexistent/x.style", &s, &err),
		COOPMAP_ERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_styles_load),
		cmocka_unit_test(test_default_file_matches_builtin_default),
		cmocka_unit_test(test_unknown_key_names_file_and_line),
		cmocka_unit_test(test_bad_values_are_errors),
		cmocka_unit_test(test_numbers_out_of_their_range_are_refused),
		cmocka_unit_test(test_point_min_above_max_names_the_later_line),
		cmocka_unit_test(test_colour_forms),
		cmocka_unit_test(test_missing_file_is_an_io_error),
	};
	return cmocka_run_group_tests_name("style", tests, NULL, NULL);
}
