/*
 * build_geodata: builds the country geometries that coopmap bundles in
 * geodata/ (countries-50m.* and countries-10m.*).
 *
 * It reads a world-atlas TopoJSON file (Natural Earth admin-0 countries,
 * layer "countries") through GDAL/OGR, gives every feature ISO 3166 codes,
 * French and English short names (i18n-iso-countries JSON files plus
 * geodata/src/names-fr-overrides.csv), a status (kind, sovereign) and a
 * label point, repairs the antimeridian artefacts of the TopoJSON
 * quantization, and writes a UTF-8 polygon Shapefile with Shapelib.
 *
 * Usage:
 *   build_geodata --topojson countries-50m.json --codes codes.json
 *                 --fr fr.json --en en.json
 *                 --overrides geodata/src/names-fr-overrides.csv
 *                 --out geodata/countries-50m
 *
 * Writes OUT.shp, OUT.shx, OUT.dbf, OUT.prj and OUT.cpg.  Errors go to
 * stderr with exit status 2.  It is run by scripts/build-geodata.sh; coopmap
 * itself never builds or runs it.  geodata/SOURCES.md documents every rule
 * applied here.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_error.h>
#include <gdal.h>
#include <geos_c.h>
#include <jansson.h>
#include <ogr_api.h>
#include <shapefil.h>

#include "tool_util.h"

/* The prefix of die()'s messages (tool_util.h). */
const char tool_name[] = "build_geodata";

#define NAME_BYTES 100          /* width of the name_fr / name_en fields */
#define SLIVER_AREA 1e-10       /* deg^2: smaller pieces are artefacts */
#define POLE_LAT 89.9           /* segments this close to a pole may wrap */
#define LINE_MAX_BYTES 1024
#define DEG_TO_RAD (3.14159265358979323846 / 180.0)

/* The build date stamped in the DBF header (see geodata/SOURCES.md): a
 * fixed date rather than today's so that two builds are byte-identical. */
#define DBF_YEAR_SINCE_1900 126
#define DBF_MONTH 11
#define DBF_DAY 23

static const char PRJ_WGS84[] =
	"GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
	"SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
	"PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

/* ------------------------------------------------------------------ */
/* Rule tables                                                          */
/* ------------------------------------------------------------------ */

/* Natural Earth features that carry no ISO numeric id.  An entry either
 * merges the feature into a coded unit (merge_into) or makes it a unit of
 * its own.  A NULL name means "take it from i18n-iso-countries by
 * iso_a3"; a NULL kind means "apply the usual kind rules". */
typedef struct {
	const char *ne_name;
	const char *merge_into;
	const char *iso_a3;
	const char *iso_a2;
	const char *name_fr;
	const char *name_en;
	const char *sovereign;
	const char *kind;
} NoIdRule;

static const NoIdRule NO_ID_RULES[] = {
	{"Coral Sea Is.", "AUS", NULL, NULL, NULL, NULL, NULL, NULL},
	/* Christmas Island and the Cocos (Keeling) Islands have ISO codes of
	 * their own: the feature becomes CXR and SPLITS moves Cocos to CCK. */
	{"Indian Ocean Ter.", NULL, "CXR", "CX", NULL, NULL, NULL, NULL},
	/* XK/XKX: user-assigned codes used by the European Union. */
	{"Kosovo", NULL, "XKX", "XK", "Kosovo", "Kosovo", "XKX", "disputed"},
	/* CP/CPT: exceptionally reserved ISO 3166-1 codes. */
	{"Clipperton I.", NULL, "CPT", "CP", "Île Clipperton",
	 "Clipperton Island", "FRA", "overseas"},
	{"Somaliland", NULL, "", "", "Somaliland", "Somaliland", "SOM",
	 "disputed"},
	{"N. Cyprus", NULL, "", "", "Chypre du Nord", "Northern Cyprus", "CYP",
	 "disputed"},
	{"Cyprus U.N. Buffer Zone", NULL, "", "",
	 "Zone tampon des Nations unies à Chypre", "Cyprus UN Buffer Zone",
	 "CYP", "other"},
	{"Siachen Glacier", NULL, "", "", "Glacier de Siachen",
	 "Siachen Glacier", "", "disputed"},
	{"Dhekelia", NULL, "", "", "Dhekelia", "Dhekelia", "GBR", "dependency"},
	{"Akrotiri", NULL, "", "", "Akrotiri", "Akrotiri", "GBR", "dependency"},
	{"USNB Guantanamo Bay", NULL, "", "", "Base navale de Guantánamo",
	 "Guantanamo Bay Naval Base", "CUB", "other"},
	{"Baikonur", NULL, "", "", "Baïkonour", "Baikonur", "KAZ", "other"},
	{"Spratly Is.", NULL, "", "", "Îles Spratleys", "Spratly Islands", "",
	 "disputed"},
	{"Scarborough Reef", NULL, "", "", "Récif de Scarborough",
	 "Scarborough Shoal", "", "disputed"},
	{"Bajo Nuevo Bank", NULL, "", "", "Banc de Bajo Nuevo",
	 "Bajo Nuevo Bank", "", "disputed"},
	{"Serranilla Bank", NULL, "", "", "Banc de Serranilla",
	 "Serranilla Bank", "", "disputed"},
};

typedef struct {
	const char *iso_a3;
	double min_x, max_x, min_y, max_y;
} Box;

typedef struct {
	const char *from;
	Box to;
} SplitRule;

/* Parts of a unit whose envelope lies inside a box move to the unit named
 * by the box: a new one, or an existing one they are then dissolved into.
 * Natural Earth draws France as one feature with its overseas regions and
 * the Australian Indian Ocean Territories as one feature; and its de facto
 * view draws Crimea in Russia, while France, the EU and the UN General
 * Assembly (resolution 68/262) hold it to be part of Ukraine. */
static const SplitRule SPLITS[] = {
	{"FRA", {"GLP", -62.0, -60.9, 15.7, 16.7}},
	{"FRA", {"MTQ", -61.4, -60.7, 14.3, 15.0}},
	{"FRA", {"GUF", -55.0, -51.0, 1.8, 6.0}},
	{"FRA", {"REU", 55.0, 56.0, -21.6, -20.6}},
	{"FRA", {"MYT", 44.8, 45.5, -13.2, -12.4}},
	{"CXR", {"CCK", 96.0, 97.5, -12.6, -11.6}},
	{"RUS", {"UKR", 32.0, 36.8, 44.2, 46.3}},
};

/* What must be left after the splits: metropolitan France only, Christmas
 * Island only, Ukraine with Crimea.  A new source release that breaks this
 * stops the build. */
static const Box EXPECTED_ENVELOPES[] = {
	{"FRA", -5.5, 9.8, 41.2, 51.2},
	{"CXR", 105.4, 105.9, -10.7, -10.3},
	{"UKR", 22.0, 40.3, 44.2, 52.5},
};

/* French overseas units (kind "overseas", sovereign FRA). */
static const char *const FRENCH_OVERSEAS[] = {
	"ATF", "BLM", "CPT", "GLP", "GUF", "MAF", "MTQ",
	"MYT", "NCL", "PYF", "REU", "SPM", "WLF",
};

typedef struct {
	const char *iso_a3;
	const char *sovereign;
} Dependency;

/* Other dependent territories present in Natural Earth, with the state
 * Natural Earth gives as their sovereign. */
static const Dependency DEPENDENCIES[] = {
	{"ABW", "NLD"}, {"AIA", "GBR"}, {"ALA", "FIN"}, {"ASM", "USA"},
	{"BES", "NLD"}, {"BMU", "GBR"}, {"BVT", "NOR"}, {"CCK", "AUS"},
	{"COK", "NZL"}, {"CUW", "NLD"}, {"CXR", "AUS"}, {"CYM", "GBR"},
	{"FLK", "GBR"}, {"FRO", "DNK"}, {"GGY", "GBR"}, {"GIB", "GBR"},
	{"GRL", "DNK"}, {"GUM", "USA"}, {"HKG", "CHN"}, {"HMD", "AUS"},
	{"IMN", "GBR"}, {"IOT", "GBR"}, {"JEY", "GBR"}, {"MAC", "CHN"},
	{"MNP", "USA"}, {"MSR", "GBR"}, {"NFK", "AUS"}, {"NIU", "NZL"},
	{"PCN", "GBR"}, {"PRI", "USA"}, {"SGS", "GBR"}, {"SHN", "GBR"},
	{"SJM", "NOR"}, {"SXM", "NLD"}, {"TCA", "GBR"}, {"TKL", "NZL"},
	{"UMI", "USA"}, {"VGB", "GBR"}, {"VIR", "USA"},
};

typedef struct {
	const char *iso_a3;
	const char *kind;
	const char *sovereign;
} StatusRule;

/* Coded units that are neither states nor dependencies. */
static const StatusRule OTHER_STATUS[] = {
	{"ATA", "other", ""},
	{"ESH", "disputed", ""},
	{"TWN", "disputed", ""},
};

typedef struct {
	const char *iso_a3;
	const char *name;
} NameRule;

/* i18n-iso-countries' English names are often the ISO list form
 * ("Moldova, Republic of") or official long forms; a map wants the usual
 * English short form. */
static const NameRule EN_SHORT_NAMES[] = {
	{"BRN", "Brunei"},
	{"CHN", "China"},
	{"CIV", "Côte d'Ivoire"},
	{"COG", "Congo"},
	{"CZE", "Czechia"},
	{"FLK", "Falkland Islands"},
	{"FSM", "Micronesia"},
	{"GMB", "Gambia"},
	{"IRN", "Iran"},
	{"LAO", "Laos"},
	{"MAF", "Saint Martin"},
	{"MDA", "Moldova"},
	{"MKD", "North Macedonia"},
	{"PCN", "Pitcairn Islands"},
	{"PSE", "Palestine"},
	{"REU", "Réunion"},
	{"RUS", "Russia"},
	{"SXM", "Sint Maarten"},
	{"SYR", "Syria"},
	{"TWN", "Taiwan"},
	{"TZA", "Tanzania"},
	{"USA", "United States"},
	{"VAT", "Vatican City"},
	{"VGB", "British Virgin Islands"},
	{"VIR", "U.S. Virgin Islands"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* Data                                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
	char iso_a3[4];
	char iso_a2[3];
	char iso_n3[4];
	char name_fr[NAME_BYTES + 1];
	char name_en[NAME_BYTES + 1];
	char sovereign[4];
	char kind[11];
	char ne_name[NAME_BYTES + 1];
	OGRGeometryH geom; /* wkbMultiPolygon */
	int dissolve;      /* received parts that share borders with it */
	double label_x;
	double label_y;
} Unit;

typedef struct {
	Unit *v;
	size_t n;
	size_t cap;
} UnitList;

typedef struct {
	char iso_a3[4];
	char name_fr[NAME_BYTES + 1];
} Override;

typedef struct {
	json_t *codes; /* [[a2, a3, n3, ...], ...] */
	json_t *fr;    /* {"A2": name | [names]} */
	json_t *en;
	json_t *fr_root;
	json_t *en_root;
	Override *ov;
	size_t n_ov;
} Names;

typedef struct {
	const char *topojson;
	const char *codes;
	const char *fr;
	const char *en;
	const char *overrides;
	const char *out;
} Options;

typedef struct {
	double *x;
	double *y;
	int n;
} Ring;

typedef struct {
	size_t polygons;
	size_t rings;
	size_t vertices;
	size_t repaired;
} Stats;

static GEOSContextHandle_t geos;

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

/* Copies s into a fixed field, refusing to truncate: a silently cut name
 * or code would end up in the committed data. */
static void copy_field(char *dst, size_t size, const char *s, const char *what)
{
	size_t len = strlen(s);

	if (len >= size)
		die("%s too long (%zu bytes, max %zu): %s", what, len, size - 1,
		    s);
	memcpy(dst, s, len + 1);
}

static int str_in(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static void geos_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("GEOS: ", fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Command line                                                         */
/* ------------------------------------------------------------------ */

static void parse_args(int argc, char **argv, Options *o)
{
	const ToolOption opts[] = {
		{"--topojson", &o->topojson},
		{"--codes", &o->codes},
		{"--fr", &o->fr},
		{"--en", &o->en},
		{"--overrides", &o->overrides},
		{"--out", &o->out},
	};

	parse_options(argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
		      "usage: build_geodata --topojson FILE --codes codes.json "
		      "--fr fr.json --en en.json "
		      "--overrides names-fr-overrides.csv --out BASENAME");
}

/* ------------------------------------------------------------------ */
/* Names: i18n-iso-countries and the French overrides                   */
/* ------------------------------------------------------------------ */

static json_t *load_json(const char *path)
{
	json_error_t err;
	json_t *j = json_load_file(path, 0, &err);

	if (!j)
		die("%s:%d: %s", path, err.line, err.text);
	return j;
}

static json_t *load_countries(const char *path, json_t **root)
{
	json_t *c;

	*root = load_json(path);
	c = json_object_get(*root, "countries");
	if (!json_is_object(c))
		die("%s: no \"countries\" object", path);
	return c;
}

/* Splits one CSV line in place into at most max fields; handles quoted
 * fields with "" escapes so that names may hold commas. */
static int split_csv(char *line, char **fields, int max)
{
	int n = 0;
	char *r = line;

	while (n < max) {
		char *w = r;

		fields[n++] = w;
		if (*r == '"') {
			r++;
			while (*r && !(*r == '"' && r[1] != '"')) {
				if (*r == '"')
					r++;
				*w++ = *r++;
			}
			if (*r == '"')
				r++;
		} else {
			while (*r && *r != ',')
				*w++ = *r++;
		}
		if (*r != ',') {
			*w = '\0';
			break;
		}
		r++;
		*w = '\0';
	}
	return n;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

static void add_override(Names *nm, char **f, const char *path, int lineno)
{
	if (strlen(f[0]) != 3 || !f[1][0])
		die("%s:%d: bad override line", path, lineno);
	for (size_t i = 0; i < nm->n_ov; i++)
		if (strcmp(nm->ov[i].iso_a3, f[0]) == 0)
			die("%s:%d: duplicate override for %s", path, lineno,
			    f[0]);
	nm->ov = xrealloc(nm->ov, (nm->n_ov + 1) * sizeof(*nm->ov));
	copy_field(nm->ov[nm->n_ov].iso_a3, 4, f[0], "iso_a3");
	copy_field(nm->ov[nm->n_ov].name_fr, NAME_BYTES + 1, f[1], "name_fr");
	nm->n_ov++;
}

static void load_overrides(Names *nm, const char *path)
{
	char line[LINE_MAX_BYTES];
	char *f[3];
	int lineno = 0;
	FILE *fp = fopen(path, "r");

	if (!fp)
		die("%s: cannot open", path);
	while (fgets(line, sizeof(line), fp)) {
		lineno++;
		chomp(line);
		if (!line[0])
			continue;
		if (split_csv(line, f, 3) != 3)
			die("%s:%d: expected 3 columns", path, lineno);
		if (lineno == 1) {
			if (strcmp(f[0], "iso_a3") || strcmp(f[1], "name_fr") ||
			    strcmp(f[2], "basis"))
				die("%s: header must be iso_a3,name_fr,basis",
				    path);
			continue;
		}
		add_override(nm, f, path, lineno);
	}
	fclose(fp);
}

static void load_names(Names *nm, const Options *o)
{
	memset(nm, 0, sizeof(*nm));
	nm->codes = load_json(o->codes);
	if (!json_is_array(nm->codes))
		die("%s: not an array", o->codes);
	nm->fr = load_countries(o->fr, &nm->fr_root);
	nm->en = load_countries(o->en, &nm->en_root);
	load_overrides(nm, o->overrides);
}

static void free_names(Names *nm)
{
	json_decref(nm->codes);
	json_decref(nm->fr_root);
	json_decref(nm->en_root);
	free(nm->ov);
}

static const char *code_col(json_t *row, size_t col)
{
	const char *s = json_string_value(json_array_get(row, col));

	return s ? s : "";
}

/* Finds the codes.json row whose column col equals value. */
static json_t *find_code(const Names *nm, size_t col, const char *value)
{
	size_t i;
	json_t *row;

	json_array_foreach(nm->codes, i, row)
		if (strcmp(code_col(row, col), value) == 0)
			return row;
	return NULL;
}

/* i18n-iso-countries gives a name or a list of names; the first one is the
 * library's "official" choice. */
static const char *i18n_name(json_t *countries, const char *iso_a2)
{
	json_t *v = json_object_get(countries, iso_a2);

	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_string_value(v);
}

static const char *override_fr(const Names *nm, const char *iso_a3)
{
	for (size_t i = 0; i < nm->n_ov; i++)
		if (strcmp(nm->ov[i].iso_a3, iso_a3) == 0)
			return nm->ov[i].name_fr;
	return NULL;
}

static const char *en_short(const char *iso_a3)
{
	for (size_t i = 0; i < COUNT(EN_SHORT_NAMES); i++)
		if (strcmp(EN_SHORT_NAMES[i].iso_a3, iso_a3) == 0)
			return EN_SHORT_NAMES[i].name;
	return NULL;
}

/* Fills codes and names of a unit from its iso_a3 through
 * i18n-iso-countries, then applies the French overrides. */
static void name_from_iso(Unit *u, const Names *nm)
{
	json_t *row = find_code(nm, 1, u->iso_a3);
	const char *fr, *en;

	if (!row)
		die("%s: not in codes.json", u->iso_a3);
	copy_field(u->iso_a2, sizeof(u->iso_a2), code_col(row, 0), "iso_a2");
	copy_field(u->iso_n3, sizeof(u->iso_n3), code_col(row, 2), "iso_n3");
	fr = override_fr(nm, u->iso_a3);
	if (!fr)
		fr = i18n_name(nm->fr, u->iso_a2);
	en = en_short(u->iso_a3);
	if (!en)
		en = i18n_name(nm->en, u->iso_a2);
	if (!fr || !en)
		die("%s: no French or English name", u->iso_a3);
	copy_field(u->name_fr, sizeof(u->name_fr), fr, "name_fr");
	copy_field(u->name_en, sizeof(u->name_en), en, "name_en");
}

/* ------------------------------------------------------------------ */
/* Units                                                                */
/* ------------------------------------------------------------------ */

static Unit *find_unit(UnitList *l, const char *iso_a3)
{
	if (!iso_a3[0])
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].iso_a3, iso_a3) == 0)
			return &l->v[i];
	return NULL;
}

static Unit *new_unit(UnitList *l)
{
	Unit *u;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	u = &l->v[l->n++];
	memset(u, 0, sizeof(*u));
	u->geom = OGR_G_CreateGeometry(wkbMultiPolygon);
	return u;
}

static void add_polygon(OGRGeometryH mp, OGRGeometryH poly)
{
	if (OGR_G_AddGeometry(mp, poly) != OGRERR_NONE)
		die("cannot add a polygon to a multipolygon");
}

/* Appends every polygon of src (a multipolygon) to dst. */
static void append_polygons(OGRGeometryH dst, OGRGeometryH src)
{
	int n = OGR_G_GetGeometryCount(src);

	for (int i = 0; i < n; i++)
		add_polygon(dst, OGR_G_GetGeometryRef(src, i));
}

static const NoIdRule *no_id_rule(const char *ne_name)
{
	for (size_t i = 0; i < COUNT(NO_ID_RULES); i++)
		if (strcmp(NO_ID_RULES[i].ne_name, ne_name) == 0)
			return &NO_ID_RULES[i];
	return NULL;
}

/* Starts a unit for a feature without ISO numeric id. */
static Unit *unit_from_rule(UnitList *l, const NoIdRule *r,
			    const Names *nm)
{
	Unit *u = new_unit(l);

	copy_field(u->iso_a3, sizeof(u->iso_a3), r->iso_a3, "iso_a3");
	if (r->name_fr) {
		copy_field(u->iso_a2, sizeof(u->iso_a2), r->iso_a2, "iso_a2");
		copy_field(u->name_fr, sizeof(u->name_fr), r->name_fr,
			   "name_fr");
		copy_field(u->name_en, sizeof(u->name_en), r->name_en,
			   "name_en");
	} else {
		name_from_iso(u, nm);
	}
	if (r->kind) {
		copy_field(u->kind, sizeof(u->kind), r->kind, "kind");
		copy_field(u->sovereign, sizeof(u->sovereign), r->sovereign,
			   "sovereign");
	}
	return u;
}

/* Finds or starts the unit a source feature belongs to. */
static Unit *unit_for_feature(UnitList *l, const char *id,
			      const char *ne_name, const Names *nm)
{
	const NoIdRule *r;
	json_t *row;
	Unit *u;

	if (!id[0]) {
		r = no_id_rule(ne_name);
		if (!r)
			die("feature \"%s\" has no id and no rule", ne_name);
		return unit_from_rule(l, r, nm);
	}
	row = find_code(nm, 2, id);
	if (!row)
		die("feature \"%s\": id %s not in codes.json", ne_name, id);
	/* Features sharing an id (Australia and Ashmore and Cartier
	 * Islands, both 036) make one unit. */
	u = find_unit(l, code_col(row, 1));
	if (u)
		return u;
	u = new_unit(l);
	copy_field(u->iso_a3, sizeof(u->iso_a3), code_col(row, 1), "iso_a3");
	name_from_iso(u, nm);
	return u;
}

static const char *field_string(OGRFeatureH f, const char *name)
{
	int i = OGR_F_GetFieldIndex(f, name);

	if (i < 0 || !OGR_F_IsFieldSetAndNotNull(f, i))
		return "";
	return OGR_F_GetFieldAsString(f, i);
}

/* A merge (Coral Sea Islands into Australia) may come before its target
 * unit exists, so merges are applied in a second pass. */
typedef struct {
	const char *into;
	OGRGeometryH geom;
} Pending;

static OGRGeometryH feature_multipolygon(OGRFeatureH f, const char *ne_name)
{
	OGRGeometryH g = OGR_F_GetGeometryRef(f);

	if (!g)
		return OGR_G_CreateGeometry(wkbMultiPolygon);
	g = OGR_G_ForceToMultiPolygon(OGR_G_Clone(g));
	if (wkbFlatten(OGR_G_GetGeometryType(g)) != wkbMultiPolygon)
		die("feature \"%s\" is not polygonal", ne_name);
	return g;
}

static void read_feature(OGRFeatureH f, UnitList *l, const Names *nm,
			 Pending *pending, size_t *n_pending)
{
	char id[8];
	char ne_name[NAME_BYTES + 1];
	const NoIdRule *r;
	OGRGeometryH g;
	Unit *u;

	copy_field(id, sizeof(id), field_string(f, "id"), "id");
	copy_field(ne_name, sizeof(ne_name), field_string(f, "name"), "name");
	g = feature_multipolygon(f, ne_name);
	if (OGR_G_IsEmpty(g)) {
		/* The 10m quantization collapses the Vatican to nothing. */
		fprintf(stderr, "build_geodata: note: \"%s\" has no geometry "
			"in this source; left out\n", ne_name);
		OGR_G_DestroyGeometry(g);
		return;
	}
	r = id[0] ? NULL : no_id_rule(ne_name);
	if (r && r->merge_into) {
		pending[*n_pending].into = r->merge_into;
		pending[(*n_pending)++].geom = g;
		return;
	}
	u = unit_for_feature(l, id, ne_name, nm);
	if (!u->ne_name[0])
		copy_field(u->ne_name, sizeof(u->ne_name), ne_name, "name");
	append_polygons(u->geom, g);
	OGR_G_DestroyGeometry(g);
}

static void read_units(const char *path, UnitList *l, const Names *nm)
{
	const char *const drivers[] = {"TopoJSON", NULL};
	GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY,
				     drivers, NULL, NULL);
	OGRLayerH layer;
	OGRFeatureH f;
	Pending *pending;
	size_t n_pending = 0;

	if (!ds)
		die("%s: cannot open as TopoJSON", path);
	layer = GDALDatasetGetLayerByName(ds, "countries");
	if (!layer)
		die("%s: no layer \"countries\"", path);
	pending = xcalloc((size_t)OGR_L_GetFeatureCount(layer, TRUE) + 1,
			  sizeof(*pending));
	OGR_L_ResetReading(layer);
	while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
		read_feature(f, l, nm, pending, &n_pending);
		OGR_F_Destroy(f);
	}
	for (size_t i = 0; i < n_pending; i++) {
		Unit *u = find_unit(l, pending[i].into);

		if (!u)
			die("merge target %s missing", pending[i].into);
		append_polygons(u->geom, pending[i].geom);
		OGR_G_DestroyGeometry(pending[i].geom);
	}
	free(pending);
	GDALClose(ds);
}

/* ------------------------------------------------------------------ */
/* Splits and moves of parts between units                              */
/* ------------------------------------------------------------------ */

static int envelope_inside(const OGREnvelope *e, const Box *b)
{
	return e->MinX >= b->min_x && e->MaxX <= b->max_x &&
	       e->MinY >= b->min_y && e->MaxY <= b->max_y;
}

/* The unit a split rule moves parts to: the existing one (whose borders
 * with the moved parts must then be dissolved) or a new one. */
static Unit *split_target(UnitList *l, const SplitRule *r, const Names *nm)
{
	Unit *dst = find_unit(l, r->to.iso_a3);

	if (dst) {
		dst->dissolve = 1;
		return dst;
	}
	dst = new_unit(l);
	copy_field(dst->iso_a3, sizeof(dst->iso_a3), r->to.iso_a3, "iso_a3");
	name_from_iso(dst, nm);
	copy_field(dst->ne_name, sizeof(dst->ne_name),
		   find_unit(l, r->from)->ne_name, "name");
	return dst;
}

/* Moves from src to the target every polygon inside the rule's box. */
static void split_unit(UnitList *l, const SplitRule *r, const Names *nm)
{
	OGRGeometryH keep = OGR_G_CreateGeometry(wkbMultiPolygon);
	Unit *src, *dst;
	int n, moved = 0;

	if (!find_unit(l, r->from))
		die("split source %s missing", r->from);
	dst = split_target(l, r, nm);
	src = find_unit(l, r->from); /* new_unit may have moved the array */
	n = OGR_G_GetGeometryCount(src->geom);
	for (int i = 0; i < n; i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(src->geom, i);
		OGREnvelope e;
		int in;

		OGR_G_GetEnvelope(p, &e);
		in = envelope_inside(&e, &r->to);
		add_polygon(in ? dst->geom : keep, p);
		moved += in;
	}
	if (!moved)
		die("split %s -> %s: no part inside the box", r->from,
		    r->to.iso_a3);
	OGR_G_DestroyGeometry(src->geom);
	src->geom = keep;
}

static void check_envelope(UnitList *l, const Box *b)
{
	Unit *u = find_unit(l, b->iso_a3);
	OGREnvelope e;

	if (!u)
		die("%s missing", b->iso_a3);
	OGR_G_GetEnvelope(u->geom, &e);
	if (!envelope_inside(&e, b))
		die("%s: envelope %.2f..%.2f, %.2f..%.2f is not the expected "
		    "one", b->iso_a3, e.MinX, e.MaxX, e.MinY, e.MaxY);
}

static void split_units(UnitList *l, const Names *nm)
{
	for (size_t i = 0; i < COUNT(SPLITS); i++)
		split_unit(l, &SPLITS[i], nm);
	for (size_t i = 0; i < COUNT(EXPECTED_ENVELOPES); i++)
		check_envelope(l, &EXPECTED_ENVELOPES[i]);
}

/* ------------------------------------------------------------------ */
/* Status: kind and sovereign                                           */
/* ------------------------------------------------------------------ */

static void set_status(Unit *u, const char *kind, const char *sovereign)
{
	copy_field(u->kind, sizeof(u->kind), kind, "kind");
	copy_field(u->sovereign, sizeof(u->sovereign), sovereign,
		   "sovereign");
}

static void classify(Unit *u)
{
	if (u->kind[0])
		return; /* set by a NO_ID_RULES entry */
	if (str_in(u->iso_a3, FRENCH_OVERSEAS, COUNT(FRENCH_OVERSEAS))) {
		set_status(u, "overseas", "FRA");
		return;
	}
	for (size_t i = 0; i < COUNT(DEPENDENCIES); i++)
		if (strcmp(DEPENDENCIES[i].iso_a3, u->iso_a3) == 0) {
			set_status(u, "dependency", DEPENDENCIES[i].sovereign);
			return;
		}
	for (size_t i = 0; i < COUNT(OTHER_STATUS); i++)
		if (strcmp(OTHER_STATUS[i].iso_a3, u->iso_a3) == 0) {
			set_status(u, OTHER_STATUS[i].kind,
				   OTHER_STATUS[i].sovereign);
			return;
		}
	set_status(u, "state", u->iso_a3);
}

/* ------------------------------------------------------------------ */
/* Antimeridian repair                                                  */
/* ------------------------------------------------------------------ */

static void free_ring(Ring *r)
{
	free(r->x);
	free(r->y);
	r->x = r->y = NULL;
	r->n = 0;
}

/* Reads a ring and unwraps its longitudes so that no segment jumps by
 * more than 180 degrees: each vertex is shifted by a whole number of
 * turns, so untouched rings keep their exact source values.  Returns the
 * number of jumps found. */
static int unwrap_ring(OGRGeometryH g, Ring *r)
{
	int n = OGR_G_GetPointCount(g);
	int jumps = 0;
	double turns = 0;

	r->n = n;
	r->x = xcalloc((size_t)n + 3, sizeof(double)); /* +3: pole closure */
	r->y = xcalloc((size_t)n + 3, sizeof(double));
	for (int i = 0; i < n; i++) {
		double x = OGR_G_GetX(g, i);

		r->y[i] = OGR_G_GetY(g, i);
		if (i > 0) {
			double d = x + 360.0 * turns - r->x[i - 1];

			if (d > 180.0 || d < -180.0) {
				jumps++;
				turns += d > 180.0 ? -1.0 : 1.0;
			}
		}
		r->x[i] = x + 360.0 * turns;
	}
	return jumps;
}

/* Shoelace area of the ring, closing it implicitly. */
static double ring_area(const Ring *r)
{
	double s = 0;

	for (int i = 0; i < r->n; i++) {
		int j = (i + 1) % r->n;

		s += r->x[i] * r->y[j] - r->x[j] * r->y[i];
	}
	return 0.5 * s;
}

static double mean_lat(const Ring *r)
{
	double s = 0;

	for (int i = 0; i < r->n; i++)
		s += r->y[i];
	return r->n ? s / r->n : 0;
}

/* A ring that ends one full turn from where it starts goes round a pole
 * (Antarctica): close it along the pole on the side it lies on. */
static void close_around_pole(Ring *r)
{
	int n = r->n;
	double pole = mean_lat(r) < 0 ? -90.0 : 90.0;

	r->x[n] = r->x[n - 1];
	r->y[n] = pole;
	r->x[n + 1] = r->x[0];
	r->y[n + 1] = pole;
	r->x[n + 2] = r->x[0];
	r->y[n + 2] = r->y[0];
	r->n = n + 3;
}

static int circles_pole(const Ring *r)
{
	return r->n > 1 && fabs(r->x[r->n - 1] - r->x[0]) > 180.0;
}

static OGRGeometryH ring_geometry(const Ring *r)
{
	OGRGeometryH g = OGR_G_CreateGeometry(wkbLinearRing);

	for (int i = 0; i < r->n; i++)
		OGR_G_AddPoint_2D(g, r->x[i], r->y[i]);
	return g;
}

/* Unwraps one ring; returns it as an OGR ring, or NULL when it has no
 * area (quantization collapses some tiny islands and the polar sliver of
 * the 50m Antarctica). */
static OGRGeometryH repair_ring(OGRGeometryH g, int *jumps)
{
	Ring r;
	OGRGeometryH out = NULL;

	*jumps += unwrap_ring(g, &r);
	if (r.n >= 4 && fabs(ring_area(&r)) >= SLIVER_AREA) {
		if (circles_pole(&r))
			close_around_pole(&r);
		out = ring_geometry(&r);
	}
	free_ring(&r);
	return out;
}

static OGRGeometryH polygon_of_ring(OGRGeometryH ring)
{
	OGRGeometryH p = OGR_G_CreateGeometry(wkbPolygon);

	OGR_G_AddGeometryDirectly(p, ring);
	return p;
}

/* Rebuilds a polygon from its repaired rings.  When the exterior ring is
 * dropped (the 50m Antarctica stores its mainland as the hole of a
 * zero-area ring), each remaining ring becomes a polygon of its own. */
static OGRGeometryH repair_polygon_rings(OGRGeometryH poly, int *jumps)
{
	OGRGeometryH out = OGR_G_CreateGeometry(wkbMultiPolygon);
	OGRGeometryH ext = NULL;
	int n = OGR_G_GetGeometryCount(poly);

	for (int i = 0; i < n; i++) {
		OGRGeometryH ring =
			repair_ring(OGR_G_GetGeometryRef(poly, i), jumps);

		if (!ring)
			continue;
		if (i == 0)
			ext = polygon_of_ring(ring);
		else if (ext)
			OGR_G_AddGeometryDirectly(ext, ring);
		else
			OGR_G_AddGeometryDirectly(out, polygon_of_ring(ring));
	}
	if (ext)
		OGR_G_AddGeometryDirectly(out, ext);
	return out;
}

/* Replaces every x of g (any geometry) by x * scale + dx. */
static void map_x(OGRGeometryH g, double scale, double dx)
{
	int n = OGR_G_GetGeometryCount(g);

	if (n > 0) {
		for (int i = 0; i < n; i++)
			map_x(OGR_G_GetGeometryRef(g, i), scale, dx);
		return;
	}
	n = OGR_G_GetPointCount(g);
	for (int i = 0; i < n; i++)
		OGR_G_SetPoint_2D(g, i, OGR_G_GetX(g, i) * scale + dx,
				  OGR_G_GetY(g, i));
}

/* Copy of a polygon without its sliver holes: MakeValid can leave
 * zero-area holes, whose winding no one can tell. */
static OGRGeometryH without_sliver_holes(OGRGeometryH poly)
{
	OGRGeometryH out = OGR_G_CreateGeometry(wkbPolygon);
	int n = OGR_G_GetGeometryCount(poly);

	for (int i = 0; i < n; i++) {
		OGRGeometryH ring = OGR_G_GetGeometryRef(poly, i);

		if (i == 0 || OGR_G_Area(ring) >= SLIVER_AREA)
			OGR_G_AddGeometry(out, ring);
	}
	return out;
}

/* Adds the polygons found in g (any geometry) to out, skipping slivers. */
static void collect_polygons(OGRGeometryH g, OGRGeometryH out)
{
	OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));

	if (t == wkbPolygon) {
		OGRGeometryH p = without_sliver_holes(g);

		if (OGR_G_Area(p) >= SLIVER_AREA)
			OGR_G_AddGeometryDirectly(out, p);
		else
			OGR_G_DestroyGeometry(p);
		return;
	}
	if (t != wkbMultiPolygon && t != wkbGeometryCollection)
		return;
	for (int i = 0; i < OGR_G_GetGeometryCount(g); i++)
		collect_polygons(OGR_G_GetGeometryRef(g, i), out);
}

static OGRGeometryH window(double min_x, double max_x)
{
	OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);

	OGR_G_AddPoint_2D(ring, min_x, -90.0);
	OGR_G_AddPoint_2D(ring, max_x, -90.0);
	OGR_G_AddPoint_2D(ring, max_x, 90.0);
	OGR_G_AddPoint_2D(ring, min_x, 90.0);
	OGR_G_AddPoint_2D(ring, min_x, -90.0);
	return polygon_of_ring(ring);
}

/* Quantization makes some 10m rings touch themselves; GDAL would print a
 * warning for each one tested, while the repair is counted instead. */
static int is_valid(OGRGeometryH g)
{
	int valid;

	CPLPushErrorHandler(CPLQuietErrorHandler);
	valid = OGR_G_IsValid(g);
	CPLPopErrorHandler();
	return valid;
}

static OGRGeometryH valid_copy(OGRGeometryH g)
{
	OGRGeometryH v;

	if (is_valid(g))
		return OGR_G_Clone(g);
	v = OGR_G_MakeValid(g);
	if (!v)
		die("MakeValid failed");
	return v;
}

/* Cuts an unwrapped polygon along the antimeridians (x = -180, 180) and
 * shifts each piece back into [-180, 180]. */
static void cut_at_antimeridian(OGRGeometryH poly, OGRGeometryH out)
{
	OGRGeometryH valid = valid_copy(poly);

	for (int k = -1; k <= 1; k++) {
		OGRGeometryH w = window(-180.0 + 360.0 * k, 180.0 + 360.0 * k);
		OGRGeometryH piece = OGR_G_Intersection(valid, w);

		if (!piece)
			die("intersection with the antimeridian window failed");
		map_x(piece, 1.0, -360.0 * k);
		collect_polygons(piece, out);
		OGR_G_DestroyGeometry(piece);
		OGR_G_DestroyGeometry(w);
	}
	OGR_G_DestroyGeometry(valid);
}

static void repair_polygon(OGRGeometryH poly, OGRGeometryH out)
{
	int jumps = 0;
	OGRGeometryH rebuilt = repair_polygon_rings(poly, &jumps);
	int n = OGR_G_GetGeometryCount(rebuilt);

	for (int i = 0; i < n; i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(rebuilt, i);

		if (jumps)
			cut_at_antimeridian(p, out);
		else
			collect_polygons(p, out);
	}
	OGR_G_DestroyGeometry(rebuilt);
}

/* Unions the unit's polygons so that borders between parts moved into it
 * disappear (Crimea and mainland Ukraine share the TopoJSON arc). */
static void dissolve_unit(Unit *u)
{
	OGRGeometryH v = OGR_G_UnionCascaded(u->geom);

	if (!v)
		die("%s: union failed", u->iso_a3);
	OGR_G_DestroyGeometry(u->geom);
	u->geom = OGR_G_CreateGeometry(wkbMultiPolygon);
	collect_polygons(v, u->geom);
	OGR_G_DestroyGeometry(v);
}

/* Repairs a unit's geometry and makes it valid, counting repairs. */
static void repair_unit(Unit *u, Stats *st)
{
	OGRGeometryH out = OGR_G_CreateGeometry(wkbMultiPolygon);
	int n = OGR_G_GetGeometryCount(u->geom);

	for (int i = 0; i < n; i++)
		repair_polygon(OGR_G_GetGeometryRef(u->geom, i), out);
	OGR_G_DestroyGeometry(u->geom);
	u->geom = out;
	if (!is_valid(out)) {
		OGRGeometryH v = valid_copy(out);

		u->geom = OGR_G_CreateGeometry(wkbMultiPolygon);
		collect_polygons(v, u->geom);
		OGR_G_DestroyGeometry(v);
		OGR_G_DestroyGeometry(out);
		st->repaired++;
	}
	if (u->dissolve)
		dissolve_unit(u);
	if (OGR_G_GetGeometryCount(u->geom) == 0)
		die("%s (%s): no polygon left", u->iso_a3, u->name_en);
}

/* ------------------------------------------------------------------ */
/* Checks                                                               */
/* ------------------------------------------------------------------ */

static int segment_ok(double xa, double ya, double xb, double yb)
{
	if (fabs(xb - xa) <= 180.0)
		return 1;
	return fabs(ya) >= POLE_LAT && fabs(yb) >= POLE_LAT;
}

static void check_ring(const Unit *u, OGRGeometryH ring)
{
	int n = OGR_G_GetPointCount(ring);

	for (int i = 0; i < n; i++) {
		double x = OGR_G_GetX(ring, i), y = OGR_G_GetY(ring, i);

		if (x < -180.0 || x > 180.0 || y < -90.0 || y > 90.0)
			die("%s (%s): vertex %.6f %.6f out of range",
			    u->iso_a3, u->name_en, x, y);
		if (i > 0 && !segment_ok(OGR_G_GetX(ring, i - 1),
					 OGR_G_GetY(ring, i - 1), x, y))
			die("%s (%s): segment jumps across the antimeridian "
			    "at %.6f %.6f", u->iso_a3, u->name_en, x, y);
	}
}

static void check_unit(const Unit *u, Stats *st)
{
	int np = OGR_G_GetGeometryCount(u->geom);

	for (int i = 0; i < np; i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(u->geom, i);
		int nr = OGR_G_GetGeometryCount(p);

		for (int j = 0; j < nr; j++) {
			OGRGeometryH ring = OGR_G_GetGeometryRef(p, j);

			check_ring(u, ring);
			st->vertices += (size_t)OGR_G_GetPointCount(ring);
		}
		st->rings += (size_t)nr;
	}
	st->polygons += (size_t)np;
	if (!u->name_fr[0] || !u->name_en[0] || !u->kind[0])
		die("%s (%s): incomplete attributes", u->iso_a3, u->ne_name);
}

/* ------------------------------------------------------------------ */
/* Label points                                                         */
/* ------------------------------------------------------------------ */

static double mid_lat(OGRGeometryH g)
{
	OGREnvelope e;

	OGR_G_GetEnvelope(g, &e);
	return 0.5 * (e.MinY + e.MaxY);
}

/* Largest polygon by area on the ground (deg^2 times cos(latitude)). */
static OGRGeometryH largest_polygon(OGRGeometryH mp)
{
	OGRGeometryH best = NULL;
	double best_area = -1;

	for (int i = 0; i < OGR_G_GetGeometryCount(mp); i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(mp, i);
		double a = OGR_G_Area(p) * cos(mid_lat(p) * DEG_TO_RAD);

		if (a > best_area) {
			best_area = a;
			best = p;
		}
	}
	return best;
}

static GEOSGeometry *to_geos(OGRGeometryH g)
{
	size_t size = (size_t)OGR_G_WkbSize(g);
	unsigned char *buf = xcalloc(size, 1);
	GEOSWKBReader *rd = GEOSWKBReader_create_r(geos);
	GEOSGeometry *out;

	if (OGR_G_ExportToWkb(g, wkbNDR, buf) != OGRERR_NONE)
		die("WKB export failed");
	out = GEOSWKBReader_read_r(geos, rd, buf, size);
	GEOSWKBReader_destroy_r(geos, rd);
	free(buf);
	if (!out)
		die("WKB import into GEOS failed");
	return out;
}

/* Centre of the maximum inscribed circle, computed with x scaled by
 * cos(latitude) so that the circle is round on the ground rather than in
 * degrees (which would push labels poleward). */
static int inscribed_centre(OGRGeometryH poly, double *x, double *y)
{
	double c = cos(mid_lat(poly) * DEG_TO_RAD);
	OGRGeometryH scaled = OGR_G_Clone(poly);
	OGREnvelope e;
	GEOSGeometry *g, *mic;
	const GEOSCoordSequence *seq;
	int ok = 0;

	map_x(scaled, c, 0.0);
	OGR_G_GetEnvelope(scaled, &e);
	g = to_geos(scaled);
	mic = GEOSMaximumInscribedCircle_r(
		geos, g, fmax(e.MaxX - e.MinX, e.MaxY - e.MinY) / 1000.0);
	seq = mic ? GEOSGeom_getCoordSeq_r(geos, mic) : NULL;
	if (seq && GEOSCoordSeq_getXY_r(geos, seq, 0, x, y)) {
		*x /= c;
		ok = 1;
	}
	if (mic)
		GEOSGeom_destroy_r(geos, mic);
	GEOSGeom_destroy_r(geos, g);
	OGR_G_DestroyGeometry(scaled);
	return ok;
}

static int point_inside(OGRGeometryH poly, double x, double y)
{
	OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
	int inside;

	OGR_G_SetPoint_2D(pt, 0, x, y);
	inside = OGR_G_Contains(poly, pt);
	OGR_G_DestroyGeometry(pt);
	return inside;
}

/* The DBF stores 6 decimals: round first so that the stored point is the
 * one checked. */
static double round6(double v)
{
	return round(v * 1e6) / 1e6;
}

static void label_unit(Unit *u)
{
	OGRGeometryH p = largest_polygon(u->geom);
	double x = 0, y = 0;

	if (inscribed_centre(p, &x, &y) &&
	    point_inside(p, round6(x), round6(y))) {
		u->label_x = round6(x);
		u->label_y = round6(y);
		return;
	}
	{
		OGRGeometryH s = OGR_G_PointOnSurface(p);

		if (!s)
			die("%s: no label point", u->iso_a3);
		u->label_x = round6(OGR_G_GetX(s, 0));
		u->label_y = round6(OGR_G_GetY(s, 0));
		OGR_G_DestroyGeometry(s);
	}
	if (!point_inside(p, u->label_x, u->label_y))
		die("%s (%s): label point outside its polygon", u->iso_a3,
		    u->name_en);
}

/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

/* Coded units first, by iso_a3; the others by English name. */
static int unit_cmp(const void *a, const void *b)
{
	const Unit *u = a, *v = b;
	int c;

	if (!u->iso_a3[0] != !v->iso_a3[0])
		return u->iso_a3[0] ? -1 : 1;
	c = strcmp(u->iso_a3, v->iso_a3);
	return c ? c : strcmp(u->name_en, v->name_en);
}

static void check_unique(const UnitList *l)
{
	for (size_t i = 1; i < l->n; i++)
		if (unit_cmp(&l->v[i - 1], &l->v[i]) == 0)
			die("two features sort the same: %s %s",
			    l->v[i].iso_a3, l->v[i].name_en);
}

static void write_text(const char *base, const char *ext, const char *text)
{
	char path[LINE_MAX_BYTES];
	FILE *fp;

	snprintf(path, sizeof(path), "%s.%s", base, ext);
	fp = fopen(path, "wb");
	if (!fp || fputs(text, fp) == EOF || fclose(fp) != 0)
		die("%s: cannot write", path);
}

enum { F_A3, F_A2, F_N3, F_FR, F_EN, F_SOV, F_KIND, F_LX, F_LY };

static DBFHandle create_dbf(const char *base)
{
	DBFHandle h = DBFCreateEx(base, "UTF-8");

	if (!h)
		die("%s.dbf: cannot create", base);
	DBFSetLastModifiedDate(h, DBF_YEAR_SINCE_1900, DBF_MONTH, DBF_DAY);
	if (DBFAddField(h, "iso_a3", FTString, 3, 0) != F_A3 ||
	    DBFAddField(h, "iso_a2", FTString, 2, 0) != F_A2 ||
	    DBFAddField(h, "iso_n3", FTString, 3, 0) != F_N3 ||
	    DBFAddField(h, "name_fr", FTString, NAME_BYTES, 0) != F_FR ||
	    DBFAddField(h, "name_en", FTString, NAME_BYTES, 0) != F_EN ||
	    DBFAddField(h, "sovereign", FTString, 3, 0) != F_SOV ||
	    DBFAddField(h, "kind", FTString, 10, 0) != F_KIND ||
	    DBFAddField(h, "label_x", FTDouble, 11, 6) != F_LX ||
	    DBFAddField(h, "label_y", FTDouble, 11, 6) != F_LY)
		die("%s.dbf: cannot add fields", base);
	return h;
}

static int write_str(DBFHandle h, int rec, int field, const char *s)
{
	return DBFWriteStringAttribute(h, rec, field, s);
}

static void write_record(DBFHandle h, int rec, const Unit *u)
{
	if (!write_str(h, rec, F_A3, u->iso_a3) ||
	    !write_str(h, rec, F_A2, u->iso_a2) ||
	    !write_str(h, rec, F_N3, u->iso_n3) ||
	    !write_str(h, rec, F_FR, u->name_fr) ||
	    !write_str(h, rec, F_EN, u->name_en) ||
	    !write_str(h, rec, F_SOV, u->sovereign) ||
	    !write_str(h, rec, F_KIND, u->kind) ||
	    !DBFWriteDoubleAttribute(h, rec, F_LX, u->label_x) ||
	    !DBFWriteDoubleAttribute(h, rec, F_LY, u->label_y))
		die("cannot write the attributes of %s (%s)", u->iso_a3,
		    u->name_en);
}

typedef struct {
	int *starts;
	double *x;
	double *y;
	int parts;
	int vertices;
} ShapeBuf;

static void buf_ring(ShapeBuf *b, OGRGeometryH ring)
{
	int n = OGR_G_GetPointCount(ring);

	b->starts[b->parts++] = b->vertices;
	for (int i = 0; i < n; i++) {
		b->x[b->vertices] = OGR_G_GetX(ring, i);
		b->y[b->vertices++] = OGR_G_GetY(ring, i);
	}
}

static void count_shape(OGRGeometryH mp, int *parts, int *vertices)
{
	*parts = *vertices = 0;
	for (int i = 0; i < OGR_G_GetGeometryCount(mp); i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(mp, i);

		for (int j = 0; j < OGR_G_GetGeometryCount(p); j++) {
			(*parts)++;
			*vertices += OGR_G_GetPointCount(
				OGR_G_GetGeometryRef(p, j));
		}
	}
}

/* Signed area of part k of a shape: shapefile outer rings are clockwise
 * (negative), holes counter-clockwise. */
static double part_area(const SHPObject *o, int k)
{
	int a = o->panPartStart[k];
	int b = k + 1 < o->nParts ? o->panPartStart[k + 1] : o->nVertices;
	double s = 0;

	for (int i = a; i + 1 < b; i++)
		s += o->padfX[i] * o->padfY[i + 1] -
		     o->padfX[i + 1] * o->padfY[i];
	return 0.5 * s;
}

/* SHPRewindObject decides outer/inner by point-in-ring tests; compare
 * with what OGR knows (ring 0 of each polygon is the outer one) so that a
 * misjudged ring cannot reach the committed data unnoticed. */
static void check_winding(const SHPObject *o, OGRGeometryH mp,
			  const Unit *u)
{
	int k = 0;

	for (int i = 0; i < OGR_G_GetGeometryCount(mp); i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(mp, i);

		for (int j = 0; j < OGR_G_GetGeometryCount(p); j++, k++)
			if ((part_area(o, k) < 0) != (j == 0))
				die("%s (%s): ring %d wound the wrong way "
				    "after SHPRewindObject", u->iso_a3,
				    u->name_en, k);
	}
}

static void write_shape(SHPHandle h, const Unit *u)
{
	ShapeBuf b;
	int parts, vertices;
	SHPObject *o;

	count_shape(u->geom, &parts, &vertices);
	b.starts = xcalloc((size_t)parts, sizeof(int));
	b.x = xcalloc((size_t)vertices, sizeof(double));
	b.y = xcalloc((size_t)vertices, sizeof(double));
	b.parts = b.vertices = 0;
	for (int i = 0; i < OGR_G_GetGeometryCount(u->geom); i++) {
		OGRGeometryH p = OGR_G_GetGeometryRef(u->geom, i);

		for (int j = 0; j < OGR_G_GetGeometryCount(p); j++)
			buf_ring(&b, OGR_G_GetGeometryRef(p, j));
	}
	o = SHPCreateObject(SHPT_POLYGON, -1, parts, b.starts, NULL, vertices,
			    b.x, b.y, NULL, NULL);
	SHPRewindObject(h, o);
	check_winding(o, u->geom, u);
	if (SHPWriteObject(h, -1, o) < 0)
		die("cannot write the shape of %s (%s)", u->iso_a3, u->name_en);
	SHPDestroyObject(o);
	free(b.starts);
	free(b.x);
	free(b.y);
}

static void write_output(const char *base, const UnitList *l)
{
	SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
	DBFHandle dbf;

	if (!shp)
		die("%s.shp: cannot create", base);
	dbf = create_dbf(base);
	for (size_t i = 0; i < l->n; i++) {
		write_shape(shp, &l->v[i]);
		write_record(dbf, (int)i, &l->v[i]);
	}
	SHPClose(shp);
	DBFClose(dbf);
	write_text(base, "prj", PRJ_WGS84);
	/* DBFCreateEx writes the .cpg too; writing it here pins its exact
	 * content whatever the Shapelib version does. */
	write_text(base, "cpg", "UTF-8");
}

/* ------------------------------------------------------------------ */
/* Main                                                                 */
/* ------------------------------------------------------------------ */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static void process_units(UnitList *l, Stats *st)
{
	for (size_t i = 0; i < l->n; i++) {
		classify(&l->v[i]);
		repair_unit(&l->v[i], st);
		check_unit(&l->v[i], st);
		label_unit(&l->v[i]);
	}
	qsort(l->v, l->n, sizeof(*l->v), unit_cmp);
	check_unique(l);
}

static void free_units(UnitList *l)
{
	for (size_t i = 0; i < l->n; i++)
		OGR_G_DestroyGeometry(l->v[i].geom);
	free(l->v);
}

int main(int argc, char **argv)
{
	Options o;
	Names nm;
	UnitList units = {NULL, 0, 0};
	Stats st = {0, 0, 0, 0};

	parse_args(argc, argv, &o);
	GDALAllRegister();
	geos = GEOS_init_r();
	GEOSContext_setNoticeHandler_r(geos, geos_message);
	GEOSContext_setErrorHandler_r(geos, geos_message);
	load_names(&nm, &o);
	read_units(o.topojson, &units, &nm);
	split_units(&units, &nm);
	process_units(&units, &st);
	write_output(o.out, &units);
	printf("%s: %zu features, %zu polygons, %zu rings, %zu vertices, "
	       "%zu made valid\n",
	       base_name(o.out), units.n, st.polygons, st.rings, st.vertices,
	       st.repaired);
	free_units(&units);
	free_names(&nm);
	GEOS_finish_r(geos);
	return 0;
}
