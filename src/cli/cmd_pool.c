/*
 * cmd_pool.c: `coopmap pool PROJECTS`: for each French establishment, the
 * peers with the same partner hospital, then in the same partner city, then
 * in the same country; the partner hospitals shared by two or more
 * establishments; the establishments present in each country.  Markdown
 * (default), CSV or JSON on stdout; questions narrow the report.
 */
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "coopmap/names.h"
#include "coopmap/partners.h"
#include "coopmap/pool.h"
#include "coopmap/report.h"

enum { OPT_FORMAT = 400, OPT_EST, OPT_PARTNER, OPT_COUNTRY, OPT_REGION,
	OPT_EXPLAIN };

static const struct cli_option pool_options[] = {
	{ "format", OPT_FORMAT, "md|csv|json", N_("report format on stdout "
	  "(default md)"), NULL, 0 },
	{ "establishment", OPT_EST, N_("TEXT"), N_("only this establishment "
	  "(name as typed)"), NULL, 0 },
	{ "partner", OPT_PARTNER, N_("TEXT"), N_("only this partner hospital"),
	  NULL, 0 },
	{ "country", OPT_COUNTRY, N_("TEXT"), N_("only this partner country"),
	  NULL, 0 },
	{ "region", OPT_REGION, N_("TEXT"), N_("only the establishments of this "
	  "region (ARS)"), NULL, 0 },
	{ "explain", OPT_EXPLAIN, NULL, N_("on stderr, every merge of two "
	  "spellings: the names, the score against the threshold, and the "
	  "evidence (acronym, shared words, cities)"), NULL, 0 },
	CLI_LANG_OPTION(N_("language of the report and of the messages (default "
	  "fr, or en when LANG is English)")),
	CLI_RECORDS_OPTIONS,
	CLI_SHEET_ALIAS,
	{ "quiet", 'q', NULL, N_("print nothing on stderr but errors"), NULL, 0 },
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage pool_usage = {
	"pool",
	N_("PROJECTS [options]"),
	N_("Who else works in the same country, and with the same partner "
	   "hospital.  Partner spellings are grouped into hospitals within each "
	   "country (CHU, CHR, CNHU ... abbreviations, accents, typos, acronyms "
	   "such as HGOPY); French establishments by FINESS when given, by name "
	   "otherwise.\n\n"
	   "JSON: {\"partners\": [{\"name\", \"country\", \"city\", "
	   "\"variants\": [...], \"establishments\": [...], \"rows\": [...]}], "
	   "\"establishments\": [{\"name\", \"finess\", \"region\", \"variants\", "
	   "\"partners\", \"countries\", \"rows\"}], \"countries\": "
	   "[{\"iso_a3\", \"name\", \"establishments\", \"partners\", "
	   "\"rows\"}]}; rows are the input's line numbers."),
	pool_options,
	N_("exit status: 0 reported; 1 no column names the country; 2 usage "
	   "error, or a file that cannot be read."),
	NULL
};

void cmd_pool_usage(FILE *out)
{
	cli_usage_print(&pool_usage, out);
}

struct pool_args {
	const char *format, *establishment, *partner, *country, *region, *lang;
	int explain, quiet;
	struct cli_records records;
};

struct pool_ctx {
	const struct pool_args *a;
	const coopmap_projects *projects;
	const coopmap_pool *pool;
	const coopmap_countries *countries;
	const coopmap_country *country_filter;
	/* Establishments by partner city ("ISO3|folded city") and by country
	 * (pool.h), built once: peers are looked up, never searched for. */
	GHashTable *by_city;      /* key -> GArray of establishment groups */
	coopmap_pool_presence *by_country;
};

static void add_unique(GArray *list, size_t value)
{
	for (guint k = 0; k < list->len; k++) {
		if (g_array_index(list, size_t, k) == value)
			return;
	}
	g_array_append_val(list, value);
}

static char *city_key(const coopmap_project *p)
{
	char *city = coopmap_names_fold(p->partner_city);
	char *key = g_strdup_printf("%s|%s", p->country->iso_a3, city);

	free(city);
	return key;
}

static void free_array(gpointer a)
{
	g_array_free(a, TRUE);
}

static int build_indexes(struct pool_ctx *c, coopmap_error *err)
{
	c->by_city = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
		free_array);
	for (size_t i = 0; i < coopmap_projects_count(c->projects); i++) {
		const coopmap_project *p = coopmap_projects_get(c->projects, i);
		size_t e = coopmap_pool_establishment_of(c->pool, i);
		GArray *list;
		char *key;

		if (e == (size_t)-1 || p->partner_city[0] == '\0')
			continue;
		key = city_key(p);
		list = g_hash_table_lookup(c->by_city, key);
		if (list == NULL) {
			list = g_array_new(FALSE, FALSE, sizeof(size_t));
			g_hash_table_insert(c->by_city, key, list);
		} else {
			g_free(key);
		}
		add_unique(list, e);
	}
	return coopmap_pool_presence_build(c->pool, c->projects, c->countries,
		&c->by_country, err);
}

static void free_indexes(struct pool_ctx *c)
{
	if (c->by_city != NULL)
		g_hash_table_destroy(c->by_city);
	coopmap_pool_presence_free(c->by_country);
}

static int matches_text(const char *wanted, const coopmap_pool_group *g)
{
	double score;

	for (size_t i = 0; i < g->n_variants; i++) {
		if (coopmap_pool_same_partner(wanted, "", g->variants[i], "", &score,
		    NULL, 0))
			return 1;
	}
	return 0;
}

static int region_matches(const char *wanted, const char *region)
{
	char *a = coopmap_names_fold(wanted), *b = coopmap_names_fold(region);
	int same = a[0] != '\0' && strcmp(a, b) == 0;

	free(a);
	free(b);
	return same;
}

/* Whether establishment group e is asked for by the questions. */
static int partner_wanted(const struct pool_ctx *c, const coopmap_pool_group *p)
{
	if (c->a->partner != NULL && !matches_text(c->a->partner, p))
		return 0;
	if (c->country_filter != NULL && p->country != c->country_filter)
		return 0;
	return 1;
}

static int establishment_wanted(const struct pool_ctx *c,
	const coopmap_pool_group *e)
{
	int partner_ok = c->a->partner == NULL && c->country_filter == NULL;

	if (c->a->establishment != NULL && !matches_text(c->a->establishment, e))
		return 0;
	if (c->a->region != NULL && !region_matches(c->a->region, e->region))
		return 0;
	/* --partner, --country: the establishments working with it, there. */
	for (size_t i = 0; i < e->n_peers && !partner_ok; i++)
		partner_ok = partner_wanted(c, coopmap_pool_partner(c->pool,
			e->peers[i]));
	for (size_t i = 0; i < e->n_projects && !partner_ok; i++)
		partner_ok = c->a->partner == NULL && coopmap_projects_get(
			c->projects, e->projects[i])->country == c->country_filter;
	return partner_ok;
}

static const coopmap_project *project(const struct pool_ctx *c, size_t i)
{
	return coopmap_projects_get(c->projects, i);
}

/* Text from the list, escaped for Markdown (see report.h), appended to
 * out. */
static void md_append(GString *out, const char *text)
{
	char *escaped = coopmap_report_markdown_text(text);

	g_string_append(out, escaped);
	g_free(escaped);
}

/* Lists joined by ", ", text escaped: the names of establishment groups,
 * the lines of a group's projects, a group's spellings in guillemets. */
static char *md_names(const struct pool_ctx *c, const size_t *groups,
	size_t n)
{
	GString *s = g_string_new(NULL);

	for (size_t k = 0; k < n; k++) {
		g_string_append(s, k > 0 ? ", " : "");
		md_append(s, coopmap_pool_establishment(c->pool, groups[k])->name);
	}
	return g_string_free(s, FALSE);
}

static char *md_lines(const struct pool_ctx *c, const coopmap_pool_group *g)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < g->n_projects; i++)
		g_string_append_printf(s, "%s%ld", i > 0 ? ", " : "",
			project(c, g->projects[i])->line);
	return g_string_free(s, FALSE);
}

static char *md_spellings(const coopmap_pool_group *g)
{
	GString *s = g_string_new(NULL);

	for (size_t k = 0; k < g->n_variants; k++) {
		char *escaped = coopmap_report_markdown_text(g->variants[k]);

		/* TRANSLATORS: one spelling of a partner hospital, quoted. */
		g_string_append_printf(s, _("%s\"%s\""), k > 0 ? ", " : "",
			escaped);
		g_free(escaped);
	}
	return g_string_free(s, FALSE);
}

static void md_shared_partner(const struct pool_ctx *c,
	const coopmap_pool_group *p)
{
	GString *name = g_string_new(NULL), *where = g_string_new(NULL);
	GString *peers = g_string_new(NULL);
	char *lines = md_lines(c, p);

	md_append(name, p->name);
	md_append(where, p->city);
	g_string_append_printf(where, "%s%s", p->city[0] ? ", " : "",
		coopmap_country_name(p->country, c->a->lang));
	for (size_t k = 0; k < p->n_peers; k++) {
		g_string_append(peers, k > 0 ? ", " : "");
		md_append(peers, coopmap_pool_establishment(c->pool,
			p->peers[k])->name);
	}
	/* TRANSLATORS: a partner hospital shared by several French
	 * establishments: its name, its city and country, the establishments,
	 * the lines of the list. */
	printf(_n("- **%s** (%s): %s (line %s)", "- **%s** (%s): %s (lines %s)",
		p->n_projects), name->str, where->str, peers->str, lines);
	if (p->n_variants > 1) {
		char *spellings = md_spellings(p);

		printf(_n("; spelling %s", "; spellings %s", p->n_variants),
			spellings);
		g_free(spellings);
	}
	printf("\n");
	g_free(lines);
	g_string_free(name, TRUE);
	g_string_free(where, TRUE);
	g_string_free(peers, TRUE);
}

static void md_shared_partners(const struct pool_ctx *c)
{
	size_t shown = 0;

	printf(_("## Partner hospitals shared by several establishments\n\n"));
	for (size_t i = 0; i < coopmap_pool_partner_count(c->pool); i++) {
		const coopmap_pool_group *p = coopmap_pool_partner(c->pool, i);

		if (p->n_peers < 2 || !partner_wanted(c, p))
			continue;
		md_shared_partner(c, p);
		shown++;
	}
	if (shown == 0)
		/* TRANSLATORS: no partner hospital is shared. */
		printf(_("None.\n"));
	printf("\n");
}

/* Establishments other than e sharing, with project record index:
 * level 0 its partner hospital, 1 its partner city, 2 its country. */
static GArray *peers_at(const struct pool_ctx *c, size_t e, size_t index,
	int level)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(size_t));
	const coopmap_project *p = project(c, index);
	const size_t *from = NULL;
	size_t n_from = 0, partner = coopmap_pool_partner_of(c->pool, index);

	if (level == 0 && partner != (size_t)-1) {
		const coopmap_pool_group *g = coopmap_pool_partner(c->pool, partner);

		for (size_t k = 0; k < g->n_peers; k++) {
			if (g->peers[k] != e)
				g_array_append_val(out, g->peers[k]);
		}
		return out;
	}
	if (level == 1 && p->partner_city[0] != '\0') {
		char *key = city_key(p);
		const GArray *city = g_hash_table_lookup(c->by_city, key);

		g_free(key);
		from = city != NULL ? (const size_t *)(const void *)city->data : NULL;
		n_from = city != NULL ? city->len : 0;
	} else if (level == 2) {
		from = coopmap_pool_presence_in(c->by_country, coopmap_country_index(
			c->countries, p->country), &n_from);
	}
	for (size_t k = 0; k < n_from; k++) {
		if (from[k] != e)
			g_array_append_val(out, from[k]);
	}
	return out;
}

/* One project's partner and its three lists of peers. */
static void md_project(const struct pool_ctx *c, size_t e, size_t index,
	const char *partner)
{
	/* The peers of an establishment for one of its partners: with the
	 * same partner hospital, in the same city, in the same country. */
	static const char *const levels[3] = {
		/* TRANSLATORS: %s: French establishments, or "—" when none. */
		N_("  - same partner: %s\n"),
		/* TRANSLATORS: %s: French establishments, or "—" when none. */
		N_("  - same partner city: %s\n"),
		/* TRANSLATORS: %s: French establishments, or "—" when none. */
		N_("  - same country: %s\n")
	};
	const coopmap_project *p = project(c, index);
	GString *where = g_string_new(NULL);

	md_append(where, partner);
	g_string_append(where, partner[0] != '\0' ? ", " : "");
	md_append(where, p->partner_city);
	/* TRANSLATORS: a partner of an establishment, its city, its country
	 * and the line of the list ("l." for line). */
	printf(_("- %s (%s, l. %ld)\n"), where->str,
		coopmap_country_name(p->country, c->a->lang), p->line);
	for (int level = 0; level < 3; level++) {
		GArray *same = peers_at(c, e, index, level);
		char *names = md_names(c, (const size_t *)(const void *)same->data,
			same->len);

		printf(_(levels[level]), same->len > 0 ? names : "—");
		g_free(names);
		g_array_free(same, TRUE);
	}
	g_string_free(where, TRUE);
}

static void md_establishment(const struct pool_ctx *c, size_t e)
{
	const coopmap_pool_group *g = coopmap_pool_establishment(c->pool, e);
	GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
	GString *title = g_string_new(NULL);

	md_append(title, g->name);
	if (g->region[0] != '\0') {
		g_string_append(title, " (");
		md_append(title, g->region);
		g_string_append(title, ")");
	}
	printf("### %s\n\n", title->str);
	for (size_t i = 0; i < g->n_projects; i++) {
		const coopmap_project *p = project(c, g->projects[i]);
		size_t pg = coopmap_pool_partner_of(c->pool, g->projects[i]);
		void *key = GSIZE_TO_POINTER(pg != (size_t)-1 ? pg + 1
			: 1000000000u + coopmap_country_index(c->countries, p->country));

		if (c->country_filter != NULL && p->country != c->country_filter)
			continue;
		if (!g_hash_table_add(done, key))
			continue;
		md_project(c, e, g->projects[i], pg != (size_t)-1
			? coopmap_pool_partner(c->pool, pg)->name : p->partner);
	}
	printf("\n");
	g_string_free(title, TRUE);
	g_hash_table_destroy(done);
}

static void md_countries(const struct pool_ctx *c)
{
	printf(_("## By country\n\n"));
	for (size_t k = 0; k < coopmap_countries_count(c->countries); k++) {
		const coopmap_country *country = coopmap_countries_get(c->countries, k);
		size_t n;
		const size_t *present = coopmap_pool_presence_in(c->by_country, k, &n);
		char *names;

		if ((c->country_filter != NULL && country != c->country_filter) ||
		    n == 0)
			continue;
		names = md_names(c, present, n);
		/* TRANSLATORS: a country, how many French establishments work
		 * there, and their names. */
		printf(_("- **%s** (%zu): %s\n"), coopmap_country_name(country,
			c->a->lang), n, names);
		g_free(names);
	}
	printf("\n");
}

static void report_md(const struct pool_ctx *c)
{
	GString *path = g_string_new(NULL);

	md_append(path, coopmap_projects_path(c->projects));
	/* TRANSLATORS: the report's title, with the list's file name. */
	printf(_("# Pooling cooperation: %s\n\n"), path->str);
	g_string_free(path, TRUE);
	md_shared_partners(c);
	printf(_("## By French establishment\n\n"));
	for (size_t e = 0; e < coopmap_pool_establishment_count(c->pool); e++) {
		if (establishment_wanted(c, coopmap_pool_establishment(c->pool, e)))
			md_establishment(c, e);
	}
	md_countries(c);
}

static json_t *string_array(const char *const *items, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(items[i]));
	return a;
}

static json_t *rows_array(const struct pool_ctx *c, const coopmap_pool_group *g)
{
	json_t *a = json_array();

	for (size_t i = 0; i < g->n_projects; i++)
		json_array_append_new(a, json_integer(project(c, g->projects[i])->line));
	return a;
}

static json_t *group_names(const coopmap_pool *pool, const coopmap_pool_group *g,
	int partners)
{
	json_t *a = json_array();

	for (size_t k = 0; k < g->n_peers; k++)
		json_array_append_new(a, json_string(partners
			? coopmap_pool_partner(pool, g->peers[k])->name
			: coopmap_pool_establishment(pool, g->peers[k])->name));
	return a;
}

static json_t *json_partners(const struct pool_ctx *c)
{
	json_t *list = json_array();

	for (size_t i = 0; i < coopmap_pool_partner_count(c->pool); i++) {
		const coopmap_pool_group *p = coopmap_pool_partner(c->pool, i);
		json_t *o;

		if (!partner_wanted(c, p))
			continue;
		o = json_object();
		json_object_set_new(o, "name", json_string(p->name));
		json_object_set_new(o, "country", json_string(p->country->iso_a3));
		json_object_set_new(o, "city", json_string(p->city));
		json_object_set_new(o, "variants", string_array(p->variants,
			p->n_variants));
		json_object_set_new(o, "establishments", group_names(c->pool, p, 0));
		json_object_set_new(o, "rows", rows_array(c, p));
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *json_establishments(const struct pool_ctx *c)
{
	json_t *list = json_array();

	for (size_t e = 0; e < coopmap_pool_establishment_count(c->pool); e++) {
		const coopmap_pool_group *g = coopmap_pool_establishment(c->pool, e);
		json_t *o, *countries;

		if (!establishment_wanted(c, g))
			continue;
		o = json_object();
		countries = json_array();
		for (size_t i = 0; i < g->n_projects; i++) {
			const char *code = project(c, g->projects[i])->country->iso_a3;
			int seen = 0;

			for (size_t k = 0; k < json_array_size(countries) && !seen; k++)
				seen = strcmp(json_string_value(json_array_get(countries, k)),
					code) == 0;
			if (!seen)
				json_array_append_new(countries, json_string(code));
		}
		json_object_set_new(o, "name", json_string(g->name));
		json_object_set_new(o, "finess", json_string(g->finess));
		json_object_set_new(o, "region", json_string(g->region));
		json_object_set_new(o, "variants", string_array(g->variants,
			g->n_variants));
		json_object_set_new(o, "partners", group_names(c->pool, g, 1));
		json_object_set_new(o, "countries", countries);
		json_object_set_new(o, "rows", rows_array(c, g));
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *json_countries(const struct pool_ctx *c)
{
	size_t n = coopmap_countries_count(c->countries);
	json_t **rows = g_new0(json_t *, n + 1);
	GArray **partners = g_new0(GArray *, n + 1);
	json_t *list = json_array();

	for (size_t i = 0; i < coopmap_projects_count(c->projects); i++) {
		const coopmap_project *p = project(c, i);
		size_t k = coopmap_country_index(c->countries, p->country);
		size_t pg = coopmap_pool_partner_of(c->pool, i);

		if (rows[k] == NULL) {
			rows[k] = json_array();
			partners[k] = g_array_new(FALSE, FALSE, sizeof(size_t));
		}
		json_array_append_new(rows[k], json_integer(p->line));
		if (pg != (size_t)-1)
			add_unique(partners[k], pg);
	}
	for (size_t k = 0; k < n; k++) {
		const coopmap_country *country = coopmap_countries_get(c->countries, k);
		size_t n_present;
		const size_t *present = coopmap_pool_presence_in(c->by_country, k,
			&n_present);
		json_t *o, *est, *par;

		if (rows[k] == NULL)
			continue;
		if (c->country_filter != NULL && c->country_filter != country) {
			json_decref(rows[k]);
			g_array_free(partners[k], TRUE);
			continue;
		}
		o = json_object();
		est = json_array();
		par = json_array();
		for (size_t j = 0; j < n_present; j++)
			json_array_append_new(est, json_string(coopmap_pool_establishment(
				c->pool, present[j])->name));
		for (guint j = 0; j < partners[k]->len; j++)
			json_array_append_new(par, json_string(coopmap_pool_partner(
				c->pool, g_array_index(partners[k], size_t, j))->name));
		json_object_set_new(o, "iso_a3", json_string(country->iso_a3));
		json_object_set_new(o, "name", json_string(country->name_fr));
		json_object_set_new(o, "establishments", est);
		json_object_set_new(o, "partners", par);
		json_object_set_new(o, "rows", rows[k]);
		json_array_append_new(list, o);
		g_array_free(partners[k], TRUE);
	}
	g_free(rows);
	g_free(partners);
	return list;
}

static int report_json(const struct pool_ctx *c)
{
	json_t *root = json_object();
	int rc;

	json_object_set_new(root, "partners", json_partners(c));
	json_object_set_new(root, "establishments", json_establishments(c));
	json_object_set_new(root, "countries", json_countries(c));
	rc = json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	printf("\n");
	json_decref(root);
	return rc;
}

/* One row per establishment, peer and level of what they share. */
static int report_csv(const struct pool_ctx *c, coopmap_error *err)
{
	static const char *const columns[] = { "establishment", "peer", "level",
		"partner", "partner_city", "country", "line" };
	static const char *const levels[] = { "same_partner", "same_city",
		"same_country" };
	coopmap_report *report = NULL;
	int rc = coopmap_report_open("-", columns, 7, &report, err);

	for (size_t e = 0; rc == COOPMAP_OK &&
	     e < coopmap_pool_establishment_count(c->pool); e++) {
		const coopmap_pool_group *g = coopmap_pool_establishment(c->pool, e);

		if (!establishment_wanted(c, g))
			continue;
		for (size_t i = 0; rc == COOPMAP_OK && i < g->n_projects; i++) {
			const coopmap_project *p = project(c, g->projects[i]);
			char line[32];

			snprintf(line, sizeof(line), "%ld", p->line);
			for (int level = 0; rc == COOPMAP_OK && level < 3; level++) {
				GArray *peers = peers_at(c, e, g->projects[i], level);

				for (guint k = 0; rc == COOPMAP_OK && k < peers->len; k++) {
					const char *cells[7] = { g->name,
						coopmap_pool_establishment(c->pool, g_array_index(
							peers, size_t, k))->name, levels[level],
						p->partner, p->partner_city, p->country->iso_a3,
						line };

					rc = coopmap_report_row(report, cells, err);
				}
				g_array_free(peers, TRUE);
			}
		}
	}
	if (rc == COOPMAP_OK)
		return coopmap_report_commit(report, err);
	coopmap_report_abort(report);
	return rc;
}

static void explain(const coopmap_pool *pool)
{
	for (size_t i = 0; i < coopmap_pool_merge_count(pool); i++) {
		const coopmap_pool_merge *m = coopmap_pool_merge_get(pool, i);

		fprintf(stderr, _("merge: '%s' = '%s' (score %.2f >= %.2f: %s)\n"),
			cli_shown(m->a), cli_shown(m->b), m->score, COOPMAP_PARTNER_SAME,
			cli_shown(m->why));
	}
}

static int parse_pool_args(int argc, char **argv, struct pool_args *a)
{
	int c;

	while ((c = cli_getopt(argc, argv, &pool_usage)) != -1) {
		switch (c) {
		case OPT_FORMAT: a->format = optarg; break;
		case OPT_EST: a->establishment = optarg; break;
		case OPT_PARTNER: a->partner = optarg; break;
		case OPT_COUNTRY: a->country = optarg; break;
		case OPT_REGION: a->region = optarg; break;
		case OPT_EXPLAIN: a->explain = 1; break;
		case CLI_OPT_LANG: a->lang = optarg; break;
		case 'q': a->quiet = 1; break;
		case 'h': cmd_pool_usage(stdout); return -1;
		default:
			if (cli_records_option(&a->records, c, optarg) != 0)
				return EXIT_FAILURE_;
		}
	}
	if (strcmp(a->format, "md") != 0 && strcmp(a->format, "csv") != 0 &&
	    strcmp(a->format, "json") != 0) {
		cli_message("pool: --format '%s': expected md, csv or json", a->format);
		return EXIT_FAILURE_;
	}
	if (optind != argc - 1) {
		cli_message("pool: expected one PROJECTS file");
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

static int resolve_filter(struct pool_ctx *ctx, coopmap_error *err)
{
	coopmap_country_match m;

	if (ctx->a->country == NULL)
		return COOPMAP_OK;
	coopmap_country_resolve(ctx->countries, ctx->a->country, &m);
	if (m.status != COOPMAP_COUNTRY_FOUND)
		return cli_country_error("pool", ctx->a->country, &m, err);
	ctx->country_filter = m.country;
	return COOPMAP_OK;
}

int cmd_pool(int argc, char **argv)
{
	struct pool_args a;
	struct pool_ctx ctx;
	coopmap_countries *countries = NULL;
	coopmap_projects *projects = NULL;
	coopmap_pool *pool = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int rc, status;

	memset(&a, 0, sizeof(a));
	a.format = "md";
	a.lang = coopmap_i18n_lang();
	cli_records_init(&a.records);
	status = parse_pool_args(argc, argv, &a);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	memset(&ctx, 0, sizeof(ctx));
	rc = cli_open_countries("50m", &countries, &err);
	if (rc == COOPMAP_OK)
		rc = cli_read_projects(argv[argc - 1], &a.records, countries,
			&projects, a.quiet, NULL, &err);
	if (rc == COOPMAP_OK)
		rc = coopmap_pool_build(projects, &pool, &err);
	if (rc == COOPMAP_OK) {
		ctx.a = &a;
		ctx.projects = projects;
		ctx.pool = pool;
		ctx.countries = countries;
		rc = build_indexes(&ctx, &err);
	}
	if (rc == COOPMAP_OK) {
		rc = resolve_filter(&ctx, &err);
	}
	if (rc == COOPMAP_OK) {
		if (a.explain)
			explain(pool);
		if (strcmp(a.format, "json") == 0)
			rc = report_json(&ctx) == 0 ? COOPMAP_OK
				: coopmap_error_set(&err, COOPMAP_ERR_IO,
					"cannot write to standard output");
		else if (strcmp(a.format, "csv") == 0)
			rc = report_csv(&ctx, &err);
		else
			report_md(&ctx);
	}
	free_indexes(&ctx);
	coopmap_pool_free(pool);
	coopmap_projects_free(projects);
	coopmap_countries_free(countries);
	return cli_finish(rc, &err);
}
