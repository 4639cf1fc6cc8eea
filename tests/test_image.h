/*
 * test_image.h: a rendered image against its reference, as Cairo's own
 * test suite compares them: a pixel differs when its channels are further
 * apart than a tolerance (antialiasing may move a little between library
 * versions), the differing pixels are counted, and a diff image shows
 * them in red over a pale copy of the output.  Shared by the tests of the
 * renderer (test_render.c) and of the reference scenes (test_scenes.c).
 * Not for: sampling a colour where the answer is known (each test does).
 */
#ifndef COOPMAP_TEST_IMAGE_H
#define COOPMAP_TEST_IMAGE_H

#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>

struct rgb { int r, g, b; };

/* The colour at x, y of an image surface (RGB24 or ARGB32, as Cairo
 * reads PNGs). */
static inline struct rgb test_pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *data = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	uint32_t v = *(const uint32_t *)(data + y * stride + x * 4);
	struct rgb c = { (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

	return c;
}

/* Whether the pixels at x, y of a and b are further apart than tolerance
 * (the sum of the three channels' differences). */
static inline int test_pixel_differs(cairo_surface_t *a, cairo_surface_t *b,
	int x, int y, int tolerance)
{
	struct rgb p = test_pixel(a, x, y), q = test_pixel(b, x, y);

	return abs(p.r - q.r) + abs(p.g - q.g) + abs(p.b - q.b) > tolerance;
}

/* How many pixels of out differ from ref beyond tolerance; -1 when the
 * two images are not of the same size. */
static inline long test_image_differing(cairo_surface_t *out,
	cairo_surface_t *ref, int tolerance)
{
	int w = cairo_image_surface_get_width(ref);
	int h = cairo_image_surface_get_height(ref);
	long differing = 0;

	if (cairo_image_surface_get_width(out) != w ||
	    cairo_image_surface_get_height(out) != h)
		return -1;
	cairo_surface_flush(out);
	cairo_surface_flush(ref);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			differing += test_pixel_differs(out, ref, x, y, tolerance);
	return differing;
}

/* Write to path an image of out's size: red where out and ref differ
 * beyond tolerance (or where ref has no pixel), a pale grey copy of out
 * elsewhere.  Returns Cairo's status of the write. */
static inline cairo_status_t test_image_write_diff(cairo_surface_t *out,
	cairo_surface_t *ref, int tolerance, const char *path)
{
	int w = cairo_image_surface_get_width(out);
	int h = cairo_image_surface_get_height(out);
	int rw = cairo_image_surface_get_width(ref);
	int rh = cairo_image_surface_get_height(ref);
	cairo_surface_t *d = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	unsigned char *data = cairo_image_surface_get_data(d);
	int stride = cairo_image_surface_get_stride(d);
	cairo_status_t status;

	cairo_surface_flush(d);
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			struct rgb p = test_pixel(out, x, y);
			uint32_t grey = (uint32_t)((p.r + p.g + p.b) / 6 + 128);
			int differs = x >= rw || y >= rh ||
				test_pixel_differs(out, ref, x, y, tolerance);

			*(uint32_t *)(data + y * stride + x * 4) = differs
				? 0xff0000u : grey << 16 | grey << 8 | grey;
		}
	}
	cairo_surface_mark_dirty(d);
	status = cairo_surface_write_to_png(d, path);
	cairo_surface_destroy(d);
	return status;
}

#endif
