/*
 * style.c: the style file parser.  A table of keys with their type and
 * offset into coopmap_style keeps parsing, defaults and documentation in
 * step: a key exists once, here.
 */
#include "coopmap/style.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intl.h"

enum key_type { KEY_COLOR, KEY_SIZE, KEY_DEGREES, KEY_FONT, KEY_CLASSES,
	KEY_COLORS, KEY_NAME };

/*
 * A number's range bounds the work it asks for: sizes are thousandths of
 * the map's shorter side, so a hatch spacing of at least 1 draws at most
 * about 2000 lines across a square page (the renderer also keeps hatches
 * at least a pixel apart, whatever the page's shape); widths, radii and
 * text sizes stay a fraction of the page.
 */
struct style_key {
	const char *name;
	enum key_type type;
	size_t offset;
	double lo, hi;   /* KEY_SIZE, KEY_DEGREES */
};

#define KEY(name, type) { #name, type, offsetof(coopmap_style, name), 0, 0 }
/* A key whose name is not the field's (an element of an array). */
#define KEY_AT(name, type, field) \
	{ name, type, offsetof(coopmap_style, field), 0, 0 }
#define NUMBER(name, type, lo, hi) \
	{ #name, type, offsetof(coopmap_style, name), lo, hi }
/* Line widths: up to 5% of the shorter side. */
#define WIDTH(name) NUMBER(name, KEY_SIZE, 0.0, 50.0)
/* Symbol radii: up to 10% of the shorter side (for a value of 1). */
#define RADIUS(name) NUMBER(name, KEY_SIZE, 0.0, 100.0)
/* Text: visible, and at most 10% of the shorter side. */
#define TEXT(name) NUMBER(name, KEY_SIZE, 1.0, 100.0)

static const struct style_key style_keys[] = {
	KEY(name, KEY_NAME),
	KEY(background, KEY_COLOR),
	KEY(ocean, KEY_COLOR),
	KEY(sphere_outline, KEY_COLOR),
	WIDTH(sphere_outline_width),
	KEY(graticule, KEY_COLOR),
	WIDTH(graticule_width),
	NUMBER(graticule_step, KEY_DEGREES, 1.0, 90.0),
	KEY(land, KEY_COLOR),
	KEY(not_stated, KEY_COLOR),
	KEY(border, KEY_COLOR),
	WIDTH(border_width),
	KEY(classes, KEY_CLASSES),
	KEY(priority_hatch, KEY_COLOR),
	NUMBER(priority_hatch_spacing, KEY_SIZE, 1.0, 100.0),
	WIDTH(priority_hatch_width),
	KEY(priority_outline, KEY_COLOR),
	WIDTH(priority_outline_width),
	KEY(layer_colors, KEY_COLORS),
	WIDTH(layer_line_width),
	KEY(marker, KEY_COLOR),
	KEY(marker_edge, KEY_COLOR),
	RADIUS(marker_size),
	KEY_AT("link_apchi", KEY_COLOR, link_programme[0]),
	KEY_AT("link_prph", KEY_COLOR, link_programme[1]),
	KEY_AT("link_other", KEY_COLOR, link_programme[2]),
	WIDTH(link_width),
	KEY(establishment, KEY_COLOR),
	KEY(partner, KEY_COLOR),
	KEY(point_edge, KEY_COLOR),
	RADIUS(point_min_size),
	RADIUS(point_max_size),
	KEY(highlight, KEY_COLOR),
	WIDTH(highlight_width),
	KEY(text, KEY_COLOR),
	KEY(text_halo, KEY_COLOR),
	KEY(label_leader, KEY_COLOR),
	KEY(legend_background, KEY_COLOR),
	KEY(font_family, KEY_FONT),
	TEXT(title_size),
	TEXT(subtitle_size),
	TEXT(label_size),
	TEXT(legend_size),
	TEXT(source_size),
};

#define N_KEYS (sizeof(style_keys) / sizeof(style_keys[0]))

static coopmap_color rgb(unsigned value)
{
	coopmap_color c = {
		((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0,
		(value & 0xff) / 255.0, 1.0
	};
	return c;
}

void coopmap_style_default(coopmap_style *s)
{
	/* Sequential orange-red classes (ColorBrewer OrRd, 5 classes) over a
	 * pale land; the CICD layer hatched in dark blue so both read. */
	static const unsigned classes[] = {
		0xfdd49e, 0xfdbb84, 0xfc8d59, 0xe34a33, 0xb30000
	};

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "default");
	s->background = rgb(0xffffff);
	s->ocean = rgb(0xdfeef7);
	s->sphere_outline = rgb(0x7f9fb5);
	s->sphere_outline_width = 0.8;
	s->graticule = rgb(0xc3d9e8);
	s->graticule_width = 0.4;
	s->graticule_step = 30;
	s->land = rgb(0xeeebe4);
	s->not_stated = rgb(0xc9c5bd);
	s->border = rgb(0xffffff);
	s->border_width = 0.35;
	s->n_classes = 5;
	for (int i = 0; i < 5; i++)
		s->classes[i] = rgb(classes[i]);
	s->priority_hatch = rgb(0x1f3b73);
	s->priority_hatch_spacing = 4.0;
	s->priority_hatch_width = 0.7;
	s->priority_outline = rgb(0x1f3b73);
	s->priority_outline_width = 0.9;
	/* Other layers: purple, green, brown, grey (ColorBrewer PRGn/BrBG
	 * ends), distinct from the orange-red classes. */
	s->n_layer_colors = 4;
	s->layer_colors[0] = rgb(0x762a83);
	s->layer_colors[1] = rgb(0x1b7837);
	s->layer_colors[2] = rgb(0x8c510a);
	s->layer_colors[3] = rgb(0x404040);
	s->layer_line_width = 1.6;
	s->marker = rgb(0x01665e);
	s->marker.a = 0.75;
	s->marker_edge = rgb(0xffffff);
	s->marker_size = 4.0;
	/* Links by programme: blue, green, grey (the KML export's colours),
	 * apart from the orange-red classes under them. */
	s->link_programme[0] = rgb(0x2b59c3);
	s->link_programme[1] = rgb(0x1b8a5a);
	s->link_programme[2] = rgb(0x6b6b6b);
	for (int i = 0; i < 3; i++)
		s->link_programme[i].a = 0.7;
	s->link_width = 0.9;
	s->establishment = rgb(0x1f3b73);
	s->partner = rgb(0x7a0177);
	s->point_edge = rgb(0xffffff);
	s->point_min_size = 2.4;
	s->point_max_size = 9;
	s->highlight = rgb(0x01665e);
	s->highlight_width = 1.8;
	s->text = rgb(0x1a1a1a);
	s->text_halo = rgb(0xffffff);
	s->label_leader = rgb(0x555555);
	s->legend_background = rgb(0xffffff);
	s->legend_background.a = 0.88;
	snprintf(s->font_family, sizeof(s->font_family), "DejaVu Sans");
	s->title_size = 26;
	s->subtitle_size = 15;
	s->label_size = 10.5;
	s->legend_size = 11;
	s->source_size = 9.5;
}

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int coopmap_color_parse(const char *text, coopmap_color *color)
{
	size_t len = strlen(text);
	unsigned v[8];

	if (text[0] != '#' || (len != 4 && len != 7 && len != 9))
		return -1;
	for (size_t i = 1; i < len; i++) {
		int d = hex_digit((unsigned char)text[i]);

		if (d < 0)
			return -1;
		v[i - 1] = (unsigned)d;
	}
	if (len == 4) {
		color->r = v[0] * 17 / 255.0;
		color->g = v[1] * 17 / 255.0;
		color->b = v[2] * 17 / 255.0;
		color->a = 1.0;
		return 0;
	}
	color->r = (v[0] * 16 + v[1]) / 255.0;
	color->g = (v[2] * 16 + v[3]) / 255.0;
	color->b = (v[4] * 16 + v[5]) / 255.0;
	color->a = len == 9 ? (v[6] * 16 + v[7]) / 255.0 : 1.0;
	return 0;
}

static int parse_number(const char *text, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(text, &end);
	if (errno != 0 || end == text || *end != '\0' || !isfinite(v) ||
	    v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_colors(const char *text, coopmap_color *colors, int min,
	int *count)
{
	char copy[512];
	char *save = NULL;
	int n = 0;

	if (strlen(text) >= sizeof(copy))
		return -1;
	strcpy(copy, text);
	for (char *tok = strtok_r(copy, " \t,", &save); tok != NULL;
	     tok = strtok_r(NULL, " \t,", &save)) {
		if (n == COOPMAP_STYLE_MAX_CLASSES ||
		    coopmap_color_parse(tok, &colors[n]) != 0)
			return -1;
		n++;
	}
	if (n < min)
		return -1;
	*count = n;
	return 0;
}

static int set_value(const struct style_key *key, const char *value,
	coopmap_style *s)
{
	char *field = (char *)s + key->offset;

	switch (key->type) {
	case KEY_COLOR:
		return coopmap_color_parse(value, (coopmap_color *)field);
	case KEY_SIZE:
	case KEY_DEGREES:
		return parse_number(value, key->lo, key->hi, (double *)field);
	case KEY_CLASSES:
		return parse_colors(value, s->classes, 2, &s->n_classes);
	case KEY_COLORS:
		return parse_colors(value, s->layer_colors, 1, &s->n_layer_colors);
	case KEY_FONT:
		if (value[0] == '\0' || strlen(value) >= sizeof(s->font_family))
			return -1;
		snprintf(field, sizeof(s->font_family), "%s", value);
		return 0;
	case KEY_NAME:
		if (value[0] == '\0' || strlen(value) >= sizeof(s->name))
			return -1;
		snprintf(field, sizeof(s->name), "%s", value);
		return 0;
	}
	return -1;
}

/* What key takes, for the message of a bad value (buf holds a range). */
static const char *expected(const struct style_key *key, char *buf,
	size_t size)
{
	switch (key->type) {
	case KEY_COLOR: return _("a colour #rgb, #rrggbb or #rrggbbaa");
	case KEY_SIZE:
		snprintf(buf, size, _("a size from %g to %g (thousandths of the map's "
			"shorter side)"), key->lo, key->hi);
		return buf;
	case KEY_DEGREES:
		snprintf(buf, size, _("an angle from %g to %g degrees"), key->lo,
			key->hi);
		return buf;
	case KEY_CLASSES: return _("2 to 7 colours separated by spaces");
	case KEY_COLORS: return _("1 to 7 colours separated by spaces");
	case KEY_FONT: return _("a font family name");
	case KEY_NAME: return _("a name of at most 63 bytes");
	}
	return "";
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int parse_line(char *line, const char *path, long number,
	coopmap_style *s, long *seen, coopmap_error *err)
{
	char *eq, *key, *value, range[128];

	/* Whole-line comments only: a colour value starts with '#' too. */
	key = trim(line);
	if (key[0] == '\0' || key[0] == '#')
		return COOPMAP_OK;
	eq = strchr(key, '=');
	if (eq == NULL)
		return coopmap_error_set_at(err, COOPMAP_ERR_STYLE, path, number,
			NULL, NULL, "expected 'key = value', got '%s'", key);
	*eq = '\0';
	key = trim(key);
	value = trim(eq + 1);
	for (size_t i = 0; i < N_KEYS; i++) {
		if (strcmp(style_keys[i].name, key) != 0)
			continue;
		if (seen[i] > 0)
			return coopmap_error_set_at(err, COOPMAP_ERR_STYLE, path,
				number, NULL, NULL, "key '%s' given twice", key);
		seen[i] = number;
		if (set_value(&style_keys[i], value, s) != 0)
			return coopmap_error_set_at(err, COOPMAP_ERR_STYLE, path,
				number, key, value, "expected %s",
				expected(&style_keys[i], range, sizeof(range)));
		/* Whether the font is installed is known only at drawing time;
		 * the message then names this line. */
		if (style_keys[i].type == KEY_FONT)
			snprintf(s->font_set_at, sizeof(s->font_set_at), "%s:%ld",
				path, number);
		return COOPMAP_OK;
	}
	return coopmap_error_set_at(err, COOPMAP_ERR_STYLE, path, number, NULL,
		NULL, "unknown key '%s' (see styles/README.md)", key);
}

static size_t key_index(const char *name)
{
	size_t i = 0;

	while (i < N_KEYS - 1 && strcmp(style_keys[i].name, name) != 0)
		i++;
	return i;
}

/*
 * Values that are right alone but not together: the smallest symbol
 * bigger than the biggest.  Blamed on the later of the two lines (a key
 * left out keeps the default's value).
 */
static int check_together(const char *path, const coopmap_style *s,
	const long *seen, coopmap_error *err)
{
	size_t lo = key_index("point_min_size"), hi = key_index("point_max_size");
	size_t blamed = seen[lo] > seen[hi] ? lo : hi;
	char value[32];

	if (s->point_min_size <= s->point_max_size)
		return COOPMAP_OK;
	snprintf(value, sizeof(value), "%g", blamed == lo ? s->point_min_size
		: s->point_max_size);
	return coopmap_error_set_at(err, COOPMAP_ERR_STYLE, path, seen[blamed],
		style_keys[blamed].name, value, "point_min_size (%g) is above "
		"point_max_size (%g): the smallest symbol would be bigger than the "
		"biggest", s->point_min_size, s->point_max_size);
}

int coopmap_style_load(const char *path, coopmap_style *s, coopmap_error *err)
{
	long seen[N_KEYS] = { 0 };   /* the line of each key given */
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t capacity = 0;
	long number = 0;
	int rc = COOPMAP_OK;

	if (f == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: cannot read the style file", path);
	while (rc == COOPMAP_OK && getline(&line, &capacity, f) >= 0) {
		number++;
		rc = parse_line(line, path, number, s, seen, err);
	}
	if (rc == COOPMAP_OK && ferror(f))
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: read error", path);
	if (rc == COOPMAP_OK)
		rc = check_together(path, s, seen, err);
	free(line);
	fclose(f);
	return rc;
}
