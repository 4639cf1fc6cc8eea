/*
 * records.c: from a table to projects and rejects.  The synonym table says
 * which headers mean which field; it is the documentation too (README).
 */
#include "coopmap/records.h"

#include <ctype.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/table.h"

enum field {
	F_ESTABLISHMENT, F_ESTABLISHMENT_CITY, F_PARTNER, F_PARTNER_CITY,
	F_COUNTRY, F_THEME, F_PROGRAMME, F_YEAR, F_SOURCE, F_COUNT
};

/* Header synonyms, compared after folding (case, accents, punctuation). */
static const char *const synonyms[F_COUNT][8] = {
	[F_ESTABLISHMENT] = { "etablissement francais", "etablissement",
		"etablissement porteur", "french establishment", "establishment",
		"etablissement de sante", NULL },
	[F_ESTABLISHMENT_CITY] = { "ville fr", "ville", "ville etablissement",
		"establishment city", "city", NULL },
	[F_PARTNER] = { "partenaire", "etablissement partenaire", "partner",
		"partner institution", "partner hospital", NULL },
	[F_PARTNER_CITY] = { "ville partenaire", "partner city", NULL },
	[F_COUNTRY] = { "pays", "pays partenaire", "country", "partner country",
		NULL },
	[F_THEME] = { "domaine", "theme", "thematique", "topic", NULL },
	[F_PROGRAMME] = { "financement", "programme", "funding", "program",
		NULL },
	[F_YEAR] = { "annee debut", "annee", "year", "start year", NULL },
	[F_SOURCE] = { "source url", "source", NULL },
};

struct coopmap_projects {
	char *path;
	size_t rows_read;
	GArray *projects;   /* coopmap_project */
	GArray *rejects;    /* coopmap_reject */
	GStringChunk *text;
};

static long find_field(const coopmap_table *table, enum field f)
{
	for (int i = 0; synonyms[f][i] != NULL; i++) {
		long col = coopmap_table_find_column(table, synonyms[f][i]);

		if (col >= 0)
			return col;
	}
	return -1;
}

static const char *cell(coopmap_projects *p, const coopmap_table *table,
	size_t row, long col)
{
	const char *value = col >= 0 ? coopmap_table_cell(table, row, (size_t)col)
		: "";
	char *copy = g_strstrip(g_strdup(value));
	const char *kept = g_string_chunk_insert_const(p->text, copy);

	g_free(copy);
	return kept;
}

static void add_reject(coopmap_projects *p, long line, const char *column,
	const char *value, const char *reason, const char *suggestion)
{
	coopmap_reject r = {
		line,
		g_string_chunk_insert_const(p->text, column),
		g_string_chunk_insert_const(p->text, value),
		g_string_chunk_insert_const(p->text, reason),
		g_string_chunk_insert_const(p->text, suggestion ? suggestion : ""),
	};

	g_array_append_val(p->rejects, r);
}

/* A year is four digits from 1900 to 2100; "" means not given. */
static int parse_year(const char *text, int *year)
{
	size_t len = strlen(text);

	*year = 0;
	if (len == 0)
		return 0;
	if (len != 4)
		return -1;
	for (size_t i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)text[i]))
			return -1;
	}
	*year = atoi(text);
	return *year >= 1900 && *year <= 2100 ? 0 : -1;
}

static void read_row(coopmap_projects *p, const coopmap_table *table,
	size_t row, const long *cols, const coopmap_countries *countries)
{
	coopmap_project project;
	coopmap_country_match match;
	const char *year_text;
	char reason[512];

	memset(&project, 0, sizeof(project));
	project.line = coopmap_table_line(table, row);
	project.establishment = cell(p, table, row, cols[F_ESTABLISHMENT]);
	project.establishment_city = cell(p, table, row, cols[F_ESTABLISHMENT_CITY]);
	project.partner = cell(p, table, row, cols[F_PARTNER]);
	project.partner_city = cell(p, table, row, cols[F_PARTNER_CITY]);
	project.country_text = cell(p, table, row, cols[F_COUNTRY]);
	project.theme = cell(p, table, row, cols[F_THEME]);
	project.programme = cell(p, table, row, cols[F_PROGRAMME]);
	project.source = cell(p, table, row, cols[F_SOURCE]);
	year_text = cell(p, table, row, cols[F_YEAR]);

	const char *country_col = coopmap_table_column_name(table,
		(size_t)cols[F_COUNTRY]);
	if (project.country_text[0] == '\0') {
		add_reject(p, project.line, country_col, "",
			"the partner country is empty", NULL);
		return;
	}
	coopmap_country_resolve(countries, project.country_text, &match);
	if (match.status == COOPMAP_COUNTRY_AMBIGUOUS) {
		snprintf(reason, sizeof(reason),
			"the country is ambiguous: it may be %s", match.suggestion);
		add_reject(p, project.line, country_col, project.country_text,
			reason, match.suggestion);
		return;
	}
	if (match.status != COOPMAP_COUNTRY_FOUND) {
		add_reject(p, project.line, country_col, project.country_text,
			"unknown country", match.suggestion);
		return;
	}
	project.country = match.country;
	if (parse_year(year_text, &project.year) != 0) {
		add_reject(p, project.line, coopmap_table_column_name(table,
			(size_t)cols[F_YEAR]), year_text,
			"the year must be four digits from 1900 to 2100", NULL);
		return;
	}
	g_array_append_val(p->projects, project);
}

int coopmap_projects_read(const char *path, const char *layer_name,
	const coopmap_countries *countries, coopmap_projects **out,
	coopmap_error *err)
{
	coopmap_table *table = NULL;
	coopmap_projects *p;
	long cols[F_COUNT];
	int rc;

	*out = NULL;
	rc = coopmap_table_read(path, layer_name, &table, err);
	if (rc != COOPMAP_OK)
		return rc;
	for (int f = 0; f < F_COUNT; f++)
		cols[f] = find_field(table, (enum field)f);
	if (cols[F_COUNTRY] < 0) {
		coopmap_table_free(table);
		return coopmap_error_set(err, COOPMAP_ERR_INPUT,
			"%s: no column names the partner country (accepted "
			"headers: pays, pays partenaire, country, partner country)",
			path);
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		coopmap_table_free(table);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	p->path = g_strdup(path);
	p->projects = g_array_new(FALSE, TRUE, sizeof(coopmap_project));
	p->rejects = g_array_new(FALSE, TRUE, sizeof(coopmap_reject));
	p->text = g_string_chunk_new(64 * 1024);
	p->rows_read = coopmap_table_row_count(table);
	for (size_t row = 0; row < p->rows_read; row++)
		read_row(p, table, row, cols, countries);
	coopmap_table_free(table);
	*out = p;
	return COOPMAP_OK;
}

void coopmap_projects_free(coopmap_projects *p)
{
	if (p == NULL)
		return;
	g_array_free(p->projects, TRUE);
	g_array_free(p->rejects, TRUE);
	g_string_chunk_free(p->text);
	g_free(p->path);
	free(p);
}

const char *coopmap_projects_path(const coopmap_projects *p)
{
	return p->path;
}

size_t coopmap_projects_rows_read(const coopmap_projects *p)
{
	return p->rows_read;
}

size_t coopmap_projects_count(const coopmap_projects *p)
{
	return p->projects->len;
}

const coopmap_project *coopmap_projects_get(const coopmap_projects *p, size_t i)
{
	return i < p->projects->len
		? &g_array_index(p->projects, coopmap_project, i) : NULL;
}

size_t coopmap_projects_reject_count(const coopmap_projects *p)
{
	return p->rejects->len;
}

const coopmap_reject *coopmap_projects_reject_get(const coopmap_projects *p,
	size_t i)
{
	return i < p->rejects->len
		? &g_array_index(p->rejects, coopmap_reject, i) : NULL;
}
