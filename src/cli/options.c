/*
 * options.c: the parser and the help made from one option table
 * (options.h).
 */
#include "options.h"
#include "cli.h"
#include "intl.h"

#include <getopt.h>
#include <glib.h>
#include <string.h>

#include "coopmap/network.h"
#include "coopmap/records.h"

#define MAX_OPTIONS 64
#define HELP_COLUMN 24
#define HELP_WIDTH 79

/* The getopt_long view of one table, made once per table per run (a
 * command parses one table, main none). */
struct parser {
	const struct cli_usage *usage;
	struct option longs[MAX_OPTIONS + 1];
	char shorts[2 * MAX_OPTIONS + 2];
};

static void parser_build(struct parser *p, const struct cli_usage *u)
{
	size_t n = 0, s = 0;

	memset(p, 0, sizeof(*p));
	p->usage = u;
	/* A leading ':' tells a missing value from an unknown option. */
	p->shorts[s++] = ':';
	for (const struct cli_option *o = u->options; o->name != NULL; o++) {
		g_assert(n < MAX_OPTIONS);
		p->longs[n].name = o->name;
		p->longs[n].has_arg = o->arg != NULL ? required_argument
			: no_argument;
		p->longs[n].val = o->key;
		n++;
		if (o->key < 256 && g_ascii_isalnum(o->key)) {
			p->shorts[s++] = (char)o->key;
			if (o->arg != NULL)
				p->shorts[s++] = ':';
		}
	}
}

static const struct cli_option *find_key(const struct cli_usage *u, int key)
{
	for (const struct cli_option *o = u->options; o->name != NULL; o++) {
		if (o->key == key)
			return o;
	}
	return NULL;
}

int cli_getopt(int argc, char **argv, const struct cli_usage *u)
{
	static struct parser p;
	int c;

	if (p.usage != u) {
		parser_build(&p, u);
		optind = 1;
	}
	opterr = 0;
	c = getopt_long(argc, argv, p.shorts, p.longs, NULL);
	if (c == ':') {
		const struct cli_option *o = find_key(u, optopt);

		if (o != NULL)
			cli_message("%s: --%s needs a value (%s)", u->command,
				o->name, _(o->arg));
		else
			cli_message("%s: -%c needs a value", u->command, optopt);
		return '?';
	}
	if (c == '?') {
		const char *typed = argv[optind - 1];

		if (optopt != 0 && optopt < 256 && (typed[0] != '-' ||
		    typed[1] != '-'))
			cli_message("%s: unknown option -%c (see 'coopmap %s "
				"--help')", u->command, optopt, u->command);
		else
			cli_message("%s: unknown option '%s' (see 'coopmap %s "
				"--help')", u->command, typed, u->command);
		return '?';
	}
	if (c == CLI_OPT_LANG && strcmp(optarg, "fr") != 0 &&
	    strcmp(optarg, "en") != 0) {
		cli_message("%s: --lang '%s': expected fr or en", u->command,
			optarg);
		return '?';
	}
	return c;
}

/*
 * text, wrapped at HELP_WIDTH, each line after the first indented by
 * indent columns (the first continues a line already at column
 * *column).  Widths count characters, not bytes (French accents).
 */
static void put_wrapped(GString *out, const char *text, size_t indent,
	size_t column)
{
	gchar **words = g_strsplit_set(text, " \n", -1);

	for (size_t i = 0; words[i] != NULL; i++) {
		size_t len = g_utf8_strlen(words[i], -1);

		if (words[i][0] == '\0')
			continue;
		if (column > indent && column + 1 + len > HELP_WIDTH) {
			g_string_append_c(out, '\n');
			for (size_t k = 0; k < indent; k++)
				g_string_append_c(out, ' ');
			column = indent;
		} else if (column > indent) {
			g_string_append_c(out, ' ');
			column++;
		}
		g_string_append(out, words[i]);
		column += len;
	}
	g_strfreev(words);
}

/* Paragraphs (between blank lines) wrapped; one that starts with two
 * spaces (a table of examples) printed as it is. */
static void put_paragraphs(GString *out, const char *text)
{
	gchar **paragraphs = g_strsplit(text, "\n\n", -1);

	for (size_t i = 0; paragraphs[i] != NULL; i++) {
		if (i > 0)
			g_string_append(out, "\n\n");
		if (g_str_has_prefix(paragraphs[i], "  "))
			g_string_append(out, paragraphs[i]);
		else
			put_wrapped(out, paragraphs[i], 0, 0);
	}
	g_string_append_c(out, '\n');
	g_strfreev(paragraphs);
}

static void put_option(GString *out, const struct cli_option *o)
{
	size_t start = out->len, column;
	gchar *help;

	if (o->key < 256 && g_ascii_isalnum(o->key))
		g_string_append_printf(out, "  -%c, --%s", o->key, o->name);
	else
		g_string_append_printf(out, "      --%s", o->name);
	if (o->arg != NULL)
		g_string_append_printf(out, " %s", _(o->arg));
	column = g_utf8_strlen(out->str + start, -1);
	if (column + 2 > HELP_COLUMN) {
		g_string_append_c(out, '\n');
		column = 0;
	}
	for (; column < HELP_COLUMN; column++)
		g_string_append_c(out, ' ');
	if (o->values != NULL) {
		char *values = o->values();

		help = g_strdup_printf(_(o->help), values);
		g_free(values);
	} else {
		help = g_strdup(_(o->help));
	}
	put_wrapped(out, help, HELP_COLUMN, HELP_COLUMN);
	g_string_append_c(out, '\n');
	g_free(help);
}

void cli_usage_print(const struct cli_usage *u, FILE *out)
{
	GString *text = g_string_new(NULL);
	gchar **synopsis = g_strsplit(_(u->synopsis), "\n", -1);

	for (size_t i = 0; synopsis[i] != NULL; i++)
		g_string_append_printf(text, "%s coopmap %s %s\n",
			i == 0 ? _("usage:") : "      ", u->command, synopsis[i]);
	g_strfreev(synopsis);
	g_string_append_c(text, '\n');
	put_paragraphs(text, _(u->about));
	g_string_append_printf(text, "\n%s\n", _("options:"));
	for (const struct cli_option *o = u->options; o->name != NULL; o++) {
		if (!o->hidden)
			put_option(text, o);
	}
	g_string_append_c(text, '\n');
	put_paragraphs(text, _(u->exit_status));
	fputs(text->str, out);
	g_string_free(text, TRUE);
	if (u->more != NULL)
		u->more(out);
}

char *cli_values_join(const char *before, const char *(*nth)(size_t i))
{
	GString *list = g_string_new(before);
	const char *name;

	for (size_t i = 0; (name = nth(i)) != NULL; i++)
		g_string_append_printf(list, "%s%s", i > 0 ? ", " : "", name);
	return g_string_free(list, FALSE);
}

static const char *programme_nth(size_t i)
{
	return i < COOPMAP_PROGRAMME_COUNT ? coopmap_programme_name(
		(coopmap_programme)i, coopmap_i18n_lang()) : NULL;
}

static const char *field_nth(size_t i)
{
	return i < COOPMAP_FIELD_COUNT ? coopmap_field_name_in(
		(coopmap_field)i, coopmap_i18n_lang()) : NULL;
}

char *cli_values_programmes(void)
{
	return cli_values_join("", programme_nth);
}

char *cli_values_fields(void)
{
	return cli_values_join("", field_nth);
}
