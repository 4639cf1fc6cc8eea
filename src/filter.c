/*
 * filter.c: which projects a map is about.  Texts are compared folded
 * (names.h: case, accents and punctuation aside), word by word, so that
 * "--theme urgence" keeps "Urgences et SAMU".
 */
#include "coopmap/filter.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "coopmap/i18n.h"
#include "coopmap/network.h"
#include "intl.h"

int coopmap_filter_set_programmes(coopmap_filter *f, const char *text,
	coopmap_error *err)
{
	gchar **names = g_strsplit(text, ",", -1);
	int rc = COOPMAP_OK;

	f->programmes = 0;
	for (int i = 0; names[i] != NULL && rc == COOPMAP_OK; i++) {
		int p = coopmap_programme_from_name(g_strstrip(names[i]));

		if (p < 0)
			rc = coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"--programme '%s': expected %s, %s or %s, or several "
				"with commas", names[i],
				coopmap_programme_name(COOPMAP_PROGRAMME_APCHI,
					coopmap_i18n_lang()),
				coopmap_programme_name(COOPMAP_PROGRAMME_PRPH,
					coopmap_i18n_lang()),
				coopmap_programme_name(COOPMAP_PROGRAMME_OTHER,
					coopmap_i18n_lang()));
		else
			f->programmes |= 1u << p;
	}
	g_strfreev(names);
	return rc;
}

/* Four digits from 1900 to 2100 ("" is no bound): read as digits, not
 * with sscanf's %d, which wraps 4294969315 round to 2019. */
static int parse_year(const char *text, int *year)
{
	if (text[0] == '\0') {
		*year = 0;
		return 0;
	}
	if (strlen(text) != 4 || strspn(text, "0123456789") != 4)
		return -1;
	*year = atoi(text);
	return *year >= 1900 && *year <= 2100 ? 0 : -1;
}

int coopmap_filter_set_years(coopmap_filter *f, const char *text,
	coopmap_error *err)
{
	const char *dash = strchr(text, '-');
	int ok;

	if (dash == NULL) {
		ok = parse_year(text, &f->year_min) == 0 && f->year_min > 0;
		f->year_max = f->year_min;
	} else {
		char *first = g_strndup(text, (gsize)(dash - text));

		ok = parse_year(first, &f->year_min) == 0 &&
			parse_year(dash + 1, &f->year_max) == 0 &&
			(f->year_min > 0 || f->year_max > 0) &&
			(f->year_max == 0 || f->year_min <= f->year_max);
		g_free(first);
	}
	if (!ok)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"--year '%s': expected a year (2019) or a range (2015-2020, "
			"2015-, -2020) between 1900 and 2100", text);
	return COOPMAP_OK;
}

static int set_folded(char **slot, const char *text, const char *option,
	coopmap_error *err)
{
	char *folded = coopmap_names_fold(text);

	if (folded == NULL || folded[0] == '\0') {
		free(folded);
		return coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"%s '%s': expected words to look for", option, text);
	}
	free(*slot);
	*slot = folded;
	return COOPMAP_OK;
}

int coopmap_filter_set_theme(coopmap_filter *f, const char *text,
	coopmap_error *err)
{
	return set_folded(&f->theme, text, "--theme", err);
}

int coopmap_filter_set_establishment(coopmap_filter *f, const char *text,
	coopmap_error *err)
{
	return set_folded(&f->establishment, text, "--establishment", err);
}

/* One sentence per case, for the translator. */
static int refuse_country(const char *name, const coopmap_country_match *m,
	coopmap_error *err)
{
	int ambiguous = m->status == COOPMAP_COUNTRY_AMBIGUOUS;

	if (m->suggestion[0] == '\0')
		return ambiguous ? coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"--country '%s': ambiguous country", name)
			: coopmap_error_set(err, COOPMAP_ERR_USAGE,
			"--country '%s': unknown country", name);
	return ambiguous ? coopmap_error_set(err, COOPMAP_ERR_USAGE,
		"--country '%s': ambiguous country (did you mean %s?)", name,
		m->suggestion) : coopmap_error_set(err, COOPMAP_ERR_USAGE,
		"--country '%s': unknown country (did you mean %s?)", name,
		m->suggestion);
}

int coopmap_filter_set_countries(coopmap_filter *f,
	const coopmap_countries *countries, const char *text, coopmap_error *err)
{
	gchar **names = g_strsplit(text, ",", -1);
	int rc = COOPMAP_OK;

	f->n_countries = 0;
	for (int i = 0; names[i] != NULL && rc == COOPMAP_OK; i++) {
		coopmap_country_match m;
		const char *name = g_strstrip(names[i]);

		coopmap_country_resolve(countries, name, &m);
		if (m.status != COOPMAP_COUNTRY_FOUND)
			rc = refuse_country(name, &m, err);
		else if (f->n_countries == COOPMAP_FILTER_MAX_COUNTRIES)
			rc = coopmap_error_set(err, COOPMAP_ERR_USAGE,
				"--country: at most %d countries",
				COOPMAP_FILTER_MAX_COUNTRIES);
		else
			f->countries[f->n_countries++] = m.country;
	}
	g_strfreev(names);
	return rc;
}

int coopmap_filter_is_empty(const coopmap_filter *f)
{
	return f->programmes == 0 && f->year_min == 0 && f->year_max == 0 &&
		f->theme == NULL && f->establishment == NULL &&
		f->n_countries == 0;
}

/* Every word of words is a word of text (both folded). */
static int has_words(const char *text, const char *words)
{
	char *folded = coopmap_names_fold(text);
	gchar **wanted = g_strsplit(words, " ", -1);
	int all = folded != NULL;

	for (int i = 0; all && wanted[i] != NULL; i++) {
		size_t n = strlen(wanted[i]);
		const char *at = folded;

		if (n == 0)
			continue;
		all = 0;
		/* A word that starts a word of text: "urgence" finds
		 * "urgences", "chir" finds "chirurgie". */
		while ((at = strstr(at, wanted[i])) != NULL && !all) {
			all = at == folded || at[-1] == ' ';
			at++;
		}
	}
	g_strfreev(wanted);
	free(folded);
	return all;
}

int coopmap_filter_match(const coopmap_filter *f, const coopmap_project *p)
{
	int found;

	if (f->programmes != 0 &&
	    !(f->programmes & (1u << coopmap_programme_of(p->programme))))
		return 0;
	if ((f->year_min > 0 || f->year_max > 0) && (p->year == 0 ||
	    (f->year_min > 0 && p->year < f->year_min) ||
	    (f->year_max > 0 && p->year > f->year_max)))
		return 0;
	if (f->theme != NULL && !has_words(p->theme, f->theme))
		return 0;
	if (f->establishment != NULL && strcmp(p->finess, f->establishment) != 0 &&
	    !has_words(p->establishment, f->establishment))
		return 0;
	found = f->n_countries == 0;
	for (size_t i = 0; i < f->n_countries && !found; i++)
		found = p->country == f->countries[i];
	return found;
}

static int keep_matching(const coopmap_project *p, void *data)
{
	return coopmap_filter_match(data, p);
}

size_t coopmap_filter_apply(const coopmap_filter *f,
	coopmap_projects *projects)
{
	if (coopmap_filter_is_empty(f))
		return 0;
	return coopmap_projects_retain(projects, keep_matching, (void *)f);
}

void coopmap_filter_describe(const coopmap_filter *f, const char *lang,
	char *buf, size_t size)
{
	static const char *const short_names[] = { "APCHI", "PRPH", NULL };
	GString *s = g_string_new(NULL);

	for (int k = 0; k < COOPMAP_PROGRAMME_COUNT; k++) {
		if (!(f->programmes & (1u << k)))
			continue;
		g_string_append_printf(s, "%s%s", s->len ? " + " : "",
			short_names[k] != NULL ? short_names[k]
			/* TRANSLATORS: a map's subtitle: --programme autre. */
			: _("other funding"));
	}
	if (f->year_min > 0 || f->year_max > 0)
		g_string_append(s, s->len ? ", " : "");
	if (f->year_min > 0 && f->year_min == f->year_max)
		/* TRANSLATORS: a map's subtitle, of the projects kept by
		 * --since and --until: the year they started. */
		g_string_append_printf(s, _("started in %d"), f->year_min);
	else if (f->year_min > 0 && f->year_max > 0)
		g_string_append_printf(s, _("started %d–%d"), f->year_min,
			f->year_max);
	else if (f->year_min > 0)
		g_string_append_printf(s, _("started from %d"), f->year_min);
	else if (f->year_max > 0)
		g_string_append_printf(s, _("started up to %d"), f->year_max);
	if (f->theme != NULL) {
		g_string_append(s, s->len ? ", " : "");
		/* TRANSLATORS: a map's subtitle: --theme and what was typed. */
		g_string_append_printf(s, _("theme « %s »"), f->theme);
	}
	if (f->establishment != NULL) {
		g_string_append(s, s->len ? ", " : "");
		/* TRANSLATORS: a map's subtitle: --establishment and what was
		 * typed. */
		g_string_append_printf(s, _("establishment « %s »"),
			f->establishment);
	}
	for (size_t i = 0; i < f->n_countries; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? ", " : s->len ? ", " : "",
			coopmap_country_name(f->countries[i], lang));
	snprintf(buf, size, "%s", s->str);
	g_string_free(s, TRUE);
}

void coopmap_filter_clear(coopmap_filter *f)
{
	free(f->theme);
	free(f->establishment);
	f->theme = NULL;
	f->establishment = NULL;
}
