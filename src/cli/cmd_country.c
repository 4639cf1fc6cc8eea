/*
 * cmd_country.c: `coopmap country TEXT...`: how coopmap reads a country as
 * people type it; one line per text, on stdout, in the order given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"

static const struct cli_option country_options[] = {
	CLI_LANG_OPTION(N_("language of the names printed (default fr, or en "
	  "when LANG is English)")),
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage country_usage = {
	"country",
	N_("[--lang fr|en] [TEXT...]"),
	/* TRANSLATORS: keep the two spaces that start the table's lines. */
	N_("Resolve each TEXT (or each line of standard input when none is "
	   "given) as the partner-country cells of a project list are resolved: "
	   "ISO codes, French or English names, former names and abbreviations, "
	   "with case, accents, apostrophes, hyphens and spaces ignored.  Prints "
	   "one line per text:\n\n"
	   "  ISO3<TAB>name                 when it resolves\n"
	   "  ?<TAB>TEXT: reason            when it does not (with candidates or a\n"
	   "                                suggestion)"),
	country_options,
	N_("exit status: 0 all resolved; 1 some text did not resolve; 2 usage "
	   "error, or a NUL byte in standard input (the line is named)."),
	NULL
};

void cmd_country_usage(FILE *out)
{
	cli_usage_print(&country_usage, out);
}

static int resolve_one(const coopmap_countries *countries, const char *text,
	const char *lang)
{
	coopmap_country_match m;

	coopmap_country_resolve(countries, text, &m);
	text = cli_shown(text);
	if (m.status == COOPMAP_COUNTRY_FOUND) {
		printf("%s\t%s\n", m.country->iso_a3,
			coopmap_country_name(m.country, lang));
		return 0;
	}
	if (m.status == COOPMAP_COUNTRY_AMBIGUOUS)
		printf(_("?\t%s: ambiguous, may be %s\n"), text,
			cli_shown(m.suggestion));
	else if (m.placeholder)
		printf(_("?\t%s: stands for a missing value, not a country (write "
			"the three-letter code)\n"), text);
	else if (m.suggestion[0] != '\0')
		printf(_("?\t%s: unknown country; did you mean %s?\n"), text,
			cli_shown(m.suggestion));
	else
		printf(_("?\t%s: unknown country\n"), text);
	return 1;
}

/*
 * Each line of standard input; EXIT_INPUT when one did not resolve.  A
 * NUL byte would cut its line's text short: it stops the run at that line
 * (EXIT_FAILURE_), as it stops the reading of a list.
 */
static int resolve_stdin(const coopmap_countries *countries, const char *lang)
{
	char *line = NULL;
	size_t capacity = 0;
	ssize_t len;
	long number = 0;
	int failed = 0;

	while ((len = getline(&line, &capacity, stdin)) >= 0) {
		number++;
		if (memchr(line, '\0', (size_t)len) != NULL) {
			cli_message("country: standard input:%ld: a NUL byte: this is "
				"not text (binary, or UTF-16?)", number);
			free(line);
			return EXIT_FAILURE_;
		}
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		failed |= resolve_one(countries, line, lang);
	}
	free(line);
	return failed ? EXIT_INPUT : EXIT_OK;
}

int cmd_country(int argc, char **argv)
{
	const char *lang = coopmap_i18n_lang();
	coopmap_countries *countries = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int c, failed = 0, status;

	while ((c = cli_getopt(argc, argv, &country_usage)) != -1) {
		if (c == 'h') {
			cmd_country_usage(stdout);
			return EXIT_OK;
		}
		if (c != CLI_OPT_LANG)
			return EXIT_FAILURE_;
		lang = optarg;
	}
	if (cli_open_countries("50m", &countries, &err) != COOPMAP_OK) {
		cli_error(&err);
		return EXIT_FAILURE_;
	}
	if (optind == argc) {
		status = resolve_stdin(countries, lang);
		coopmap_countries_free(countries);
		return status;
	}
	for (int i = optind; i < argc; i++)
		failed |= resolve_one(countries, argv[i], lang);
	coopmap_countries_free(countries);
	return failed ? EXIT_INPUT : EXIT_OK;
}
