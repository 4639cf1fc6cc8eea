/*
 * render_text.c: every text of the map and the furniture that carries
 * text, laid out by Pango: title, subtitle and source line, the legend,
 * the scale bar, the labels of countries, circles and points (placed with
 * labels.h so that no two overlap and none covers the legend), the
 * neighbours' names of a regional map, an inset's island names.
 *
 * Not for where the furniture goes among the map's data (render_frame.c
 * finds the quiet places), nor for marks (render_symbol.c); it calls those
 * two parts and no other, and draws when the drawing order
 * (render_draw.c) says.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/i18n.h"
#include "intl.h"
#include "render_frame.h"
#include "render_symbol.h"
#include "render_text.h"

int render_text_check_font(const coopmap_style *style, coopmap_error *err)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoFontFamily **families = NULL;
	int n = 0, found = 0;

	pango_font_map_list_families(map, &families, &n);
	for (int i = 0; i < n && !found; i++)
		found = g_ascii_strcasecmp(pango_font_family_get_name(families[i]),
			style->font_family) == 0;
	g_free(families);
	if (!found)
		return coopmap_error_set(err, COOPMAP_ERR_STYLE,
			"%s%sfont '%s' (style '%s') is not installed; install it or "
			"name another family in the style (fonts-dejavu-core "
			"provides 'DejaVu Sans')", style->font_set_at,
			style->font_set_at[0] != '\0' ? ": " : "", style->font_family,
			style->name);
	return COOPMAP_OK;
}

static void show_with_halo(render_ctx *ctx, PangoLayout *layout, double x,
	double y, double halo)
{
	render_show_text(ctx, layout, x, y, ctx->style->text, halo);
}

static void default_title(render_ctx *ctx, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ctx->opts->title != NULL ? ctx->opts->title
		: _("International hospital cooperation"));
}

static void default_subtitle(render_ctx *ctx, char *buf, size_t size)
{
	const coopmap_summary *s = &ctx->data->summary;
	size_t used;

	if (ctx->opts->subtitle != NULL) {
		snprintf(buf, size, "%s", ctx->opts->subtitle);
		return;
	}
	/* Three counts, each with its own plural: one phrase each, joined. */
	used = (size_t)snprintf(buf, size, _n("%zu project", "%zu projects",
		s->projects), s->projects);
	if (used < size)
		/* TRANSLATORS: follows "N projects" in a map's subtitle. */
		used += (size_t)snprintf(buf + used, size - used, _n(" of %zu French "
			"establishment", " of %zu French establishments",
			s->establishments), s->establishments);
	if (used < size)
		/* TRANSLATORS: follows "N projects of N French establishments". */
		used += (size_t)snprintf(buf + used, size - used, _n(" with %zu "
			"partner country", " with %zu partner countries", s->countries),
			s->countries);
	if (used < size && s->year_min > 0 && s->year_min != s->year_max)
		/* TRANSLATORS: a map's subtitle: the years the projects started. */
		snprintf(buf + used, size - used, _(", started %d–%d"),
			s->year_min, s->year_max);
	else if (used < size && s->year_min > 0)
		used += (size_t)snprintf(buf + used, size - used, _(", started %d"),
			s->year_min);
	if (ctx->data->filters != NULL && ctx->data->filters[0] != '\0' &&
	    used < size)
		snprintf(buf + used, size - used, " — %s", ctx->data->filters);
}

static void source_line(render_ctx *ctx, char *buf, size_t size)
{
	char date[64];
	const char *code = coopmap_projection_code(ctx->projection);
	const char *credit = ctx->opts->source;
	char projection[256];
	size_t used;

	if (code[0] != '\0')
		snprintf(projection, sizeof(projection), "%s (%s)",
			coopmap_projection_name(ctx->projection), code);
	else
		snprintf(projection, sizeof(projection), "%s",
			coopmap_projection_name(ctx->projection));
	if (credit == NULL)
		credit = _("Data: project list");
	/* TRANSLATORS: a map's source line: the data's credit, then the
	 * projection's name and code. */
	used = (size_t)snprintf(buf, size, _("%s · Basemap: Natural Earth · "
		"Projection: %s"), credit, projection);
	for (size_t i = 0; i < ctx->data->n_layers && used < size; i++) {
		const coopmap_layer *l = ctx->data->layers[i];

		coopmap_i18n_date(coopmap_layer_date(l), ctx->lang, date, sizeof(date));
		used += (size_t)snprintf(buf + used, size - used, "%s%s (%s)",
			i > 0 ? " ; " : _(" · Layers: "),
			coopmap_layer_title(l, ctx->lang), date);
	}
	coopmap_i18n_date(ctx->opts->date, ctx->lang, date, sizeof(date));
	if (date[0] != '\0' && used < size)
		snprintf(buf + used, size - used, _(" · Map: coopmap, %s"), date);
}

void render_text_measure_page(render_ctx *ctx, double *top, double *bottom)
{
	char text[1024];
	PangoLayout *layout;
	double w, h, th, sh, wrap = ctx->width - 40 * ctx->unit;

	default_title(ctx, text, sizeof(text));
	layout = render_font_layout(ctx, text, ctx->style->title_size, PANGO_WEIGHT_BOLD);
	render_layout_size(layout, &w, &th);
	g_object_unref(layout);
	default_subtitle(ctx, text, sizeof(text));
	layout = render_font_layout(ctx, text, ctx->style->subtitle_size,
		PANGO_WEIGHT_NORMAL);
	render_layout_size(layout, &w, &sh);
	g_object_unref(layout);
	*top = 18 * ctx->unit + th + 4 * ctx->unit + sh + 12 * ctx->unit;

	source_line(ctx, text, sizeof(text));
	layout = render_font_layout(ctx, text, ctx->style->source_size,
		PANGO_WEIGHT_NORMAL);
	pango_layout_set_width(layout, (int)(wrap * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
	render_layout_size(layout, &w, &h);
	g_object_unref(layout);
	*bottom = 10 * ctx->unit + h + 14 * ctx->unit;
}

void render_text_draw_page(render_ctx *ctx)
{
	char text[1024];
	PangoLayout *layout;
	double w, h, x = 20 * ctx->unit, y = 18 * ctx->unit;
	coopmap_color grey = ctx->style->text;

	default_title(ctx, text, sizeof(text));
	layout = render_font_layout(ctx, text, ctx->style->title_size, PANGO_WEIGHT_BOLD);
	render_layout_size(layout, &w, &h);
	show_with_halo(ctx, layout, x, y, 0);
	g_object_unref(layout);
	y += h + 4 * ctx->unit;

	default_subtitle(ctx, text, sizeof(text));
	layout = render_font_layout(ctx, text, ctx->style->subtitle_size,
		PANGO_WEIGHT_NORMAL);
	show_with_halo(ctx, layout, x, y, 0);
	g_object_unref(layout);

	source_line(ctx, text, sizeof(text));
	layout = render_font_layout(ctx, text, ctx->style->source_size,
		PANGO_WEIGHT_NORMAL);
	pango_layout_set_width(layout, (int)((ctx->width - 40 * ctx->unit) *
		PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
	render_layout_size(layout, &w, &h);
	grey.a *= 0.8;
	render_show_text(ctx, layout, x, ctx->height - 14 * ctx->unit - h, grey, 0);
	g_object_unref(layout);
}

/* One legend row: a fill colour, a layer's symbol, the highlight outline
 * or a proportional circle; and its text. */
enum row_kind { ROW_FILL, ROW_LAYER, ROW_HIGHLIGHT, ROW_MARKER, ROW_HEADING,
	ROW_LINK, ROW_POINT };

#define LEGEND_MAX_ROWS (COOPMAP_BREAKS_MAX + 5 + COOPMAP_RENDER_MAX_LAYERS + 14)

struct legend_row {
	enum row_kind kind;
	int layer;           /* ROW_LAYER: the layer; ROW_LINK: width class;
	                        ROW_POINT: node kind */
	int approximate;     /* ROW_POINT: drawn as placed approximately */
	size_t count;        /* ROW_POINT: a group's count, or 0 */
	coopmap_color color;
	char text[256];
};

/* A whole number with thin spaces between thousands: "12 500". */
static void format_number(double v, char *buf, size_t size)
{
	char digits[64];
	size_t n, out = 0;

	snprintf(digits, sizeof(digits), "%.0f", v);
	n = strlen(digits);
	for (size_t i = 0; i < n && out + 4 < size; i++) {
		if (i > 0 && digits[i - 1] != '-' && (n - i) % 3 == 0) {
			memcpy(buf + out, "\u202f", 3);   /* narrow no-break space */
			out += 3;
		}
		buf[out++] = digits[i];
	}
	buf[out] = '\0';
}

static void class_text(render_ctx *ctx, int k, char *buf, size_t size)
{
	char lo[64], hi[64];

	format_number(ctx->breaks.lower[k], lo, sizeof(lo));
	format_number(ctx->breaks.upper[k], hi, sizeof(hi));
	if (ctx->breaks.lower[k] == ctx->breaks.upper[k])
		snprintf(buf, size, "%s", lo);
	else
		snprintf(buf, size, "%s – %s", lo, hi);
}

static size_t add_row(struct legend_row *rows, size_t n, enum row_kind kind,
	coopmap_color color, const char *text)
{
	memset(&rows[n], 0, sizeof(rows[n]));
	rows[n].kind = kind;
	rows[n].color = color;
	snprintf(rows[n].text, sizeof(rows[n].text), "%s", text);
	return n + 1;
}

/* The links' and points' rows: what is drawn, nothing else. */
static size_t network_rows(render_ctx *ctx, struct legend_row *rows, size_t n)
{
	static const char *const widths[3] = { N_("1 project"),
		N_("2 or 3 projects"), N_("4 projects or more") };
	coopmap_color grey = ctx->style->link_programme[COOPMAP_PROGRAMME_OTHER];
	int any_link = 0, any_group = 0;
	char text[256];

	for (int k = 0; k < COOPMAP_PROGRAMME_COUNT; k++)
		any_link |= ctx->links_seen[k];
	if (any_link) {
		n = add_row(rows, n, ROW_HEADING, ctx->style->text,
			_("Links, by funding"));
		for (int k = 0; k < COOPMAP_PROGRAMME_COUNT; k++) {
			if (!ctx->links_seen[k])
				continue;
			n = add_row(rows, n, ROW_LINK, ctx->style->link_programme[k],
				coopmap_programme_label((coopmap_programme)k, ctx->lang));
			rows[n - 1].layer = 1;
		}
		for (int w = 0; w < 3; w++) {
			if (!ctx->link_classes_seen[w])
				continue;
			n = add_row(rows, n, ROW_LINK, grey,
				_(widths[w]));
			rows[n - 1].layer = w;
		}
	}
	if (ctx->n_points == 0)
		return n;
	for (size_t g = 0; g < ctx->n_points; g++)
		any_group |= ctx->points[g].members > 1;
	/* TRANSLATORS: the legend's heading of the points: what their size
	 * says ("projects", "establishments" ...). */
	snprintf(text, sizeof(text), _("Places (size: %s)"),
		coopmap_measure_noun(ctx->data->measure, ctx->lang));
	n = add_row(rows, n, ROW_HEADING, ctx->style->text, text);
	n = add_row(rows, n, ROW_POINT, ctx->style->establishment,
		_("French establishment"));
	rows[n - 1].layer = COOPMAP_NODE_ESTABLISHMENT;
	n = add_row(rows, n, ROW_POINT, ctx->style->partner,
		/* TRANSLATORS: the map's legend (the web page has its own). */
		C_("map legend", "Partner hospital"));
	rows[n - 1].layer = COOPMAP_NODE_PARTNER;
	if (ctx->approximate_seen) {
		n = add_row(rows, n, ROW_POINT, ctx->style->partner,
			_("Place approximate (city unknown: the country's centre)"));
		rows[n - 1].layer = COOPMAP_NODE_PARTNER;
		rows[n - 1].approximate = 1;
	}
	if (any_group) {
		n = add_row(rows, n, ROW_POINT, ctx->style->establishment,
			_("Places grouped at this scale, with their number"));
		rows[n - 1].layer = COOPMAP_NODE_ESTABLISHMENT;
		rows[n - 1].count = 3;
	}
	return n;
}

static size_t legend_rows(render_ctx *ctx, struct legend_row *rows)
{
	size_t n = 0;

	for (int k = 0; k < ctx->breaks.n; k++, n++) {
		rows[n].kind = ROW_FILL;
		rows[n].color = ctx->style->classes[k];
		class_text(ctx, k, rows[n].text, sizeof(rows[n].text));
	}
	if (ctx->not_stated_seen)
		n = add_row(rows, n, ROW_FILL, ctx->style->not_stated,
			_("Projects, figure not stated"));
	rows[n].kind = ROW_FILL;
	rows[n].color = ctx->style->land;
	snprintf(rows[n].text, sizeof(rows[n].text), "%s",
		C_("map legend", "No project"));
	n++;
	for (size_t i = 0; i < ctx->data->n_layers; i++, n++) {
		rows[n].kind = ROW_LAYER;
		rows[n].layer = (int)i;
		rows[n].color = ctx->style->land;
		snprintf(rows[n].text, sizeof(rows[n].text), "%s",
			coopmap_layer_title(ctx->data->layers[i], ctx->lang));
	}
	if (ctx->data->highlight != NULL) {
		rows[n].kind = ROW_HIGHLIGHT;
		rows[n].color = ctx->style->land;
		snprintf(rows[n].text, sizeof(rows[n].text), "%s",
			ctx->data->highlight_title != NULL ? ctx->data->highlight_title : "");
		n++;
	}
	if (ctx->data->n_markers > 0) {
		rows[n].kind = ROW_MARKER;
		rows[n].color = ctx->style->background;
		snprintf(rows[n].text, sizeof(rows[n].text), "%s",
			ctx->data->markers_title != NULL ? ctx->data->markers_title : "");
		n++;
	}
	return network_rows(ctx, rows, n);
}

static void draw_swatch(render_ctx *ctx, const struct legend_row *row,
	double x, double y, double w, double h)
{
	cairo_t *cr = ctx->cr;
	coopmap_color edge = ctx->style->text;

	if (row->kind == ROW_LINK) {
		cairo_move_to(cr, x, y + h / 2);
		cairo_line_to(cr, x + w, y + h / 2);
		render_set_color(cr, row->color);
		cairo_set_line_width(cr, render_link_width(ctx, row->layer));
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_stroke(cr);
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
		return;
	}
	if (row->kind == ROW_POINT) {
		render_point p = { x + w / 2, y + h / 2, h / 2 * (row->count ? 1.0
			: 0.75), (coopmap_node_kind)row->layer, row->count, 0, 0,
			NULL, 0, NULL };

		render_point_paint(ctx, p.kind, row->approximate, p.x, p.y, p.r);
		if (row->count > 1)
			render_point_count(ctx, &p);
		return;
	}
	cairo_rectangle(cr, x, y, w, h);
	render_set_color(cr, row->color);
	cairo_fill(cr);
	if (row->kind == ROW_MARKER) {
		render_marker_paint(ctx, x + w / 2, y + h / 2, h / 2);
		return;
	}
	if (row->kind == ROW_HIGHLIGHT) {
		double inset = ctx->style->highlight_width * ctx->unit / 2;

		cairo_rectangle(cr, x + inset, y + inset, w - 2 * inset, h - 2 * inset);
		render_set_color(cr, ctx->style->highlight);
		cairo_set_line_width(cr, ctx->style->highlight_width * ctx->unit);
		cairo_stroke(cr);
		return;
	}
	if (row->kind == ROW_LAYER) {
		/* The same symbol as on the map, over a plain land swatch. */
		double inset = render_layer_symbol((size_t)row->layer) ==
			SYMBOL_OUTLINE ? ctx->style->layer_line_width * ctx->unit / 2 : 0;

		cairo_rectangle(cr, x + inset, y + inset, w - 2 * inset, h - 2 * inset);
		render_layer_paint(ctx, (size_t)row->layer, 1.0);
	}
	edge.a = 0.35;
	cairo_rectangle(cr, x, y, w, h);
	render_set_color(cr, edge);
	cairo_set_line_width(cr, 0.6 * ctx->unit);
	cairo_stroke(cr);
}

/* A row's height in the legend: its gap above and its text or swatch. */
static double row_height(const render_ctx *ctx, const struct legend_row *row,
	PangoLayout *text)
{
	double gap = 4 * ctx->unit, sh = 13 * ctx->unit, tw, th;

	render_layout_size(text, &tw, &th);
	return row->kind == ROW_HEADING ? 3 * gap + th : gap + fmax(sh, th);
}

/* A row's width in the legend. */
static double row_width(const render_ctx *ctx, const struct legend_row *row,
	PangoLayout *text)
{
	double gap = 4 * ctx->unit, sw = 22 * ctx->unit, tw, th;

	render_layout_size(text, &tw, &th);
	return row->kind == ROW_HEADING ? tw : sw + gap * 2 + tw;
}

/*
 * The legend's rows in k columns: where each column starts (first[c],
 * first[k] = n), a column breaking before a heading where it can, so that
 * a section stays whole; each column's width, and the columns' height.
 */
#define LEGEND_MAX_COLUMNS 3

static void split_columns(const render_ctx *ctx, const struct legend_row *rows,
	PangoLayout **texts, size_t n, int k, size_t *first, double *col_w,
	double *height)
{
	double total = 0, run = 0;
	int c = 1;

	for (size_t i = 0; i < n; i++)
		total += row_height(ctx, &rows[i], texts[i]);
	first[0] = 0;
	/* Each column starts at the heading nearest its share of the
	 * height: a section is never cut. */
	for (; c < k; c++) {
		double best = HUGE_VAL;

		first[c] = n;
		run = 0;
		for (size_t i = 0; i < n; i++) {
			if (i > first[c - 1] && rows[i].kind == ROW_HEADING &&
			    fabs(run - total * c / k) < best) {
				best = fabs(run - total * c / k);
				first[c] = i;
			}
			run += row_height(ctx, &rows[i], texts[i]);
		}
		if (first[c] == n)
			break;
	}
	for (int m = c; m <= k; m++)
		first[m] = n;
	*height = 0;
	for (int m = 0; m < k; m++) {
		double h = 0;

		col_w[m] = 0;
		for (size_t i = first[m]; i < first[m + 1]; i++) {
			h += row_height(ctx, &rows[i], texts[i]) -
				(i == first[m] && rows[i].kind == ROW_HEADING && m > 0
				? 3 * 4 * ctx->unit : 0);
			col_w[m] = fmax(col_w[m], row_width(ctx, &rows[i], texts[i]));
		}
		*height = fmax(*height, h);
	}
}

/*
 * The legend, in one column, or two or three side by side when that
 * covers less of the map (a world map whose room is a row under it): the
 * quietest of the three, the fewer columns on a tie.
 */
int render_text_draw_legend(render_ctx *ctx)
{
	struct legend_row rows[LEGEND_MAX_ROWS];
	size_t n = legend_rows(ctx, rows);

	ctx->report->legend_rows = n;
	double u = ctx->unit, pad = 8 * u, gap = 4 * u, col_gap = 14 * u;
	double sw = 22 * u, sh = 13 * u, width = 0, height = 0, x, y, tw, th;
	double title_w, title_h, best_cost = HUGE_VAL;
	double col_w[LEGEND_MAX_COLUMNS], best_w[LEGEND_MAX_COLUMNS];
	size_t first[LEGEND_MAX_COLUMNS + 1], best_first[LEGEND_MAX_COLUMNS + 1];
	int columns = 1;
	PangoLayout *title, *texts[LEGEND_MAX_ROWS];
	cairo_t *cr = ctx->cr;

	title = render_font_layout(ctx, coopmap_measure_title(ctx->data->measure,
		ctx->lang), ctx->style->legend_size, PANGO_WEIGHT_BOLD);
	render_layout_size(title, &title_w, &title_h);
	for (size_t i = 0; i < n; i++)
		texts[i] = render_font_layout(ctx, rows[i].text,
			ctx->style->legend_size, rows[i].kind == ROW_HEADING
			? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	for (int k = 1; k <= LEGEND_MAX_COLUMNS && (size_t)k <= n; k++) {
		double w = -col_gap, h, cost;
		coopmap_box box;

		split_columns(ctx, rows, texts, n, k, first, col_w, &h);
		if (k > 1 && first[k - 1] >= n)
			break;   /* no more columns to make */
		for (int m = 0; m < k; m++)
			w += col_w[m] + col_gap;
		w = fmax(w, title_w) + 2 * pad;
		h += title_h + 2 * pad;
		box = render_frame_quiet_corner(ctx, w, h, 6 * u, &cost);
		/* A column more must cover clearly less. */
		if (cost < best_cost - 0.05) {
			best_cost = cost;
			columns = k;
			width = w;
			height = h;
			ctx->report->legend_box = box;
			memcpy(best_first, first, sizeof(first));
			memcpy(best_w, col_w, sizeof(col_w));
		}
	}
	x = ctx->report->legend_box.x0;
	y = ctx->report->legend_box.y0;
	coopmap_placer_add_obstacle(ctx->placer, ctx->report->legend_box);

	cairo_rectangle(cr, x, y, width, height);
	render_set_color(cr, ctx->style->legend_background);
	cairo_fill_preserve(cr);
	render_set_color(cr, ctx->style->sphere_outline);
	cairo_set_line_width(cr, 0.6 * u);
	cairo_stroke(cr);

	show_with_halo(ctx, title, x + pad, y + pad, 0);
	g_object_unref(title);
	x += pad;
	for (int m = 0; m < columns; m++) {
		y = ctx->report->legend_box.y0 + pad + title_h;
		for (size_t i = best_first[m]; i < best_first[m + 1]; i++) {
			double row_h;

			render_layout_size(texts[i], &tw, &th);
			if (rows[i].kind == ROW_HEADING) {
				y += i == best_first[m] && m > 0 ? 0 : 3 * gap;
				show_with_halo(ctx, texts[i], x, y, 0);
				y += th;
				continue;
			}
			row_h = fmax(sh, th);
			y += gap;
			draw_swatch(ctx, &rows[i], x, y + (row_h - sh) / 2, sw, sh);
			show_with_halo(ctx, texts[i], x + sw + 2 * gap,
				y + (row_h - th) / 2, 0);
			y += row_h;
		}
		x += best_w[m] + col_gap;
	}
	for (size_t i = 0; i < n; i++)
		g_object_unref(texts[i]);
	return COOPMAP_OK;
}

/* Labels: the countries with projects, most projects first. */
struct label_item {
	size_t country;
	double value;
	const char *name;
};

static int compare_items(const void *a, const void *b)
{
	const struct label_item *x = a, *y = b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* True when the box lies inside the country (5 probe points). */
static int box_inside_country(render_ctx *ctx, size_t country,
	const coopmap_box *box)
{
	cairo_t *cr = ctx->cr;
	double inset = 1.0 * ctx->unit;
	double px[5] = { box->x0 + inset, box->x1 - inset, box->x0 + inset,
		box->x1 - inset, (box->x0 + box->x1) / 2 };
	double py[5] = { box->y0 + inset, box->y0 + inset, box->y1 - inset,
		box->y1 - inset, (box->y0 + box->y1) / 2 };
	int inside = 1;

	cairo_new_path(cr);
	render_frame_path(ctx, &ctx->paths[country]);
	for (int i = 0; i < 5 && inside; i++)
		inside = cairo_in_fill(cr, px[i], py[i]);
	cairo_new_path(cr);
	return inside;
}

/* Candidate boxes around an anchor: right, left, above, below, diagonals,
 * at growing distances. */
static coopmap_box candidate(double ax, double ay, double w, double h,
	int dir, double d)
{
	static const double dx[8] = { 1, -1, 0, 0, 0.7, -0.7, 0.7, -0.7 };
	static const double dy[8] = { 0, 0, -1, 1, -0.7, -0.7, 0.7, 0.7 };
	double cx = ax + dx[dir] * (d + w / 2);
	double cy = ay + dy[dir] * (d + h / 2);

	return (coopmap_box){ cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };
}

/* Candidate boxes between candidate()'s eight directions, at 22.5
 * degrees from each, at distance d. */
static coopmap_box between(double ax, double ay, double w, double h,
	int k, double d)
{
	double a = G_PI / 8 + k * G_PI / 4;
	double cx = ax + cos(a) * (d + w / 2);
	double cy = ay - sin(a) * (d + h / 2);

	return (coopmap_box){ cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };
}

static void leader_line(render_ctx *ctx, double ax, double ay,
	const coopmap_box *box)
{
	cairo_t *cr = ctx->cr;
	double tx = fmax(box->x0, fmin(ax, box->x1));
	double ty = fmax(box->y0, fmin(ay, box->y1));

	render_set_color(cr, ctx->style->label_leader);
	cairo_arc(cr, ax, ay, 1.6 * ctx->unit, 0, 2 * G_PI);
	cairo_fill(cr);
	cairo_move_to(cr, ax, ay);
	cairo_line_to(cr, tx, ty);
	cairo_set_line_width(cr, 0.6 * ctx->unit);
	cairo_stroke(cr);
}

/*
 * A wrapped, centred label's lines sit within its wrap width: the logical
 * box (what layout_size measures, what the placer reserves) starts that far
 * right of the layout's origin.  Drawn at box.x0 - this, the text fills
 * the box it was given instead of running past its right edge.
 */
static double label_shift(PangoLayout *layout)
{
	PangoRectangle logical;

	pango_layout_get_extents(layout, NULL, &logical);
	return (double)logical.x / PANGO_SCALE;
}

static PangoLayout *label_layout(render_ctx *ctx, const char *name)
{
	PangoLayout *layout = render_font_layout(ctx, name, ctx->style->label_size,
		PANGO_WEIGHT_NORMAL);
	double w, h, em = ctx->style->label_size * ctx->unit;

	/* Long names ("République démocratique du Congo") on two lines. */
	render_layout_size(layout, &w, &h);
	if (w > 11 * em) {
		pango_layout_set_width(layout, (int)(w * 0.6 * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	}
	return layout;
}

static int place_label(render_ctx *ctx, const struct label_item *item)
{
	const coopmap_country *c = coopmap_countries_get(ctx->data->countries,
		item->country);
	PangoLayout *layout;
	double ax, ay, w, h, pad = 1.5 * ctx->unit;
	coopmap_box box;
	int placed = 0, outside = 0;

	if (!render_frame_point(ctx, c->label_lon, c->label_lat, &ax, &ay))
		return -1;  /* off this map: not wanted here */
	layout = label_layout(ctx, item->name);
	render_layout_size(layout, &w, &h);
	box = (coopmap_box){ ax - w / 2 - pad, ay - h / 2 - pad,
		ax + w / 2 + pad, ay + h / 2 + pad };
	if (box_inside_country(ctx, item->country, &box) &&
	    coopmap_placer_is_free(ctx->placer, &box))
		placed = 1;
	for (int step = 1; step <= 4 && !placed; step++) {
		for (int dir = 0; dir < 8 && !placed; dir++) {
			box = candidate(ax, ay, w + 2 * pad, h + 2 * pad, dir,
				step * 5.0 * ctx->unit);
			placed = coopmap_placer_is_free(ctx->placer, &box);
		}
		outside = 1;
	}
	if (placed) {
		coopmap_placer_add_label(ctx->placer, box);
		if (outside)
			leader_line(ctx, ax, ay, &box);
		show_with_halo(ctx, layout, box.x0 + pad - label_shift(layout),
			box.y0 + pad, 2.4 * ctx->unit);
	}
	g_object_unref(layout);
	return placed;
}

/*
 * Where in the frame country i shows, on a grid of cells: the cells its
 * land covers, nearest their mean first, in cells[] (at most max); how
 * many.  One fill of an A8 grid a country, as land_share does.
 */
#define NEIGHBOUR_GRID 48

static size_t visible_cells(render_ctx *ctx, size_t i, int *cells, size_t max)
{
	const coopmap_box *f = &ctx->frame;
	double sx = NEIGHBOUR_GRID / (f->x1 - f->x0);
	double sy = NEIGHBOUR_GRID / (f->y1 - f->y0), mx = 0, my = 0;
	cairo_surface_t *grid = cairo_image_surface_create(CAIRO_FORMAT_A8,
		NEIGHBOUR_GRID, NEIGHBOUR_GRID);
	cairo_t *cr = cairo_create(grid);
	const unsigned char *pixels;
	size_t n = 0;
	int stride;

	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_scale(cr, sx, sy);
	cairo_translate(cr, -f->x0, -f->y0);
	{
		cairo_t *page = ctx->cr;

		ctx->cr = cr;
		render_frame_path(ctx, &ctx->paths[i]);
		ctx->cr = page;
	}
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_flush(grid);
	pixels = cairo_image_surface_get_data(grid);
	stride = cairo_image_surface_get_stride(grid);
	for (int y = 0; pixels != NULL && y < NEIGHBOUR_GRID; y++) {
		for (int x = 0; x < NEIGHBOUR_GRID && n < max; x++) {
			if (pixels[y * stride + x] == 0)
				continue;
			cells[n++] = y * NEIGHBOUR_GRID + x;
			mx += x;
			my += y;
		}
	}
	cairo_surface_destroy(grid);
	if (n == 0)
		return 0;
	mx /= (double)n;
	my /= (double)n;
	/* Nearest the mean first: a few passes of selection suffice. */
	for (size_t a = 0; a < n && a < 12; a++) {
		size_t best = a;
		double bd = HUGE_VAL;

		for (size_t b = a; b < n; b++) {
			double dx = cells[b] % NEIGHBOUR_GRID - mx;
			double dy = cells[b] / NEIGHBOUR_GRID - my;

			if (dx * dx + dy * dy < bd) {
				bd = dx * dx + dy * dy;
				best = b;
			}
		}
		int t = cells[a];
		cells[a] = cells[best];
		cells[best] = t;
	}
	return n < 12 ? n : 12;
}

/*
 * On a regional or country map, the names of the countries around the
 * subject, where their land shows in the frame: smaller and lighter than
 * the subject's, inside the country, never over another label or a mark.
 */
static size_t draw_neighbour_labels(render_ctx *ctx)
{
	size_t n = coopmap_countries_count(ctx->data->countries), placed = 0;
	int *cells = malloc(NEIGHBOUR_GRID * NEIGHBOUR_GRID * sizeof(int));
	const coopmap_box *f = &ctx->frame;
	coopmap_color color = ctx->style->text;
	double pad = 1.0 * ctx->unit;

	if (cells == NULL)
		return 0;
	color.a *= 0.7;
	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(ctx->data->countries,
			i);
		PangoLayout *layout;
		size_t k, m;
		double w, h;

		if (c->iso_a3[0] == '\0' || render_frame_is_subject(ctx, i) ||
		    ctx->paths[i].n_rings == 0)
			continue;
		m = visible_cells(ctx, i, cells, NEIGHBOUR_GRID * NEIGHBOUR_GRID);
		if (m == 0)
			continue;
		layout = render_font_layout(ctx, coopmap_country_name(c, ctx->lang),
			ctx->style->label_size * 0.85, PANGO_WEIGHT_NORMAL);
		render_layout_size(layout, &w, &h);
		for (k = 0; k < m; k++) {
			double ax = f->x0 + (cells[k] % NEIGHBOUR_GRID + 0.5) *
				(f->x1 - f->x0) / NEIGHBOUR_GRID;
			double ay = f->y0 + (cells[k] / NEIGHBOUR_GRID + 0.5) *
				(f->y1 - f->y0) / NEIGHBOUR_GRID;
			coopmap_box box = { ax - w / 2 - pad, ay - h / 2 - pad,
				ax + w / 2 + pad, ay + h / 2 + pad };

			if (!coopmap_placer_is_free(ctx->placer, &box) ||
			    !box_inside_country(ctx, i, &box))
				continue;
			coopmap_placer_add_label(ctx->placer, box);
			render_show_text(ctx, layout, box.x0 + pad, box.y0 + pad, color,
				1.8 * ctx->unit);
			placed++;
			break;
		}
		g_object_unref(layout);
	}
	free(cells);
	return placed;
}

/* A marker's label beside its circle: right, left, above, below.
 * Returns whether it was placed, with the marker's centre in *x, *y. */
static int place_marker_label(render_ctx *ctx, const coopmap_render_marker *m,
	double *x_out, double *y_out)
{
	double x, y, w, h, r, pad = 1.5 * ctx->unit, gap = 2 * ctx->unit;
	PangoLayout *layout;
	int placed = 0;

	if (m->label == NULL || m->label[0] == '\0' ||
	    !render_frame_point(ctx, m->lon, m->lat, &x, &y))
		return 0;
	*x_out = x;
	*y_out = y;
	r = render_marker_radius(ctx, m->value);
	layout = label_layout(ctx, m->label);
	render_layout_size(layout, &w, &h);
	w += 2 * pad;
	h += 2 * pad;
	for (int dir = 0; dir < 4; dir++) {
		double cx = x + (dir == 0 ? r + gap + w / 2 : dir == 1
			? -(r + gap + w / 2) : 0);
		double cy = y + (dir == 2 ? -(r + gap + h / 2) : dir == 3
			? r + gap + h / 2 : 0);
		coopmap_box box = { cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };

		if (!coopmap_placer_is_free(ctx->placer, &box))
			continue;
		coopmap_placer_add_label(ctx->placer, box);
		show_with_halo(ctx, layout, box.x0 + pad - label_shift(layout),
			box.y0 + pad, 2.4 * ctx->unit);
		placed = 1;
		break;
	}
	g_object_unref(layout);
	return placed;
}

double render_text_small(render_ctx *ctx, const char *text, double x,
	double y, double max_width, int bold)
{
	PangoLayout *layout = render_font_layout(ctx, text, ctx->style->legend_size * 0.9,
		bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	double w, h;

	if (max_width > 0) {
		pango_layout_set_width(layout, (int)(max_width * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	}
	render_layout_size(layout, &w, &h);
	if (!isnan(x))
		show_with_halo(ctx, layout, x, y, 0);
	g_object_unref(layout);
	return h;
}

double render_text_small_width(render_ctx *ctx, const char *text)
{
	PangoLayout *layout = render_font_layout(ctx, text, ctx->style->legend_size * 0.9,
		PANGO_WEIGHT_NORMAL);
	double w, h;

	render_layout_size(layout, &w, &h);
	g_object_unref(layout);
	return w;
}

static int compare_points(const void *a, const void *b)
{
	const render_point *x = *(const render_point *const *)a;
	const render_point *y = *(const render_point *const *)b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind == COOPMAP_NODE_PARTNER ? -1 : 1;
	return strcmp(x->label, y->label);
}

/*
 * A point's name beside its symbol: right, left, above, below, then the
 * diagonals; dropped when none is free.  The biggest values go first, so
 * that what drops is what matters least.
 */
/* A leader line from a symbol's edge to the nearest point of its label:
 * its two ends; 0 when the label touches the symbol (no line). */
static int leader_ends(const render_point *p, const coopmap_box *box,
	double end[4])
{
	double tx = fmax(box->x0, fmin(p->x, box->x1));
	double ty = fmax(box->y0, fmin(p->y, box->y1));
	double d = hypot(tx - p->x, ty - p->y);

	if (d <= p->r)
		return 0;
	end[0] = p->x + (tx - p->x) * p->r / d;
	end[1] = p->y + (ty - p->y) * p->r / d;
	end[2] = tx;
	end[3] = ty;
	return 1;
}

/* Whether the segment e (x0 y0 x1 y1) passes through box b. */
static int segment_meets(const double e[4], const coopmap_box *b)
{
	return coopmap_box_meets_segment(b, e[0], e[1], e[2], e[3]);
}

/* Whether a leader line e crosses no label and no obstacle (a symbol, the
 * legend, an inset) but the symbol it leaves from, at (x, y), and the
 * pieces of other leader lines (draw_leader's obstacles, no larger than
 * LEADER_PIECE units): two leaders may cross, a label never sits on one. */
#define LEADER_PIECE 3.2
static int leader_is_free(render_ctx *ctx, const double e[4], double x,
	double y)
{
	const coopmap_box *boxes;
	size_t n;

	for (int list = 0; list < 2; list++) {
		boxes = list == 0 ? coopmap_placer_labels(ctx->placer, &n)
			: coopmap_placer_obstacles(ctx->placer, &n);
		for (size_t i = 0; i < n; i++) {
			const coopmap_box *b = &boxes[i];

			if (x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1)
				continue;
			if (list == 1 && b->x1 - b->x0 <= LEADER_PIECE * ctx->unit &&
			    b->y1 - b->y0 <= LEADER_PIECE * ctx->unit)
				continue;
			if (segment_meets(e, b))
				return 0;
		}
	}
	return 1;
}

/* The leader line e drawn (when draw), and made a row of small
 * obstacles, so that no label placed after it sits on it. */
static void draw_leader(render_ctx *ctx, const double e[4], int draw)
{
	double len = hypot(e[2] - e[0], e[3] - e[1]);
	double step = (LEADER_PIECE - 1.2) * ctx->unit;
	int n = (int)ceil(len / step);

	if (draw) {
		cairo_move_to(ctx->cr, e[0], e[1]);
		cairo_line_to(ctx->cr, e[2], e[3]);
		render_set_color(ctx->cr, ctx->style->label_leader);
		cairo_set_line_width(ctx->cr, 0.6 * ctx->unit);
		cairo_stroke(ctx->cr);
	}
	/* The boxes of its pieces, a hair wider: they touch, so that no
	 * other leader passes between two, and hold no more than the line. */
	for (int i = 0; i < n; i++) {
		double xa = e[0] + (e[2] - e[0]) * i / n;
		double ya = e[1] + (e[3] - e[1]) * i / n;
		double xb = e[0] + (e[2] - e[0]) * (i + 1) / n;
		double yb = e[1] + (e[3] - e[1]) * (i + 1) / n;
		double hair = 0.5 * ctx->unit;   /* 2 + 2 x 0.5 < LEADER_PIECE */

		coopmap_placer_add_obstacle(ctx->placer, (coopmap_box){
			fmin(xa, xb) - hair, fmin(ya, yb) - hair, fmax(xa, xb) + hair,
			fmax(ya, yb) + hair });
	}
}

/* Whether one of the n points (x, y) lies on p's symbol. */
static int point_covers(const render_point *p, const double *x,
	const double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (hypot(x[i] - p->x, y[i] - p->y) <= p->r)
			return 1;
	}
	return 0;
}

/* The points' labels, but for the points that a labelled marker sits on
 * (named_x, named_y): a place is named once. */
/* How far from its symbol a point's label is tried, in steps of 7
 * thousandths: a name; a name in an inset (the France panel, where every
 * establishment should be named); the list of a group's members. */
#define LABEL_RINGS 3
#define INSET_LABEL_RINGS 10
#define LIST_RINGS 16
#define NEAR_RINGS 3

/* A list of members may go farther than a name. */
static int p_rings(const render_point *p, int rings)
{
	return p->names != NULL ? LIST_RINGS : rings;
}

/* A point's label in layout beside its symbol, then a little farther with
 * a leader line from the symbol's edge (rings steps); whether it was
 * placed.  Without draw, only its room is taken in the placer (a trial). */
static int place_point_label(render_ctx *ctx, const render_point *p,
	PangoLayout *layout, int rings, int draw)
{
	double pad = 1.2 * ctx->unit, gap = 1.5 * ctx->unit, w, h;

	render_layout_size(layout, &w, &h);
	w += 2 * pad;
	h += 2 * pad;
	for (int ring = 0; ring < rings; ring++) {
		/* Farther out, the eight directions and the eight between
		 * them: a label finds the sea or the empty land beside a
		 * crowded place, its leader line short and straight. */
		for (int dir = 0; dir < (ring < 2 ? 8 : 16); dir++) {
			coopmap_box box = dir < 8 ? candidate(p->x, p->y, w, h, dir,
				p->r * (dir < 4 ? 1.0 : 0.7) + gap +
				ring * 7.0 * ctx->unit) : between(p->x, p->y, w, h,
				dir - 8, p->r + gap + ring * 7.0 * ctx->unit);

			double e[4];
			int leader;

			if (!coopmap_placer_is_free(ctx->placer, &box))
				continue;
			leader = ring > 0 && leader_ends(p, &box, e);
			if (leader && !leader_is_free(ctx, e, p->x, p->y))
				continue;
			if (leader)
				draw_leader(ctx, e, draw);
			coopmap_placer_add_label(ctx->placer, box);
			if (!draw)
				return 1;
			show_with_halo(ctx, layout, box.x0 + pad - label_shift(layout),
				box.y0 + pad, 2.2 * ctx->unit);
			ctx->report->point_labels_placed++;
			if (p->kind == COOPMAP_NODE_ESTABLISHMENT && p->members == 1)
				ctx->report->establishments_named++;
			return 1;
		}
	}
	return 0;
}

/*
 * The short form of an establishment's name, for a crowded map: "Centre
 * hospitalier" as the field writes it, CH (CHS when "spécialisé"), on two
 * lines.  NULL when the name has no such words (caller frees).
 */
static char *short_name(const char *name)
{
	static const struct { const char *full, *abbr; } forms[] = {
		{ "Centre hospitalier spécialisé", "CHS" },
		{ "Centre hospitalier universitaire", "CHU" },
		{ "Centre hospitalier", "CH" },
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t n = strlen(forms[i].full);

		if (strncmp(name, forms[i].full, n) == 0)
			return g_strconcat(forms[i].abbr, name + n, NULL);
	}
	return NULL;
}

/* The short form of each line of a group's list ("– CH de Riom"), the
 * group's label kept; NULL when no line has one (caller frees). */
static char *short_list(const render_point *p)
{
	gchar **lines = g_strsplit(p->names, "\n", -1);
	GString *text = g_string_new(p->label);
	int shorter = 0;

	for (int i = 0; lines[i] != NULL; i++) {
		const char *dash = "– ";
		int dashed = strncmp(lines[i], dash, strlen(dash)) == 0;
		char *s = short_name(lines[i] + (dashed ? strlen(dash) : 0));

		g_string_append_printf(text, "\n%s%s", dashed ? dash : "",
			s != NULL ? s : lines[i] + (dashed ? strlen(dash) : 0));
		shorter |= s != NULL;
		g_free(s);
	}
	g_strfreev(lines);
	return g_string_free(text, !shorter);
}

/*
 * p's label placed within rings of its symbol: its name (with its
 * members listed under it when it is a small group of an inset), or, with
 * shorter, the short form, on two lines when long; nothing when there is
 * no shorter form.  Whether it was placed.
 */
static int place_label_form(render_ctx *ctx, const render_point *p,
	int shorter, int rings, int draw)
{
	PangoWeight weight = p->kind == COOPMAP_NODE_PARTNER
		? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_SEMIBOLD;
	char *text;
	PangoLayout *layout;
	double w, h;
	int placed, list = p->names != NULL;

	if (list)
		text = shorter ? short_list(p) : g_strdup_printf("%s\n%s",
			p->label, p->names);
	else
		text = shorter ? short_name(p->label) : g_strdup(p->label);
	if (text == NULL && shorter && !list)
		text = g_strdup(p->label);   /* perhaps on two lines */
	if (text == NULL)
		return 0;
	layout = render_font_layout(ctx, text, ctx->style->label_size * 0.9,
		weight);
	render_layout_size(layout, &w, &h);
	if (shorter && !list && w > 8 * ctx->style->label_size * ctx->unit) {
		pango_layout_set_width(layout, (int)(w * 0.6 * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	}
	/* The same text on one line was tried already. */
	placed = (!shorter || list || strcmp(text, p->label) != 0 ||
		pango_layout_get_line_count(layout) > 1) &&
		place_point_label(ctx, p, layout, rings, draw);
	if (draw && placed && list && p->kind == COOPMAP_NODE_ESTABLISHMENT)
		ctx->report->establishments_named += p->members;
	g_object_unref(layout);
	g_free(text);
	return placed;
}

/*
 * The stages of naming the points of order (n of them), each stage trying
 * those left by the one before, in their order: the page's map tries each
 * whole name, then, in the room left, the short forms.  An inset (the
 * France panel, where every establishment should be named) prefers a name
 * near its place, short if need be, to a whole name far from it: whole
 * then short near the symbol, then whole and short farther out, with a
 * leader line, and last the short forms as far as a list goes.  The
 * points left unnamed go to left (n_left of them); the establishments
 * named are returned.  Without draw, a trial: only the placer changes.
 */
static size_t name_points(render_ctx *ctx, const render_point **order,
	size_t n, int draw, const render_point **left, size_t *n_left)
{
	static const struct { int shorter, rings; } page_stages[] = {
		{ 0, LABEL_RINGS }, { 1, LABEL_RINGS },
	}, inset_stages[] = {
		{ 0, NEAR_RINGS }, { 1, NEAR_RINGS }, { 0, INSET_LABEL_RINGS },
		{ 1, INSET_LABEL_RINGS }, { 1, LIST_RINGS },
	};
	size_t named = 0, total = 0;

	memcpy(left, order, n * sizeof(*left));
	for (size_t k = 0; k < n; k++)
		total += order[k]->kind == COOPMAP_NODE_ESTABLISHMENT
			? order[k]->members : 0;
	for (size_t st = 0; st < (ctx->is_inset ? 5u : 2u); st++) {
		int shorter = ctx->is_inset ? inset_stages[st].shorter
			: page_stages[st].shorter;
		int rings = ctx->is_inset ? inset_stages[st].rings
			: page_stages[st].rings;
		size_t kept = 0;

		/* Those without room keep their order, for the next stage. */
		for (size_t k = 0; k < n; k++) {
			if (!place_label_form(ctx, left[k], shorter, p_rings(left[k],
			    rings), draw))
				left[kept++] = left[k];
		}
		n = kept;
	}
	*n_left = n;
	for (size_t k = 0; k < n; k++)
		named += left[k]->kind == COOPMAP_NODE_ESTABLISHMENT
			? left[k]->members : 0;
	return total - named;
}

/* How many times an inset tries again when a few of its points find no
 * room for their name, and how few "a few" is: each new order takes the
 * points left unnamed first (a list of a group's members, or a name
 * boxed in by the lists and leader lines placed before it). */
#define RETRIES 4
#define RETRY_LEFT 4

/*
 * The order in which an inset's points are named, from order (n): as it
 * is, or, when a few points are left unnamed, the same with those first,
 * tried on a copy of the placer, whichever names the most establishments
 * (the first of equals).  Keeps the placer as it was.
 */
static void best_order(render_ctx *ctx, const render_point **order, size_t n)
{
	const render_point **trial = calloc(n + 1, sizeof(*trial));
	const render_point **left = calloc(n + 1, sizeof(*left));
	coopmap_placer *kept = ctx->placer;
	size_t best = 0;

	for (int t = 0; trial != NULL && left != NULL && t <= RETRIES; t++) {
		size_t n_left = 0, named;

		if (t == 0)
			memcpy(trial, order, n * sizeof(*trial));
		ctx->placer = coopmap_placer_copy(kept);
		if (ctx->placer == NULL)
			break;
		named = name_points(ctx, trial, n, 0, left, &n_left);
		coopmap_placer_free(ctx->placer);
		if (t == 0 || named > best) {
			best = named;
			memcpy(order, trial, n * sizeof(*order));
		}
		if (n_left == 0 || n_left > RETRY_LEFT)
			break;
		/* The unnamed first, the others in the order they had. */
		for (size_t k = 0, m = n_left; k < n; k++) {
			size_t j = 0;

			while (j < n_left && left[j] != trial[k])
				j++;
			if (j == n_left)
				left[m++] = trial[k];
		}
		memcpy(trial, left, n * sizeof(*trial));
	}
	ctx->placer = kept;
	free(trial);
	free(left);
}

/*
 * The points' names, biggest first, but for the points that a labelled
 * marker sits on (named_x, named_y): a place is named once.  An inset
 * lists its groups' members first, the longest texts, and changes that
 * order when it leaves a few names out (best_order).
 */
static void draw_point_labels(render_ctx *ctx, const double *named_x,
	const double *named_y, size_t n_named)
{
	const render_point **order, **left;
	size_t n_left, n_order;

	if (ctx->n_points == 0)
		return;
	order = calloc(ctx->n_points, sizeof(*order));
	left = calloc(ctx->n_points, sizeof(*left));
	if (order == NULL || left == NULL) {
		free(order);
		free(left);
		return;
	}
	n_order = 0;
	for (size_t g = 0; g < ctx->n_points; g++) {
		if (!point_covers(&ctx->points[g], named_x, named_y, n_named))
			order[n_order++] = &ctx->points[g];
	}
	qsort(order, n_order, sizeof(*order), compare_points);
	if (ctx->is_inset) {
		size_t lists = 0;

		for (size_t k = 0; k < n_order; k++) {
			const render_point *p = order[k];

			if (p->names == NULL)
				continue;
			memmove(order + lists + 1, order + lists,
				(k - lists) * sizeof(*order));
			order[lists++] = p;
		}
		best_order(ctx, order, n_order);
	}
	name_points(ctx, order, n_order, 1, left, &n_left);
	free(order);
	free(left);
}

void render_text_draw_point_labels(render_ctx *ctx)
{
	draw_point_labels(ctx, NULL, NULL, 0);
}

int render_text_draw_labels(render_ctx *ctx)
{
	size_t n = coopmap_countries_count(ctx->data->countries), count = 0;
	size_t n_named = 0;
	struct label_item *items;
	double *named_x = calloc(ctx->data->n_markers + 1, sizeof(double));
	double *named_y = calloc(ctx->data->n_markers + 1, sizeof(double));

	if (named_x == NULL || named_y == NULL) {
		free(named_x);
		free(named_y);
		return COOPMAP_ERR_NOMEM;
	}
	/* Markers first: on a map of shared partners, theirs are the names
	 * that matter; the network's point under a marker stays unnamed. */
	for (size_t k = 0; k < ctx->data->n_markers; k++)
		n_named += (size_t)place_marker_label(ctx, &ctx->data->markers[
			ctx->marker_order[k]], &named_x[n_named], &named_y[n_named]);

	items = ctx->data->stats != NULL ? calloc(n + 1, sizeof(*items)) : NULL;
	if (ctx->data->stats == NULL || items == NULL) {
		free(named_x);
		free(named_y);
		return ctx->data->stats == NULL ? COOPMAP_OK : COOPMAP_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(ctx->data->countries, i);

		if (ctx->data->stats[i].projects == 0 || c->iso_a3[0] == '\0')
			continue;
		items[count].country = i;
		items[count].value = ctx->data->stats[i].sum[ctx->data->measure] +
			(double)ctx->data->stats[i].projects * 1e-9;
		items[count].name = coopmap_country_name(c, ctx->lang);
		count++;
	}
	qsort(items, count, sizeof(*items), compare_items);
	for (size_t i = 0; i < count; i++) {
		int placed = place_label(ctx, &items[i]);

		if (placed >= 0)
			ctx->report->labels_wanted++;
		if (placed > 0)
			ctx->report->labels_placed++;
	}
	free(items);
	draw_point_labels(ctx, named_x, named_y, n_named);
	free(named_x);
	free(named_y);
	if (render_frame_is_regional(ctx))
		ctx->report->neighbour_labels_placed = draw_neighbour_labels(ctx);
	return COOPMAP_OK;
}

/* A round length for about a quarter of the inset's width: 1, 2 or 5
 * times a power of ten, in km. */
static double scale_length_km(double km)
{
	double p = pow(10, floor(log10(km)));

	if (km >= 5 * p)
		return 5 * p;
	if (km >= 2 * p)
		return 2 * p;
	return p;
}

/* Device units per km along the parallel at the centre of the extent
 * asked (equal-area projections are not true to scale everywhere); 0
 * when the centre is off the map. */
static double units_per_km(render_ctx *ctx)
{
	double lon = (ctx->bbox[0] + ctx->bbox[2]) / 2;
	double lat = (ctx->bbox[1] + ctx->bbox[3]) / 2, d = 0.05;
	double xa, ya, xb, yb, m;

	if (lon > 180)
		lon -= 360;
	if (!render_frame_point(ctx, lon - d, lat, &xa, &ya) ||
	    !render_frame_point(ctx, lon + d, lat, &xb, &yb))
		return 0;
	m = coopmap_geodesic_distance(lon - d, lat, lon + d, lat);
	return m > 0 ? hypot(xb - xa, yb - ya) / (m / 1000.0) : 0;
}

coopmap_box render_text_draw_scale_bar(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;
	double frame_w = ctx->frame.x1 - ctx->frame.x0, u = ctx->unit;
	double per_km = units_per_km(ctx), km, len, x, y;
	coopmap_box box = { 0, 0, 0, 0 };
	char text[32];

	if (per_km <= 0)
		return box;
	km = scale_length_km((ctx->is_inset ? 0.3 : 0.2) * frame_w / per_km);
	len = km * per_km;
	snprintf(text, sizeof(text), "%g km", km);
	box = render_frame_quiet_corner(ctx, len + 5 * u +
		render_text_small_width(ctx, text), 12 * u,
		ctx->is_inset ? 2.5 * u : 6 * u, NULL);
	x = box.x0 + 1.5 * u;
	y = box.y0 + 9 * u;
	cairo_rectangle(cr, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
	render_set_color(cr, ctx->style->legend_background);
	cairo_fill(cr);
	cairo_move_to(cr, x, y - 2 * u);
	cairo_line_to(cr, x, y);
	cairo_line_to(cr, x + len, y);
	cairo_line_to(cr, x + len, y - 2 * u);
	render_set_color(cr, ctx->style->text);
	cairo_set_line_width(cr, 0.8 * u);
	cairo_stroke(cr);
	render_text_small(ctx, text, x + len + 2 * u, y - 7 * u, 0, 0);
	if (ctx->placer != NULL)
		coopmap_placer_add_obstacle(ctx->placer, box);
	return box;
}

/* Beside them, left of them near the frame's right side. */
void render_text_draw_place_names(render_ctx *sub,
	const render_place *places)
{
	double u = sub->unit;

	for (int i = 0; places != NULL && places[i].name != NULL; i++) {
		const render_place *p = &places[i];
		double x, y, w, h;
		coopmap_box box;

		if (!render_frame_point(sub, p->lon, p->lat, &x, &y))
			continue;
		w = render_text_small_width(sub, p->name);
		h = render_text_small(sub, p->name, NAN, 0, 0, 0);
		box = (coopmap_box){ x + 4 * u, y - h / 2, x + 4 * u + w, y + h / 2 };
		if (!coopmap_placer_is_free(sub->placer, &box))
			box = (coopmap_box){ x - 4 * u - w, y - h / 2, x - 4 * u,
				y + h / 2 };
		if (!coopmap_placer_is_free(sub->placer, &box))
			continue;
		coopmap_placer_add_label(sub->placer, box);
		render_text_small(sub, p->name, box.x0, box.y0, 0, 0);
	}
}
