/*
 * render_map.c: the geometric half of the renderer: fitting the extent to
 * the page, projecting country rings to device space once, and drawing
 * ocean, graticule, countries, borders and the policy layers.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/simplify.h"
#include "render_internal.h"

/* Longest edge, in degrees, before projection; short enough that meridians
 * and parallels curve smoothly in any projection at poster size. */
#define DENSIFY_STEP 1.0

void render_map_to_device(render_ctx *ctx, coopmap_rings *rings)
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
		return coopmap_projection_outline(ctx->projection, DENSIFY_STEP,
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
	int rc = coopmap_projection_outline(ctx->projection, DENSIFY_STEP,
		&outline, err);

	if (rc != COOPMAP_OK)
		return rc;
	coopmap_rings_reset(&ctx->outline);
	rc = coopmap_cut_line(outline.x, outline.y, outline.n, ctx->area,
		DENSIFY_STEP, &ctx->outline, err);
	coopmap_polyline_clear(&outline);
	if (rc == COOPMAP_OK)
		render_map_to_device(ctx, &ctx->outline);
	return rc;
}

int render_map_extent_bounds(render_ctx *ctx, double b[4], coopmap_error *err)
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

int render_map_frame(render_ctx *ctx, coopmap_error *err)
{
	double b[4], map_w, map_h, fit_w, fit_h;
	int rc = render_map_extent_bounds(ctx, b, err);

	if (rc != COOPMAP_OK)
		return rc;
	map_w = ctx->page_map.x1 - ctx->page_map.x0;
	map_h = ctx->page_map.y1 - ctx->page_map.y0;
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
		return coopmap_cut_polygon(g, ctx->area, DENSIFY_STEP, out, err);
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
			rc = coopmap_cut_polygon(&ring, ctx->area, DENSIFY_STEP, out,
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

int render_map_project_countries(render_ctx *ctx, coopmap_error *err)
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
			render_map_to_device(ctx, &ctx->paths[i]);
	}
	if (rc == COOPMAP_OK && box_rings(ctx, n) != 0)
		rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	coopmap_topology_free(topology);
	return rc;
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

void render_map_path(render_ctx *ctx, const coopmap_rings *rings)
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

int render_map_point(render_ctx *ctx, double lon, double lat, double *x,
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

int render_map_fill_index(const render_ctx *ctx, size_t country)
{
	const coopmap_country_stats *s;

	if (ctx->data->stats == NULL)
		return -1;
	s = &ctx->data->stats[country];
	if (s->projects > 0 && s->known[ctx->data->measure] == 0)
		return RENDER_FILL_NOT_STATED;
	return coopmap_breaks_class(&ctx->breaks, s->sum[ctx->data->measure]);
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
	int subject_only)
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

		if (subject_only && !render_map_is_subject(ctx, i))
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

/* What a w x h box at c would cover: its share of land, three times
 * that of the map's subject, 1 for each point symbol or label, and 4 for
 * each obstacle (a marker, an inset, the legend): the frame's furniture
 * never goes over furniture placed before it while a place covering
 * some land is left. */
static double cover_cost(render_ctx *ctx, const coopmap_box *c)
{
	double cost = land_share(ctx, c, 0) + 2 * land_share(ctx, c, 1);
	const coopmap_box *boxes;
	size_t n;

	for (size_t g = 0; g < ctx->n_points; g++) {
		const render_point *p = &ctx->points[g];
		coopmap_box b = { p->x - p->r, p->y - p->r, p->x + p->r,
			p->y + p->r };

		cost += coopmap_box_intersects(&b, c);
	}
	if (ctx->placer != NULL) {
		boxes = coopmap_placer_obstacles(ctx->placer, &n);
		cost += 4 * hits(boxes, n, c);
		boxes = coopmap_placer_labels(ctx->placer, &n);
		cost += hits(boxes, n, c);
	}
	return cost;
}

#define QUIET_STEPS 6

coopmap_box render_map_quiet_corner(render_ctx *ctx, double w, double h,
	double margin)
{
	const coopmap_box *f = &ctx->frame;
	double x0 = f->x0 + margin, x1 = f->x1 - margin - w;
	double y0 = f->y0 + margin, y1 = f->y1 - margin - h;
	coopmap_box best = { x0, y1, x0 + w, y1 + h };
	double best_cost = 1e9;

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
		cost = cover_cost(ctx, &c);
		/* A clear gain is needed to leave the usual corner. */
		if (cost < best_cost - 0.05) {
			best_cost = cost;
			best = c;
		}
	}
	return best;
}

int render_map_is_regional(const render_ctx *ctx)
{
	return !ctx->world && !ctx->is_inset && ctx->bbox[2] - ctx->bbox[0] <= 180;
}

int render_map_is_subject(const render_ctx *ctx, size_t country)
{
	const coopmap_map_data *d = ctx->data;

	return (d->stats != NULL && d->stats[country].projects > 0) ||
		(d->highlight != NULL && d->highlight[country]);
}

/*
 * A world map needs no clip: every feature was cut to the projection's
 * valid area, so the sphere outline bounds them all.  A regional map clips
 * to its frame, a rectangle: cheap in every format (a clip by the sphere
 * outline would be written again for each shape in SVG).
 */
static void paint_ocean_and_clip(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;

	if (!ctx->world) {
		cairo_rectangle(cr, ctx->frame.x0, ctx->frame.y0,
			ctx->frame.x1 - ctx->frame.x0, ctx->frame.y1 - ctx->frame.y0);
		cairo_clip(cr);
	}
	/* Outside the valid area of a regional map's projection there is
	 * nothing to draw, so the frame is all sea (an azimuthal projection's
	 * outline is the antipode's circle, not a shape to fill). */
	if (ctx->is_inset)
		cairo_rectangle(cr, ctx->frame.x0, ctx->frame.y0,
			ctx->frame.x1 - ctx->frame.x0, ctx->frame.y1 - ctx->frame.y0);
	else
		render_map_path(ctx, &ctx->outline);
	render_set_color(cr, ctx->style->ocean);
	cairo_fill(cr);
}

static void draw_graticule(render_ctx *ctx)
{
	double step = ctx->style->graticule_step;
	double lon[400], lat[400];
	coopmap_rings lines = COOPMAP_RINGS_INIT;
	cairo_t *cr = ctx->cr;

	/* Meridians from the map's west edge, parallels without the poles. */
	for (double m = ctx->area[0] + step; m < ctx->area[2] - 1e-9; m += step) {
		size_t n = 0;

		for (double a = -90; a <= 90; a += 1.0, n++) {
			lon[n] = m;
			lat[n] = fmax(ctx->area[1], fmin(ctx->area[3], a));
		}
		coopmap_cut_line(lon, lat, n, ctx->area, DENSIFY_STEP, &lines, NULL);
	}
	for (double p = -90 + step; p < 90 - 1e-9; p += step) {
		size_t n = 0;

		if (p < ctx->area[1] || p > ctx->area[3])
			continue;
		for (double a = ctx->area[0] + 1e-7; a <= ctx->area[2]; a += 1.0)
			lat[n] = p, lon[n++] = a;
		lat[n] = p;
		lon[n++] = ctx->area[2] - 1e-7;
		coopmap_cut_line(lon, lat, n, ctx->area,
			DENSIFY_STEP, &lines, NULL);
	}
	render_map_to_device(ctx, &lines);
	for (size_t r = 0; r < lines.n_rings; r++) {
		int pen_down = 0;

		for (size_t i = lines.start[r]; i < lines.start[r + 1]; i++) {
			if (lines.x[i] == HUGE_VAL) {
				pen_down = 0;
				continue;
			}
			if (pen_down)
				cairo_line_to(cr, lines.x[i], lines.y[i]);
			else
				cairo_move_to(cr, lines.x[i], lines.y[i]);
			pen_down = 1;
		}
	}
	render_set_color(cr, ctx->style->graticule);
	cairo_set_line_width(cr, ctx->style->graticule_width * ctx->unit);
	cairo_stroke(cr);
	coopmap_rings_clear(&lines);
}

/*
 * Each country filled, then its border stroked, one country at a time:
 * Cairo strokes a path with every country in it several times slower than
 * the countries one by one (its cost grows faster than the path).  A
 * shared border is stroked by both neighbours, the second on top of the
 * second's fill, so that with an opaque border colour the map is the same
 * as all fills then all borders; and a fill followed by the stroke of the
 * same path is one element in SVG and PDF (the path written once instead
 * of twice).  A translucent border keeps the two passes, so that each
 * shared border shows both strokes whole.
 */
/*
 * A country with no polygon at the map's scale (Tuvalu, Tokelau at 50m)
 * that the data fills: a disc of its class's colour at its point, with the
 * border's colour around it, so that it is seen and counted as the legend
 * says.  Countries the data leave unfilled get no mark.
 */
static void draw_country_points(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;
	size_t n = coopmap_countries_count(ctx->data->countries);
	double r = 4.0 * ctx->unit, x, y;   /* round a label's anchor dot */

	for (size_t i = 0; i < n; i++) {
		const coopmap_country *c = coopmap_countries_get(
			ctx->data->countries, i);
		int k = render_map_fill_index(ctx, i);

		if (c->geometry.n_rings > 0 || k == -1 ||
		    !render_map_point(ctx, c->label_lon, c->label_lat, &x, &y))
			continue;
		if (k == RENDER_FILL_NOT_STATED)
			ctx->not_stated_seen = 1;
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * G_PI);
		render_set_color(cr, k >= 0 ? ctx->style->classes[k]
			: ctx->style->not_stated);
		cairo_fill_preserve(cr);
		render_set_color(cr, ctx->style->border);
		cairo_set_line_width(cr, ctx->style->border_width * ctx->unit);
		cairo_stroke(cr);
	}
}

static void draw_countries(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;
	size_t n = coopmap_countries_count(ctx->data->countries);
	int together = ctx->style->border.a >= 1.0;

	cairo_set_line_width(cr, ctx->style->border_width * ctx->unit);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 0; i < n; i++) {
		int k = render_map_fill_index(ctx, i);

		if (ctx->paths[i].n_points == 0)
			continue;
		render_map_path(ctx, &ctx->paths[i]);
		render_set_color(cr, k >= 0 ? ctx->style->classes[k]
			: k == RENDER_FILL_NOT_STATED ? ctx->style->not_stated
			: ctx->style->land);
		if (k == RENDER_FILL_NOT_STATED)
			ctx->not_stated_seen = 1;
		if (!together) {
			cairo_fill(cr);
			continue;
		}
		cairo_fill_preserve(cr);
		render_set_color(cr, ctx->style->border);
		cairo_stroke(cr);
	}
	render_set_color(cr, ctx->style->border);
	for (size_t i = 0; i < n && !together; i++) {
		if (ctx->paths[i].n_points == 0)
			continue;
		render_map_path(ctx, &ctx->paths[i]);
		cairo_stroke(cr);
	}
}

/*
 * A regional or country map is about its subject (the countries with
 * projects): around it, a layer's symbol is lighter, so that it does not
 * flood the frame nor hide the neighbours' names; the first layer's
 * outline still says where it lies.
 */
#define LAYER_FADE_AROUND 0.35

static void draw_layer(render_ctx *ctx, size_t index)
{
	const coopmap_layer *layer = ctx->data->layers[index];
	cairo_t *cr = ctx->cr;

	for (size_t i = 0; i < coopmap_layer_member_count(layer); i++) {
		const coopmap_country *c = coopmap_layer_member(layer, i);

		/* A country listed twice (two territories) is drawn once. */
		if (coopmap_layer_find(layer, c, 0) != (long)i)
			continue;
		size_t k = coopmap_country_index(ctx->data->countries, c);

		render_map_path(ctx, &ctx->paths[k]);
		render_layer_paint(ctx, index, !render_map_is_regional(ctx) ||
			render_map_is_subject(ctx, k) ? 1.0 : LAYER_FADE_AROUND);
	}
	if (index != 0)
		return;
	/* The first layer also gets an outline, so that it reads where the
	 * hatching is sparse (small countries); once per country too. */
	for (size_t i = 0; i < coopmap_layer_member_count(layer); i++) {
		const coopmap_country *c = coopmap_layer_member(layer, i);

		if (coopmap_layer_find(layer, c, 0) == (long)i)
			render_map_path(ctx, &ctx->paths[coopmap_country_index(
				ctx->data->countries, c)]);
	}
	render_set_color(cr, ctx->style->priority_outline);
	cairo_set_line_width(cr, ctx->style->priority_outline_width * ctx->unit);
	cairo_stroke(cr);
}

static void draw_layers(render_ctx *ctx)
{
	for (size_t i = 0; i < ctx->data->n_layers; i++)
		draw_layer(ctx, i);
}

static void draw_highlight(render_ctx *ctx)
{
	size_t n = coopmap_countries_count(ctx->data->countries);

	if (ctx->data->highlight == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ctx->data->highlight[i])
			render_map_path(ctx, &ctx->paths[i]);
	}
	render_set_color(ctx->cr, ctx->style->highlight);
	cairo_set_line_width(ctx->cr, ctx->style->highlight_width * ctx->unit);
	cairo_set_line_join(ctx->cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(ctx->cr);
}

/* Biggest first, so that small circles stay visible on top. */
static void draw_markers(render_ctx *ctx)
{
	for (size_t k = 0; k < ctx->data->n_markers; k++) {
		const coopmap_render_marker *m = &ctx->data->markers[
			ctx->marker_order[k]];
		double x, y, r = render_marker_radius(ctx, m->value);

		if (!render_map_point(ctx, m->lon, m->lat, &x, &y))
			continue;
		render_marker_paint(ctx, x, y, r);
		coopmap_placer_add_obstacle(ctx->placer,
			(coopmap_box){ x - r, y - r, x + r, y + r });
	}
}

void render_map_draw(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;

	cairo_save(cr);
	paint_ocean_and_clip(ctx);
	if (!ctx->is_inset)   /* a few km across: no meridian in sight */
		draw_graticule(ctx);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	draw_countries(ctx);
	draw_country_points(ctx);
	draw_layers(ctx);
	draw_highlight(ctx);
	render_network_draw_links(ctx);
	cairo_restore(cr);
	render_network_draw_points(ctx);
	draw_markers(ctx);

	if (ctx->world) {
		render_map_path(ctx, &ctx->outline);
		render_set_color(cr, ctx->style->sphere_outline);
		cairo_set_line_width(cr, ctx->style->sphere_outline_width * ctx->unit);
		cairo_stroke(cr);
	} else {
		cairo_rectangle(cr, ctx->frame.x0, ctx->frame.y0,
			ctx->frame.x1 - ctx->frame.x0, ctx->frame.y1 - ctx->frame.y0);
		render_set_color(cr, ctx->style->sphere_outline);
		cairo_set_line_width(cr, ctx->style->sphere_outline_width * ctx->unit);
		cairo_stroke(cr);
	}
}
