/*
 * tool_util.c: the helpers shared by the data tools of tools/ (see
 * tool_util.h).
 */
#include "tool_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vmessage(const char *label, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", tool_name, label);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
	exit(TOOL_EXIT_ERROR);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		die("out of memory");
	return q;
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s);
	char *d = xcalloc(len + 1, 1);

	memcpy(d, s, len + 1);
	return d;
}

void parse_options(int argc, char **argv, const ToolOption *opts, size_t n,
		   const char *usage)
{
	for (size_t k = 0; k < n; k++)
		*opts[k].value = NULL;
	for (int i = 1; i < argc; i++) {
		size_t k = 0;

		while (k < n && strcmp(argv[i], opts[k].name) != 0)
			k++;
		if (k == n || i + 1 >= argc)
			die("%s", usage);
		*opts[k].value = argv[++i];
	}
	for (size_t k = 0; k < n; k++)
		if (!*opts[k].value)
			die("%s", usage);
}

void csv_write_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
