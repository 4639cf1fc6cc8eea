/*
 * cmd_layers.c: `coopmap layers [show NAME]`: the policy layers, with their
 * counts, sources and dates, and the members of one.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "intl.h"
#include "options.h"
#include "coopmap/layers.h"

enum { OPT_LAYER = 300 };

static const struct cli_option layers_options[] = {
	{ "layer", OPT_LAYER, N_("FILE.csv"), N_("a layer of your own: a CSV with "
	  "an iso_a3 column, and a JSON sidecar of the same name (id, title_fr, "
	  "title_en, source, date, licence); repeatable"), NULL, 0 },
	CLI_LANG_OPTION(N_("language of the titles, names and headers (default "
	  "fr, or en when LANG is English)")),
	CLI_HELP_OPTION,
	{ NULL, 0, NULL, NULL, NULL, 0 }
};

static const struct cli_usage layers_usage = {
	"layers",
	N_("[--layer FILE.csv ...] [--lang fr|en]\n"
	   "show NAME [--layer FILE.csv ...] [--lang fr|en]"),
	N_("List the policy layers (geodata/layers/): name, number of countries, "
	   "title, date and source; or, with 'show', the members of one layer "
	   "with its columns.  A layer file's errors name file:line."),
	layers_options,
	N_("exit status: 0 listed; 1 no layer of that name; 2 usage error or a "
	   "bad layer file."),
	NULL
};

void cmd_layers_usage(FILE *out)
{
	cli_usage_print(&layers_usage, out);
}

static void list_layers(const coopmap_layer_set *set, const char *lang)
{
	/* TRANSLATORS: the headers of the layers' table. */
	printf("%s %s  %s  %s\n", cli_padded(_("layer"), 26),
		cli_padded(_("countries"), -9), cli_padded(_("date"), 10),
		_("title"));
	for (size_t i = 0; i < coopmap_layer_set_count(set); i++) {
		const coopmap_layer *l = coopmap_layer_set_get(set, i);

		printf("%-26s %9zu  %-10s  %s\n", cli_shown(coopmap_layer_id(l)),
			coopmap_layer_country_count(l), cli_shown(coopmap_layer_date(l)),
			cli_shown(coopmap_layer_title(l, lang)));
		printf("%50s", "");
		printf(_("source: %s\n"), cli_shown(coopmap_layer_source(l)));
	}
}

static void show_layer(const coopmap_layer *l, const char *lang,
	const coopmap_countries *countries)
{
	const char *extra[] = { "territory", "basis", "distance_km", "status",
		"since", "themes", "role", "post", "zone", "region", "notes", NULL };

	(void)countries;
	printf(_("# %s: %s\n# source: %s (%s); licence: %s\n"),
		cli_shown(coopmap_layer_id(l)), cli_shown(coopmap_layer_title(l, lang)),
		cli_shown(coopmap_layer_source(l)), cli_shown(coopmap_layer_date(l)),
		cli_shown(coopmap_layer_licence(l)));
	if (coopmap_layer_notes(l)[0] != '\0')
		printf(_("# notes: %s\n"), cli_shown(coopmap_layer_notes(l)));
	for (size_t r = 0; r < coopmap_layer_member_count(l); r++) {
		const coopmap_country *c = coopmap_layer_member(l, r);

		printf("%s\t%s", c->iso_a3, coopmap_country_name(c, lang));
		for (int k = 0; extra[k] != NULL; k++) {
			const char *v = coopmap_layer_value(l, r, extra[k]);

			if (v[0] != '\0')
				printf("\t%s: %s", extra[k], cli_shown(v));
		}
		printf("\n");
	}
}

int cmd_layers(int argc, char **argv)
{
	const char *user_layers[32], *lang = coopmap_i18n_lang();
	size_t n_user = 0;
	coopmap_countries *countries = NULL;
	coopmap_layer_set *set = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int c, rc, status = EXIT_OK;

	while ((c = cli_getopt(argc, argv, &layers_usage)) != -1) {
		if (c == 'h') {
			cmd_layers_usage(stdout);
			return EXIT_OK;
		} else if (c == OPT_LAYER) {
			if (n_user == 32) {
				cli_message("layers: at most 32 --layer files");
				return EXIT_FAILURE_;
			}
			user_layers[n_user++] = optarg;
		} else if (c == CLI_OPT_LANG) {
			lang = optarg;
		} else {
			return EXIT_FAILURE_;
		}
	}
	if (!(optind == argc || (optind == argc - 2 &&
	    strcmp(argv[optind], "show") == 0))) {
		cli_message("layers: expected nothing, or 'show NAME'");
		return EXIT_FAILURE_;
	}
	rc = cli_open_countries("50m", &countries, &err);
	if (rc == COOPMAP_OK)
		rc = cli_open_layers(countries, user_layers, n_user, &set, &err);
	if (rc == COOPMAP_OK && optind == argc) {
		list_layers(set, lang);
	} else if (rc == COOPMAP_OK) {
		const coopmap_layer *l = coopmap_layer_set_find(set, argv[argc - 1]);

		if (l != NULL) {
			show_layer(l, lang, countries);
		} else {
			cli_message("layers: no layer named '%s' (see 'coopmap layers')",
				argv[argc - 1]);
			status = EXIT_INPUT;
		}
	}
	coopmap_layer_set_free(set);
	coopmap_countries_free(countries);
	return rc != COOPMAP_OK ? cli_finish(rc, &err) : status;
}
