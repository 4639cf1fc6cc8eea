/*
 * kml.c: the KML that refreshes a Google My Maps map.  The placemarks are
 * gathered first (one per establishment, partner hospital and link in each
 * programme), then cut into files of at most COOPMAP_KML_PLACEMARKS_PER_FILE
 * and written with libxml2's xmlTextWriter, which escapes the text; cells
 * are only cleared of what XML 1.0 cannot hold at all.  Not for: reading
 * KML, or the other vector formats (export.c, through OGR).
 *
 * Why not OGR's LIBKML driver, as before: it writes one nested <Document>
 * per layer, an inline <Style> in every placemark and <SchemaData> with a
 * <Schema>, where My Maps wants folders in one document, and its data table
 * is filled from <ExtendedData><Data name><value> pairs.
 *
 * Sources for what My Maps does with a KML file:
 * - ExtendedData: Google's KML guide, "Adding Custom Data"
 *   (https://developers.google.com/kml/documentation/extendeddata): <Data>
 *   adds untyped name/value pairs to a feature; <Schema>/<SchemaData> typed
 *   ones (which need a <Schema> in the same file); either is valid KML 2.2.
 *   The My Maps import itself is not documented element by element; <Data>
 *   is what My Maps writes in its own KML exports, and what we write.
 * - Import limits: 2,000 features in one layer (one import), 10 layers in
 *   a map: My Maps help, "Create or open a map" / "Import map features"
 *   (https://support.google.com/mymaps/answer/3024836), and what users
 *   meet (https://github.com/oamost/4sq2autogen4gmaps/pull/1 "Google Maps
 *   only allows you to import max 2000 records";
 *   https://github.com/BrandonML/google-maps-timeline-converter/issues/4,
 *   files of more than 2k records do not import).  Each file of a split set
 *   is one import; its folders may become layers of their own, so the set's
 *   layers are counted as the folders of all its files.
 */
#include "coopmap/kml.h"

#include <errno.h>
#include <glib.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coopmap/geodesy.h"
#include "coopmap/network.h"
#include "coopmap/output.h"
#include "intl.h"

/* One folder per programme, in network.h's order; names in the run's
 * language (the programmes' own names are the same in both). */
enum { KML_FOLDERS = COOPMAP_PROGRAMME_COUNT };

static const char *const folder_names[KML_FOLDERS] = {
	"APCHI (DGOS)", "PRPH (FHF / AFD)", N_("Other funding or not stated")
};

/* Style ids' suffix, and the printed map's link colours (styles/README.md,
 * link_apchi ...) as KML's aabbggrr. */
static const char *const folder_ids[KML_FOLDERS] = { "apchi", "prph", "autre" };
static const char *const folder_colours[KML_FOLDERS] = {
	"ffc3592b", "ff5a8a1b", "ff6b6b6b"
};

/* The pin My Maps itself writes in its KML exports, tinted by IconStyle. */
#define KML_ICON "https://www.gstatic.com/mapspro/images/stock/503-wht-blank_maps.png"

enum mark_kind { MARK_ESTABLISHMENT, MARK_PARTNER, MARK_LINK, MARK_KINDS };

static const char *const kind_ids[MARK_KINDS] = {
	"etablissement", "partenaire", "lien"
};

/* A placemark: an establishment, a partner hospital or a link, within one
 * programme, with what its projects say. */
struct mark {
	int programme;
	enum mark_kind kind;
	size_t establishment;              /* pool group or (size_t)-1 */
	size_t partner;                    /* pool group or (size_t)-1 */
	const coopmap_country *country;    /* a link to an unnamed partner */
	size_t first;                      /* first project placing it, or -1 */
	size_t projects;
	GPtrArray *others;      /* establishments: partners; partners:
	                           establishments (pooled names) */
	GPtrArray *spellings;   /* its name as typed */
	GPtrArray *themes, *sources;
	GArray *years;
};

/* ---- text ------------------------------------------------------------ */

/* Whether XML 1.0 (section 2.2, Char) can hold code point c. */
static int xml_char(gunichar c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		(c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* A cell as XML can carry it: valid UTF-8, without the control characters
 * (U+0001, ESC ...) that no XML 1.0 document may contain, even escaped.
 * Caller frees with g_free. */
static char *clean(const char *text)
{
	char *valid = g_utf8_make_valid(text != NULL ? text : "", -1);
	GString *s = g_string_sized_new(strlen(valid));

	for (const char *c = valid; *c != '\0'; c = g_utf8_next_char(c)) {
		gunichar u = g_utf8_get_char(c);

		if (xml_char(u))
			g_string_append_unichar(s, u);
	}
	g_free(valid);
	return g_string_free(s, FALSE);
}

/* Cell text for HTML (My Maps reads names and descriptions as HTML): &, <
 * and > escaped, so that "<script>" shows as text.  Quotes are harmless in
 * HTML text, and &#39; or &apos; would show in a name such as "CHR
 * d'Atakpamé" wherever My Maps takes the name as plain text.  (libxml2
 * then escapes the whole for XML.) */
static char *html_text(const char *text)
{
	char *c = clean(text);
	GString *s = g_string_sized_new(strlen(c) + 8);

	for (const char *p = c; *p != '\0'; p++) {
		if (*p == '&')
			g_string_append(s, "&amp;");
		else if (*p == '<')
			g_string_append(s, "&lt;");
		else if (*p == '>')
			g_string_append(s, "&gt;");
		else
			g_string_append_c(s, *p);
	}
	g_free(c);
	return g_string_free(s, FALSE);
}

static int by_text(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_int(gconstpointer a, gconstpointer b)
{
	return *(const int *)a - *(const int *)b;
}

/* The distinct values of list, sorted, joined with "; ". */
static char *join_distinct(GPtrArray *list)
{
	GString *s = g_string_new(NULL);

	g_ptr_array_sort(list, by_text);
	for (guint i = 0; i < list->len; i++) {
		const char *v = g_ptr_array_index(list, i);

		if (i > 0 && strcmp(v, g_ptr_array_index(list, i - 1)) == 0)
			continue;
		g_string_append_printf(s, "%s%s", s->len ? "; " : "", v);
	}
	return g_string_free(s, FALSE);
}

static char *join_years(GArray *years)
{
	GString *s = g_string_new(NULL);

	g_array_sort(years, by_int);
	for (guint i = 0; i < years->len; i++) {
		int y = g_array_index(years, int, i);

		if (i == 0 || y != g_array_index(years, int, i - 1))
			g_string_append_printf(s, "%s%d", s->len ? ", " : "", y);
	}
	return g_string_free(s, FALSE);
}

/* A coordinate rounded to 6 decimals (about 0.1 m), without trailing
 * zeros, in the C locale. */
static void append_coordinate(GString *s, double v)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	size_t n;

	g_ascii_formatd(buf, sizeof(buf), "%.6f", v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		n--;
	if (n > 0 && buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
	g_string_append(s, strcmp(buf, "-0") == 0 ? "0" : buf);
}

static void append_point(GString *s, double lon, double lat)
{
	if (s->len > 0)
		g_string_append_c(s, ' ');
	append_coordinate(s, lon);
	g_string_append_c(s, ',');
	append_coordinate(s, lat);
}

/* ---- gathering ------------------------------------------------------- */

static struct mark *mark_of(GHashTable *index, GPtrArray *marks, int programme,
	enum mark_kind kind, size_t establishment, size_t partner,
	const coopmap_country *country)
{
	char *key = g_strdup_printf("%d|%d|%zu|%zu|%s", programme, (int)kind,
		establishment, partner, country != NULL ? country->iso_a3 : "");
	struct mark *m = g_hash_table_lookup(index, key);

	if (m != NULL) {
		g_free(key);
		return m;
	}
	m = g_new0(struct mark, 1);
	m->programme = programme;
	m->kind = kind;
	m->establishment = establishment;
	m->partner = partner;
	m->country = country;
	m->first = (size_t)-1;
	m->others = g_ptr_array_new();
	m->spellings = g_ptr_array_new();
	m->themes = g_ptr_array_new();
	m->sources = g_ptr_array_new();
	m->years = g_array_new(FALSE, FALSE, sizeof(int));
	g_hash_table_insert(index, key, m);
	g_ptr_array_add(marks, m);
	return m;
}

static void mark_free(gpointer data)
{
	struct mark *m = data;

	g_ptr_array_free(m->others, TRUE);
	g_ptr_array_free(m->spellings, TRUE);
	g_ptr_array_free(m->themes, TRUE);
	g_ptr_array_free(m->sources, TRUE);
	g_array_free(m->years, TRUE);
	g_free(m);
}

/* Project i counts in m; placed: m's point(s) are known from it. */
static void mark_add(struct mark *m, size_t i, const coopmap_project *p,
	int placed, const char *spelling, const char *other)
{
	m->projects++;
	if (placed && m->first == (size_t)-1)
		m->first = i;
	if (spelling[0] != '\0')
		g_ptr_array_add(m->spellings, (gpointer)spelling);
	if (other != NULL && other[0] != '\0')
		g_ptr_array_add(m->others, (gpointer)other);
	if (p->theme[0] != '\0')
		g_ptr_array_add(m->themes, (gpointer)p->theme);
	if (p->source[0] != '\0')
		g_ptr_array_add(m->sources, (gpointer)p->source);
	if (p->year > 0)
		g_array_append_val(m->years, p->year);
}

/* By programme, then establishments, partners, links; each in the pool's
 * order (names), so that the same list gives the same file. */
static int mark_order(gconstpointer a, gconstpointer b)
{
	const struct mark *x = *(const struct mark *const *)a;
	const struct mark *y = *(const struct mark *const *)b;

	if (x->programme != y->programme)
		return x->programme - y->programme;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->establishment != y->establishment)
		return x->establishment < y->establishment ? -1 : 1;
	if (x->partner != y->partner)
		return x->partner < y->partner ? -1 : 1;
	return strcmp(x->country != NULL ? x->country->iso_a3 : "",
		y->country != NULL ? y->country->iso_a3 : "");
}

/* The placemarks of data, in file order; those without a place are left
 * out.  Free with g_ptr_array_free(.., TRUE). */
static GPtrArray *gather(const coopmap_export_data *d)
{
	GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal,
		g_free, NULL);
	GPtrArray *all = g_ptr_array_new_with_free_func(mark_free);
	GPtrArray *placed = g_ptr_array_new_with_free_func(mark_free);
	const coopmap_pool *pool = d->pool;

	for (size_t i = 0; i < coopmap_projects_count(d->projects); i++) {
		const coopmap_project *p = coopmap_projects_get(d->projects, i);
		int k = (int)coopmap_programme_of(p->programme);
		size_t e = coopmap_pool_establishment_of(pool, i);
		size_t pg = coopmap_pool_partner_of(pool, i);
		int at_e = !isnan(p->establishment_lat);
		int at_p = !isnan(p->partner_lat);
		const char *e_name = e != (size_t)-1
			? coopmap_pool_establishment(pool, e)->name : NULL;
		const char *p_name = pg != (size_t)-1
			? coopmap_pool_partner(pool, pg)->name : NULL;

		if (e != (size_t)-1)
			mark_add(mark_of(index, all, k, MARK_ESTABLISHMENT, e,
				(size_t)-1, NULL), i, p, at_e, p->establishment, p_name);
		if (pg != (size_t)-1)
			mark_add(mark_of(index, all, k, MARK_PARTNER, (size_t)-1, pg,
				NULL), i, p, at_p, p->partner, e_name);
		if (e != (size_t)-1)
			mark_add(mark_of(index, all, k, MARK_LINK, e, pg,
				pg == (size_t)-1 ? p->country : NULL), i, p, at_e && at_p,
				p->partner, NULL);
	}
	g_hash_table_destroy(index);
	/* Move the placed marks over; the others go with all. */
	for (guint i = 0; i < all->len; i++) {
		struct mark *m = g_ptr_array_index(all, i);

		if (m->first != (size_t)-1) {
			g_ptr_array_add(placed, m);
			all->pdata[i] = NULL;
		}
	}
	g_ptr_array_set_free_func(all, NULL);
	for (guint i = 0; i < all->len; i++)
		if (all->pdata[i] != NULL)
			mark_free(all->pdata[i]);
	g_ptr_array_free(all, TRUE);
	g_ptr_array_sort(placed, mark_order);
	return placed;
}

/* ---- one placemark's columns ----------------------------------------- */

/* The <Data name> columns, and their labels in the description. */
enum column { C_ESTABLISHMENT, C_PARTNER, C_SPELLINGS, C_CITY, C_COUNTRY,
	C_PROGRAMME, C_YEARS, C_THEME, C_SOURCE, C_PROJECTS, C_COUNT };

static const char *const column_names[C_COUNT] = {
	"establishment", "partner", "spellings", "city", "country", "programme",
	"years", "theme", "source", "projects"
};

/* Shown in the run's language (translated where used). */
static const char *const column_labels[C_COUNT] = {
	N_("French establishment"), N_("Partner"), N_("Spellings in the list"),
	N_("City"), N_("Country"), N_("Programme"), N_("Years"), N_("Fields"),
	N_("Sources"), N_("Projects")
};

/* m's columns, cleaned for XML (each freed with g_free). */
static void columns(const coopmap_export_data *d, struct mark *m,
	char *values[C_COUNT])
{
	const coopmap_project *p = coopmap_projects_get(d->projects, m->first);
	const coopmap_pool_group *e = m->establishment != (size_t)-1
		? coopmap_pool_establishment(d->pool, m->establishment) : NULL;
	const coopmap_pool_group *g = m->partner != (size_t)-1
		? coopmap_pool_partner(d->pool, m->partner) : NULL;
	char *raw[C_COUNT] = { NULL };

	raw[C_ESTABLISHMENT] = m->kind == MARK_PARTNER
		? join_distinct(m->others) : g_strdup(e->name);
	raw[C_PARTNER] = m->kind == MARK_ESTABLISHMENT ? join_distinct(m->others)
		: g_strdup(g != NULL ? g->name : "");
	raw[C_SPELLINGS] = join_distinct(m->spellings);
	if (m->kind == MARK_ESTABLISHMENT) {
		raw[C_CITY] = g_strdup(e->city[0] ? e->city : p->establishment_city);
		raw[C_COUNTRY] = g_strdup(p->establishment_country != NULL
			? coopmap_country_name(p->establishment_country,
			coopmap_i18n_lang()) : "France");
	} else {
		raw[C_CITY] = g_strdup(g != NULL && g->city[0] ? g->city
			: p->partner_city);
		raw[C_COUNTRY] = g_strdup(coopmap_country_name(p->country,
			coopmap_i18n_lang()));
	}
	raw[C_PROGRAMME] = g_strdup(_(folder_names[m->programme]));
	raw[C_YEARS] = join_years(m->years);
	raw[C_THEME] = join_distinct(m->themes);
	raw[C_SOURCE] = join_distinct(m->sources);
	raw[C_PROJECTS] = g_strdup_printf("%zu", m->projects);
	for (int c = 0; c < C_COUNT; c++) {
		values[c] = clean(raw[c]);
		g_free(raw[c]);
	}
}

static char *placemark_name(const coopmap_export_data *d, const struct mark *m)
{
	const coopmap_project *p = coopmap_projects_get(d->projects, m->first);
	char *name, *text;

	if (m->kind == MARK_ESTABLISHMENT)
		return html_text(coopmap_pool_establishment(d->pool,
			m->establishment)->name);
	if (m->kind == MARK_PARTNER)
		return html_text(coopmap_pool_partner(d->pool, m->partner)->name);
	name = g_strdup_printf("%s → %s", coopmap_pool_establishment(d->pool,
		m->establishment)->name, m->partner != (size_t)-1
		? coopmap_pool_partner(d->pool, m->partner)->name
		: coopmap_country_name(p->country, coopmap_i18n_lang()));
	text = html_text(name);
	g_free(name);
	return text;
}

/* Only http:// and https:// addresses become links: a cell such as
 * "javascript:..." stays text. */
static int web_address(const char *text)
{
	return g_ascii_strncasecmp(text, "http://", 7) == 0 ||
		g_ascii_strncasecmp(text, "https://", 8) == 0;
}

/* The balloon: one line per filled column, cell text escaped for HTML;
 * each source a link where it is a web address (its href escaped by glib,
 * quotes included). */
static char *description(const struct mark *m, const coopmap_project *p,
	char *const values[C_COUNT])
{
	GString *s = g_string_new(NULL);
	int approximate = m->kind == MARK_ESTABLISHMENT
		? p->establishment_approximate : m->kind == MARK_PARTNER
		? p->partner_approximate : p->establishment_approximate ||
		p->partner_approximate;

	for (int c = 0; c < C_COUNT; c++) {
		char *text;

		if (values[c][0] == '\0' || c == C_SOURCE)
			continue;
		text = html_text(values[c]);
		g_string_append_printf(s, _("<b>%s:</b> %s<br>"),
			_(column_labels[c]), text);
		g_free(text);
	}
	/* m->sources is sorted (columns joined it). */
	for (guint i = 0; i < m->sources->len; i++) {
		const char *source = g_ptr_array_index(m->sources, i);
		char *cleaned, *text;

		if (i > 0 && strcmp(source, g_ptr_array_index(m->sources, i - 1))
		    == 0)
			continue;
		cleaned = clean(source);
		text = html_text(cleaned);
		if (i == 0)
			g_string_append_printf(s, _("<b>%s:</b>"),
				_(column_labels[C_SOURCE]));
		if (web_address(cleaned)) {
			char *href = g_markup_escape_text(cleaned, -1);

			g_string_append_printf(s, " <a href=\"%s\" target=\"_blank\">"
				"%s</a>", href, text);
			g_free(href);
		} else {
			g_string_append_printf(s, " %s", text);
		}
		g_free(text);
		g_free(cleaned);
	}
	if (m->sources->len > 0)
		g_string_append(s, "<br>");
	if (approximate)
		g_string_append(s, _("<i>Approximate position (city not "
			"found)</i><br>"));
	return g_string_free(s, FALSE);
}

/* ---- writing --------------------------------------------------------- */

/* An XML document in memory; failed once any call failed. */
struct doc {
	xmlBufferPtr buffer;
	xmlTextWriterPtr w;
	int failed;
};

static void check(struct doc *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

static void element(struct doc *x, const char *name, const char *text)
{
	check(x, xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST text));
}

static void start(struct doc *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void end(struct doc *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

static void styles(struct doc *x)
{
	for (int k = 0; k < KML_FOLDERS; k++) {
		for (int kind = 0; kind < MARK_KINDS; kind++) {
			char *id = g_strdup_printf("%s-%s", kind_ids[kind], folder_ids[k]);

			start(x, "Style");
			check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "id",
				BAD_CAST id));
			if (kind == MARK_LINK) {
				start(x, "LineStyle");
				element(x, "color", folder_colours[k]);
				element(x, "width", "2");
				end(x);
			} else {
				start(x, "IconStyle");
				element(x, "color", folder_colours[k]);
				element(x, "scale", kind == MARK_ESTABLISHMENT ? "1.1" : "0.9");
				start(x, "Icon");
				element(x, "href", KML_ICON);
				end(x);
				end(x);
			}
			end(x);
			g_free(id);
		}
	}
}

/* The link's great-circle arc, cut at the antimeridian: a LineString, or a
 * MultiGeometry of them. */
static int line(struct doc *x, const coopmap_project *p)
{
	double *lon, *lat;
	size_t *starts;
	size_t pieces = coopmap_geodesic_arc(p->establishment_lon,
		p->establishment_lat, p->partner_lon, p->partner_lat, 50.0, &lon, &lat,
		&starts);

	if (pieces == 0)
		return -1;
	if (pieces > 1)
		start(x, "MultiGeometry");
	for (size_t k = 0; k < pieces; k++) {
		GString *s = g_string_new(NULL);

		for (size_t i = starts[k]; i < starts[k + 1]; i++)
			append_point(s, lon[i], lat[i]);
		/* Both ends at one place: a line of one point repeated. */
		if (starts[k + 1] - starts[k] == 1)
			append_point(s, lon[starts[k]], lat[starts[k]]);
		start(x, "LineString");
		element(x, "coordinates", s->str);
		end(x);
		g_string_free(s, TRUE);
	}
	if (pieces > 1)
		end(x);
	free(lon);
	free(lat);
	free(starts);
	return 0;
}

static int placemark(struct doc *x, const coopmap_export_data *d,
	struct mark *m)
{
	const coopmap_project *p = coopmap_projects_get(d->projects, m->first);
	char *values[C_COUNT], *name = placemark_name(d, m), *html, *style;
	int rc = 0;

	columns(d, m, values);
	html = description(m, p, values);
	style = g_strdup_printf("#%s-%s", kind_ids[m->kind],
		folder_ids[m->programme]);
	start(x, "Placemark");
	element(x, "name", name);
	element(x, "description", html);
	element(x, "styleUrl", style);
	start(x, "ExtendedData");
	for (int c = 0; c < C_COUNT; c++) {
		start(x, "Data");
		check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "name",
			BAD_CAST column_names[c]));
		element(x, "value", values[c]);
		end(x);
		g_free(values[c]);
	}
	end(x);
	if (m->kind == MARK_LINK) {
		rc = line(x, p);
	} else {
		GString *s = g_string_new(NULL);

		if (m->kind == MARK_ESTABLISHMENT)
			append_point(s, p->establishment_lon, p->establishment_lat);
		else
			append_point(s, p->partner_lon, p->partner_lat);
		start(x, "Point");
		element(x, "coordinates", s->str);
		end(x);
		g_string_free(s, TRUE);
	}
	end(x);
	g_free(style);
	g_free(html);
	g_free(name);
	return rc;
}

static void quiet_errors(void *context, const char *message, ...)
{
	(void)context;
	(void)message;
}

/* File part (of parts) with marks [from, to): in memory, *out; caller
 * frees with xmlBufferFree.  Errors: COOPMAP_ERR_NOMEM. */
static int write_part(const coopmap_export_data *d, GPtrArray *marks,
	guint from, guint to, size_t part, size_t parts, size_t *layers,
	xmlBufferPtr *out, coopmap_error *err)
{
	struct doc x = { xmlBufferCreate(), NULL, 0 };
	const char *list = coopmap_projects_path(d->projects);
	char *base = g_path_get_basename(list != NULL ? list : "");
	char *title = parts > 1 ? g_strdup_printf(_("International hospital "
		"cooperation (part %zu of %zu)"), part + 1, parts)
		: g_strdup(_("International hospital cooperation"));
	char *about = g_strdup_printf(_("French establishments, partner "
		"hospitals and cooperation links, a folder per funding programme. "
		"List: %s. Made by coopmap."), base);
	char *clean_about = clean(about);
	int folder = -1;

	*out = NULL;
	x.w = x.buffer != NULL ? xmlNewTextWriterMemory(x.buffer, 0) : NULL;
	if (x.w == NULL) {
		x.failed = 1;
	} else {
		check(&x, xmlTextWriterSetIndent(x.w, 1));
		check(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST "\t"));
		check(&x, xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL));
		start(&x, "kml");
		check(&x, xmlTextWriterWriteAttribute(x.w, BAD_CAST "xmlns",
			BAD_CAST "http://www.opengis.net/kml/2.2"));
		start(&x, "Document");
		element(&x, "name", title);
		element(&x, "description", clean_about);
		styles(&x);
		for (guint i = from; i < to && !x.failed; i++) {
			struct mark *m = g_ptr_array_index(marks, i);

			if (m->programme != folder) {
				if (folder >= 0)
					end(&x);
				folder = m->programme;
				(*layers)++;
				start(&x, "Folder");
				element(&x, "name", _(folder_names[folder]));
			}
			if (placemark(&x, d, m) != 0)
				x.failed = 1;
		}
		if (folder >= 0)
			end(&x);
		end(&x);
		end(&x);
		check(&x, xmlTextWriterEndDocument(x.w));
		xmlFreeTextWriter(x.w);
	}
	g_free(clean_about);
	g_free(about);
	g_free(title);
	g_free(base);
	if (x.failed) {
		xmlBufferFree(x.buffer);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM,
			"KML: out of memory");
	}
	*out = x.buffer;
	return COOPMAP_OK;
}

/* PATH for part 0, else PATH without its extension, "-N" and the
 * extension: carte.kml, carte-2.kml ... */
static char *part_name(const char *path, size_t part)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash != NULL ? slash : path, '.');

	if (part == 0)
		return g_strdup(path);
	if (dot == NULL)
		return g_strdup_printf("%s-%zu.kml", path, part + 1);
	return g_strdup_printf("%.*s-%zu%s", (int)(dot - path), path, part + 1,
		dot);
}

/* Every part to its file, all or none: each is written beside its target
 * and synced first; they are renamed into place only when all are. */
static int commit_parts(xmlBufferPtr *parts, char **names, size_t n,
	coopmap_error *err)
{
	coopmap_output **outputs = g_new0(coopmap_output *, n + 1);
	int rc = COOPMAP_OK;

	for (size_t k = 0; rc == COOPMAP_OK && k < n; k++) {
		size_t length = (size_t)xmlBufferLength(parts[k]);

		rc = coopmap_output_open(names[k], &outputs[k], err);
		if (rc == COOPMAP_OK && fwrite(xmlBufferContent(parts[k]), 1, length,
		    coopmap_output_stream(outputs[k])) != length)
			rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: "
				"%s", names[k], strerror(errno));
		if (rc == COOPMAP_OK)
			rc = coopmap_output_finish(outputs[k], err);
	}
	for (size_t k = 0; k < n; k++) {
		if (rc == COOPMAP_OK)
			rc = coopmap_output_commit(outputs[k], err);
		else
			coopmap_output_abort(outputs[k]);
	}
	g_free(outputs);
	return rc;
}

/* Whether the file at path starts as a KML document does: a part of an
 * earlier set, not a file of the user's that happens to be named so. */
static int looks_like_kml(const char *path)
{
	char head[512];
	FILE *in = fopen(path, "rb");
	size_t n = in != NULL ? fread(head, 1, sizeof(head) - 1, in) : 0;

	if (in != NULL)
		fclose(in);
	head[n] = '\0';
	return strstr(head, "<kml") != NULL;
}

/* The parts numbered from n + 1 on that an earlier, larger set left (n is
 * at least 1: the first part keeps the name asked for); stops at the first
 * name that is missing or holds no KML. */
static void remove_stale(const char *path, size_t n, GPtrArray *removed)
{
	for (size_t k = n;; k++) {
		char *name = part_name(path, k);

		if (!looks_like_kml(name) || unlink(name) != 0) {
			g_free(name);
			break;
		}
		g_ptr_array_add(removed, name);
	}
}

static char **steal_strings(GPtrArray *list, size_t *count)
{
	*count = list->len;
	g_ptr_array_add(list, NULL);
	return (char **)g_ptr_array_free(list, FALSE);
}

int coopmap_kml_write(const coopmap_export_data *data, const char *path,
	coopmap_kml_files **out, coopmap_error *err)
{
	GPtrArray *marks;
	xmlGenericErrorFunc saved_handler = xmlGenericError;
	void *saved_context = xmlGenericErrorContext;
	size_t parts, layers = 0;
	xmlBufferPtr *buffers;
	char **names;
	int rc = COOPMAP_OK;

	if (out != NULL)
		*out = NULL;
	marks = gather(data);
	parts = marks->len == 0 ? 1 : (marks->len +
		COOPMAP_KML_PLACEMARKS_PER_FILE - 1) / COOPMAP_KML_PLACEMARKS_PER_FILE;
	buffers = g_new0(xmlBufferPtr, parts + 1);
	names = g_new0(char *, parts + 1);
	/* libxml2 prints its errors unless told otherwise (style.md). */
	xmlSetGenericErrorFunc(NULL, quiet_errors);
	for (size_t k = 0; k < parts; k++) {
		guint from = (guint)(k * COOPMAP_KML_PLACEMARKS_PER_FILE);
		guint to = MIN(marks->len, from + COOPMAP_KML_PLACEMARKS_PER_FILE);

		names[k] = part_name(path, k);
		if (rc == COOPMAP_OK)
			rc = write_part(data, marks, from, to, k, parts, &layers,
				&buffers[k], err);
	}
	xmlSetGenericErrorFunc(saved_context, saved_handler);
	if (rc == COOPMAP_OK)
		rc = commit_parts(buffers, names, parts, err);
	if (rc == COOPMAP_OK) {
		GPtrArray *removed = g_ptr_array_new();

		remove_stale(path, parts, removed);
		if (out != NULL) {
			coopmap_kml_files *files = g_new0(coopmap_kml_files, 1);

			files->written = names;
			files->n_written = parts;
			names = NULL;
			files->removed = steal_strings(removed, &files->n_removed);
			files->placemarks = marks->len;
			files->layers = layers;
			*out = files;
		} else {
			g_ptr_array_set_free_func(removed, g_free);
			g_ptr_array_free(removed, TRUE);
		}
	}
	for (size_t k = 0; k < parts; k++)
		if (buffers[k] != NULL)
			xmlBufferFree(buffers[k]);
	g_free(buffers);
	g_strfreev(names);
	g_ptr_array_free(marks, TRUE);
	return rc;
}

void coopmap_kml_files_free(coopmap_kml_files *files)
{
	if (files == NULL)
		return;
	g_strfreev(files->written);
	g_strfreev(files->removed);
	g_free(files);
}
