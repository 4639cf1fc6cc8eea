/*
 * classify.c: the rules of the 2019 APCHI call (instruction DGOS/SR2/2018/
 * 242, "priorités géographiques" and "critères d'éligibilité") applied to
 * one project, with their reasons in words.
 */
#include "coopmap/classify.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"
#include "intl.h"

static const char *const tag_names[COOPMAP_TAG_COUNT] = {
	"cicd", "agreement", "overseas-neighbour", "francophonie", "cas-crsm"
};

const char *coopmap_tag_name(int index)
{
	return index >= 0 && index < COOPMAP_TAG_COUNT ? tag_names[index] : "";
}

struct judge {
	const coopmap_countries *countries;
	const coopmap_layer_set *layers;
	const coopmap_project *p;
	const char *lang;   /* of the names of countries */
	GString *tags, *priority;
	unsigned bits;
};

static void add_tag(struct judge *j, int index, const char *reason)
{
	if (j->bits & (1u << index))
		return;
	j->bits |= 1u << index;
	g_string_append_printf(j->tags, "%s%s", j->tags->len ? ";" : "",
		tag_names[index]);
	g_string_append_printf(j->priority, "%s%s", j->priority->len ? "; " : "",
		reason);
}

static const coopmap_layer *layer(const struct judge *j, const char *id)
{
	return coopmap_layer_set_find(j->layers, id);
}

static const char *name_of(const struct judge *j, const coopmap_country *c)
{
	return coopmap_country_name(c, j->lang);
}

static void judge_cicd(struct judge *j)
{
	const coopmap_layer *l = layer(j, "cicd-2018");

	if (l != NULL && coopmap_layer_contains(l, j->p->country))
		add_tag(j, 0, _("priority country of French aid (CICD of 8 "
			"February 2018)"));
}

static void judge_agreement(struct judge *j)
{
	const coopmap_layer *l = layer(j, "health-agreements");
	long row = l != NULL ? coopmap_layer_find(l, j->p->country, 0) : -1;
	const char *themes;
	char *reason;

	if (row < 0)
		return;
	themes = coopmap_layer_value(l, (size_t)row, "themes");
	/* TRANSLATORS: a priority of the 2019 call: the country, then the
	 * agreement's themes (from the layer) or "themes to check with the
	 * DGOS". */
	reason = g_strdup_printf(_("cooperation agreement of the French health "
		"ministry with %s: the project should target a theme of the "
		"agreement (%s)"), name_of(j, j->p->country), themes[0] != '\0'
		? themes : _("themes to check with the DGOS"));
	add_tag(j, 1, reason);
	g_free(reason);
}

static void judge_overseas(struct judge *j)
{
	const coopmap_layer *l = layer(j, "overseas-neighbours");
	GString *reason = g_string_new(NULL);
	long row = -1;

	while (l != NULL &&
	    (row = coopmap_layer_find(l, j->p->country, (size_t)(row + 1))) >= 0) {
		const char *code = coopmap_layer_value(l, (size_t)row, "territory");
		const coopmap_country *unit = coopmap_country_find_iso3(j->countries,
			code);
		const char *territory = unit != NULL ? name_of(j, unit) : code;
		const char *basis = coopmap_layer_value(l, (size_t)row, "basis");
		const char *km = coopmap_layer_value(l, (size_t)row, "distance_km");
		char *why = km[0] != '\0' ? g_strdup_printf("%s, %s km", basis, km)
			: g_strdup(basis);

		g_string_append(reason, reason->len ? ", " : "");
		/* TRANSLATORS: a priority of the 2019 call: a French territory
		 * and why the country is its neighbour (from the layer). */
		g_string_append_printf(reason, _("neighbour of %s (%s)"), territory,
			why);
		g_free(why);
	}
	if (reason->len > 0)
		add_tag(j, 2, reason->str);
	g_string_free(reason, TRUE);
}

/* format: a sentence of the catalogue (the run's language) with one %s,
 * the layer's value in column. */
static void judge_member_layer(struct judge *j, const char *id, int index,
	const char *column, const char *format)
{
	const coopmap_layer *l = layer(j, id);
	long row = l != NULL ? coopmap_layer_find(l, j->p->country, 0) : -1;
	char *reason;
	const char *value;

	if (row < 0)
		return;
	value = coopmap_layer_value(l, (size_t)row, column);
	reason = g_strdup_printf(format, value[0] != '\0' ? value
		/* TRANSLATORS: a country in a layer whose row has no status
		 * or role: "Francophonie (OIF, listed)". */
		: _("listed"));
	add_tag(j, index, reason);
	g_free(reason);
}

static void judge_eligibility(struct judge *j, coopmap_verdict *out)
{
	const coopmap_country *c = j->p->country;
	const coopmap_layer *l = layer(j, "metropolitan-neighbours");

	out->eligible = 1;
	if (strcmp(c->iso_a3, "FRA") == 0 || strcmp(c->sovereign, "FRA") == 0) {
		out->eligible = 0;
		out->eligibility = g_strdup(_("not eligible: the partner is in "
			"France or a French territory"));
	} else if (l != NULL && coopmap_layer_contains(l, c)) {
		out->eligible = 0;
		out->eligibility = g_strdup(_("not eligible: metropolitan "
			"cross-border cooperation"));
	} else {
		/* TRANSLATORS: a project's eligibility to the 2019 call. */
		out->eligibility = g_strdup(_("eligible"));
	}
}

/* The call: "a project funded by the PRPH cannot also be funded by the
 * APCHI". */
static char *double_funding(const struct judge *j)
{
	char *programme = coopmap_names_fold(j->p->programme);
	int prph = strstr(programme, "prph") != NULL;
	int apchi = strstr(programme, "apchi") != NULL ||
		strstr(programme, "dgos") != NULL;

	free(programme);
	if (!(prph && apchi))
		return g_strdup("");
	return g_strdup(_("funded by both PRPH and APCHI, which the call "
		"excludes"));
}

static int cell_missing(const char *text)
{
	char *key = coopmap_names_fold(text);
	int missing = key[0] == '\0' || strcmp(key, "non") == 0 ||
		strcmp(key, "no") == 0;

	free(key);
	return missing;
}

static char *missing_items(const struct judge *j,
	const coopmap_projects *projects)
{
	/* The call's mandatory items, as the list of missing ones names them. */
	static const struct { coopmap_field field; const char *item; } items[] = {
		{ COOPMAP_FIELD_LEAD, N_("project lead (French establishment)") },
		{ COOPMAP_FIELD_PARTNER_LEAD, N_("project lead (partner)") },
		{ COOPMAP_FIELD_DURATION, N_("duration") },
		{ COOPMAP_FIELD_AGREEMENT,
			N_("signed agreement between the establishments") },
	};
	const char *values[] = { j->p->lead, j->p->partner_lead, j->p->duration,
		j->p->agreement };
	GString *out = g_string_new(NULL);
	int has_indicator = coopmap_projects_has_field(projects,
		COOPMAP_FIELD_TRAINED) || coopmap_projects_has_field(projects,
		COOPMAP_FIELD_MISSIONS) || coopmap_projects_has_field(projects,
		COOPMAP_FIELD_DELEGATIONS);

	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (coopmap_projects_has_field(projects, items[i].field) &&
		    cell_missing(values[i]))
			g_string_append_printf(out, "%s%s", out->len ? "; " : "",
				_(items[i].item));
	}
	if (has_indicator && isnan(j->p->trained) && isnan(j->p->missions) &&
	    isnan(j->p->delegations))
		g_string_append_printf(out, "%s%s", out->len ? "; " : "",
			_("monitoring indicators (people trained, missions, "
			"delegations)"));
	return g_string_free(out, FALSE);
}

void coopmap_classify(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const coopmap_projects *projects,
	const coopmap_project *p, const char *lang, coopmap_verdict *out)
{
	struct judge j = { countries, layers, p,
		lang != NULL && strcmp(lang, "en") == 0 ? "en" : "fr",
		g_string_new(NULL), g_string_new(NULL), 0 };

	memset(out, 0, sizeof(*out));
	judge_cicd(&j);
	judge_agreement(&j);
	judge_overseas(&j);
	judge_member_layer(&j, "francophonie", 3, "status",
		/* TRANSLATORS: a priority of the 2019 call: the country's
		 * status in the OIF (member, observer ...), from the layer. */
		_("Francophonie (OIF, %s)"));
	judge_member_layer(&j, "cas-crsm", 4, "role",
		/* TRANSLATORS: a priority of the 2019 call: the adviser's title
		 * (CAS, CRSM), from the layer. */
		_("health adviser at the French embassy (%s)"));
	judge_eligibility(&j, out);
	out->tags = j.bits;
	out->tag_names = g_string_free(j.tags, FALSE);
	out->priority = g_string_free(j.priority, FALSE);
	out->warnings = double_funding(&j);
	out->missing = missing_items(&j, projects);
}

void coopmap_verdict_clear(coopmap_verdict *v)
{
	g_free(v->tag_names);
	g_free(v->priority);
	g_free(v->eligibility);
	g_free(v->warnings);
	g_free(v->missing);
	memset(v, 0, sizeof(*v));
}
