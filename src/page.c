/*
 * page.c: surfaces by format, their bytes, and the text shown on them
 * (page_svg.c keeps an SVG's texts as text).  The PNG of an image
 * surface is written with libpng.  Cairo's
 * own writer has no settings: it writes four bytes a pixel at zlib's
 * default effort, which was a third of a world map's render time
 * (bench/results.md).  Here: RGB, three bytes a pixel, no filter, zlib
 * level 3.  Measured on the benchmark's world map (4000x2000, best of 3):
 * level 6 with the "sub" filter 0.154 s and 1,302 KB; level 3 without
 * filter 0.069 s and 1,269 KB; level 1 without 0.062 s and 1,305 KB;
 * "sub", "up" or "paeth" at level 1 are slower and larger (1,45x KB):
 * a map is long runs of a few colours, which deflate finds unfiltered,
 * and its antialiased edges are noise to a filter.  Level 4 and above
 * gain 8 % in size for twice the time.
 */
#include "coopmap/page.h"
#include "intl.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>
#include <strings.h>

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

/* An RGB24 image surface as PNG. */
static int write_png(cairo_surface_t *surface, FILE *stream,
	coopmap_error *err)
{
	int width = cairo_image_surface_get_width(surface);
	int height = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	unsigned char *data;
	png_structp png;
	png_infop info;

	cairo_surface_flush(surface);
	data = cairo_image_surface_get_data(surface);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png != NULL ? png_create_info_struct(png) : NULL;
	if (info == NULL) {
		png_destroy_write_struct(&png, NULL);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"cannot write the PNG: %s", ferror(stream)
			? _("write error (disk full?)") : _("libpng failed"));
	}
	png_init_io(png, stream);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8,
		PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 3);
	png_write_info(png, info);
	/* Cairo's RGB24 is a native-endian 32-bit word 0xXXRRGGBB: on a
	 * little-endian machine the bytes are B, G, R, unused. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	png_set_bgr(png);
	png_set_filler(png, 0, PNG_FILLER_AFTER);
#else
	png_set_filler(png, 0, PNG_FILLER_BEFORE);
#endif
	for (int y = 0; y < height; y++)
		png_write_row(png, data + (size_t)y * (size_t)stride);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	if (fflush(stream) != 0 || ferror(stream))
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"cannot write the PNG: write error (disk full?)");
	return COOPMAP_OK;
}

int coopmap_page_finish(cairo_surface_t *surface, cairo_status_t drawing,
	coopmap_page_format format, FILE *stream, int rc, coopmap_error *err)
{
	cairo_status_t status = drawing != CAIRO_STATUS_SUCCESS ? drawing
		: cairo_surface_status(surface);

	if (rc == COOPMAP_OK && status == CAIRO_STATUS_SUCCESS &&
	    format == COOPMAP_PAGE_PNG)
		rc = write_png(surface, stream, err);
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
