/*
 * intl.h: the gettext marks of coopmap's own code (library and program),
 * under the names every GNU project uses, so that xgettext finds them:
 * _("...") translates now, N_("...") marks a string translated later
 * (in a table), _n("...", "...", n) picks the plural form n needs,
 * C_("context", "...") translates a message in context (one English word,
 * two French ones: gettext's msgctxt).  Private: not installed with
 * include/coopmap.
 */
#ifndef COOPMAP_INTL_H
#define COOPMAP_INTL_H

#include "coopmap/i18n.h"

#define _(msgid) coopmap_i18n_text(msgid)
#define N_(msgid) (msgid)
/* The singular or the plural form for n (French: 0 and 1 singular). */
#define _n(singular, plural, n) coopmap_i18n_ntext(singular, plural, n)
#define C_(context, msgid) coopmap_i18n_ctext(context, msgid)

#endif
