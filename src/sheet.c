/*
 * sheet.c: the country sheet in Markdown: tables of actors, layers and
 * establishments, every cell from a file escaped, rows in a stable order
 * (the files' order for actors and layers, the pool's for establishments).
 */
#include "coopmap/sheet.h"

#include <glib.h>
#include <string.h>

#include "coopmap/i18n.h"
#include "coopmap/report.h"
#include "intl.h"

struct writer {
	const coopmap_sheet_data *d;
	const char *lang;   /* of the data's texts: names, roles, dates */
	FILE *out;
};

/* Escaped text, an empty cell a dash (g_free). */
static char *md_text(const char *text)
{
	char *safe = coopmap_report_markdown_text(text != NULL ? text : "");

	if (safe[0] != '\0')
		return safe;
	g_free(safe);
	return g_strdup("–");
}

static void md(struct writer *w, const char *text)
{
	char *safe = md_text(text);

	fputs(safe, w->out);
	g_free(safe);
}

/* The header of a table: its columns' names, then the rule. */
static void table_head(struct writer *w, const char *const *names)
{
	size_t n = 0;

	for (; names[n] != NULL; n++)
		fprintf(w->out, "| %s ", names[n]);
	fputs("|\n", w->out);
	for (size_t i = 0; i < n; i++)
		fputs("| --- ", w->out);
	fputs("|\n", w->out);
}

/* "Natural Earth (23 novembre 2026)": the layer's date as the map
 * writes it; as the layer gives it when it is not a day. */
static void source_and_date(const struct writer *w, GString *s,
	const coopmap_layer *l)
{
	char date[64];

	coopmap_i18n_date(coopmap_layer_date(l), w->lang, date, sizeof(date));
	g_string_printf(s, "%s (%s)", coopmap_layer_source(l),
		date[0] != '\0' ? date : coopmap_layer_date(l));
}

static void actor_cells(struct writer *w, const coopmap_actor *a)
{
	fputs("| ", w->out);
	md(w, coopmap_actor_name(a, w->lang));
	fputs(" | ", w->out);
	md(w, coopmap_actor_role_text(a->role, w->lang));
	fputs(" | ", w->out);
}

/* Actors tied to the country: presence rows and policy-layer rows. */
static size_t present_actors(struct writer *w)
{
	const coopmap_actors *actors = w->d->actors;
	size_t n = 0;

	for (size_t i = 0; i < coopmap_actors_count(actors); i++) {
		const coopmap_actor *a = coopmap_actors_get(actors, i);
		long row = -1;

		if (!coopmap_actors_present(actors, i, w->d->country, w->d->layers,
		    &row))
			continue;
		if (n++ == 0)
			/* TRANSLATORS: the columns of the country sheet's table of
			 * the actors present in the country. */
			table_head(w, (const char *const[]){ _("Actor"), _("Role"),
				_("Presence"), _("Source"), NULL });
		actor_cells(w, a);
		if (a->presence_kind == COOPMAP_PRESENCE_LIST) {
			const coopmap_actor_presence *p = coopmap_actors_presence(actors,
				(size_t)row);

			md(w, strcmp(w->lang, "en") == 0 ? p->basis_en : p->basis_fr);
			fputs(" | ", w->out);
			md(w, p->source);
		} else {
			const coopmap_layer *l = coopmap_layer_set_find(w->d->layers,
				a->presence_layer);
			const char *post = coopmap_layer_value(l, (size_t)row, "post");
			const char *notes = coopmap_layer_value(l, (size_t)row, "notes");
			GString *s = g_string_new(NULL);

			if (post[0] != '\0')
				/* TRANSLATORS: the country sheet: an actor present by a
				 * layer (its id) and its post there (from the layer). */
				g_string_printf(s, _("layer %s, post: %s"),
					coopmap_layer_id(l), post);
			else
				g_string_printf(s, _("layer %s"), coopmap_layer_id(l));
			if (notes[0] != '\0')
				g_string_append_printf(s, " ; %s", notes);
			md(w, s->str);
			fputs(" | ", w->out);
			source_and_date(w, s, l);
			md(w, s->str);
			g_string_free(s, TRUE);
		}
		fputs(" |\n", w->out);
	}
	return n;
}

/* Actors of one presence kind (not tied to a country). */
static void actors_of_kind(struct writer *w, coopmap_actor_presence_kind kind)
{
	const coopmap_actors *actors = w->d->actors;

	table_head(w, (const char *const[]){ _("Actor"), _("Role"),
		/* TRANSLATORS: a column of the country sheet: what an actor
		 * brings to a project. */
		_("What it brings"), NULL });
	for (size_t i = 0; i < coopmap_actors_count(actors); i++) {
		const coopmap_actor *a = coopmap_actors_get(actors, i);

		if (a->presence_kind != kind)
			continue;
		actor_cells(w, a);
		md(w, coopmap_actor_description(a, w->lang));
		fputs(" |\n", w->out);
	}
}

static int has_advisers(const struct writer *w)
{
	for (size_t i = 0; i < coopmap_actors_count(w->d->actors); i++) {
		if (coopmap_actors_get(w->d->actors, i)->presence_kind ==
		    COOPMAP_PRESENCE_LAYER && coopmap_actors_present(w->d->actors, i,
		    w->d->country, w->d->layers, NULL))
			return 1;
	}
	return 0;
}

static void layers_section(struct writer *w)
{
	static const char *const skip[] = { "iso_a3", "name_fr", "name_en",
		"source", NULL };
	size_t n = 0;

	for (size_t i = 0; w->d->layers != NULL &&
	     i < coopmap_layer_set_count(w->d->layers); i++) {
		const coopmap_layer *l = coopmap_layer_set_get(w->d->layers, i);
		long row = -1;
		GString *detail = g_string_new(NULL);

		while ((row = coopmap_layer_find(l, w->d->country,
		    (size_t)(row + 1))) >= 0) {
			for (size_t c = 0; c < coopmap_layer_column_count(l); c++) {
				const char *col = coopmap_layer_column_name(l, c);
				const char *v = coopmap_layer_value(l, (size_t)row, col);
				int skipped = 0;

				for (int k = 0; skip[k] != NULL; k++)
					skipped |= strcmp(col, skip[k]) == 0;
				if (!skipped && v[0] != '\0')
					g_string_append_printf(detail, "%s%s : %s",
						detail->len > 0 ? " ; " : "", col, v);
			}
		}
		if (!coopmap_layer_contains(l, w->d->country)) {
			g_string_free(detail, TRUE);
			continue;
		}
		if (n++ == 0)
			/* TRANSLATORS: the columns of the country sheet's table of
			 * the layers the country belongs to. */
			table_head(w, (const char *const[]){ _("Layer"), _("Detail"),
				_("Source (date)"), NULL });
		fputs("| ", w->out);
		md(w, coopmap_layer_title(l, w->lang));
		fprintf(w->out, " (`%s`) | ", coopmap_layer_id(l));
		md(w, detail->str);
		fputs(" | ", w->out);
		source_and_date(w, detail, l);
		md(w, detail->str);
		fputs(" |\n", w->out);
		g_string_free(detail, TRUE);
	}
	if (n == 0)
		fprintf(w->out, "%s\n", _("The country belongs to no layer."));
}

/* Distinct values, in first-seen order, joined by "; ". */
static void add_distinct(GString *s, GHashTable *seen, const char *value)
{
	if (value == NULL || value[0] == '\0' ||
	    !g_hash_table_add(seen, (gpointer)value))
		return;
	g_string_append_printf(s, "%s%s", s->len > 0 ? " ; " : "", value);
}

static int in_country(const struct writer *w, const coopmap_pool_group *g)
{
	for (size_t k = 0; k < g->n_projects; k++) {
		if (coopmap_projects_get(w->d->projects, g->projects[k])->country ==
		    w->d->country)
			return 1;
	}
	return 0;
}

/* One row: the establishment, its partners in the country (each once),
 * themes, funding and the lines of the list. */
static void establishment_row(struct writer *w, const coopmap_pool_group *g)
{
	const coopmap_pool *pool = w->d->pool;
	GString *cell[4];   /* partners, themes, funding, lines */
	GHashTable *seen[3];

	for (int i = 0; i < 4; i++)
		cell[i] = g_string_new(NULL);
	for (int i = 0; i < 3; i++)
		seen[i] = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t k = 0; k < g->n_projects; k++) {
		const coopmap_project *p = coopmap_projects_get(w->d->projects,
			g->projects[k]);
		size_t pg = coopmap_pool_partner_of(pool, g->projects[k]);

		if (p->country != w->d->country)
			continue;
		if (pg != (size_t)-1) {
			const coopmap_pool_group *partner = coopmap_pool_partner(pool, pg);
			char *named = partner->city[0] != '\0'
				? g_strdup_printf("%s (%s)", partner->name, partner->city)
				: g_strdup(partner->name);

			if (g_hash_table_add(seen[0], (gpointer)partner->name))
				g_string_append_printf(cell[0], "%s%s",
					cell[0]->len > 0 ? " ; " : "", named);
			g_free(named);
		}
		add_distinct(cell[1], seen[1], p->theme);
		add_distinct(cell[2], seen[2], p->programme);
		g_string_append_printf(cell[3], "%s%ld", cell[3]->len > 0 ? ", " : "",
			p->line);
	}
	fputs("| ", w->out);
	md(w, g->name);
	for (int i = 0; i < 3; i++) {
		fputs(" | ", w->out);
		md(w, cell[i]->str);
	}
	fprintf(w->out, " | %s |\n", cell[3]->str);
	for (int i = 0; i < 4; i++)
		g_string_free(cell[i], TRUE);
	for (int i = 0; i < 3; i++)
		g_hash_table_destroy(seen[i]);
}

static void establishments_section(struct writer *w)
{
	const coopmap_pool *pool = w->d->pool;

	/* TRANSLATORS: the columns of the country sheet's table of the
	 * French establishments working in the country; the last, the lines
	 * of the project list. */
	table_head(w, (const char *const[]){ _("French establishment"),
		_("Partner(s)"), _("Theme"), _("Funding"), _("Lines"), NULL });
	for (size_t e = 0; e < coopmap_pool_establishment_count(pool); e++) {
		const coopmap_pool_group *g = coopmap_pool_establishment(pool, e);

		if (in_country(w, g))
			establishment_row(w, g);
	}
}

size_t coopmap_sheet_establishment_count(const coopmap_sheet_data *d)
{
	struct writer w = { d, "fr", NULL };
	size_t n = 0;

	if (d->pool == NULL || d->projects == NULL)
		return 0;
	for (size_t e = 0; e < coopmap_pool_establishment_count(d->pool); e++)
		n += in_country(&w, coopmap_pool_establishment(d->pool, e));
	return n;
}

/* Partner hospitals of the country shared by two or more establishments. */
static void shared_partners(struct writer *w)
{
	size_t n = 0;

	for (size_t i = 0; i < coopmap_pool_partner_count(w->d->pool); i++) {
		const coopmap_pool_group *g = coopmap_pool_partner(w->d->pool, i);

		if (g->country != w->d->country || g->n_peers < 2)
			continue;
		if (n++ == 0)
			fprintf(w->out, "\n%s\n\n", _("Partners that several "
				"establishments already work with (pool your efforts):"));
		fputs("- ", w->out);
		md(w, g->name);
		fputs(" : ", w->out);
		for (size_t k = 0; k < g->n_peers; k++) {
			if (k > 0)
				fputs(", ", w->out);
			md(w, coopmap_pool_establishment(w->d->pool, g->peers[k])->name);
		}
		fputc('\n', w->out);
	}
}

int coopmap_sheet_write(const coopmap_sheet_data *d, const char *lang,
	FILE *out)
{
	struct writer w = { d, lang != NULL && strcmp(lang, "en") == 0 ? "en"
		: "fr", out };
	char *name = md_text(coopmap_country_name(d->country, w.lang));
	size_t establishments = coopmap_sheet_establishment_count(d);

	fputs("# ", out);
	/* TRANSLATORS: the country sheet's title: the country's name and its
	 * ISO code. */
	fprintf(out, _("Country sheet: %s (%s)"), name, d->country->iso_a3);
	g_free(name);
	fprintf(out, "\n\n%s\n\n", _("Whom to call before and during a hospital "
		"cooperation project in this country: the actors present, those the "
		"call asks to contact, the priority layers and the French "
		"establishments already there."));
	fprintf(out, "## %s\n\n", _("Actors present in the country"));
	if (present_actors(&w) == 0)
		fprintf(out, "%s\n", _("No network, regional body or embassy "
			"adviser known to the data for this country."));
	if (!has_advisers(&w))
		fprintf(out, "\n%s\n", _("No CAS or CRSM known for this country in "
			"the cas-crsm layer: the list of embassy contacts is to be asked "
			"of the DGOS bureau SR2 (dgos-coop@sante.gouv.fr), as the 2019 "
			"call says."));
	fprintf(out, "\n## %s\n\n", _("To contact for any project (mandatory "
		"criteria of the call)"));
	actors_of_kind(&w, COOPMAP_PRESENCE_CONTACT);
	fprintf(out, "\n## %s\n\n", _("International organisations and NGOs"));
	actors_of_kind(&w, COOPMAP_PRESENCE_INTERNATIONAL);
	fprintf(out, "\n## %s\n\n", _("Priority layers"));
	layers_section(&w);
	fprintf(out, "\n## %s\n\n", _("French establishments already there"));
	if (d->projects == NULL || d->pool == NULL) {
		/* TRANSLATORS: PROJECTS is the name of the argument in the
		 * command's help. */
		fprintf(out, "%s\n", _("No project list given (`coopmap actors "
			"--country ISO3 PROJECTS`)."));
	} else {
		char *path = md_text(coopmap_projects_path(d->projects));

		if (establishments == 0)
			/* TRANSLATORS: %s: the project list's file. */
			fprintf(out, _("No establishment of the list %s works in this "
				"country."), path);
		else
			/* TRANSLATORS: a count of establishments, then the project
			 * list's file; the table below ends with the lines of the
			 * file. */
			fprintf(out, _n("%zu establishment of the list %s (lines of the "
				"file in the last column):", "%zu establishments of the list "
				"%s (lines of the file in the last column):", establishments),
				establishments, path);
		fputs(establishments == 0 ? "\n" : "\n\n", out);
		g_free(path);
		if (establishments > 0) {
			establishments_section(&w);
			shared_partners(&w);
		}
	}
	fprintf(out, "\n%s\n", _("Sources: geodata/actors.csv, actor-presence.csv "
		"and the layers of geodata/layers/ (each row cites its source); the "
		"2019 DGOS call and the summary of the 25 June 2019 day."));
	return ferror(out) ? -1 : 0;
}
