/*
 * partners.c: the identity of partner hospitals across spellings.  The
 * word tables below are the field's vocabulary (French and English); the
 * score weighs distinctive words most, because two hospitals of one city
 * share everything else ("CHU de Cocody", "CHU de Treichville").
 */
#include "coopmap/partners.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/names.h"

/* Types of establishment, by family: a family conflicts with another. */
enum type {
	TYPE_NONE,        /* no type word */
	TYPE_HOSPITAL,    /* "hôpital", "centre": says nothing */
	TYPE_CHU,         /* university hospital (CHU, CHRU, CHNU, CNHU, HU) */
	TYPE_CHR,         /* regional */
	TYPE_CHD,         /* departmental */
	TYPE_CH,          /* centre hospitalier (general French word) */
	TYPE_HG,          /* hôpital général */
	TYPE_HP,          /* hôpital principal */
	TYPE_HN,          /* hôpital national */
	TYPE_CLINIC,
	TYPE_CMA,         /* centre médical avec antenne chirurgicale */
	TYPE_COUNT
};

static const char *const type_names[TYPE_COUNT] = {
	"", "hospital", "chu", "chr", "chd", "ch", "hg", "hp", "hn", "clinic", "cma"
};

/* Phrases of folded words, longest first, and the type they mean. */
static const struct { const char *phrase; enum type type; } phrases[] = {
	{ "centre hospitalier regional universitaire", TYPE_CHU },
	{ "centre national hospitalier universitaire", TYPE_CHU },
	{ "centre hospitalier national universitaire", TYPE_CHU },
	{ "centre hospitalier universitaire", TYPE_CHU },
	{ "centre hospitalo universitaire", TYPE_CHU },
	{ "centre hospitalier intercommunal", TYPE_CH },
	{ "centre hospitalier national", TYPE_HN },
	{ "centre national hospitalier", TYPE_HN },
	{ "centre hospitalier departemental", TYPE_CHD },
	{ "centre hospitalier regional", TYPE_CHR },
	{ "centre medical avec antenne chirurgicale", TYPE_CMA },
	{ "etablissement hospitalo universitaire", TYPE_CHU },
	{ "hopitaux universitaires", TYPE_CHU },
	{ "hopital universitaire", TYPE_CHU },
	{ "university hospital", TYPE_CHU },
	{ "teaching hospital", TYPE_CHU },
	{ "cliniques universitaires", TYPE_CHU },
	{ "centre hospitalier", TYPE_CH },
	{ "hopital regional", TYPE_CHR },
	{ "regional hospital", TYPE_CHR },
	{ "hopital general", TYPE_HG },
	{ "general hospital", TYPE_HG },
	{ "hopital principal", TYPE_HP },
	{ "hopital national", TYPE_HN },
	{ "national hospital", TYPE_HN },
	{ "chru", TYPE_CHU }, { "chu", TYPE_CHU }, { "chnu", TYPE_CHU },
	{ "cnhu", TYPE_CHU }, { "chun", TYPE_CHU }, { "hu", TYPE_CHU },
	{ "ehu", TYPE_CHU }, { "chr", TYPE_CHR }, { "chd", TYPE_CHD },
	{ "chi", TYPE_CH }, { "ch", TYPE_CH }, { "hg", TYPE_HG },
	{ "hp", TYPE_HP }, { "hn", TYPE_HN }, { "cma", TYPE_CMA },
	{ "clinique", TYPE_CLINIC }, { "cliniques", TYPE_CLINIC },
	{ "polyclinique", TYPE_CLINIC }, { "clinic", TYPE_CLINIC },
	{ "hopital", TYPE_HOSPITAL }, { "hopitaux", TYPE_HOSPITAL },
	{ "hospital", TYPE_HOSPITAL }, { "hospitalier", TYPE_HOSPITAL },
	{ "hospitaliere", TYPE_HOSPITAL }, { "centre", TYPE_HOSPITAL },
	{ "center", TYPE_HOSPITAL },
};

static const char *const stop_words[] = {
	"de", "du", "d", "la", "le", "les", "l", "des", "et", "the", "of", "a",
	"au", "aux", "en", "and", "s", "service", "unite", "departement", NULL
};

struct coopmap_partner_name {
	char *key;              /* "chu: yalgado ouedraogo" */
	enum type type;
	GPtrArray *words;       /* distinctive folded words */
	GPtrArray *places;      /* the subset of words that name the city */
	char *initials;         /* of every word of the name, stop words out */
	char *city;             /* folded */
};

static int is_stop_word(const char *w)
{
	for (int i = 0; stop_words[i] != NULL; i++) {
		if (strcmp(w, stop_words[i]) == 0)
			return 1;
	}
	return 0;
}

/* The name without what stands in parentheses ("(unité d'hématologie)"):
 * a department, not another hospital. */
static char *without_parentheses(const char *name)
{
	GString *out = g_string_new(NULL);
	int depth = 0;

	for (const char *p = name; *p != '\0'; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

/* Length in words of the phrase at words[i], and its type, or 0. */
static size_t match_phrase(gchar **words, size_t i, enum type *type)
{
	for (size_t k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++) {
		gchar **parts = g_strsplit(phrases[k].phrase, " ", -1);
		size_t n = 0;
		int ok = 1;

		for (; parts[n] != NULL && ok; n++)
			ok = words[i + n] != NULL && strcmp(words[i + n], parts[n]) == 0;
		g_strfreev(parts);
		if (ok) {
			*type = phrases[k].type;
			return n;
		}
	}
	return 0;
}

/* The more specific of two types found in one name. */
static enum type stronger(enum type a, enum type b)
{
	if (a == TYPE_NONE || a == TYPE_HOSPITAL)
		return b == TYPE_NONE ? a : b;
	return a;
}

static int in_city(const char *word, gchar **city_words)
{
	for (size_t i = 0; city_words != NULL && city_words[i] != NULL; i++) {
		if (strcmp(word, city_words[i]) == 0)
			return 1;
	}
	return 0;
}

static void analyse(coopmap_partner_name *n, const char *name, const char *city)
{
	char *bare = without_parentheses(name);
	char *folded = coopmap_names_fold(bare);
	gchar **words = g_strsplit(folded, " ", -1);
	gchar **city_words;
	GString *initials = g_string_new(NULL), *key = g_string_new(NULL);

	n->city = coopmap_names_fold(city != NULL ? city : "");
	city_words = n->city[0] != '\0' ? g_strsplit(n->city, " ", -1) : NULL;
	for (size_t i = 0; words[i] != NULL;) {
		enum type type = TYPE_NONE;
		size_t len = words[i][0] != '\0' ? match_phrase(words, i, &type) : 0;

		if (words[i][0] != '\0' && !is_stop_word(words[i]))
			g_string_append_c(initials, words[i][0]);
		if (len > 0) {
			n->type = stronger(n->type, type);
			for (size_t k = 1; k < len; k++) {
				if (!is_stop_word(words[i + k]))
					g_string_append_c(initials, words[i + k][0]);
			}
			i += len;
			continue;
		}
		if (words[i][0] != '\0' && !is_stop_word(words[i])) {
			char *word = g_strdup(words[i]);

			g_ptr_array_add(n->words, word);
			if (in_city(word, city_words))
				g_ptr_array_add(n->places, word);
		}
		i++;
	}
	g_string_append_printf(key, "%s:", type_names[n->type]);
	for (guint i = 0; i < n->words->len; i++)
		g_string_append_printf(key, " %s",
			(char *)g_ptr_array_index(n->words, i));
	n->key = g_string_free(key, FALSE);
	n->initials = g_string_free(initials, FALSE);
	g_strfreev(city_words);
	g_strfreev(words);
	free(folded);
	g_free(bare);
}

coopmap_partner_name *coopmap_partner_name_new(const char *name,
	const char *city)
{
	coopmap_partner_name *n = calloc(1, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->words = g_ptr_array_new_with_free_func(g_free);
	n->places = g_ptr_array_new();
	analyse(n, name != NULL ? name : "", city);
	return n;
}

void coopmap_partner_name_free(coopmap_partner_name *n)
{
	if (n == NULL)
		return;
	g_ptr_array_free(n->places, TRUE);
	g_ptr_array_free(n->words, TRUE);
	g_free(n->key);
	g_free(n->initials);
	free(n->city);
	free(n);
}

const char *coopmap_partner_name_key(const coopmap_partner_name *n)
{
	return n->key;
}

static int is_place(const coopmap_partner_name *n, const char *word)
{
	for (guint i = 0; i < n->places->len; i++) {
		if (g_ptr_array_index(n->places, i) == word)
			return 1;
	}
	return 0;
}

/* Equal, or one typo apart in a long enough word. */
static int words_match(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t shorter = la < lb ? la : lb;

	if (strcmp(a, b) == 0)
		return 1;
	if (shorter < 5)
		return 0;
	return coopmap_names_distance(a, b, 2) <= (shorter >= 9 ? 2u : 1u);
}

/* The acronym word of a (2 to 7 letters) spells the initials of a run of
 * at least two consecutive words of b. */
static int acronym_of_run(const char *word, const coopmap_partner_name *b)
{
	size_t len = strlen(word);

	if (len < 2 || len > 7)
		return 0;
	for (guint start = 0; start + len <= b->words->len; start++) {
		guint k = 0;

		while (k < len && ((char *)g_ptr_array_index(b->words,
		    start + k))[0] == word[k])
			k++;
		if (k == len)
			return 1;
	}
	return 0;
}

/* Weight of a word: long words (proper names) say more than short ones. */
static double weight(const char *word)
{
	return 1.0 + fmin(strlen(word), 10.0) / 10.0;
}

/*
 * How many of a's distinctive words (not naming the city) find a match in
 * b, as a share of a's weight.  Words of b spelled as acronyms in a count.
 */
static double contained(const coopmap_partner_name *a,
	const coopmap_partner_name *b, double *total_out)
{
	double total = 0, matched = 0;

	for (guint i = 0; i < a->words->len; i++) {
		const char *w = g_ptr_array_index(a->words, i);
		int found = 0;

		if (is_place(a, w))
			continue;
		total += weight(w);
		for (guint j = 0; j < b->words->len && !found; j++)
			found = words_match(w, g_ptr_array_index(b->words, j));
		if (!found)
			found = acronym_of_run(w, b);
		if (found)
			matched += weight(w);
	}
	*total_out = total;
	return total > 0 ? matched / total : 0;
}

static double type_agreement(enum type a, enum type b)
{
	if (a == b)
		return 1.0;
	if (a <= TYPE_HOSPITAL || b <= TYPE_HOSPITAL)
		return 0.6;
	/* A regional or departmental hospital is a "centre hospitalier"; a
	 * national hospital may be part of a CHU (Ignace Deen, Conakry). */
	if ((a == TYPE_CH && (b == TYPE_CHR || b == TYPE_CHD)) ||
	    (b == TYPE_CH && (a == TYPE_CHR || a == TYPE_CHD)) ||
	    (a == TYPE_HN && b == TYPE_CHU) || (b == TYPE_HN && a == TYPE_CHU))
		return 0.5;
	return 0.0;
}

/* The whole of one name is the acronym of the other ("HGOPY"). */
static int whole_acronym(const coopmap_partner_name *a,
	const coopmap_partner_name *b)
{
	const char *w;

	if (a->words->len != 1 || a->type > TYPE_HOSPITAL)
		return 0;
	w = g_ptr_array_index(a->words, 0);
	return strlen(w) >= 3 && strcmp(w, b->initials) == 0;
}

double coopmap_partner_score(const coopmap_partner_name *a,
	const coopmap_partner_name *b, char *why, size_t size)
{
	double total_a, total_b, in_b, in_a, words, types, score;
	int cities_known = a->city[0] != '\0' && b->city[0] != '\0';
	int same_city = cities_known && words_match(a->city, b->city);
	const char *words_why;

	if (whole_acronym(a, b) || whole_acronym(b, a)) {
		if (why != NULL)
			snprintf(why, size, "'%s' is the acronym of '%s'",
				whole_acronym(a, b) ? a->key : b->key,
				whole_acronym(a, b) ? b->key : a->key);
		return cities_known && !same_city ? 0.3 : 0.95;
	}
	in_b = contained(a, b, &total_a);
	in_a = contained(b, a, &total_b);
	if (total_a > 0 && total_b > 0) {
		/* The shorter name's words all found in the longer: same. */
		words = total_a <= total_b ? in_b : in_a;
		words_why = words >= 1 ? "the distinctive words match"
			: words > 0 ? "only some distinctive words match"
			: "the distinctive words differ";
	} else if (total_a > 0 || total_b > 0) {
		words = 0.5;
		words_why = "one name has no distinctive word";
	} else {
		words = same_city ? 0.9 : 0.5;
		words_why = "neither name has a distinctive word";
	}
	types = type_agreement(a->type, b->type);
	score = 0.7 * words + 0.2 * types + 0.1 * (cities_known ? same_city : 0.5);
	if (cities_known && !same_city)
		score = fmin(score, 0.3);
	if (why != NULL)
		snprintf(why, size, "%s; types %s/%s %s; cities %s",
			words_why, type_names[a->type][0] ? type_names[a->type] : "none",
			type_names[b->type][0] ? type_names[b->type] : "none",
			types >= 1 ? "agree" : types > 0 ? "are compatible" : "conflict",
			!cities_known ? "not both given" : same_city ? "agree" : "differ");
	return score;
}
