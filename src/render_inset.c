/*
 * render_inset.c: insets in a row under the map, as French official maps
 * show the overseas territories: each is a small map of its own, in a
 * Lambert azimuthal equal-area projection centred on it, with its frame,
 * its name and its scale bar, drawing the same countries, layers, links
 * and points as the main map.
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render_internal.h"

/* An island named in its inset, where islands are a few pixels across:
 * the inset is then their locator. */
struct inset_place {
	const char *name;
	double lon, lat;
};

static const struct inset_place society_islands[] = {
	{ "Tahiti", -149.43, -17.68 }, { "Moorea", -149.83, -17.53 },
	{ "Raiatea", -151.45, -16.82 }, { "Bora-Bora", -151.74, -16.50 },
	{ "Huahine", -151.00, -16.75 }, { NULL, 0, 0 },
};
static const struct inset_place wallis_futuna[] = {
	{ "Wallis", -176.20, -13.29 }, { "Futuna", -178.13, -14.28 },
	{ NULL, 0, 0 },
};

struct inset_def {
	const char *id;
	const char *name_fr, *name_en;
	double bbox[4];   /* lon/lat degrees */
	const struct inset_place *places;   /* NULL: none named */
};

/* The overseas territories first, in the order official maps give them,
 * then metropolitan France (for a map of one partner country). */
static const struct inset_def insets[] = {
	{ "antilles", "Guadeloupe et Martinique", "Guadeloupe and Martinique",
	  { -61.95, 14.35, -60.75, 16.55 }, NULL },
	{ "guyane", "Guyane", "French Guiana", { -54.65, 2.05, -51.5, 5.85 },
	  NULL },
	{ "reunion", "La Réunion", "Réunion", { 55.18, -21.42, 55.88, -20.85 },
	  NULL },
	{ "mayotte", "Mayotte", "Mayotte", { 44.98, -13.03, 45.32, -12.62 }, NULL },
	{ "spm", "Saint-Pierre-et-Miquelon", "Saint Pierre and Miquelon",
	  { -56.45, 46.73, -56.1, 47.15 }, NULL },
	{ "nouvelle-caledonie", "Nouvelle-Calédonie", "New Caledonia",
	  { 163.5, -22.75, 168.2, -19.5 }, NULL },
	{ "polynesie", "Polynésie française (îles de la Société)",
	  "French Polynesia (Society Islands)", { -152.4, -18.0, -148.9, -16.1 },
	  society_islands },
	{ "wallis-futuna", "Wallis-et-Futuna", "Wallis and Futuna",
	  { -178.25, -14.45, -176.05, -13.15 }, wallis_futuna },
	{ "france", "France métropolitaine", "Metropolitan France",
	  { RENDER_METROPOLE_WEST, RENDER_METROPOLE_SOUTH, RENDER_METROPOLE_EAST,
	    RENDER_METROPOLE_NORTH }, NULL },
};

#define N_INSETS (sizeof(insets) / sizeof(insets[0]))

/* How far an inset draws a link towards a partner beyond its edge, in
 * thousandths of the page: a stroke that says which way the partner is,
 * not a line across the inset's other places (the map draws the rest). */
#define INSET_LINK_STUB 30.0
#define N_OVERSEAS 8
#define FRANCE_INSET (N_INSETS - 1)

/*
 * Metropolitan France is about 40 thousandths of a world map's width
 * (60 px of a 2400 px page): points of one kind are grouped when closer
 * than 7 thousandths, so five establishments there can no longer all
 * stand apart, and their names are lost under a group's.  From that many
 * on, a world map draws the metropole in a panel.
 */
#define FRANCE_PANEL_MIN_ESTABLISHMENTS 5

const char *coopmap_render_inset_name(size_t i)
{
	return i < N_INSETS ? insets[i].id : NULL;
}

static int lon_lat_in(const double b[4], double lon, double lat)
{
	return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

/* Whether country c is a French unit whose land meets bbox b. */
static int french_land_in(const coopmap_country *c, const double b[4])
{
	const coopmap_geometry *g = &c->geometry;

	if (strcmp(c->iso_a3, "FRA") != 0 && strcmp(c->sovereign, "FRA") != 0)
		return 0;
	return g->n_rings > 0 && g->max_lon >= b[0] && g->min_lon <= b[2] &&
		g->max_lat >= b[1] && g->min_lat <= b[3];
}

/* Whether a French unit of the inset has projects, is under a policy
 * layer or is outlined. */
static int land_shows(const render_ctx *ctx, const double b[4])
{
	const coopmap_map_data *d = ctx->data;
	size_t n = coopmap_countries_count(d->countries);

	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(d->countries, i);

		if (!french_land_in(c, b))
			continue;
		if ((d->stats != NULL && d->stats[i].projects > 0) ||
		    (d->highlight != NULL && d->highlight[i]))
			return 1;
		for (size_t l = 0; l < d->n_layers; l++) {
			if (coopmap_layer_find(d->layers[l], c, 0) >= 0)
				return 1;
		}
	}
	return 0;
}

/* Whether the inset has something to show: a place of the network, a
 * marker, or French land with projects or under a layer. */
static int inset_shows(const render_ctx *ctx, const struct inset_def *def)
{
	const coopmap_map_data *d = ctx->data;
	size_t n = d->network != NULL ? coopmap_network_node_count(d->network)
		: 0;

	for (size_t i = 0; i < n; i++) {
		const coopmap_node *node = coopmap_network_node(d->network, i);

		if (lon_lat_in(def->bbox, node->lon, node->lat))
			return 1;
	}
	for (size_t i = 0; i < d->n_markers; i++) {
		if (lon_lat_in(def->bbox, d->markers[i].lon, d->markers[i].lat))
			return 1;
	}
	return land_shows(ctx, def->bbox);
}

int render_inset_france_panel(const render_ctx *ctx)
{
	const coopmap_network *net = ctx->data->network;
	size_t n = net != NULL ? coopmap_network_node_count(net) : 0, count = 0;
	int wanted = ctx->opts->france_panel;

	if (!ctx->world || ctx->is_inset || wanted < 0 ||
	    (wanted == 0 && ctx->opts->insets != NULL))
		return 0;
	for (size_t i = 0; i < n; i++) {
		const coopmap_node *node = coopmap_network_node(net, i);

		if (node->kind == COOPMAP_NODE_ESTABLISHMENT && node->projects > 0 &&
		    !isnan(node->lat) && render_in_metropole(node->lon,
		    node->lat))
			count++;
	}
	return count >= (wanted > 0 ? 1 : FRANCE_PANEL_MIN_ESTABLISHMENTS);
}

/*
 * Which insets opts asks for; 0 on success, -1 with err set.  Without a
 * list, the overseas insets that have something to show, on maps that
 * show France whole; *left_out (may be NULL) counts the others.
 */
static int pick(const render_ctx *ctx, int *chosen, size_t *n,
	size_t *left_out, coopmap_error *err)
{
	const char *want = ctx->opts->insets;
	gchar **ids;
	int rc = 0;

	*n = 0;
	if (left_out != NULL)
		*left_out = 0;
	if (want == NULL) {
		int europe = ctx->opts->extent != NULL &&
			strcasecmp(ctx->opts->extent, "europe") == 0;

		if (!ctx->world && !europe)
			return 0;
		for (size_t i = 0; i < N_OVERSEAS; i++) {
			if (inset_shows(ctx, &insets[i]))
				chosen[(*n)++] = (int)i;
			else if (left_out != NULL)
				(*left_out)++;
		}
		/* Beside the overseas ones, as official maps set them. */
		if (render_inset_france_panel(ctx))
			chosen[(*n)++] = (int)FRANCE_INSET;
		return 0;
	}
	ids = g_strsplit(want, ",", -1);
	/* Asked for with --france-panel beside named insets. */
	if (render_inset_france_panel(ctx))
		chosen[(*n)++] = (int)FRANCE_INSET;
	for (int k = 0; ids[k] != NULL && rc == 0; k++) {
		const char *id = g_strstrip(ids[k]);
		size_t i;

		if (id[0] == '\0')
			continue;
		if (strcmp(id, "overseas") == 0) {
			for (i = 0; i < N_OVERSEAS && *n < N_INSETS; i++)
				chosen[(*n)++] = (int)i;
			continue;
		}
		for (i = 0; i < N_INSETS && strcmp(insets[i].id, id) != 0; i++)
			;
		if (i == N_INSETS) {
			coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"insets: no inset named '%s' (antilles, guyane, reunion, "
				"mayotte, spm, nouvelle-caledonie, polynesie, "
				"wallis-futuna, france, overseas)", id);
			rc = -1;
		} else if (*n < N_INSETS && !(i == FRANCE_INSET &&
		    render_inset_france_panel(ctx))) {
			chosen[(*n)++] = (int)i;
		}
	}
	g_strfreev(ids);
	return rc;
}

int render_inset_count(const render_ctx *ctx, size_t *left_out,
	coopmap_error *err)
{
	int chosen[N_INSETS];
	size_t n;

	if (pick(ctx, chosen, &n, left_out, err) != 0)
		return -1;
	return (int)n;
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

coopmap_box render_scale_bar(render_ctx *ctx)
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
		ctx->is_inset ? 2.5 * u : 6 * u);
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

void render_merge_seen(render_ctx *page, const render_ctx *map)
{
	for (int k = 0; k < COOPMAP_PROGRAMME_COUNT; k++)
		page->links_seen[k] |= map->links_seen[k];
	for (int w = 0; w < 3; w++)
		page->link_classes_seen[w] |= map->link_classes_seen[w];
	page->approximate_seen |= map->approximate_seen;
	page->not_stated_seen |= map->not_stated_seen;
	page->report->longest_link_step = fmax(page->report->longest_link_step,
		map->report->longest_link_step);
}

/* The islands of a locator inset, named beside them (left of them near
 * the frame's right side) where no label or mark is. */
static void draw_place_names(render_ctx *sub, const struct inset_def *def)
{
	double u = sub->unit;

	for (int i = 0; def->places != NULL && def->places[i].name != NULL;
	    i++) {
		const struct inset_place *p = &def->places[i];
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

/* An inset's name over its map, wrapped to width: its height. */
static double caption_height(render_ctx *ctx, const struct inset_def *def,
	double width)
{
	const char *name = strcmp(ctx->lang, "en") == 0 ? def->name_en
		: def->name_fr;

	return render_text_small(ctx, name, NAN, 0, width, 1) + 3 * ctx->unit;
}

/* The inset def drawn into box, showing extent: frame, map, name, scale. */
static int draw_one(render_ctx *page, const struct inset_def *def,
	const double extent[4], coopmap_box box, coopmap_error *err)
{
	render_ctx sub = *page;
	coopmap_render_report local = COOPMAP_RENDER_REPORT_INIT;
	char crs[192];
	const char *name = strcmp(page->lang, "en") == 0 ? def->name_en
		: def->name_fr;
	double caption = caption_height(page, def, box.x1 - box.x0);
	int rc;

	sub.report = &local;
	sub.placer = NULL;    /* the page's until its own is made */
	sub.projection = NULL;
	sub.paths = NULL;
	sub.ring_boxes = NULL;
	sub.ring_box_start = NULL;
	memset(&sub.outline, 0, sizeof(sub.outline));
	sub.points = NULL;
	sub.group_of = NULL;
	sub.n_points = 0;
	memset(&sub.link_lines, 0, sizeof(sub.link_lines));
	sub.links = NULL;
	sub.n_links = 0;
	sub.point_value_ref = page->point_value_max;
	sub.world = 0;
	sub.is_inset = 1;
	sub.link_stub = INSET_LINK_STUB * page->unit;
	sub.france_panel = 0;
	memcpy(sub.bbox, extent, sizeof(sub.bbox));
	sub.page_map = (coopmap_box){ box.x0, box.y0 + caption, box.x1, box.y1 };
	snprintf(crs, sizeof(crs), "+proj=laea +lat_0=%.4f +lon_0=%.4f "
		"+datum=WGS84 +units=m +type=crs", (extent[1] + extent[3]) / 2,
		(extent[0] + extent[2]) / 2);
	rc = coopmap_projection_new(crs, &sub.projection, err);
	if (rc == COOPMAP_OK) {
		double margin = fmax(2.0, 0.5 * fmax(extent[2] - extent[0],
			extent[3] - extent[1]));

		/* Clipped to a little more than the inset shows: Brazil beside
		 * Guyane would otherwise be written whole into an SVG or PDF. */
		coopmap_projection_valid_area(sub.projection, sub.area);
		sub.area[0] = fmax(sub.area[0], extent[0] - margin);
		sub.area[1] = fmax(sub.area[1], extent[1] - margin);
		sub.area[2] = fmin(sub.area[2], extent[2] + margin);
		sub.area[3] = fmin(sub.area[3], extent[3] + margin);
		rc = render_frame_fit(&sub, err);
	}
	if (rc == COOPMAP_OK)
		rc = render_frame_project_countries(&sub, err);
	if (rc == COOPMAP_OK)
		rc = render_network_group(&sub, err);
	if (rc == COOPMAP_OK)
		rc = render_network_prepare_links(&sub, err);
	if (rc == COOPMAP_OK) {
		sub.placer = coopmap_placer_new(sub.frame);
		if (sub.placer == NULL)
			rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	if (rc == COOPMAP_OK) {
		size_t n;
		const coopmap_box *boxes;

		render_map_draw(&sub);
		render_text_draw_point_labels(&sub);
		render_scale_bar(&sub);
		draw_place_names(&sub, def);
		/* Centred over the box, as the frame is: the width it was
		 * measured at, so that it wraps into the lines it was given. */
		render_text_small(&sub, name, box.x0, sub.frame.y0 - caption,
			box.x1 - box.x0, 1);
		render_merge_seen(page, &sub);
		if (page->france_panel && def == &insets[FRANCE_INSET]) {
			page->report->france_panel = 1;
			page->report->france_panel_points = local.points_drawn;
			page->report->france_panel_names = local.point_labels_placed;
			page->report->france_panel_establishments = 0;
			for (size_t g = 0; g < sub.n_points; g++) {
				if (sub.points[g].kind == COOPMAP_NODE_ESTABLISHMENT)
					page->report->france_panel_establishments +=
						sub.points[g].members;
			}
			page->report->france_panel_named = local.establishments_named;
		}
		/* Its labels join the page's, for the report and tests. */
		boxes = coopmap_placer_labels(sub.placer, &n);
		for (size_t i = 0; i < n; i++)
			coopmap_placer_add_label(page->placer, boxes[i]);
		coopmap_placer_add_obstacle(page->placer, box);
	}
	render_ctx_free_map(&sub);
	coopmap_render_report_clear(&local);
	return rc;
}

/* Grow b (west, south, east, north) to hold lon/lat. */
static void grow(double b[4], double lon, double lat)
{
	b[0] = fmin(b[0], lon);
	b[1] = fmin(b[1], lat);
	b[2] = fmax(b[2], lon);
	b[3] = fmax(b[3], lat);
}

/*
 * What an inset shows, fitted to what is there: the French land within
 * its area (ring by ring: French Polynesia's other archipelagos stay
 * out), its named islands and the network's places, with a margin of an
 * eighth of the larger side; its whole area when none is there.
 */
static void inset_extent(const render_ctx *ctx, const struct inset_def *def,
	double e[4])
{
	const coopmap_map_data *d = ctx->data;
	const double *a = def->bbox;
	size_t n = coopmap_countries_count(d->countries);
	size_t n_nodes = d->network != NULL
		? coopmap_network_node_count(d->network) : 0;
	double b[4] = { HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL }, m;

	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(d->countries, i);
		const coopmap_geometry *g = &c->geometry;

		if (!french_land_in(c, a))
			continue;
		for (size_t r = 0; r < g->n_rings; r++) {
			for (size_t k = g->ring_start[r]; k < g->ring_start[r + 1]; k++) {
				if (lon_lat_in(a, g->lon[k], g->lat[k]))
					grow(b, g->lon[k], g->lat[k]);
			}
		}
	}
	for (int i = 0; def->places != NULL && def->places[i].name != NULL; i++)
		grow(b, def->places[i].lon, def->places[i].lat);
	for (size_t i = 0; i < n_nodes; i++) {
		const coopmap_node *node = coopmap_network_node(d->network, i);

		if (node->projects > 0 && lon_lat_in(a, node->lon, node->lat))
			grow(b, node->lon, node->lat);
	}
	if (!(b[2] > b[0]) || !(b[3] > b[1])) {
		memcpy(e, a, 4 * sizeof(double));
		return;
	}
	m = fmax(b[2] - b[0], b[3] - b[1]) / 8;
	e[0] = b[0] - m;
	e[1] = b[1] - m;
	e[2] = b[2] + m;
	e[3] = b[3] + m;
}

/* Width over height of a lon/lat extent on the ground. */
static double extent_aspect(const double e[4])
{
	double aspect = (e[2] - e[0]) * cos((e[1] + e[3]) / 2 * G_PI / 180) /
		(e[3] - e[1]);

	return fmin(fmax(aspect, 0.4), 2.5);
}

/*
 * Up to this many insets (the France panel counted) go over the quiet
 * places of a world map's frame: its corners past the sphere, the South
 * Pacific and the Southern Ocean.  More go in a row under the map.
 */
#define FRAME_INSETS_MAX 4

/* Share of the frame's width of the France panel, and the side of an
 * overseas inset of square land, in the frame. */
#define FRAME_PANEL_WIDTH 0.31
#define FRAME_INSET_SIDE 0.10

int render_inset_in_frame(const render_ctx *ctx, int n_insets)
{
	return ctx->world && n_insets > 0 && n_insets <= FRAME_INSETS_MAX;
}

/* Whether box covers a point symbol of the map. */
static int covers_point(const render_ctx *ctx, const coopmap_box *box)
{
	for (size_t g = 0; g < ctx->n_points; g++) {
		const render_point *p = &ctx->points[g];
		coopmap_box b = { p->x - p->r, p->y - p->r, p->x + p->r,
			p->y + p->r };

		if (coopmap_box_intersects(&b, box))
			return 1;
	}
	return 0;
}

/* The quietest place of the frame for an inset whose map is w x h, its
 * caption over it: smaller, down to half, rather than over a mark. */
static coopmap_box quiet_box(render_ctx *ctx, const struct inset_def *def,
	double w, double h)
{
	coopmap_box box = { 0, 0, 0, 0 };

	for (int k = 0; k < 8; k++) {
		double f = 1.0 - 0.07 * k;

		box = render_frame_quiet_corner(ctx, f * w, f * h + caption_height(ctx,
			def, f * w), 4 * ctx->unit);
		if (!covers_point(ctx, &box))
			break;
	}
	return box;
}

/* The insets over the frame's quiet places, the panel first (the largest
 * takes the best place), each an obstacle for the next and for the
 * legend. */
static void plan_in_frame(render_ctx *ctx, render_inset_layout *layout,
	const double *aspect)
{
	double fw = ctx->frame.x1 - ctx->frame.x0;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < layout->n; i++) {
			const struct inset_def *def = &insets[layout->which[i]];
			int panel = layout->which[i] == (int)FRANCE_INSET;
			double w, h;

			if (panel != (pass == 0))
				continue;
			if (panel) {
				w = FRAME_PANEL_WIDTH * fw;
				h = w / aspect[i];
			} else {
				w = FRAME_INSET_SIDE * fw * sqrt(aspect[i]);
				h = FRAME_INSET_SIDE * fw / sqrt(aspect[i]);
			}
			layout->box[i] = quiet_box(ctx, def, w, h);
			coopmap_placer_add_obstacle(ctx->placer, layout->box[i]);
		}
	}
}

/* The insets side by side in strip, each as wide as its land's shape
 * asks at the row's height (lower when they would not fit), centred. */
static void plan_in_row(render_ctx *ctx, render_inset_layout *layout,
	const double *aspect, coopmap_box strip)
{
	double gap = 10 * ctx->unit, sum = 0, caption = 0, map_h, x;
	double strip_w = strip.x1 - strip.x0, used;

	for (size_t i = 0; i < layout->n; i++)
		sum += aspect[i];
	map_h = strip.y1 - strip.y0;
	/* The captions wrap at the width they get, which depends on the
	 * height left under them: twice is enough. */
	for (int pass = 0; pass < 2; pass++) {
		double h = fmin(strip.y1 - strip.y0 - caption, (strip_w - gap *
			(double)(layout->n - 1)) / sum);

		caption = 0;
		for (size_t i = 0; i < layout->n; i++)
			caption = fmax(caption, caption_height(ctx,
				&insets[layout->which[i]], aspect[i] * h));
		map_h = h;
	}
	map_h = fmin(map_h, strip.y1 - strip.y0 - caption);
	used = map_h * sum + gap * (double)(layout->n - 1);
	x = strip.x0 + fmax(0, strip_w - used) / 2;
	for (size_t i = 0; i < layout->n; i++) {
		double w = aspect[i] * map_h;

		layout->box[i] = (coopmap_box){ x, strip.y0, x + w,
			strip.y0 + caption + map_h };
		x += w + gap;
	}
}

int render_inset_plan(render_ctx *ctx, coopmap_box strip,
	render_inset_layout *layout, coopmap_error *err)
{
	int chosen[N_INSETS];
	double aspect[N_INSETS];
	size_t n;

	memset(layout, 0, sizeof(*layout));
	if (pick(ctx, chosen, &n, NULL, err) != 0)
		return COOPMAP_ERR_USAGE;
	layout->n = n;
	layout->in_frame = render_inset_in_frame(ctx, (int)n);
	for (size_t i = 0; i < n; i++) {
		layout->which[i] = chosen[i];
		inset_extent(ctx, &insets[chosen[i]], layout->extent[i]);
		aspect[i] = extent_aspect(layout->extent[i]);
	}
	if (n == 0)
		return COOPMAP_OK;
	if (layout->in_frame)
		plan_in_frame(ctx, layout, aspect);
	else
		plan_in_row(ctx, layout, aspect, strip);
	return COOPMAP_OK;
}

int render_inset_draw_all(render_ctx *ctx, const render_inset_layout *layout,
	coopmap_error *err)
{
	for (size_t i = 0; i < layout->n; i++) {
		const coopmap_box *box = &layout->box[i];
		int rc;

		if (layout->in_frame) {
			/* Over the map: the page's ground under its name. */
			cairo_rectangle(ctx->cr, box->x0, box->y0, box->x1 - box->x0,
				box->y1 - box->y0);
			render_set_color(ctx->cr, ctx->style->background);
			cairo_fill(ctx->cr);
		}
		rc = draw_one(ctx, &insets[layout->which[i]], layout->extent[i],
			*box, err);
		if (rc != COOPMAP_OK)
			return rc;
		ctx->report->insets++;
	}
	return COOPMAP_OK;
}
