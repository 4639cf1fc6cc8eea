/*
 * layer_distances: fills the distance_km column of a policy layer that pairs
 * a French overseas unit with its neighbours
 * (geodata/layers/overseas-neighbours.csv, columns territory, iso_a3, ...,
 * distance_km), from the country geometries of geodata/countries-50m.shp.
 *
 * The distance of a row is the minimum, over every vertex of the feature
 * whose iso_a3 is the row's territory and every vertex of the feature whose
 * iso_a3 is the row's iso_a3 (all parts and rings, holes included), of the
 * geodesic distance on WGS 84 computed by PROJ's geod_inverse, rounded to
 * the nearest kilometre.  Features that share a border share vertices, so
 * their distance is 0.  The minimum is over vertices, not over the edges
 * between them: on a coarse coastline it can exceed the true shortest
 * distance by up to half a segment's length.
 *
 * No vertex is sampled or skipped: every pair of vertices is considered.
 * To keep that fast, a first pass finds the pair with the smallest angle
 * between the two points seen as directions on a unit sphere (latitude and
 * longitude taken as spherical coordinates); a second pass runs
 * geod_inverse only on the pairs whose angle is small enough that their
 * geodesic could still be shorter than the best one found.  On WGS 84 a
 * geodesic is never shorter than R_LOW times that angle (R_LOW is below the
 * smallest radius of curvature of the ellipsoid, 6335.44 km at the
 * equator), so the pairs left out cannot be the minimum: the result is the
 * exact vertex minimum.
 *
 * Usage:
 *   layer_distances --shp geodata/countries-50m.shp
 *                   --layer geodata/layers/overseas-neighbours.csv
 *                   [--out FILE] [--check]
 *
 * Without --out the layer is rewritten in place (through a temporary file
 * renamed over it).  With --check nothing is written: the distances are
 * computed and compared with the file's, and each difference is reported.
 * The CSV is read and written as RFC 4180 (UTF-8, comma, fields quoted only
 * when they hold a comma, a quote or a line break, LF line ends); the
 * other columns and the order of the rows are kept as they are.
 *
 * Exit status: 0 success; 1 --check found differences; 2 usage error or a
 * failure to read or write (message on stderr).  Run by
 * scripts/build-layers.sh; coopmap itself never builds or runs it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geodesic.h>
#include <shapefil.h>

#include "tool_util.h"

/* The prefix of die()'s messages (tool_util.h). */
const char tool_name[] = "layer_distances";

#define EXIT_DIFFERENCES 1

/* Below the smallest radius of curvature of WGS 84 (meridional radius at
 * the equator, a(1 - e^2) = 6335439 m), with a margin. */
#define R_LOW 6335000.0
#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)
#define DEG (3.14159265358979323846 / 180.0)

typedef struct {
	double lon, lat;	/* degrees */
	double x, y, z;		/* unit vector */
} Vertex;

typedef struct {
	char code[4];
	Vertex *v;
	size_t n;
} Feature;

typedef struct {
	char **fields;
	size_t count;
} Row;

typedef struct {
	Row *rows;		/* rows[0] is the header */
	size_t count;
} Table;

/* ---- CSV ---------------------------------------------------------------- */

typedef struct {
	char *buf;
	size_t len, cap;
} Buffer;

static void buf_add(Buffer *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->buf = xrealloc(b->buf, b->cap);
	}
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

static void row_add(Row *row, Buffer *field)
{
	row->fields = xrealloc(row->fields, (row->count + 1) * sizeof(char *));
	row->fields[row->count++] = xstrdup(field->buf ? field->buf : "");
	field->len = 0;
	if (field->buf)
		field->buf[0] = '\0';
}

static void table_add(Table *t, Row *row)
{
	t->rows = xrealloc(t->rows, (t->count + 1) * sizeof(Row));
	t->rows[t->count++] = *row;
	row->fields = NULL;
	row->count = 0;
}

/* Reads a whole RFC 4180 file.  A line end is LF or CRLF; a final line end
 * is optional; empty lines are not allowed. */
static Table read_csv(const char *path)
{
	FILE *f = fopen(path, "rb");
	Table t = {0};
	Row row = {0};
	Buffer field = {0};
	int c, quoted = 0, in_quotes = 0, started = 0;
	long line = 1;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while ((c = fgetc(f)) != EOF) {
		if (in_quotes) {
			if (c == '"') {
				int d = fgetc(f);

				if (d == '"') {
					buf_add(&field, '"');
					continue;
				}
				in_quotes = 0;
				if (d == EOF)
					break;
				c = d;
			} else {
				if (c == '\n')
					line++;
				buf_add(&field, (char)c);
				continue;
			}
		}
		if (c == '"') {
			if (field.len > 0 || quoted)
				die("%s:%ld: stray quote", path, line);
			quoted = in_quotes = started = 1;
		} else if (c == ',') {
			row_add(&row, &field);
			quoted = 0;
			started = 1;
		} else if (c == '\r') {
			int d = fgetc(f);

			if (d != '\n')
				die("%s:%ld: CR without LF", path, line);
			ungetc(d, f);
		} else if (c == '\n') {
			if (!started && field.len == 0 && row.count == 0)
				die("%s:%ld: empty line", path, line);
			row_add(&row, &field);
			table_add(&t, &row);
			quoted = started = 0;
			line++;
		} else {
			if (quoted)
				die("%s:%ld: text after a closing quote", path, line);
			buf_add(&field, (char)c);
			started = 1;
		}
	}
	if (ferror(f))
		die("%s: read error", path);
	fclose(f);
	if (in_quotes)
		die("%s: unterminated quoted field", path);
	if (started || field.len > 0 || row.count > 0) {
		row_add(&row, &field);
		table_add(&t, &row);
	}
	free(field.buf);
	if (t.count == 0)
		die("%s: no header line", path);
	for (size_t i = 1; i < t.count; i++) {
		if (t.rows[i].count != t.rows[0].count)
			die("%s: row %zu has %zu fields, the header %zu", path,
				i + 1, t.rows[i].count, t.rows[0].count);
	}
	return t;
}

static void write_csv(const char *path, const Table *t)
{
	size_t len = strlen(path);
	char *tmp = xrealloc(NULL, len + 5);
	FILE *f;

	memcpy(tmp, path, len);
	memcpy(tmp + len, ".tmp", 5);
	f = fopen(tmp, "wb");
	if (f == NULL)
		die("%s: %s", tmp, strerror(errno));
	for (size_t i = 0; i < t->count; i++) {
		for (size_t j = 0; j < t->rows[i].count; j++) {
			if (j > 0)
				fputc(',', f);
			csv_write_field(f, t->rows[i].fields[j]);
		}
		fputc('\n', f);
	}
	if (ferror(f) || fclose(f) != 0) {
		remove(tmp);
		die("%s: write error", tmp);
	}
	if (rename(tmp, path) != 0) {
		remove(tmp);
		die("%s: cannot replace: %s", path, strerror(errno));
	}
	free(tmp);
}

static void table_free(Table *t)
{
	for (size_t i = 0; i < t->count; i++) {
		for (size_t j = 0; j < t->rows[i].count; j++)
			free(t->rows[i].fields[j]);
		free(t->rows[i].fields);
	}
	free(t->rows);
	t->rows = NULL;
	t->count = 0;
}

static size_t column(const Table *t, const char *name, const char *path)
{
	for (size_t j = 0; j < t->rows[0].count; j++) {
		if (strcmp(t->rows[0].fields[j], name) == 0)
			return j;
	}
	die("%s: no column %s", path, name);
}

/* ---- geometry ----------------------------------------------------------- */

static Feature *features;
static size_t feature_count;

static void trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

/* Loads the vertices of every feature with a code from the Shapefile. */
static void load_features(const char *shp_path)
{
	SHPHandle shp = SHPOpen(shp_path, "rb");
	DBFHandle dbf = DBFOpen(shp_path, "rb");
	int entities, field;

	if (shp == NULL || dbf == NULL)
		die("%s: cannot open (Shapefile and its .dbf)", shp_path);
	SHPGetInfo(shp, &entities, NULL, NULL, NULL);
	if (entities != DBFGetRecordCount(dbf))
		die("%s: .shp and .dbf have different record counts", shp_path);
	field = DBFGetFieldIndex(dbf, "iso_a3");
	if (field < 0)
		die("%s: no field iso_a3", shp_path);
	features = xrealloc(NULL, (size_t)entities * sizeof(Feature));
	for (int i = 0; i < entities; i++) {
		char code[16];
		SHPObject *obj;
		Feature *ft;

		snprintf(code, sizeof(code), "%s",
			DBFReadStringAttribute(dbf, i, field));
		trim(code);
		if (strlen(code) != 3)
			continue;	/* areas without code */
		obj = SHPReadObject(shp, i);
		if (obj == NULL)
			die("%s: cannot read feature %d (%s)", shp_path, i, code);
		ft = &features[feature_count++];
		memcpy(ft->code, code, 4);
		ft->n = (size_t)obj->nVertices;
		ft->v = xrealloc(NULL, ft->n * sizeof(Vertex));
		for (size_t k = 0; k < ft->n; k++) {
			Vertex *v = &ft->v[k];
			double lat = obj->padfY[k] * DEG, lon = obj->padfX[k] * DEG;

			v->lon = obj->padfX[k];
			v->lat = obj->padfY[k];
			v->x = cos(lat) * cos(lon);
			v->y = cos(lat) * sin(lon);
			v->z = sin(lat);
		}
		SHPDestroyObject(obj);
	}
	SHPClose(shp);
	DBFClose(dbf);
}

static void free_features(void)
{
	for (size_t i = 0; i < feature_count; i++)
		free(features[i].v);
	free(features);
	features = NULL;
	feature_count = 0;
}

static const Feature *find_feature(const char *code)
{
	for (size_t i = 0; i < feature_count; i++) {
		if (strcmp(features[i].code, code) == 0)
			return &features[i];
	}
	return NULL;
}

/* Angle between two unit vectors, in radians (atan2 of |a x b| and a.b,
 * accurate at small and large angles alike). */
static double angle(const Vertex *a, const Vertex *b)
{
	double cx = a->y * b->z - a->z * b->y;
	double cy = a->z * b->x - a->x * b->z;
	double cz = a->x * b->y - a->y * b->x;

	return atan2(sqrt(cx * cx + cy * cy + cz * cz),
		a->x * b->x + a->y * b->y + a->z * b->z);
}

/* The minimum geodesic distance, in metres, over all vertex pairs. */
static double min_distance(const struct geod_geodesic *g, const Feature *a,
	const Feature *b)
{
	double best_chord = HUGE_VAL, best, limit;
	size_t bi = 0, bj = 0;

	if (a->n == 0 || b->n == 0)
		die("%s or %s: feature without vertices", a->code, b->code);
	/* Pass 1: the pair with the smallest angle.  Squared chord lengths
	 * order pairs as their angles do and are cheaper. */
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = 0; j < b->n; j++) {
			double dx = a->v[i].x - b->v[j].x;
			double dy = a->v[i].y - b->v[j].y;
			double dz = a->v[i].z - b->v[j].z;
			double c = dx * dx + dy * dy + dz * dz;

			if (c < best_chord) {
				best_chord = c;
				bi = i;
				bj = j;
			}
		}
	}
	geod_inverse(g, a->v[bi].lat, a->v[bi].lon, b->v[bj].lat, b->v[bj].lon,
		&best, NULL, NULL);
	/* Pass 2: only pairs whose geodesic could be shorter than best. */
	limit = best / R_LOW;
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = 0; j < b->n; j++) {
			double s;

			if (angle(&a->v[i], &b->v[j]) > limit)
				continue;
			geod_inverse(g, a->v[i].lat, a->v[i].lon, b->v[j].lat,
				b->v[j].lon, &s, NULL, NULL);
			if (s < best)
				best = s;
		}
	}
	return best;
}

/* ---- main --------------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: layer_distances --shp FILE.shp --layer FILE.csv "
		"[--out FILE.csv] [--check]\n", stderr);
	exit(TOOL_EXIT_ERROR);
}

int main(int argc, char **argv)
{
	const char *shp = NULL, *layer = NULL, *out = NULL;
	int check = 0, differences = 0;
	struct geod_geodesic g;
	size_t col_t, col_c, col_d;
	Table t;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--shp") == 0 && i + 1 < argc)
			shp = argv[++i];
		else if (strcmp(argv[i], "--layer") == 0 && i + 1 < argc)
			layer = argv[++i];
		else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--check") == 0)
			check = 1;
		else
			usage();
	}
	if (shp == NULL || layer == NULL || (check && out != NULL))
		usage();
	if (out == NULL)
		out = layer;

	geod_init(&g, WGS84_A, WGS84_F);
	load_features(shp);
	t = read_csv(layer);
	col_t = column(&t, "territory", layer);
	col_c = column(&t, "iso_a3", layer);
	col_d = column(&t, "distance_km", layer);

	for (size_t i = 1; i < t.count; i++) {
		char **f = t.rows[i].fields;
		const Feature *a = find_feature(f[col_t]);
		const Feature *b = find_feature(f[col_c]);
		char km[32];

		if (a == NULL || b == NULL)
			die("%s: row %zu: no feature %s in %s", layer, i + 1,
				a == NULL ? f[col_t] : f[col_c], shp);
		snprintf(km, sizeof(km), "%.0f",
			floor(min_distance(&g, a, b) / 1000.0 + 0.5));
		if (check) {
			if (strcmp(f[col_d], km) != 0) {
				fprintf(stderr, "%s: row %zu (%s, %s): distance_km "
					"is '%s', computed %s\n", layer, i + 1,
					f[col_t], f[col_c], f[col_d], km);
				differences++;
			}
			continue;
		}
		free(f[col_d]);
		f[col_d] = xstrdup(km);
	}
	if (check) {
		size_t rows = t.count - 1;

		table_free(&t);
		free_features();
		if (differences > 0) {
			fprintf(stderr, "layer_distances: %d of %zu rows differ\n",
				differences, rows);
			return EXIT_DIFFERENCES;
		}
		fprintf(stderr, "layer_distances: %zu rows checked, all equal\n",
			rows);
		return 0;
	}
	write_csv(out, &t);
	fprintf(stderr, "layer_distances: %zu rows written to %s\n", t.count - 1,
		out);
	table_free(&t);
	free_features();
	return 0;
}
