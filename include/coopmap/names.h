/*
 * names.h: text normalisation and approximate matching of names.
 *
 * Folding turns what people type ("Côte-d'Ivoire ", "COTE D IVOIRE") into one
 * comparable key ("cote d ivoire"): Unicode compatibility decomposition,
 * accents dropped, case folded, ligatures expanded, every run of punctuation
 * or space made one space.  Not for: deciding which country a text names
 * (country.h does that with these keys).
 */
#ifndef COOPMAP_NAMES_H
#define COOPMAP_NAMES_H

#include <stddef.h>

/*
 * Fold utf8 into a matching key (ASCII letters, digits and single spaces,
 * no leading or trailing space).  Invalid UTF-8 bytes are dropped.
 * Returns a new string (caller frees with free()), NULL only when out of
 * memory.  NULL input folds to "".
 */
char *coopmap_names_fold(const char *utf8);

/*
 * Edit distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters) between two folded keys, capped at limit + 1 so that
 * long strings cost little when they are obviously far apart.
 */
size_t coopmap_names_distance(const char *a, const char *b, size_t limit);

#endif
