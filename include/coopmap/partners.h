/*
 * partners.h: are two spellings the same hospital?  Names are folded
 * (names.h), the field's words and abbreviations are read as types (CHU,
 * CHR, CHD, CH, CHNU/CNHU, HU, HG, HP, CMA, clinique ...), stop words are
 * dropped, and what is left are the distinctive words: a person's or a
 * place's name.  Two names are the same hospital when their types agree and
 * their distinctive words match (equal, one typo apart, or as the acronym
 * of the other's words), with agreeing cities when both give one; a score
 * and its explanation say why.
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

#endif
