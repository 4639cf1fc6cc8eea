/*
 * publish_words.c: the published page's words (publish_words.h), from the
 * gettext catalogue like every other sentence of coopmap, so that
 * po/fr.po is the one place a translator edits.  Not for: what the page
 * does with them (web/page.js fills the {slots} and picks the plural
 * form).
 */
#include "publish_words.h"

#include <string.h>

#include "intl.h"

/* A row of the table: "ctx", "msgid" in one argument list (xgettext
 * takes the context from the first, see po/update.sh). */
#define NC_(context, msgid) context, msgid
/* The singular and the plural of a message whose form the page picks. */
#define NN_(singular, plural) singular, plural

struct page_word {
	const char *key;            /* the page's name for it */
	const char *context;        /* msgctxt, or NULL */
	const char *msgid;
	const char *msgid_plural;   /* NULL: one form */
};

/*
 * {x} are filled by the page's script: {n} a count, {q} what was typed,
 * {a} and {b} two names, {source} and {date}; {projects} ... {countries}
 * the four counts, each of its own plural message.
 */
static const struct page_word page_words[] = {
	{ "defaultTitle", NULL,
	  N_("International hospital cooperation"), NULL },
	{ "skipToSearch", NULL, N_("Skip to search"), NULL },
	{ "skipToMap", NULL, N_("Skip to the map"), NULL },
	{ "panelOpen", NULL, N_("Search and filter"), NULL },
	{ "panelClose", NULL, N_("Close the panel"), NULL },
	{ "panelLabel", NULL, N_("Search, filters and details"), NULL },
	{ "mapLabel", NULL, N_("Map of cooperation"), NULL },
	{ "searchLabel", NULL,
	  N_("Search an establishment, a partner, a city or a country"), NULL },
	{ "searchPlaceholder", NULL,
	  N_("e.g. yalgado, douala, Vietnam"), NULL },
	/* TRANSLATORS: {q}: what was typed in the search box. */
	{ "noResult", NULL, N_("No result for “{q}”."), NULL },
	{ "results", NULL, NN_("{n} result", "{n} results") },
	{ "filters", NULL, N_("Filters"), NULL },
	{ "programme", NULL, N_("Funding"), NULL },
	/* TRANSLATORS: the first choice of the funding and field filters. */
	{ "all", NC_("masculine", "All"), NULL },
	/* TRANSLATORS: the first choice of the layer and region filters. */
	{ "allFem", NC_("feminine", "All"), NULL },
	{ "years", NULL, N_("Start year (from, to)"), NULL },
	{ "yearFrom", NULL, N_("Earliest start year"), NULL },
	{ "yearTo", NULL, N_("Latest start year"), NULL },
	{ "noYear", NULL, N_("Keep projects without a year"), NULL },
	{ "theme", NULL, N_("Field"), NULL },
	{ "layer", NULL, N_("Policy layer"), NULL },
	{ "region", NULL, N_("Establishment's region (ARS)"), NULL },
	{ "reset", NULL, N_("Show everything"), NULL },
	{ "noscript", NULL, N_("This map needs JavaScript."), NULL },
	{ "kind_establishment", NULL, N_("French establishment"), NULL },
	{ "kind_partner", NULL, N_("Partner hospital"), NULL },
	{ "kind_country", NULL, N_("Country"), NULL },
	{ "kind_city", NULL, N_("City"), NULL },
	{ "group_apchi", NULL, N_("APCHI (DGOS)"), NULL },
	{ "group_prph", NULL, N_("PRPH (FHF / AFD)"), NULL },
	{ "group_other", NULL, N_("Other funding"), NULL },
	{ "group_none", NULL, N_("Funding not stated"), NULL },
	/* TRANSLATORS: the page's count line, of the four counts below. */
	{ "countShown", NULL, N_("{projects} of {establishments} with {partners} "
	  "in {countries}"), NULL },
	{ "countProjects", NULL, NN_("{n} project", "{n} projects") },
	{ "countEstablishments", NULL, NN_("{n} French establishment",
	  "{n} French establishments") },
	{ "countPartners", NULL, NN_("{n} partner", "{n} partners") },
	{ "countCountries", NULL, NN_("{n} country", "{n} countries") },
	/* TRANSLATORS: after the count line when filters hide projects. */
	{ "countOf", NULL, NN_(" (of {n} project)", " (of {n} projects)") },
	{ "projects", NULL, N_("Projects"), NULL },
	{ "noProject", NULL, N_("No project with the chosen filters."), NULL },
	{ "line", NULL, N_("line {n} of the list"), NULL },
	{ "source", NULL, N_("source"), NULL },
	{ "approximate", NULL,
	  N_("Approximate position: city not found, country's point."), NULL },
	{ "peersSamePartner", NULL, N_("With the same partner"), NULL },
	{ "peersSameCountry", NULL, N_("In the same countries"), NULL },
	{ "peersOfPartner", NULL,
	  N_("French establishments working there"), NULL },
	{ "partnersOf", NULL, N_("Partners"), NULL },
	{ "establishmentsIn", NULL,
	  N_("French establishments present"), NULL },
	{ "partnersIn", NULL, N_("Partner hospitals"), NULL },
	{ "placesIn", NULL,
	  N_("Establishments and partners of this city"), NULL },
	{ "spellings", NULL, N_("Spellings in the list"), NULL },
	{ "none", NULL, N_("none"), NULL },
	{ "legend", NULL, N_("Legend"), NULL },
	{ "legendClasses", NULL, N_("Projects per partner country"), NULL },
	{ "legendNone", NULL, N_("No project"), NULL },
	{ "legendEstablishment", NULL, N_("French establishment"), NULL },
	{ "legendPartner", NULL, N_("Partner hospital"), NULL },
	{ "legendCluster", NULL, N_("Group (count), click to open"), NULL },
	{ "legendApprox", NULL, N_("Approximate position"), NULL },
	{ "legendLinks", NULL, N_("Links by funding"), NULL },
	{ "legendLayers", NULL, N_("Layers"), NULL },
	{ "layerCountries", NULL, N_("Countries (projects)"), NULL },
	{ "layerLinks", NULL, N_("Links"), NULL },
	{ "layerEstablishments", NULL, N_("French establishments"), NULL },
	{ "layerPartners", NULL, N_("Partner hospitals"), NULL },
	{ "world", NULL, N_("Whole world"), NULL },
	/* TRANSLATORS: the map's source line: the data's credit and the date. */
	{ "sourceLine", NULL,
	  N_("{source} · Basemap: Natural Earth · Map: coopmap, {date}"), NULL },
	{ "projectsOfCountry", NULL, NN_("{n} project", "{n} projects") },
	/* TRANSLATORS: a link's popup: a French establishment, its partner. */
	{ "link", NULL, N_("Link {a} – {b}"), NULL },
	{ "defaultSource", NULL, N_("Data: project list"), NULL },
};

#define N_WORDS (sizeof(page_words) / sizeof(page_words[0]))

/* The form gettext gives for n (the catalogue's own rule). */
static json_t *plural_forms(const struct page_word *w)
{
	json_t *forms = json_array();

	for (unsigned long n = 0; n <= 2; n++)
		json_array_append_new(forms, json_string(_n(w->msgid,
			w->msgid_plural, n)));
	return forms;
}

json_t *publish_words(void)
{
	json_t *words = json_object();

	for (size_t i = 0; i < N_WORDS; i++) {
		const struct page_word *w = &page_words[i];

		if (w->msgid_plural != NULL)
			json_object_set_new(words, w->key, plural_forms(w));
		else if (w->context != NULL)
			json_object_set_new(words, w->key, json_string(
				coopmap_i18n_ctext(w->context, w->msgid)));
		else
			json_object_set_new(words, w->key, json_string(_(w->msgid)));
	}
	return words;
}
