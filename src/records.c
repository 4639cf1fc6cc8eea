/*
 * records.c: from a table to projects and rejects.  The synonym table says
 * which headers mean which field; it is the documentation too (README).
 */
#include "coopmap/records.h"

#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "coopmap/table.h"
#include "intl.h"

struct field_info {
	const char *name;
	const char *synonyms[12];   /* folded headers, most specific first */
};

static const struct field_info fields[COOPMAP_FIELD_COUNT] = {
	[COOPMAP_FIELD_ESTABLISHMENT] = { "establishment", { "etablissement francais",
		"etablissement", "etablissement porteur", "etablissement de sante",
		"french establishment", "establishment", "french hospital", NULL } },
	[COOPMAP_FIELD_FINESS] = { "finess", { "finess", "n finess",
		"numero finess", "finess et", "finess ej", NULL } },
	[COOPMAP_FIELD_ESTABLISHMENT_CITY] = { "establishment_city", { "ville fr",
		"ville", "ville etablissement", "commune", "establishment city",
		"city", NULL } },
	[COOPMAP_FIELD_REGION] = { "region", { "region", "region ars", "ars",
		NULL } },
	[COOPMAP_FIELD_PARTNER] = { "partner", { "partenaire",
		"etablissement partenaire", "structure partenaire", "partner",
		"partner institution", "partner hospital", NULL } },
	[COOPMAP_FIELD_PARTNER_CITY] = { "partner_city", { "ville partenaire",
		"ville du partenaire", "partner city", NULL } },
	[COOPMAP_FIELD_COUNTRY] = { "country", { "pays", "pays partenaire",
		"pays du partenaire", "country", "partner country", NULL } },
	[COOPMAP_FIELD_THEME] = { "theme", { "domaine", "theme", "thematique",
		"specialite", "discipline", "topic", "field", NULL } },
	[COOPMAP_FIELD_PROGRAMME] = { "programme", { "financement", "programme",
		"dispositif", "financeur", "funding", "program", "funder", NULL } },
	[COOPMAP_FIELD_YEAR] = { "year", { "annee debut", "annee", "annee de debut",
		"year", "start year", "year started", NULL } },
	[COOPMAP_FIELD_AMOUNT] = { "amount", { "montant", "montant eur",
		"montant accorde", "subvention", "amount", NULL } },
	[COOPMAP_FIELD_TRAINED] = { "trained", { "personnes formees",
		"nombre de personnes formees", "professionnels formes",
		"people trained", "trained", NULL } },
	[COOPMAP_FIELD_MISSIONS] = { "missions", { "missions",
		"nombre de missions", "missions effectuees", NULL } },
	[COOPMAP_FIELD_DELEGATIONS] = { "delegations", { "delegations accueillies",
		"delegations", "nombre de delegations accueillies",
		"delegations hosted", NULL } },
	[COOPMAP_FIELD_ESTABLISHMENT_LAT] = { "establishment_lat", {
		"latitude etablissement", "latitude fr", "establishment latitude",
		"latitude", "lat", NULL } },
	[COOPMAP_FIELD_ESTABLISHMENT_LON] = { "establishment_lon", {
		"longitude etablissement", "longitude fr", "establishment longitude",
		"longitude", "lon", "lng", NULL } },
	[COOPMAP_FIELD_PARTNER_LAT] = { "partner_lat", { "latitude partenaire",
		"partner latitude", "lat partenaire", NULL } },
	[COOPMAP_FIELD_PARTNER_LON] = { "partner_lon", { "longitude partenaire",
		"partner longitude", "lon partenaire", NULL } },
	[COOPMAP_FIELD_SOURCE] = { "source", { "source url", "source", "url",
		NULL } },
	[COOPMAP_FIELD_LEAD] = { "lead", { "responsable du projet",
		"responsable projet", "chef de projet", "porteur du projet",
		"referent", "project lead", "project leader", NULL } },
	[COOPMAP_FIELD_PARTNER_LEAD] = { "partner_lead", {
		"responsable partenaire", "responsable du projet partenaire",
		"referent partenaire", "partner lead", "partner project lead",
		NULL } },
	[COOPMAP_FIELD_DURATION] = { "duration", { "duree", "duree du projet",
		"duree mois", "duration", NULL } },
	[COOPMAP_FIELD_AGREEMENT] = { "agreement", { "convention signee",
		"convention", "convention de partenariat", "accord signe",
		"signed agreement", "agreement", NULL } },
};

static const char *const reject_labels[COOPMAP_REJECT_REASON_COUNT][2] = {
	[COOPMAP_REJECT_COUNTRY_EMPTY] = { "empty country", "pays vide" },
	[COOPMAP_REJECT_COUNTRY_UNKNOWN] = { "unknown country", "pays inconnu" },
	[COOPMAP_REJECT_COUNTRY_AMBIGUOUS] = { "ambiguous country", "pays ambigu" },
	[COOPMAP_REJECT_YEAR] = { "not a year", "année invalide" },
	[COOPMAP_REJECT_NUMBER] = { "not a number", "nombre invalide" },
	[COOPMAP_REJECT_NEGATIVE] = { "negative count", "nombre négatif" },
	[COOPMAP_REJECT_EXTRA_CELLS] = { "more cells than columns",
		"cellules en trop" },
	[COOPMAP_REJECT_COORDINATE] = { "coordinate out of range",
		"coordonnée hors limites" },
	[COOPMAP_REJECT_ENCODING] = { "invalid UTF-8", "UTF-8 invalide" },
};

struct coopmap_projects {
	char *path;
	char encoding[32];
	char encoding_note[256];
	size_t rows_read, rows_joined;
	long header_line;   /* 1, or below a title */
	GArray *projects;   /* coopmap_project */
	GArray *rejects;    /* coopmap_reject */
	GArray *notes;      /* coopmap_reject: cells of kept rows */
	char sheet_note[512];  /* which sheet was read, of several; or "" */
	GStringChunk *text;
	size_t n_columns;
	char **headers;     /* in text */
	int *column_field;
	coopmap_table *table;   /* cells are borrowed from it */
};

/* The French names --map also takes ("ville_partenaire"), and help
 * lists in a French run. */
static const char *const field_names_fr[COOPMAP_FIELD_COUNT] = {
	[COOPMAP_FIELD_ESTABLISHMENT] = "etablissement",
	[COOPMAP_FIELD_FINESS] = "finess",
	[COOPMAP_FIELD_ESTABLISHMENT_CITY] = "ville_etablissement",
	[COOPMAP_FIELD_REGION] = "region",
	[COOPMAP_FIELD_PARTNER] = "partenaire",
	[COOPMAP_FIELD_PARTNER_CITY] = "ville_partenaire",
	[COOPMAP_FIELD_COUNTRY] = "pays",
	[COOPMAP_FIELD_THEME] = "theme",
	[COOPMAP_FIELD_PROGRAMME] = "programme",
	[COOPMAP_FIELD_YEAR] = "annee",
	[COOPMAP_FIELD_AMOUNT] = "montant",
	[COOPMAP_FIELD_TRAINED] = "formes",
	[COOPMAP_FIELD_MISSIONS] = "missions",
	[COOPMAP_FIELD_DELEGATIONS] = "delegations",
	[COOPMAP_FIELD_ESTABLISHMENT_LAT] = "lat_etablissement",
	[COOPMAP_FIELD_ESTABLISHMENT_LON] = "lon_etablissement",
	[COOPMAP_FIELD_PARTNER_LAT] = "lat_partenaire",
	[COOPMAP_FIELD_PARTNER_LON] = "lon_partenaire",
	[COOPMAP_FIELD_SOURCE] = "source",
	[COOPMAP_FIELD_LEAD] = "responsable",
	[COOPMAP_FIELD_PARTNER_LEAD] = "responsable_partenaire",
	[COOPMAP_FIELD_DURATION] = "duree",
	[COOPMAP_FIELD_AGREEMENT] = "convention",
};

const char *coopmap_field_name(coopmap_field field)
{
	return field < COOPMAP_FIELD_COUNT ? fields[field].name : "";
}

const char *coopmap_field_name_in(coopmap_field field, const char *lang)
{
	if (field >= COOPMAP_FIELD_COUNT)
		return "";
	return lang != NULL && strcmp(lang, "en") == 0 ? fields[field].name
		: field_names_fr[field];
}

const char *const *coopmap_field_synonyms(coopmap_field field)
{
	return fields[field].synonyms;
}

int coopmap_field_from_name(const char *name)
{
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
		if (strcmp(fields[f].name, name) == 0 ||
		    strcmp(field_names_fr[f], name) == 0)
			return f;
	}
	return -1;
}

/* Whether the words of phrase stand, in order and whole, in folded. */
static int holds_words(const char *folded, const char *phrase)
{
	size_t n = strlen(phrase);

	for (const char *at = strstr(folded, phrase); at != NULL;
	     at = strstr(at + 1, phrase)) {
		if ((at == folded || at[-1] == ' ') &&
		    (at[n] == '\0' || at[n] == ' '))
			return 1;
	}
	return 0;
}

/* Whether a word of a and one of b share their first six letters. */
static int share_stem(const char *a, const char *b)
{
	gchar **wa = g_strsplit(a, " ", -1), **wb = g_strsplit(b, " ", -1);
	int found = 0;

	for (size_t i = 0; wa[i] != NULL && !found; i++)
		for (size_t j = 0; wb[j] != NULL && !found; j++)
			found = strlen(wa[i]) >= 6 && strlen(wb[j]) >= 6 &&
				strncmp(wa[i], wb[j], 6) == 0;
	g_strfreev(wa);
	g_strfreev(wb);
	return found;
}

int coopmap_field_suggest(const char *header)
{
	char *folded = coopmap_names_fold(header);
	int best = -1;
	size_t best_len = 0;

	/* The longest header phrase standing in it wins ("ville partenaire"
	 * over "ville"); then a shared stem. */
	for (int f = 0; folded != NULL && f < COOPMAP_FIELD_COUNT; f++)
		for (int i = 0; fields[f].synonyms[i] != NULL; i++)
			if (strlen(fields[f].synonyms[i]) > best_len &&
			    holds_words(folded, fields[f].synonyms[i])) {
				best = f;
				best_len = strlen(fields[f].synonyms[i]);
			}
	for (int f = 0; folded != NULL && best < 0 && f < COOPMAP_FIELD_COUNT;
	     f++)
		for (int i = 0; best < 0 && fields[f].synonyms[i] != NULL; i++)
			if (share_stem(folded, fields[f].synonyms[i]))
				best = f;
	free(folded);
	return best;
}

const char *coopmap_reject_label(coopmap_reject_reason code, const char *lang)
{
	int fr = lang == NULL || strcmp(lang, "en") != 0;

	return code < COOPMAP_REJECT_REASON_COUNT ? reject_labels[code][fr] : "";
}

/* Column of each field: --map first, then the synonyms in order (a more
 * specific header wins over a generic one, whatever the column order). */
static int map_columns(const coopmap_table *table,
	const coopmap_records_opts *opts, long *cols, coopmap_error *err)
{
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++)
		cols[f] = -1;
	for (size_t i = 0; i < opts->n_map; i++) {
		const char *eq = strrchr(opts->map[i], '=');
		char header[512];
		int f;
		long col;

		if (eq == NULL || (size_t)(eq - opts->map[i]) >= sizeof(header))
			return coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"--map '%s': expected HEADER=FIELD", opts->map[i]);
		memcpy(header, opts->map[i], (size_t)(eq - opts->map[i]));
		header[eq - opts->map[i]] = '\0';
		f = coopmap_field_from_name(eq + 1);
		if (f < 0)
			return coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"--map '%s': unknown field '%s' (see 'coopmap columns "
				"--help')", opts->map[i], eq + 1);
		col = coopmap_table_find_column(table, header);
		if (col < 0)
			return coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"--map '%s': %s has no column '%s'", opts->map[i],
				coopmap_table_path(table), header);
		cols[f] = col;
	}
	for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
		for (int i = 0; cols[f] < 0 && fields[f].synonyms[i] != NULL; i++) {
			long col = coopmap_table_find_column(table,
				fields[f].synonyms[i]);
			int taken = 0;

			for (int g = 0; g < COOPMAP_FIELD_COUNT && col >= 0; g++)
				taken |= cols[g] == col;
			if (col >= 0 && !taken)
				cols[f] = col;
		}
	}
	return COOPMAP_OK;
}

/* A cell without its surrounding spaces.  The table lives as long as the
 * projects, so a cell that needs no trimming is not copied. */
static const char *cell(coopmap_projects *p, const coopmap_table *table,
	size_t row, long col)
{
	const char *value = col >= 0 ? coopmap_table_cell(table, row, (size_t)col)
		: "";
	size_t len = strlen(value);
	char *copy;
	const char *kept;

	if (len == 0 || (!g_ascii_isspace(value[0]) &&
	    !g_ascii_isspace(value[len - 1])))
		return value;
	copy = g_strstrip(g_strdup(value));
	kept = g_string_chunk_insert_const(p->text, copy);
	g_free(copy);
	return kept;
}

static void add_to(GArray *list, coopmap_projects *p, long line,
	coopmap_reject_reason code, const char *column, const char *value,
	const char *reason, const char *suggestion)
{
	coopmap_reject r = {
		line, code,
		g_string_chunk_insert_const(p->text, column),
		g_string_chunk_insert_const(p->text, value),
		g_string_chunk_insert_const(p->text, reason),
		g_string_chunk_insert_const(p->text, suggestion ? suggestion : ""),
	};

	g_array_append_val(list, r);
}

static void add_reject(coopmap_projects *p, long line, coopmap_reject_reason code,
	const char *column, const char *value, const char *reason,
	const char *suggestion)
{
	add_to(p->rejects, p, line, code, column, value, reason, suggestion);
}

/* A cell of a kept row that was not read as written: the project stays. */
static void add_note(coopmap_projects *p, long line,
	coopmap_reject_reason code, const char *column, const char *value,
	const char *reason)
{
	add_to(p->notes, p, line, code, column, value, reason, NULL);
}

static int four_digit_year(const char *text, size_t len)
{
	int year;

	if (len != 4)
		return 0;
	for (size_t i = 0; i < 4; i++)
		if (!isdigit((unsigned char)text[i]))
			return 0;
	year = atoi(text);
	return year >= 1900 && year <= 2100 ? year : 0;
}

/*
 * A start year: four digits from 1900 to 2100; "" is not given (0).
 * Written otherwise, the year people mean, with why in note (else ""):
 * a range ("2017-2019", "2017 à 2019") starts at its first year; one year
 * among words ("vers 2010", "depuis 2015", "2019 (prévu)") is that year.
 * Returns -1 when no year can be read (*year is then 0).
 */
static int parse_year(const char *text, int *year, char *note, size_t size)
{
	GRegex *re;
	GMatchInfo *m = NULL;
	int found[2] = { 0, 0 }, n = 0, ok;

	*year = 0;
	note[0] = '\0';
	if (text[0] == '\0')
		return 0;
	if ((*year = four_digit_year(text, strlen(text))) != 0)
		return 0;
	/* The years written in the cell, as whole numbers of four digits. */
	re = g_regex_new("(?<![0-9])[0-9]{4}(?![0-9])", 0, 0, NULL);
	ok = g_regex_match(re, text, 0, &m);
	while (ok && n < 3) {
		gchar *w = g_match_info_fetch(m, 0);

		if (n < 2)
			found[n] = four_digit_year(w, strlen(w));
		n++;
		g_free(w);
		ok = g_match_info_next(m, NULL);
	}
	g_match_info_free(m);
	g_regex_unref(re);
	if (n == 1 && found[0] != 0) {
		*year = found[0];
		snprintf(note, size, _("read as %d"), *year);
		return 0;
	}
	if (n == 2 && found[0] != 0 && found[1] >= found[0]) {
		*year = found[0];
		snprintf(note, size, _("a range: its first year, %d, starts the "
			"project"), *year);
		return 0;
	}
	return -1;
}

/*
 * A number as French spreadsheets write it: "15 000", "15 000 €",
 * "12,5", "1.5".  Spaces (also no-break ones) group thousands; a comma is
 * the decimal mark.  "" is NAN (not given).  Returns -1 when not a number.
 */
static int parse_number(const char *text, double *out)
{
	GString *clean = g_string_new(NULL);
	char *end;
	double v;
	int rc = 0;

	*out = NAN;
	for (const char *s = text; *s != '\0'; s = g_utf8_next_char(s)) {
		gunichar c = g_utf8_get_char(s);

		if (g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F || c == 0x20AC)
			continue;
		g_string_append_unichar(clean, c == ',' ? '.' : c);
	}
	if (g_ascii_strcasecmp(clean->str, "eur") == 0)
		g_string_truncate(clean, 0);
	else if (clean->len > 3 &&
	    g_ascii_strcasecmp(clean->str + clean->len - 3, "eur") == 0)
		g_string_truncate(clean, clean->len - 3);
	if (clean->len > 0) {
		errno = 0;
		v = g_ascii_strtod(clean->str, &end);
		if (errno != 0 || *end != '\0' || !isfinite(v))
			rc = -1;
		else
			*out = v;
	}
	g_string_free(clean, TRUE);
	return rc;
}

struct row_ctx {
	coopmap_projects *p;
	const coopmap_table *table;
	const long *cols;
	long line;
	GHashTable *resolved;   /* country text -> coopmap_country_match */
};

/*
 * A list names a few dozen countries over thousands of rows: resolve each
 * distinct text once (an unknown text also costs a search for the closest
 * name, the slowest part of reading).
 */
static const coopmap_country_match *resolve_cached(struct row_ctx *r,
	const coopmap_countries *countries, const char *text)
{
	coopmap_country_match *m = g_hash_table_lookup(r->resolved, text);

	if (m == NULL) {
		m = g_new(coopmap_country_match, 1);
		coopmap_country_resolve(countries, text, m);
		g_hash_table_insert(r->resolved, g_strdup(text), m);
	}
	return m;
}

static const char *header_of(const struct row_ctx *r, coopmap_field f)
{
	return coopmap_table_column_name(r->table, (size_t)r->cols[f]);
}

/* Counts and coordinates: NAN when absent; a reject when malformed. */
static int read_numbers(struct row_ctx *r, size_t row, coopmap_project *pr)
{
	static const coopmap_field counts[] = { COOPMAP_FIELD_AMOUNT,
		COOPMAP_FIELD_TRAINED, COOPMAP_FIELD_MISSIONS,
		COOPMAP_FIELD_DELEGATIONS, COOPMAP_FIELD_ESTABLISHMENT_LAT,
		COOPMAP_FIELD_ESTABLISHMENT_LON, COOPMAP_FIELD_PARTNER_LAT,
		COOPMAP_FIELD_PARTNER_LON };
	double *targets[] = { &pr->amount, &pr->trained, &pr->missions,
		&pr->delegations, &pr->establishment_lat, &pr->establishment_lon,
		&pr->partner_lat, &pr->partner_lon };
	int bad[8] = { 0 };

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		const char *text = cell(r->p, r->table, row, r->cols[counts[i]]);
		int is_lat = counts[i] == COOPMAP_FIELD_ESTABLISHMENT_LAT ||
			counts[i] == COOPMAP_FIELD_PARTNER_LAT;
		int is_coord = i >= 4;

		/* An optional figure that cannot be read is left out, and said:
		 * the project stays on the map. */
		if (parse_number(text, targets[i]) != 0) {
			*targets[i] = NAN;
			bad[i] = 1;
			add_note(r->p, r->line, COOPMAP_REJECT_NUMBER,
				header_of(r, counts[i]), text, _("not a number: the project "
				"is kept without this figure"));
		} else if (!is_coord && *targets[i] < 0) {
			*targets[i] = NAN;
			add_note(r->p, r->line, COOPMAP_REJECT_NEGATIVE,
				header_of(r, counts[i]), text, _("a count or an amount cannot "
				"be negative: the project is kept without this figure"));
		} else if (is_coord && !isnan(*targets[i]) &&
		    fabs(*targets[i]) > (is_lat ? 90.0 : 180.0)) {
			*targets[i] = NAN;
			bad[i] = 1;
			add_note(r->p, r->line, COOPMAP_REJECT_COORDINATE,
				header_of(r, counts[i]), text, is_lat
				? _("a latitude is within -90..90 degrees: the place is looked "
				"for by its city") : _("a longitude is within -180..180 degrees: "
				"the place is looked for by its city"));
		}
	}
	/* A coordinate left out takes its pair with it: the place is then
	 * looked for by its city. */
	for (size_t i = 4; i + 1 < sizeof(counts) / sizeof(counts[0]); i += 2)
		if (bad[i] || bad[i + 1])
			*targets[i] = *targets[i + 1] = NAN;
	return 0;
}

/* Split "Bénin, Togo" / "Bénin / Togo" / "Bénin et Togo" into parts. */
static gchar **split_countries(const char *text)
{
	GRegex *re = g_regex_new("\\s*(?:[,;/+&\\n]|\\s(?:et|and)\\s)\\s*",
		G_REGEX_CASELESS, 0, NULL);
	gchar **parts = g_regex_split(re, text, 0);

	g_regex_unref(re);
	return parts;
}

static void append_project(coopmap_projects *p, const coopmap_project *base,
	const char *text, const coopmap_country *country, int part)
{
	coopmap_project pr = *base;

	pr.part = part;
	pr.country_text = g_string_chunk_insert_const(p->text, text);
	pr.country = country;
	g_array_append_val(p->projects, pr);
}

static int reject_country(struct row_ctx *r, const char *whole,
	const char *part, const coopmap_country_match *m)
{
	/* Allocated: the cell's text may be of any length. */
	gchar *reason;

	if (m->status == COOPMAP_COUNTRY_AMBIGUOUS) {
		reason = g_strdup_printf(_("'%s' is ambiguous: it may be %s"), part,
			m->suggestion);
		add_reject(r->p, r->line, COOPMAP_REJECT_COUNTRY_AMBIGUOUS,
			header_of(r, COOPMAP_FIELD_COUNTRY), whole, reason,
			m->suggestion);
	} else {
		if (m->placeholder)
			reason = g_strdup_printf(_("'%s' stands for a missing value, "
				"not a country: write the country's name or its "
				"three-letter code (NCL for New Caledonia)"), part);
		else if (strcmp(whole, part) == 0)
			reason = g_strdup(_("unknown country"));
		else
			reason = g_strdup_printf(_("unknown country '%s'"), part);
		add_reject(r->p, r->line, COOPMAP_REJECT_COUNTRY_UNKNOWN,
			header_of(r, COOPMAP_FIELD_COUNTRY), whole, reason,
			m->suggestion);
	}
	g_free(reason);
	return -1;
}

/* The country cell: whole, or else every part of a list; one record per
 * country. */
static int join_countries(struct row_ctx *r, const coopmap_countries *countries,
	const coopmap_project *base)
{
	const char *text = base->country_text;
	const coopmap_country_match *whole, *m;
	gchar **parts;
	int n = 0, rc = 0;

	whole = resolve_cached(r, countries, text);
	if (whole->status == COOPMAP_COUNTRY_FOUND) {
		append_project(r->p, base, text, whole->country, 0);
		return 0;
	}
	/* "Serbie et Monténégro" is one (ambiguous) name, not a list. */
	if (whole->status == COOPMAP_COUNTRY_AMBIGUOUS)
		return reject_country(r, text, text, whole);
	parts = split_countries(text);
	for (int i = 0; parts[i] != NULL; i++)
		n += parts[i][0] != '\0';
	if (n < 2) {
		g_strfreev(parts);
		return reject_country(r, text, text, whole);
	}
	for (int i = 0; parts[i] != NULL && rc == 0; i++) {
		if (parts[i][0] == '\0')
			continue;
		m = resolve_cached(r, countries, parts[i]);
		if (m->status != COOPMAP_COUNTRY_FOUND)
			rc = reject_country(r, text, parts[i], m);
	}
	for (int i = 0, k = 1; parts[i] != NULL && rc == 0; i++) {
		if (parts[i][0] == '\0')
			continue;
		m = resolve_cached(r, countries, parts[i]);
		append_project(r->p, base, parts[i], m->country, k++);
	}
	g_strfreev(parts);
	return rc;
}

/* The cell of row holding U+FFFD (a bad sequence's stand-in), or -1. */
static long replaced_cell(const coopmap_table *table, size_t row)
{
	for (size_t c = 0; c < coopmap_table_column_count(table); c++) {
		if (strstr(coopmap_table_cell(table, row, c), "\xEF\xBF\xBD") != NULL)
			return (long)c;
	}
	return -1;
}

/* The row holds bytes that are not UTF-8: nothing of it is mangled on a
 * map or in an export; the user is told where to look. */
static void reject_bad_utf8(coopmap_projects *p, const coopmap_table *table,
	size_t row, long line, const coopmap_table_bad_utf8 *bad)
{
	long col = replaced_cell(table, row);
	gchar *reason;

	if (bad->line == line)
		reason = g_strdup_printf(_("bytes %s at column %ld are not valid "
			"UTF-8 (shown as U+FFFD), in a file that is UTF-8 elsewhere: "
			"fix them, or give the file's encoding with --encoding"),
			bad->bytes, bad->column);
	else
		reason = g_strdup_printf(_("bytes %s on line %ld, column %ld, are not "
			"valid UTF-8 (shown as U+FFFD), in a file that is UTF-8 "
			"elsewhere: fix them, or give the file's encoding with "
			"--encoding"), bad->bytes, bad->line, bad->column);
	add_reject(p, line, COOPMAP_REJECT_ENCODING, col >= 0
		? coopmap_table_column_name(table, (size_t)col) : "", col >= 0
		? coopmap_table_cell(table, row, (size_t)col) : "", reason, NULL);
	g_free(reason);
}

/* The first bad UTF-8 sequence within row's lines (from the row's line to
 * the next row's), or NULL; *next walks the sequences with the rows. */
static const coopmap_table_bad_utf8 *bad_utf8_of_row(
	const coopmap_table *table, size_t row, size_t *next)
{
	long from = coopmap_table_line(table, row);
	long to = row + 1 < coopmap_table_row_count(table)
		? coopmap_table_line(table, row + 1) : LONG_MAX;
	const coopmap_table_bad_utf8 *bad;

	while ((bad = coopmap_table_bad_utf8_get(table, *next)) != NULL &&
	    bad->line < from)
		(*next)++;
	return bad != NULL && bad->line < to ? bad : NULL;
}

static void read_row(coopmap_projects *p, const coopmap_table *table,
	size_t row, const long *cols, const coopmap_countries *countries,
	GHashTable *resolved, const coopmap_table_bad_utf8 *bad)
{
	struct row_ctx r = { p, table, cols, coopmap_table_line(table, row),
		resolved };
	coopmap_project pr;
	const char *year_text;
	char note[160];

	memset(&pr, 0, sizeof(pr));
	pr.line = r.line;
	pr.establishment = cell(p, table, row, cols[COOPMAP_FIELD_ESTABLISHMENT]);
	pr.finess = cell(p, table, row, cols[COOPMAP_FIELD_FINESS]);
	pr.establishment_city = cell(p, table, row,
		cols[COOPMAP_FIELD_ESTABLISHMENT_CITY]);
	pr.region = cell(p, table, row, cols[COOPMAP_FIELD_REGION]);
	pr.partner = cell(p, table, row, cols[COOPMAP_FIELD_PARTNER]);
	pr.partner_city = cell(p, table, row, cols[COOPMAP_FIELD_PARTNER_CITY]);
	pr.country_text = cell(p, table, row, cols[COOPMAP_FIELD_COUNTRY]);
	pr.theme = cell(p, table, row, cols[COOPMAP_FIELD_THEME]);
	pr.programme = cell(p, table, row, cols[COOPMAP_FIELD_PROGRAMME]);
	pr.source = cell(p, table, row, cols[COOPMAP_FIELD_SOURCE]);
	pr.lead = cell(p, table, row, cols[COOPMAP_FIELD_LEAD]);
	pr.partner_lead = cell(p, table, row, cols[COOPMAP_FIELD_PARTNER_LEAD]);
	pr.duration = cell(p, table, row, cols[COOPMAP_FIELD_DURATION]);
	pr.agreement = cell(p, table, row, cols[COOPMAP_FIELD_AGREEMENT]);
	year_text = cell(p, table, row, cols[COOPMAP_FIELD_YEAR]);

	if (bad != NULL) {
		reject_bad_utf8(p, table, row, r.line, bad);
		return;
	}
	/* The extra cells are lost, and the others may have shifted (a comma
	 * inside an unquoted name): nothing of the row can be trusted. */
	if (coopmap_table_extra_cells(table, row) > 0) {
		char reason[256];
		int extra = coopmap_table_extra_cells(table, row);

		snprintf(reason, sizeof(reason), _n("%d cell more than the %zu "
			"column names (a separator inside an unquoted cell? quote it)",
			"%d cells more than the %zu column names (a separator inside an "
			"unquoted cell? quote it)", (unsigned long)extra), extra,
			coopmap_table_column_count(table));
		add_reject(p, r.line, COOPMAP_REJECT_EXTRA_CELLS, "", "", reason,
			NULL);
		return;
	}
	if (pr.country_text[0] == '\0') {
		add_reject(p, r.line, COOPMAP_REJECT_COUNTRY_EMPTY,
			header_of(&r, COOPMAP_FIELD_COUNTRY), "",
			_("the partner country is empty"), NULL);
		return;
	}
	if (parse_year(year_text, &pr.year, note, sizeof(note)) != 0)
		add_note(p, r.line, COOPMAP_REJECT_YEAR,
			header_of(&r, COOPMAP_FIELD_YEAR), year_text,
			_("not a year (four digits from 1900 to 2100): the project is kept "
			"without a year"));
	else if (note[0] != '\0')
		add_note(p, r.line, COOPMAP_REJECT_YEAR,
			header_of(&r, COOPMAP_FIELD_YEAR), year_text, note);
	if (read_numbers(&r, row, &pr) != 0)
		return;
	if (join_countries(&r, countries, &pr) == 0)
		p->rows_joined++;
}

static void keep_columns(coopmap_projects *p, const coopmap_table *table,
	const long *cols)
{
	p->n_columns = coopmap_table_column_count(table);
	p->headers = calloc(p->n_columns + 1, sizeof(char *));
	p->column_field = calloc(p->n_columns + 1, sizeof(int));
	for (size_t i = 0; p->headers && p->column_field && i < p->n_columns; i++) {
		p->headers[i] = g_string_chunk_insert(p->text,
			coopmap_table_column_name(table, i));
		p->column_field[i] = -1;
		for (int f = 0; f < COOPMAP_FIELD_COUNT; f++) {
			if (cols[f] == (long)i)
				p->column_field[i] = f;
		}
	}
}

/* Whether text, folded, is a header of the country column. */
static int names_country(const char *text)
{
	const char *const *synonyms = fields[COOPMAP_FIELD_COUNTRY].synonyms;
	char *folded = coopmap_names_fold(text);
	int match = 0;

	for (int i = 0; folded != NULL && synonyms[i] != NULL; i++)
		match |= strcmp(folded, synonyms[i]) == 0;
	free(folded);
	return match;
}

/* Whether cell is a country header, or (split) holds one between its
 * separators (; , tab). */
static int holds_country_header(const char *cell, int split)
{
	char **parts;
	int match = 0;

	if (!split)
		return names_country(cell);
	parts = g_strsplit_set(cell, ";,\t", -1);
	for (size_t k = 0; parts[k] != NULL && !match; k++)
		match = names_country(g_strstrip(parts[k]));
	g_strfreev(parts);
	return match;
}

/*
 * A title or a blank row above the header (common in spreadsheets): the
 * line, among the first rows, holding a cell that names the country column
 * (split: holds such a name between separators), with that cell in *cell
 * and its row in *row; 0 when there is none.
 */
static long header_further_down(const coopmap_table *table, int split,
	const char **cell, size_t *row)
{
	size_t rows = coopmap_table_row_count(table);

	for (size_t r = 0; r < rows && r < 20; r++) {
		for (size_t c = 0; c < coopmap_table_column_count(table); c++) {
			if (holds_country_header(coopmap_table_cell(table, r, c),
			    split)) {
				*cell = coopmap_table_cell(table, r, c);
				*row = r;
				return coopmap_table_line(table, r);
			}
		}
	}
	return 0;
}

/* "sheet 'Projets' read (the workbook also has 'Notice', 'Annexe')", or,
 * when first is given, why that first sheet was passed over: one sentence
 * each, for the translator. */
static void describe_sheets(const coopmap_table *table, const char *first,
	char *out, size_t size)
{
	GString *others = g_string_new(NULL);

	for (size_t i = 0, n = 0; i < coopmap_table_sheet_count(table); i++) {
		const char *name = coopmap_table_sheet_name(table, i);

		if (strcmp(name, coopmap_table_sheet(table)) != 0)
			g_string_append_printf(others, "%s'%s'", n++ > 0 ? ", " : "",
				name);
	}
	if (first != NULL)
		snprintf(out, size, _("sheet '%s' read: the first, '%s', names no "
			"country column (the file also has %s; --sheet NAME reads "
			"another)"), coopmap_table_sheet(table), first, others->str);
	else
		snprintf(out, size, _("sheet '%s' read (the file also has %s; "
			"--sheet NAME reads another)"), coopmap_table_sheet(table),
			others->str);
	g_string_free(others, TRUE);
}

static int no_country_column(const coopmap_table *table, coopmap_error *err)
{
	GString *found = g_string_new(NULL);
	const char *cell = NULL;
	size_t row;
	long header_line = header_further_down(table, 0, &cell, &row);
	int rc;

	for (size_t i = 0; i < coopmap_table_column_count(table); i++)
		g_string_append_printf(found, "%s'%s'", i > 0 ? ", " : "",
			coopmap_table_column_name(table, i));
	if (header_line > 0)
		g_string_append_printf(found, _("; line %ld holds '%s', as a header "
			"would, but a line below has more cells than the first line "
			"(whose columns were read): delete the lines above the header"),
			header_line, cell);
	/* A text file whose first line (a title) has no separator is read
	 * as one column: the header below it is then one cell. */
	else if (coopmap_table_column_count(table) == 1 &&
	    (header_line = header_further_down(table, 1, &cell, &row)) > 0)
		g_string_append_printf(found, _("; line %ld holds '%s' in one cell: "
			"the first line (a title?) has none of its separators, so the "
			"file was read as one column: delete the lines above the header"),
			header_line, cell);
	if (coopmap_table_sheet_count(table) > 1) {
		char sheets[512];

		describe_sheets(table, NULL, sheets,
			sizeof(sheets));
		g_string_append_printf(found, "; %s", sheets);
	}
	rc = coopmap_error_set(err, COOPMAP_ERR_INPUT,
		"%s: no column names the partner country (accepted headers: pays, "
		"pays partenaire, country, partner country; or --map HEADER=country); "
		"found: %s", coopmap_table_path(table), found->str);
	g_string_free(found, TRUE);
	return rc;
}

/* A bad UTF-8 sequence on the header's line or above: no row to reject,
 * and the columns' names may be wrong. */
static int bad_utf8_above_rows(const coopmap_table *table, long header_line,
	coopmap_error *err)
{
	const coopmap_table_bad_utf8 *bad = coopmap_table_bad_utf8_get(table, 0);

	if (bad == NULL || bad->line > header_line)
		return COOPMAP_OK;
	return coopmap_error_set(err, COOPMAP_ERR_IO, "%s:%ld:%ld: bytes %s are "
		"not valid UTF-8, in a file that is UTF-8 elsewhere (%s): fix them, "
		"or give the file's encoding with --encoding",
		coopmap_table_path(table), bad->line, bad->column, bad->bytes,
		bad->line == header_line ? _("in the header") : _("above the header"));
}

/* The columns of table: by their headers, or on the first line below a
 * title or blank lines that names the country column (a sheet made to be
 * printed); *header_line is where the header was found. */
static int find_columns(coopmap_table *table, const coopmap_records_opts *opts,
	long *cols, long *header_line, coopmap_error *err)
{
	int rc = map_columns(table, opts, cols, err);

	*header_line = 1;
	if (rc == COOPMAP_OK && cols[COOPMAP_FIELD_COUNTRY] < 0) {
		const char *cell;
		size_t row;
		coopmap_error refused = COOPMAP_ERROR_INIT;
		long line = header_further_down(table, 0, &cell, &row);

		if (line > 0 && coopmap_table_use_header_row(table, row, &refused)
		    == COOPMAP_OK) {
			*header_line = line;
			rc = map_columns(table, opts, cols, err);
		}
	}
	return rc;
}

/* The first other sheet of the workbook whose header names the country
 * column, in place of *table; *table unchanged when none does. */
static int other_sheet(const char *path, coopmap_table_opts *table_opts,
	const coopmap_records_opts *opts, coopmap_table **table, long *cols,
	long *header_line, char *note, size_t size, coopmap_error *err)
{
	for (size_t i = 0; i < coopmap_table_sheet_count(*table); i++) {
		const char *name = coopmap_table_sheet_name(*table, i);
		coopmap_table *other = NULL;
		coopmap_error ignored = COOPMAP_ERROR_INIT;
		long other_cols[COOPMAP_FIELD_COUNT], line;
		gchar *first;

		if (strcmp(name, coopmap_table_sheet(*table)) == 0)
			continue;
		table_opts->layer = name;
		if (coopmap_table_read(path, table_opts, &other, &ignored) !=
		    COOPMAP_OK || find_columns(other, opts, other_cols, &line,
		    &ignored) != COOPMAP_OK ||
		    other_cols[COOPMAP_FIELD_COUNTRY] < 0) {
			coopmap_table_free(other);
			continue;
		}
		/* Copied: the name lives in the table freed below. */
		first = g_strdup(coopmap_table_sheet(*table));
		coopmap_table_free(*table);
		*table = other;
		memcpy(cols, other_cols, sizeof(other_cols));
		*header_line = line;
		describe_sheets(other, first, note, size);
		g_free(first);
		table_opts->layer = NULL;
		return COOPMAP_OK;
	}
	table_opts->layer = NULL;
	(void)err;
	return COOPMAP_OK;
}

int coopmap_projects_read(const char *path, const coopmap_records_opts *opts,
	const coopmap_countries *countries, coopmap_projects **out,
	coopmap_error *err)
{
	const coopmap_records_opts defaults = COOPMAP_RECORDS_OPTS_INIT;
	coopmap_table_opts table_opts = COOPMAP_TABLE_OPTS_INIT;
	coopmap_table *table = NULL;
	coopmap_projects *p;
	GHashTable *resolved;
	long cols[COOPMAP_FIELD_COUNT], header_line = 1;
	char sheet_note[512] = "";
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	table_opts.layer = opts->layer;
	table_opts.encoding = opts->encoding;
	table_opts.bad_utf8_rows = 1;
	rc = coopmap_table_read(path, &table_opts, &table, err);
	if (rc == COOPMAP_OK)
		rc = find_columns(table, opts, cols, &header_line, err);
	/* A workbook whose first sheet is a notice: the first sheet whose
	 * header names the country column. */
	if (rc == COOPMAP_OK && cols[COOPMAP_FIELD_COUNTRY] < 0 &&
	    opts->layer == NULL && coopmap_table_sheet_count(table) > 1)
		rc = other_sheet(path, &table_opts, opts, &table, cols, &header_line,
			sheet_note, sizeof(sheet_note), err);
	if (rc == COOPMAP_OK && cols[COOPMAP_FIELD_COUNTRY] < 0)
		rc = no_country_column(table, err);
	if (rc == COOPMAP_OK && sheet_note[0] == '\0' &&
	    coopmap_table_sheet_count(table) > 1)
		describe_sheets(table, NULL, sheet_note, sizeof(sheet_note));
	if (rc == COOPMAP_OK)
		rc = bad_utf8_above_rows(table, header_line, err);
	if (rc != COOPMAP_OK) {
		coopmap_table_free(table);
		return rc;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		coopmap_table_free(table);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	p->path = g_strdup(path);
	p->header_line = header_line;
	snprintf(p->encoding, sizeof(p->encoding), "%s",
		coopmap_table_encoding(table));
	snprintf(p->encoding_note, sizeof(p->encoding_note), "%s",
		coopmap_table_encoding_note(table));
	snprintf(p->sheet_note, sizeof(p->sheet_note), "%s", sheet_note);
	p->projects = g_array_new(FALSE, TRUE, sizeof(coopmap_project));
	p->rejects = g_array_new(FALSE, TRUE, sizeof(coopmap_reject));
	p->notes = g_array_new(FALSE, TRUE, sizeof(coopmap_reject));
	p->text = g_string_chunk_new(64 * 1024);
	p->rows_read = coopmap_table_row_count(table);
	keep_columns(p, table, cols);
	resolved = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (size_t row = 0, next_bad = 0; row < p->rows_read; row++)
		read_row(p, table, row, cols, countries, resolved,
			bad_utf8_of_row(table, row, &next_bad));
	g_hash_table_destroy(resolved);
	p->table = table;
	*out = p;
	return COOPMAP_OK;
}

void coopmap_projects_free(coopmap_projects *p)
{
	if (p == NULL)
		return;
	g_array_free(p->projects, TRUE);
	g_array_free(p->rejects, TRUE);
	g_array_free(p->notes, TRUE);
	g_string_chunk_free(p->text);
	free(p->headers);
	free(p->column_field);
	coopmap_table_free(p->table);
	g_free(p->path);
	free(p);
}

size_t coopmap_projects_retain(coopmap_projects *p,
	int (*keep)(const coopmap_project *project, void *data), void *data)
{
	guint out = 0, n = p->projects->len;

	for (guint i = 0; i < n; i++) {
		coopmap_project *r = &g_array_index(p->projects, coopmap_project, i);

		if (!keep(r, data))
			continue;
		if (out != i)
			g_array_index(p->projects, coopmap_project, out) = *r;
		out++;
	}
	g_array_set_size(p->projects, out);
	return n - out;
}

const char *coopmap_projects_path(const coopmap_projects *p)
{
	return p->path;
}

const char *coopmap_projects_encoding(const coopmap_projects *p)
{
	return p->encoding;
}

const char *coopmap_projects_encoding_note(const coopmap_projects *p)
{
	return p->encoding_note;
}

size_t coopmap_projects_rows_read(const coopmap_projects *p)
{
	return p->rows_read;
}

long coopmap_projects_header_line(const coopmap_projects *p)
{
	return p->header_line;
}

size_t coopmap_projects_rows_joined(const coopmap_projects *p)
{
	return p->rows_joined;
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

const char *coopmap_projects_intern(coopmap_projects *p, const char *text)
{
	return g_string_chunk_insert_const(p->text, text);
}

coopmap_project *coopmap_projects_get_mutable(coopmap_projects *p, size_t i)
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

const char *coopmap_projects_sheet_note(const coopmap_projects *p)
{
	return p->sheet_note;
}

size_t coopmap_projects_note_count(const coopmap_projects *p)
{
	return p->notes->len;
}

const coopmap_reject *coopmap_projects_note_get(const coopmap_projects *p,
	size_t i)
{
	return i < p->notes->len
		? &g_array_index(p->notes, coopmap_reject, i) : NULL;
}

size_t coopmap_projects_column_count(const coopmap_projects *p)
{
	return p->n_columns;
}

const char *coopmap_projects_column_header(const coopmap_projects *p, size_t i)
{
	return i < p->n_columns ? p->headers[i] : "";
}

int coopmap_projects_has_field(const coopmap_projects *p, coopmap_field field)
{
	for (size_t i = 0; i < p->n_columns; i++) {
		if (p->column_field[i] == (int)field)
			return 1;
	}
	return 0;
}

int coopmap_projects_column_field(const coopmap_projects *p, size_t i)
{
	return i < p->n_columns ? p->column_field[i] : -1;
}
