/*
 * render_band.c: a PNG page drawn by two threads.  The page's pixels from a
 * row down are a Cairo surface of their own (the same memory, format and
 * stride, shifted by its device offset), drawn by a second thread with its
 * own cairo_t and Pango context, running the drawing function it is given
 * (render_draw.c's, which brings its own PROJ objects: none of the three is
 * shared across threads); the two threads never write the same row.
 *
 * Not for deciding what either thread draws, nor where the page is split
 * (render_draw.c does both): it knows no part of the renderer.  Vector
 * pages (SVG, PDF) are one stream: drawn in order by one thread.
 */
#include <stdlib.h>

#include "coopmap/page.h"
#include "render_band.h"

struct render_band {
	int top, height;              /* rows this thread draws: [top, height) */
	cairo_surface_t *surface;
	render_band_draw draw;
	void *data;
	GThread *thread;
	coopmap_error err;
	int rc;
};

static int cairo_failed(cairo_t *cr, coopmap_error *err)
{
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
		return COOPMAP_OK;
	return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "cannot draw the page: %s",
		cairo_status_to_string(cairo_status(cr)));
}

static gpointer draw_band(gpointer p)
{
	render_band *band = p;
	cairo_t *cr = cairo_create(band->surface);
	PangoContext *pango = coopmap_page_pango(cr);

	band->rc = band->draw(cr, pango, band->top, band->height, band->data,
		&band->err);
	if (band->rc == COOPMAP_OK)
		band->rc = cairo_failed(cr, &band->err);
	g_object_unref(pango);
	cairo_destroy(cr);
	return NULL;
}

void render_band_free(render_band *band)
{
	if (band == NULL)
		return;
	cairo_surface_destroy(band->surface);
	free(band);
}

render_band *render_band_new(cairo_t *page_cr, int top)
{
	cairo_surface_t *page = cairo_get_target(page_cr);
	render_band *band;
	unsigned char *data;
	int stride, width, height;

	if (cairo_surface_get_type(page) != CAIRO_SURFACE_TYPE_IMAGE)
		return NULL;
	cairo_surface_flush(page);
	data = cairo_image_surface_get_data(page);
	stride = cairo_image_surface_get_stride(page);
	width = cairo_image_surface_get_width(page);
	height = cairo_image_surface_get_height(page);
	if (data == NULL || top <= 0 || top >= height)
		return NULL;
	band = calloc(1, sizeof(*band));
	if (band == NULL)
		return NULL;
	band->top = top;
	/* Down to the page's bottom: what the function draws below its
	 * map's frame (a marker near the frame's bottom may reach past it). */
	band->height = height;
	band->err = (coopmap_error)COOPMAP_ERROR_INIT;
	band->surface = cairo_image_surface_create_for_data(data +
		(size_t)top * (size_t)stride, cairo_image_surface_get_format(page),
		width, height - top, stride);
	cairo_surface_set_device_offset(band->surface, 0, -top);
	if (cairo_surface_status(band->surface) != CAIRO_STATUS_SUCCESS) {
		render_band_free(band);
		return NULL;
	}
	return band;
}

void render_band_start(render_band *band, render_band_draw draw, void *data)
{
	band->draw = draw;
	band->data = data;
	band->thread = g_thread_new("coopmap-band", draw_band, band);
}

int render_band_finish(render_band *band, cairo_t *page, coopmap_error *err)
{
	int rc;

	g_thread_join(band->thread);
	cairo_surface_finish(band->surface);
	cairo_surface_mark_dirty(cairo_get_target(page));
	rc = band->rc;
	if (rc != COOPMAP_OK)
		*err = band->err;
	render_band_free(band);
	return rc;
}
