/*
 * render_network.c: the establishments, partner hospitals and links of a
 * cooperation map.  Points that would crowd at the map's scale are grouped
 * (Paris holds many establishments) into one symbol with their count;
 * links are great circles (geodesy.h), cut at the projection's antimeridian
 * and its edge (cut.h), coloured by programme, wider with more projects.
 *
 * Not for their names (render_text.c places them), nor for when they are
 * drawn (render_draw.c): it calls render_frame.c for places on the page
 * and render_symbol.c for the marks, no other part.
 */
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "intl.h"
#include "render_frame.h"
#include "render_network.h"
#include "render_symbol.h"

/* An inset lists the names of a group of up to this many members under
 * its label (Paris holds several establishments at one point): a reader
 * finds each of them by name. */
#define GROUP_NAMES_MAX 10

/* Points of one kind closer than this (thousandths of the page's shorter
 * side) are drawn as one: their symbols would touch. */
#define GROUP_DISTANCE 7.0

/* A segment longer than this share of the frame's width is the mark of a
 * wrap the cut missed: the line is broken there rather than drawn. */
#define LONGEST_STEP_SHARE 0.5

/* Short enough for a name on a map: what stands before a parenthesis,
 * or the city when the name is long, but in an inset (whole), where each
 * establishment is named: the labels shorten it there ("CH de ..."), a
 * city is not its name. */
static char *point_name(const coopmap_node *node, int whole)
{
	const char *open = strchr(node->name, '(');
	char *name = open != NULL && open != node->name
		? g_strstrip(g_strndup(node->name, (gsize)(open - node->name)))
		: g_strdup(node->name);

	if ((name[0] == '\0' || (!whole && g_utf8_strlen(name, -1) > 34)) &&
	    node->city[0] != '\0') {
		g_free(name);
		return g_strdup(node->city);
	}
	if (name[0] == '\0') {
		g_free(name);
		return g_strdup(_("partner not named"));
	}
	return name;
}

struct placed_node {
	size_t node;
	double x, y, value;
};

static gint by_value(gconstpointer a, gconstpointer b)
{
	const struct placed_node *x = a, *y = b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

static double node_value(const coopmap_node *node)
{
	return isnan(node->value) ? 0 : node->value;
}

/* A group's label: its one member's name; or the city most of its members
 * share, with their count ("Paris (9)", or "Lyon et environs (4)" when
 * some are elsewhere). */
static char *group_label(render_ctx *ctx, const size_t *members, size_t n)
{
	const coopmap_network *net = ctx->data->network;
	const char *best = NULL;
	size_t best_count = 0;
	GHashTable *counts;
	char **keys;

	if (n == 1)
		return point_name(coopmap_network_node(net, members[0]),
			ctx->is_inset);
	/* Each city folded once, counted in a table: a group may hold
	 * thousands of places. */
	counts = g_hash_table_new(g_str_hash, g_str_equal);
	keys = g_new0(char *, n);
	for (size_t i = 0; i < n; i++) {
		keys[i] = coopmap_names_fold(coopmap_network_node(net,
			members[i])->city);
		if (keys[i] != NULL && keys[i][0] != '\0')
			g_hash_table_insert(counts, keys[i], GSIZE_TO_POINTER(
				GPOINTER_TO_SIZE(g_hash_table_lookup(counts, keys[i])) + 1));
	}
	/* The first city in the members' order with the most. */
	for (size_t i = 0; i < n; i++) {
		size_t count = keys[i] != NULL ? GPOINTER_TO_SIZE(
			g_hash_table_lookup(counts, keys[i])) : 0;

		if (count > best_count) {
			best_count = count;
			best = coopmap_network_node(net, members[i])->city;
		}
	}
	g_hash_table_destroy(counts);
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	g_free(keys);
	if (best == NULL) {
		char *name = point_name(coopmap_network_node(net, members[0]),
			ctx->is_inset);
		char *label = g_strdup_printf("%s (%zu)", name, n);

		g_free(name);
		return label;
	}
	if (best_count == n)
		return g_strdup_printf("%s (%zu)", best, n);
	/* TRANSLATORS: a group of places on a map: the commonest city of
	 * its members, and how many. */
	return g_strdup_printf(_("%s area (%zu)"), best, n);
}

/* The names of a group's members, one a line, in the members' order;
 * NULL for one member or more than GROUP_NAMES_MAX. */
static char *member_names(render_ctx *ctx, const size_t *members, size_t n)
{
	GString *names;

	if (n < 2 || n > GROUP_NAMES_MAX)
		return NULL;
	names = g_string_new(NULL);
	for (size_t i = 0; i < n; i++) {
		const coopmap_node *node = coopmap_network_node(ctx->data->network,
			members[i]);
		const char *open = strchr(node->name, '(');
		/* Whole: a line of the list has room for a long name. */
		char *name = open != NULL && open != node->name
			? g_strstrip(g_strndup(node->name, (gsize)(open - node->name)))
			: g_strdup(node->name);

		if (name[0] == '\0') {
			g_free(name);
			name = point_name(node, 1);
		}
		g_string_append_printf(names, "%s– %s", i > 0 ? "\n" : "", name);
		g_free(name);
	}
	return g_string_free(names, FALSE);
}

static void set_radii(render_ctx *ctx, size_t first)
{
	double vmax = 0;

	for (size_t g = 0; g < ctx->n_points; g++)
		vmax = fmax(vmax, ctx->points[g].value);
	if (ctx->point_value_ref > 0)
		vmax = fmax(vmax, ctx->point_value_ref);
	for (size_t g = first; g < ctx->n_points; g++) {
		render_point *p = &ctx->points[g];
		double share = vmax > 0 ? p->value / vmax : 0;

		p->r = fmax(ctx->style->point_min_size,
			ctx->style->point_max_size * sqrt(share)) * ctx->unit;
	}
	ctx->point_value_max = vmax;
}

/*
 * Groups whose symbols would overlap once sized become one, the smaller
 * into the bigger, until none does: a sum grows its symbol, which may
 * reach a neighbour, hence the rounds.
 */
static void merge_overlaps(render_ctx *ctx, size_t first, size_t *group_of,
	const coopmap_network *net)
{
	int merged = 1;

	while (merged) {
		merged = 0;
		set_radii(ctx, first);
		for (size_t a = first; a < ctx->n_points && !merged; a++) {
			for (size_t b = a + 1; b < ctx->n_points && !merged; b++) {
				render_point *p = &ctx->points[a], *q = &ctx->points[b];

				if (hypot(p->x - q->x, p->y - q->y) >= 0.85 * (p->r + q->r))
					continue;
				/* a was made first, from a bigger value: it stays. */
				p->members += q->members;
				p->value += q->value;
				p->approximate += q->approximate;
				for (size_t i = 0; i < coopmap_network_node_count(net); i++) {
					if (group_of[i] == b)
						group_of[i] = a;
					else if (group_of[i] != (size_t)-1 && group_of[i] > b)
						group_of[i]--;
				}
				memmove(q, q + 1, (ctx->n_points - b - 1) * sizeof(*q));
				ctx->n_points--;
				merged = 1;
			}
		}
	}
}

static void group_kind(render_ctx *ctx, coopmap_node_kind kind,
	struct placed_node *placed, size_t n_placed, size_t *group_of)
{
	const coopmap_network *net = ctx->data->network;
	double reach = GROUP_DISTANCE * ctx->unit;
	size_t first_group = ctx->n_points;
	size_t *members = calloc(n_placed + 1, sizeof(size_t)), *start;

	for (size_t i = 0; i < n_placed; i++) {
		size_t g;

		if (coopmap_network_node(net, placed[i].node)->kind != kind ||
		    group_of[placed[i].node] != (size_t)-1)
			continue;
		for (g = first_group; g < ctx->n_points; g++) {
			if (hypot(ctx->points[g].x - placed[i].x,
			    ctx->points[g].y - placed[i].y) < reach)
				break;
		}
		if (g == ctx->n_points) {
			render_point *p = &ctx->points[ctx->n_points++];

			memset(p, 0, sizeof(*p));
			p->x = placed[i].x;
			p->y = placed[i].y;
			p->kind = kind;
		}
		ctx->points[g].members++;
		ctx->points[g].value += placed[i].value;
		ctx->points[g].approximate += (size_t)coopmap_network_node(net,
			placed[i].node)->approximate;
		group_of[placed[i].node] = g;
	}
	merge_overlaps(ctx, first_group, group_of, net);
	/* Each group's members in the placed order, in one pass: start[g] is
	 * where group g's run begins in members. */
	start = calloc(ctx->n_points - first_group + 2, sizeof(size_t));
	for (size_t i = 0; i < n_placed && start != NULL; i++) {
		size_t g = group_of[placed[i].node];

		if (g != (size_t)-1 && g >= first_group &&
		    coopmap_network_node(net, placed[i].node)->kind == kind)
			start[g - first_group + 1]++;
	}
	for (size_t g = 1; start != NULL && g <= ctx->n_points - first_group; g++)
		start[g] += start[g - 1];
	for (size_t i = 0; i < n_placed && start != NULL && members != NULL; i++) {
		size_t g = group_of[placed[i].node];

		if (g != (size_t)-1 && g >= first_group &&
		    coopmap_network_node(net, placed[i].node)->kind == kind)
			members[start[g - first_group]++] = placed[i].node;
	}
	/* start[g] now ends group g's run, which begins where g - 1's ended. */
	for (size_t g = first_group; g < ctx->n_points && start != NULL &&
	     members != NULL; g++) {
		size_t from = g == first_group ? 0 : start[g - first_group - 1];

		ctx->points[g].label = group_label(ctx, members + from,
			start[g - first_group] - from);
		if (ctx->is_inset)
			ctx->points[g].names = member_names(ctx, members + from,
				start[g - first_group] - from);
	}
	free(start);
	free(members);
}

/*
 * A world map with a panel of metropolitan France: the metropole's
 * establishments become one origin near its middle, named for it, and
 * their links leave from there (the panel names each of them).
 */
static void group_metropole(render_ctx *ctx, const struct placed_node *placed,
	size_t n_placed, size_t *group_of)
{
	const coopmap_network *net = ctx->data->network;
	render_point *p = &ctx->points[ctx->n_points];
	double x, y;

	if (!ctx->france_panel || !render_frame_point(ctx, RENDER_METROPOLE_LON,
	    RENDER_METROPOLE_LAT, &x, &y))
		return;
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < n_placed; i++) {
		const coopmap_node *node = coopmap_network_node(net, placed[i].node);

		if (node->kind != COOPMAP_NODE_ESTABLISHMENT ||
		    !render_in_metropole(node->lon, node->lat))
			continue;
		p->members++;
		p->value += placed[i].value;
		p->approximate += (size_t)node->approximate;
		group_of[placed[i].node] = ctx->n_points;
	}
	if (p->members == 0)
		return;
	p->x = x;
	p->y = y;
	p->kind = COOPMAP_NODE_ESTABLISHMENT;
	p->origin = 1;
	p->label = g_strdup_printf(_("Metropolitan France (%zu)"), p->members);
	ctx->n_points++;
}

int render_network_group(render_ctx *ctx, coopmap_error *err)
{
	const coopmap_network *net = ctx->data->network;
	size_t n = net != NULL ? coopmap_network_node_count(net) : 0, n_placed = 0;
	struct placed_node *placed;

	if (n == 0)
		return COOPMAP_OK;
	placed = calloc(n, sizeof(*placed));
	ctx->points = calloc(n, sizeof(render_point));
	ctx->group_of = malloc(n * sizeof(size_t));
	if (placed == NULL || ctx->points == NULL || ctx->group_of == NULL) {
		free(placed);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		const coopmap_node *node = coopmap_network_node(net, i);
		double x, y;

		ctx->group_of[i] = (size_t)-1;
		if (isnan(node->lat) || node->projects == 0 ||
		    !render_frame_point(ctx, node->lon, node->lat, &x, &y))
			continue;
		placed[n_placed++] = (struct placed_node){ i, x, y,
			node_value(node) };
	}
	/* Biggest first: a group sits on its biggest member. */
	qsort(placed, n_placed, sizeof(*placed), (int (*)(const void *,
		const void *))by_value);
	group_kind(ctx, COOPMAP_NODE_PARTNER, placed, n_placed, ctx->group_of);
	group_metropole(ctx, placed, n_placed, ctx->group_of);
	group_kind(ctx, COOPMAP_NODE_ESTABLISHMENT, placed, n_placed,
		ctx->group_of);
	free(placed);
	set_radii(ctx, 0);
	ctx->report->nodes_drawn = n_placed;
	ctx->report->points_drawn = ctx->n_points;
	return COOPMAP_OK;
}

/*
 * The arcs' step on the ground, in km: 18 device units (at most 200 km).
 * A great circle bends gently on the page: a chord of 18 units strays from
 * it by well under a pixel, and against a step of 6 units it moves no
 * pixel by more than 14 levels of 255 on the benchmark's map (edges of
 * the antialiased lines) while the links cost a third less to compute and
 * stroke.
 */
static double arc_step_km(const render_ctx *ctx)
{
	double metres_per_unit = 1.0 / ctx->scale;

	if (coopmap_projection_is_geographic(ctx->projection))
		metres_per_unit *= 111320.0;
	return fmax(2.0, fmin(200.0, 18.0 * metres_per_unit / 1000.0));
}

int render_network_sample_links(render_ctx *ctx, coopmap_error *err)
{
	const coopmap_network *net = ctx->data->network;
	size_t n = net != NULL ? coopmap_network_link_count(net) : 0;
	render_link_samples *s;
	size_t cap = 0;

	if (n == 0)
		return COOPMAP_OK;
	s = calloc(1, sizeof(*s));
	if (s == NULL || (s->start = calloc(n + 1, sizeof(size_t))) == NULL) {
		free(s);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	ctx->link_samples = s;
	for (size_t i = 0; i < n; i++) {
		const coopmap_link *l = coopmap_network_link(net, i);
		const coopmap_node *a = coopmap_network_node(net, l->establishment);
		const coopmap_node *b = coopmap_network_node(net, l->partner);
		double *lon, *lat;
		size_t *starts;
		size_t pieces = coopmap_geodesic_arc(a->lon, a->lat, b->lon, b->lat,
			100.0, &lon, &lat, &starts);
		size_t m = pieces > 0 ? starts[pieces] : 0;

		if (s->n + m > cap) {
			size_t want = 2 * (s->n + m) + 256;
			double *x = realloc(s->lon, want * sizeof(double));
			double *y;

			if (x != NULL)
				s->lon = x;
			y = x != NULL ? realloc(s->lat, want * sizeof(double)) : NULL;
			if (y != NULL) {
				s->lat = y;
				cap = want;
			}
		}
		if (s->n + m > cap) {
			s->failed = 1;
			m = 0;
		}
		if (m > 0) {
			memcpy(s->lon + s->n, lon, m * sizeof(double));
			memcpy(s->lat + s->n, lat, m * sizeof(double));
			s->n += m;
		}
		if (pieces > 0) {
			free(lon);
			free(lat);
			free(starts);
		} else {
			s->failed = 1;
		}
		s->start[i + 1] = s->n;
	}
	return s->failed ? coopmap_error_set(err, COOPMAP_ERR_NOMEM,
		"out of memory") : COOPMAP_OK;
}

void render_network_free_samples(render_ctx *ctx)
{
	if (ctx->link_samples == NULL)
		return;
	free(ctx->link_samples->lon);
	free(ctx->link_samples->lat);
	free(ctx->link_samples->start);
	free(ctx->link_samples);
	ctx->link_samples = NULL;
}

/*
 * Whether link i can cross a regional map: its great circle, sampled every
 * 100 km once for the page (render_network_sample_links), comes within a
 * degree of the extent.  An inset is a few km wide and draws at a step of
 * a few km: most links never come near it, and computing them at that
 * step was a tenth of a world render.
 */
static int link_may_show(const render_ctx *ctx, size_t i)
{
	const render_link_samples *s = ctx->link_samples;

	if (ctx->world || s == NULL)
		return 1;
	for (size_t k = s->start[i]; k < s->start[i + 1]; k++) {
		if (s->lat[k] < ctx->bbox[1] - 1 || s->lat[k] > ctx->bbox[3] + 1)
			continue;
		for (int w = -1; w <= 1; w++) {
			double x = s->lon[k] + 360.0 * w;

			if (x >= ctx->bbox[0] - 1 && x <= ctx->bbox[2] + 1)
				return 1;
		}
	}
	return 0;
}

/* Where the step from point i to i + 1 crosses the side of area it
 * leaves or enters by (the first inside point's side), as a share t of
 * the step: the largest t of the sides that point i is outside of. */
static double area_crossing(const double *lon, const double *lat, size_t i,
	size_t j, const double area[4])
{
	double t = 0;

	/* i is outside, j inside: enter at the last side crossed. */
	if (lon[i] < area[0])
		t = fmax(t, (area[0] - lon[i]) / (lon[j] - lon[i]));
	if (lon[i] > area[2])
		t = fmax(t, (area[2] - lon[i]) / (lon[j] - lon[i]));
	if (lat[i] < area[1])
		t = fmax(t, (area[1] - lat[i]) / (lat[j] - lat[i]));
	if (lat[i] > area[3])
		t = fmax(t, (area[3] - lat[i]) / (lat[j] - lat[i]));
	return fmin(fmax(t, 0), 1);
}

static int in_area(const double area[4], double lon, double lat)
{
	return lon >= area[0] && lon <= area[2] && lat >= area[1] &&
		lat <= area[3];
}

/*
 * One piece of a link's great circle (no antimeridian in it) kept where
 * it is inside an inset's area, each run ending on the area's side where
 * the circle leaves it: an inset draws its establishments' links from
 * them to its edge, towards their partners.  (coopmap_cut_line keeps
 * only the pieces wholly inside: an inset then lost every link leaving
 * it.)
 */
static void clip_to_area(render_ctx *ctx, const double *lon,
	const double *lat, size_t n, coopmap_rings *lines)
{
	double *x = malloc((n + 2) * sizeof(double));
	double *y = malloc((n + 2) * sizeof(double));
	size_t m = 0;

	for (size_t i = 0; x != NULL && y != NULL && i < n; i++) {
		int inside = in_area(ctx->area, lon[i], lat[i]);
		int was = i > 0 && in_area(ctx->area, lon[i - 1], lat[i - 1]);
		double t;

		if (inside && i > 0 && !was) {
			t = area_crossing(lon, lat, i - 1, i, ctx->area);
			x[m] = fmin(fmax(lon[i - 1] + t * (lon[i] - lon[i - 1]),
				ctx->area[0]), ctx->area[2]);
			y[m] = fmin(fmax(lat[i - 1] + t * (lat[i] - lat[i - 1]),
				ctx->area[1]), ctx->area[3]);
			m++;
		}
		if (inside) {
			x[m] = lon[i];
			y[m++] = lat[i];
			continue;
		}
		if (was) {
			t = 1 - area_crossing(lon, lat, i, i - 1, ctx->area);
			x[m] = fmin(fmax(lon[i - 1] + t * (lon[i] - lon[i - 1]),
				ctx->area[0]), ctx->area[2]);
			y[m] = fmin(fmax(lat[i - 1] + t * (lat[i] - lat[i - 1]),
				ctx->area[1]), ctx->area[3]);
			m++;
		}
		if (m >= 2)
			coopmap_cut_line(x, y, m, ctx->area, 1.0, lines, NULL);
		m = 0;
	}
	if (m >= 2)
		coopmap_cut_line(x, y, m, ctx->area, 1.0, lines, NULL);
	free(x);
	free(y);
}

/*
 * The link whose pieces start at ring first of lines (device space), cut
 * where it has run length from its start: an inset's stroke from its
 * establishment towards a partner beyond its edge.
 */
static void trim_to_stub(coopmap_rings *lines, size_t first, double length)
{
	double run = 0;

	for (size_t r = first; r < lines->n_rings; r++) {
		for (size_t i = lines->start[r] + 1; i < lines->start[r + 1]; i++) {
			double step;

			if (lines->x[i] == HUGE_VAL || lines->x[i - 1] == HUGE_VAL)
				continue;
			step = hypot(lines->x[i] - lines->x[i - 1],
				lines->y[i] - lines->y[i - 1]);
			if (run + step < length) {
				run += step;
				continue;
			}
			lines->x[i] = lines->x[i - 1] + (lines->x[i] - lines->x[i - 1]) *
				(length - run) / step;
			lines->y[i] = lines->y[i - 1] + (lines->y[i] - lines->y[i - 1]) *
				(length - run) / step;
			lines->n_points = i + 1;
			lines->n_rings = r + 1;
			lines->start[r + 1] = i + 1;
			return;
		}
	}
}

/* Append the device-space pieces of one link to lines, the first stub
 * units of it when stub is positive. */
static void link_pieces(render_ctx *ctx, const coopmap_node *a,
	const coopmap_node *b, double step_km, double stub,
	coopmap_rings *lines)
{
	double *lon, *lat;
	size_t *starts;
	size_t pieces = coopmap_geodesic_arc(a->lon, a->lat, b->lon, b->lat,
		step_km, &lon, &lat, &starts);
	size_t before = lines->n_points, first_ring = lines->n_rings;

	for (size_t k = 0; k < pieces; k++) {
		if (ctx->is_inset)
			clip_to_area(ctx, lon + starts[k], lat + starts[k],
				starts[k + 1] - starts[k], lines);
		else
			coopmap_cut_line(lon + starts[k], lat + starts[k],
				starts[k + 1] - starts[k], ctx->area, 1.0, lines, NULL);
	}
	if (pieces > 0) {
		free(lon);
		free(lat);
		free(starts);
	}
	/* Project only what this link added. */
	{
		coopmap_rings added = *lines;

		added.x += before;
		added.y += before;
		added.n_points -= before;
		render_frame_to_device(ctx, &added);
	}
	if (stub > 0)
		trim_to_stub(lines, first_ring, stub);
}

static void stroke_pieces(render_ctx *ctx, const coopmap_rings *lines,
	size_t first_ring, size_t end_ring)
{
	cairo_t *cr = ctx->cr;
	double longest = (ctx->frame.x1 - ctx->frame.x0) * LONGEST_STEP_SHARE;

	for (size_t r = first_ring; r < end_ring; r++) {
		int pen_down = 0;

		for (size_t i = lines->start[r]; i < lines->start[r + 1]; i++) {
			double step;

			if (lines->x[i] == HUGE_VAL) {
				pen_down = 0;
				continue;
			}
			if (pen_down) {
				step = hypot(lines->x[i] - lines->x[i - 1],
					lines->y[i] - lines->y[i - 1]);
				if (step > longest) {
					cairo_move_to(cr, lines->x[i], lines->y[i]);
					continue;
				}
				ctx->report->longest_link_step = fmax(
					ctx->report->longest_link_step, step);
				cairo_line_to(cr, lines->x[i], lines->y[i]);
			} else {
				cairo_move_to(cr, lines->x[i], lines->y[i]);
			}
			pen_down = 1;
		}
	}
}

/* Whether a node is within the extent the map shows. */
static int in_extent(const render_ctx *ctx, const coopmap_node *node)
{
	return in_area(ctx->bbox, node->lon, node->lat);
}

/* Where link l leaves from: its establishment, or the one origin of
 * metropolitan France that holds it (filled into *origin). */
static const coopmap_node *link_origin(const render_ctx *ctx,
	const coopmap_link *l, coopmap_node *origin)
{
	const coopmap_node *a = coopmap_network_node(ctx->data->network,
		l->establishment);
	size_t g = ctx->group_of[l->establishment];

	if (g == (size_t)-1 || !ctx->points[g].origin)
		return a;
	*origin = *a;
	origin->lon = RENDER_METROPOLE_LON;
	origin->lat = RENDER_METROPOLE_LAT;
	return origin;
}

/*
 * Links by programme and width class, thin and "other" first so that the
 * ministry's and the FHF's read on top: which to draw, their great circles
 * cut and projected, and what the legend must show.
 */
int render_network_prepare_links(render_ctx *ctx, coopmap_error *err)
{
	const coopmap_network *net = ctx->data->network;
	size_t n = net != NULL ? coopmap_network_link_count(net) : 0;
	double step_km = arc_step_km(ctx);
	static const coopmap_programme order[] = { COOPMAP_PROGRAMME_OTHER,
		COOPMAP_PROGRAMME_PRPH, COOPMAP_PROGRAMME_APCHI };
	coopmap_node origin;

	if (n == 0)
		return COOPMAP_OK;
	ctx->links = calloc(n, sizeof(render_link));
	if (ctx->links == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	for (int w = 0; w < 3; w++) {
		for (int k = 0; k < 3; k++) {
			for (size_t i = 0; i < n; i++) {
				const coopmap_link *l = coopmap_network_link(net, i);
				const coopmap_node *partner = coopmap_network_node(net,
					l->partner);
				size_t first = ctx->link_lines.n_rings;

				if (l->programme != order[k] ||
				    render_link_class(l->projects) != w ||
				    (ctx->group_of[l->establishment] == (size_t)-1 &&
				    ctx->group_of[l->partner] == (size_t)-1 &&
				    !link_may_show(ctx, i)))
					continue;
				link_pieces(ctx, link_origin(ctx, l, &origin), partner,
					step_km, in_extent(ctx, partner) ? 0 : ctx->link_stub,
					&ctx->link_lines);
				ctx->links[ctx->n_links++] = (render_link){ first,
					ctx->link_lines.n_rings, order[k], w };
				ctx->report->links_drawn++;
				ctx->links_seen[order[k]] = 1;
				ctx->link_classes_seen[w] = 1;
			}
		}
	}
	return COOPMAP_OK;
}

/*
 * Each link stroked on its own (Cairo strokes one path of many crossing
 * lines far slower), so that where links bundle their colour deepens.
 */
void render_network_draw_links(render_ctx *ctx)
{
	cairo_t *cr = ctx->cr;

	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 0; i < ctx->n_links; i++) {
		const render_link *l = &ctx->links[i];

		render_set_color(cr, ctx->style->link_programme[l->programme]);
		cairo_set_line_width(cr, render_link_width(ctx, l->width_class));
		stroke_pieces(ctx, &ctx->link_lines, l->first_ring, l->end_ring);
		cairo_stroke(cr);
	}
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

/* Establishments first, partners on top: where a partner hospital sits
 * in France's overseas (a French establishment's partner nearby), both
 * stay visible. */
void render_network_draw_points(render_ctx *ctx)
{
	static const coopmap_node_kind kinds[] = { COOPMAP_NODE_ESTABLISHMENT,
		COOPMAP_NODE_PARTNER };

	if (ctx->n_points > 0) {
		ctx->report->point_boxes = malloc(ctx->n_points *
			sizeof(coopmap_box));
	}
	for (int k = 0; k < 2; k++) {
		for (size_t g = 0; g < ctx->n_points; g++) {
			render_point *p = &ctx->points[g];
			coopmap_box box = { p->x - p->r, p->y - p->r, p->x + p->r,
				p->y + p->r };

			if (p->kind != kinds[k])
				continue;
			render_point_paint(ctx, p->kind, p->approximate == p->members,
				p->x, p->y, p->r);
			if (p->members > 1)
				render_point_count(ctx, p);
			if (p->approximate > 0)
				ctx->approximate_seen = 1;
			coopmap_placer_add_obstacle(ctx->placer, box);
			if (ctx->report->point_boxes != NULL)
				ctx->report->point_boxes[g] = box;
		}
	}
}

void render_network_free(render_ctx *ctx)
{
	for (size_t g = 0; g < ctx->n_points; g++) {
		g_free(ctx->points[g].label);
		g_free(ctx->points[g].names);
	}
	free(ctx->points);
	free(ctx->group_of);
	coopmap_rings_clear(&ctx->link_lines);
	free(ctx->links);
	ctx->points = NULL;
	ctx->group_of = NULL;
	ctx->n_points = 0;
	ctx->links = NULL;
	ctx->n_links = 0;
}
