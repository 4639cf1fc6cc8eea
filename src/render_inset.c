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
	  { -5.6, 41.2, 10.0, 51.3 }, NULL },
};

#define N_INSETS (sizeof(insets) / sizeof(insets[0]))
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

int render_inset_in_metropole(double lon, double lat)
{
	return lon_lat_in(insets[FRANCE_INSET].bbox, lon, lat);
}

int render_inset_france_panel(const render_ctx *ctx)
{
	const coopmap_network *net = ctx->data->network;
	size_t n = net != NULL ? coopmap_network_node_count(net) : 0, count = 0;

	if (!ctx->world || ctx->is_inset || ctx->opts->insets != NULL ||
	    !ctx->opts->france_panel)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const coopmap_node *node = coopmap_network_node(net, i);

		if (node->kind == COOPMAP_NODE_ESTABLISHMENT && node->projects > 0 &&
		    !isnan(node->lat) && render_inset_in_metropole(node->lon,
		    node->lat))
			count++;
	}
	return count >= FRANCE_PANEL_MIN_ESTABLISHMENTS;
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
		} else if (*n < N_INSETS) {
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
	if (!render_map_point(ctx, lon - d, lat, &xa, &ya) ||
	    !render_map_point(ctx, lon + d, lat, &xb, &yb))
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
	box = render_map_quiet_corner(ctx, len + 5 * u +
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

		if (!render_map_point(sub, p->lon, p->lat, &x, &y))
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

/* The inset i drawn into box: frame, map, name, scale. */
static int draw_one(render_ctx *page, const struct inset_def *def,
	coopmap_box box, coopmap_error *err)
{
	render_ctx sub = *page;
	coopmap_render_report local = COOPMAP_RENDER_REPORT_INIT;
	char crs[192];
	const char *name = strcmp(page->lang, "en") == 0 ? def->name_en
		: def->name_fr;
	double caption = render_text_small(page, name, NAN, 0, box.x1 - box.x0,
		1) + 3 * page->unit;
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
	sub.france_panel = 0;
	memcpy(sub.bbox, def->bbox, sizeof(sub.bbox));
	sub.page_map = (coopmap_box){ box.x0, box.y0 + caption, box.x1, box.y1 };
	snprintf(crs, sizeof(crs), "+proj=laea +lat_0=%.4f +lon_0=%.4f "
		"+datum=WGS84 +units=m +type=crs", (def->bbox[1] + def->bbox[3]) / 2,
		(def->bbox[0] + def->bbox[2]) / 2);
	rc = coopmap_projection_new(crs, &sub.projection, err);
	if (rc == COOPMAP_OK) {
		double margin = fmax(2.0, 0.5 * fmax(def->bbox[2] - def->bbox[0],
			def->bbox[3] - def->bbox[1]));

		/* Clipped to a little more than the inset shows: Brazil beside
		 * Guyane would otherwise be written whole into an SVG or PDF. */
		coopmap_projection_valid_area(sub.projection, sub.area);
		sub.area[0] = fmax(sub.area[0], def->bbox[0] - margin);
		sub.area[1] = fmax(sub.area[1], def->bbox[1] - margin);
		sub.area[2] = fmin(sub.area[2], def->bbox[2] + margin);
		sub.area[3] = fmin(sub.area[3], def->bbox[3] + margin);
		rc = render_map_frame(&sub, err);
	}
	if (rc == COOPMAP_OK)
		rc = render_map_project_countries(&sub, err);
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

int render_inset_in_corner(const render_ctx *ctx, int n_insets)
{
	return ctx->world && n_insets == 1;
}

coopmap_box render_inset_corner(render_ctx *ctx)
{
	const coopmap_box *f = &ctx->frame;
	double m = 4 * ctx->unit, w = 0.12 * (f->x1 - f->x0), h = w;
	coopmap_box right = { f->x1 - m - w, f->y1 - m - h, f->x1 - m, f->y1 - m };
	coopmap_box left = { f->x0 + m, f->y1 - m - h, f->x0 + m + w, f->y1 - m };

	return render_map_box_is_quiet(ctx, &right) ||
		!render_map_box_is_quiet(ctx, &left) ? right : left;
}

int render_inset_draw_all(render_ctx *ctx, coopmap_box strip,
	coopmap_error *err)
{
	int chosen[N_INSETS];
	size_t n;
	double gap = 10 * ctx->unit, width;

	if (pick(ctx, chosen, &n, NULL, err) != 0)
		return COOPMAP_ERR_USAGE;
	if (n == 0)
		return COOPMAP_OK;
	if (render_inset_in_corner(ctx, (int)n)) {
		/* Over the map's corner: the page's ground under its name. */
		cairo_rectangle(ctx->cr, strip.x0, strip.y0, strip.x1 - strip.x0,
			strip.y1 - strip.y0);
		render_set_color(ctx->cr, ctx->style->background);
		cairo_fill(ctx->cr);
	}
	width = (strip.x1 - strip.x0 - gap * (double)(n - 1)) / (double)n;
	for (size_t i = 0; i < n; i++) {
		coopmap_box box = { strip.x0 + (double)i * (width + gap), strip.y0,
			strip.x0 + (double)i * (width + gap) + width, strip.y1 };
		int rc = draw_one(ctx, &insets[chosen[i]], box, err);

		if (rc != COOPMAP_OK)
			return rc;
		ctx->report->insets++;
	}
	return COOPMAP_OK;
}
