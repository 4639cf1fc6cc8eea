/*
 * bare_render.c: the bare baseline of the render benchmark: the naive use
 * of the libraries coopmap is built on, and nothing else.  Reads
 * geodata/countries-10m.shp with Shapelib, projects every vertex to Equal
 * Earth with PROJ (proj_trans_generic, one call per shape), fills every
 * country in one grey with Cairo on a 4000x2000 image, writes the PNG with
 * cairo_surface_write_to_png at its default settings.  No choropleth, no
 * points, no labels, no antimeridian care: the floor a real map stands on.
 *
 * Not for: anything but the benchmark.
 *
 * usage: bare_render COUNTRIES.shp OUT.png
 * prints "READ PROJECT FILL PNG" (seconds per stage) on stdout.
 */
#include <cairo.h>
#include <math.h>
#include <proj.h>
#include <shapefil.h>
#include <stdio.h>
#include <time.h>

enum { WIDTH = 4000, HEIGHT = 2000 };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double stage[4] = { 0, 0, 0, 0 }, t, half_w, half_h, scale;
	double corner_x[2] = { 180, 0 }, corner_y[2] = { 0, 90 };
	SHPHandle shp;
	PJ *pj;
	cairo_surface_t *surface;
	cairo_t *cr;
	int n_shapes;

	if (argc != 3) {
		fprintf(stderr, "usage: bare_render COUNTRIES.shp OUT.png\n");
		return 2;
	}
	t = now();
	shp = SHPOpen(argv[1], "rb");
	if (shp == NULL) {
		fprintf(stderr, "bare_render: cannot open %s\n", argv[1]);
		return 2;
	}
	SHPGetInfo(shp, &n_shapes, NULL, NULL, NULL);
	stage[0] += now() - t;

	t = now();
	pj = proj_create_crs_to_crs(NULL, "EPSG:4326", "EPSG:8857", NULL);
	if (pj == NULL)
		return 2;
	{
		PJ *norm = proj_normalize_for_visualization(NULL, pj);

		proj_destroy(pj);
		pj = norm;
	}
	proj_trans_generic(pj, PJ_FWD, corner_x, sizeof(double), 2, corner_y,
		sizeof(double), 2, NULL, 0, 0, NULL, 0, 0);
	half_w = corner_x[0];
	half_h = corner_y[1];
	stage[1] += now() - t;

	t = now();
	surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 234 / 255.0, 242 / 255.0, 248 / 255.0);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 224 / 255.0, 224 / 255.0, 224 / 255.0);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	/* The world fitted to the image, y up. */
	scale = fmin(WIDTH / (2 * half_w), HEIGHT / (2 * half_h));
	cairo_translate(cr, WIDTH / 2.0, HEIGHT / 2.0);
	cairo_scale(cr, scale, -scale);
	stage[2] += now() - t;

	for (int i = 0; i < n_shapes; i++) {
		SHPObject *o;

		t = now();
		o = SHPReadObject(shp, i);
		stage[0] += now() - t;
		if (o == NULL)
			continue;
		t = now();
		proj_trans_generic(pj, PJ_FWD, o->padfX, sizeof(double),
			(size_t)o->nVertices, o->padfY, sizeof(double),
			(size_t)o->nVertices, NULL, 0, 0, NULL, 0, 0);
		stage[1] += now() - t;
		t = now();
		for (int part = 0; part < o->nParts; part++) {
			int start = o->panPartStart[part];
			int end = part + 1 < o->nParts ? o->panPartStart[part + 1]
				: o->nVertices;

			cairo_move_to(cr, o->padfX[start], o->padfY[start]);
			for (int v = start + 1; v < end; v++)
				cairo_line_to(cr, o->padfX[v], o->padfY[v]);
			cairo_close_path(cr);
		}
		cairo_fill(cr);
		stage[2] += now() - t;
		SHPDestroyObject(o);
	}

	t = now();
	cairo_surface_flush(surface);
	if (cairo_surface_write_to_png(surface, argv[2]) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "bare_render: cannot write %s\n", argv[2]);
		return 2;
	}
	stage[3] = now() - t;
	printf("%.3f %.3f %.3f %.3f\n", stage[0], stage[1], stage[2], stage[3]);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	proj_destroy(pj);
	SHPClose(shp);
	return 0;
}
