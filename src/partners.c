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
#include "intl.h"

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
	TYPE_EHU,         /* établissement hospitalier universitaire (Algeria):
	                     not the CHU of the same city */
	TYPE_COUNT
};

static const char *const type_names[TYPE_COUNT] = {
	"", "hospital", "chu", "chr", "chd", "ch", "hg", "hp", "hn", "clinic", "cma",
	"ehu"
};

/* Phrases of folded words, longest first, and the type they mean. */
static const struct { const char *phrase; enum type type; } phrases[] = {
	{ "centre hospitalier regional universitaire", TYPE_CHU },
	{ "centre national hospitalier universitaire", TYPE_CHU },
	{ "centre hospitalier national universitaire", TYPE_CHU },
	{ "centre hospitalier universitaire departemental", TYPE_CHU },
	{ "centre hospitalier universitaire", TYPE_CHU },
	{ "centre hospitalo universitaire", TYPE_CHU },
	{ "centre hospitalier intercommunal", TYPE_CH },
	{ "centre hospitalier national", TYPE_HN },
	{ "centre national hospitalier", TYPE_HN },
	{ "centre hospitalier departemental", TYPE_CHD },
	{ "centre hospitalier regional", TYPE_CHR },
	{ "centre medical avec antenne chirurgicale", TYPE_CMA },
	{ "etablissement hospitalo universitaire", TYPE_EHU },
	{ "etablissement hospitalier universitaire", TYPE_EHU },
	{ "hopitaux universitaires", TYPE_CHU },
	{ "hopital universitaire", TYPE_CHU },
	{ "university hospital", TYPE_CHU },
	{ "universitaire hospital", TYPE_CHU },  /* "university" is read so */
	{ "teaching hospital", TYPE_CHU },
	{ "cliniques universitaires", TYPE_CHU },
	{ "centre hospitalier", TYPE_CH },
	{ "hopital general de reference", TYPE_HG },
	{ "hopital provincial general de reference", TYPE_HG },
	{ "benh vien", TYPE_HOSPITAL },
	{ "hopital regional", TYPE_CHR },
	{ "regional hospital", TYPE_CHR },
	{ "hopital general", TYPE_HG },
	{ "general hospital", TYPE_HG },
	{ "hopital principal", TYPE_HP },
	{ "hopital national", TYPE_HN },
	{ "national hospital", TYPE_HN },
	{ "chru", TYPE_CHU }, { "chu", TYPE_CHU }, { "chnu", TYPE_CHU },
	{ "cnhu", TYPE_CHU }, { "chun", TYPE_CHU }, { "hu", TYPE_CHU },
	{ "ehu", TYPE_EHU }, { "chud", TYPE_CHU }, { "chr", TYPE_CHR },
	{ "chd", TYPE_CHD },
	{ "chi", TYPE_CH }, { "ch", TYPE_CH }, { "hg", TYPE_HG },
	{ "hp", TYPE_HP }, { "hn", TYPE_HN }, { "cma", TYPE_CMA },
	{ "hgr", TYPE_HG }, { "chn", TYPE_HN },
	{ "clinique", TYPE_CLINIC }, { "cliniques", TYPE_CLINIC },
	{ "polyclinique", TYPE_CLINIC }, { "clinic", TYPE_CLINIC },
	{ "hopital", TYPE_HOSPITAL }, { "hopitaux", TYPE_HOSPITAL },
	{ "hospital", TYPE_HOSPITAL }, { "hospitalier", TYPE_HOSPITAL },
	{ "hospitaliere", TYPE_HOSPITAL }, { "centre", TYPE_HOSPITAL },
	{ "center", TYPE_HOSPITAL }, { "medical center", TYPE_HOSPITAL },
	{ "centre medical", TYPE_HOSPITAL },
};

/* Words of English and French names that mean the same, and common
 * abbreviations: both sides are read in the first form. */
static const struct { const char *from, *to; } synonyms[] = {
	{ "st", "saint" }, { "ste", "sainte" }, { "lebanese", "libanais" },
	{ "french", "francais" }, { "friendship", "amitie" },
	{ "children", "enfant" }, { "child", "enfant" }, { "enfants", "enfant" },
	{ "mother", "mere" }, { "military", "militaire" },
	{ "university", "universitaire" }, { "soviet", "sovietique" },
	{ "khmero", "khmer" }, { "pediatric", "pediatrique" },
	{ "paediatric", "pediatrique" }, { "pediatrie", "pediatrique" },
	{ "gyneco", "gynecologie" }, { "gynecologique", "gynecologie" },
	{ "obstetrical", "obstetrique" },
	/* Spanish, Portuguese and Romanian words of the field. */
	{ "pediatrico", "pediatrique" }, { "pediatrica", "pediatrique" },
	{ "militar", "militaire" }, { "clinico", "clinical" },
	{ "clinic", "clinical" }, { "quirurgico", "surgical" },
	{ "cirurgico", "surgical" }, { "materno", "mere" }, { "materna", "mere" },
	{ "infantil", "enfant" }, { "copii", "enfant" }, { "copilului", "enfant" },
	{ "mamei", "mere" }, { "docente", "teaching" },
};

/*
 * Words of the field in the partners' own languages, read as their French
 * or English form before anything else (whole folded words, replaced where
 * they stand): Vietnamese (bệnh viện is in the phrases), Spanish and
 * Portuguese, romanised Arabic, Khmer, Lao and Romanian.  Only generic words and
 * words that say what kind of hospital it is: never a name.
 */
static const struct { const char *from, *to; } vocabulary[] = {
	{ "bv", "benh vien" }, { "trung uong", "central" },
	{ "dai hoc y", "universitaire medical" }, { "dai hoc", "universitaire" },
	{ "da khoa", "general" }, { "nhi dong", "enfant" }, { "nhi", "pediatrique" },
	{ "phu san", "gynecologie obstetrique" }, { "quan y", "militaire" },
	{ "quan doi", "militaire" }, { "huu nghi", "amitie" },
	{ "hospital nacional", "hopital national" },
	{ "hospital geral", "hopital general" },
	{ "hospital general", "hopital general" },
	{ "hospital regional", "hopital regional" },
	{ "hospital universitario", "hopital universitaire" },
	{ "mustashfa", "hopital" }, { "moustachfa", "hopital" },
	{ "mostachfa", "hopital" }, { "moustashfa", "hopital" },
	{ "mondol pet", "hopital" }, { "munti pet", "hopital" },
	{ "hong mo", "hopital" }, { "mittaphab", "amitie" },
	{ "spitalul", "hopital" }, { "spital", "hopital" },
	/* One word however it is hyphenated ("cardio-vasculaire"). */
	{ "cardio vasculaire", "cardiovasculaire" },
	{ "cardio vascular", "cardiovasculaire" },
};

/* Words that qualify a hospital (its specialty or public): two names of
 * one place that differ by one of these are two hospitals ("CHU de
 * Kamenge" is not the "Hôpital militaire de Kamenge"). */
static const char *const qualifiers[] = {
	"militaire", "pediatrique", "enfant", "mere", "gynecologie",
	"obstetrique", "maternite", "psychiatrique", "cardiologie",
	"oncologie", "ophtalmologie", "dermatologie", "pneumologie",
	"traumatologie", "orthopedie", "neurologie", "chirurgie", "infectieuses",
	NULL
};

/* Titles and filler that say nothing about which hospital it is. */
static const char *const fillers[] = {
	"dr", "docteur", "pr", "professeur", "n", "no", "numero",
	"gouvernemental", "archbishop", "arzobispo", "arcebispo", "archeveque",
	"mgr", "monseigneur", NULL
};

/* Articles and particles that are part of a person's name ("Le Dantec",
 * "El Idrissi", "Charles de Gaulle"): stop words, but acronyms may keep
 * their letter ("HALD", "CDG"). */
static const char *const articles[] = { "le", "la", "les", "el", "al", "de",
	NULL };

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
	char *all_initials;     /* of every word ("Le Dantec": l, d) */
	char *initials_here;    /* initials without the city's words */
	char *named_initials;   /* of the distinctive words and the articles
	                           of a name ("Aristide Le Dantec": ald) */
	char *forms[4];         /* what may follow a type's letters in an
	                           acronym (acronym_forms) */
	char *code;             /* the name as one code (as_code), or NULL */
	char *city;             /* folded */
};

static int in_list(const char *w, const char *const *list)
{
	for (int i = 0; list[i] != NULL; i++) {
		if (strcmp(w, list[i]) == 0)
			return 1;
	}
	return 0;
}

static int is_number(const char *w)
{
	return w[0] >= '0' && w[0] <= '9';
}

static const char *canonical(const char *w)
{
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
		if (strcmp(w, synonyms[i].from) == 0)
			return synonyms[i].to;
	}
	return w;
}

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

/* The number of words of phrase that stand at words[i], or 0 when they
 * do not (no allocation: every word of every name is tried). */
static size_t phrase_at(const char *phrase, gchar **words, size_t i)
{
	size_t n = 0;

	for (const char *p = phrase; *p != '\0'; n++) {
		size_t len = strcspn(p, " ");

		if (words[i + n] == NULL || strlen(words[i + n]) != len ||
		    strncmp(words[i + n], p, len) != 0)
			return 0;
		p += len + (p[len] == ' ');
	}
	return n;
}

/* Length in words of the longest phrase at words[i], and its type, or 0. */
static size_t match_phrase(gchar **words, size_t i, enum type *type)
{
	size_t best = 0;

	for (size_t k = 0; k < sizeof(phrases) / sizeof(phrases[0]); k++) {
		size_t n = phrases[k].phrase[0] == words[i][0]
			? phrase_at(phrases[k].phrase, words, i) : 0;

		if (n > best) {
			best = n;
			*type = phrases[k].type;
		}
	}
	return best;
}

/* The more specific of two types found in one name. */
static enum type stronger(enum type a, enum type b)
{
	if (a == TYPE_NONE || a == TYPE_HOSPITAL)
		return b == TYPE_NONE ? a : b;
	return a;
}

static int words_match(const char *a, const char *b);
static int name_words_match(const char *w, const char *v);
static void consonants(const char *city, char *out, size_t size);
static void acronym_forms(coopmap_partner_name *n);
static char *as_code(const coopmap_partner_name *n);

/* A word names the city when it is one of the city's words, spelled alike,
 * or the whole city of one word with the same consonants ("d'Alger" in
 * Algiers; not "santé" in Saint-Louis). */
static int in_city(const char *word, gchar **city_words)
{
	char cw[128], cc[128];

	for (size_t i = 0; city_words != NULL && city_words[i] != NULL; i++) {
		if (strcmp(word, city_words[i]) == 0 ||
		    (strlen(word) >= 4 && words_match(word, city_words[i])))
			return 1;
	}
	if (city_words == NULL || city_words[0] == NULL || city_words[1] != NULL)
		return 0;
	consonants(word, cw, sizeof(cw));
	consonants(city_words[0], cc, sizeof(cc));
	return cw[0] != '\0' && strcmp(cw, cc) == 0;
}

/* The folded name with the vocabulary's words read in French or English
 * (caller frees). */
static char *in_field_words(const char *folded)
{
	char *text = g_strconcat(" ", folded, " ", NULL);

	for (size_t i = 0; i < sizeof(vocabulary) / sizeof(vocabulary[0]); i++) {
		char *from = g_strconcat(" ", vocabulary[i].from, " ", NULL);
		char *hit;

		while ((hit = strstr(text, from)) != NULL) {
			char *next = g_strdup_printf("%.*s %s %s", (int)(hit - text),
				text, vocabulary[i].to, hit + strlen(from));

			g_free(text);
			text = next;
		}
		g_free(from);
	}
	g_strstrip(text);
	return text;
}

static void analyse(coopmap_partner_name *n, const char *name, const char *city)
{
	char *bare = without_parentheses(name);
	char *raw = coopmap_names_fold(bare);
	char *folded = in_field_words(raw);
	gchar **words = g_strsplit(folded, " ", -1);
	gchar **city_words;

	for (size_t i = 0; words[i] != NULL; i++) {
		const char *c = canonical(words[i]);

		if (c != words[i]) {
			g_free(words[i]);
			words[i] = g_strdup(c);
		}
	}
	GString *initials = g_string_new(NULL), *key = g_string_new(NULL);
	GString *all = g_string_new(NULL), *here = g_string_new(NULL);
	GString *named = g_string_new(NULL);

	n->city = coopmap_names_fold(city != NULL ? city : "");
	city_words = n->city[0] != '\0' ? g_strsplit(n->city, " ", -1) : NULL;
	for (size_t i = 0; words[i] != NULL;) {
		enum type type = TYPE_NONE;
		size_t len = words[i][0] != '\0' ? match_phrase(words, i, &type) : 0;

		if (words[i][0] != '\0' && !is_stop_word(words[i]))
			g_string_append_c(initials, words[i][0]);
		if (words[i][0] != '\0' && !is_stop_word(words[i]) &&
		    !in_city(words[i], city_words))
			g_string_append_c(here, words[i][0]);
		if (words[i][0] != '\0' && strcmp(words[i], "d") != 0 &&
		    strcmp(words[i], "l") != 0 && strcmp(words[i], "de") != 0 &&
		    strcmp(words[i], "du") != 0)
			g_string_append_c(all, words[i][0]);
		if (len > 0) {
			n->type = stronger(n->type, type);
			for (size_t k = 1; k < len; k++) {
				if (!is_stop_word(words[i + k]))
					g_string_append_c(initials, words[i + k][0]);
			}
			i += len;
			continue;
		}
		if (words[i][0] != '\0' && !in_list(words[i], fillers) &&
		    (!is_stop_word(words[i]) || in_list(words[i], articles)))
			g_string_append_c(named, words[i][0]);
		if (words[i][0] != '\0' && !is_stop_word(words[i]) &&
		    !in_list(words[i], fillers)) {
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
	n->all_initials = g_string_free(all, FALSE);
	n->initials_here = g_string_free(here, FALSE);
	n->named_initials = g_string_free(named, FALSE);
	acronym_forms(n);
	n->code = as_code(n);
	g_strfreev(city_words);
	g_strfreev(words);
	g_free(folded);
	free(raw);
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
	g_free(n->all_initials);
	g_free(n->initials_here);
	g_free(n->named_initials);
	for (int f = 0; f < 4; f++)
		g_free(n->forms[f]);
	g_free(n->code);
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

/* The word with doubled letters made single ("jamm" -> "jam"). */
static void undouble(const char *w, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; w[i] != '\0' && n + 1 < size; i++) {
		if (i == 0 || w[i] != w[i - 1])
			out[n++] = w[i];
	}
	out[n] = '\0';
}

/* Equal but for doubled letters, or one typo apart in a long enough word
 * (two in a very long one). */
/*
 * A word of four letters or more as its transliterations share it (French,
 * English and Portuguese renderings of Arabic, Slavic and African names):
 * kh, sh, ch, ph, th, dj, ou read k, s, s, f, t, j, u; p as b, c and z as
 * s, q as k, y as i, w as u; h dropped, doubled letters single ("Pacha" /
 * "Bacha", "Sicé" / "Cissé").  Empty for a shorter word.
 */
static void transliterated(const char *w, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	if (strlen(w) < 4 || is_number(w))
		return;
	for (const char *p = w; *p != '\0' && n + 1 < size; p++) {
		char c = *p;

		if (p[1] == 'h' && strchr("kscpt", c) != NULL) {
			c = c == 'c' ? 's' : c == 'p' ? 'f' : c;
			p++;
		} else if ((c == 'd' && p[1] == 'j') || (c == 'o' && p[1] == 'u')) {
			c = p[1];
			p++;
		}
		c = c == 'p' ? 'b' : c == 'c' || c == 'z' ? 's' : c == 'q' ? 'k'
			: c == 'y' ? 'i' : c == 'w' ? 'u' : c;
		if (c == 'h' || (n > 0 && out[n - 1] == c))
			continue;
		out[n++] = c;
	}
	out[n] = '\0';
}

/* The first sound of a word, as transliterated() reads it. */
static char first_sound(const char *w)
{
	switch (w[0] == 'h' && w[1] != '\0' ? w[1] : w[0]) {
	case 'p': case 'b': return 'b';
	case 'c': case 's': case 'z': return 's';
	case 'k': case 'q': return 'k';
	case 'y': case 'i': return 'i';
	case 'w': case 'u': case 'o': return 'u';
	case 'd': case 'j': return 'j';
	default: return w[0] == 'h' && w[1] != '\0' ? w[1] : w[0];
	}
}

/* A cheap test before transliterating: lengths close, first sounds alike. */
static int may_sound_alike(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return (la > lb ? la - lb : lb - la) <= 3 && la >= 4 && lb >= 4 &&
		first_sound(a) == first_sound(b);
}

static int words_match(const char *a, const char *b)
{
	char ua[128], ub[128];
	size_t shorter;

	if (strcmp(a, b) == 0)
		return 1;
	if (is_number(a) || is_number(b))
		return 0;
	undouble(a, ua, sizeof(ua));
	undouble(b, ub, sizeof(ub));
	if (strcmp(ua, ub) == 0 && strlen(ua) >= 3)
		return 1;
	if (may_sound_alike(a, b)) {
		char ta[128], tb[128];

		transliterated(a, ta, sizeof(ta));
		transliterated(b, tb, sizeof(tb));
		if (ta[0] != '\0' && strcmp(ta, tb) == 0)
			return 1;
	}
	shorter = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
	if (shorter < 4)
		return 0;
	return coopmap_names_distance(ua, ub, 2) <= (shorter >= 9 ? 2u : 1u);
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

static int has_acronym_word(const coopmap_partner_name *a,
	const coopmap_partner_name *b)
{
	for (guint i = 0; i < a->words->len; i++) {
		if (acronym_of_run(g_ptr_array_index(a->words, i), b))
			return 1;
	}
	return 0;
}

/* Words many city names share: not enough to say two cities agree. */
static const char *const city_generic[] = {
	"saint", "sainte", "ville", "city", "port", "fort", "grand", "petit",
	"bourg", "san", "santa", "sao", "new", "nord", "sud", NULL
};

/*
 * The consonants of a city's name, as its French, English and local
 * spellings share them: vowels (y among them), h and spaces out, doubled
 * letters single, a final s dropped ("Beyrouth" / "Beirut": brt; "Alger" /
 * "Algiers": lgr; "Kiev" / "Kyiv": kv; "Erevan" / "Yerevan": rvn).  Empty
 * for a name of several words ("Saint-Lô" is not "Saint-Louis") and when
 * fewer than two consonants are left: too little to go by.
 */
static void consonants(const char *city, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	if (strchr(city, ' ') != NULL)
		return;
	for (const char *p = city; *p != '\0' && n + 1 < size; p++) {
		if (strchr("aeiouyh", *p) != NULL || (n > 0 && out[n - 1] == *p))
			continue;
		out[n++] = *p;
	}
	if (n > 0 && out[n - 1] == 's' && strlen(city) > 4)
		n--;
	out[n] = '\0';
	if (n < 2)
		out[0] = '\0';
}

/* Cities agree when spelled alike, when their consonants are the same, or
 * when one holds a distinctive word of the other ("Ho Chi Minh City" /
 * "Hô Chi Minh-Ville"). */
static int cities_agree(const char *a, const char *b)
{
	gchar **wa, **wb;
	char ca[128], cb[128];
	int agree = 0;

	if (words_match(a, b))
		return 1;
	consonants(a, ca, sizeof(ca));
	consonants(b, cb, sizeof(cb));
	if (ca[0] != '\0' && strcmp(ca, cb) == 0)
		return 1;
	wa = g_strsplit(a, " ", -1);
	wb = g_strsplit(b, " ", -1);
	for (size_t i = 0; wa[i] != NULL && !agree; i++) {
		for (size_t j = 0; wb[j] != NULL && !agree; j++)
			agree = strlen(wa[i]) >= 4 &&
				!in_list(canonical(wa[i]), city_generic) &&
				words_match(canonical(wa[i]), canonical(wb[j]));
	}
	g_strfreev(wa);
	g_strfreev(wb);
	return agree;
}

/*
 * A qualifier or a number in one name and not in the other: two hospitals
 * ("Nhi Dong 1" / "Nhi Dong 2"; "CHU de Kamenge" / "Hôpital militaire de
 * Kamenge").  A person's full name shared by both (two words or more) wins
 * over a qualifier: "Hôpital Mère-Enfant Blanche Gomes" is the "Hôpital
 * Blanche Gomes".
 */
static int shared_words(const coopmap_partner_name *a,
	const coopmap_partner_name *b)
{
	int n = 0;

	for (guint i = 0; i < a->words->len; i++) {
		const char *w = g_ptr_array_index(a->words, i);
		int found = 0;

		if (in_list(w, qualifiers) || is_number(w) || is_place(a, w))
			continue;
		/* An initial counts for the name it starts ("V. Ignatenco" and
		 * "Valentin Ignatenco": one person's full name). */
		for (guint j = 0; j < b->words->len && !found; j++)
			found = name_words_match(w, g_ptr_array_index(b->words, j));
		n += found;
	}
	return n;
}

/* Two words of names match as words do (words_match), or as an initial
 * and the word it starts, whichever name has the initial ("A.G." for
 * "Abdool Gaffoor"; "V. Ignatenco", "Valentin Ignatenco"). */
static int name_words_match(const char *w, const char *v)
{
	return words_match(w, v) ||
		(strlen(w) == 1 && !is_number(w) && v[0] == w[0]) ||
		(strlen(v) == 1 && !is_number(v) && v[0] == w[0]);
}

static int differ_in_qualifier(const coopmap_partner_name *a,
	const coopmap_partner_name *b)
{
	int numbers_differ = 0;

	/* A bare name, no type and one word ("Ohmatdyt"), says nothing of
	 * the public it serves: the other's qualifier is no difference. */
	if ((a->type == TYPE_NONE && a->words->len == 1) ||
	    (b->type == TYPE_NONE && b->words->len == 1))
		return 0;

	for (int side = 0; side < 2; side++) {
		const coopmap_partner_name *x = side ? b : a, *y = side ? a : b;

		for (guint i = 0; i < x->words->len; i++) {
			const char *w = g_ptr_array_index(x->words, i);
			int found = 0;

			if (!in_list(w, qualifiers) && !is_number(w))
				continue;
			for (guint j = 0; j < y->words->len && !found; j++)
				found = strcmp(w, g_ptr_array_index(y->words, j)) == 0;
			if (!found && is_number(w))
				numbers_differ = 1;
			if (!found && !is_number(w) && shared_words(a, b) < 2)
				return 1;
		}
	}
	return numbers_differ;
}

/* Some word of a is an acronym of a run of b's words. */
static int has_acronym_word(const coopmap_partner_name *a,
	const coopmap_partner_name *b);

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
		for (guint j = 0; j < b->words->len && !found; j++) {
			const char *v = g_ptr_array_index(b->words, j);

			found = name_words_match(w, v);
		}
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

/* Letters a type may stand for at the head of an acronym ("CHUK" is the
 * CHU de Kamenge, "HJRA" the Hôpital Joseph Ravoahangy Andrianavalona),
 * and at its tail in English word order ("RHUH": Rafik Hariri University
 * Hospital). */
static const char *const type_letters[TYPE_COUNT][6] = {
	[TYPE_NONE] = { "", NULL },
	[TYPE_HOSPITAL] = { "h", "c", "", NULL },
	[TYPE_CHU] = { "chu", "hu", "h", "cu", "cnhu", NULL },
	[TYPE_CHR] = { "chr", "hr", NULL },
	[TYPE_CHD] = { "chd", NULL },
	[TYPE_CH] = { "ch", "chi", NULL },
	[TYPE_HG] = { "hg", "hgr", NULL },
	[TYPE_HP] = { "hp", NULL },
	[TYPE_HN] = { "hn", "chn", "cnh", NULL },
	[TYPE_CLINIC] = { "c", NULL },
	[TYPE_CMA] = { "cma", NULL },
	[TYPE_EHU] = { "ehu", NULL },
};
static const char *const type_tail[TYPE_COUNT][3] = {
	[TYPE_NONE] = { NULL }, [TYPE_HOSPITAL] = { "h", NULL },
	[TYPE_CHU] = { "uh", NULL }, [TYPE_CHR] = { "rh", NULL },
	[TYPE_CHD] = { NULL }, [TYPE_CH] = { NULL },
	[TYPE_HG] = { "gh", NULL }, [TYPE_HP] = { NULL },
	[TYPE_HN] = { "nh", NULL }, [TYPE_CLINIC] = { "c", NULL },
	[TYPE_CMA] = { NULL }, [TYPE_EHU] = { NULL },
};

/* The name written as one code: a single short word ("HGOPY"), or short
 * words run together ("AP-HM" -> "aphm", "CHUP-CDG" -> "chupcdg"), else
 * NULL (caller frees). */
static char *as_code(const coopmap_partner_name *n)
{
	GString *code = g_string_new(NULL);

	for (guint i = 0; i < n->words->len; i++) {
		const char *w = g_ptr_array_index(n->words, i);

		if (is_place(n, w))
			continue;
		if (n->words->len > 1 && strlen(w) > 4) {
			g_string_free(code, TRUE);
			return NULL;
		}
		g_string_append(code, w);
	}
	if (code->len < 3 || code->len > 9) {
		g_string_free(code, TRUE);
		return NULL;
	}
	return g_string_free(code, FALSE);
}

/* What may follow a type's letters in an acronym: the initials of all the
 * name's words, of those not naming the place, of a person's name with its
 * articles ("HALD"), and the words run together ("CHU JRA"). */
static void acronym_forms(coopmap_partner_name *n)
{
	GString *forms[3] = { g_string_new(NULL), g_string_new(NULL),
		g_string_new(NULL) };

	for (guint i = 0; i < n->words->len; i++) {
		const char *w = g_ptr_array_index(n->words, i);

		g_string_append_c(forms[0], w[0]);
		if (!is_place(n, w))
			g_string_append_c(forms[1], w[0]);
		g_string_append(forms[2], w);
	}
	for (int f = 0; f < 3; f++)
		n->forms[f] = g_string_free(forms[f], FALSE);
	n->forms[3] = g_strdup(n->named_initials);
}

/*
 * Whether letters may head form f of name n in an acronym (3 letters or
 * more in all): its type's letters; "h" or "c" (hôpital, centre) before
 * three initials or more of any name; any type's letters before three
 * initials or more of a name whose type says nothing specific ("CHUJRA"
 * for the "Hôpital Joseph Ravoahangy Andrianavalona").
 */
static int may_head(const coopmap_partner_name *n, int f, int t)
{
	if (t == (int)n->type)
		return 1;
	/* "H" for hôpital heads any name's initials ("HALD" for the CHU
	 * Aristide Le Dantec). */
	return f != 2 && strlen(n->forms[f]) >= 3 &&
		(n->type <= TYPE_HOSPITAL || t == TYPE_HOSPITAL);
}

typedef void (*candidate_fn)(const char *code, void *data);

/* Every code that may stand for the name: the type letters that may head
 * each form, and each form of initials followed by the type's tail letters
 * (English order: "RHUH"). */
static void acronym_candidates(const coopmap_partner_name *n, candidate_fn fn,
	void *data)
{
	char c[256];

	for (int f = 0; f < 4 && n->words->len > 0; f++) {
		for (int t = 0; t < TYPE_COUNT; t++) {
			for (int k = 0; may_head(n, f, t) && type_letters[t][k] != NULL;
			     k++) {
				snprintf(c, sizeof(c), "%s%s", type_letters[t][k],
					n->forms[f]);
				if (strlen(c) >= 3)
					fn(c, data);
			}
		}
		for (int k = 0; f != 2 && type_tail[n->type][k] != NULL; k++) {
			snprintf(c, sizeof(c), "%s%s", n->forms[f],
				type_tail[n->type][k]);
			if (strlen(c) >= 3)
				fn(c, data);
		}
	}
}

/* The same test as acronym_candidates, without building the candidates:
 * code is form f of l with letters that may head it, or with its tail. */
static int spells_form(const char *code, const coopmap_partner_name *l, int f)
{
	size_t lc = strlen(code), lf = strlen(l->forms[f]);

	if (lc < 3 || lf > lc)
		return 0;
	if (strcmp(code + lc - lf, l->forms[f]) == 0) {
		for (int t = 0; t < TYPE_COUNT; t++) {
			for (int k = 0; may_head(l, f, t) && type_letters[t][k] != NULL;
			     k++) {
				if (strlen(type_letters[t][k]) == lc - lf &&
				    strncmp(code, type_letters[t][k], lc - lf) == 0)
					return 1;
			}
		}
	}
	if (f != 2 && strncmp(code, l->forms[f], lf) == 0) {
		for (int k = 0; type_tail[l->type][k] != NULL; k++)
			if (strcmp(code + lf, type_tail[l->type][k]) == 0)
				return 1;
	}
	return 0;
}

/* Whether code spells the name l as an acronym (acronym_candidates), or
 * all its initials. */
static int is_acronym_of(const char *code, const coopmap_partner_name *l)
{
	for (guint i = 0; i < l->words->len; i++) {
		/* A code that is one of the words is a word, not an acronym. */
		if (strcmp(code, g_ptr_array_index(l->words, i)) == 0)
			return 0;
	}
	if (strcmp(code, l->initials) == 0 || strcmp(code, l->all_initials) == 0
	    || strcmp(code, l->initials_here) == 0)
		return 1;
	for (int f = 0; f < 4 && l->words->len > 0; f++)
		if (spells_form(code, l, f))
			return 1;
	return 0;
}

/*
 * The letters of a code left after a type's letters at its head, 3 or
 * more ("CHUJRA" and "HJRA": jra), with that type, passed to fn; the code
 * itself comes too, with no type.
 */
static void code_cores(const char *code, void (*fn)(const char *core,
	enum type type, void *data), void *data)
{
	fn(code, TYPE_NONE, data);
	for (int t = TYPE_HOSPITAL; t < TYPE_COUNT; t++) {
		for (int k = 0; type_letters[t][k] != NULL; k++) {
			size_t len = strlen(type_letters[t][k]);

			if (len > 0 && strncmp(code, type_letters[t][k], len) == 0 &&
			    strlen(code) >= len + 3)
				fn(code + len, (enum type)t, data);
		}
	}
}

struct core_match {
	const char *core;
	enum type type;
	int found;
};

static void compare_core(const char *core, enum type type, void *data)
{
	struct core_match *m = data;

	m->found |= strcmp(core, m->core) == 0 &&
		type_agreement(type, m->type) > 0;
}

static void search_cores(const char *core, enum type type, void *data)
{
	struct core_match *m = data;
	struct core_match inner = { core, type, 0 };

	code_cores(m->core, compare_core, &inner);
	m->found |= inner.found;
}

/* Two codes that are one after their types' letters ("CHUJRA", "HJRA"),
 * the types not conflicting. */
static int same_code(const coopmap_partner_name *a,
	const coopmap_partner_name *b)
{
	struct core_match m = { b->code, TYPE_NONE, 0 };

	if (a->code != NULL && b->code != NULL && strcmp(a->code, b->code) != 0)
		code_cores(a->code, search_cores, &m);
	return m.found;
}

static int whole_acronym(const coopmap_partner_name *a,
	const coopmap_partner_name *b)
{
	return a->code != NULL && b->words->len >= 1 &&
		is_acronym_of(a->code, b);
}

/* The non-place words of x, all found among the words of y. */
static int place_words_cover(const coopmap_partner_name *x,
	const coopmap_partner_name *y)
{
	for (guint i = 0; i < x->words->len; i++) {
		const char *w = g_ptr_array_index(x->words, i);
		int found = 0;

		if (is_place(x, w))
			continue;
		for (guint j = 0; j < y->words->len && !found; j++)
			found = words_match(w, g_ptr_array_index(y->words, j));
		if (!found)
			return 0;
	}
	return 1;
}

/* Every place word of y is a word of x too. */
static int places_named(const coopmap_partner_name *y,
	const coopmap_partner_name *x)
{
	for (guint i = 0; i < y->places->len; i++) {
		int found = 0;

		for (guint j = 0; j < x->words->len && !found; j++)
			found = words_match(g_ptr_array_index(y->places, i),
				g_ptr_array_index(x->words, j));
		if (!found)
			return 0;
	}
	return y->places->len > 0;
}

/* How well the distinctive words agree, from 0 to 1, and why. */
static double words_agreement(const coopmap_partner_name *a,
	const coopmap_partner_name *b, const char **why)
{
	double total_a, total_b, in_b = contained(a, b, &total_a);
	double in_a = contained(b, a, &total_b);

	if (total_a > 0 && total_b > 0) {
		/* The shorter name's words all found in the longer: same. */
		double w = total_a <= total_b ? in_b : in_a;

		*why = w >= 1 ? _("the distinctive words match")
			: w > 0 ? _("only some distinctive words match")
			: _("the distinctive words differ");
		return w;
	}
	if (total_a > 0 || total_b > 0) {
		/* "CHR Dapaong" and "CHR de Dapaong" (Dapaong): the one word
		 * is the other's city. */
		const coopmap_partner_name *x = total_a > 0 ? a : b;
		const coopmap_partner_name *y = total_a > 0 ? b : a;

		if (place_words_cover(x, y)) {
			*why = _("the distinctive word is the other's city");
			return 1.0;
		}
		/* "CHU de Grenoble" / "CHU Grenoble Alpes": one specific type
		 * of hospital named by its place alone is most likely the one
		 * named more fully, when that name says the place too (the
		 * "Hôpital national de Niamey" is not the "Hôpital national de
		 * Lamordé", a district of Niamey with its own). */
		if (a->type == b->type && a->type > TYPE_HOSPITAL &&
		    !differ_in_qualifier(a, b) && places_named(y, x)) {
			*why = _("one name is the type and place of the other");
			return 0.8;
		}
		*why = _("one name has no distinctive word");
		return 0.5;
	}
	if (a->places->len > 0 && b->places->len > 0) {
		/* Every place word of each found in the other ("Saint-Lô" is
		 * not "Saint-Malo"). */
		int same = 1;

		for (int side = 0; side < 2 && same; side++) {
			const GPtrArray *x = side ? b->places : a->places;
			const GPtrArray *y = side ? a->places : b->places;

			for (guint i = 0; i < x->len && same; i++) {
				int found = 0;

				for (guint j = 0; j < y->len && !found; j++)
					found = words_match(g_ptr_array_index(x, i),
						g_ptr_array_index(y, j));
				same = found;
			}
		}
		*why = same ? _("both are named after the same place")
			: _("they are named after different places");
		return same ? 0.9 : 0.0;
	}
	*why = _("neither name has a distinctive word");
	return 0.5;
}

/* For why: the cities as they agree or not ("cities agree: 'beyrouth' /
 * 'beirut'"). */
static void cities_said(const coopmap_partner_name *a,
	const coopmap_partner_name *b, int same_city, char *out, size_t size)
{
	if (a->city[0] == '\0' || b->city[0] == '\0')
		snprintf(out, size, "%s", _("cities not both given"));
	else
		snprintf(out, size, same_city ? _("cities agree: '%s' / '%s'")
			: _("cities differ: '%s' / '%s'"), a->city, b->city);
}

/* For why: the distinctive words of a found among b's, or "none". */
static void words_shared(const coopmap_partner_name *a,
	const coopmap_partner_name *b, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (guint i = 0; i < a->words->len && n < size; i++) {
		const char *w = g_ptr_array_index(a->words, i);
		int found = 0;

		for (guint j = 0; j < b->words->len && !found; j++)
			found = name_words_match(w, g_ptr_array_index(b->words, j));
		if (found && !is_place(a, w))
			n += (size_t)snprintf(out + n, size - n, "%s%s",
				n > 0 ? " " : "", w);
	}
	if (out[0] == '\0')
		snprintf(out, size, "%s", _("none"));
}

double coopmap_partner_score(const coopmap_partner_name *a,
	const coopmap_partner_name *b, char *why, size_t size)
{
	int cities_known = a->city[0] != '\0' && b->city[0] != '\0';
	int same_city = cities_known && cities_agree(a->city, b->city);
	double words, types, score;
	const char *words_why;
	char cities[256], shared[256];

	cities_said(a, b, same_city, cities, sizeof(cities));
	if (whole_acronym(a, b) || whole_acronym(b, a)) {
		if (why != NULL)
			snprintf(why, size, _("'%s' is the acronym of '%s'; %s"),
				whole_acronym(a, b) ? a->key : b->key,
				whole_acronym(a, b) ? b->key : a->key, cities);
		return cities_known && !same_city ? 0.3 : 0.95;
	}
	if (same_code(a, b)) {
		if (why != NULL)
			snprintf(why, size, _("'%s' and '%s' are one acronym after "
				"their type's letters; %s"), a->key, b->key, cities);
		return cities_known && !same_city ? 0.3 : 0.9;
	}
	words = words_agreement(a, b, &words_why);
	/* An acronym stands for the qualifiers it spells ("CHU-MEL": Mère et
	 * Enfant, Lagune). */
	if (words > 0.5 && differ_in_qualifier(a, b) && !has_acronym_word(a, b) &&
	    !has_acronym_word(b, a)) {
		words = 0.3;
		words_why = _("one name has a qualifier or number the other lacks");
	}
	types = type_agreement(a->type, b->type);
	/* "CHN" and "Centre hospitalier national de Nouakchott", in one city:
	 * the same specific type in the same place. */
	if (a->words->len == 0 && b->type == a->type && a->type > TYPE_HOSPITAL &&
	    same_city && words == 0.5) {
		words = 0.9;
		words_why = _("the same type of hospital in the same city");
	} else if (b->words->len == 0 && b->type == a->type &&
	    a->type > TYPE_HOSPITAL && same_city && words == 0.5) {
		words = 0.9;
		words_why = _("the same type of hospital in the same city");
	}
	score = 0.7 * words + 0.2 * types + 0.1 * (cities_known ? same_city : 0.5);
	/* Two cities that do not agree: two hospitals ("CHU Mohammed VI" of
	 * Marrakech and of Oujda), whatever the names say. */
	if (cities_known && !same_city)
		score = fmin(score, 0.3);
	if (why != NULL) {
		const char *ta = type_names[a->type][0] ? type_names[a->type]
			: _("none");
		const char *tb = type_names[b->type][0] ? type_names[b->type]
			: _("none");
		char types_why[128];

		snprintf(types_why, sizeof(types_why), types >= 1
			? _("types %s/%s agree") : types > 0
			? _("types %s/%s are compatible") : _("types %s/%s conflict"),
			ta, tb);
		words_shared(a, b, shared, sizeof(shared));
		snprintf(why, size, _("%s (shared: %s); %s; %s"), words_why, shared,
			types_why, cities);
	}
	return score;
}

/* ---- blocking keys (partners.h) --------------------------------------
 * Why each key, from coopmap_partner_score: a score of 0.75 needs the
 * distinctive words to agree at 0.64 or more (0.7 * words + 0.2 * types +
 * 0.1 * cities), or a whole acronym, or two codes one after their types'
 * letters.  Words agree that far only when some word of one matches a word
 * of the other (words_match: equal after undoubling, or one edit apart, two
 * in words of nine letters or more: the symmetric-delete keys below meet
 * for exactly those; or transliterated alike: the "p:" key), a one-letter
 * initial matches a word's first letter (either side), an acronym word
 * spells a run of the other's initials, or one name is its type alone
 * (then any name of the same specific type may be the one meant).  Codes
 * meet on their cores ("s:"), cities on their consonants ("K:"). */

static void emit(coopmap_partner_key_fn fn, void *data, int role, int word,
	const char *prefix, const char *text)
{
	char *key = g_strconcat(prefix, text, NULL);

	fn(key, role, word, data);
	g_free(key);
}

/* u with the bytes at i (and j, when j > i) left out. */
static void emit_without(coopmap_partner_key_fn fn, void *data, int word,
	const char *prefix, const char *u, size_t i, size_t j)
{
	size_t n = strlen(u), k = 0;
	char *out = g_malloc(n + 1);

	for (size_t c = 0; c < n; c++)
		if (c != i && c != j)
			out[k++] = u[c];
	out[k] = '\0';
	emit(fn, data, COOPMAP_PARTNER_KEY_SHARED, word, prefix, out);
	g_free(out);
}

/* Keys that two words meet on when words_match may take them as one:
 * the undoubled word, and it less one byte (words of 4 bytes or more),
 * less two (9 or more) under their own prefix; its transliteration. */
static void match_keys(const char *w, int index, const char *one,
	const char *two, coopmap_partner_key_fn fn, void *data)
{
	char u[128];
	size_t len = strlen(w), ul;

	transliterated(w, u, sizeof(u));
	if (u[0] != '\0')
		emit(fn, data, COOPMAP_PARTNER_KEY_SHARED, index, "p:", u);
	undouble(w, u, sizeof(u));
	ul = strlen(u);
	emit(fn, data, COOPMAP_PARTNER_KEY_SHARED, index, one, u);
	if (len >= 4)
		for (size_t i = 0; i < ul; i++)
			emit_without(fn, data, index, one, u, i, i);
	if (len >= 9) {
		emit(fn, data, COOPMAP_PARTNER_KEY_SHARED, index, two, u);
		for (size_t i = 0; i < ul; i++)
			for (size_t j = i; j < ul; j++)
				emit_without(fn, data, index, two, u, i, j);
	}
}

void coopmap_partner_name_city_keys(const coopmap_partner_name *n,
	coopmap_partner_key_fn fn, void *data)
{
	gchar **words;
	char skeleton[128];

	if (n->city[0] == '\0')
		return;
	/* cities_agree: the whole names match, their consonants, or a word of
	 * each. */
	match_keys(n->city, -1, "W:", "V:", fn, data);
	consonants(n->city, skeleton, sizeof(skeleton));
	if (skeleton[0] != '\0')
		emit(fn, data, COOPMAP_PARTNER_KEY_SHARED, -1, "K:", skeleton);
	words = g_strsplit(n->city, " ", -1);
	for (size_t i = 0; words[i] != NULL; i++)
		match_keys(canonical(words[i]), -1, "w:", "v:", fn, data);
	g_strfreev(words);
}

static void word_keys(const coopmap_partner_name *n, int index,
	coopmap_partner_key_fn fn, void *data)
{
	const char *w = g_ptr_array_index(n->words, index);
	size_t len = strlen(w);

	match_keys(w, index, "w:", "v:", fn, data);
	/* "A.G." for "Abdool Gaffoor". */
	if (len == 1 && !is_number(w) && !is_place(n, w))
		emit(fn, data, COOPMAP_PARTNER_KEY_PROBE, index, "i:", w);
	{
		char first[2] = { w[0], '\0' };

		emit(fn, data, COOPMAP_PARTNER_KEY_TARGET, index, "i:", first);
	}
	if (len >= 2 && len <= 7 && !is_place(n, w))
		emit(fn, data, COOPMAP_PARTNER_KEY_PROBE, index, "a:", w);
}

/* The initials of every run of 2 to 7 consecutive words (acronym_of_run). */
static void run_keys(const coopmap_partner_name *n, coopmap_partner_key_fn fn,
	void *data)
{
	char run[8];

	for (guint start = 0; start < n->words->len; start++) {
		for (guint len = 1; len <= 7 && start + len <= n->words->len; len++) {
			run[len - 1] = ((char *)g_ptr_array_index(n->words,
				start + len - 1))[0];
			run[len] = '\0';
			if (len >= 2)
				emit(fn, data, COOPMAP_PARTNER_KEY_TARGET, (int)start, "a:",
					run);
		}
	}
}

/* What the whole name may be the acronym of (is_acronym_of), and the
 * name as an acronym itself (as_code): keys that decide alone. */
struct key_sink {
	coopmap_partner_key_fn fn;
	void *data;
	int role;
	const char *prefix;
};

static void emit_candidate(const char *code, void *data)
{
	struct key_sink *k = data;

	emit(k->fn, k->data, k->role, -1, k->prefix, code);
}

static void emit_core(const char *core, enum type type, void *data)
{
	(void)type;
	emit_candidate(core, data);
}

static void acronym_keys(const coopmap_partner_name *n,
	coopmap_partner_key_fn fn, void *data)
{
	struct key_sink targets = { fn, data, COOPMAP_PARTNER_KEY_TARGET, "c:" };
	struct key_sink cores = { fn, data, COOPMAP_PARTNER_KEY_SHARED, "s:" };

	if (n->code != NULL) {
		emit(fn, data, COOPMAP_PARTNER_KEY_PROBE, -1, "c:", n->code);
		/* same_code: two codes one after their types' letters. */
		code_cores(n->code, emit_core, &cores);
	}
	if (n->words->len > 0) {
		emit(fn, data, COOPMAP_PARTNER_KEY_TARGET, -1, "c:", n->initials);
		emit(fn, data, COOPMAP_PARTNER_KEY_TARGET, -1, "c:",
			n->all_initials);
		emit(fn, data, COOPMAP_PARTNER_KEY_TARGET, -1, "c:",
			n->initials_here);
	}
	acronym_candidates(n, emit_candidate, &targets);
}

void coopmap_partner_name_keys(const coopmap_partner_name *n,
	coopmap_partner_key_fn fn, void *data)
{
	int distinctive = 0;
	char type[16];

	for (guint i = 0; i < n->words->len; i++) {
		word_keys(n, (int)i, fn, data);
		distinctive |= !is_place(n, g_ptr_array_index(n->words, i));
	}
	run_keys(n, fn, data);
	acronym_keys(n, fn, data);
	/* A specific type named by its place alone ("CHU de Grenoble"), or
	 * by nothing else ("CHN", in its city). */
	snprintf(type, sizeof(type), "%d", (int)n->type);
	if (n->type > TYPE_HOSPITAL) {
		emit(fn, data, COOPMAP_PARTNER_KEY_TARGET, -1, "t:", type);
		if (!distinctive)
			emit(fn, data, COOPMAP_PARTNER_KEY_PROBE, -1, "t:", type);
	}
}

size_t coopmap_partner_name_word_count(const coopmap_partner_name *n)
{
	return n->words->len;
}

double coopmap_partner_name_word_weight(const coopmap_partner_name *n,
	size_t i)
{
	const char *w = g_ptr_array_index(n->words, i);

	return is_place(n, w) ? 0.0 : weight(w);
}
