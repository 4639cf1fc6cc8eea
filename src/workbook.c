/*
 * workbook.c: one sheet of an XLSX or ODS workbook, read from the XML the
 * zip holds (GDAL's /vsizip/ and CPLParseXMLString: no zip or XML parsing
 * by hand).  GDAL's drivers stop at 2,000 columns (XLSX) and at a row
 * repeated more than 10,000 times (ODS), and say so only through an error
 * handler; table.c compares their reading with this one and takes this one
 * when they differ.  Every row and every column a sheet can hold is read
 * here, repeated rows and cells as runs (not expanded).
 *
 * Not for: number or date formats, formulas, styles (a cell is the text or
 * the value the file holds), writing workbooks.
 */
#include "workbook_internal.h"

#include <cpl_error.h>
#include <cpl_minixml.h>
#include <cpl_vsi.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"

/* A part bigger than this once unzipped is refused (a zip bomb, or far
 * beyond a project list). */
#define WORKBOOK_MAX_PART (256 * 1024 * 1024)

struct reader {
	const char *path;
	const char *sheet;        /* name, for messages */
	GArray *rows;             /* workbook_row */
	size_t n_columns;
	long next_line;           /* line of the next row when it gives none */
	coopmap_error *err;
};

/* The part's XML with namespaces stripped, or NULL (required: an error). */
static CPLXMLNode *read_part(const char *path, const char *part, int required,
	coopmap_error *err)
{
	char *name = g_strdup_printf("/vsizip/{%s}/%s", path, part);
	GByte *data = NULL;
	vsi_l_offset size = 0;
	CPLXMLNode *root = NULL;

	CPLErrorReset();
	if (!VSIIngestFile(NULL, name, &data, &size, WORKBOOK_MAX_PART)) {
		if (required)
			coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot read %s "
				"in the workbook: %s", path, part, CPLGetLastErrorMsg()[0]
				!= '\0' ? CPLGetLastErrorMsg() : _("missing"));
		g_free(name);
		return NULL;
	}
	g_free(name);
	root = CPLParseXMLString((const char *)data);
	VSIFree(data);
	if (root == NULL) {
		coopmap_error_set(err, COOPMAP_ERR_IO, "%s: %s in the workbook is not "
			"XML: %s", path, part, CPLGetLastErrorMsg());
		return NULL;
	}
	CPLStripXMLNamespace(root, NULL, TRUE);
	return root;
}

static int is_element(const CPLXMLNode *n, const char *name)
{
	return n->eType == CXT_Element && strcmp(n->pszValue, name) == 0;
}

/* The text under n: text nodes, ODS spaces (text:s), tabs and line
 * breaks; XLSX phonetic runs (rPh) and attributes left out. */
static void text_of(const CPLXMLNode *n, GString *s)
{
	for (const CPLXMLNode *c = n->psChild; c != NULL; c = c->psNext) {
		if (c->eType == CXT_Text)
			g_string_append(s, c->pszValue);
		else if (is_element(c, "rPh"))
			continue;
		else if (is_element(c, "s")) {
			long spaces = atol(CPLGetXMLValue(c, "c", "1"));

			for (long i = 0; i < spaces && i < 1024; i++)
				g_string_append_c(s, ' ');
		} else if (is_element(c, "tab"))
			g_string_append_c(s, '\t');
		else if (is_element(c, "line-break"))
			g_string_append_c(s, '\n');
		else if (c->eType == CXT_Element)
			text_of(c, s);
	}
}

static int sheet_error(struct reader *r, long line, const char *what,
	const char *detail)
{
	return coopmap_error_set(r->err, COOPMAP_ERR_INPUT, "%s: sheet '%s', "
		"line %ld: %s%s", r->path, r->sheet, line, what, detail);
}

/* Keep a row's cells (cells: char *, NULL for empty), unless all empty. */
static void add_row(struct reader *r, long line, long repeat, GPtrArray *cells)
{
	workbook_row row = { line, repeat, 0, NULL };

	while (cells->len > 0 && g_ptr_array_index(cells, cells->len - 1) == NULL)
		g_ptr_array_set_size(cells, cells->len - 1);
	if (cells->len == 0) {
		g_ptr_array_free(cells, TRUE);
		return;
	}
	row.n_cells = cells->len;
	row.cells = (char **)g_ptr_array_free(cells, FALSE);
	if (row.n_cells > r->n_columns)
		r->n_columns = row.n_cells;
	g_array_append_val(r->rows, row);
}

/* Put text (owned, or NULL) at column col of cells. */
static void put_cell(GPtrArray *cells, long col, char *text)
{
	if (text == NULL)
		return;
	if ((long)cells->len <= col)
		g_ptr_array_set_size(cells, (guint)col + 1);
	g_free(g_ptr_array_index(cells, col));
	g_ptr_array_index(cells, col) = text;
}

/* ---- XLSX ---- */

/* Column (0-based) of a cell reference such as "BXZ2", or -1. */
static long column_of_ref(const char *ref)
{
	long col = 0;
	int letters = 0;

	for (; g_ascii_isalpha(*ref) && letters < 4; ref++, letters++)
		col = col * 26 + (g_ascii_toupper(*ref) - 'A' + 1);
	return letters == 0 || letters > 3 ? -1 : col - 1;
}

static GPtrArray *shared_strings(const char *path, coopmap_error *err)
{
	CPLXMLNode *root = read_part(path, "xl/sharedStrings.xml", 0, err);
	CPLXMLNode *sst = root != NULL ? CPLGetXMLNode(root, "=sst") : NULL;
	GPtrArray *strings = g_ptr_array_new_with_free_func(g_free);

	for (CPLXMLNode *si = sst != NULL ? sst->psChild : NULL; si != NULL;
	     si = si->psNext) {
		GString *s;

		if (!is_element(si, "si"))
			continue;
		s = g_string_new(NULL);
		text_of(si, s);
		g_ptr_array_add(strings, g_string_free(s, FALSE));
	}
	CPLDestroyXMLNode(root);
	return strings;
}

/* The part of the sheet named name (or the first), from the workbook and
 * its relationships; "xl/worksheets/sheet1.xml" when they say nothing. */
static char *xlsx_sheet_part(const char *path, const char *name,
	char **found_name, coopmap_error *err)
{
	CPLXMLNode *book = read_part(path, "xl/workbook.xml", 1, err);
	CPLXMLNode *rels, *list, *sheets;
	const char *id = NULL;
	char *part = NULL;

	if (book == NULL)
		return NULL;
	sheets = CPLGetXMLNode(book, "=workbook.sheets");
	for (CPLXMLNode *s = sheets != NULL ? sheets->psChild : NULL; s != NULL;
	     s = s->psNext) {
		const char *sheet_name = CPLGetXMLValue(s, "name", "");

		if (!is_element(s, "sheet") ||
		    (name != NULL && strcmp(sheet_name, name) != 0))
			continue;
		*found_name = g_strdup(sheet_name);
		id = CPLGetXMLValue(s, "id", NULL);
		break;
	}
	if (*found_name == NULL) {
		CPLDestroyXMLNode(book);
		if (name != NULL)
			coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"%s: no layer or sheet named '%s'", path, name);
		else
			coopmap_error_set(err, COOPMAP_ERR_IO,
				"%s: the file holds no table", path);
		return NULL;
	}
	rels = id != NULL ? read_part(path, "xl/_rels/workbook.xml.rels", 0, err)
		: NULL;
	list = rels != NULL ? CPLGetXMLNode(rels, "=Relationships") : NULL;
	for (CPLXMLNode *rel = list != NULL ? list->psChild : NULL;
	     rel != NULL && part == NULL; rel = rel->psNext) {
		const char *target = CPLGetXMLValue(rel, "Target", "");

		if (!is_element(rel, "Relationship") ||
		    strcmp(CPLGetXMLValue(rel, "Id", ""), id) != 0)
			continue;
		part = target[0] == '/' ? g_strdup(target + 1)
			: g_strdup_printf("xl/%s", target);
	}
	CPLDestroyXMLNode(rels);
	CPLDestroyXMLNode(book);
	return part != NULL ? part : g_strdup("xl/worksheets/sheet1.xml");
}

static int xlsx_cell(struct reader *r, CPLXMLNode *c,
	const GPtrArray *strings, long line, long *col, GPtrArray *cells)
{
	const char *ref = CPLGetXMLValue(c, "r", NULL);
	const char *type = CPLGetXMLValue(c, "t", "n");
	const CPLXMLNode *is = CPLGetXMLNode(c, "is");
	const char *v = CPLGetXMLValue(c, "v", NULL);
	char *text = NULL;

	if (ref != NULL && (*col = column_of_ref(ref)) < 0)
		return sheet_error(r, line, _("a cell reference is not a column "
			"and a row: "), ref);
	if (strcmp(type, "s") == 0 && v != NULL) {
		char *end;
		long index = strtol(v, &end, 10);

		if (*end != '\0' || index < 0 || index >= (long)strings->len)
			return sheet_error(r, line, _("a cell names a shared string the "
				"workbook does not hold: "), v);
		text = g_strdup(g_ptr_array_index(strings, index));
	} else if (strcmp(type, "inlineStr") == 0 && is != NULL) {
		GString *s = g_string_new(NULL);

		text_of(is, s);
		text = g_string_free(s, FALSE);
	} else if (v != NULL) {
		text = g_strdup(v);
	}
	if (text != NULL && text[0] == '\0')
		g_clear_pointer(&text, g_free);
	if (text != NULL && *col >= WORKBOOK_MAX_COLUMNS) {
		g_free(text);
		return sheet_error(r, line, _("a cell lies past the last column a "
			"sheet can have (XFD): "), ref != NULL ? ref : "");
	}
	put_cell(cells, *col, text);
	(*col)++;
	return COOPMAP_OK;
}

static int xlsx_rows(struct reader *r, CPLXMLNode *data,
	const GPtrArray *strings)
{
	for (CPLXMLNode *row = data->psChild; row != NULL;
	     row = row->psNext) {
		const char *rattr = CPLGetXMLValue(row, "r", NULL);
		long line = rattr != NULL ? atol(rattr) : r->next_line, col = 0;
		GPtrArray *cells;

		if (!is_element(row, "row"))
			continue;
		if (line < r->next_line || line > WORKBOOK_MAX_ROWS)
			return sheet_error(r, r->next_line, _("the rows go backwards or "
				"past the last row a sheet can have: row "),
				rattr != NULL ? rattr : "");
		cells = g_ptr_array_new_with_free_func(g_free);
		for (CPLXMLNode *c = row->psChild; c != NULL; c = c->psNext) {
			if (is_element(c, "c") &&
			    xlsx_cell(r, c, strings, line, &col, cells) != COOPMAP_OK) {
				g_ptr_array_free(cells, TRUE);
				return r->err->code;
			}
		}
		add_row(r, line, 1, cells);
		r->next_line = line + 1;
	}
	return COOPMAP_OK;
}

static int read_xlsx(struct reader *r, const char *name, char **found)
{
	char *part = xlsx_sheet_part(r->path, name, found, r->err);
	CPLXMLNode *root, *data;
	GPtrArray *strings;
	int rc;

	if (part == NULL)
		return r->err->code;
	r->sheet = *found;
	root = read_part(r->path, part, 1, r->err);
	g_free(part);
	if (root == NULL)
		return r->err->code;
	data = CPLGetXMLNode(root, "=worksheet.sheetData");
	strings = shared_strings(r->path, r->err);
	rc = data != NULL ? xlsx_rows(r, data, strings) : COOPMAP_OK;
	g_ptr_array_free(strings, TRUE);
	CPLDestroyXMLNode(root);
	return rc;
}

/* ---- ODS ---- */

/* The cell's value as GDAL's driver takes it: office:value (numbers),
 * date or time value, else its paragraphs joined by line ends. */
static char *ods_value(const CPLXMLNode *cell)
{
	static const char *const attrs[] = { "value", "date-value", "time-value" };
	GString *s;

	for (size_t i = 0; i < G_N_ELEMENTS(attrs); i++) {
		const char *v = CPLGetXMLValue(cell, attrs[i], NULL);

		if (v != NULL && v[0] != '\0')
			return g_strdup(v);
	}
	s = g_string_new(NULL);
	for (const CPLXMLNode *p = cell->psChild; p != NULL; p = p->psNext) {
		if (!is_element(p, "p"))
			continue;
		if (s->len > 0)
			g_string_append_c(s, '\n');
		text_of(p, s);
	}
	if (s->len == 0) {
		g_string_free(s, TRUE);
		return NULL;
	}
	return g_string_free(s, FALSE);
}

/* A repeat count, at most limit + 1 (what lies past a limit is refused
 * or, when empty, dropped: no sum of counts can overflow); -1 when it is
 * not a count. */
static long repeat_of(const CPLXMLNode *n, const char *attr, long limit)
{
	long repeat = strtol(CPLGetXMLValue(n, attr, "1"), NULL, 10);

	return repeat < 1 ? -1 : repeat > limit ? limit + 1 : repeat;
}

static int ods_row(struct reader *r, const CPLXMLNode *row)
{
	long repeat = repeat_of(row, "number-rows-repeated", WORKBOOK_MAX_ROWS);
	long col = 0;
	long line = r->next_line;
	GPtrArray *cells;

	if (repeat < 0)
		return sheet_error(r, line, _("a row repeated a number of times that "
			"is not a number: "), CPLGetXMLValue(row, "number-rows-repeated",
			""));
	cells = g_ptr_array_new_with_free_func(g_free);
	for (const CPLXMLNode *c = row->psChild; c != NULL; c = c->psNext) {
		long times;
		char *text;

		if (!is_element(c, "table-cell") && !is_element(c, "covered-table-cell"))
			continue;
		times = repeat_of(c, "number-columns-repeated", WORKBOOK_MAX_COLUMNS);
		text = ods_value(c);
		if (times < 0 || (text != NULL &&
		    col + times > WORKBOOK_MAX_COLUMNS)) {
			g_free(text);
			g_ptr_array_free(cells, TRUE);
			return sheet_error(r, line, _("a cell repeated past the last "
				"column a sheet can have: "), CPLGetXMLValue(c,
				"number-columns-repeated", ""));
		}
		for (long k = 0; text != NULL && k < times; k++)
			put_cell(cells, col + k, k + 1 < times ? g_strdup(text) : text);
		col += times;
	}
	/* The empty rows LibreOffice writes to the end of a sheet may reach
	 * its last row; only rows with content must fit. */
	if (cells->len > 0 && line - 1 + repeat > WORKBOOK_MAX_ROWS) {
		g_ptr_array_free(cells, TRUE);
		return sheet_error(r, line, _("a row repeated past the last row a "
			"sheet can have: "), CPLGetXMLValue(row, "number-rows-repeated",
			""));
	}
	add_row(r, line, repeat, cells);
	r->next_line = line + repeat;
	return COOPMAP_OK;
}

/* Rows, also inside row groups and header rows. */
static int ods_rows(struct reader *r, const CPLXMLNode *parent)
{
	for (const CPLXMLNode *n = parent->psChild; n != NULL; n = n->psNext) {
		int rc = COOPMAP_OK;

		if (is_element(n, "table-row"))
			rc = ods_row(r, n);
		else if (is_element(n, "table-row-group") ||
		    is_element(n, "table-header-rows") || is_element(n, "table-rows"))
			rc = ods_rows(r, n);
		if (rc != COOPMAP_OK)
			return rc;
	}
	return COOPMAP_OK;
}

static int read_ods(struct reader *r, const char *name, char **found)
{
	CPLXMLNode *root = read_part(r->path, "content.xml", 1, r->err);
	CPLXMLNode *book = root != NULL ? CPLGetXMLNode(root,
		"=document-content.body.spreadsheet") : NULL;
	const CPLXMLNode *table = NULL;
	int rc;

	if (root == NULL)
		return r->err->code;
	for (CPLXMLNode *t = book != NULL ? book->psChild : NULL; t != NULL &&
	     table == NULL; t = t->psNext) {
		if (is_element(t, "table") && (name == NULL ||
		    strcmp(CPLGetXMLValue(t, "name", ""), name) == 0))
			table = t;
	}
	if (table == NULL) {
		CPLDestroyXMLNode(root);
		return name != NULL
			? coopmap_error_set(r->err, COOPMAP_ERR_USAGE,
				"%s: no layer or sheet named '%s'", r->path, name)
			: coopmap_error_set(r->err, COOPMAP_ERR_IO,
				"%s: the file holds no table", r->path);
	}
	*found = g_strdup(CPLGetXMLValue(table, "name", ""));
	r->sheet = *found;
	rc = ods_rows(r, table);
	CPLDestroyXMLNode(root);
	return rc;
}

static void free_rows(workbook_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < rows[i].n_cells; c++)
			g_free(rows[i].cells[c]);
		g_free(rows[i].cells);
	}
	g_free(rows);
}

int workbook_sheet_read(const char *path, int kind, const char *sheet_name,
	workbook_sheet **out, coopmap_error *err)
{
	coopmap_error local = COOPMAP_ERROR_INIT;
	struct reader r = { path, "", g_array_new(FALSE, TRUE,
		sizeof(workbook_row)), 0, 1, err != NULL ? err : &local };
	char *found = NULL;
	int rc;

	*out = NULL;
	rc = kind == WORKBOOK_ODS ? read_ods(&r, sheet_name, &found)
		: read_xlsx(&r, sheet_name, &found);
	if (rc != COOPMAP_OK) {
		guint n = r.rows->len;

		free_rows((workbook_row *)g_array_free(r.rows, FALSE), n);
		g_free(found);
		return rc;
	}
	*out = g_new0(workbook_sheet, 1);
	(*out)->name = found;
	(*out)->n_rows = r.rows->len;
	(*out)->rows = (workbook_row *)g_array_free(r.rows, FALSE);
	(*out)->n_columns = r.n_columns;
	return COOPMAP_OK;
}

void workbook_sheet_free(workbook_sheet *sheet)
{
	if (sheet == NULL)
		return;
	free_rows(sheet->rows, sheet->n_rows);
	g_free(sheet->name);
	g_free(sheet);
}
