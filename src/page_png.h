/*
 * page_png.h (private to page.c): an RGB24 image surface written as a
 * PNG by libpng, its image data deflated on two cores.  A PNG's image
 * data is one zlib stream; libpng feeds it from one thread.  Here zlib
 * compresses each half of the rows on a thread of its own into one
 * stream, as pigz makes one (the lower half primed with the last 32 KB
 * of the upper one, the upper half ending on a sync flush, the two
 * Adler-32 checksums combined), and libpng writes the signature, IHDR,
 * the stream as IDAT chunks, IEND and every CRC.  The bytes depend on
 * the page alone, never on which thread finished first.  Not for:
 * reading PNG, or other pixel formats.
 */
#ifndef COOPMAP_PAGE_PNG_H
#define COOPMAP_PAGE_PNG_H

#include <cairo.h>
#include <stdio.h>

#include "coopmap/error.h"

#pragma GCC visibility push(hidden)

/* Writes SURFACE (a CAIRO_FORMAT_RGB24 image surface, flushed here) to
 * STREAM as an 8-bit RGB PNG without filter, zlib level 3.  Returns
 * COOPMAP_OK, COOPMAP_ERR_NOMEM, or COOPMAP_ERR_IO when writing or
 * flushing STREAM fails; fills ERR on failure. */
int page_png_write(cairo_surface_t *surface, FILE *stream,
	coopmap_error *err);

#pragma GCC visibility pop

#endif
