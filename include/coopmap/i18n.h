/*
 * i18n.h: the language of a run.  coopmap speaks French by default and
 * English on request; every sentence a user reads (messages, help,
 * reports) is written in English in the code and translated through GNU
 * gettext from po/fr.po (text domain "coopmap"), so that a translator
 * edits one .po file.  One language per run: the program chooses it once,
 * before any message; the published web page's words come from the same
 * catalogue.  Not for: the names of countries and layers (data files
 * carry both languages).
 */
#ifndef COOPMAP_I18N_H
#define COOPMAP_I18N_H

#include <stddef.h>

/*
 * The language asked by the environment: "en" when the first non-empty of
 * LC_ALL, LC_MESSAGES and LANG names English ("en", "en_GB.UTF-8"),
 * otherwise "fr" (also for "C": the default is French).
 */
const char *coopmap_i18n_lang_from_env(void);

/*
 * Use lang ("fr" or "en"; anything else is French) for every translated
 * sentence of this run: sets LANGUAGE and the LC_MESSAGES category (to
 * C.UTF-8, so that a machine without French locales still translates),
 * binds the text domain to the catalogues' folder, UTF-8 out.  Other
 * locale categories are left alone (numbers stay "1.5" in every file).
 * Called again (a library user, a test), it changes the language.
 */
void coopmap_i18n_init(const char *lang);

/* The run's language: "fr" or "en" ("fr" before coopmap_i18n_init). */
const char *coopmap_i18n_lang(void);

/* msgid translated into the run's language (msgid itself in English). */
const char *coopmap_i18n_text(const char *msgid)
	__attribute__((format_arg(1)));

/* msgid in context (gettext's msgctxt: one English word, two French
 * ones), translated; msgid itself when the catalogue lacks it. */
const char *coopmap_i18n_ctext(const char *context, const char *msgid)
	__attribute__((format_arg(2)));

/* The form of msgid (singular) or msgid_plural that n needs, translated. */
const char *coopmap_i18n_ntext(const char *msgid, const char *msgid_plural,
	unsigned long n) __attribute__((format_arg(1), format_arg(2)));

/*
 * iso ("2026-11-23") as a reader of lang writes a date: "23 novembre 2026"
 * ("1er" for the first of the month) or "23 November 2026", into buf of
 * size bytes; "" when iso is NULL or not a date.  The one form of a date
 * on the maps, the diagram and the country sheet.
 */
void coopmap_i18n_date(const char *iso, const char *lang, char *buf,
	size_t size);

/*
 * The folder holding fr/LC_MESSAGES/coopmap.mo: COOPMAP_LOCALEDIR from
 * the environment, otherwise the one fixed at build time.
 */
const char *coopmap_i18n_localedir(void);

#endif
