/*
 * partners.h: are two spellings the same hospital?  Names are folded
 * (names.h), the field's words and abbreviations are read as types (CHU,
 * CHR, CHD, CH, CHNU/CNHU, HU, HG, HP, CMA, clinique ...), generic words of
 * the partners' languages (bệnh viện, trung ương, hospital nacional,
 * mustashfa ...) are read in French, stop words are dropped, and what is
 * left are the distinctive words: a person's or a place's name.  Two names
 * are the same hospital when their types agree and their distinctive words
 * match (equal, one typo apart, transliterated alike, or as the acronym of
 * the other's words), with agreeing cities when both give one (spelled
 * alike, or with the same consonants: Beyrouth / Beirut); a score and its
 * explanation (the rule, the shared words, both cities) say why.
 *
 * Not for: grouping many names (pool.h does that, with these scores).
 */
#ifndef COOPMAP_PARTNERS_H
#define COOPMAP_PARTNERS_H

#include <stddef.h>

typedef struct coopmap_partner_name coopmap_partner_name;

/* Analyse a name (and its city, may be "" or NULL).  NULL when out of
 * memory.  Caller frees with coopmap_partner_name_free. */
coopmap_partner_name *coopmap_partner_name_new(const char *name,
	const char *city);
void coopmap_partner_name_free(coopmap_partner_name *name);

/* The normalised form, "type: distinctive words" (borrowed), e.g.
 * "chu: yalgado ouedraogo". */
const char *coopmap_partner_name_key(const coopmap_partner_name *name);

/* The score at and above which two names are the same hospital. */
#define COOPMAP_PARTNER_SAME 0.75

/*
 * Score from 0 (different) to 1 (same) of two analysed names of one
 * country; why (size bytes, may be NULL) receives the reasons in English.
 */
double coopmap_partner_score(const coopmap_partner_name *a,
	const coopmap_partner_name *b, char *why, size_t size);

/*
 * Blocking keys, so that a large country's spellings need not all be
 * compared pair by pair: any two names that score COOPMAP_PARTNER_SAME or
 * more share a SHARED key, or one has a PROBE key that is a TARGET key of
 * the other.  fn is called once per key (a key may come twice), with the
 * index of the name's word that gave it (coopmap_partner_name_word_weight),
 * or -1 for a key that may decide alone (the name as an acronym, a type
 * named by its place alone).  A SHARED key means the two words may match;
 * a PROBE key that the probing name's word may match the other name.
 * Keys are borrowed for the call only.
 */
enum {
	COOPMAP_PARTNER_KEY_SHARED,
	COOPMAP_PARTNER_KEY_PROBE,
	COOPMAP_PARTNER_KEY_TARGET
};
typedef void (*coopmap_partner_key_fn)(const char *key, int role, int word,
	void *data);
void coopmap_partner_name_keys(const coopmap_partner_name *name,
	coopmap_partner_key_fn fn, void *data);

/*
 * Keys of the name's city (none when it has no city): two names whose
 * cities coopmap_partner_score reads as agreeing share one; when both
 * have a city and share none, they score 0.3 at most.  word is -1.
 */
void coopmap_partner_name_city_keys(const coopmap_partner_name *name,
	coopmap_partner_key_fn fn, void *data);

/* The name's distinctive words (places included), and the weight each has
 * in the score: 0 for a word naming the city. */
size_t coopmap_partner_name_word_count(const coopmap_partner_name *name);
double coopmap_partner_name_word_weight(const coopmap_partner_name *name,
	size_t i);

/* The share of the lighter name's word weight that must match for two
 * names with distinctive words on both sides to reach
 * COOPMAP_PARTNER_SAME (0.75 - 0.2 - 0.1, over 0.7). */
#define COOPMAP_PARTNER_SHARE_MIN (0.45 / 0.7)

#endif
