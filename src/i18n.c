/*
 * i18n.c: the run's language through GNU gettext (glibc's libintl).
 */
#include "coopmap/i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_DOMAIN "coopmap"

#ifndef COOPMAP_LOCALEDIR
#define COOPMAP_LOCALEDIR "locale"
#endif

static const char *run_lang = "fr";

/* GNU gettext's counter of catalogue changes: raised, it drops the
 * translations gettext has cached, so that a second coopmap_i18n_init
 * (a library user's, a test's) changes the language (the gettext manual,
 * "Being a gettext grok"). */
extern int _nl_msg_cat_cntr;

static int names_english(const char *value)
{
	return strncmp(value, "en", 2) == 0 &&
		(value[2] == '\0' || value[2] == '_' || value[2] == '.' ||
		value[2] == '@' || value[2] == '-');
}

const char *coopmap_i18n_lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *value = getenv(vars[i]);

		if (value != NULL && value[0] != '\0')
			return names_english(value) ? "en" : "fr";
	}
	return "fr";
}

const char *coopmap_i18n_localedir(void)
{
	const char *env = getenv("COOPMAP_LOCALEDIR");

	return env != NULL && env[0] != '\0' ? env : COOPMAP_LOCALEDIR;
}

void coopmap_i18n_init(const char *lang)
{
	run_lang = lang != NULL && strcmp(lang, "en") == 0 ? "en" : "fr";
	/* gettext follows LANGUAGE only when LC_MESSAGES is not "C"; C.UTF-8
	 * is built into glibc, so no French locale needs to be installed. */
	setenv("LANGUAGE", run_lang, 1);
	setlocale(LC_MESSAGES, "C.UTF-8");
	bindtextdomain(TEXT_DOMAIN, coopmap_i18n_localedir());
	bind_textdomain_codeset(TEXT_DOMAIN, "UTF-8");
	++_nl_msg_cat_cntr;
}

const char *coopmap_i18n_lang(void)
{
	return run_lang;
}

const char *coopmap_i18n_text(const char *msgid)
{
	return dgettext(TEXT_DOMAIN, msgid);
}

const char *coopmap_i18n_ctext(const char *context, const char *msgid)
{
	/* The catalogue's key of a message in context: context EOT msgid. */
	size_t n = strlen(context), m = strlen(msgid);
	char *key = malloc(n + m + 2);
	const char *text;

	if (key == NULL)
		return msgid;
	memcpy(key, context, n);
	key[n] = '\004';
	memcpy(key + n + 1, msgid, m + 1);
	text = dgettext(TEXT_DOMAIN, key);
	text = text == key ? msgid : text;
	free(key);
	return text;
}

const char *coopmap_i18n_ntext(const char *msgid, const char *msgid_plural,
	unsigned long n)
{
	return dngettext(TEXT_DOMAIN, msgid, msgid_plural, n);
}

void coopmap_i18n_date(const char *iso, const char *lang, char *buf,
	size_t size)
{
	static const char *const fr[] = { "janvier", "février", "mars", "avril",
		"mai", "juin", "juillet", "août", "septembre", "octobre",
		"novembre", "décembre" };
	static const char *const en[] = { "January", "February", "March",
		"April", "May", "June", "July", "August", "September", "October",
		"November", "December" };
	int english = lang != NULL && strcmp(lang, "en") == 0;
	int y, m, d;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return;
	/* French writes the first of the month "1er". */
	snprintf(buf, size, "%d%s %s %d", d, !english && d == 1 ? "er" : "",
		english ? en[m - 1] : fr[m - 1], y);
}
