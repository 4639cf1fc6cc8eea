/*
 * fuzz_style.c: a style file as bytes, through the key = value parser and
 * its colour, size and font values; a style that loads must keep every
 * value within what bounds the render's work (check_bounds).
 */
#include <stdlib.h>

#include "coopmap/style.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * What a style that loads may ask of a page, the largest (20000 x 20000):
 * a bounded number of hatch lines, widths, radii and text a fraction of
 * the page.  A value past these would stall or swamp the render (a hatch
 * spacing of 0.01 took 29 s): the range check must refuse it.
 */
static void check_bounds(const coopmap_style *s)
{
	const double widths[] = { s->sphere_outline_width, s->graticule_width,
		s->border_width, s->priority_hatch_width, s->priority_outline_width,
		s->layer_line_width, s->link_width, s->highlight_width };
	const double texts[] = { s->title_size, s->subtitle_size,
		s->label_size, s->legend_size, s->source_size };
	double side = 20000, unit = side / 1000;

	/* Hatch lines across the page, both ways. */
	if (!(2 * side / (s->priority_hatch_spacing * unit) <= 40000))
		abort();
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		if (!(widths[i] >= 0 && widths[i] * unit <= side / 10))
			abort();
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!(texts[i] >= 1 && texts[i] * unit <= side / 10))
			abort();
	if (!(s->point_min_size <= s->point_max_size &&
	    s->point_max_size * unit <= side / 10 && s->marker_size * unit <=
	    side / 10 && s->graticule_step >= 1 && s->graticule_step <= 90))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("carte.style", data, size);
	coopmap_style style;
	coopmap_error err = COOPMAP_ERROR_INIT;

	coopmap_style_default(&style);
	if (coopmap_style_load(path, &style, &err) == COOPMAP_OK)
		check_bounds(&style);
	return 0;
}
