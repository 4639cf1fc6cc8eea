/*
 * render.c: the renderer's entry point: checks the options, lays out the
 * page, picks the Cairo surface for the output's format and writes the file
 * atomically.  Drawing itself is in render_map.c and render_text.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "coopmap/i18n.h"
#include "coopmap/output.h"
#include "coopmap/page.h"
#include "render_internal.h"


/* Height of the row of insets under the map, in thousandths of the
 * page's shorter side: a few insets get more room than a row of eight,
 * and a row with the France panel (some thirty names) more still.
 * Insets in the map's frame have no row: the page's unit is then that of
 * a page with a row of eight. */
static double inset_strip(const render_ctx *ctx, int n_insets)
{
	if (n_insets <= 0)
		return 0;
	if (render_inset_in_frame(ctx, n_insets))
		return 150.0;
	if (render_inset_france_panel(ctx))
		return 320.0;
	return n_insets >= 4 ? 150.0 : 240.0;
}

struct extent_preset {
	const char *name, *name_fr;   /* both taken by --extent */
	double bbox[4];
};

/* Regions of the field, in lon/lat degrees; an east bound beyond 180
 * crosses the antimeridian (the Pacific). */
static const struct extent_preset presets[] = {
	{ "world", "monde", { -180, -90, 180, 90 } },
	{ "africa", "afrique", { -26, -36, 60, 38 } },
	{ "west-africa", "afrique-ouest", { -26, 3, 17, 28 } },
	{ "indian-ocean", "ocean-indien", { 28, -32, 76, 6 } },
	{ "caribbean", "caraibes", { -92, 1, -50, 27 } },
	{ "south-east-asia", "asie-sud-est", { 90, -12, 145, 30 } },
	{ "pacific", "pacifique", { 135, -40, 240, 5 } },
	{ "europe", "europe", { -25, 34, 45, 71 } },
	{ "france", "france", { -5.6, 41.2, 10.0, 51.3 } },
	{ "americas", "ameriques", { -170, -56, -30, 72 } },
	{ "asia", "asie", { 25, -12, 150, 60 } },
	{ "oceania", "oceanie", { 110, -48, 180, 5 } },
};

const char *coopmap_render_extent_name(size_t i, const char *lang)
{
	if (i >= sizeof(presets) / sizeof(presets[0]))
		return NULL;
	return lang != NULL && strcmp(lang, "en") == 0 ? presets[i].name
		: presets[i].name_fr;
}

char *coopmap_render_extent_list(const char *lang)
{
	GString *list = g_string_new(NULL);
	const char *name;

	for (size_t i = 0; (name = coopmap_render_extent_name(i, lang)) != NULL;
	    i++)
		g_string_append_printf(list, "%s%s", i > 0 ? ", " : "", name);
	return g_string_free(list, FALSE);
}

int coopmap_render_parse_extent(const char *text, double bbox[4],
	int *is_world, coopmap_error *err)
{
	char tail;

	*is_world = 0;
	for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
		if (strcasecmp(text, presets[i].name) == 0 ||
		    strcasecmp(text, presets[i].name_fr) == 0) {
			memcpy(bbox, presets[i].bbox, 4 * sizeof(double));
			*is_world = i == 0;
			return COOPMAP_OK;
		}
	}
	if (sscanf(text, "%lf,%lf,%lf,%lf%c", &bbox[0], &bbox[1], &bbox[2],
	    &bbox[3], &tail) != 4 || !isfinite(bbox[0]) || !isfinite(bbox[1]) ||
	    !isfinite(bbox[2]) || !isfinite(bbox[3])) {
		char *names = coopmap_render_extent_list(coopmap_i18n_lang());

		coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"extent '%s': expected %s, or MINLON,MINLAT,MAXLON,MAXLAT in "
			"degrees", text, names);
		g_free(names);
		return COOPMAP_ERR_USAGE;
	}
	/* 10,20,10,30 or 180,-90,-180,90 (across the antimeridian, 0 degrees
	 * wide): the bounds are one meridian, or one parallel. */
	if (bbox[0] >= -180 && bbox[2] <= 180 && bbox[1] >= -90 &&
	    bbox[3] <= 90 && (bbox[1] == bbox[3] || bbox[0] == bbox[2] ||
	    (bbox[0] == 180 && bbox[2] == -180)))
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"extent '%s' has no area: its west and east bounds are the "
			"same meridian, or its south and north the same parallel",
			text);
	/* A west bound east of the east bound crosses the antimeridian, for
	 * a region narrower than a hemisphere (170,-30,-150,0); wider, it is
	 * a slip. */
	if (bbox[0] < -180 || bbox[2] > 180 || bbox[1] < -90 || bbox[3] > 90 ||
	    bbox[1] > bbox[3] ||
	    (bbox[0] > bbox[2] && bbox[2] + 360 - bbox[0] > 180))
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"extent '%s': longitudes must be within -180..180, latitudes "
			"within -90..90, the south below the north (a west bound "
			"east of the east bound crosses the antimeridian, for a region "
			"narrower than 180 degrees)", text);
	/* 170,-30,-150,0: across the antimeridian, east bound unwrapped. */
	if (bbox[0] > bbox[2])
		bbox[2] += 360;
	return COOPMAP_OK;
}

void render_ctx_free_map(render_ctx *ctx)
{
	render_frame_free(ctx);
	render_network_free(ctx);
	coopmap_placer_free(ctx->placer);
	coopmap_projection_free(ctx->projection);
	ctx->placer = NULL;
	ctx->projection = NULL;
}

static void free_ctx(render_ctx *ctx)
{
	free(ctx->marker_order);
	render_network_free_samples(ctx);
	render_ctx_free_map(ctx);
}

/* How many point symbols and labels the legend and the scale bar cover,
 * for the report: none unless the frame had no room left. */
static void count_furniture_overlaps(render_ctx *ctx)
{
	coopmap_render_report *r = ctx->report;
	const coopmap_box *furniture[2] = { &r->legend_box, &r->scale_box };
	const coopmap_box *labels;
	size_t n;

	labels = coopmap_placer_labels(ctx->placer, &n);
	r->furniture_overlaps = 0;
	for (int k = 0; k < 2; k++) {
		if (furniture[k]->x1 <= furniture[k]->x0)
			continue;
		for (size_t i = 0; r->point_boxes != NULL && i < r->points_drawn;
		    i++)
			r->furniture_overlaps += (size_t)coopmap_box_intersects(
				&r->point_boxes[i], furniture[k]);
		for (size_t i = 0; i < n; i++)
			r->furniture_overlaps += (size_t)coopmap_box_intersects(
				&labels[i], furniture[k]);
	}
}

static int draw(render_ctx *ctx, coopmap_error *err)
{
	double top, bottom, margin = 20 * ctx->unit;
	coopmap_box strip = { 0, 0, 0, 0 };
	render_inset_layout layout;
	render_band *band;
	int rc, n_insets;

	ctx->pango = coopmap_page_pango(ctx->cr);
	render_set_color(ctx->cr, ctx->style->background);
	cairo_paint(ctx->cr);
	render_text_measure_page(ctx, &top, &bottom);
	ctx->page_map = (coopmap_box){ margin, top, ctx->width - margin,
		ctx->height - bottom };
	n_insets = render_inset_count(ctx, &ctx->report->insets_left_out, err);
	if (n_insets < 0)
		return COOPMAP_ERR_USAGE;
	if (n_insets > 0 && !render_inset_in_frame(ctx, n_insets)) {
		strip = (coopmap_box){ ctx->page_map.x0, ctx->page_map.y1 -
			inset_strip(ctx, n_insets) * ctx->unit, ctx->page_map.x1,
			ctx->page_map.y1 };
		ctx->page_map.y1 = strip.y0 - 8 * ctx->unit;
	}
	if (ctx->page_map.y1 - ctx->page_map.y0 < 50 * ctx->unit)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"the page is too small for a map under its title");
	rc = render_frame_fit(ctx, err);
	if (rc == COOPMAP_OK)
		rc = render_frame_project_countries(ctx, err);
	if (rc == COOPMAP_OK)
		rc = render_map_order_markers(ctx, err);
	ctx->france_panel = render_inset_france_panel(ctx);
	if (rc == COOPMAP_OK)
		rc = render_network_group(ctx, err);
	/* A regional map and the insets draw only the links that come near
	 * them. */
	if (rc == COOPMAP_OK && (n_insets > 0 || !ctx->world))
		rc = render_network_sample_links(ctx, err);
	if (rc == COOPMAP_OK)
		rc = render_network_prepare_links(ctx, err);
	if (rc != COOPMAP_OK)
		return rc;
	render_map_classes(ctx);
	ctx->report->classes = ctx->breaks.n;
	ctx->report->map_frame = ctx->frame;
	ctx->placer = coopmap_placer_new(ctx->frame);
	if (ctx->placer == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	rc = render_inset_plan(ctx, strip, &layout, err);
	if (rc != COOPMAP_OK)
		return rc;
	band = render_band_start(ctx, &layout);
	if (band != NULL) {
		/* The rows below are drawn meanwhile by the band's thread. */
		cairo_save(ctx->cr);
		cairo_rectangle(ctx->cr, 0, 0, ctx->width, render_band_top(band));
		cairo_clip(ctx->cr);
		render_map_draw(ctx);
		cairo_restore(ctx->cr);
		rc = render_band_finish(ctx, band, err);
	} else {
		render_map_draw(ctx);
		rc = render_inset_draw_all(ctx, &layout, err);
	}
	if (rc != COOPMAP_OK)
		return rc;
	render_text_draw_legend(ctx);
	/* A world map's scale varies too much across it for one bar. */
	if (render_frame_is_regional(ctx))
		ctx->report->scale_box = render_scale_bar(ctx);
	render_text_draw_labels(ctx);
	count_furniture_overlaps(ctx);
	render_text_draw_page(ctx);
	return COOPMAP_OK;
}

static int render_to_stream(render_ctx *ctx, coopmap_page_format format,
	cairo_surface_t *surface, FILE *stream, coopmap_error *err)
{
	cairo_status_t status;
	int rc;

	ctx->cr = cairo_create(surface);
	rc = draw(ctx, err);
	status = cairo_status(ctx->cr);
	if (ctx->pango != NULL)
		g_object_unref(ctx->pango);
	ctx->pango = NULL;
	cairo_destroy(ctx->cr);
	ctx->cr = NULL;
	return coopmap_page_finish(surface, status, format, stream, rc, err);
}

/*
 * Without a height given, the page takes the extent's shape: the map's
 * width sets its height, plus the title block and the source line (about
 * 85 and 40 thousandths of the shorter side).  The unit depends on the
 * height, hence a few rounds.
 */
static int fit_height(render_ctx *ctx, coopmap_error *err)
{
	double b[4], aspect;
	int n_insets, rc = render_frame_extent_bounds(ctx, b, err);

	if (rc != COOPMAP_OK)
		return rc;
	aspect = (b[3] - b[1]) / (b[2] - b[0]);
	n_insets = render_inset_count(ctx, NULL, err);
	if (n_insets < 0)
		return COOPMAP_ERR_USAGE;
	/*
	 * Insets in the map's frame save the strip's height, not the text's
	 * size: the unit stays that of the page with a row of insets (else a
	 * world map's names would shrink by a fifth, and drop).
	 */
	for (int pass = 0; pass < 4; pass++) {
		double map_w = ctx->width - 40 * ctx->unit;
		double extra = n_insets > 0 ? (inset_strip(ctx, n_insets) + 8) *
			ctx->unit : 0;

		ctx->height = round(fmin(fmax(map_w * aspect + 130 * ctx->unit + extra,
			ctx->width * 0.35), ctx->width * 1.6));
		ctx->unit = fmin(ctx->width, ctx->height) / 1000.0;
		if (render_inset_in_frame(ctx, n_insets))
			ctx->height -= round(extra);
	}
	return COOPMAP_OK;
}

/*
 * The CRS asked for; by default Equal Earth, centred on the extent when
 * the extent crosses the antimeridian (the Pacific would otherwise be cut
 * in two at the map's edges).
 */
static const char *map_crs(const render_ctx *ctx,
	const coopmap_render_opts *opts, char *buf, size_t size)
{
	int is_default = opts->crs == NULL || strcmp(opts->crs, "EPSG:8857") == 0;

	if (!is_default || ctx->bbox[2] <= 180)
		return opts->crs != NULL ? opts->crs : "EPSG:8857";
	snprintf(buf, size, "+proj=eqearth +lon_0=%.4f +datum=WGS84 +units=m "
		"+type=crs", (ctx->bbox[0] + ctx->bbox[2]) / 2);
	return buf;
}

static int setup(render_ctx *ctx, const coopmap_map_data *data,
	const coopmap_render_opts *opts, coopmap_page_format format, coopmap_error *err)
{
	char crs[160];
	int rc;

	ctx->data = data;
	ctx->opts = opts;
	if (opts->style != NULL) {
		ctx->style = opts->style;
	} else {
		coopmap_style_default(&ctx->default_style);
		ctx->style = &ctx->default_style;
	}
	ctx->lang = opts->lang != NULL ? opts->lang : "fr";
	ctx->width = opts->width > 0 ? opts->width : format == COOPMAP_PAGE_PNG
		? COOPMAP_RENDER_DEFAULT_WIDTH_PNG : COOPMAP_RENDER_DEFAULT_WIDTH_VECTOR;
	ctx->height = opts->height > 0 ? opts->height : ctx->width * 0.58;
	if (ctx->width < 200 || ctx->height < 150 ||
	    ctx->width > COOPMAP_RENDER_MAX_SIDE ||
	    ctx->height > COOPMAP_RENDER_MAX_SIDE)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"size %.0fx%.0f: each side must be from 200x150 to %d",
			ctx->width, ctx->height, COOPMAP_RENDER_MAX_SIDE);
	ctx->unit = fmin(ctx->width, ctx->height) / 1000.0;
	rc = render_text_check_font(ctx->style, err);
	if (rc == COOPMAP_OK)
		rc = coopmap_render_parse_extent(opts->extent != NULL ? opts->extent
			: "world", ctx->bbox, &ctx->world, err);
	if (rc == COOPMAP_OK)
		rc = coopmap_projection_new(map_crs(ctx, opts, crs, sizeof(crs)),
			&ctx->projection, err);
	if (rc != COOPMAP_OK)
		return rc;
	coopmap_projection_valid_area(ctx->projection, ctx->area);
	if (opts->height <= 0)
		return fit_height(ctx, err);
	return COOPMAP_OK;
}

/* One map of coopmap_render_maps: made ready (its surface created) in the
 * caller's thread, drawn and written in a thread of its own. */
struct map_job {
	const coopmap_map_data *data;
	const coopmap_render_opts *opts;
	const char *path;
	render_ctx ctx;
	coopmap_render_report local;
	coopmap_output *output;
	FILE *stream;                /* a caller's stream, or NULL: path */
	cairo_surface_t *surface;
	coopmap_page_format format;
	coopmap_error *err;
	int rc;
};

static void begin_map(struct map_job *job)
{
	render_ctx *ctx = &job->ctx;

	job->rc = setup(ctx, job->data, job->opts, job->format, job->err);
	/* The file is opened once the options are known good: a bad one
	 * creates nothing. */
	if (job->rc == COOPMAP_OK && job->stream == NULL) {
		job->rc = coopmap_output_open(job->path, &job->output, job->err);
		if (job->rc == COOPMAP_OK)
			job->stream = coopmap_output_stream(job->output);
	}
	if (job->rc == COOPMAP_OK)
		job->surface = coopmap_page_surface(job->format, job->stream,
			(int)ctx->width, (int)ctx->height, job->opts->date,
			job->opts->title);
}

static gpointer finish_map(gpointer p)
{
	struct map_job *job = p;
	render_ctx *ctx = &job->ctx;
	const coopmap_render_opts *opts = job->opts;
	int rc = job->rc;

	if (rc == COOPMAP_OK)
		rc = render_to_stream(ctx, job->format, job->surface, job->stream,
			job->err);
	job->surface = NULL;
	if (job->output != NULL && rc == COOPMAP_OK)
		rc = coopmap_output_commit(job->output, job->err);
	else if (job->output != NULL)
		coopmap_output_abort(job->output);
	job->output = NULL;
	if (rc == COOPMAP_OK && opts->n_probes > 0 && ctx->report != &job->local) {
		ctx->report->probe_x = calloc(opts->n_probes, sizeof(double));
		ctx->report->probe_y = calloc(opts->n_probes, sizeof(double));
		for (size_t i = 0; ctx->report->probe_x != NULL &&
		     ctx->report->probe_y != NULL && i < opts->n_probes; i++) {
			double x, y;

			if (!render_frame_point(ctx, opts->probe_lon[i],
			    opts->probe_lat[i], &x, &y))
				x = y = NAN;
			ctx->report->probe_x[i] = x;
			ctx->report->probe_y[i] = y;
		}
	}
	if (rc == COOPMAP_OK && ctx->placer != NULL) {
		size_t n;
		const coopmap_box *boxes = coopmap_placer_labels(ctx->placer, &n);

		ctx->report->label_boxes = malloc((n + 1) * sizeof(coopmap_box));
		/* No label (a map of the pole): boxes may be NULL. */
		if (ctx->report->label_boxes != NULL && n > 0)
			memcpy(ctx->report->label_boxes, boxes, n * sizeof(coopmap_box));
		ctx->report->width = (int)ctx->width;
		ctx->report->height = (int)ctx->height;
	}
	free_ctx(ctx);
	coopmap_render_report_clear(&job->local);
	job->rc = rc;
	return NULL;
}

int coopmap_render_maps(const coopmap_map_data *data,
	const coopmap_render_opts *opts, const char *const *paths, size_t n,
	coopmap_render_report *reports, coopmap_error *errs)
{
	struct map_job *jobs = calloc(n + 1, sizeof(*jobs));
	GThread **threads = calloc(n + 1, sizeof(*threads));
	coopmap_map_data shared = *data;
	coopmap_topology *topology = NULL;
	int rc = COOPMAP_OK;

	if (jobs == NULL || threads == NULL) {
		free(jobs);
		free(threads);
		return coopmap_error_set(&errs[0], COOPMAP_ERR_NOMEM,
			"out of memory");
	}
	/* Maps of one data share the countries' topology, built once. */
	if (n > 1 && shared.topology == NULL) {
		rc = coopmap_topology_new(data->countries, &topology, &errs[0]);
		shared.topology = topology;
		for (size_t i = 1; i < n && rc != COOPMAP_OK; i++)
			errs[i] = errs[0];
	}
	for (size_t i = 0; i < n && rc == COOPMAP_OK; i++) {
		jobs[i] = (struct map_job){ &shared, opts, paths[i], { 0 },
			COOPMAP_RENDER_REPORT_INIT, NULL, NULL, NULL, COOPMAP_PAGE_PNG,
			&errs[i], COOPMAP_OK };
		jobs[i].ctx.report = reports != NULL ? &reports[i] : &jobs[i].local;
		jobs[i].rc = coopmap_page_format_of(paths[i], &jobs[i].format,
			&errs[i]);
	}
	/*
	 * Surfaces are made here, one thread, in a fixed order: SVG first.
	 * Cairo numbers every surface of the process and an SVG names its
	 * content after its own number ("surface1"): made first, an SVG gets
	 * the number it gets alone, and the same bytes (PDF and PNG do not
	 * show the number).
	 */
	for (int pass = 0; pass < 2 && rc == COOPMAP_OK; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (jobs[i].rc == COOPMAP_OK &&
			    (jobs[i].format == COOPMAP_PAGE_SVG) == (pass == 0))
				begin_map(&jobs[i]);
		}
	}
	for (size_t i = 0; i < n && rc == COOPMAP_OK; i++) {
		if (n > 1)
			threads[i] = g_thread_new("coopmap-map", finish_map, &jobs[i]);
		else
			finish_map(&jobs[i]);
	}
	for (size_t i = 0; i < n && rc == COOPMAP_OK; i++) {
		if (threads[i] != NULL)
			g_thread_join(threads[i]);
	}
	for (size_t i = 0; i < n && rc == COOPMAP_OK; i++) {
		if (jobs[i].rc != COOPMAP_OK)
			rc = jobs[i].rc;
	}
	coopmap_topology_free(topology);
	free(jobs);
	free(threads);
	return rc;
}

int coopmap_render_map(const coopmap_map_data *data,
	const coopmap_render_opts *opts, const char *path,
	coopmap_render_report *report, coopmap_error *err)
{
	coopmap_error local = COOPMAP_ERROR_INIT;

	return coopmap_render_maps(data, opts, &path, 1, report,
		err != NULL ? err : &local);
}

int coopmap_render_map_to_stream(const coopmap_map_data *data,
	const coopmap_render_opts *opts, const char *format, FILE *stream,
	coopmap_render_report *report, coopmap_error *err)
{
	char name[32];
	struct map_job job = { data, opts, name, { 0 },
		COOPMAP_RENDER_REPORT_INIT, NULL, stream, NULL, COOPMAP_PAGE_PNG, err,
		COOPMAP_OK };

	snprintf(name, sizeof(name), "map.%s", format);
	job.ctx.report = report != NULL ? report : &job.local;
	job.rc = coopmap_page_format_of(name, &job.format, err);
	if (job.rc == COOPMAP_OK)
		begin_map(&job);
	finish_map(&job);
	return job.rc;
}

void coopmap_render_report_clear(coopmap_render_report *report)
{
	if (report == NULL)
		return;
	free(report->label_boxes);
	report->label_boxes = NULL;
	free(report->point_boxes);
	report->point_boxes = NULL;
	free(report->probe_x);
	free(report->probe_y);
	report->probe_x = NULL;
	report->probe_y = NULL;
}
