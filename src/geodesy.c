/*
 * geodesy.c: thin wrappers over PROJ.  The transformation object is built
 * once per map; points go through proj_trans_generic in bulk because PROJ's
 * per-call overhead is larger than the maths for one point.
 */
#include "coopmap/geodesy.h"

#include <geodesic.h>
#include <glib.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"

struct coopmap_projection {
	PJ_CONTEXT *ctx;
	PJ *transform;
	double central_meridian;
	double area[4];
	int geographic;
	char name[128];
	char code[64];
};

/* PROJ must not print to the user's terminal. */
static void quiet_log(void *data, int level, const char *message)
{
	(void)data;
	(void)level;
	(void)message;
}

static double parameter_value(PJ_CONTEXT *ctx, PJ *operation, const char *name)
{
	int index = proj_coordoperation_get_param_index(ctx, operation, name);
	double value = 0.0;

	if (index < 0)
		return NAN;
	if (!proj_coordoperation_get_param(ctx, operation, index, NULL, NULL,
	    NULL, &value, NULL, NULL, NULL, NULL, NULL, NULL))
		return NAN;
	return value;
}

/* The longitude a map is centred on: the operation's origin longitude
 * under whichever name the method gives it. */
static double find_central_meridian(PJ_CONTEXT *ctx, PJ *crs)
{
	static const char *const names[] = {
		"Longitude of natural origin", "Longitude of origin",
		"Longitude of false origin", "Longitude of projection centre",
		"Longitude of 1st standard parallel", NULL
	};
	PJ *operation = proj_crs_get_coordoperation(ctx, crs);
	double value = 0.0;

	if (operation == NULL) {
		/* PROJ strings like "+proj=robin +lon_0=150" have no CRS form
		 * with parameters; read lon_0 from the definition text. */
		const char *def = proj_as_proj_string(ctx, crs, PJ_PROJ_5, NULL);
		const char *lon0 = def != NULL ? strstr(def, "+lon_0=") : NULL;

		return lon0 != NULL ? atof(lon0 + 7) : 0.0;
	}
	for (int i = 0; names[i] != NULL; i++) {
		double v = parameter_value(ctx, operation, names[i]);

		if (!isnan(v)) {
			value = v;
			break;
		}
	}
	proj_destroy(operation);
	return value;
}

static void find_valid_area(coopmap_projection *p, PJ *crs)
{
	double west = -180, south = -90, east = 180, north = 90;
	double cm = p->central_meridian;

	if (proj_get_area_of_use(p->ctx, crs, &west, &south, &east, &north, NULL)
	    && west > -1000) {
		/* A world-wide area is re-centred on the central meridian. */
		if (east - west >= 359.0) {
			west = cm - 180;
			east = cm + 180;
		}
	} else {
		west = cm - 180;
		east = cm + 180;
		south = -90;
		north = 90;
	}
	/* Mercator-like maps have no poles; keep the usual cut. */
	if (strstr(p->name, "Mercator") != NULL) {
		if (south < -85.06)
			south = -85.06;
		if (north > 85.06)
			north = 85.06;
	}
	p->area[0] = west;
	p->area[1] = south;
	p->area[2] = east;
	p->area[3] = north;
}

/* The projection method ("Equal Earth") says more on a map than the CRS's
 * full name ("WGS 84 / Equal Earth Greenwich"). */
static void set_display_name(coopmap_projection *p, PJ *crs,
	const char *crs_text)
{
	PJ *operation = proj_crs_get_coordoperation(p->ctx, crs);
	const char *method = NULL;
	const char *name = proj_get_name(crs);

	if (operation != NULL &&
	    proj_coordoperation_get_method_info(p->ctx, operation, &method,
		NULL, NULL) && method != NULL)
		name = method;
	snprintf(p->name, sizeof(p->name), "%s", name != NULL ? name : crs_text);
	proj_destroy(operation);
}

/*
 * The operation from WGS 84 lon/lat to crs.  A projected CRS based on WGS
 * 84 itself needs no datum change: its own conversion is the whole
 * operation, the same pipeline proj_create_crs_to_crs finds (compared for
 * Equal Earth, Web Mercator, Robinson, UTM, polar stereographic, the
 * insets' Lambert azimuthal ...) after 10 ms or more of searching PROJ's
 * database; a map with its eight insets built nine.  Any other CRS
 * (another datum, a PROJ string without +type=crs) takes the search.
 */
static PJ *forward_operation(PJ_CONTEXT *ctx, PJ *crs, const char *crs_text)
{
	if (proj_get_type(crs) == PJ_TYPE_PROJECTED_CRS) {
		PJ *wgs84 = proj_create(ctx, "EPSG:4326");
		PJ *base = proj_get_source_crs(ctx, crs);
		PJ *conversion = NULL;

		if (wgs84 != NULL && base != NULL &&
		    proj_is_equivalent_to_with_ctx(ctx, base, wgs84,
			PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS))
			conversion = proj_crs_get_coordoperation(ctx, crs);
		proj_destroy(wgs84);
		proj_destroy(base);
		if (conversion != NULL)
			return conversion;
	}
	return proj_create_crs_to_crs(ctx, "EPSG:4326", crs_text, NULL);
}

/*
 * crs_text as a CRS.  A PROJ string without +type=crs ("+proj=robin
 * +lon_0=150", as the README shows) is a conversion to PROJ, not a CRS:
 * it is read again with +type=crs, and *as_crs (g_free) is the text that
 * worked; NULL when crs_text was read as it is.
 */
static PJ *create_crs(PJ_CONTEXT *ctx, const char *crs_text, gchar **as_crs)
{
	PJ *crs = proj_create(ctx, crs_text);

	*as_crs = NULL;
	if ((crs != NULL && proj_is_crs(crs)) || crs_text[0] != '+' ||
	    strstr(crs_text, "+type=crs") != NULL)
		return crs;
	proj_destroy(crs);
	*as_crs = g_strconcat(crs_text, " +type=crs", NULL);
	crs = proj_create(ctx, *as_crs);
	if (crs == NULL || !proj_is_crs(crs)) {
		/* Not a CRS either way: say what the text as given is. */
		proj_destroy(crs);
		g_free(*as_crs);
		*as_crs = NULL;
		crs = proj_create(ctx, crs_text);
	}
	return crs;
}

int coopmap_projection_new(const char *crs_text, coopmap_projection **out,
	coopmap_error *err)
{
	coopmap_projection *p;
	PJ *crs, *raw;
	gchar *as_crs = NULL;
	const char *auth, *code;
	int rc = COOPMAP_OK;

	*out = NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	p->ctx = proj_context_create();
	proj_log_func(p->ctx, NULL, quiet_log);
	crs = create_crs(p->ctx, crs_text, &as_crs);
	if (crs != NULL && as_crs != NULL)
		crs_text = as_crs;
	if (crs == NULL || !proj_is_crs(crs)) {
		int errno_ = proj_context_errno(p->ctx);

		rc = coopmap_error_set(err, COOPMAP_ERR_CRS,
			"unknown CRS '%s': %s", crs_text, errno_ != 0
			? proj_context_errno_string(p->ctx, errno_)
			: _("not a coordinate reference system"));
		proj_destroy(crs);
		coopmap_projection_free(p);
		g_free(as_crs);
		return rc;
	}
	set_display_name(p, crs, crs_text);
	auth = proj_get_id_auth_name(crs, 0);
	code = proj_get_id_code(crs, 0);
	if (auth != NULL && code != NULL)
		snprintf(p->code, sizeof(p->code), "%s:%s", auth, code);
	p->geographic = proj_get_type(crs) == PJ_TYPE_GEOGRAPHIC_2D_CRS ||
		proj_get_type(crs) == PJ_TYPE_GEOGRAPHIC_3D_CRS;
	p->central_meridian = p->geographic ? 0.0 : find_central_meridian(p->ctx, crs);
	find_valid_area(p, crs);

	raw = forward_operation(p->ctx, crs, crs_text);
	proj_destroy(crs);
	g_free(as_crs);
	if (raw == NULL) {
		rc = coopmap_error_set(err, COOPMAP_ERR_CRS,
			"no transformation from WGS 84 to '%s'", p->name);
		coopmap_projection_free(p);
		return rc;
	}
	p->transform = proj_normalize_for_visualization(p->ctx, raw);
	proj_destroy(raw);
	if (p->transform == NULL) {
		coopmap_projection_free(p);
		return coopmap_error_set(err, COOPMAP_ERR_CRS,
			"cannot normalise axis order of '%s'", crs_text);
	}
	*out = p;
	return COOPMAP_OK;
}

int coopmap_projection_clone(const coopmap_projection *p,
	coopmap_projection **out, coopmap_error *err)
{
	coopmap_projection *copy = malloc(sizeof(*copy));

	*out = NULL;
	if (copy == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	*copy = *p;
	copy->ctx = proj_context_create();
	copy->transform = NULL;
	if (copy->ctx != NULL) {
		proj_log_func(copy->ctx, NULL, quiet_log);
		copy->transform = proj_clone(copy->ctx, p->transform);
	}
	if (copy->transform == NULL) {
		coopmap_projection_free(copy);
		return coopmap_error_set(err, COOPMAP_ERR_CRS,
			"cannot copy the projection '%s'", p->name);
	}
	*out = copy;
	return COOPMAP_OK;
}

void coopmap_projection_free(coopmap_projection *p)
{
	if (p == NULL)
		return;
	proj_destroy(p->transform);
	proj_context_destroy(p->ctx);
	free(p);
}

void coopmap_projection_forward(coopmap_projection *p, double *x, double *y,
	size_t n)
{
	if (n == 0)
		return;
	proj_trans_generic(p->transform, PJ_FWD, x, sizeof(double), n,
		y, sizeof(double), n, NULL, 0, 0, NULL, 0, 0);
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(y[i])) {
			x[i] = HUGE_VAL;
			y[i] = HUGE_VAL;
		}
	}
	/* A failed batch leaves an errno behind that would fail the next. */
	proj_errno_reset(p->transform);
}

double coopmap_projection_central_meridian(const coopmap_projection *p)
{
	return p->central_meridian;
}

void coopmap_projection_valid_area(const coopmap_projection *p, double area[4])
{
	memcpy(area, p->area, sizeof(p->area));
}

const char *coopmap_projection_name(const coopmap_projection *p)
{
	return p->name;
}

const char *coopmap_projection_code(const coopmap_projection *p)
{
	return p->code;
}

int coopmap_projection_is_geographic(const coopmap_projection *p)
{
	return p->geographic;
}

static int append_edge(coopmap_polyline *ring, size_t *used, double x0,
	double y0, double x1, double y1, double step)
{
	double length = fmax(fabs(x1 - x0), fabs(y1 - y0));
	size_t steps = (size_t)ceil(length / step);

	if (steps == 0)
		steps = 1;
	for (size_t i = 0; i < steps; i++) {
		double t = (double)i / (double)steps;

		ring->x[*used] = x0 + (x1 - x0) * t;
		ring->y[*used] = y0 + (y1 - y0) * t;
		(*used)++;
	}
	return 0;
}

int coopmap_projection_outline(const coopmap_projection *p, double step_deg,
	coopmap_polyline *ring, coopmap_error *err)
{
	/* A hair inside the edge: at exactly +-180 from the centre PROJ may
	 * put a point on the opposite side. */
	const double eps = 1e-7;
	double w = p->area[0] + eps, s = p->area[1], e = p->area[2] - eps;
	double n = p->area[3];
	size_t capacity, used = 0;

	if (step_deg <= 0)
		step_deg = 1.0;
	capacity = (size_t)(2 * ((e - w) + (n - s)) / step_deg) + 16;
	ring->x = malloc(capacity * sizeof(double));
	ring->y = malloc(capacity * sizeof(double));
	if (ring->x == NULL || ring->y == NULL) {
		coopmap_polyline_clear(ring);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	append_edge(ring, &used, w, s, w, n, step_deg);
	append_edge(ring, &used, w, n, e, n, step_deg);
	append_edge(ring, &used, e, n, e, s, step_deg);
	append_edge(ring, &used, e, s, w, s, step_deg);
	ring->x[used] = w;
	ring->y[used] = s;
	ring->n = used + 1;
	return COOPMAP_OK;
}

void coopmap_polyline_clear(coopmap_polyline *line)
{
	free(line->x);
	free(line->y);
	line->x = NULL;
	line->y = NULL;
	line->n = 0;
}

double coopmap_geodesic_distance(double lon1, double lat1, double lon2,
	double lat2)
{
	struct geod_geodesic g;
	double s12 = 0;

	geod_init(&g, 6378137.0, 1 / 298.257223563);
	geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
	return s12;
}

/* Longitude into [-180, 180). */
static double wrap180(double lon)
{
	lon = fmod(lon + 180.0, 360.0);
	if (lon < 0)
		lon += 360.0;
	return lon - 180.0;
}

size_t coopmap_geodesic_arc(double lon1, double lat1, double lon2,
	double lat2, double step_km, double **lon_out, double **lat_out,
	size_t **starts_out)
{
	struct geod_geodesic g;
	struct geod_geodesicline line;
	size_t n, count = 0, pieces = 1;
	double *lon, *lat;
	size_t *starts;

	geod_init(&g, 6378137.0, 1 / 298.257223563);
	/* Points spaced evenly in arc length on the auxiliary sphere (equal
	 * to a few parts in a thousand to evenly in distance): the position
	 * from the arc skips the series that turns a distance into an arc. */
	geod_inverseline(&line, &g, lat1, lon1, lat2, lon2, GEOD_LATITUDE |
		GEOD_LONGITUDE | GEOD_DISTANCE_IN);
	n = (size_t)ceil(line.s13 / 1000.0 / (step_km > 0 ? step_km : 100.0));
	if (n < 1)
		n = 1;
	/* Room for every point and, at worst, two extra per crossing. */
	lon = malloc((2 * n + 4) * sizeof(double));
	lat = malloc((2 * n + 4) * sizeof(double));
	starts = malloc((n + 3) * sizeof(size_t));
	if (lon == NULL || lat == NULL || starts == NULL) {
		free(lon);
		free(lat);
		free(starts);
		return 0;
	}
	starts[0] = 0;
	for (size_t i = 0; i <= n; i++) {
		double plat, plon;

		geod_genposition(&line, GEOD_ARCMODE, line.a13 * (double)i /
			(double)n, &plat, &plon, NULL, NULL, NULL, NULL, NULL, NULL);
		plon = wrap180(plon);
		if (count > starts[pieces - 1] &&
		    fabs(plon - lon[count - 1]) > 180.0) {
			/* Cut at the antimeridian: end this piece on the side it
			 * is on, start the next on the other side. */
			double prev = lon[count - 1];
			double edge = prev > 0 ? 180.0 : -180.0;
			double unwrapped = plon + (prev > 0 ? 360.0 : -360.0);
			double t = (edge - prev) / (unwrapped - prev);
			double clat = lat[count - 1] + t * (plat - lat[count - 1]);

			lon[count] = edge;
			lat[count] = clat;
			count++;
			starts[pieces++] = count;
			lon[count] = -edge;
			lat[count] = clat;
			count++;
		}
		lon[count] = plon;
		lat[count] = plat;
		count++;
	}
	starts[pieces] = count;
	*lon_out = lon;
	*lat_out = lat;
	*starts_out = starts;
	return pieces;
}
