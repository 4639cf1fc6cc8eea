/*
 * test_svg.h: an SVG written by coopmap read back as a viewer reads it,
 * with libxml2: the test fails when it does not parse; then the text of
 * its <text> elements and how many glyph outlines (<symbol>) it holds.
 * Shared by the tests of the map (test_cli.c) and of the diagram.
 */
#ifndef COOPMAP_TEST_SVG_H
#define COOPMAP_TEST_SVG_H

#include <glib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "test_util.h"

typedef struct test_svg {
	GString *texts;      /* "\n", then each line of each <text> and "\n" */
	int n_texts;         /* <text> elements */
	int n_halos;         /* of which stroked under their fill */
	int n_drawn_over;    /* of which a <path> drawn later may cover */
	int n_empty;         /* of which with no character */
	int n_symbols;       /* <symbol> elements (Cairo's glyph outlines) */
	int n_markup;        /* <script>, <img>, <title> or <b> elements */
} test_svg;

static inline int test_svg_count(xmlXPathContextPtr xpath, const char *expr)
{
	xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST expr, xpath);
	int n;

	assert_non_null(found);
	n = found->nodesetval != NULL ? found->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(found);
	return n;
}

/* Read path; caller frees with test_svg_clear. */
static inline test_svg test_svg_read(const char *path)
{
	test_svg svg = { g_string_new("\n"), 0, 0, 0, 0, 0, 0 };
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET |
		XML_PARSE_HUGE);
	xmlXPathContextPtr xpath;
	xmlXPathObjectPtr texts;

	if (doc == NULL)
		fail_msg("%s: not well-formed XML", path);
	xpath = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(xpath, BAD_CAST "svg",
		BAD_CAST "http://www.w3.org/2000/svg");
	texts = xmlXPathEvalExpression(BAD_CAST "//svg:text", xpath);
	assert_non_null(texts);
	for (int i = 0; texts->nodesetval != NULL &&
	     i < texts->nodesetval->nodeNr; i++) {
		xmlNodePtr text = texts->nodesetval->nodeTab[i];

		/* A line is a <tspan> child; its runs may be <tspan>s too. */
		for (xmlNodePtr line = text->children; line != NULL;
		     line = line->next) {
			xmlChar *content = xmlNodeGetContent(line);

			g_string_append_printf(svg.texts, "%s\n", (char *)content);
			xmlFree(content);
		}
	}
	svg.n_texts = texts->nodesetval != NULL ? texts->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(texts);
	svg.n_halos = test_svg_count(xpath,
		"//svg:text[@stroke and @paint-order='stroke']");
	svg.n_drawn_over = test_svg_count(xpath, "//svg:text[following::svg:path]");
	svg.n_empty = test_svg_count(xpath, "//svg:text[string-length(.) = 0]");
	svg.n_symbols = test_svg_count(xpath, "//svg:symbol");
	svg.n_markup = test_svg_count(xpath, "//*[local-name()='script' or "
		"local-name()='img' or local-name()='title' or local-name()='b']");
	xmlXPathFreeContext(xpath);
	xmlFreeDoc(doc);
	return svg;
}

/* Whether one line of the SVG's texts is line, whole. */
static inline int test_svg_has_line(const test_svg *svg, const char *line)
{
	char *needle = g_strdup_printf("\n%s\n", line);
	int found = strstr(svg->texts->str, needle) != NULL;

	g_free(needle);
	return found;
}

static inline void test_svg_clear(test_svg *svg)
{
	g_string_free(svg->texts, TRUE);
	svg->texts = NULL;
}

#endif
