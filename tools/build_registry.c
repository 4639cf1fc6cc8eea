/*
 * build_registry.c: writes the two files that complete the country
 * registry beyond the polygons of geodata/countries-{50m,10m}, and the
 * test table of the names the registry must know:
 *
 *   country-names.csv   every French and English name i18n-iso-countries
 *                       gives an ISO 3166-1 entry (official and short
 *                       forms, inverted ISO list forms, aliases) and the
 *                       forms its list forms stand for ("Republic of
 *                       Korea" for "Korea, Republic of"), except a name
 *                       it gives two entries ("Congo");
 *   country-points.csv  every ISO 3166-1 entry with no feature in one of
 *                       the two Shapefiles, with a position (a point, no
 *                       polygon) so that coopmap still resolves, joins,
 *                       counts and marks it;
 *   a test table        every (name, code) pair of the source as it gives
 *                       it, for tests/data/iso3166-names.csv.
 *
 * Run by scripts/build-geodata.sh after both Shapefiles are built.  Not
 * for: geometries (build_geodata.c) or the hand-written aliases of
 * geodata/country-aliases.csv.
 */
#include <jansson.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tool_util.h"

const char tool_name[] = "build_registry";

typedef struct {
	const char *codes, *fr, *en, *overrides, *shp50, *shp10;
	const char *names_out, *points_out, *table_out;
} Options;

/* The entries that no Shapefile has as a feature of their own: Natural
 * Earth draws them inside their sovereign's feature.  Their point is the
 * centroid of the largest ring of that feature (at 10m) lying wholly in
 * the box: the island or archipelago itself. */
typedef struct {
	const char *iso_a2, *sovereign, *kind;
	double min_lon, min_lat, max_lon, max_lat;
	const char *what;
} BoxRule;

static const BoxRule BOX_RULES[] = {
	{"BV", "NOR", "dependency", 2.5, -55.0, 4.5, -54.0, "Bouvet Island"},
	{"SJ", "NOR", "dependency", 10.0, 74.0, 35.0, 81.0, "Spitsbergen"},
	{"TK", "NZL", "dependency", -173.0, -10.0, -171.0, -8.0,
	 "the largest atoll of Tokelau"},
	{"BQ", "NLD", "dependency", -68.5, 11.9, -62.9, 17.7, "Bonaire"},
};

/* One feature of a Shapefile's DBF, as the registry reads it. */
typedef struct {
	char iso_a3[4], iso_a2[3], iso_n3[4], sovereign[4], kind[16];
	char name_fr[128], name_en[128];
	double label_x, label_y;
	int shape;
} Feature;

typedef struct {
	Feature *f;
	size_t n;
	SHPHandle shp;
} Scale;

static void parse_args(int argc, char **argv, Options *o)
{
	const ToolOption opts[] = {
		{"--codes", &o->codes}, {"--fr", &o->fr}, {"--en", &o->en},
		{"--overrides", &o->overrides}, {"--shp50", &o->shp50},
		{"--shp10", &o->shp10}, {"--names-out", &o->names_out},
		{"--points-out", &o->points_out}, {"--table-out", &o->table_out},
	};

	parse_options(argc, argv, opts, sizeof(opts) / sizeof(opts[0]),
		      "usage: build_registry --codes codes.json --fr fr.json "
		      "--en en.json --overrides names-fr-overrides.csv "
		      "--shp50 BASENAME --shp10 BASENAME --names-out FILE "
		      "--points-out FILE --table-out FILE");
}

static json_t *load_countries(const char *path, json_t **root)
{
	json_error_t err;
	json_t *c;

	*root = json_load_file(path, 0, &err);
	if (!*root)
		die("%s:%d: %s", path, err.line, err.text);
	c = json_object_get(*root, "countries");
	if (!json_is_object(c))
		die("%s: no \"countries\" object", path);
	return c;
}

static void copy_text(char *dst, size_t size, const char *s)
{
	if (strlen(s) >= size)
		die("value too long: %s", s);
	memcpy(dst, s, strlen(s) + 1);
}

static void load_scale(Scale *s, const char *base)
{
	DBFHandle dbf = DBFOpen(base, "rb");
	const char *names[] = {"iso_a3", "iso_a2", "iso_n3", "sovereign",
		"kind", "name_fr", "name_en", "label_x", "label_y"};
	int idx[9];

	s->shp = SHPOpen(base, "rb");
	if (!dbf || !s->shp)
		die("%s: cannot open the Shapefile", base);
	for (int k = 0; k < 9; k++)
		if ((idx[k] = DBFGetFieldIndex(dbf, names[k])) < 0)
			die("%s: no field %s", base, names[k]);
	s->n = (size_t)DBFGetRecordCount(dbf);
	s->f = xcalloc(s->n, sizeof(Feature));
	for (size_t i = 0; i < s->n; i++) {
		Feature *f = &s->f[i];
		int r = (int)i;

		copy_text(f->iso_a3, 4, DBFReadStringAttribute(dbf, r, idx[0]));
		copy_text(f->iso_a2, 3, DBFReadStringAttribute(dbf, r, idx[1]));
		copy_text(f->iso_n3, 4, DBFReadStringAttribute(dbf, r, idx[2]));
		copy_text(f->sovereign, 4, DBFReadStringAttribute(dbf, r, idx[3]));
		copy_text(f->kind, 16, DBFReadStringAttribute(dbf, r, idx[4]));
		copy_text(f->name_fr, 128, DBFReadStringAttribute(dbf, r, idx[5]));
		copy_text(f->name_en, 128, DBFReadStringAttribute(dbf, r, idx[6]));
		f->label_x = DBFReadDoubleAttribute(dbf, r, idx[7]);
		f->label_y = DBFReadDoubleAttribute(dbf, r, idx[8]);
		f->shape = r;
	}
	DBFClose(dbf);
}

static const Feature *find_feature(const Scale *s, const char *key, int by_a3)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(by_a3 ? s->f[i].iso_a3 : s->f[i].iso_a2, key) == 0)
			return &s->f[i];
	return NULL;
}

/* ---- CSV --------------------------------------------------------- */

static void put_field(FILE *fp, const char *s, int last)
{
	csv_write_field(fp, s);
	fputc(last ? '\n' : ',', fp);
}

static FILE *open_out(const char *path, const char *header)
{
	FILE *fp = fopen(path, "w");

	if (!fp)
		die("%s: cannot write", path);
	fprintf(fp, "%s\n", header);
	return fp;
}

static void close_out(FILE *fp, const char *path)
{
	if (ferror(fp) || fclose(fp) != 0)
		die("%s: write error", path);
}

/* ---- names ------------------------------------------------------- */

/* The names the source gives for one code, as a JSON array. */
static json_t *names_of(json_t *countries, const char *iso_a2)
{
	json_t *v = json_object_get(countries, iso_a2);

	if (json_is_string(v)) {
		json_t *a = json_array();

		json_array_append(a, v);
		return a;
	}
	if (!json_is_array(v) || json_array_size(v) == 0)
		die("no name for %s", iso_a2);
	return json_incref(v);
}

/* One name of the names file: the source's, or a form derived from it. */
typedef struct {
	const char *iso_a3, *lang, *form;
	char *name;
} NameRow;

typedef struct {
	NameRow *rows;
	size_t n;
} NameList;

static void add_name(NameList *l, const char *a3, const char *lang,
	const char *name, const char *form)
{
	l->rows = xrealloc(l->rows, (l->n + 1) * sizeof(NameRow));
	l->rows[l->n].iso_a3 = a3;
	l->rows[l->n].lang = lang;
	l->rows[l->n].form = form;
	l->rows[l->n].name = xstrdup(name);
	l->n++;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* "Republic of", "Kingdom of the", "République de": a qualifier that
 * reads before the name; after a comma, one word too ("British"). */
static int reads_before(const char *q, int after_comma)
{
	static const char *const tails[] = { " of", " of the", " de", " du",
		" des", " d'" };

	if (after_comma && strchr(q, ' ') == NULL)
		return 1;
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if (ends_with(q, tails[i]))
			return 1;
	return 0;
}

/*
 * The ISO list forms, handled as such, each by one rule.  "A, Q" and a
 * final "A (Q)" give "Q A" when Q reads before the name ("Korea, Republic
 * of" -> "Republic of Korea", "Netherlands (Kingdom of the)" -> "Kingdom
 * of the Netherlands", "Virgin Islands, British" -> "British Virgin
 * Islands"): A alone would drop what tells it apart (Korea, Congo).
 * Otherwise Q only qualifies A, and A alone is a name of the entry
 * ("Taiwan, Province of China" -> "Taiwan", "Holy See (Vatican City
 * State)" -> "Holy See"), unless another entry has it too (shared()).
 */
static void add_derived(NameList *l, const char *a3, const char *lang,
	const char *name)
{
	char head[256], qual[256], both[520];
	const char *comma = strstr(name, ", ");
	const char *paren = strrchr(name, '(');
	size_t n;

	if (comma != NULL) {
		n = (size_t)(comma - name);
		snprintf(qual, sizeof(qual), "%s", comma + 2);
	} else if (paren != NULL && paren > name && paren[-1] == ' ' &&
	    ends_with(name, ")")) {
		n = (size_t)(paren - name - 1);
		snprintf(qual, sizeof(qual), "%.*s", (int)strlen(paren) - 2,
			paren + 1);
	} else {
		return;
	}
	if (n >= sizeof(head))
		die("name too long: %s", name);
	memcpy(head, name, n);
	head[n] = '\0';
	if (reads_before(qual, comma != NULL)) {
		snprintf(both, sizeof(both), "%s %s", qual, head);
		add_name(l, a3, lang, both, "uninverted");
	} else {
		add_name(l, a3, lang, head, "without its qualifier");
	}
}

/* A name given (case folded, ASCII only) to two entries is left to the
 * registry: "Congo" names both CG and CD in the English file. */
static int shared(const NameList *l, const NameRow *r)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->rows[i].iso_a3, r->iso_a3) != 0 &&
		    strcasecmp(l->rows[i].name, r->name) == 0)
			return 1;
	return 0;
}

/* The same name twice for one entry: written once, the first time. */
static int repeated(const NameList *l, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (strcmp(l->rows[i].iso_a3, l->rows[k].iso_a3) == 0 &&
		    strcasecmp(l->rows[i].name, l->rows[k].name) == 0)
			return 1;
	return 0;
}

/* The alpha-3 code coopmap files an entry under: the Shapefiles' (XKX
 * for Kosovo, where the source has XKK), else the source's. */
static const char *registry_a3(const Scale *s50, const Scale *s10,
	const char *a2, const char *a3)
{
	const Feature *f = find_feature(s50, a2, 0);

	if (!f)
		f = find_feature(s10, a2, 0);
	return f ? f->iso_a3 : a3;
}

static void collect_names(NameList *l, FILE *table, json_t *codes,
	json_t *const *langs, const Scale *s50, const Scale *s10)
{
	static const char *const lang_names[] = {"fr", "en"};
	size_t i;
	json_t *row;

	for (int g = 0; g < 2; g++) {
		json_array_foreach(codes, i, row) {
			const char *a2 = json_string_value(json_array_get(row, 0));
			const char *a3 = registry_a3(s50, s10, a2,
				json_string_value(json_array_get(row, 1)));
			json_t *list = names_of(langs[g], a2);
			size_t j;
			json_t *v;

			json_array_foreach(list, j, v) {
				const char *name = json_string_value(v);

				put_field(table, name, 0);
				put_field(table, a2, 0);
				put_field(table, a3, 0);
				put_field(table, lang_names[g], 1);
				add_name(l, a3, lang_names[g], name, "source");
				add_derived(l, a3, lang_names[g], name);
			}
			json_decref(list);
		}
	}
}

static void write_names(const Options *o, json_t *codes, json_t *const *langs,
	const Scale *s50, const Scale *s10)
{
	FILE *names = open_out(o->names_out, "iso_a3,lang,name,form");
	FILE *table = open_out(o->table_out, "text,iso_a2,iso_a3,lang");
	NameList l = {0};
	size_t left = 0, written = 0;

	collect_names(&l, table, codes, langs, s50, s10);
	for (size_t k = 0; k < l.n; k++) {
		const NameRow *r = &l.rows[k];

		if (repeated(&l, k))
			continue;
		if (shared(&l, r)) {
			fprintf(stderr, "%s: '%s' (%s, %s) names several "
				"entries: left to the registry\n", tool_name,
				r->name, r->iso_a3, r->form);
			left++;
			continue;
		}
		put_field(names, r->iso_a3, 0);
		put_field(names, r->lang, 0);
		put_field(names, r->name, 0);
		put_field(names, r->form, 1);
		written++;
	}
	for (size_t k = 0; k < l.n; k++)
		free(l.rows[k].name);
	free(l.rows);
	close_out(names, o->names_out);
	close_out(table, o->table_out);
	fprintf(stderr, "%s: %zu names written, %zu shared left out\n",
		tool_name, written, left);
}

/* ---- points ------------------------------------------------------ */

/* The French short name names-fr-overrides.csv gives a3, or NULL.  Its
 * lines are "iso_a3,name_fr,basis" (build_geodata checks the file); a
 * quoted name is not read here, so it stops the build. */
static const char *override_fr(const char *path, const char *a3)
{
	static char name[256];
	char line[1024];
	const char *found = NULL;
	FILE *fp = fopen(path, "r");

	if (!fp)
		die("%s: cannot open", path);
	while (!found && fgets(line, sizeof(line), fp)) {
		char *end;

		if (strncmp(line, a3, 3) != 0 || line[3] != ',')
			continue;
		if (line[4] == '"' || !(end = strchr(line + 4, ',')))
			die("%s: cannot read the line of %s", path, a3);
		*end = '\0';
		copy_text(name, sizeof(name), line + 4);
		found = name;
	}
	fclose(fp);
	return found;
}

/* Centroid of the largest ring of feature f lying wholly inside the box. */
static int box_point(const Scale *s, const Feature *f, const BoxRule *r,
	double *lon, double *lat)
{
	SHPObject *obj = SHPReadObject(s->shp, f->shape);
	double best = 0;

	if (!obj)
		die("unreadable shape of %s", f->iso_a3);
	for (int p = 0; p < obj->nParts; p++) {
		int a = obj->panPartStart[p];
		int b = p + 1 < obj->nParts ? obj->panPartStart[p + 1]
			: obj->nVertices;
		double area = 0, cx = 0, cy = 0;
		int inside = 1;

		for (int v = a; v < b; v++) {
			double x = obj->padfX[v], y = obj->padfY[v];

			if (x < r->min_lon || x > r->max_lon || y < r->min_lat ||
			    y > r->max_lat)
				inside = 0;
			if (v + 1 < b) {
				double cross = x * obj->padfY[v + 1] -
					obj->padfX[v + 1] * y;

				area += cross;
				cx += (x + obj->padfX[v + 1]) * cross;
				cy += (y + obj->padfY[v + 1]) * cross;
			}
		}
		if (inside && fabs(area) > best) {
			best = fabs(area);
			*lon = cx / (3 * area);
			*lat = cy / (3 * area);
		}
	}
	SHPDestroyObject(obj);
	return best > 0;
}

static double round6(double v)
{
	double r = round(v * 1e6) / 1e6;

	return r == 0 ? 0 : r;
}

static void put_point(FILE *fp, const Feature *f, double lon, double lat,
	const char *basis)
{
	char x[32], y[32];

	snprintf(x, sizeof(x), "%.6f", round6(lon));
	snprintf(y, sizeof(y), "%.6f", round6(lat));
	put_field(fp, f->iso_a3, 0);
	put_field(fp, f->iso_a2, 0);
	put_field(fp, f->iso_n3, 0);
	put_field(fp, f->name_fr, 0);
	put_field(fp, f->name_en, 0);
	put_field(fp, f->sovereign, 0);
	put_field(fp, f->kind, 0);
	put_field(fp, x, 0);
	put_field(fp, y, 0);
	put_field(fp, basis, 1);
}

/* An entry of neither Shapefile: names from the source, position by its
 * box rule. */
static void point_by_rule(FILE *fp, const Options *o, json_t *row,
	json_t *const *langs, const Scale *s10)
{
	const char *a2 = json_string_value(json_array_get(row, 0));
	const BoxRule *r = NULL;
	const Feature *sovereign;
	Feature f;
	json_t *fr, *en;
	const char *override;
	double lon = 0, lat = 0;
	char basis[160];

	for (size_t k = 0; k < sizeof(BOX_RULES) / sizeof(BOX_RULES[0]); k++)
		if (strcmp(BOX_RULES[k].iso_a2, a2) == 0)
			r = &BOX_RULES[k];
	if (!r)
		die("%s has no feature and no rule in BOX_RULES", a2);
	sovereign = find_feature(s10, r->sovereign, 1);
	if (!sovereign || !box_point(s10, sovereign, r, &lon, &lat))
		die("%s: no ring of %s at 10m inside its box", a2, r->sovereign);
	memset(&f, 0, sizeof(f));
	copy_text(f.iso_a2, 3, a2);
	copy_text(f.iso_a3, 4, json_string_value(json_array_get(row, 1)));
	copy_text(f.iso_n3, 4, json_string_value(json_array_get(row, 2)));
	copy_text(f.sovereign, 4, r->sovereign);
	copy_text(f.kind, 16, r->kind);
	fr = names_of(langs[0], a2);
	en = names_of(langs[1], a2);
	override = override_fr(o->overrides, f.iso_a3);
	copy_text(f.name_fr, 128, override != NULL ? override
		: json_string_value(json_array_get(fr, 0)));
	copy_text(f.name_en, 128, json_string_value(json_array_get(en, 0)));
	json_decref(fr);
	json_decref(en);
	snprintf(basis, sizeof(basis), "centroid of %s in the %s feature at 10m",
		r->what, r->sovereign);
	put_point(fp, &f, lon, lat, basis);
}

static void write_points(const Options *o, json_t *codes, json_t *const *langs,
	const Scale *s50, const Scale *s10)
{
	FILE *fp = open_out(o->points_out, "iso_a3,iso_a2,iso_n3,name_fr,"
		"name_en,sovereign,kind,lon,lat,basis");
	size_t i, n = 0;
	json_t *row;

	json_array_foreach(codes, i, row) {
		const char *a2 = json_string_value(json_array_get(row, 0));
		const Feature *f50 = find_feature(s50, a2, 0);
		const Feature *f10 = find_feature(s10, a2, 0);

		if (f50 && f10)
			continue;
		n++;
		if (f50)
			put_point(fp, f50, f50->label_x, f50->label_y,
				"label point at 50m (no feature at 10m)");
		else if (f10)
			put_point(fp, f10, f10->label_x, f10->label_y,
				"label point at 10m (no feature at 50m)");
		else
			point_by_rule(fp, o, row, langs, s10);
	}
	close_out(fp, o->points_out);
	fprintf(stderr, "%s: %zu entries with a point\n", tool_name, n);
}

int main(int argc, char **argv)
{
	Options o;
	json_error_t err;
	json_t *codes, *roots[2], *langs[2];
	Scale s50 = {0}, s10 = {0};

	parse_args(argc, argv, &o);
	codes = json_load_file(o.codes, 0, &err);
	if (!json_is_array(codes))
		die("%s: not an array of codes", o.codes);
	langs[0] = load_countries(o.fr, &roots[0]);
	langs[1] = load_countries(o.en, &roots[1]);
	load_scale(&s50, o.shp50);
	load_scale(&s10, o.shp10);
	write_names(&o, codes, langs, &s50, &s10);
	write_points(&o, codes, langs, &s50, &s10);
	SHPClose(s50.shp);
	SHPClose(s10.shp);
	free(s50.f);
	free(s10.f);
	json_decref(codes);
	json_decref(roots[0]);
	json_decref(roots[1]);
	return 0;
}
