/*
 * table.c: reads tables through OGR so that coopmap never parses CSV or XLSX
 * by hand.  Cells are copied into one arena per table: the table outlives the
 * GDAL dataset, which is closed before returning.
 */
#include "coopmap/table.h"

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "intl.h"
#include "workbook_internal.h"

struct coopmap_table {
	char *path;
	char encoding[32];
	int workbook;        /* WORKBOOK_XLSX or _ODS when read by those
	                        drivers, else -1 */
	char encoding_note[256];  /* why a guess was made, or "" */
	GArray *bad_utf8;    /* coopmap_table_bad_utf8, by line */
	int *extra_cells;    /* per row, cells beyond the header (text tables) */
	size_t n_columns;
	char **columns;
	size_t n_rows;
	long *lines;
	char **cells;        /* n_rows * n_columns pointers into the chunk */
	GStringChunk *text;  /* owns every cell and header string */
	GPtrArray *sheets;   /* the file's layer or sheet names (in the chunk) */
	const char *sheet;   /* the one read, or "" */
};

static const char *last_gdal_message(void)
{
	const char *msg = CPLGetLastErrorMsg();

	return msg != NULL && msg[0] != '\0' ? msg : _("not a table GDAL/OGR can read");
}

/* How a feature maps to a line or row of the file. */
enum line_mode {
	LINES_CSV,     /* FID + 1 until record_lines() corrects it */
	LINES_SHEET,   /* the spreadsheet row: OGR's FID */
	LINES_INDEX    /* vector files: feature order, header as row 1 */
};

static enum line_mode line_mode_of(GDALDatasetH ds)
{
	GDALDriverH driver = GDALGetDatasetDriver(ds);
	const char *name = driver != NULL ? GDALGetDriverShortName(driver) : "";

	if (strcmp(name, "CSV") == 0)
		return LINES_CSV;
	if (strcmp(name, "XLSX") == 0 || strcmp(name, "ODS") == 0)
		return LINES_SHEET;
	return LINES_INDEX;
}

static int grow_rows(coopmap_table *t, size_t *capacity)
{
	size_t want = *capacity == 0 ? 256 : *capacity * 2;
	char **cells = realloc(t->cells, want * t->n_columns * sizeof(char *) + 1);
	long *lines;

	if (cells == NULL)
		return -1;
	t->cells = cells;
	lines = realloc(t->lines, want * sizeof(long));
	if (lines == NULL)
		return -1;
	t->lines = lines;
	*capacity = want;
	return 0;
}

static int is_empty_row(const coopmap_table *t, size_t row)
{
	for (size_t c = 0; c < t->n_columns; c++) {
		if (t->cells[row * t->n_columns + c][0] != '\0')
			return 0;
	}
	return 1;
}

static int copy_layer(coopmap_table *t, OGRLayerH layer, enum line_mode mode)
{
	OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
	OGRFeatureH feature;
	size_t capacity = 0, index = 0;

	t->n_columns = (size_t)OGR_FD_GetFieldCount(defn);
	t->columns = calloc(t->n_columns + 1, sizeof(char *));
	if (t->columns == NULL)
		return -1;
	for (size_t i = 0; i < t->n_columns; i++) {
		OGRFieldDefnH field = OGR_FD_GetFieldDefn(defn, (int)i);

		t->columns[i] = g_string_chunk_insert(t->text,
			OGR_Fld_GetNameRef(field));
	}
	OGR_L_ResetReading(layer);
	while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
		if (index == capacity && grow_rows(t, &capacity) != 0) {
			OGR_F_Destroy(feature);
			return -1;
		}
		for (size_t i = 0; i < t->n_columns; i++) {
			const char *value = OGR_F_IsFieldSetAndNotNull(feature, (int)i)
				? OGR_F_GetFieldAsString(feature, (int)i) : "";

			t->cells[index * t->n_columns + i] =
				g_string_chunk_insert_const(t->text, value);
		}
		/*
		 * The CSV driver numbers features from 1 after the header (line
		 * = FID + 1 while no quoted cell spans lines); the XLSX and ODS
		 * drivers number them by spreadsheet row.
		 */
		t->lines[index] = mode == LINES_CSV ? (long)OGR_F_GetFID(feature) + 1
			: mode == LINES_SHEET ? (long)OGR_F_GetFID(feature)
			: (long)index + 2;
		/* An empty row of a sheet is not a row, as a blank line of a
		 * text table is not (LibreOffice writes runs of them). */
		if (mode != LINES_SHEET || !is_empty_row(t, index))
			index++;
		OGR_F_Destroy(feature);
	}
	t->n_rows = index;
	return 0;
}

static int has_text_extension(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL && (g_ascii_strcasecmp(dot, ".csv") == 0 ||
		g_ascii_strcasecmp(dot, ".tsv") == 0 ||
		g_ascii_strcasecmp(dot, ".txt") == 0);
}

/* 1-based line of the line that holds byte offset, for error messages. */
static long line_of_offset(const char *text, size_t offset)
{
	long line = 1;

	for (size_t i = 0; i < offset; i++)
		line += text[i] == '\n';
	return line;
}

/* How the non-ASCII bytes of a text read as UTF-8: valid sequences,
 * sequences shaped as UTF-8 but invalid (overlong, surrogates, cut short)
 * and stray bytes (a Windows-1252 é before a letter, a lone ’ or «). */
struct utf8_evidence {
	size_t valid, shaped, stray;
	size_t first_stray;   /* offset of the first stray byte */
};

enum utf8_piece { PIECE_VALID, PIECE_SHAPED, PIECE_STRAY };

/* The kind and length of the non-ASCII piece at p (left bytes remain). */
static enum utf8_piece utf8_piece(const unsigned char *p, size_t left,
	size_t *length)
{
	size_t need = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
	size_t n = 1;

	while (n < need && n < left && (p[n] & 0xC0) == 0x80)
		n++;
	*length = n;
	if (need == 1 || n == 1)   /* a continuation byte alone, or a lead
	                              byte before a character */
		return PIECE_STRAY;
	if (n < need)
		return PIECE_SHAPED;
	return g_utf8_validate((const char *)p, (gssize)n, NULL) ? PIECE_VALID
		: PIECE_SHAPED;
}

static void weigh_utf8(const char *raw, size_t size, struct utf8_evidence *ev)
{
	memset(ev, 0, sizeof(*ev));
	for (size_t i = 0, n; i < size; i += n) {
		n = 1;
		if ((unsigned char)raw[i] < 0x80)
			continue;
		switch (utf8_piece((const unsigned char *)raw + i, size - i, &n)) {
		case PIECE_VALID: ev->valid++; break;
		case PIECE_SHAPED: ev->shaped++; break;
		case PIECE_STRAY:
			if (ev->stray++ == 0)
				ev->first_stray = i;
			break;
		}
	}
}

/* bytes as \xC0\xAF, cut to fit out. */
static void escape_bytes(const char *bytes, size_t n, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0, used = 0; i < n && used + 5 <= size; i++, used += 4)
		snprintf(out + used, size - used, "\\x%02X", (unsigned char)bytes[i]);
}

/*
 * Decode raw as UTF-8, each invalid piece replaced by U+FFFD and listed in
 * t->bad_utf8 with its line and column (in characters).  Lines end as
 * scan_records() ends them (LF, CRLF, CR).
 */
static char *decode_utf8_marking(coopmap_table *t, const char *raw,
	size_t size, size_t *length)
{
	GString *out = g_string_sized_new(size + 16);
	long line = 1, column = 1;

	t->bad_utf8 = g_array_new(FALSE, FALSE, sizeof(coopmap_table_bad_utf8));
	for (size_t i = 0, n; i < size; i += n, column++) {
		unsigned char c = (unsigned char)raw[i];

		n = 1;
		if (c == '\n' || (c == '\r' && (i + 1 >= size || raw[i + 1] != '\n'))) {
			g_string_append_c(out, (char)c);
			line++;
			column = 0;
			continue;
		}
		if (c < 0x80 || utf8_piece((const unsigned char *)raw + i,
		    size - i, &n) == PIECE_VALID) {
			g_string_append_len(out, raw + i, (gssize)n);
			continue;
		}
		{
			coopmap_table_bad_utf8 bad = { line, column, "" };

			escape_bytes(raw + i, n, bad.bytes, sizeof(bad.bytes));
			g_array_append_val(t->bad_utf8, bad);
			g_string_append(out, "\xEF\xBF\xBD");
		}
	}
	*length = out->len;
	return g_string_free(out, FALSE);
}

/*
 * Bytes that are not all valid UTF-8, no encoding given: UTF-8 when its
 * evidence (valid sequences, and invalid ones shaped as UTF-8) outweighs
 * the stray bytes Windows-1252 text is made of; the choice is said (the
 * note, or the bad sequences listed).  Returns the encoding to decode from.
 */
static const char *guess_encoding(coopmap_table *t, const char *raw,
	size_t size)
{
	struct utf8_evidence ev;
	char first[8], valid[64];

	weigh_utf8(raw, size, &ev);
	if (ev.valid + ev.shaped > ev.stray)
		return "UTF-8";
	escape_bytes(raw + ev.first_stray, 1, first, sizeof(first));
	/* TRANSLATORS: the count of valid characters, the last %s
	 * of "not UTF-8 (%zu byte such as %s ...". */
	snprintf(valid, sizeof(valid), _n("%zu valid UTF-8 character",
		"%zu valid UTF-8 characters", (unsigned long)ev.valid), ev.valid);
	snprintf(t->encoding_note, sizeof(t->encoding_note), _n("not UTF-8 "
		"(%zu byte such as %s on line %ld cannot be; %s): read as "
		"Windows-1252; give --encoding if it is another", "not UTF-8 (%zu "
		"bytes such as %s on line %ld cannot be; %s): read as Windows-1252; "
		"give --encoding if it is another", (unsigned long)ev.stray),
		ev.stray, first, line_of_offset(raw, ev.first_stray), valid);
	return "WINDOWS-1252";
}

/*
 * A file that is UTF-8 but for a few bad sequences: read as UTF-8, each
 * replaced by U+FFFD and listed for the caller to reject its row
 * (opts->bad_utf8_rows), or else the first is an error.  Never re-read as
 * Windows-1252 as a whole: its other accents would be mangled.
 */
static int decode_utf8_bad_sequences(coopmap_table *t, const char *path,
	const char *raw, size_t size, const coopmap_table_opts *opts,
	char **utf8, size_t *length, coopmap_error *err)
{
	const coopmap_table_bad_utf8 *first;

	snprintf(t->encoding, sizeof(t->encoding), "UTF-8");
	*utf8 = decode_utf8_marking(t, raw, size, length);
	first = &g_array_index(t->bad_utf8, coopmap_table_bad_utf8, 0);
	if (opts->bad_utf8_rows)
		return COOPMAP_OK;
	g_clear_pointer(utf8, g_free);
	return coopmap_error_set(err, COOPMAP_ERR_IO, "%s:%ld:%ld: bytes %s are "
		"not valid UTF-8, in a file that is UTF-8 elsewhere: fix them",
		path, first->line, first->column, first->bytes);
}

/*
 * Decode a text table into UTF-8.  *utf8 is a new buffer (g_free) and
 * *length its size.  Why not leave it to OGR: its CSV driver passes bytes
 * through, so Windows-1252 accents would become invalid UTF-8.
 */
static int decode_text(const char *path, const char *raw, size_t size,
	const coopmap_table_opts *opts, coopmap_table *t, char **utf8,
	size_t *length, coopmap_error *err)
{
	const char *encoding = opts->encoding, *from = encoding;
	GError *gerr = NULL;
	gsize read = 0, written = 0;
	GIConv probe;

	if (encoding != NULL) {   /* the option at fault, not the file */
		probe = g_iconv_open("UTF-8", encoding);
		if (probe == (GIConv)-1)
			return coopmap_error_set(err, COOPMAP_ERR_USAGE, "--encoding "
				"%s: not an encoding this system knows (iconv -l lists "
				"them)", encoding);
		g_iconv_close(probe);
	}

	if (from == NULL) {
		if (size >= 2 && (((unsigned char)raw[0] == 0xFF &&
		    (unsigned char)raw[1] == 0xFE) || ((unsigned char)raw[0] == 0xFE
		    && (unsigned char)raw[1] == 0xFF)))
			from = "UTF-16";
		else if (memchr(raw, '\0', size) != NULL)
			return coopmap_error_set_at(err, COOPMAP_ERR_IO, path,
				line_of_offset(raw, (size_t)((const char *)memchr(raw,
				'\0', size) - raw)), NULL, NULL, "a NUL byte: this is "
				"not a text table (binary file, or UTF-16 without BOM?)");
		else if (g_utf8_validate(raw, (gssize)size, NULL))
			from = "UTF-8";
		else if (strcmp((from = guess_encoding(t, raw, size)), "UTF-8") == 0)
			return decode_utf8_bad_sequences(t, path, raw, size, opts, utf8,
				length, err);
	}
	snprintf(t->encoding, sizeof(t->encoding), "%s", from);
	if (g_ascii_strcasecmp(from, "UTF-8") == 0) {
		const char *bad = NULL;

		if (!g_utf8_validate(raw, (gssize)size, &bad))
			return coopmap_error_set_at(err, COOPMAP_ERR_IO, path,
				line_of_offset(raw, (size_t)(bad - raw)), NULL, NULL,
				"not valid UTF-8 (give the file's encoding with "
				"--encoding, e.g. WINDOWS-1252)");
		*utf8 = g_memdup2(raw, size + 1);
		(*utf8)[size] = '\0';
		*length = size;
		return COOPMAP_OK;
	}
	*utf8 = g_convert(raw, (gssize)size, "UTF-8", from, &read, &written, &gerr);
	if (*utf8 == NULL) {
		int rc = coopmap_error_set_at(err, COOPMAP_ERR_IO, path,
			line_of_offset(raw, read), NULL, NULL,
			"cannot decode as %s: %s", from, gerr->message);

		g_error_free(gerr);
		return rc;
	}
	*length = written;
	return COOPMAP_OK;
}

/*
 * What OGR does not say about a text table: the line each record starts
 * on, how many cells it has, and whether a quoted cell never closes.  One
 * walk over the decoded text that follows quoting as RFC 4180 does (a
 * quote opens a cell only at its start; "" inside a quoted cell is a
 * quote); the cells themselves are OGR's to read.  Blank lines are
 * skipped, as OGR skips them.
 */
struct records_scan {
	GArray *starts;      /* long: first line of each record */
	GArray *cells;       /* int: cells in each record */
	long open_quote_line;  /* line of a quote never closed, or 0 */
	long long_line;        /* first line longer than OGR reads, or 0 */
};

/* OGR's CSV driver stops reading a table at a line longer than this
 * (its OGR_CSV_MAX_LINE_SIZE default), without an error. */
#define OGR_CSV_LINE_LIMIT 10000000

static char guess_separator(const char *text, size_t length)
{
	static const char candidates[] = { ',', ';', '\t', '|' };
	size_t best = 0, best_count = 0;

	for (size_t k = 0; k < sizeof(candidates); k++) {
		size_t count = 0;

		for (size_t i = 0; i < length && text[i] != '\n'; i++)
			count += text[i] == candidates[k];
		if (count > best_count) {
			best = k;
			best_count = count;
		}
	}
	return candidates[best];
}

static void scan_records(const char *text, size_t length,
	struct records_scan *scan)
{
	char sep = guess_separator(text, length);
	long line = 1, start = 1, quote_line = 0;
	int quoted = 0, field_start = 1, empty = 1, cells = 1;
	size_t line_offset = 0;

	scan->starts = g_array_new(FALSE, FALSE, sizeof(long));
	scan->cells = g_array_new(FALSE, FALSE, sizeof(int));
	scan->open_quote_line = 0;
	scan->long_line = 0;
	for (size_t i = 0; i <= length; i++) {
		char c = i < length ? text[i] : '\n';

		/* A CR alone ends a line too (old Mac files; OGR reads them). */
		if (c == '\r' && (i + 1 >= length || text[i + 1] != '\n'))
			c = '\n';
		if (c == '\n') {
			if (i - line_offset > OGR_CSV_LINE_LIMIT && scan->long_line == 0)
				scan->long_line = line;
			line_offset = i + 1;
		}

		if (quoted) {
			if (c == '"' && i + 1 < length && text[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = 0;
			else if (c == '\n')
				line++;
			continue;
		}
		if (c == '"' && field_start) {
			quoted = 1;
			quote_line = line;
			empty = 0;
			field_start = 0;
			continue;
		}
		if (c == '\n') {
			if (!empty) {
				g_array_append_val(scan->starts, start);
				g_array_append_val(scan->cells, cells);
			}
			line++;
			start = line;
			empty = 1;
			field_start = 1;
			cells = 1;
			continue;
		}
		if (c == sep) {
			cells++;
			field_start = 1;
			empty = 0;
			continue;
		}
		field_start = 0;
		if (c != '\r' && !(i < 3 && (unsigned char)c >= 0xEF))
			empty = 0;
	}
	if (quoted)
		scan->open_quote_line = quote_line;
}

/*
 * Check OGR's reading against the scan: every record became a row (none
 * merged or dropped), lines follow the records, and rows with more cells
 * than the header are marked (OGR drops the extra cells).
 */
static int apply_scan(coopmap_table *t, const struct records_scan *scan,
	const char *path, coopmap_error *err)
{
	size_t records = scan->starts->len;

	if (scan->open_quote_line > 0)
		return coopmap_error_set_at(err, COOPMAP_ERR_IO, path,
			scan->open_quote_line, NULL, NULL, "a quoted cell opened on "
			"this line is never closed: the rest of the file would be one "
			"cell");
	if (scan->long_line > 0)
		return coopmap_error_set_at(err, COOPMAP_ERR_IO, path,
			scan->long_line, NULL, NULL, "the line is longer than %d bytes, "
			"where the CSV reader stops: not a project list?",
			OGR_CSV_LINE_LIMIT);
	if (records != t->n_rows + 1)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: the file has %zu "
			"records but %zu rows could be read; refusing to lose rows "
			"(unusual line ends or quoting?)", path, records > 0
			? records - 1 : 0, t->n_rows);
	t->extra_cells = calloc(t->n_rows + 1, sizeof(int));
	if (t->extra_cells == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < t->n_rows; i++) {
		int extra = g_array_index(scan->cells, int, i + 1) -
			g_array_index(scan->cells, int, 0);

		t->lines[i] = g_array_index(scan->starts, long, i + 1);
		t->extra_cells[i] = extra > 0 ? extra : 0;
	}
	return COOPMAP_OK;
}

static GDALDatasetH open_dataset(const char *path, int text)
{
	static const char *const csv_options[] = {
		"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", "HEADERS=YES", NULL
	};

	/* Text tables go to the CSV driver by name: left to guess, OGR does
	 * not take a one-column file (no separator) for a CSV. */
	static const char *const csv_driver[] = { "CSV", NULL };

	if (text)
		return GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, csv_driver,
			csv_options, NULL);
	return GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL,
		NULL);
}

static int fill_from_dataset(coopmap_table *t, GDALDatasetH ds,
	const char *path, const char *layer_name, coopmap_error *err);

/* Open open_path (the file, or its decoded copy in /vsimem/) and copy its
 * layer; errors name path, the file the user gave. */
static int read_dataset(coopmap_table *t, const char *open_path,
	const char *path, int text, const char *layer_name, coopmap_error *err)
{
	GDALDatasetH ds = open_dataset(open_path, text);
	int rc;

	if (ds == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot read: %s",
			path, last_gdal_message());
	rc = fill_from_dataset(t, ds, path, layer_name, err);
	GDALClose(ds);
	return rc;
}

/* "'Notice', 'Projets'": the sheets of t (caller frees). */
static char *sheet_list(const coopmap_table *t)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < t->sheets->len; i++)
		g_string_append_printf(s, "%s'%s'", i > 0 ? ", " : "",
			(const char *)g_ptr_array_index(t->sheets, i));
	return g_string_free(s, FALSE);
}

static int fill_from_dataset(coopmap_table *t, GDALDatasetH ds,
	const char *path, const char *layer_name, coopmap_error *err)
{
	OGRLayerH layer = layer_name != NULL
		? GDALDatasetGetLayerByName(ds, layer_name)
		: GDALDatasetGetLayer(ds, 0);

	for (int i = 0; i < GDALDatasetGetLayerCount(ds); i++)
		g_ptr_array_add(t->sheets, g_string_chunk_insert(t->text,
			OGR_L_GetName(GDALDatasetGetLayer(ds, i))));
	if (layer == NULL && layer_name != NULL) {
		char *list = sheet_list(t);
		int rc = coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: no layer or "
			"sheet named '%s' (it has %s)", path, layer_name,
			list[0] != '\0' ? list : _("none"));

		g_free(list);
		return rc;
	}
	if (layer == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: the file holds no table", path);
	/* A text table's one layer has no name a user gave. */
	t->sheet = line_mode_of(ds) == LINES_CSV ? ""
		: g_string_chunk_insert(t->text, OGR_L_GetName(layer));
	if (copy_layer(t, layer, line_mode_of(ds)) != 0)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (line_mode_of(ds) == LINES_SHEET)
		t->workbook = strcmp(GDALGetDriverShortName(GDALGetDatasetDriver(ds)),
			"ODS") == 0 ? WORKBOOK_ODS : WORKBOOK_XLSX;
	return COOPMAP_OK;
}

/*
 * OGR 3.6 does not take a one-column CSV (its header has no separator) for
 * a CSV at all.  Such a file gets an empty second column: a comma before
 * every line end outside quotes.  Returns NULL when the file has a
 * separator already.
 */
static char *widen_one_column(const char *text, size_t length, size_t *out_len)
{
	const char *end_of_header = memchr(text, '\n', length);
	size_t header_len = end_of_header != NULL
		? (size_t)(end_of_header - text) : length;
	GString *out;
	int quoted = 0;

	for (size_t i = 0; i < header_len; i++) {
		if (text[i] == ',' || text[i] == ';' || text[i] == '\t' ||
		    text[i] == '|')
			return NULL;
	}
	out = g_string_sized_new(length + length / 8 + 2);
	for (size_t i = 0; i < length; i++) {
		char c = text[i];

		if (c == '"')
			quoted = !quoted;
		if (c == '\n' && !quoted) {
			size_t len = out->len;

			if (len > 0 && out->str[len - 1] == '\r')
				g_string_insert_c(out, (gssize)len - 1, ',');
			else
				g_string_append_c(out, ',');
		}
		g_string_append_c(out, c);
	}
	if (length > 0 && text[length - 1] != '\n')
		g_string_append_c(out, ',');
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/* The end of the cell that starts at i: a separator or a line end. */
static size_t cell_end(const char *text, size_t length, size_t i, char sep)
{
	while (i < length && text[i] != sep && text[i] != '\n' && text[i] != '\r')
		i++;
	return i;
}

/*
 * A quote inside an unquoted cell (12" for inches, a nickname between
 * quotes) is a plain character to spreadsheets, but opens a quoted run to
 * OGR, which then swallows the separators and line ends that follow.  Such
 * cells are rewritten quoted, their quotes doubled, so that OGR reads what
 * a spreadsheet shows.  Returns NULL when no cell needs it.
 */
static char *quote_stray_quotes(const char *text, size_t length,
	size_t *out_len)
{
	char sep = guess_separator(text, length);
	GString *out = NULL;
	size_t i = 0, copied = 0;

	while (i < length) {
		size_t end;

		if (text[i] == '"') {   /* quoted: to the closing quote */
			for (i++; i < length; i++) {
				if (text[i] == '"' && i + 1 < length && text[i + 1] == '"')
					i++;
				else if (text[i] == '"')
					break;
			}
			i = cell_end(text, length, i, sep);
		} else if ((end = cell_end(text, length, i, sep)) > i &&
		    memchr(text + i, '"', end - i) != NULL) {
			if (out == NULL)
				out = g_string_sized_new(length + 64);
			g_string_append_len(out, text + copied, (gssize)(i - copied));
			g_string_append_c(out, '"');
			for (; i < end; i++) {
				if (text[i] == '"')
					g_string_append_c(out, '"');
				g_string_append_c(out, text[i]);
			}
			g_string_append_c(out, '"');
			copied = end;
		} else {
			i = end;
		}
		if (i < length)
			i++;   /* the separator or line end */
	}
	if (out == NULL)
		return NULL;
	g_string_append_len(out, text + copied, (gssize)(length - copied));
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/* Replace *text by rewritten when there is one. */
static void take_rewrite(char **text, size_t *length, char *rewritten,
	size_t rewritten_len)
{
	if (rewritten == NULL)
		return;
	g_free(*text);
	*text = rewritten;
	*length = rewritten_len;
}

/* Whether the zip's first bytes name a part that says what it is. */
static int zip_holds(const char *raw, size_t size, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i + n <= size && i < 65536; i++)
		if (memcmp(raw + i, name, n) == 0)
			return 1;
	return 0;
}

/*
 * A file given as text that holds no table: empty, blank lines only, or
 * a workbook, an old Excel file or a PDF renamed (a spreadsheet saved
 * under .csv): what it is and what to do, rather than what the CSV reader
 * trips on later (a NUL byte, a column "field_1").
 */
static int refuse_non_text(const char *path, const char *raw, size_t size,
	coopmap_error *err)
{
	size_t i = 0;

	if (size >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < size && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' ||
	    raw[i] == '\n'))
		i++;
	if (size == 0)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: the file is "
			"empty: no header, no project", path);
	if (i == size)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: the file holds "
			"only blank lines: no header, no project", path);
	if (size >= 4 && memcmp(raw, "PK\x03\x04", 4) == 0)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: %s", path,
			zip_holds(raw, size, "xl/") ? _("this is an XLSX workbook, not a "
			"text table: name it .xlsx (or save it as CSV)")
			: zip_holds(raw, size, "opendocument.spreadsheet")
			? _("this is an ODS workbook, not a text table: name it .ods (or "
			"save it as CSV)") : _("this is a zip archive, not a text table"));
	if (size >= 8 && memcmp(raw, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)
	    == 0)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: this is an old "
			"Excel workbook (.xls), not a text table: save it as .xlsx or "
			"CSV", path);
	if (size >= 5 && memcmp(raw, "%PDF-", 5) == 0)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: this is a PDF, "
			"not a table: export the list from its spreadsheet", path);
	return COOPMAP_OK;
}

static int read_text_table(coopmap_table *t, const char *path,
	const coopmap_table_opts *opts, coopmap_error *err)
{
	gchar *raw = NULL, *utf8 = NULL;
	gsize size = 0;
	size_t length = 0;
	int one_column = 0;
	char mem_path[64];
	int rc;

	if (!g_file_get_contents(path, &raw, &size, NULL))
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot read: %s",
			path, g_file_test(path, G_FILE_TEST_EXISTS)
			? _("permission denied or not a file") : _("no such file"));
	rc = refuse_non_text(path, raw, size, err);
	if (rc == COOPMAP_OK)
		rc = decode_text(path, raw, size, opts, t, &utf8, &length, err);
	g_free(raw);
	if (rc != COOPMAP_OK)
		return rc;
	{
		size_t new_len = 0;
		char *rewritten = widen_one_column(utf8, length, &new_len);

		one_column = rewritten != NULL;
		take_rewrite(&utf8, &length, rewritten, new_len);
		rewritten = quote_stray_quotes(utf8, length, &new_len);
		take_rewrite(&utf8, &length, rewritten, new_len);
	}
	/* A distinct name per table: tables may be read concurrently. */
	snprintf(mem_path, sizeof(mem_path), "/vsimem/coopmap-%p.csv", (void *)t);
	VSIFCloseL(VSIFileFromMemBuffer(mem_path, (GByte *)utf8,
		(vsi_l_offset)length, FALSE));
	rc = read_dataset(t, mem_path, path, 1, opts->layer, err);
	VSIUnlink(mem_path);
	if (rc == COOPMAP_OK && one_column && t->n_columns > 1)
		t->n_columns = 1;   /* the column added above is not the user's */
	if (rc == COOPMAP_OK) {
		struct records_scan scan;

		scan_records(utf8, length, &scan);
		rc = apply_scan(t, &scan, path, err);
		g_array_free(scan.starts, TRUE);
		g_array_free(scan.cells, TRUE);
	}
	g_free(utf8);
	return rc;
}

/* What GDAL said while a driver read: its first failure or warning, kept
 * quiet (a library never prints) for the message when the sheet cannot be
 * checked. */
struct gdal_complaint {
	char message[256];
};

static void CPL_STDCALL keep_complaint(CPLErr level, CPLErrorNum num,
	const char *msg)
{
	struct gdal_complaint *c = CPLGetErrorHandlerUserData();

	(void)num;
	if (level >= CE_Warning && c->message[0] == '\0')
		snprintf(c->message, sizeof(c->message), "%s", msg);
}

/* Whether GDAL's row and the sheet's run have the same cells filled, in
 * the same columns (GDAL 3.6 shifts the cells after a merged range of
 * three columns or more to the left: it counts a run of covered cells as
 * one). */
static int same_filled_cells(const coopmap_table *t, size_t row,
	const workbook_row *run)
{
	size_t n = t->n_columns > run->n_cells ? t->n_columns : run->n_cells;

	for (size_t c = 0; c < n; c++) {
		int gdal = c < t->n_columns &&
			t->cells[row * t->n_columns + c][0] != '\0';
		int xml = c < run->n_cells && run->cells[c] != NULL;

		if (gdal != xml)
			return 0;
	}
	return 1;
}

/*
 * Whether GDAL's rows are the sheet's: the same rows with content, on the
 * same lines, with the same cells filled.  A row GDAL dropped (past its
 * repeat or column caps), emptied or shifted shows here.
 */
static int same_rows(const coopmap_table *t, const workbook_sheet *s)
{
	size_t row = 0, run = 0;
	long k = 0;

	/* The sheet's first row is the header, not a row. */
	if (s->n_rows > 0 && s->rows[0].line == 1 && s->rows[0].repeat == 1)
		run = 1;
	else if (s->n_rows > 0 && s->rows[0].line == 1)
		k = 1;
	for (;;) {
		if (row == t->n_rows || run == s->n_rows)
			return row == t->n_rows && run == s->n_rows;
		if (t->lines[row] != s->rows[run].line + k ||
		    !same_filled_cells(t, row, &s->rows[run]))
			return 0;
		row++;
		if (++k == s->rows[run].repeat) {
			run++;
			k = 0;
		}
	}
}

/* Most cells a sheet read from its XML may expand to (pointers: 256 MB;
 * a list of 16,000 rows with a note in column 2,000). */
#define WORKBOOK_MAX_CELLS (32L * 1024 * 1024)

/*
 * Replace GDAL's rows by the sheet's: line 1 is the header (a column
 * without a name is FieldN, as OGR calls it), every line below with
 * content is a row, a run of N identical rows N rows.
 */
static int take_sheet(coopmap_table *t, const workbook_sheet *s,
	const char *path, coopmap_error *err)
{
	size_t n_columns = s->n_columns > 0 ? s->n_columns : 1, n_rows = 0;
	size_t row = 0;

	for (size_t i = 0; i < s->n_rows; i++)
		n_rows += (size_t)s->rows[i].repeat - (s->rows[i].line == 1);
	if (n_rows > 0 && n_columns > (size_t)WORKBOOK_MAX_CELLS / n_rows)
		return coopmap_error_set(err, COOPMAP_ERR_INPUT, "%s: sheet '%s': "
			"%zu rows of %zu columns, more cells than coopmap reads (%ld); "
			"delete the far columns or the repeated rows", path, s->name,
			n_rows, n_columns, WORKBOOK_MAX_CELLS);
	free(t->columns);
	free(t->cells);
	free(t->lines);
	t->n_columns = n_columns;
	t->n_rows = n_rows;
	t->columns = calloc(n_columns + 1, sizeof(char *));
	t->cells = malloc(n_rows * n_columns * sizeof(char *) + 1);
	t->lines = malloc(n_rows * sizeof(long) + 1);
	if (t->columns == NULL || t->cells == NULL || t->lines == NULL) {
		t->n_rows = t->n_columns = 0;
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	for (size_t c = 0; c < n_columns; c++) {
		const workbook_row *first = s->n_rows > 0 && s->rows[0].line == 1
			? &s->rows[0] : NULL;
		char field[32];

		snprintf(field, sizeof(field), "Field%zu", c + 1);
		t->columns[c] = g_string_chunk_insert_const(t->text,
			first != NULL && c < first->n_cells && first->cells[c] != NULL
			? first->cells[c] : field);
	}
	for (size_t i = 0; i < s->n_rows; i++) {
		const workbook_row *run = &s->rows[i];
		long k = run->line == 1;
		char **first = &t->cells[row * n_columns];

		if (k == run->repeat)
			continue;
		for (size_t c = 0; c < n_columns; c++)
			first[c] = g_string_chunk_insert_const(t->text, c < run->n_cells
				&& run->cells[c] != NULL ? run->cells[c] : "");
		/* The copies of a repeated row share its cells. */
		for (; k < run->repeat; k++, row++) {
			if (&t->cells[row * n_columns] != first)
				memcpy(&t->cells[row * n_columns], first,
					n_columns * sizeof(char *));
			t->lines[row] = run->line + k;
		}
	}
	return COOPMAP_OK;
}

/*
 * Check GDAL's reading of a workbook against its XML, and take the XML's
 * when they differ.  A sheet past a sheet's limits is an error.  When the
 * XML cannot be read: an error if GDAL complained (rows may be lost), else
 * GDAL's reading stands.
 */
static int check_workbook(coopmap_table *t, const char *path,
	const char *layer_name, const struct gdal_complaint *complaint,
	coopmap_error *err)
{
	coopmap_error own = COOPMAP_ERROR_INIT;
	workbook_sheet *sheet = NULL;
	int rc = workbook_sheet_read(path, t->workbook, layer_name, &sheet, &own);

	if (rc == COOPMAP_ERR_INPUT) {
		if (err != NULL)
			*err = own;
		return rc;
	}
	if (rc != COOPMAP_OK && complaint->message[0] == '\0')
		return COOPMAP_OK;
	if (rc != COOPMAP_OK)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: GDAL stopped "
			"reading the sheet (%s), and its XML cannot be read to find "
			"what was left: %s", path, complaint->message, own.message);
	if (!same_rows(t, sheet))
		rc = take_sheet(t, sheet, path, err);
	workbook_sheet_free(sheet);
	return rc;
}

static int read_other_table(coopmap_table *t, const char *path,
	const coopmap_table_opts *opts, coopmap_error *err)
{
	struct gdal_complaint complaint = { "" };
	int rc;

	/* Spreadsheets: the first row is the header even when every cell is
	 * text (OGR's guess would call the columns Field1, Field2 ...).  GDAL
	 * 3.6 takes this as a configuration option, and reads the sheet only
	 * when features are asked for: keep it set until then. */
	CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
	CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", "FORCE");
	CPLPushErrorHandlerEx(keep_complaint, &complaint);
	rc = read_dataset(t, path, path, 0, opts->layer, err);
	CPLPopErrorHandler();
	CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", NULL);
	CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", NULL);
	/* GDAL caps columns (2,000 in XLSX) and repeats (10,000 rows in ODS)
	 * and drops what lies beyond, saying so only to an error handler. */
	if (rc == COOPMAP_OK && t->workbook >= 0)
		rc = check_workbook(t, path, opts->layer, &complaint, err);
	return rc;
}

int coopmap_table_read(const char *path, const coopmap_table_opts *opts,
	coopmap_table **out, coopmap_error *err)
{
	const coopmap_table_opts defaults = COOPMAP_TABLE_OPTS_INIT;
	coopmap_table *t;
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	/* OGR would read the first table it finds in a directory. */
	if (g_file_test(path, G_FILE_TEST_IS_DIR))
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: is a directory, not a table", path);
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	t->text = g_string_chunk_new(64 * 1024);
	t->sheets = g_ptr_array_new();
	t->sheet = "";
	t->workbook = -1;
	t->path = strdup(path);
	if (t->path == NULL) {
		coopmap_table_free(t);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	GDALAllRegister();
	CPLPushErrorHandler(CPLQuietErrorHandler);
	CPLErrorReset();
	rc = has_text_extension(path) ? read_text_table(t, path, opts, err)
		: read_other_table(t, path, opts, err);
	CPLPopErrorHandler();
	if (rc != COOPMAP_OK) {
		coopmap_table_free(t);
		return rc;
	}
	*out = t;
	return COOPMAP_OK;
}

const char *coopmap_table_encoding(const coopmap_table *table)
{
	return table->encoding;
}

const char *coopmap_table_encoding_note(const coopmap_table *table)
{
	return table->encoding_note;
}

size_t coopmap_table_bad_utf8_count(const coopmap_table *table)
{
	return table->bad_utf8 != NULL ? table->bad_utf8->len : 0;
}

const coopmap_table_bad_utf8 *coopmap_table_bad_utf8_get(
	const coopmap_table *table, size_t i)
{
	return i < coopmap_table_bad_utf8_count(table)
		? &g_array_index(table->bad_utf8, coopmap_table_bad_utf8, i) : NULL;
}

void coopmap_table_free(coopmap_table *table)
{
	if (table == NULL)
		return;
	if (table->text != NULL)
		g_string_chunk_free(table->text);
	free(table->columns);
	free(table->cells);
	free(table->lines);
	free(table->extra_cells);
	if (table->bad_utf8 != NULL)
		g_array_free(table->bad_utf8, TRUE);
	if (table->sheets != NULL)
		g_ptr_array_free(table->sheets, TRUE);
	free(table->path);
	free(table);
}

size_t coopmap_table_sheet_count(const coopmap_table *table)
{
	return table->sheets->len;
}

const char *coopmap_table_sheet_name(const coopmap_table *table, size_t i)
{
	return i < table->sheets->len ? g_ptr_array_index(table->sheets, i) : "";
}

const char *coopmap_table_sheet(const coopmap_table *table)
{
	return table->sheet;
}

const char *coopmap_table_path(const coopmap_table *table)
{
	return table->path;
}

size_t coopmap_table_column_count(const coopmap_table *table)
{
	return table->n_columns;
}

const char *coopmap_table_column_name(const coopmap_table *table, size_t col)
{
	return col < table->n_columns ? table->columns[col] : "";
}

long coopmap_table_find_column(const coopmap_table *table, const char *name)
{
	char *wanted = coopmap_names_fold(name);
	long found = -1;

	if (wanted == NULL)
		return -1;
	for (size_t i = 0; i < table->n_columns && found < 0; i++) {
		char *key = coopmap_names_fold(table->columns[i]);

		if (key != NULL && strcmp(key, wanted) == 0)
			found = (long)i;
		free(key);
	}
	free(wanted);
	return found;
}

size_t coopmap_table_row_count(const coopmap_table *table)
{
	return table->n_rows;
}

const char *coopmap_table_cell(const coopmap_table *table, size_t row,
	size_t col)
{
	if (row >= table->n_rows || col >= table->n_columns)
		return "";
	return table->cells[row * table->n_columns + col];
}

long coopmap_table_line(const coopmap_table *table, size_t row)
{
	return row < table->n_rows ? table->lines[row] : 0;
}

int coopmap_table_extra_cells(const coopmap_table *table, size_t row)
{
	return table->extra_cells != NULL && row < table->n_rows
		? table->extra_cells[row] : 0;
}

int coopmap_table_use_header_row(coopmap_table *t, size_t row,
	coopmap_error *err)
{
	size_t drop = row + 1, keep;

	if (row >= t->n_rows)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"%s: no row %zu to take as the header", t->path, row + 1);
	for (size_t r = 0; t->extra_cells != NULL && r < t->n_rows; r++) {
		if (t->extra_cells[r])
			return coopmap_error_set(err, COOPMAP_ERR_INPUT, "%s:%ld: more "
				"cells than the first line, whose columns were read",
				t->path, t->lines[r]);
	}
	/* The names are cells of the arena: they outlive the rows dropped. */
	for (size_t c = 0; c < t->n_columns; c++)
		t->columns[c] = t->cells[row * t->n_columns + c];
	keep = t->n_rows - drop;
	memmove(t->cells, t->cells + drop * t->n_columns,
		keep * t->n_columns * sizeof(*t->cells));
	memmove(t->lines, t->lines + drop, keep * sizeof(*t->lines));
	if (t->extra_cells != NULL)
		memmove(t->extra_cells, t->extra_cells + drop,
			keep * sizeof(*t->extra_cells));
	t->n_rows = keep;
	return COOPMAP_OK;
}
