/*
 * fuzz_partner.c: two partner names (the input's first line and the rest)
 * through the normaliser (type, acronyms, qualifiers, city) and the
 * score.  The score is a number from 0 to 1, asked either way round.
 */
#include <stdlib.h>
#include <string.h>

#include "coopmap/partners.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	char *second = strchr(text, '\n');
	coopmap_partner_name *a, *b;
	char why[256];
	double ab, ba;

	if (second != NULL)
		*second++ = '\0';
	a = coopmap_partner_name_new(text, "");
	b = coopmap_partner_name_new(second != NULL ? second : "", text);
	if (a == NULL || b == NULL)
		abort();
	(void)coopmap_partner_name_key(a);
	ab = coopmap_partner_score(a, b, why, sizeof(why));
	ba = coopmap_partner_score(b, a, NULL, 0);
	if (!(ab >= 0.0 && ab <= 1.0) || !(ba >= 0.0 && ba <= 1.0))
		abort();
	coopmap_partner_name_free(a);
	coopmap_partner_name_free(b);
	free(text);
	return 0;
}
