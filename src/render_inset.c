/*
 * render_inset.c: the page's insets, as French official maps show the
 * overseas territories, and the panel of metropolitan France on a world
 * map whose French establishments crowd: which insets a page has (asked,
 * or those with something to show), what each one shows (its land, fitted
 * with a margin), where each goes (in a row under the map, or over the
 * quiet places of a world map's frame) and each one's map context: a
 * Lambert azimuthal equal-area projection centred on it, its frame under
 * its name, its own report.
 *
 * Not for drawing: the drawing order (render_draw.c) prepares and draws an
 * inset's map as it does the page's, with the same countries, layers,
 * links and points.  It calls render_text.c to measure the insets' names
 * and render_frame.c to find the frame's quiet places, nothing else.
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render_frame.h"
#include "render_inset.h"
#include "render_text.h"

/* An island named in its inset, where islands are a few pixels across:
 * the inset is then their locator. */

static const render_place society_islands[] = {
	{ "Tahiti", -149.43, -17.68 }, { "Moorea", -149.83, -17.53 },
	{ "Raiatea", -151.45, -16.82 }, { "Bora-Bora", -151.74, -16.50 },
	{ "Huahine", -151.00, -16.75 }, { NULL, 0, 0 },
};
static const render_place wallis_futuna[] = {
	{ "Wallis", -176.20, -13.29 }, { "Futuna", -178.13, -14.28 },
	{ NULL, 0, 0 },
};

struct inset_def {
	const char *id;
	const char *name_fr, *name_en;
	double bbox[4];   /* lon/lat degrees */
	const render_place *places;   /* NULL: none named */
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

/* An inset's name over its map, wrapped to width: its height. */
static double caption_height(render_ctx *ctx, const struct inset_def *def,
	double width)
{
	const char *name = strcmp(ctx->lang, "en") == 0 ? def->name_en
		: def->name_fr;

	return render_text_small(ctx, name, NAN, 0, width, 1) + 3 * ctx->unit;
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
 * eighth of the larger side (a twentieth for metropolitan France); its
 * whole area when none is there.
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
	/* The metropole's names find room in the sea and the neighbours
	 * that fill its panel: a narrower margin, a larger France. */
	m = fmax(b[2] - b[0], b[3] - b[1]) / (def == &insets[FRANCE_INSET] ? 20
		: 8);
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

/* Share of the frame's width of the France panel over the Pacific,
 * beside the column set aside for it (a share of the page's map width),
 * and the side of an overseas inset of square land, in the frame. */
#define FRAME_PANEL_WIDTH 0.25
#define PANEL_COLUMN 0.20
#define FRAME_INSET_SIDE 0.10

int render_inset_in_frame(const render_ctx *ctx, int n_insets)
{
	return ctx->world && n_insets > 0 && n_insets <= FRAME_INSETS_MAX;
}

/*
 * Some thirty names in a panel over the Pacific of a full-width world
 * map (a third of its width: Haiti and the Americas beyond) left a fifth
 * of them unnamed: the page gives the panel a column of its own, over
 * which the Pacific of a smaller world map lies.
 */
double render_inset_panel_column(const render_ctx *ctx, int n_insets)
{
	return render_inset_in_frame(ctx, n_insets) &&
		render_inset_france_panel(ctx) ? PANEL_COLUMN : 0;
}

/* A few insets get more room than a row of eight, and a row with the
 * France panel (some thirty names) more still.  Insets in the map's frame
 * have no row: the page's unit is then that of a page with a row of
 * eight. */
double render_inset_strip_height(const render_ctx *ctx, int n_insets)
{
	if (n_insets <= 0)
		return 0;
	if (render_inset_in_frame(ctx, n_insets))
		return 150.0;
	if (render_inset_france_panel(ctx))
		return 320.0;
	return n_insets >= 4 ? 150.0 : 240.0;
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
			def, f * w), 4 * ctx->unit, NULL);
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
				const coopmap_box *room = ctx->room.x1 > ctx->room.x0
					? &ctx->room : &ctx->frame;

				w = FRAME_PANEL_WIDTH * fw + ctx->frame.x0 - room->x0;
				h = fmin(w / aspect[i], room->y1 - room->y0 -
					caption_height(ctx, def, w) - 8 * ctx->unit);
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

int render_inset_map_init(render_ctx *page, const render_inset_layout *layout,
	size_t i, render_inset_map *inset, coopmap_error *err)
{
	const struct inset_def *def = &insets[layout->which[i]];
	const double *extent = layout->extent[i];
	coopmap_box box = layout->box[i];
	render_ctx *sub = &inset->map;
	char crs[192];
	int rc;

	*sub = *page;
	inset->report = (coopmap_render_report)COOPMAP_RENDER_REPORT_INIT;
	inset->box = box;
	inset->name = strcmp(page->lang, "en") == 0 ? def->name_en
		: def->name_fr;
	inset->places = def->places;
	inset->france_panel = page->france_panel && def == &insets[FRANCE_INSET];
	inset->metropole = def == &insets[FRANCE_INSET];
	inset->caption = caption_height(page, def, box.x1 - box.x0);
	sub->report = &inset->report;
	sub->placer = NULL;    /* the page's until its own is made */
	sub->projection = NULL;
	sub->paths = NULL;
	sub->ring_boxes = NULL;
	sub->ring_box_start = NULL;
	memset(&sub->outline, 0, sizeof(sub->outline));
	sub->points = NULL;
	sub->group_of = NULL;
	sub->n_points = 0;
	memset(&sub->link_lines, 0, sizeof(sub->link_lines));
	sub->links = NULL;
	sub->n_links = 0;
	sub->point_value_ref = page->point_value_max;
	sub->world = 0;
	sub->is_inset = 1;
	sub->link_stub = INSET_LINK_STUB * page->unit;
	sub->france_panel = 0;
	sub->room = (coopmap_box){ 0, 0, 0, 0 };
	memcpy(sub->bbox, extent, sizeof(sub->bbox));
	sub->page_map = (coopmap_box){ box.x0, box.y0 + inset->caption, box.x1,
		box.y1 };
	snprintf(crs, sizeof(crs), "+proj=laea +lat_0=%.4f +lon_0=%.4f "
		"+datum=WGS84 +units=m +type=crs", (extent[1] + extent[3]) / 2,
		(extent[0] + extent[2]) / 2);
	rc = coopmap_projection_new(crs, &sub->projection, err);
	if (rc == COOPMAP_OK) {
		double margin = fmax(2.0, 0.5 * fmax(extent[2] - extent[0],
			extent[3] - extent[1]));

		/* Clipped to a little more than the inset shows: Brazil beside
		 * Guyane would otherwise be written whole into an SVG or PDF. */
		coopmap_projection_valid_area(sub->projection, sub->area);
		sub->area[0] = fmax(sub->area[0], extent[0] - margin);
		sub->area[1] = fmax(sub->area[1], extent[1] - margin);
		sub->area[2] = fmin(sub->area[2], extent[2] + margin);
		sub->area[3] = fmin(sub->area[3], extent[3] + margin);
	}
	return rc;
}
