/*
 * error.c: the coopmap_error object.  One setter, so that a single
 * breakpoint catches every error the library reports.  The format is
 * translated here (xgettext takes the format argument of both setters, see
 * po/Makefile rules), so the call sites stay plain English.
 */
#include "coopmap/error.h"
#include "intl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void coopmap_error_clear(coopmap_error *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
}

/*
 * After a cut by snprintf: drop a UTF-8 character cut in its middle, so
 * that messages, and the reject files made from them, stay valid UTF-8.
 */
static void drop_cut_character(char *s)
{
	size_t len = strlen(s), start = len, need;
	unsigned char lead;

	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	lead = (unsigned char)s[start - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (start - 1) < need)
		s[start - 1] = '\0';
}

static void copy_field(char *dst, size_t size, const char *src)
{
	if (snprintf(dst, size, "%s", src != NULL ? src : "") >= (int)size)
		drop_cut_character(dst);
}

int coopmap_error_set(coopmap_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	coopmap_error_clear(err);
	err->code = code;
	va_start(ap, fmt);
	if (vsnprintf(err->message, sizeof(err->message), _(fmt), ap) >=
	    (int)sizeof(err->message))
		drop_cut_character(err->message);
	va_end(ap);
	return code;
}

int coopmap_error_set_at(coopmap_error *err, int code, const char *file,
	long line, const char *column, const char *value, const char *fmt, ...)
{
	char where[1024] = "";
	char what[768];
	size_t used = 0;
	va_list ap;

	if (err == NULL)
		return code;
	coopmap_error_clear(err);
	err->code = code;
	copy_field(err->file, sizeof(err->file), file);
	copy_field(err->column, sizeof(err->column), column);
	copy_field(err->value, sizeof(err->value), value);
	err->line = line;

	if (file != NULL && file[0] != '\0')
		used += snprintf(where + used, sizeof(where) - used, "%s:", file);
	if (line > 0 && used < sizeof(where))
		used += snprintf(where + used, sizeof(where) - used, "%ld:", line);
	if (column != NULL && column[0] != '\0' && used < sizeof(where))
		used += snprintf(where + used, sizeof(where) - used,
			value != NULL ? _(" column '%s',") : _(" column '%s':"),
			column);
	if (value != NULL && used < sizeof(where))
		used += snprintf(where + used, sizeof(where) - used,
			_(" value '%s':"), err->value);
	va_start(ap, fmt);
	if (vsnprintf(what, sizeof(what), _(fmt), ap) >= (int)sizeof(what))
		drop_cut_character(what);
	va_end(ap);
	if (used >= sizeof(where))
		drop_cut_character(where);
	/* Long values are cut, on purpose: the message stays one line. */
	if (snprintf(err->message, sizeof(err->message), "%s%s%s", where,
	    used > 0 ? " " : "", what) >= (int)sizeof(err->message))
		drop_cut_character(err->message);
	return code;
}

const char *coopmap_status_name(int code)
{
	switch (code) {
	case COOPMAP_OK: return _("success");
	case COOPMAP_ERR_USAGE: return _("usage error");
	case COOPMAP_ERR_IO: return _("I/O error");
	case COOPMAP_ERR_INPUT: return _("input error");
	case COOPMAP_ERR_CRS: return _("unknown CRS");
	case COOPMAP_ERR_STYLE: return _("style error");
	case COOPMAP_ERR_NOMEM: return _("out of memory");
	case COOPMAP_ERR_RENDER: return _("rendering error");
	case COOPMAP_ERR_EMPTY: return _("nothing to do");
	default: return _("unknown error");
	}
}
