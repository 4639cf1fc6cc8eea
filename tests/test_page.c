/*
 * test_page.c: the page module's PNG writer (src/page_png.c): the file
 * decodes to the surface's pixels whether its deflate was split across
 * two threads (a page of 256 rows or more) or not, and the same page
 * gives the same bytes.  The files are read back by Cairo's PNG reader,
 * which is libpng: it checks every chunk's CRC and the zlib stream's
 * Adler-32, so a badly joined stream fails here.  Not for: what is
 * drawn on a page (test_render.c).
 */
#include "test_util.h"

#include <cairo.h>
#include <stdint.h>
#include <string.h>

#include "coopmap/page.h"

/* Pixels that deflate cannot squeeze to nothing: runs of a few colours,
 * as a map has, broken by noise, as antialiased edges are. */
static uint32_t pixel_at(int x, int y)
{
	uint32_t h = (uint32_t)x * 2654435761u ^ (uint32_t)y * 40503u;

	if ((x / 17 + y / 13) % 3 != 0)
		return 0x00336699u + (uint32_t)((x / 40) * 0x10);
	return h & 0x00ffffffu;
}

static cairo_status_t read_stream(void *closure, unsigned char *data,
	unsigned int length)
{
	return fread(data, 1, length, closure) == length
		? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR;
}

/* The page of width x height written as PNG into a temporary file,
 * rewound; *size its length. */
static FILE *write_page(int width, int height, long *size)
{
	FILE *stream = tmpfile();
	cairo_surface_t *page;
	coopmap_error err = COOPMAP_ERROR_INIT;
	unsigned char *data;
	int stride;

	assert_non_null(stream);
	page = coopmap_page_surface(COOPMAP_PAGE_PNG, stream, width, height,
		NULL, NULL);
	cairo_surface_flush(page);
	data = cairo_image_surface_get_data(page);
	stride = cairo_image_surface_get_stride(page);
	for (int y = 0; y < height; y++)
		for (int x = 0; x < width; x++)
			((uint32_t *)(void *)(data + (size_t)y * (size_t)stride))[x] =
				pixel_at(x, y);
	cairo_surface_mark_dirty(page);
	assert_int_equal(coopmap_page_finish(page, CAIRO_STATUS_SUCCESS,
		COOPMAP_PAGE_PNG, stream, COOPMAP_OK, &err), COOPMAP_OK);
	*size = ftell(stream);
	rewind(stream);
	return stream;
}

static void expect_page_pixels(int width, int height)
{
	long size;
	FILE *stream = write_page(width, height, &size);
	cairo_surface_t *png = cairo_image_surface_create_from_png_stream(
		read_stream, stream);
	const unsigned char *data;
	int stride;

	assert_int_equal(cairo_surface_status(png), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(png), width);
	assert_int_equal(cairo_image_surface_get_height(png), height);
	data = cairo_image_surface_get_data(png);
	stride = cairo_image_surface_get_stride(png);
	for (int y = 0; y < height; y++)
		for (int x = 0; x < width; x++) {
			uint32_t got = ((const uint32_t *)(const void *)(data +
				(size_t)y * (size_t)stride))[x] & 0x00ffffffu;

			if (got != pixel_at(x, y))
				fail_msg("pixel (%d, %d) of %dx%d: %06x, expected %06x",
					x, y, width, height, got, pixel_at(x, y));
		}
	cairo_surface_destroy(png);
	fclose(stream);
}

static void test_png_of_a_large_page_split_in_two_keeps_every_pixel(
	void **state)
{
	(void)state;
	expect_page_pixels(640, 257);
	expect_page_pixels(333, 1001);
}

static void test_png_of_a_small_page_in_one_thread_keeps_every_pixel(
	void **state)
{
	(void)state;
	expect_page_pixels(50, 40);
	expect_page_pixels(1, 255);
}

static void test_png_of_the_same_page_has_the_same_bytes(void **state)
{
	long size_a, size_b;
	FILE *a = write_page(800, 600, &size_a);
	FILE *b = write_page(800, 600, &size_b);
	int ca, cb;

	(void)state;
	assert_int_equal(size_a, size_b);
	do {
		ca = fgetc(a);
		cb = fgetc(b);
		assert_int_equal(ca, cb);
	} while (ca != EOF);
	fclose(a);
	fclose(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_of_a_large_page_split_in_two_keeps_every_pixel),
		cmocka_unit_test(test_png_of_a_small_page_in_one_thread_keeps_every_pixel),
		cmocka_unit_test(test_png_of_the_same_page_has_the_same_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
