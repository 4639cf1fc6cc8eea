/*
 * page.c: surfaces by format, their bytes, and the text shown on them
 * (page_svg.c keeps an SVG's texts as text).  The PNG of an image
 * surface is written by page_png.c (libpng, its deflate on two cores,
 * the settings and their measurements).  Cairo's own writer has no
 * settings: it writes four bytes a pixel at zlib's default effort, which
 * was a third of a world map's render time (bench/results.md).
 */
#include "coopmap/page.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <string.h>
#include <strings.h>

#include "page_png.h"
#include "page_svg.h"

int coopmap_page_format_of(const char *path, coopmap_page_format *format,
	coopmap_error *err)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && strcasecmp(dot, ".png") == 0)
		*format = COOPMAP_PAGE_PNG;
	else if (dot != NULL && strcasecmp(dot, ".svg") == 0)
		*format = COOPMAP_PAGE_SVG;
	else if (dot != NULL && strcasecmp(dot, ".pdf") == 0)
		*format = COOPMAP_PAGE_PDF;
	else
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"%s: the output's extension must be .png, .svg or .pdf", path);
	return COOPMAP_OK;
}

static cairo_status_t write_to_stream(void *closure, const unsigned char *data,
	unsigned int length)
{
	return fwrite(data, 1, length, closure) == length
		? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

cairo_surface_t *coopmap_page_surface(coopmap_page_format format,
	FILE *stream, int width, int height, const char *date, const char *title)
{
	cairo_surface_t *surface;

	switch (format) {
	case COOPMAP_PAGE_SVG:
		return page_svg_surface(stream, width, height);
	case COOPMAP_PAGE_PDF:
		surface = cairo_pdf_surface_create_for_stream(write_to_stream,
			stream, width, height);
		/* A fixed creation date keeps the same input's PDF identical. */
		if (date != NULL && strlen(date) == 10) {
			char stamp[32];

			snprintf(stamp, sizeof(stamp), "%sT00:00:00Z", date);
			cairo_pdf_surface_set_metadata(surface,
				CAIRO_PDF_METADATA_CREATE_DATE, stamp);
		}
		cairo_pdf_surface_set_metadata(surface,
			CAIRO_PDF_METADATA_CREATOR, "coopmap");
		if (title != NULL)
			cairo_pdf_surface_set_metadata(surface,
				CAIRO_PDF_METADATA_TITLE, title);
		return surface;
	case COOPMAP_PAGE_PNG:
	default:
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	}
}

int coopmap_page_finish(cairo_surface_t *surface, cairo_status_t drawing,
	coopmap_page_format format, FILE *stream, int rc, coopmap_error *err)
{
	cairo_status_t status = drawing != CAIRO_STATUS_SUCCESS ? drawing
		: cairo_surface_status(surface);

	if (rc == COOPMAP_OK && status == CAIRO_STATUS_SUCCESS &&
	    format == COOPMAP_PAGE_PNG)
		rc = page_png_write(surface, stream, err);
	cairo_surface_finish(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(surface);
	if (rc == COOPMAP_OK && status == CAIRO_STATUS_SUCCESS &&
	    format == COOPMAP_PAGE_SVG)
		rc = page_svg_write(surface, err);
	cairo_surface_destroy(surface);
	if (rc == COOPMAP_OK && status != CAIRO_STATUS_SUCCESS)
		rc = coopmap_error_set(err, status == CAIRO_STATUS_WRITE_ERROR
			? COOPMAP_ERR_IO : COOPMAP_ERR_RENDER, "cannot draw: %s",
			cairo_status_to_string(status));
	return rc;
}

PangoContext *coopmap_page_pango(cairo_t *cr)
{
	cairo_font_options_t *options = cairo_font_options_create();
	PangoContext *pango = pango_cairo_create_context(cr);

	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pango, options);
	cairo_font_options_destroy(options);
	return pango;
}

PangoLayout *coopmap_page_layout(PangoContext *pango, const char *family,
	double size, PangoWeight weight, const char *text)
{
	PangoLayout *layout = pango_layout_new(pango);
	PangoFontDescription *font = pango_font_description_new();
	const char *valid_end;

	pango_font_description_set_family(font, family);
	pango_font_description_set_weight(font, weight);
	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	if (!g_utf8_validate(text, -1, &valid_end))
		pango_layout_set_text(layout, text, (int)(valid_end - text));
	else
		pango_layout_set_text(layout, text, -1);
	return layout;
}

static void set_source(cairo_t *cr, const double rgba[4])
{
	cairo_set_source_rgba(cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

/*
 * The same calls on every surface, so that what is drawn after a text
 * finds cr as the text left it; on an SVG page, the glyphs and their halo
 * are not drawn but kept.
 */
void coopmap_page_show_text(cairo_t *cr, const coopmap_page_text *text)
{
	page_svg *svg = page_svg_of(cr);

	cairo_move_to(cr, text->x, text->y);
	if (text->halo_width > 0) {
		if (svg == NULL)
			pango_cairo_layout_path(cr, text->layout);
		set_source(cr, text->halo_color);
		cairo_set_line_width(cr, text->halo_width);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		if (svg == NULL)
			cairo_stroke(cr);
		cairo_move_to(cr, text->x, text->y);
	}
	set_source(cr, text->color);
	if (svg != NULL)
		page_svg_keep(svg, cr, text);
	else
		pango_cairo_show_layout(cr, text->layout);
}
