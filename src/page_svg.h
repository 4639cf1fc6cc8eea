/*
 * page_svg.h (private to page.c): text that stays text in an SVG page.
 * Cairo's SVG surface writes glyphs as outlines; a page made here keeps
 * each text shown on it (its Pango layout, place, colours, halo) and
 * paints a marker where the glyphs would have gone; when the page is
 * finished, each marker in what Cairo wrote becomes a <text> element
 * written from the same layout.  Not for: drawing text (page.c decides,
 * by the page, whether a text is drawn or kept).
 */
#ifndef COOPMAP_PAGE_SVG_H
#define COOPMAP_PAGE_SVG_H

#include <cairo.h>
#include <stdio.h>

#include "coopmap/error.h"
#include "coopmap/page.h"

#pragma GCC visibility push(hidden)

typedef struct page_svg page_svg;

/* An SVG surface of width x height points whose bytes go to stream once
 * page_svg_write has put its texts in.  Never NULL (an error surface
 * instead, as Cairo does). */
cairo_surface_t *page_svg_surface(FILE *stream, int width, int height);

/* The texts kept for cr's target, or NULL when it is no such surface
 * (an image, a PDF): borrowed, valid while the surface lives. */
page_svg *page_svg_of(cairo_t *cr);

/* Keep text, shown on cr with cr's current matrix and clip, in the
 * drawing order.  Leaves cr's state (source, path, line) as it was. */
void page_svg_keep(page_svg *svg, cairo_t *cr, const coopmap_page_text *text);

/* After cairo_surface_finish on a surface of page_svg_surface: the SVG
 * Cairo wrote with its markers turned into <text> elements, written to
 * the stream.  Errors: COOPMAP_ERR_RENDER (Cairo's SVG did not parse),
 * COOPMAP_ERR_NOMEM, COOPMAP_ERR_IO (the write failed). */
int page_svg_write(cairo_surface_t *surface, coopmap_error *err);

#pragma GCC visibility pop

#endif
