/*
 * render_frame.c: where things are on a map: the extent fitted to the
 * room the page gives it (the frame), the projection of the countries'
 * rings to device space once (cut at the projection's edge, simplified at
 * the map's scale), a lon/lat point's place on the page, the rings as a
 * Cairo path clipped to what can show, and the quiet places of the frame
 * (what a box there would cover of land, points, labels and furniture),
 * where the legend, the scale bar and the insets go.
 *
 * Not for drawing: it sets no colour and strokes nothing (the map's ground
 * is render_map.c's); above the marks (render_symbol.c) and the context,
 * below every part that places or draws.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/simplify.h"
#include "render_frame.h"


void render_frame_to_device(render_ctx *ctx, coopmap_rings *rings)
{
	coopmap_projection_forward(ctx->projection, rings->x, rings->y,
		rings->n_points);
	for (size_t i = 0; i < rings->n_points; i++) {
		if (rings->x[i] == HUGE_VAL)
			continue;
		rings->x[i] = ctx->offset_x + (rings->x[i] - ctx->proj_min_x) *
			ctx->scale;
		rings->y[i] = ctx->offset_y + (ctx->proj_max_y - rings->y[i]) *
			ctx->scale;
	}
}

static void bounds_of(const double *x, const double *y, size_t n, double b[4])
{
	b[0] = b[1] = HUGE_VAL;
	b[2] = b[3] = -HUGE_VAL;
	for (size_t i = 0; i < n; i++) {
		if (x[i] == HUGE_VAL)
			continue;
		b[0] = fmin(b[0], x[i]);
		b[1] = fmin(b[1], y[i]);
		b[2] = fmax(b[2], x[i]);
		b[3] = fmax(b[3], y[i]);
	}
}

/* The extent's outline in lon/lat, densified: its projection's bounds are
 * the map's bounds (a straight lon/lat box is curved once projected). */
static int extent_ring(render_ctx *ctx, coopmap_polyline *ring,
	coopmap_error *err)
{
	double w = ctx->bbox[0], s = ctx->bbox[1], e = ctx->bbox[2];
	double n = ctx->bbox[3];
	size_t steps = 64, k = 0;

	if (ctx->world)
		return coopmap_projection_outline(ctx->projection, RENDER_DENSIFY_STEP,
			ring, err);
	ring->x = malloc((4 * steps + 1) * sizeof(double));
	ring->y = malloc((4 * steps + 1) * sizeof(double));
	if (ring->x == NULL || ring->y == NULL) {
		coopmap_polyline_clear(ring);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < steps; i++, k++) {
		double t = (double)i / steps;

		ring->x[k] = w + (e - w) * t;
		ring->y[k] = s;
		ring->x[k + steps] = e;
		ring->y[k + steps] = s + (n - s) * t;
		ring->x[k + 2 * steps] = e - (e - w) * t;
		ring->y[k + 2 * steps] = n;
		ring->x[k + 3 * steps] = w;
		ring->y[k + 3 * steps] = n - (n - s) * t;
	}
	ring->x[4 * steps] = w;
	ring->y[4 * steps] = s;
	ring->n = 4 * steps + 1;
	return COOPMAP_OK;
}

static int build_outline(render_ctx *ctx, coopmap_error *err)
{
	coopmap_polyline outline = { 0, NULL, NULL };
	int rc = coopmap_projection_outline(ctx->projection, RENDER_DENSIFY_STEP,
		&outline, err);

	if (rc != COOPMAP_OK)
		return rc;
	coopmap_rings_reset(&ctx->outline);
	rc = coopmap_cut_line(outline.x, outline.y, outline.n, ctx->area,
		RENDER_DENSIFY_STEP, &ctx->outline, err);
	coopmap_polyline_clear(&outline);
	if (rc == COOPMAP_OK)
		render_frame_to_device(ctx, &ctx->outline);
	return rc;
}

int render_frame_extent_bounds(render_ctx *ctx, double b[4], coopmap_error *err)
{
	coopmap_polyline ring = { 0, NULL, NULL };
	int rc = extent_ring(ctx, &ring, err);

	if (rc != COOPMAP_OK)
		return rc;
	coopmap_projection_forward(ctx->projection, ring.x, ring.y, ring.n);
	bounds_of(ring.x, ring.y, ring.n, b);
	coopmap_polyline_clear(&ring);
	if (!(b[2] > b[0]) || !(b[3] > b[1]))
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"the extent has no area once projected with %s",
			coopmap_projection_name(ctx->projection));
	return COOPMAP_OK;
}

int render_frame_fit(render_ctx *ctx, coopmap_error *err)
{
	double b[4], map_w, map_h, fit_w, fit_h;
	int rc = render_frame_extent_bounds(ctx, b, err);

	if (rc != COOPMAP_OK)
		return rc;
	map_w = ctx->page_map.x1 - ctx->page_map.x0;
	map_h = ctx->page_map.y1 - ctx->page_map.y0;
	/* An inset fills its box: the extent grows around its middle to the
	 * box's shape (no empty band between the map and the box's edge). */
	if (ctx->is_inset && map_w > 0 && map_h > 0) {
		double grow_w = (b[3] - b[1]) * map_w / map_h - (b[2] - b[0]);
		double grow_h = (b[2] - b[0]) * map_h / map_w - (b[3] - b[1]);

		if (grow_w > 0) {
			b[0] -= grow_w / 2;
			b[2] += grow_w / 2;
		} else if (grow_h > 0) {
			b[1] -= grow_h / 2;
			b[3] += grow_h / 2;
		}
	}
	ctx->scale = fmin(map_w / (b[2] - b[0]), map_h / (b[3] - b[1]));
	fit_w = (b[2] - b[0]) * ctx->scale;
	fit_h = (b[3] - b[1]) * ctx->scale;
	ctx->offset_x = ctx->page_map.x0 + (map_w - fit_w) / 2;
	ctx->offset_y = ctx->page_map.y0 + (map_h - fit_h) / 2;
	ctx->proj_min_x = b[0];
	ctx->proj_max_y = b[3];
	ctx->frame.x0 = ctx->offset_x;
	ctx->frame.y0 = ctx->offset_y;
	ctx->frame.x1 = ctx->offset_x + fit_w;
	ctx->frame.y1 = ctx->offset_y + fit_h;
	return build_outline(ctx, err);
}

/*
 * The simplification tolerance, in degrees, for this map's scale: half a
 * device unit (a PNG's pixel; an SVG's user unit, a CSS pixel at 100 %),
 * a quarter of a point on PDF, which is printed finer than a screen shows.
 * Finer detail draws nothing and makes vector files several times larger
 * (simplify.h).
 */
static double simplify_tolerance(render_ctx *ctx)
{
	cairo_surface_type_t type = cairo_surface_get_type(
		cairo_get_target(ctx->cr));

	return coopmap_simplify_tolerance(ctx->projection, ctx->area, ctx->scale,
		type == CAIRO_SURFACE_TYPE_PDF ? 0.25 : 0.5);
}

/* Whether a lon/lat box may show on a regional map (with a margin, and
 * the extent's longitudes taken modulo 360). */
static int may_show(const render_ctx *ctx, double min_lon, double min_lat,
	double max_lon, double max_lat)
{
	const double margin = 2.0;

	if (ctx->world)
		return 1;
	if (max_lat < ctx->bbox[1] - margin || min_lat > ctx->bbox[3] + margin)
		return 0;
	for (int k = -1; k <= 1; k++) {
		double shift = 360.0 * k;

		if (max_lon + shift >= ctx->bbox[0] - margin &&
		    min_lon + shift <= ctx->bbox[2] + margin)
			return 1;
	}
	return 0;
}

/*
 * A regional map cuts only the rings of g that may show: a country's box
 * says little when it spans the antimeridian (Russia, Fiji, the United
 * States reach from -180 to 180), and cutting Russia whole for the inset of
 * Saint-Pierre-et-Miquelon was most of the insets' time.
 */
static int cut_visible(render_ctx *ctx, const coopmap_geometry *g,
	coopmap_rings *out, coopmap_error *err)
{
	int rc = COOPMAP_OK;

	if (ctx->world)
		return coopmap_cut_polygon(g, ctx->area, RENDER_DENSIFY_STEP, out, err);
	if (!may_show(ctx, g->min_lon, g->min_lat, g->max_lon, g->max_lat))
		return COOPMAP_OK;
	for (size_t r = 0; r < g->n_rings && rc == COOPMAP_OK; r++) {
		size_t first = g->ring_start[r], n = g->ring_start[r + 1] - first;
		const size_t start[2] = { 0, n };
		coopmap_geometry ring = { 1, start, g->lon + first, g->lat + first,
			HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL };

		for (size_t i = 0; i < n; i++) {
			ring.min_lon = fmin(ring.min_lon, ring.lon[i]);
			ring.max_lon = fmax(ring.max_lon, ring.lon[i]);
			ring.min_lat = fmin(ring.min_lat, ring.lat[i]);
			ring.max_lat = fmax(ring.max_lat, ring.lat[i]);
		}
		if (may_show(ctx, ring.min_lon, ring.min_lat, ring.max_lon,
		    ring.max_lat))
			rc = coopmap_cut_polygon(&ring, ctx->area, RENDER_DENSIFY_STEP, out,
				err);
	}
	return rc;
}

/* The box of every ring of the paths, once: the quiet-corner search
 * (land_share) asks which rings meet each of its candidate boxes, two
 * dozen times a page. */
static int box_rings(render_ctx *ctx, size_t n)
{
	size_t total = 0;

	ctx->ring_box_start = malloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		total += ctx->paths[i].n_rings;
	ctx->ring_boxes = malloc((4 * total + 1) * sizeof(double));
	if (ctx->ring_box_start == NULL || ctx->ring_boxes == NULL)
		return -1;
	total = 0;
	for (size_t i = 0; i < n; i++) {
		const coopmap_rings *r = &ctx->paths[i];

		ctx->ring_box_start[i] = total;
		for (size_t k = 0; k < r->n_rings; k++, total++)
			bounds_of(r->x + r->start[k], r->y + r->start[k],
				r->start[k + 1] - r->start[k],
				ctx->ring_boxes + 4 * total);
	}
	ctx->ring_box_start[n] = total;
	return 0;
}

int render_frame_project_countries(render_ctx *ctx, coopmap_error *err)
{
	size_t n = coopmap_countries_count(ctx->data->countries);
	coopmap_topology *topology = NULL;
	const coopmap_geometry *geometry = NULL;
	int rc = COOPMAP_OK;

	ctx->paths = calloc(n + 1, sizeof(coopmap_rings));
	if (ctx->paths == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	/* An inset shows a few small territories at a large scale: drawn at
	 * full resolution, without building the world's topology again. */
	if (!ctx->is_inset && ctx->data->topology == NULL)
		rc = coopmap_topology_new(ctx->data->countries, &topology, err);
	if (rc == COOPMAP_OK && !ctx->is_inset)
		rc = coopmap_topology_simplify(topology != NULL ? topology
			: ctx->data->topology, simplify_tolerance(ctx), &geometry,
			err);
	for (size_t i = 0; rc == COOPMAP_OK && i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(ctx->data->countries, i);

		rc = cut_visible(ctx, geometry != NULL ? &geometry[i]
			: &c->geometry, &ctx->paths[i], err);
		if (rc == COOPMAP_OK)
			render_frame_to_device(ctx, &ctx->paths[i]);
	}
	if (rc == COOPMAP_OK && box_rings(ctx, n) != 0)
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	coopmap_topology_free(topology);
	return rc;
}

void render_frame_free(render_ctx *ctx)
{
	if (ctx->paths != NULL) {
		size_t n = coopmap_countries_count(ctx->data->countries);

		for (size_t i = 0; i < n; i++)
			coopmap_rings_clear(&ctx->paths[i]);
		free(ctx->paths);
	}
	free(ctx->ring_boxes);
	free(ctx->ring_box_start);
	coopmap_rings_clear(&ctx->outline);
	ctx->paths = NULL;
	ctx->ring_boxes = NULL;
	ctx->ring_box_start = NULL;
}

/* Ring r of rings, closed, added to the current path. */
static void ring_path(cairo_t *cr, const coopmap_rings *rings, size_t r)
{
	int pen_down = 0;

	for (size_t i = rings->start[r]; i < rings->start[r + 1]; i++) {
		if (rings->x[i] == HUGE_VAL) {
			pen_down = 0;
			continue;
		}
		if (pen_down)
			cairo_line_to(cr, rings->x[i], rings->y[i]);
		else
			cairo_move_to(cr, rings->x[i], rings->y[i]);
		pen_down = 1;
	}
	if (pen_down)
		cairo_close_path(cr);
}

/* Whether ring r lies wholly outside box (its points, HUGE_VAL breaks
 * aside). */
static int ring_outside(const coopmap_rings *rings, size_t r,
	const coopmap_box *box)
{
	double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;

	for (size_t i = rings->start[r]; i < rings->start[r + 1]; i++) {
		if (rings->x[i] == HUGE_VAL)
			continue;
		x0 = fmin(x0, rings->x[i]);
		x1 = fmax(x1, rings->x[i]);
		y0 = fmin(y0, rings->y[i]);
		y1 = fmax(y1, rings->y[i]);
	}
	return x1 < box->x0 || x0 > box->x1 || y1 < box->y0 || y0 > box->y1;
}

/*
 * The rings that can touch the clip, as the current path.  A ring changes
 * a fill only inside itself and a stroke within half its width of itself,
 * so a ring wholly outside the clip (with a margin wider than any line of
 * the style) is left out, unseen: Cairo would still turn it into edges and join its
 * strokes.  A band of a PNG page (render_band.c) then builds only its own
 * half of the world, and a regional map's SVG leaves out what the frame
 * hides.
 */
/* Wider than half of any line the style draws over a country's rings. */
static double widest_line(const coopmap_style *st)
{
	const double widths[] = { st->border_width, st->highlight_width,
		st->priority_outline_width, st->layer_line_width,
		st->priority_hatch_width, st->sphere_outline_width };
	double widest = 0;

	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		widest = fmax(widest, widths[i]);
	return widest;
}

void render_frame_path(render_ctx *ctx, const coopmap_rings *rings)
{
	double margin = (20 + widest_line(ctx->style)) * ctx->unit;
	coopmap_box clip;

	cairo_clip_extents(ctx->cr, &clip.x0, &clip.y0, &clip.x1, &clip.y1);
	clip.x0 -= margin;
	clip.y0 -= margin;
	clip.x1 += margin;
	clip.y1 += margin;
	for (size_t r = 0; r < rings->n_rings; r++) {
		if (!ring_outside(rings, r, &clip))
			ring_path(ctx->cr, rings, r);
	}
}

int render_frame_point(render_ctx *ctx, double lon, double lat, double *x,
	double *y)
{
	double px = lon, py = lat;

	if (lon < ctx->area[0])
		px += 360;
	else if (lon > ctx->area[2])
		px -= 360;
	coopmap_projection_forward(ctx->projection, &px, &py, 1);
	if (px == HUGE_VAL)
		return 0;
	*x = ctx->offset_x + (px - ctx->proj_min_x) * ctx->scale;
	*y = ctx->offset_y + (ctx->proj_max_y - py) * ctx->scale;
	return *x >= ctx->frame.x0 && *x <= ctx->frame.x1 &&
		*y >= ctx->frame.y0 && *y <= ctx->frame.y1;
}

/*
 * Share of a grid of points in box that falls on land (any country): the
 * countries filled without antialiasing on a grid of NX x NY pixels laid
 * over box, each pixel lit when its centre is inside.  Only the rings whose
 * bounds meet box are drawn.  (cairo_in_fill, point by point, walked the
 * whole of Russia or Canada 96 times per corner: 4 % of a world map's
 * time.)
 */
static double land_share(render_ctx *ctx, const coopmap_box *box,
	const unsigned char *only)
{
	enum { NX = 12, NY = 8 };
	size_t n = coopmap_countries_count(ctx->data->countries);
	cairo_surface_t *grid = cairo_image_surface_create(CAIRO_FORMAT_A8, NX,
		NY);
	cairo_t *cr = cairo_create(grid);
	int count = 0, touched = 0, stride;
	const unsigned char *pixels;

	/* Antialiased: an islet smaller than a cell still counts. */
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	cairo_scale(cr, NX / (box->x1 - box->x0), NY / (box->y1 - box->y0));
	cairo_translate(cr, -box->x0, -box->y0);
	for (size_t i = 0; i < n; i++) {
		const coopmap_rings *r = &ctx->paths[i];

		if (only != NULL && !only[i])
			continue;
		for (size_t k = 0; k < r->n_rings; k++) {
			const double *b = ctx->ring_boxes +
				4 * (ctx->ring_box_start[i] + k);

			if (b[2] < box->x0 || b[0] > box->x1 || b[3] < box->y0 ||
			    b[1] > box->y1)
				continue;
			ring_path(cr, r, k);
		}
		/* One country at a time: its holes are its own. */
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(grid);
	pixels = cairo_image_surface_get_data(grid);
	stride = cairo_image_surface_get_stride(grid);
	for (int y = 0; pixels != NULL && y < NY; y++) {
		for (int x = 0; x < NX; x++) {
			count += pixels[y * stride + x];
			touched |= pixels[y * stride + x] != 0;
		}
	}
	cairo_surface_destroy(grid);
	/* Any land at all weighs more than a clear gain (0.05). */
	return (double)count / (255.0 * NX * NY) + (touched ? 0.06 : 0);
}

/* How many boxes of list meet box. */
static int hits(const coopmap_box *list, size_t n, const coopmap_box *box)
{
	int count = 0;

	for (size_t i = 0; i < n; i++)
		count += coopmap_box_intersects(&list[i], box);
	return count;
}

/* Whether country i shows data: it has projects, is outlined or is
 * under a policy layer. */
static int shows_data(const render_ctx *ctx, size_t i)
{
	const coopmap_map_data *d = ctx->data;
	const coopmap_country *c = coopmap_countries_get(d->countries, i);

	if (render_frame_is_subject(ctx, i))
		return 1;
	for (size_t l = 0; l < d->n_layers; l++) {
		if (coopmap_layer_find(d->layers[l], c, 0) >= 0)
			return 1;
	}
	return 0;
}

/* Whether two boxes (x0 y0 x1 y1) are within d of each other. */
static int boxes_near(const double *a, const double *b, double d)
{
	return a[0] <= b[2] + d && b[0] <= a[2] + d && a[1] <= b[3] + d &&
		b[1] <= a[3] + d;
}

/*
 * Per country: 2 when it shows data (projects, an outline, a layer), 1
 * when a ring of it comes within a twentieth of the frame's width of
 * such a country (the land a reader looks at around the data: Angola
 * beside the Congo), 0 for remote land.  NULL when out of memory.
 */
static unsigned char *data_nearness(render_ctx *ctx)
{
	size_t n = coopmap_countries_count(ctx->data->countries);
	unsigned char *w = calloc(n + 1, 1);
	double d = (ctx->frame.x1 - ctx->frame.x0) / 20;

	if (w == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		w[i] = shows_data(ctx, i) ? 2 : 0;
	for (size_t i = 0; i < n; i++) {
		size_t a0 = ctx->ring_box_start[i], a1 = ctx->ring_box_start[i + 1];

		for (size_t j = 0; w[i] == 0 && j < n; j++) {
			size_t b0 = ctx->ring_box_start[j];
			size_t b1 = ctx->ring_box_start[j + 1];

			if (w[j] != 2)
				continue;
			for (size_t a = a0; w[i] == 0 && a < a1; a++) {
				const double *ra = ctx->ring_boxes + 4 * a;

				/* A ring as wide as a third of the frame (Antarctica)
				 * is near everything by its box: say nothing of it. */
				if (ra[2] - ra[0] > 6 * d)
					continue;
				for (size_t b = b0; b < b1; b++) {
					if (boxes_near(ctx->ring_boxes + 4 * a,
					    ctx->ring_boxes + 4 * b, d)) {
						w[i] = 1;
						break;
					}
				}
			}
		}
	}
	return w;
}

/* What a w x h box at c would cover: its share of land, ten times
 * that of the countries that show data and four times that of the land
 * near them (near, from data_nearness; NULL: all land alike), 20 for
 * each point symbol or label, and 100 for each obstacle (a marker, an
 * inset, the legend): the frame's furniture covers no mark, no label and
 * no furniture placed before it while a place covering only land is
 * left, however much land. */
static double cover_cost(render_ctx *ctx, const coopmap_box *c,
	const unsigned char *near)
{
	double cost = land_share(ctx, c, NULL);
	const coopmap_box *boxes;
	size_t n;

	if (near != NULL) {
		size_t nc = coopmap_countries_count(ctx->data->countries);
		unsigned char *only = malloc(nc + 1);

		if (only != NULL) {
			for (size_t i = 0; i < nc; i++)
				only[i] = near[i] >= 1;
			cost += 3 * land_share(ctx, c, only);
			for (size_t i = 0; i < nc; i++)
				only[i] = near[i] == 2;
			cost += 6 * land_share(ctx, c, only);
		}
		free(only);
	}
	for (size_t g = 0; g < ctx->n_points; g++) {
		const render_point *p = &ctx->points[g];
		coopmap_box b = { p->x - p->r, p->y - p->r, p->x + p->r,
			p->y + p->r };

		cost += 20 * coopmap_box_intersects(&b, c);
	}
	if (ctx->placer != NULL) {
		boxes = coopmap_placer_obstacles(ctx->placer, &n);
		cost += 100 * hits(boxes, n, c);
		boxes = coopmap_placer_labels(ctx->placer, &n);
		cost += 20 * hits(boxes, n, c);
	}
	return cost;
}

#define QUIET_STEPS 6

coopmap_box render_frame_quiet_corner(render_ctx *ctx, double w, double h,
	double margin, double *cost_out)
{
	const coopmap_box *f = ctx->room.x1 > ctx->room.x0 ? &ctx->room
		: &ctx->frame;
	double x0 = f->x0 + margin, x1 = f->x1 - margin - w;
	double y0 = f->y0 + margin, y1 = f->y1 - margin - h;
	coopmap_box best = { x0, y1, x0 + w, y1 + h };
	double best_cost = 1e9;
	unsigned char *near = data_nearness(ctx);

	/* The corners first, in their order; then places slid along each
	 * side, for a frame whose four corners are all taken. */
	for (int k = 0; k < 4 + 4 * (QUIET_STEPS - 1); k++) {
		double x, y, t = (double)(k < 4 ? 0 : 1 + (k - 4) % (QUIET_STEPS -
			1)) / QUIET_STEPS;
		int side = k < 4 ? -1 : (k - 4) / (QUIET_STEPS - 1);
		coopmap_box c;
		double cost;

		if (side < 0) {
			x = k == 0 || k == 2 ? x0 : x1;
			y = k < 2 ? y1 : y0;
		} else {
			/* bottom, left, right, top */
			x = side == 0 || side == 3 ? x0 + t * (x1 - x0) : side == 1 ? x0
				: x1;
			y = side == 1 || side == 2 ? y1 - t * (y1 - y0) : side == 0 ? y1
				: y0;
		}
		c = (coopmap_box){ x, y, x + w, y + h };
		cost = cover_cost(ctx, &c, near);
		/* A clear gain is needed to leave the usual corner. */
		if (cost < best_cost - 0.05) {
			best_cost = cost;
			best = c;
		}
	}
	free(near);
	if (cost_out != NULL)
		*cost_out = best_cost;
	return best;
}

int render_frame_is_regional(const render_ctx *ctx)
{
	return !ctx->world && !ctx->is_inset && ctx->bbox[2] - ctx->bbox[0] <= 180;
}

int render_frame_is_subject(const render_ctx *ctx, size_t country)
{
	const coopmap_map_data *d = ctx->data;

	return (d->stats != NULL && d->stats[country].projects > 0) ||
		(d->highlight != NULL && d->highlight[country]);
}
