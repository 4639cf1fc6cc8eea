/*
 * fuzz_style.c: a style file as bytes, through the key = value parser and
 * its colour, size and font values; a style that loads must keep every
 * value within what bounds the render's work (check_bounds), and is drawn:
 * a small world map as SVG (every hatch line is written out), with the
 * CICD layer hatched and a second one dotted, so that libFuzzer's -timeout
 * (tests/fuzz/run.sh) catches a style that stalls the render.
 */
#include <stdlib.h>

#include "coopmap/join.h"
#include "coopmap/layers.h"
#include "coopmap/paths.h"
#include "coopmap/render.h"
#include "coopmap/simplify.h"
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

/* What the map needs beyond the style, made once per process. */
static coopmap_map_data *map_data(void)
{
	static coopmap_map_data data;
	static coopmap_country_stats *stats;
	static const coopmap_layer *layers[2];
	static const char *const files[2] = { "geodata/layers/cicd-2018.csv",
		"geodata/layers/francophonie.csv" };
	static coopmap_topology *topology;
	const coopmap_countries *countries = fuzz_countries();
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (stats != NULL)
		return &data;
	stats = calloc(coopmap_countries_count(countries), sizeof(*stats));
	for (size_t i = 0; i < 2; i++) {
		char path[4096];
		coopmap_layer *l = NULL;

		if (coopmap_paths_data_file(files[i], path, sizeof(path)) == NULL ||
		    coopmap_layer_load(path, countries, &l, &err) != COOPMAP_OK)
			abort();
		layers[i] = l;   /* kept for the process's life */
	}
	if (stats == NULL || coopmap_topology_new(countries, &topology, &err)
	    != COOPMAP_OK)
		abort();
	data.countries = countries;
	data.stats = stats;
	data.layers = layers;
	data.n_layers = 2;
	data.topology = topology;
	return &data;
}

static void draw(const coopmap_style *style)
{
	coopmap_render_opts opts = COOPMAP_RENDER_OPTS_INIT;
	const char *path = fuzz_write_file("carte.svg", (const uint8_t *)"", 0);
	coopmap_error err = COOPMAP_ERROR_INIT;

	opts.style = style;
	opts.width = 300;
	opts.height = 200;
	opts.insets = "";
	opts.date = "";
	(void)coopmap_render_map(map_data(), &opts, path, NULL, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file("carte.style", data, size);
	coopmap_style style;
	coopmap_error err = COOPMAP_ERROR_INIT;

	coopmap_style_default(&style);
	if (coopmap_style_load(path, &style, &err) == COOPMAP_OK) {
		check_bounds(&style);
		draw(&style);
	}
	return 0;
}
