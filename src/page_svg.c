/*
 * page_svg.c: text that stays text in an SVG page (page_svg.h).
 *
 * Cairo 1.16 cannot write <text>: its SVG surface draws every glyph as an
 * outline.  So a text shown on an SVG page is kept here, and in its place
 * in the drawing a marker is painted: a 1x1 image whose URI names the
 * text, which Cairo writes as <image xlink:href="coopmap-text:N"> in its
 * <defs> and a <use> of it where the glyphs would have been, inside the
 * clip groups that hold them.  When the page is finished, libxml2 reads
 * what Cairo wrote, and each <use> of a marker becomes a <text> element
 * written from the same Pango layout that the PNG and the PDF draw: the
 * drawing order (what is drawn after a text covers it) and the clip stay
 * the ones of the drawing, and no layout is computed twice.  libxml2
 * writes back what it read byte for byte, and escapes the texts.
 *
 * Not for: drawing (page.c draws on the other surfaces) or deciding where
 * a text goes (its callers do, once, for every format).
 */
#include "page_svg.h"

#include <glib.h>
#include <libxml/chvalid.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include <cairo-svg.h>

#define MARKER_URI "coopmap-text:"
#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

/* A text kept: what coopmap_page_text says, and cr's matrix then. */
struct kept_text {
	PangoLayout *layout;         /* a reference of ours */
	double x, y;
	double color[4], halo_color[4], halo_width;
	cairo_matrix_t matrix;
};

struct page_svg {
	FILE *stream;                /* where the finished document goes */
	GByteArray *bytes;           /* what Cairo writes */
	GArray *texts;               /* struct kept_text, in drawing order */
};

static const cairo_user_data_key_t svg_key;

static void free_svg(void *data)
{
	page_svg *svg = data;

	for (guint i = 0; i < svg->texts->len; i++)
		g_object_unref(g_array_index(svg->texts, struct kept_text,
			i).layout);
	g_array_free(svg->texts, TRUE);
	g_byte_array_free(svg->bytes, TRUE);
	g_free(svg);
}

static cairo_status_t write_to_bytes(void *closure, const unsigned char *data,
	unsigned int length)
{
	g_byte_array_append(((page_svg *)closure)->bytes, data, length);
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *page_svg_surface(FILE *stream, int width, int height)
{
	page_svg *svg = g_new0(page_svg, 1);
	cairo_surface_t *surface;

	svg->stream = stream;
	svg->bytes = g_byte_array_new();
	svg->texts = g_array_new(FALSE, FALSE, sizeof(struct kept_text));
	surface = cairo_svg_surface_create_for_stream(write_to_bytes, svg,
		width, height);
	cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
	if (cairo_surface_set_user_data(surface, &svg_key, svg, free_svg) ==
	    CAIRO_STATUS_SUCCESS)
		return surface;
	/* Out of memory: a surface in error, which the drawing reports. */
	cairo_surface_destroy(surface);
	free_svg(svg);
	return cairo_image_surface_create(CAIRO_FORMAT_INVALID, 0, 0);
}

page_svg *page_svg_of(cairo_t *cr)
{
	return cairo_surface_get_user_data(cairo_get_target(cr), &svg_key);
}

void page_svg_keep(page_svg *svg, cairo_t *cr, const coopmap_page_text *text)
{
	struct kept_text kept;
	cairo_surface_t *marker;
	char *uri;
	int w, h;

	kept.layout = g_object_ref(text->layout);
	kept.x = text->x;
	kept.y = text->y;
	memcpy(kept.color, text->color, sizeof(kept.color));
	memcpy(kept.halo_color, text->halo_color, sizeof(kept.halo_color));
	kept.halo_width = text->halo_width;
	cairo_get_matrix(cr, &kept.matrix);
	g_array_append_val(svg->texts, kept);

	/* Stretched over the text's box: Cairo drops a paint that its clip or
	 * the page hides entirely, as it would drop the glyphs, and only then. */
	pango_layout_get_size(text->layout, &w, &h);
	uri = g_strdup_printf(MARKER_URI "%u", svg->texts->len - 1);
	marker = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_surface_set_mime_data(marker, CAIRO_MIME_TYPE_URI,
		(const unsigned char *)uri, strlen(uri), g_free, uri);
	cairo_save(cr);
	cairo_set_source_surface(cr, marker, 0, 0);
	if (w > 0 && h > 0) {
		cairo_matrix_t box;

		cairo_matrix_init_scale(&box, (double)PANGO_SCALE / w,
			(double)PANGO_SCALE / h);
		cairo_matrix_translate(&box, -text->x, -text->y);
		cairo_pattern_set_matrix(cairo_get_source(cr), &box);
	}
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(marker);
}

/* ---- writing a kept text as <text> ---------------------------------- */

/* A number as SVG writes it: at most 3 decimals, no trailing zeros, a
 * dot whatever the locale. */
static void set_number(xmlNodePtr node, const char *name, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	size_t n;

	g_ascii_formatd(buf, sizeof(buf), "%.3f", fabs(v) < 0.0005 ? 0 : v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	xmlNewProp(node, BAD_CAST name, BAD_CAST buf);
}

static void set_color(xmlNodePtr node, const char *name,
	const char *opacity_name, const double rgba[4])
{
	char buf[8];

	g_snprintf(buf, sizeof(buf), "#%02x%02x%02x",
		(unsigned)(CLAMP(rgba[0], 0, 1) * 255 + 0.5),
		(unsigned)(CLAMP(rgba[1], 0, 1) * 255 + 0.5),
		(unsigned)(CLAMP(rgba[2], 0, 1) * 255 + 0.5));
	xmlNewProp(node, BAD_CAST name, BAD_CAST buf);
	if (rgba[3] < 1)
		set_number(node, opacity_name, rgba[3]);
}

/* The font of a run as drawn (the face fontconfig chose), and the colour
 * its attributes give it (or the text's); scale: of the layout's user
 * space to the device. */
struct run_style {
	char family[128];
	double size;
	int weight;
	PangoStyle style;
	double color[4];
};

static void run_style(const PangoGlyphItem *run, const double color[4],
	double scale, struct run_style *s)
{
	PangoFontDescription *desc = run->item->analysis.font != NULL
		? pango_font_describe_with_absolute_size(run->item->analysis.font)
		: pango_font_description_new();
	const char *family = pango_font_description_get_family(desc);

	/* Styles are compared byte for byte: no stray byte in the padding. */
	memset(s, 0, sizeof(*s));
	g_strlcpy(s->family, family != NULL ? family : "sans-serif",
		sizeof(s->family));
	/* The face's size on the device, in the text's user units, to a
	 * hundredth (Pango keeps sizes in 1024ths of a device unit). */
	s->size = round((double)pango_font_description_get_size(desc) /
		PANGO_SCALE / scale * 100) / 100;
	s->weight = (int)pango_font_description_get_weight(desc);
	s->style = pango_font_description_get_style(desc);
	pango_font_description_free(desc);
	memcpy(s->color, color, sizeof(s->color));
	for (GSList *l = run->item->analysis.extra_attrs; l != NULL; l = l->next) {
		const PangoAttribute *a = l->data;

		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			const PangoColor *c = &((const PangoAttrColor *)a)->color;

			s->color[0] = c->red / 65535.0;
			s->color[1] = c->green / 65535.0;
			s->color[2] = c->blue / 65535.0;
		} else if (a->klass->type == PANGO_ATTR_FOREGROUND_ALPHA) {
			s->color[3] = ((const PangoAttrInt *)a)->value / 65535.0;
		}
	}
}

/* How much bigger than in the layout's user space its fonts are on the
 * device (a diagram scaled to its paper): 1 without a matrix. */
static double font_scale(PangoLayout *layout)
{
	const PangoMatrix *m = pango_context_get_matrix(
		pango_layout_get_context(layout));
	double scale = pango_matrix_get_font_scale_factor(m);

	return scale > 0 ? scale : 1;
}

/* The attributes of s that differ from base's (all of them without
 * base), on node. */
static void set_style(xmlNodePtr node, const struct run_style *s,
	const struct run_style *base)
{
	static const char *const styles[] = { "normal", "oblique", "italic" };

	if (base == NULL || strcmp(s->family, base->family) != 0) {
		/* A family name that CSS reads as it is, else quoted. */
		int plain = s->family[0] != '\0' && !g_ascii_isdigit(s->family[0]);
		char *name = g_strdelimit(g_strdup(s->family), "'\\", ' ');
		char *quoted;

		for (const char *p = name; *p != '\0' && plain; p++)
			plain = g_ascii_isalnum(*p) || *p == ' ' || *p == '-';
		quoted = plain ? g_strdup(name) : g_strdup_printf("'%s'", name);
		xmlNewProp(node, BAD_CAST "font-family", BAD_CAST quoted);
		g_free(quoted);
		g_free(name);
	}
	if (base == NULL || s->size != base->size)
		set_number(node, "font-size", s->size);
	if ((base == NULL && s->weight != PANGO_WEIGHT_NORMAL) ||
	    (base != NULL && s->weight != base->weight)) {
		if (s->weight == PANGO_WEIGHT_NORMAL || s->weight == PANGO_WEIGHT_BOLD)
			xmlNewProp(node, BAD_CAST "font-weight", BAD_CAST
				(s->weight == PANGO_WEIGHT_BOLD ? "bold" : "normal"));
		else
			set_number(node, "font-weight", s->weight);
	}
	if ((base == NULL && s->style != PANGO_STYLE_NORMAL) ||
	    (base != NULL && s->style != base->style))
		xmlNewProp(node, BAD_CAST "font-style", BAD_CAST
			styles[CLAMP((int)s->style, 0, 2)]);
	if (base == NULL || memcmp(s->color, base->color, sizeof(s->color)) != 0)
		set_color(node, "fill", "fill-opacity", s->color);
}

/* The characters of text[0..length) that XML can hold, but for line
 * breaks (a line is a <tspan> of its own). */
static char *xml_chars(const char *text, size_t length)
{
	GString *out = g_string_sized_new(length);
	const char *end = text + length;

	for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c != '\n' && c != '\r' && c != 0x2028 && c != 0x2029 &&
		    xmlIsCharQ(c))
			g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

/* The end of a line's text without the spaces its wrap left there. */
static int trimmed_end(const char *text, const PangoLayoutLine *line)
{
	int end = line->start_index + line->length;

	while (end > line->start_index && (text[end - 1] == ' ' ||
	    text[end - 1] == '\n' || text[end - 1] == '\r' ||
	    text[end - 1] == '\t'))
		end--;
	return end;
}

/* One line: a <tspan> at its start, middle or end (by the anchor) on its
 * baseline, holding its runs; runs styled otherwise than base in
 * <tspan>s of their own. */
static void add_line(xmlNodePtr text_node, xmlNsPtr ns, PangoLayoutIter *iter,
	const struct kept_text *t, const struct run_style *base,
	PangoAlignment align)
{
	PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
	const char *text = pango_layout_get_text(t->layout);
	int end = trimmed_end(text, line), x_end = 0;
	PangoRectangle logical;
	xmlNodePtr span;
	double x;

	if (end <= line->start_index)
		return;
	pango_layout_iter_get_line_extents(iter, NULL, &logical);
	pango_layout_line_index_to_x(line, end, FALSE, &x_end);
	x = logical.x + (align == PANGO_ALIGN_CENTER ? x_end / 2.0
		: align == PANGO_ALIGN_RIGHT ? x_end : 0);
	span = xmlNewChild(text_node, ns, BAD_CAST "tspan", NULL);
	set_number(span, "x", t->x + x / PANGO_SCALE);
	set_number(span, "y", t->y + (double)pango_layout_iter_get_baseline(iter)
		/ PANGO_SCALE);
	for (GSList *l = line->runs; l != NULL; l = l->next) {
		const PangoGlyphItem *run = l->data;
		int from = run->item->offset;
		int to = MIN(run->item->offset + run->item->length, end);
		struct run_style s;
		char *chars;

		if (to <= from)
			continue;
		run_style(run, t->color, font_scale(t->layout), &s);
		chars = xml_chars(text + from, (size_t)(to - from));
		if (memcmp(&s, base, sizeof(s)) == 0) {
			xmlNodeAddContent(span, BAD_CAST chars);
		} else {
			xmlNodePtr part = xmlNewTextChild(span, ns, BAD_CAST "tspan",
				BAD_CAST chars);

			set_style(part, &s, base);
		}
		g_free(chars);
	}
}

static int is_identity(const cairo_matrix_t *m)
{
	return m->xx == 1 && m->yx == 0 && m->xy == 0 && m->yy == 1 &&
		m->x0 == 0 && m->y0 == 0;
}

/* The <text> of t; NULL when it has no character to show. */
static xmlNodePtr text_element(const struct kept_text *t, xmlNsPtr ns)
{
	static const char *const anchors[] = { "start", "middle", "end" };
	PangoLayoutIter *iter = pango_layout_get_iter(t->layout);
	PangoAlignment align = pango_layout_get_alignment(t->layout);
	PangoLayoutRun *first;
	xmlNodePtr node;
	struct run_style base;

	/* The first run's font is the text's; no run, no text. */
	do
		first = pango_layout_iter_get_run_readonly(iter);
	while (first == NULL && pango_layout_iter_next_run(iter));
	pango_layout_iter_free(iter);
	if (first == NULL)
		return NULL;
	run_style(first, t->color, font_scale(t->layout), &base);
	iter = pango_layout_get_iter(t->layout);
	node = xmlNewNode(ns, BAD_CAST "text");
	xmlNodeSetSpacePreserve(node, 1);
	set_style(node, &base, NULL);
	if (t->halo_width > 0) {
		set_color(node, "stroke", "stroke-opacity", t->halo_color);
		set_number(node, "stroke-width", t->halo_width);
		xmlNewProp(node, BAD_CAST "stroke-linejoin", BAD_CAST "round");
		xmlNewProp(node, BAD_CAST "paint-order", BAD_CAST "stroke");
	}
	if (align != PANGO_ALIGN_LEFT)
		xmlNewProp(node, BAD_CAST "text-anchor", BAD_CAST anchors[align]);
	if (!is_identity(&t->matrix)) {
		const cairo_matrix_t *m = &t->matrix;
		char *value, v[6][G_ASCII_DTOSTR_BUF_SIZE];
		const double c[6] = { m->xx, m->yx, m->xy, m->yy, m->x0, m->y0 };

		for (int i = 0; i < 6; i++)
			g_ascii_formatd(v[i], sizeof(v[i]), "%.6g", c[i]);
		value = g_strdup_printf("matrix(%s,%s,%s,%s,%s,%s)", v[0], v[1],
			v[2], v[3], v[4], v[5]);
		xmlNewProp(node, BAD_CAST "transform", BAD_CAST value);
		g_free(value);
	}
	do
		add_line(node, ns, iter, t, &base, align);
	while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	if (node->children == NULL) {   /* spaces alone */
		xmlFreeNode(node);
		return NULL;
	}
	return node;
}

/* ---- putting the texts in ------------------------------------------- */

static int is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* Unlink and free n with the white space that follows it; returns the
 * node after them. */
static xmlNodePtr remove_node(xmlNodePtr n)
{
	xmlNodePtr next = n->next;

	if (next != NULL && xmlIsBlankNode(next)) {
		xmlNodePtr blank = next;

		next = blank->next;
		xmlUnlinkNode(blank);
		xmlFreeNode(blank);
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	return next;
}

/* The markers' <image>s in <defs>: their ids and texts, into ids; the
 * images go, and <defs> when nothing else is left in it. */
static void take_markers(xmlNodePtr root, GHashTable *ids, guint n_texts)
{
	for (xmlNodePtr defs = root->children, next_defs; defs != NULL;
	     defs = next_defs) {
		int left = 0;

		next_defs = defs->next;
		if (!is_element(defs, "defs"))
			continue;
		for (xmlNodePtr n = defs->children, next; n != NULL; n = next) {
			xmlChar *href = NULL, *id = NULL;
			guint64 index = G_MAXUINT64;

			next = n->next;
			if (is_element(n, "image")) {
				href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST XLINK_NS);
				id = xmlGetProp(n, BAD_CAST "id");
			}
			if (href != NULL && id != NULL && g_str_has_prefix((char *)href,
			    MARKER_URI) && g_ascii_string_to_unsigned((char *)href +
			    strlen(MARKER_URI), 10, 0, n_texts - 1, &index, NULL)) {
				g_hash_table_insert(ids, g_strconcat("#", (char *)id, NULL),
					GUINT_TO_POINTER((guint)index + 1));
				next = remove_node(n);
			} else {
				left |= !xmlIsBlankNode(n);
			}
			xmlFree(href);
			xmlFree(id);
		}
		if (!left)
			next_defs = remove_node(defs);
	}
}

/* Each <use> of a marker under n becomes its text. */
static void put_texts(xmlNodePtr n, GHashTable *ids, const page_svg *svg,
	xmlNsPtr ns)
{
	for (xmlNodePtr c = n->children, next; c != NULL; c = next) {
		xmlNodePtr text;
		xmlChar *href;
		guint index = 0;

		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!is_element(c, "use")) {
			put_texts(c, ids, svg, ns);
			continue;
		}
		href = xmlGetNsProp(c, BAD_CAST "href", BAD_CAST XLINK_NS);
		if (href != NULL)
			index = GPOINTER_TO_UINT(g_hash_table_lookup(ids, href));
		xmlFree(href);
		if (index == 0)
			continue;
		text = text_element(&g_array_index(svg->texts, struct kept_text,
			index - 1), ns);
		if (text == NULL) {
			next = remove_node(c);   /* an empty text */
			continue;
		}
		xmlReplaceNode(c, text);
		xmlFreeNode(c);
	}
}

int page_svg_write(cairo_surface_t *surface, coopmap_error *err)
{
	page_svg *svg = cairo_surface_get_user_data(surface, &svg_key);
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlChar *out = NULL;
	int size = 0;
	GHashTable *ids;

	if (svg == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	/* Cairo's own document: no network, no entities, no messages. */
	doc = xmlReadMemory((const char *)svg->bytes->data, (int)svg->bytes->len,
		NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE |
		XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		xmlFreeDoc(doc);
		return coopmap_error_set(err, COOPMAP_ERR_RENDER,
			"cannot write the SVG: Cairo's drawing did not parse");
	}
	ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (svg->texts->len > 0) {
		take_markers(root, ids, svg->texts->len);
		put_texts(root, ids, svg, xmlSearchNsByHref(doc, root,
			BAD_CAST SVG_NS));
	}
	g_hash_table_destroy(ids);
	xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8");
	xmlFreeDoc(doc);
	if (out == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	if (fwrite(out, 1, (size_t)size, svg->stream) != (size_t)size ||
	    fflush(svg->stream) != 0 || ferror(svg->stream)) {
		xmlFree(out);
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"cannot write the SVG: write error (disk full?)");
	}
	xmlFree(out);
	return COOPMAP_OK;
}
