/*
 * names.c: folding and distances for names typed by people.  GLib does the
 * Unicode work (validation, NFKD decomposition, case folding); this file only
 * decides what a matching key keeps.
 */
#include "coopmap/names.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* Letters that NFKD does not decompose but French and its neighbours use. */
static const char *ligature_expansion(gunichar c)
{
	switch (c) {
	case 0x0152: case 0x0153: return "oe";  /* Œ œ */
	case 0x00C6: case 0x00E6: return "ae";  /* Æ æ */
	case 0x00DF: return "ss";               /* ß */
	case 0x00D8: case 0x00F8: return "o";   /* Ø ø */
	case 0x0141: case 0x0142: return "l";   /* Ł ł */
	case 0x0110: case 0x0111: return "d";   /* Đ đ (Viêt Nam) */
	default: return NULL;
	}
}

char *coopmap_names_fold(const char *utf8)
{
	gchar *valid, *decomposed;
	GString *key;
	int pending_space = 0;

	if (utf8 == NULL)
		utf8 = "";
	valid = g_utf8_make_valid(utf8, -1);
	decomposed = g_utf8_normalize(valid, -1, G_NORMALIZE_NFKD);
	g_free(valid);
	if (decomposed == NULL)
		return strdup("");
	key = g_string_sized_new(strlen(decomposed));

	for (const gchar *p = decomposed; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		const char *expansion = ligature_expansion(c);
		char ascii[8];

		/* The accent of a decomposed letter, or a byte that was not
		 * UTF-8 (replaced by U+FFFD): neither is part of the name. */
		if (g_unichar_ismark(c) || c == 0xFFFD)
			continue;
		if (expansion == NULL) {
			if (c < 0x80 && g_ascii_isalnum((gchar)c)) {
				ascii[0] = g_ascii_tolower((gchar)c);
				ascii[1] = '\0';
				expansion = ascii;
			} else if (c >= 0x80 && g_unichar_isalnum(c)) {
				/* Letters of other scripts are kept as they are. */
				gunichar lower = g_unichar_tolower(c);
				int len = g_unichar_to_utf8(lower, ascii);
				ascii[len] = '\0';
				expansion = ascii;
			}
		}
		if (expansion == NULL) {
			pending_space = key->len > 0;
			continue;
		}
		if (pending_space)
			g_string_append_c(key, ' ');
		pending_space = 0;
		g_string_append(key, expansion);
	}
	g_free(decomposed);

	char *result = strdup(key->str);
	g_string_free(key, TRUE);
	return result;
}

size_t coopmap_names_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	/* Three rows on the stack for the names people write; the heap for
	 * longer ones (pooling calls this millions of times). */
	size_t small[3][64], *rows = NULL, *prev2, *prev, *cur, result;

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	if (lb + 1 <= 64) {
		prev2 = small[0];
		prev = small[1];
		cur = small[2];
		memset(prev2, 0, (lb + 1) * sizeof(size_t));
	} else {
		rows = calloc(3 * (lb + 1), sizeof(size_t));
		if (rows == NULL)
			return limit + 1;
		prev2 = rows;
		prev = rows + lb + 1;
		cur = rows + 2 * (lb + 1);
	}
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	result = limit + 1;
	for (size_t i = 1; i <= la; i++) {
		size_t row_min;

		cur[0] = i;
		row_min = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
			if (best < row_min)
				row_min = best;
		}
		if (row_min > limit) {
			free(rows);
			return limit + 1;
		}
		size_t *rotate = prev2;
		prev2 = prev;
		prev = cur;
		cur = rotate;
	}
	result = prev[lb] > limit ? limit + 1 : prev[lb];
	free(rows);
	return result;
}
