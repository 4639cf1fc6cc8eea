/*
 * publish_words.h (private to publish.c): the published page's words in
 * the run's language (i18n.h), translated through the gettext catalogue.
 * A word with plural forms is an array of three: its form for 0, for 1
 * and for any more, as the catalogue's rule gives them (French: 0 and 1
 * singular; English: 1 alone), which is all French and English need; the
 * page's script picks one by the count.  Not for: the page's data
 * (publish_data.h).
 */
#ifndef COOPMAP_PUBLISH_WORDS_H
#define COOPMAP_PUBLISH_WORDS_H

#include <jansson.h>

#pragma GCC visibility push(hidden)

/* A new JSON object: the page's name of each word -> its text, or its
 * three forms.  Caller frees with json_decref. */
json_t *publish_words(void);

#pragma GCC visibility pop

#endif
