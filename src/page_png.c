/*
 * page_png.c: the PNG of an image surface (page_png.h says how its one
 * zlib stream is made of two halves).  libpng's own writer feeds a
 * single deflate stream from one thread, which was the last 0.067 s of
 * a world map's render with the other core idle (bench/notes.md): here
 * zlib deflates the two halves of the rows on two threads, and libpng
 * writes every chunk and CRC around the stream.
 *
 * Settings: RGB, three bytes a pixel, no filter, zlib level 3.  Measured
 * on the benchmark's world map (4000x2000, best of 3, libpng's writer):
 * level 6 with the "sub" filter 0.154 s and 1,302 KB; level 3 without
 * filter 0.069 s and 1,269 KB; level 1 without 0.062 s and 1,305 KB;
 * "sub", "up" or "paeth" at level 1 are slower and larger (1,45x KB): a
 * map is long runs of a few colours, which deflate finds unfiltered, and
 * its antialiased edges are noise to a filter.  Level 4 and above gain
 * 8 % in size for twice the time.  Not for: choosing them per page.
 */
#include "page_png.h"
#include "intl.h"

#include <glib.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define PNG_LEVEL 3
/* Below this many rows one thread does it all: a thread costs more than
 * it saves on a small page. */
#define SPLIT_MIN_ROWS 256
/* IDAT chunks of at most this many bytes (any size is valid; libpng's
 * own writer makes 8 KB ones, 12 bytes of header and CRC each). */
#define IDAT_MAX (256u * 1024u)
#define WINDOW 32768u

/* One run of rows [first, last) of the page, deflated into out. */
typedef struct png_part {
	const unsigned char *data;
	int stride, width, first, last;
	int head;               /* starts the stream: zlib's header */
	int final;              /* ends it (Z_FINISH), else a sync flush */
	unsigned char *out;
	size_t len, cap;
	uLong adler;            /* Adler-32 of the rows' scanlines */
	z_off_t raw;            /* their length */
	int rc;
} png_part;

/* Row Y as a PNG scanline: filter byte 0, then R, G, B.  Cairo's RGB24
 * is a native-endian 32-bit word 0xXXRRGGBB. */
static void scanline(const png_part *part, int y, unsigned char *line)
{
	const uint32_t *px = (const uint32_t *)(const void *)
		(part->data + (size_t)y * (size_t)part->stride);
	unsigned char *p = line + 1;

	line[0] = 0;
	for (int x = 0; x < part->width; x++) {
		uint32_t v = px[x];

		*p++ = (unsigned char)(v >> 16);
		*p++ = (unsigned char)(v >> 8);
		*p++ = (unsigned char)v;
	}
}

/* Doubles out; keeps 4 bytes spare at its end, for the stream's
 * checksum when the halves are joined. */
static int make_room(png_part *part, z_stream *z)
{
	size_t cap = part->cap * 2;
	unsigned char *out;

	part->len = (size_t)(z->next_out - part->out);
	out = realloc(part->out, cap);
	if (out == NULL)
		return -1;
	part->out = out;
	part->cap = cap;
	z->next_out = out + part->len;
	z->avail_out = (uInt)(cap - part->len - 4);
	return 0;
}

/* The last 32 KB of the rows above the part, as its dictionary: what a
 * single stream would have had in its window there. */
static int prime(png_part *part, z_stream *z, unsigned char *line,
	size_t line_len)
{
	int rows = (int)((WINDOW + line_len - 1) / line_len);
	int from = part->first - rows < 0 ? 0 : part->first - rows;
	size_t n = (size_t)(part->first - from) * line_len;
	unsigned char *dict = malloc(n);
	int rc;

	if (dict == NULL)
		return -1;
	for (int y = from; y < part->first; y++) {
		scanline(part, y, line);
		memcpy(dict + (size_t)(y - from) * line_len, line, line_len);
	}
	rc = n > WINDOW
		? deflateSetDictionary(z, dict + (n - WINDOW), WINDOW)
		: deflateSetDictionary(z, dict, (uInt)n);
	free(dict);
	return rc == Z_OK ? 0 : -1;
}

static int deflate_rows(png_part *part, z_stream *z, unsigned char *line,
	size_t line_len)
{
	int flush = part->final ? Z_FINISH : Z_SYNC_FLUSH;
	uLong adler = adler32(0L, Z_NULL, 0);
	int zrc;

	for (int y = part->first; y < part->last; y++) {
		scanline(part, y, line);
		/* A raw stream keeps no checksum: the join needs it. */
		if (!part->head)
			adler = adler32(adler, line, (uInt)line_len);
		z->next_in = line;
		z->avail_in = (uInt)line_len;
		while (z->avail_in > 0) {
			if (z->avail_out == 0 && make_room(part, z) != 0)
				return -1;
			if (deflate(z, Z_NO_FLUSH) == Z_STREAM_ERROR)
				return -1;
		}
	}
	do {
		if (z->avail_out == 0 && make_room(part, z) != 0)
			return -1;
		zrc = deflate(z, flush);
		if (zrc == Z_STREAM_ERROR)
			return -1;
	} while (part->final ? zrc != Z_STREAM_END : z->avail_out == 0);
	part->len = (size_t)(z->next_out - part->out);
	part->adler = part->head ? z->adler : adler;
	part->raw = (z_off_t)(part->last - part->first) * (z_off_t)line_len;
	return 0;
}

/* Deflates one part: the first with zlib's header (and its trailer when
 * it is the only one), the others raw. */
static gpointer deflate_part(gpointer data)
{
	png_part *part = data;
	size_t line_len = 1 + 3 * (size_t)part->width;
	unsigned char *line = malloc(line_len);
	z_stream z;

	part->rc = -1;
	memset(&z, 0, sizeof(z));
	part->cap = 4 + 64 * 1024 +
		(size_t)(part->last - part->first) * line_len / 8;
	part->out = malloc(part->cap);
	if (line == NULL || part->out == NULL ||
	    deflateInit2(&z, PNG_LEVEL, Z_DEFLATED, part->head ? 15 : -15, 8,
		Z_DEFAULT_STRATEGY) != Z_OK) {
		free(line);
		return NULL;
	}
	z.next_out = part->out;
	z.avail_out = (uInt)(part->cap - 4);
	if ((part->first == 0 || prime(part, &z, line, line_len) == 0) &&
	    deflate_rows(part, &z, line, line_len) == 0)
		part->rc = 0;
	deflateEnd(&z);
	free(line);
	return NULL;
}

/* The stream's Adler-32 trailer after the last of N > 1 parts: zlib
 * wrote none (the last part is raw), and the checksum is that of all
 * the parts' scanlines, combined as zlib documents. */
static void join_parts(png_part *parts, int n)
{
	uLong adler = parts[0].adler;

	for (int i = 1; i < n; i++)
		adler = adler32_combine(adler, parts[i].adler, parts[i].raw);
	png_save_uint_32(parts[n - 1].out + parts[n - 1].len,
		(png_uint_32)adler);
	parts[n - 1].len += 4;
}

/* libpng writes the file: signature and IHDR (png_write_info), the
 * stream as IDAT chunks, IEND.  png_write_end would refuse the file
 * ("No IDATs written into file": libpng 1.6 marks PNG_HAVE_IDAT only
 * when its own deflate ran), so IEND is a chunk written the same way. */
static int write_chunks(FILE *stream, int width, int height,
	const png_part *parts, int n, coopmap_error *err)
{
	static const png_byte idat[5] = "IDAT", iend[5] = "IEND";
	png_structp png;
	png_infop info;

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
	png_write_info(png, info);
	for (int i = 0; i < n; i++)
		for (size_t at = 0; at < parts[i].len; at += IDAT_MAX)
			png_write_chunk(png, idat, parts[i].out + at,
				parts[i].len - at < IDAT_MAX
				? parts[i].len - at : IDAT_MAX);
	png_write_chunk(png, iend, NULL, 0);
	png_destroy_write_struct(&png, &info);
	if (fflush(stream) != 0 || ferror(stream))
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"cannot write the PNG: write error (disk full?)");
	return COOPMAP_OK;
}

int page_png_write(cairo_surface_t *surface, FILE *stream,
	coopmap_error *err)
{
	int width = cairo_image_surface_get_width(surface);
	int height = cairo_image_surface_get_height(surface);
	int n = height >= SPLIT_MIN_ROWS ? 2 : 1;
	png_part parts[2];
	GThread *thread = NULL;
	int rc = COOPMAP_OK;

	cairo_surface_flush(surface);
	memset(parts, 0, sizeof(parts));
	for (int i = 0; i < n; i++) {
		parts[i].data = cairo_image_surface_get_data(surface);
		parts[i].stride = cairo_image_surface_get_stride(surface);
		parts[i].width = width;
		parts[i].first = (int)((long)height * i / n);
		parts[i].last = (int)((long)height * (i + 1) / n);
		parts[i].head = i == 0;
		parts[i].final = i == n - 1;
	}
	if (n > 1)
		thread = g_thread_new("coopmap-png", deflate_part, &parts[1]);
	deflate_part(&parts[0]);
	if (thread != NULL)
		g_thread_join(thread);
	if (parts[0].rc != 0 || (n > 1 && parts[1].rc != 0))
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (rc == COOPMAP_OK) {
		if (n > 1)
			join_parts(parts, n);
		rc = write_chunks(stream, width, height, parts, n, err);
	}
	for (int i = 0; i < n; i++)
		free(parts[i].out);
	return rc;
}
