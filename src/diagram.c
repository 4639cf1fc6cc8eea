/*
 * diagram.c: the actor diagram.  Everything is laid out in design units (a
 * page 1000 high, as wide as the paper's shape), then scaled onto the
 * surface: boxes in columns by family, programmes placed level with the
 * actors they link, arrows routed one by one on a grid (A*, orthogonal,
 * turns and shared lanes cost more) around the boxes and the labels placed
 * so far, each label put on its own arrow where it touches no box, no
 * other label and no other arrow.
 */
#include "coopmap/diagram.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/output.h"
#include "coopmap/page.h"
#include "intl.h"

#define DESIGN_H 1000.0
#define PAGE_MARGIN 24.0
#define CELL 5.0            /* routing grid */
#define ZONE 10.0           /* free space kept around a box for arrows */
#define BOX_PAD 7.0
#define MIN_GAP 24.0        /* between boxes of a column */
#define MIN_GUTTER 64.0     /* between columns */
#define TURN_COST 8.0
#define SHARED_COST 25.0    /* running along another arrow */
#define CROSS_COST 2.0
#define NEAR_COST 6.0       /* running right beside another arrow */
#define PORT_COST 40.0      /* starting or ending where another does */


/* Colours of the roles, in the order of coopmap_actor_roles() (after the
 * Okabe-Ito palette, darkened where a stripe on white needs it). */
static const double role_rgb[][3] = {
	{ 0.00, 0.45, 0.70 }, { 0.00, 0.62, 0.45 }, { 0.34, 0.71, 0.91 },
	{ 0.90, 0.62, 0.00 }, { 0.80, 0.47, 0.65 }, { 0.84, 0.37, 0.00 },
	{ 0.70, 0.64, 0.00 }, { 0.50, 0.50, 0.50 }, { 0.55, 0.34, 0.29 },
	{ 0.20, 0.13, 0.53 },
};
/* Box fill and header colour per family. */
static const double family_fill[][3] = {
	{ 1.00, 0.96, 0.88 }, { 0.91, 0.96, 0.92 }, { 0.99, 0.92, 0.83 },
	{ 0.90, 0.93, 0.97 },
};
static const double family_ink[][3] = {
	{ 0.55, 0.38, 0.05 }, { 0.13, 0.42, 0.22 }, { 0.62, 0.32, 0.02 },
	{ 0.13, 0.29, 0.50 },
};
static const double arrow_rgb[3] = { 0.27, 0.33, 0.42 };
static const double exclude_rgb[3] = { 0.75, 0.22, 0.17 };
static const double text_rgb[3] = { 0.12, 0.16, 0.22 };

struct node {
	size_t actor;
	GArray *children;       /* size_t actor indices, depth first */
	int column;
	coopmap_box box;
	PangoLayout *layout;
	int ends;               /* arrow ends on this box */
};

struct arrow {
	size_t from, to;        /* node indices */
	GString *label;
	int dashed;
	GArray *x, *y;          /* polyline, design units */
	coopmap_box label_box;
	double leader[4];       /* from the label to its arrow, when apart */
	PangoLayout *layout;
};

struct diagram {
	cairo_t *cr;
	PangoContext *pango;
	const coopmap_actors *actors;
	const coopmap_diagram_opts *opts;
	const char *lang, *font;
	double w, h;            /* design units */
	double area_top, area_bottom;
	GArray *nodes;          /* struct node */
	GArray *arrows;         /* struct arrow */
	long *node_of;          /* per actor: its node (ancestor's), or -1 */
	int n_columns;
	double column_x[64], column_w;
	int column_family[64];
	GArray *texts;          /* coopmap_box of page texts */
	/* routing grid */
	int gw, gh;
	unsigned char *blocked; /* a box and its zone, the page's texts */
	unsigned char *label;   /* under an arrow's label */
	unsigned char *used_h, *used_v, *port;
};

static int is_en(const struct diagram *d)
{
	return strcmp(d->lang, "en") == 0;
}

/* ---- text ------------------------------------------------------------ */

static void add_attr(PangoAttrList *list, PangoAttribute *a, size_t start,
	size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(list, a);
}

static PangoLayout *make_layout(struct diagram *d, const char *text,
	double size, PangoWeight weight, double width)
{
	PangoLayout *layout = coopmap_page_layout(d->pango, d->font, size,
		weight, text);

	if (width > 0) {
		pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	}
	return layout;
}

static void layout_size(PangoLayout *layout, double *w, double *h)
{
	PangoRectangle ink, logical;

	pango_layout_get_extents(layout, &ink, &logical);
	*w = (double)logical.width / PANGO_SCALE;
	*h = (double)logical.height / PANGO_SCALE;
}

static void set_rgb(cairo_t *cr, const double rgb[3])
{
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

/* Draw layout at (x, y) in rgb: every text of the diagram goes through
 * here (an SVG keeps it as text). */
static void draw_layout(struct diagram *d, PangoLayout *layout, double x,
	double y, const double rgb[3])
{
	coopmap_page_text text = { layout, x, y, { rgb[0], rgb[1], rgb[2], 1 },
		{ 0, 0, 0, 0 }, 0 };

	coopmap_page_show_text(d->cr, &text);
}

/* Draw layout at (x, y) and record its box as a page text. */
static coopmap_box show_text(struct diagram *d, PangoLayout *layout,
	double x, double y, const double rgb[3])
{
	double w, h;
	coopmap_box box;

	layout_size(layout, &w, &h);
	draw_layout(d, layout, x, y, rgb);
	box = (coopmap_box){ x, y, x + w, y + h };
	g_array_append_val(d->texts, box);
	return box;
}

/* ---- boxes ----------------------------------------------------------- */

static size_t top_ancestor(const coopmap_actors *a, size_t i)
{
	const coopmap_actor *actor = coopmap_actors_get(a, i);

	while (actor->parent[0] != '\0') {
		i = (size_t)coopmap_actors_find(a, actor->parent);
		actor = coopmap_actors_get(a, i);
	}
	return i;
}

static void collect_children(const coopmap_actors *a, size_t parent,
	GArray *out)
{
	const char *id = coopmap_actors_get(a, parent)->id;

	for (size_t i = 0; i < coopmap_actors_count(a); i++) {
		if (strcmp(coopmap_actors_get(a, i)->parent, id) == 0) {
			g_array_append_val(out, i);
			collect_children(a, i, out);
		}
	}
}

/* The box's text: label (bold), role, one line per part. */
static PangoLayout *node_layout(struct diagram *d, const struct node *n,
	double width)
{
	const coopmap_actor *a = coopmap_actors_get(d->actors, n->actor);
	GString *s = g_string_new(coopmap_actor_label(a, d->lang));
	PangoAttrList *attrs = pango_attr_list_new();
	PangoLayout *layout;
	size_t label_end = s->len, role_start;

	add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), 0, label_end);
	add_attr(attrs, pango_attr_size_new_absolute(13 * PANGO_SCALE), 0,
		label_end);
	g_string_append_c(s, '\n');
	role_start = s->len;
	g_string_append(s, coopmap_actor_role_text(a->role, d->lang));
	add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), role_start,
		s->len);
	add_attr(attrs, pango_attr_foreground_new(0x5555, 0x5555, 0x5555),
		role_start, s->len);
	for (guint i = 0; i < n->children->len; i++) {
		const coopmap_actor *c = coopmap_actors_get(d->actors,
			g_array_index(n->children, size_t, i));

		g_string_append_printf(s, "\n▸ %s%s%s",
			coopmap_actor_label(c, d->lang), is_en(d) ? ": " : " : ",
			coopmap_actor_role_text(c->role, d->lang));
	}
	layout = make_layout(d, s->str, 10.5, PANGO_WEIGHT_NORMAL, width);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	g_string_free(s, TRUE);
	return layout;
}

static void build_nodes(struct diagram *d)
{
	size_t n = coopmap_actors_count(d->actors);

	d->node_of = g_new(long, n + 1);
	for (size_t i = 0; i < n; i++) {
		struct node node;

		d->node_of[i] = -1;
		if (coopmap_actors_get(d->actors, i)->parent[0] != '\0')
			continue;
		memset(&node, 0, sizeof(node));
		node.actor = i;
		node.children = g_array_new(FALSE, FALSE, sizeof(size_t));
		collect_children(d->actors, i, node.children);
		d->node_of[i] = (long)d->nodes->len;
		g_array_append_val(d->nodes, node);
	}
	for (size_t i = 0; i < n; i++)
		d->node_of[i] = d->node_of[top_ancestor(d->actors, i)];
}

static struct node *node_at(struct diagram *d, size_t i)
{
	return &g_array_index(d->nodes, struct node, i);
}

static struct arrow *arrow_at(struct diagram *d, size_t i)
{
	return &g_array_index(d->arrows, struct arrow, i);
}

/* One arrow per pair of boxes; relations of parts say whose they are. */
static void build_arrows(struct diagram *d)
{
	for (size_t i = 0; i < coopmap_actors_link_count(d->actors); i++) {
		const coopmap_actor_link *l = coopmap_actors_link(d->actors, i);
		size_t from = (size_t)d->node_of[l->from];
		size_t to = (size_t)d->node_of[l->to];
		const char *text = strcmp(d->lang, "en") == 0 ? l->label_en
			: l->label_fr;
		struct arrow *arrow = NULL;

		if (from == to)
			continue;
		for (guint k = 0; k < d->arrows->len && arrow == NULL; k++) {
			if (arrow_at(d, k)->from == from && arrow_at(d, k)->to == to)
				arrow = arrow_at(d, k);
		}
		if (arrow == NULL) {
			struct arrow fresh;

			memset(&fresh, 0, sizeof(fresh));
			fresh.from = from;
			fresh.to = to;
			fresh.label = g_string_new(NULL);
			fresh.x = g_array_new(FALSE, FALSE, sizeof(double));
			fresh.y = g_array_new(FALSE, FALSE, sizeof(double));
			g_array_append_val(d->arrows, fresh);
			arrow = arrow_at(d, d->arrows->len - 1);
			node_at(d, from)->ends++;
			node_at(d, to)->ends++;
		}
		if (arrow->label->len > 0)
			g_string_append_c(arrow->label, '\n');
		if (node_at(d, from)->actor != l->from)
			g_string_append_printf(arrow->label, "%s%s",
				coopmap_actor_label(coopmap_actors_get(d->actors, l->from),
				d->lang), is_en(d) ? ": " : " : ");
		g_string_append(arrow->label, text);
		if (node_at(d, to)->actor != l->to)
			g_string_append_printf(arrow->label, " (%s)",
				coopmap_actor_label(coopmap_actors_get(d->actors, l->to),
				d->lang));
		arrow->dashed |= strcmp(l->kind, "excludes") == 0;
	}
}

static int has_link_outside_family(struct diagram *d, size_t node)
{
	coopmap_actor_family f = coopmap_actors_get(d->actors,
		node_at(d, node)->actor)->family;

	for (guint i = 0; i < d->arrows->len; i++) {
		const struct arrow *a = arrow_at(d, i);
		size_t other = a->from == node ? a->to : a->to == node ? a->from
			: (size_t)-1;

		if (other != (size_t)-1 && coopmap_actors_get(d->actors,
		    node_at(d, other)->actor)->family != f)
			return 1;
	}
	return 0;
}

static double node_height(struct diagram *d, struct node *n, double width)
{
	double w, h;

	if (n->layout != NULL)
		g_object_unref(n->layout);
	n->layout = node_layout(d, n, width - 2 * BOX_PAD - 4);
	layout_size(n->layout, &w, &h);
	return fmax(h + 2 * BOX_PAD, 13.0 * n->ends + 12);
}

/* Columns for one family: nodes in order, a new column when full.  Fills
 * order[] with the family's nodes, linked ones first. */
static int family_columns(struct diagram *d, coopmap_actor_family f,
	double width, size_t *order, size_t *count, int *first_of_column)
{
	double avail = d->area_bottom - d->area_top, used = 0;
	int columns = 0;

	*count = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (guint i = 0; i < d->nodes->len; i++) {
			if (coopmap_actors_get(d->actors, node_at(d, i)->actor)->family
			    == f && has_link_outside_family(d, i) == !pass)
				order[(*count)++] = i;
		}
	}
	for (size_t k = 0; k < *count; k++) {
		struct node *n = node_at(d, order[k]);
		double h = node_height(d, n, width);

		if (columns == 0 || used + MIN_GAP + h > avail) {
			first_of_column[columns++] = (int)k;
			used = h;
		} else {
			used += MIN_GAP + h;
		}
		n->box.y1 = h;   /* height, for now */
	}
	first_of_column[columns] = (int)*count;
	/* As many columns as needed, filled evenly. */
	for (int c = 1; c < columns; c++)
		first_of_column[c] = (int)((*count * (size_t)c + (size_t)columns - 1)
			/ (size_t)columns);
	return columns;
}

/* Programmes sit level with the boxes they are linked to. */
static void place_by_links(struct diagram *d, size_t *order, size_t count)
{
	double top = d->area_top, bottom = d->area_bottom;

	for (size_t k = 0; k < count; k++) {
		struct node *n = node_at(d, order[k]);
		double sum = 0, h = n->box.y1;
		int links = 0;

		for (guint i = 0; i < d->arrows->len; i++) {
			const struct arrow *a = arrow_at(d, i);
			size_t other = a->from == order[k] ? a->to
				: a->to == order[k] ? a->from : (size_t)-1;
			const struct node *o;

			if (other == (size_t)-1)
				continue;
			o = node_at(d, other);
			if (o->column == n->column)
				continue;
			sum += (o->box.y0 + o->box.y1) / 2;
			links++;
		}
		n->box.y0 = links > 0 ? sum / links - h / 2 : top;
		n->box.y1 = n->box.y0 + h;
	}
	/* Keep the family's order, push apart, keep inside the area. */
	for (size_t k = 0; k < count; k++) {
		struct node *n = node_at(d, order[k]);
		double h = n->box.y1 - n->box.y0;
		double min = k == 0 ? top : node_at(d, order[k - 1])->box.y1 + 3 * MIN_GAP;

		n->box.y0 = fmax(n->box.y0, min);
		n->box.y1 = n->box.y0 + h;
	}
	for (size_t k = count; k-- > 0;) {
		struct node *n = node_at(d, order[k]);
		double h = n->box.y1 - n->box.y0;
		double max = k + 1 == count ? bottom
			: node_at(d, order[k + 1])->box.y0 - 3 * MIN_GAP;

		n->box.y1 = fmin(n->box.y1, max);
		n->box.y0 = n->box.y1 - h;
	}
}

static void spread_column(struct diagram *d, size_t *order, int first,
	int end)
{
	double total = 0, gap, y;

	for (int k = first; k < end; k++)
		total += node_at(d, order[k])->box.y1;
	gap = fmin((d->area_bottom - d->area_top - total) / (end - first + 1),
		90.0);
	y = d->area_top + (d->area_bottom - d->area_top - total -
		gap * (end - first - 1)) / 2;
	for (int k = first; k < end; k++) {
		struct node *n = node_at(d, order[k]);
		double h = n->box.y1;

		n->box.y0 = y;
		n->box.y1 = y + h;
		y += h + gap;
	}
}

static int layout_nodes(struct diagram *d, coopmap_error *err)
{
	size_t *order = g_new(size_t, d->nodes->len + 1);
	int firsts[COOPMAP_ACTOR_FAMILIES][66], ncol[COOPMAP_ACTOR_FAMILIES];
	size_t counts[COOPMAP_ACTOR_FAMILIES];
	size_t *orders[COOPMAP_ACTOR_FAMILIES];
	double width = 200, usable = d->w - 2 * PAGE_MARGIN;
	int total = 0;

	for (int pass = 0; pass < 3; pass++) {
		total = 0;
		for (int f = 0; f < COOPMAP_ACTOR_FAMILIES; f++) {
			if (pass == 0)
				orders[f] = g_new(size_t, d->nodes->len + 1);
			ncol[f] = family_columns(d, (coopmap_actor_family)f, width,
				orders[f], &counts[f], firsts[f]);
			if (counts[f] == 0)
				ncol[f] = 0;
			total += ncol[f];
		}
		if (total > 64 || total == 0)
			break;
		width = fmin(215, (usable - (total - 1) * MIN_GUTTER) / total);
	}
	g_free(order);
	if (total == 0 || total > 64 || width < 90) {
		for (int f = 0; f < COOPMAP_ACTOR_FAMILIES; f++)
			g_free(orders[f]);
		return total == 0 ? coopmap_error_set(err, COOPMAP_ERR_EMPTY,
			"no actor to draw") : coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"too many actors for one page (%d columns)", total);
	}
	d->column_w = width;
	d->n_columns = total;
	{
		double gutter = total > 1 ? (usable - total * width) / (total - 1) : 0;
		int c = 0;

		for (int f = 0; f < COOPMAP_ACTOR_FAMILIES; f++) {
			for (int k = 0; k < ncol[f]; k++, c++) {
				d->column_x[c] = PAGE_MARGIN + c * (width + gutter);
				d->column_family[c] = f;
				for (int j = firsts[f][k]; j < firsts[f][k + 1]; j++) {
					struct node *n = node_at(d, orders[f][j]);

					n->column = c;
					n->box.x0 = d->column_x[c];
					n->box.x1 = n->box.x0 + width;
				}
			}
		}
	}
	for (int f = 0; f < COOPMAP_ACTOR_FAMILIES; f++) {
		if (f != COOPMAP_ACTOR_PROGRAMME)
			for (int k = 0; k < ncol[f]; k++)
				spread_column(d, orders[f], firsts[f][k], firsts[f][k + 1]);
	}
	if (ncol[COOPMAP_ACTOR_PROGRAMME] == 1)
		place_by_links(d, orders[COOPMAP_ACTOR_PROGRAMME],
			counts[COOPMAP_ACTOR_PROGRAMME]);
	else
		for (int k = 0; k < ncol[COOPMAP_ACTOR_PROGRAMME]; k++)
			spread_column(d, orders[COOPMAP_ACTOR_PROGRAMME],
				firsts[COOPMAP_ACTOR_PROGRAMME][k],
				firsts[COOPMAP_ACTOR_PROGRAMME][k + 1]);
	for (int f = 0; f < COOPMAP_ACTOR_FAMILIES; f++)
		g_free(orders[f]);
	return COOPMAP_OK;
}

/* ---- routing ----------------------------------------------------------- */

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Cells a design-space box covers (inclusive). */
static void cells_of(const struct diagram *d, coopmap_box b, int *x0, int *y0,
	int *x1, int *y1)
{
	*x0 = clampi((int)floor(b.x0 / CELL), 0, d->gw - 1);
	*y0 = clampi((int)floor(b.y0 / CELL), 0, d->gh - 1);
	*x1 = clampi((int)ceil(b.x1 / CELL) - 1, 0, d->gw - 1);
	*y1 = clampi((int)ceil(b.y1 / CELL) - 1, 0, d->gh - 1);
}

static coopmap_box inflate(coopmap_box b, double m)
{
	return (coopmap_box){ b.x0 - m, b.y0 - m, b.x1 + m, b.y1 + m };
}

static void block(struct diagram *d, coopmap_box b, unsigned char *grid)
{
	int x0, y0, x1, y1;

	cells_of(d, b, &x0, &y0, &x1, &y1);
	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++)
			grid[y * d->gw + x] = 1;
}

static void init_grid(struct diagram *d)
{
	d->gw = (int)ceil(d->w / CELL);
	d->gh = (int)ceil(d->h / CELL);
	d->blocked = g_new0(unsigned char, (size_t)d->gw * d->gh);
	d->used_h = g_new0(unsigned char, (size_t)d->gw * d->gh);
	d->used_v = g_new0(unsigned char, (size_t)d->gw * d->gh);
	d->port = g_new0(unsigned char, (size_t)d->gw * d->gh);
	d->label = g_new0(unsigned char, (size_t)d->gw * d->gh);
	/* Arrows stay between the column headers and the legend. */
	block(d, (coopmap_box){ 0, 0, d->w, d->area_top - 2 * CELL }, d->blocked);
	block(d, (coopmap_box){ 0, d->area_bottom + 2 * CELL, d->w, d->h }, d->blocked);
	block(d, (coopmap_box){ 0, 0, PAGE_MARGIN / 2, d->h }, d->blocked);
	block(d, (coopmap_box){ d->w - PAGE_MARGIN / 2, 0, d->w, d->h }, d->blocked);
	for (guint i = 0; i < d->nodes->len; i++)
		block(d, inflate(node_at(d, (size_t)i)->box, ZONE), d->blocked);
}

static const int dx[4] = { 1, 0, -1, 0 };   /* E, S, W, N */
static const int dy[4] = { 0, 1, 0, -1 };

struct heap_item {
	double f;
	int state;
};

static void heap_push(GArray *heap, double f, int state)
{
	struct heap_item item = { f, state };
	guint i = heap->len;

	g_array_append_val(heap, item);
	while (i > 0) {
		guint parent = (i - 1) / 2;
		struct heap_item *h = (struct heap_item *)heap->data;

		if (h[parent].f < h[i].f || (h[parent].f == h[i].f &&
		    h[parent].state <= h[i].state))
			break;
		item = h[parent];
		h[parent] = h[i];
		h[i] = item;
		i = parent;
	}
}

static struct heap_item heap_pop(GArray *heap)
{
	struct heap_item *h = (struct heap_item *)heap->data, top = h[0];
	guint i = 0, n = heap->len - 1;

	h[0] = h[n];
	g_array_set_size(heap, n);
	for (;;) {
		guint l = 2 * i + 1, r = l + 1, m = i;
		struct heap_item t;

		if (l < n && (h[l].f < h[m].f || (h[l].f == h[m].f &&
		    h[l].state < h[m].state)))
			m = l;
		if (r < n && (h[r].f < h[m].f || (h[r].f == h[m].f &&
		    h[r].state < h[m].state)))
			m = r;
		if (m == i)
			break;
		t = h[m];
		h[m] = h[i];
		h[i] = t;
		i = m;
	}
	return top;
}

/* The cells just outside a box's zone, side by side, with the direction
 * leaving the box (E, S, W, N), each within the side's extent.  Calls
 * visit(cell, direction) for each free one. */
struct port_visit {
	struct diagram *d;
	int n;
	int *cells, *dirs;
};

/* Whether the leg from a box's side to its port (x, y) runs under a
 * label: the cells between the port and the zone's far side. */
static int leg_under_label(const struct diagram *d, int x, int y, int side,
	const coopmap_box *box)
{
	int from = clampi((int)floor((side == 0 ? box->x1 : side == 2 ? box->x0
		: side == 1 ? box->y1 : box->y0) / CELL), 0,
		(side % 2 == 0 ? d->gw : d->gh) - 1);
	int to = side == 0 || side == 2 ? x : y;
	int step = from <= to ? 1 : -1;

	for (int k = from; k != to + step; k += step) {
		int cx = side == 0 || side == 2 ? k : x;
		int cy = side == 0 || side == 2 ? y : k;

		if (d->label[cy * d->gw + cx])
			return 1;
	}
	return 0;
}

static void ports_of(struct diagram *d, const coopmap_box *box,
	struct port_visit *v)
{
	int x0, y0, x1, y1, ix0, iy0, ix1, iy1;
	coopmap_box inner = { box->x0 + 6, box->y0 + 6, box->x1 - 6,
		box->y1 - 6 };

	cells_of(d, inflate(*box, ZONE), &x0, &y0, &x1, &y1);
	cells_of(d, inner, &ix0, &iy0, &ix1, &iy1);
	v->n = 0;
	for (int side = 0; side < 4; side++) {
		int horizontal = side == 0 || side == 2;
		int from = horizontal ? iy0 : ix0, to = horizontal ? iy1 : ix1;

		for (int k = from; k <= to; k++) {
			int x = side == 0 ? x1 + 1 : side == 2 ? x0 - 1 : k;
			int y = side == 1 ? y1 + 1 : side == 3 ? y0 - 1 : k;

			if (x < 0 || y < 0 || x >= d->gw || y >= d->gh ||
			    d->blocked[y * d->gw + x] != 0 ||
			    leg_under_label(d, x, y, side, box))
				continue;
			v->cells[v->n] = y * d->gw + x;
			v->dirs[v->n++] = side;
		}
	}
}

/* The point of box's edge facing cell (leaving in direction dir). */
static void edge_point(const struct diagram *d, const coopmap_box *box,
	int cell, int dir, double *x, double *y)
{
	double cx = (cell % d->gw + 0.5) * CELL, cy = (cell / d->gw + 0.5) * CELL;

	*x = dir == 0 ? box->x1 : dir == 2 ? box->x0 : cx;
	*y = dir == 1 ? box->y1 : dir == 3 ? box->y0 : cy;
}

static void append_point(struct arrow *a, double x, double y)
{
	guint n = a->x->len;

	/* Drop the middle of three collinear points. */
	if (n >= 2) {
		double x0 = g_array_index(a->x, double, n - 2);
		double y0 = g_array_index(a->y, double, n - 2);
		double x1 = g_array_index(a->x, double, n - 1);
		double y1 = g_array_index(a->y, double, n - 1);

		if ((x0 == x1 && x1 == x) || (y0 == y1 && y1 == y)) {
			g_array_index(a->x, double, n - 1) = x;
			g_array_index(a->y, double, n - 1) = y;
			return;
		}
	}
	g_array_append_val(a->x, x);
	g_array_append_val(a->y, y);
}

/* How many arrows run through (x, y) along the lane used (0 off grid). */
static int lane(const unsigned char *used, const struct diagram *d, int x,
	int y)
{
	return x < 0 || y < 0 || x >= d->gw || y >= d->gh ? 0
		: used[y * d->gw + x];
}

/* A port used: ends keep two cells apart where they can. */
static void mark_port(struct diagram *d, int cell)
{
	int x = cell % d->gw, y = cell / d->gw;

	d->port[cell] = (unsigned char)MIN(d->port[cell] + 2, 200);
	for (int k = 0; k < 4; k++) {
		int nx = x + dx[k], ny = y + dy[k];

		if (nx >= 0 && ny >= 0 && nx < d->gw && ny < d->gh)
			d->port[ny * d->gw + nx] = (unsigned char)MIN(
				d->port[ny * d->gw + nx] + 1, 200);
	}
}

/* A* over (cell, heading); 0 when a route was found.  Labels block the
 * way unless through_labels. */
static int route(struct diagram *d, struct arrow *a, int through_labels)
{
	const coopmap_box *from = &node_at(d, a->from)->box;
	const coopmap_box *to = &node_at(d, a->to)->box;
	size_t cells = (size_t)d->gw * d->gh, states = cells * 4;
	double *g = g_new(double, states + 1);
	int *parent = g_new(int, states + 1);
	signed char *goal = g_new(signed char, cells);
	struct port_visit v = { d, 0, g_new(int, 4 * (d->gw + d->gh)),
		g_new(int, 4 * (d->gw + d->gh)) };
	GArray *heap = g_array_new(FALSE, FALSE, sizeof(struct heap_item));
	double tx = (to->x0 + to->x1) / 2, ty = (to->y0 + to->y1) / 2;
	int sink = (int)states, found = 0;

	for (size_t s = 0; s <= states; s++)
		g[s] = INFINITY;
	memset(goal, -1, cells);
	ports_of(d, to, &v);
	for (int k = 0; k < v.n; k++)
		goal[v.cells[k]] = (signed char)((v.dirs[k] + 2) % 4);   /* heading in */
	ports_of(d, from, &v);
	for (int k = 0; k < v.n; k++) {
		int s = v.cells[k] * 4 + v.dirs[k];
		double cost = PORT_COST * d->port[v.cells[k]];

		if (cost < g[s]) {
			g[s] = cost;
			parent[s] = -1;
			heap_push(heap, cost, s);
		}
	}
	while (heap->len > 0) {
		struct heap_item it = heap_pop(heap);
		int s = it.state, cell, dir, x, y;
		double h;

		if (s == sink) {
			found = 1;
			break;
		}
		cell = s / 4;
		dir = s % 4;
		x = cell % d->gw;
		y = cell / d->gw;
		h = (fabs((x + 0.5) * CELL - tx) + fabs((y + 0.5) * CELL - ty)) /
			CELL;
		if (it.f > g[s] + 0.5 * h + 1e-9)
			continue;   /* a stale entry */
		if (goal[cell] >= 0) {
			double cost = g[s] + PORT_COST * d->port[cell] +
				(goal[cell] != dir ? TURN_COST : 0);

			if (cost < g[sink]) {
				g[sink] = cost;
				parent[sink] = s;
				heap_push(heap, cost, sink);
			}
		}
		for (int nd = 0; nd < 4; nd++) {
			int nx = x + dx[nd], ny = y + dy[nd], ncell, ns;
			double cost;

			if (nd == (dir + 2) % 4 || nx < 0 || ny < 0 || nx >= d->gw ||
			    ny >= d->gh)
				continue;
			ncell = ny * d->gw + nx;
			if (d->blocked[ncell] || (d->label[ncell] && !through_labels))
				continue;
			cost = g[s] + 1 + (nd != dir ? TURN_COST : 0);
			if (nd % 2 == 0)
				cost += SHARED_COST * d->used_h[ncell] +
					CROSS_COST * d->used_v[ncell] +
					NEAR_COST * (lane(d->used_h, d, nx, ny - 1) +
					lane(d->used_h, d, nx, ny + 1));
			else
				cost += SHARED_COST * d->used_v[ncell] +
					CROSS_COST * d->used_h[ncell] +
					NEAR_COST * (lane(d->used_v, d, nx - 1, ny) +
					lane(d->used_v, d, nx + 1, ny));
			ns = ncell * 4 + nd;
			if (cost < g[ns]) {
				double nh = (fabs((nx + 0.5) * CELL - tx) +
					fabs((ny + 0.5) * CELL - ty)) / CELL;

				g[ns] = cost;
				parent[ns] = s;
				heap_push(heap, cost + 0.5 * nh, ns);
			}
		}
	}
	if (found) {
		GArray *chain = g_array_new(FALSE, FALSE, sizeof(int));
		int s = parent[sink], first, last = parent[sink] / 4;
		double ex, ey;

		for (; s >= 0; s = parent[s])
			g_array_append_val(chain, s);
		first = g_array_index(chain, int, chain->len - 1);
		edge_point(d, from, first / 4, first % 4, &ex, &ey);
		append_point(a, ex, ey);
		for (guint k = chain->len; k-- > 0;) {
			int st = g_array_index(chain, int, k), c = st / 4;

			append_point(a, (c % d->gw + 0.5) * CELL, (c / d->gw + 0.5) * CELL);
			if (st % 4 % 2 == 0)
				d->used_h[c] = (unsigned char)MIN(d->used_h[c] + 1, 200);
			else
				d->used_v[c] = (unsigned char)MIN(d->used_v[c] + 1, 200);
		}
		edge_point(d, to, last, (goal[last] + 2) % 4, &ex, &ey);
		append_point(a, ex, ey);
		mark_port(d, first / 4);
		mark_port(d, last);
		g_array_free(chain, TRUE);
	}
	g_array_free(heap, TRUE);
	g_free(v.cells);
	g_free(v.dirs);
	g_free(goal);
	g_free(parent);
	g_free(g);
	return found ? 0 : -1;
}

/* ---- labels of arrows ------------------------------------------------ */

/* Whether segment (x0,y0)-(x1,y1) meets box. */
static int segment_meets_box(double x0, double y0, double x1, double y1,
	const coopmap_box *b)
{
	return coopmap_box_meets_segment(b, x0, y0, x1, y1);
}

static int label_fits(struct diagram *d, size_t self, const coopmap_box *b)
{
	coopmap_box area = { PAGE_MARGIN / 2, d->area_top - 2 * CELL,
		d->w - PAGE_MARGIN / 2, d->area_bottom + 2 * CELL };

	if (!coopmap_box_inside(b, &area))
		return 0;
	for (guint i = 0; i < d->nodes->len; i++) {
		coopmap_box nb = inflate(node_at(d, i)->box, 3);

		if (coopmap_box_intersects(b, &nb))
			return 0;
	}
	for (guint i = 0; i < d->arrows->len; i++) {
		struct arrow *o = arrow_at(d, i);
		coopmap_box lb = inflate(o->label_box, 2), grown = inflate(*b, 2);

		if (i == self || o->x->len == 0)
			continue;
		if (o->label_box.x1 > o->label_box.x0 &&
		    coopmap_box_intersects(b, &lb))
			return 0;
		for (guint k = 0; k + 1 < o->x->len; k++) {
			if (segment_meets_box(g_array_index(o->x, double, k),
			    g_array_index(o->y, double, k),
			    g_array_index(o->x, double, k + 1),
			    g_array_index(o->y, double, k + 1), &grown))
				return 0;
		}
	}
	return 1;
}

/* Segment k of arrow a; returns its length (the arrows are orthogonal). */
static double segment_at(const struct arrow *a, guint k, double *x0,
	double *y0, double *x1, double *y1)
{
	*x0 = g_array_index(a->x, double, k);
	*y0 = g_array_index(a->y, double, k);
	*x1 = g_array_index(a->x, double, k + 1);
	*y1 = g_array_index(a->y, double, k + 1);
	return fabs(*x1 - *x0) + fabs(*y1 - *y0);
}

/* Whether a leader line from the label to its arrow stays clear of the
 * boxes and of the other labels. */
static int leader_clear(struct diagram *d, size_t self, const double l[4])
{
	for (guint i = 0; i < d->nodes->len; i++) {
		coopmap_box b = inflate(node_at(d, i)->box, 2);

		if (segment_meets_box(l[0], l[1], l[2], l[3], &b))
			return 0;
	}
	for (guint i = 0; i < d->arrows->len; i++) {
		const struct arrow *o = arrow_at(d, i);

		if (i != self && o->label_box.x1 > o->label_box.x0 &&
		    segment_meets_box(l[0], l[1], l[2], l[3], &o->label_box))
			return 0;
	}
	return 1;
}

/* Near the middle of the arrow's longest segment, with a dotted leader,
 * when no place on or beside the arrow is free. */
static int place_apart(struct diagram *d, size_t self, double w, double h)
{
	struct arrow *a = arrow_at(d, self);
	double ax = 0, ay = 0, best = -1;

	for (guint k = 0; k + 1 < a->x->len; k++) {
		double x0, y0, x1, y1, len = segment_at(a, k, &x0, &y0, &x1, &y1);

		if (len > best) {
			best = len;
			ax = (x0 + x1) / 2;
			ay = (y0 + y1) / 2;
		}
	}
	for (double r = 12; r < 700; r += 6) {
		for (int k = 0; k < 36; k++) {
			double t = k * G_PI / 18;
			double cx = ax + r * cos(t), cy = ay + r * sin(t);
			coopmap_box b = { cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };
			double l[4] = { fmin(fmax(ax, b.x0), b.x1),
				fmin(fmax(ay, b.y0), b.y1), ax, ay };

			if (label_fits(d, self, &b) && leader_clear(d, self, l)) {
				a->label_box = b;
				memcpy(a->leader, l, sizeof(l));
				return 0;
			}
		}
	}
	return -1;
}

/* On the arrow, away from its ends; beside it when it cannot be on it. */
static int place_label(struct diagram *d, size_t self)
{
	static const double ts[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1,
		0.9 };
	struct arrow *a = arrow_at(d, self);
	double w, h;

	if (a->layout == NULL) {
		a->layout = make_layout(d, a->label->str, 10, PANGO_WEIGHT_NORMAL,
			0);
		pango_layout_set_alignment(a->layout, PANGO_ALIGN_CENTER);
	}
	layout_size(a->layout, &w, &h);
	w += 6;
	h += 2;
	for (int beside = 0; beside < 3; beside++) {
		/* longest segments first */
		for (int pass = 0; pass < 2; pass++) {
			for (guint k = 0; k + 1 < a->x->len; k++) {
				double x0, y0, x1, y1;
				double len = segment_at(a, k, &x0, &y0, &x1, &y1);
				int vertical = x0 == x1;

				if ((pass == 0) != (len >= (vertical ? h : w) + 30))
					continue;
				for (size_t t = 0; t < sizeof(ts) / sizeof(ts[0]); t++) {
					double px = x0 + (x1 - x0) * ts[t];
					double py = y0 + (y1 - y0) * ts[t];
					coopmap_box b;

					if (beside == 1)
						vertical ? (px += w / 2 + 2) : (py -= h / 2 + 2);
					else if (beside == 2)
						vertical ? (px -= w / 2 + 2) : (py += h / 2 + 2);
					b = (coopmap_box){ px - w / 2, py - h / 2, px + w / 2,
						py + h / 2 };
					if (label_fits(d, self, &b)) {
						a->label_box = b;
						return 0;
					}
				}
			}
		}
	}
	return place_apart(d, self, w, h);
}

/* ---- the page -------------------------------------------------------- */

static void draw_title(struct diagram *d)
{
	const char *title = d->opts->title != NULL ? d->opts->title : is_en(d)
		? "Who does what in international hospital cooperation"
		: "Qui fait quoi dans la coopération hospitalière internationale";
	const char *subtitle = is_en(d)
		? "The actors by family and role, and their relations in the "
		  "DGOS call (APCHI) and the FHF / AFD programme (PRPH): the actor "
		  "cartography recommended by the 25 June 2019 day"
		: "Les acteurs par famille et par rôle, et leurs relations dans "
		  "l'appel de la DGOS (APCHI) et le programme FHF / AFD (PRPH) : la "
		  "cartographie recommandée par la journée du 25 juin 2019";
	PangoLayout *l = make_layout(d, title, 30, PANGO_WEIGHT_BOLD,
		d->w - 2 * PAGE_MARGIN);
	coopmap_box b = show_text(d, l, PAGE_MARGIN, 18, text_rgb);

	g_object_unref(l);
	l = make_layout(d, subtitle, 14, PANGO_WEIGHT_NORMAL,
		d->w - 2 * PAGE_MARGIN);
	b = show_text(d, l, PAGE_MARGIN, b.y1 + 4, (const double[3]){ 0.3, 0.3,
		0.3 });
	g_object_unref(l);
	d->area_top = b.y1 + 58;
}

/* The legend's band from (x0, y): the roles drawn, then the key of the
 * arrows, wrapped; draws when asked.  Returns the number of rows. */
static int legend(struct diagram *d, double y, int drawing)
{
	const char *const *roles = coopmap_actor_roles();
	double x = PAGE_MARGIN, w, h, row_h = 16;
	int used[16] = { 0 }, rows = 1, n_roles = 0;
	PangoLayout *l;

	for (guint i = 0; i < d->nodes->len; i++) {
		int r = coopmap_actor_role_index(coopmap_actors_get(d->actors,
			node_at(d, i)->actor)->role);

		if (r >= 0 && r < 16)
			used[r] = 1;
	}
	while (roles[n_roles] != NULL)
		n_roles++;
	/* The heading (-1), the roles drawn, then the key of the arrows. */
	for (int r = -1; r <= n_roles; r++) {
		int is_role = r >= 0 && r < n_roles;
		const char *text = r < 0 ? (is_en(d) ? "Main role (left stripe):"
			: "Rôle principal (bande de gauche) :")
			: r == n_roles ? (is_en(d) ? "→ relation, labelled with what one "
			  "does for the other  ·  ▸ part of an actor  ·  - - - cannot "
			  "be combined" : "→ relation, libellée de ce que l'un fait "
			  "pour l'autre  ·  ▸ composante d'un acteur  ·  - - - non "
			  "cumulable") : coopmap_actor_role_text(roles[r], d->lang);
		double indent = is_role ? 10 : 0;

		if (is_role && !used[r])
			continue;
		l = make_layout(d, text, 11, r < 0 ? PANGO_WEIGHT_BOLD
			: PANGO_WEIGHT_NORMAL, 0);
		layout_size(l, &w, &h);
		if (r >= 0 && x + indent + w > d->w - PAGE_MARGIN) {
			x = PAGE_MARGIN + 40;
			y += row_h;
			rows++;
		}
		if (drawing && is_role) {
			cairo_set_source_rgb(d->cr, role_rgb[r][0], role_rgb[r][1],
				role_rgb[r][2]);
			cairo_rectangle(d->cr, x, y + 2, 6, 11);
			cairo_fill(d->cr);
		}
		if (drawing)
			show_text(d, l, x + indent, y, text_rgb);
		x += indent + w + 16;
		g_object_unref(l);
	}
	return rows;
}

/* The legend and the source line, bottom up; sets area_bottom. */
static void draw_footer(struct diagram *d)
{
	char source[1024], date[64];
	PangoLayout *l;
	double w, h, y;
	int rows;

	/* The date as the map writes it, in the diagram's language. */
	coopmap_i18n_date(d->opts->date, d->lang, date, sizeof(date));
	snprintf(source, sizeof(source), "%s%s%s", d->opts->source != NULL
		? d->opts->source : is_en(d)
		? "Sources: DGOS instruction SR2/2018/242 of 29 October 2018 "
		  "(2019 call, annexes 1 and 2); summary of the FHF – DGOS – AFD day "
		  "of 25 June 2019. Data: geodata/actors.csv and actor-links.csv, "
		  "each row citing its section"
		: "Sources : instruction DGOS/SR2/2018/242 du 29 octobre 2018 "
		  "(appel 2019, annexes 1 et 2) ; synthèse de la journée FHF – "
		  "DGOS – AFD du 25 juin 2019. Données : geodata/actors.csv et "
		  "actor-links.csv, chaque ligne citant sa section",
		date[0] != '\0'
		? (is_en(d) ? " · Diagram: coopmap, " : " · Diagramme : coopmap, ")
		: "", date);
	l = make_layout(d, source, 9.5, PANGO_WEIGHT_NORMAL,
		d->w - 2 * PAGE_MARGIN);
	layout_size(l, &w, &h);
	show_text(d, l, PAGE_MARGIN, d->h - 14 - h, (const double[3]){ 0.35,
		0.35, 0.35 });
	g_object_unref(l);
	rows = legend(d, 0, 0);
	y = d->h - 14 - h - 8 - 16 * rows;
	legend(d, y, 1);
	d->area_bottom = y - 22;
}

static void draw_headers(struct diagram *d)
{
	for (int c = 0; c < d->n_columns; c++) {
		int f = d->column_family[c], last = c;
		PangoLayout *l;
		double x0 = d->column_x[c], x1, w, h;

		if (c > 0 && d->column_family[c - 1] == f)
			continue;
		while (last + 1 < d->n_columns && d->column_family[last + 1] == f)
			last++;
		x1 = d->column_x[last] + d->column_w;
		l = make_layout(d, coopmap_actor_family_text(
			(coopmap_actor_family)f, d->lang), 15, PANGO_WEIGHT_BOLD, 0);
		layout_size(l, &w, &h);
		show_text(d, l, (x0 + x1 - w) / 2, d->area_top - 44, family_ink[f]);
		g_object_unref(l);
		set_rgb(d->cr, family_ink[f]);
		cairo_set_line_width(d->cr, 1.5);
		cairo_move_to(d->cr, x0, d->area_top - 44 + h + 4);
		cairo_line_to(d->cr, x1, d->area_top - 44 + h + 4);
		cairo_stroke(d->cr);
	}
}

static void rounded(cairo_t *cr, const coopmap_box *b, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, b->x1 - r, b->y0 + r, r, -G_PI / 2, 0);
	cairo_arc(cr, b->x1 - r, b->y1 - r, r, 0, G_PI / 2);
	cairo_arc(cr, b->x0 + r, b->y1 - r, r, G_PI / 2, G_PI);
	cairo_arc(cr, b->x0 + r, b->y0 + r, r, G_PI, 3 * G_PI / 2);
	cairo_close_path(cr);
}

static void draw_nodes(struct diagram *d)
{
	for (guint i = 0; i < d->nodes->len; i++) {
		struct node *n = node_at(d, i);
		const coopmap_actor *a = coopmap_actors_get(d->actors, n->actor);
		int r = coopmap_actor_role_index(a->role);
		double w, h;

		rounded(d->cr, &n->box, 5);
		set_rgb(d->cr, family_fill[a->family]);
		cairo_fill_preserve(d->cr);
		set_rgb(d->cr, family_ink[a->family]);
		cairo_set_line_width(d->cr, 1);
		cairo_stroke(d->cr);
		cairo_save(d->cr);
		rounded(d->cr, &n->box, 5);
		cairo_clip(d->cr);
		cairo_set_source_rgb(d->cr, role_rgb[r][0], role_rgb[r][1],
			role_rgb[r][2]);
		cairo_rectangle(d->cr, n->box.x0, n->box.y0, 6, n->box.y1 - n->box.y0);
		cairo_fill(d->cr);
		cairo_restore(d->cr);
		layout_size(n->layout, &w, &h);
		draw_layout(d, n->layout, n->box.x0 + BOX_PAD + 4,
			(n->box.y0 + n->box.y1 - h) / 2, text_rgb);
	}
}

static void draw_arrows(struct diagram *d)
{
	for (guint i = 0; i < d->arrows->len; i++) {
		struct arrow *a = arrow_at(d, i);
		guint n = a->x->len;
		double ex, ey, px, py, ux, uy, len;

		if (n < 2)
			continue;
		set_rgb(d->cr, a->dashed ? exclude_rgb : arrow_rgb);
		cairo_set_line_width(d->cr, 1.3);
		cairo_set_dash(d->cr, (const double[]){ 5, 3 }, a->dashed ? 2 : 0, 0);
		cairo_move_to(d->cr, g_array_index(a->x, double, 0),
			g_array_index(a->y, double, 0));
		for (guint k = 1; k < n; k++)
			cairo_line_to(d->cr, g_array_index(a->x, double, k),
				g_array_index(a->y, double, k));
		cairo_stroke(d->cr);
		cairo_set_dash(d->cr, NULL, 0, 0);
		ex = g_array_index(a->x, double, n - 1);
		ey = g_array_index(a->y, double, n - 1);
		px = g_array_index(a->x, double, n - 2);
		py = g_array_index(a->y, double, n - 2);
		len = hypot(ex - px, ey - py);
		ux = (ex - px) / len;
		uy = (ey - py) / len;
		cairo_move_to(d->cr, ex, ey);
		cairo_line_to(d->cr, ex - 8 * ux - 3.5 * uy, ey - 8 * uy + 3.5 * ux);
		cairo_line_to(d->cr, ex - 8 * ux + 3.5 * uy, ey - 8 * uy - 3.5 * ux);
		cairo_close_path(d->cr);
		cairo_fill(d->cr);
	}
}

static void draw_arrow_labels(struct diagram *d)
{
	for (guint i = 0; i < d->arrows->len; i++) {
		struct arrow *a = arrow_at(d, i);
		double w, h;

		if (a->layout == NULL || a->label_box.x1 <= a->label_box.x0)
			continue;
		if (a->leader[0] != a->leader[2] || a->leader[1] != a->leader[3]) {
			set_rgb(d->cr, arrow_rgb);
			cairo_set_line_width(d->cr, 0.8);
			cairo_set_dash(d->cr, (const double[]){ 1.5, 2 }, 2, 0);
			cairo_move_to(d->cr, a->leader[0], a->leader[1]);
			cairo_line_to(d->cr, a->leader[2], a->leader[3]);
			cairo_stroke(d->cr);
			cairo_set_dash(d->cr, NULL, 0, 0);
			cairo_arc(d->cr, a->leader[2], a->leader[3], 2, 0, 2 * G_PI);
			cairo_fill(d->cr);
		}
		rounded(d->cr, &a->label_box, 3);
		cairo_set_source_rgb(d->cr, 1, 1, 1);
		cairo_fill_preserve(d->cr);
		set_rgb(d->cr, a->dashed ? exclude_rgb : arrow_rgb);
		cairo_set_line_width(d->cr, 0.6);
		cairo_stroke(d->cr);
		layout_size(a->layout, &w, &h);
		draw_layout(d, a->layout, (a->label_box.x0 + a->label_box.x1 - w) / 2,
			(a->label_box.y0 + a->label_box.y1 - h) / 2,
			a->dashed ? exclude_rgb : text_rgb);
	}
}

/* Shortest first: they take the direct lanes, long ones go round them. */
static gint compare_span(gconstpointer pa, gconstpointer pb, gpointer data)
{
	struct diagram *d = data;
	guint ia = *(const guint *)pa, ib = *(const guint *)pb;
	double span[2];

	for (int k = 0; k < 2; k++) {
		const struct arrow *a = arrow_at(d, k == 0 ? ia : ib);
		const coopmap_box *f = &node_at(d, a->from)->box;
		const coopmap_box *t = &node_at(d, a->to)->box;

		span[k] = fabs((f->x0 + f->x1 - t->x0 - t->x1) / 2) +
			fabs((f->y0 + f->y1 - t->y0 - t->y1) / 2);
	}
	if (span[0] != span[1])
		return span[0] < span[1] ? -1 : 1;
	return (ia > ib) - (ia < ib);
}

static int route_all(struct diagram *d, coopmap_error *err)
{
	guint *order = g_new(guint, d->arrows->len + 1);
	int rc = COOPMAP_OK;

	init_grid(d);
	for (guint i = 0; i < d->arrows->len; i++)
		order[i] = i;
	g_qsort_with_data(order, (gint)d->arrows->len, sizeof(guint),
		compare_span, d);
	for (guint k = 0; k < d->arrows->len && rc == COOPMAP_OK; k++) {
		guint i = order[k];
		struct arrow *a = arrow_at(d, i);

		if (route(d, a, 0) != 0 && route(d, a, 1) != 0)
			rc = coopmap_error_set(err, COOPMAP_ERR_RENDER,
				"no room to draw the relation from '%s' to '%s'",
				coopmap_actors_get(d->actors, node_at(d, a->from)->actor)->id,
				coopmap_actors_get(d->actors, node_at(d, a->to)->actor)->id);
		else if (place_label(d, i) == 0)
			block(d, inflate(a->label_box, 3), d->label);
	}
	/* An arrow that had to cross labels moves them: place again every
	 * label that an arrow now runs through. */
	for (int pass = 0; pass < 3 && rc == COOPMAP_OK; pass++) {
		for (guint k = 0; k < d->arrows->len; k++) {
			struct arrow *a = arrow_at(d, order[k]);
			coopmap_box old = a->label_box;

			if (old.x1 <= old.x0 || label_fits(d, order[k], &old))
				continue;
			a->label_box = (coopmap_box){ 0, 0, 0, 0 };
			memset(a->leader, 0, sizeof(a->leader));
			place_label(d, order[k]);
		}
	}
	g_free(order);
	return rc;
}

static int draw(struct diagram *d, coopmap_error *err)
{
	int rc;

	d->pango = coopmap_page_pango(d->cr);
	cairo_set_source_rgb(d->cr, 1, 1, 1);
	cairo_paint(d->cr);
	build_nodes(d);
	build_arrows(d);
	draw_title(d);
	draw_footer(d);
	rc = layout_nodes(d, err);
	if (rc == COOPMAP_OK)
		rc = route_all(d, err);
	if (rc != COOPMAP_OK)
		return rc;
	draw_headers(d);
	draw_arrows(d);
	draw_nodes(d);
	draw_arrow_labels(d);
	return COOPMAP_OK;
}

/* ---- report, surfaces, files ------------------------------------------ */

static coopmap_box scaled(coopmap_box b, double s)
{
	return (coopmap_box){ b.x0 * s, b.y0 * s, b.x1 * s, b.y1 * s };
}

static void fill_report(struct diagram *d, double s, coopmap_diagram_report *r)
{
	size_t points = 0;

	r->n_boxes = d->nodes->len;
	r->boxes = g_new(coopmap_box, r->n_boxes + 1);
	r->box_actor = g_new(size_t, r->n_boxes + 1);
	for (size_t i = 0; i < r->n_boxes; i++) {
		r->boxes[i] = scaled(node_at(d, i)->box, s);
		r->box_actor[i] = node_at(d, i)->actor;
	}
	r->n_arrows = d->arrows->len;
	r->arrow_labels = g_new(coopmap_box, r->n_arrows + 1);
	r->arrow_from = g_new(size_t, r->n_arrows + 1);
	r->arrow_to = g_new(size_t, r->n_arrows + 1);
	r->arrow_start = g_new(size_t, r->n_arrows + 1);
	for (size_t i = 0; i < r->n_arrows; i++)
		points += arrow_at(d, i)->x->len;
	r->x = g_new(double, points + 1);
	r->y = g_new(double, points + 1);
	points = 0;
	for (size_t i = 0; i < r->n_arrows; i++) {
		struct arrow *a = arrow_at(d, i);

		r->arrow_labels[i] = scaled(a->label_box, s);
		r->arrow_from[i] = a->from;
		r->arrow_to[i] = a->to;
		r->arrow_start[i] = points;
		for (guint k = 0; k < a->x->len; k++, points++) {
			r->x[points] = g_array_index(a->x, double, k) * s;
			r->y[points] = g_array_index(a->y, double, k) * s;
		}
	}
	r->arrow_start[r->n_arrows] = points;
	r->n_texts = d->texts->len;
	r->texts = g_new(coopmap_box, r->n_texts + 1);
	for (size_t i = 0; i < r->n_texts; i++)
		r->texts[i] = scaled(g_array_index(d->texts, coopmap_box, i), s);
	r->links_drawn = 0;
	for (size_t i = 0; i < coopmap_actors_link_count(d->actors); i++) {
		const coopmap_actor_link *l = coopmap_actors_link(d->actors, i);

		r->links_drawn += d->node_of[l->from] != d->node_of[l->to];
	}
}

static void free_diagram(struct diagram *d)
{
	for (guint i = 0; d->nodes != NULL && i < d->nodes->len; i++) {
		g_array_free(node_at(d, i)->children, TRUE);
		if (node_at(d, i)->layout != NULL)
			g_object_unref(node_at(d, i)->layout);
	}
	for (guint i = 0; d->arrows != NULL && i < d->arrows->len; i++) {
		struct arrow *a = arrow_at(d, i);

		g_string_free(a->label, TRUE);
		g_array_free(a->x, TRUE);
		g_array_free(a->y, TRUE);
		if (a->layout != NULL)
			g_object_unref(a->layout);
	}
	if (d->nodes != NULL)
		g_array_free(d->nodes, TRUE);
	if (d->arrows != NULL)
		g_array_free(d->arrows, TRUE);
	if (d->texts != NULL)
		g_array_free(d->texts, TRUE);
	if (d->pango != NULL)
		g_object_unref(d->pango);
	g_free(d->node_of);
	g_free(d->blocked);
	g_free(d->used_h);
	g_free(d->used_v);
	g_free(d->port);
	g_free(d->label);
}

static int render_stream(struct diagram *d, coopmap_page_format f, FILE *stream,
	int w, int h, coopmap_diagram_report *report, coopmap_error *err)
{
	cairo_surface_t *surface = coopmap_page_surface(f, stream, w, h,
		d->opts->date, d->opts->title);
	double s = h / DESIGN_H;
	cairo_status_t status;
	int rc;

	d->cr = cairo_create(surface);
	cairo_scale(d->cr, s, s);
	rc = draw(d, err);
	status = cairo_status(d->cr);
	cairo_destroy(d->cr);
	rc = coopmap_page_finish(surface, status, f, stream, rc, err);
	if (rc == COOPMAP_OK && report != NULL) {
		fill_report(d, s, report);
		report->width = w;
		report->height = h;
	}
	return rc;
}

int coopmap_diagram_render(const coopmap_actors *actors,
	const coopmap_diagram_opts *opts, const char *path,
	coopmap_diagram_report *report, coopmap_error *err)
{
	coopmap_page_format f;
	struct diagram d;
	coopmap_output *out = NULL;
	int w, h, rc = coopmap_page_format_of(path, &f, err);

	if (rc != COOPMAP_OK)
		return rc;
	w = opts->width > 0 ? opts->width : f == COOPMAP_PAGE_PNG
		? COOPMAP_DIAGRAM_DEFAULT_WIDTH_PNG : 842;
	h = opts->height > 0 ? opts->height : f == COOPMAP_PAGE_PNG
		? COOPMAP_DIAGRAM_DEFAULT_HEIGHT_PNG : 595;
	if (w < 400 || h < 280 || w > 20000 || h > 20000 || w < h)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "size %dx%d: a "
			"diagram is landscape, each side from 400x280 to 20000", w, h);
	if (coopmap_actors_count(actors) == 0)
		return coopmap_error_set(err, COOPMAP_ERR_EMPTY, "no actor to draw");
	memset(&d, 0, sizeof(d));
	d.actors = actors;
	d.opts = opts;
	d.lang = opts->lang != NULL && strcmp(opts->lang, "en") == 0 ? "en" : "fr";
	d.font = opts->font_family != NULL ? opts->font_family : "DejaVu Sans";
	d.h = DESIGN_H;
	d.w = DESIGN_H * w / h;
	d.nodes = g_array_new(FALSE, TRUE, sizeof(struct node));
	d.arrows = g_array_new(FALSE, TRUE, sizeof(struct arrow));
	d.texts = g_array_new(FALSE, FALSE, sizeof(coopmap_box));
	rc = coopmap_output_open(path, &out, err);
	if (rc == COOPMAP_OK)
		rc = render_stream(&d, f, coopmap_output_stream(out), w, h, report,
			err);
	if (rc == COOPMAP_OK)
		rc = coopmap_output_commit(out, err);
	else
		coopmap_output_abort(out);
	free_diagram(&d);
	return rc;
}

void coopmap_diagram_report_clear(coopmap_diagram_report *r)
{
	if (r == NULL)
		return;
	g_free(r->boxes);
	g_free(r->box_actor);
	g_free(r->arrow_labels);
	g_free(r->arrow_from);
	g_free(r->arrow_to);
	g_free(r->arrow_start);
	g_free(r->x);
	g_free(r->y);
	g_free(r->texts);
	memset(r, 0, sizeof(*r));
}

int coopmap_diagram_paper(const char *name, int *width, int *height,
	coopmap_error *err)
{
	/* ISO 216 in points, landscape. */
	static const struct { const char *name; int w, h; } papers[] = {
		{ "a4", 842, 595 }, { "a3", 1191, 842 }, { "a2", 1684, 1191 },
		{ "a1", 2384, 1684 }, { "a0", 3370, 2384 },
	};

	for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++) {
		if (g_ascii_strcasecmp(name, papers[i].name) == 0) {
			*width = papers[i].w;
			*height = papers[i].h;
			return COOPMAP_OK;
		}
	}
	return coopmap_error_set(err, COOPMAP_ERR_USAGE,
		"paper '%s': expected a4, a3, a2, a1 or a0", name);
}
