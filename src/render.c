/*
 * render.c: the renderer's entry point (coopmap/render.h): the extents by
 * name, the options checked, the page's size, the Cairo surface for the
 * output's format, maps of one data drawn in threads of their own, the
 * file written atomically, the report's probes and label boxes.
 *
 * Not for drawing: the drawing order is render_draw.c's, which calls the
 * renderer's parts (src/render_<part>.h; see docs/design.md, "The
 * renderer's parts").  Besides it, this file asks the parts only what
 * sizes the page: the extent's projected bounds, the insets' row, the
 * font.
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
#include "render_draw.h"
#include "render_frame.h"
#include "render_inset.h"
#include "render_text.h"


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

static int render_to_stream(render_ctx *ctx, coopmap_page_format format,
	cairo_surface_t *surface, FILE *stream, coopmap_error *err)
{
	cairo_status_t status;
	int rc;

	ctx->cr = cairo_create(surface);
	rc = render_draw_page(ctx, err);
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
		double extra = n_insets > 0 ? (render_inset_strip_height(ctx, n_insets) + 8) *
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
	render_draw_free(ctx);
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
