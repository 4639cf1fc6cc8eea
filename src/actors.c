/*
 * actors.c: the actor registry: rows read through the table reader (OGR),
 * checked cell by cell against small vocabularies, kept with the file and
 * line they came from so that every later complaint can name them.
 */
#include "coopmap/actors.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/table.h"

struct coopmap_actors {
	GPtrArray *tables;     /* coopmap_table: the cells actors point into */
	GArray *actors;        /* coopmap_actor */
	GArray *links;         /* coopmap_actor_link */
	GArray *presence;      /* coopmap_actor_presence */
	GHashTable *by_id;     /* id -> index + 1 */
	GStringChunk *text;    /* file names */
};

static const char *const families[] = { "internal", "implementing",
	"programme", "institutional", NULL };
static const char *const families_fr[] = { "Acteurs internes",
	"Acteurs de mise en œuvre", "Programmes", "Acteurs institutionnels" };
static const char *const families_en[] = { "Internal actors",
	"Implementing actors", "Programmes", "Institutional actors" };

static const char *const roles[] = { "steers", "funds", "runs-call",
	"assesses", "advises", "implements", "networks", "reports",
	"communicates", "researches", NULL };
static const char *const roles_fr[] = { "pilote", "finance",
	"gère un appel à projets", "donne un avis", "conseille",
	"met en œuvre", "met en réseau", "recueille les rapports",
	"communique", "recherche" };
static const char *const roles_en[] = { "steers", "funds",
	"runs a call for projects", "gives an opinion", "advises",
	"implements", "networks", "collects reports", "communicates",
	"research" };

static const char *const scopes[] = { "establishment", "regional",
	"national", "international", NULL };
static const char *const scopes_fr[] = { "établissement", "régional",
	"national", "international" };

static const char *const link_kinds[] = { "steers", "runs", "manages",
	"funds", "assesses", "advises", "supports", "reports", "partners",
	"networks", "excludes", "applies", NULL };

static int word_index(const char *const *words, const char *word)
{
	for (int i = 0; words[i] != NULL; i++) {
		if (strcmp(words[i], word) == 0)
			return i;
	}
	return -1;
}

static char *word_list(const char *const *words)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; words[i] != NULL; i++)
		g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", words[i]);
	return g_string_free(s, FALSE);
}

coopmap_actors *coopmap_actors_new(void)
{
	coopmap_actors *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->tables = g_ptr_array_new_with_free_func(
		(GDestroyNotify)coopmap_table_free);
	a->actors = g_array_new(FALSE, TRUE, sizeof(coopmap_actor));
	a->links = g_array_new(FALSE, TRUE, sizeof(coopmap_actor_link));
	a->presence = g_array_new(FALSE, TRUE, sizeof(coopmap_actor_presence));
	a->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	a->text = g_string_chunk_new(256);
	return a;
}

void coopmap_actors_free(coopmap_actors *a)
{
	if (a == NULL)
		return;
	g_hash_table_destroy(a->by_id);
	g_array_free(a->actors, TRUE);
	g_array_free(a->links, TRUE);
	g_array_free(a->presence, TRUE);
	g_ptr_array_free(a->tables, TRUE);
	g_string_chunk_free(a->text);
	free(a);
}

/* A table read and kept; its columns found by name. */
struct sheet {
	coopmap_table *table;
	const char *path;
	long col[16];
	const char *const *names;
};

static int open_sheet(coopmap_actors *a, const char *path,
	const char *const *names, struct sheet *s, coopmap_error *err)
{
	int rc = coopmap_table_read(path, NULL, &s->table, err);

	if (rc != COOPMAP_OK)
		return rc;
	g_ptr_array_add(a->tables, s->table);
	s->path = g_string_chunk_insert_const(a->text, path);
	s->names = names;
	for (int i = 0; names[i] != NULL; i++) {
		s->col[i] = coopmap_table_find_column(s->table, names[i]);
		if (s->col[i] < 0)
			return coopmap_error_set_at(err, COOPMAP_ERR_INPUT, path, 1,
				NULL, NULL, "column '%s' is required", names[i]);
	}
	return COOPMAP_OK;
}

static const char *cell(const struct sheet *s, size_t row, int field)
{
	return coopmap_table_cell(s->table, row, (size_t)s->col[field]);
}

static long line_of(const struct sheet *s, size_t row)
{
	return coopmap_table_line(s->table, row);
}

/* The cell, or an error naming it when it is empty. */
static int required(const struct sheet *s, size_t row, int field,
	const char **out, coopmap_error *err)
{
	*out = cell(s, row, field);
	if ((*out)[0] == '\0')
		return coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s->path,
			line_of(s, row), s->names[field], NULL, "empty; required");
	return COOPMAP_OK;
}

/* The cell's index in words, or an error listing them. */
static int vocabulary(const struct sheet *s, size_t row, int field,
	const char *const *words, int *index, coopmap_error *err)
{
	const char *value = cell(s, row, field);
	char *list;
	int rc;

	*index = word_index(words, value);
	if (*index >= 0)
		return COOPMAP_OK;
	list = word_list(words);
	rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s->path,
		line_of(s, row), s->names[field], value, "expected one of: %s",
		list);
	g_free(list);
	return rc;
}

static int valid_id(const char *id)
{
	if (id[0] == '\0' || strlen(id) > 63)
		return 0;
	for (const char *p = id; *p != '\0'; p++) {
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
			return 0;
	}
	return 1;
}

/* "layer:ID" or "layer:ID?COLUMN=VALUE" into the actor's fields. */
static int parse_layer_presence(coopmap_actor *actor, const char *text)
{
	const char *spec = text + strlen("layer:");
	const char *query = strchr(spec, '?');
	const char *eq = query != NULL ? strchr(query, '=') : NULL;
	size_t id_len = query != NULL ? (size_t)(query - spec) : strlen(spec);

	if (id_len == 0 || id_len >= sizeof(actor->presence_layer) ||
	    (query != NULL && (eq == NULL || eq == query + 1 || eq[1] == '\0' ||
	    (size_t)(eq - query - 1) >= sizeof(actor->presence_column) ||
	    strlen(eq + 1) >= sizeof(actor->presence_value))))
		return -1;
	memcpy(actor->presence_layer, spec, id_len);
	actor->presence_layer[id_len] = '\0';
	if (query != NULL) {
		memcpy(actor->presence_column, query + 1, (size_t)(eq - query - 1));
		actor->presence_column[eq - query - 1] = '\0';
		snprintf(actor->presence_value, sizeof(actor->presence_value), "%s",
			eq + 1);
	}
	return 0;
}

static int parse_presence(coopmap_actor *actor, const struct sheet *s,
	size_t row, int field, coopmap_error *err)
{
	const char *text = actor->presence;

	if (text[0] == '\0')
		actor->presence_kind = COOPMAP_PRESENCE_NONE;
	else if (strcmp(text, "contact") == 0)
		actor->presence_kind = COOPMAP_PRESENCE_CONTACT;
	else if (strcmp(text, "international") == 0)
		actor->presence_kind = COOPMAP_PRESENCE_INTERNATIONAL;
	else if (strcmp(text, "list") == 0)
		actor->presence_kind = COOPMAP_PRESENCE_LIST;
	else if (g_str_has_prefix(text, "layer:") &&
	    parse_layer_presence(actor, text) == 0)
		actor->presence_kind = COOPMAP_PRESENCE_LAYER;
	else
		return coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s->path,
			line_of(s, row), s->names[field], text, "expected empty, "
			"contact, international, list, layer:ID or "
			"layer:ID?COLUMN=VALUE");
	return COOPMAP_OK;
}

enum { A_ID, A_PARENT, A_CATEGORY, A_ROLE, A_SCOPE, A_LABEL_FR, A_LABEL_EN,
	A_NAME_FR, A_NAME_EN, A_DESC_FR, A_DESC_EN, A_PRESENCE, A_SOURCE };

static int read_actor(coopmap_actors *a, const struct sheet *s, size_t row,
	coopmap_error *err)
{
	coopmap_actor actor;
	int family, role, scope, rc;
	gpointer known;

	memset(&actor, 0, sizeof(actor));
	actor.file = s->path;
	actor.line = line_of(s, row);
	rc = required(s, row, A_ID, &actor.id, err);
	if (rc == COOPMAP_OK && !valid_id(actor.id))
		return coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s->path,
			actor.line, "id", actor.id, "an id is 1 to 63 lower-case "
			"letters, digits or hyphens");
	if (rc == COOPMAP_OK &&
	    (known = g_hash_table_lookup(a->by_id, actor.id)) != NULL) {
		const coopmap_actor *first = &g_array_index(a->actors,
			coopmap_actor, GPOINTER_TO_SIZE(known) - 1);

		return coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s->path,
			actor.line, "id", actor.id, "already defined at %s:%ld",
			first->file, first->line);
	}
	if (rc == COOPMAP_OK)
		rc = vocabulary(s, row, A_CATEGORY, families, &family, err);
	if (rc == COOPMAP_OK)
		rc = vocabulary(s, row, A_ROLE, roles, &role, err);
	if (rc == COOPMAP_OK)
		rc = vocabulary(s, row, A_SCOPE, scopes, &scope, err);
	for (int f = A_LABEL_FR; rc == COOPMAP_OK && f <= A_DESC_EN; f++) {
		const char *ignored;

		rc = required(s, row, f, &ignored, err);
	}
	if (rc == COOPMAP_OK)
		rc = required(s, row, A_SOURCE, &actor.source, err);
	if (rc != COOPMAP_OK)
		return rc;
	actor.parent = cell(s, row, A_PARENT);
	actor.family = (coopmap_actor_family)family;
	actor.role = roles[role];
	actor.scope = scopes[scope];
	actor.label_fr = cell(s, row, A_LABEL_FR);
	actor.label_en = cell(s, row, A_LABEL_EN);
	actor.name_fr = cell(s, row, A_NAME_FR);
	actor.name_en = cell(s, row, A_NAME_EN);
	actor.description_fr = cell(s, row, A_DESC_FR);
	actor.description_en = cell(s, row, A_DESC_EN);
	actor.presence = cell(s, row, A_PRESENCE);
	rc = parse_presence(&actor, s, row, A_PRESENCE, err);
	if (rc != COOPMAP_OK)
		return rc;
	g_array_append_val(a->actors, actor);
	g_hash_table_insert(a->by_id, (gpointer)actor.id,
		GSIZE_TO_POINTER(a->actors->len));
	return COOPMAP_OK;
}

int coopmap_actors_read(coopmap_actors *a, const char *path,
	coopmap_error *err)
{
	static const char *const names[] = { "id", "parent", "category", "role",
		"scope", "label_fr", "label_en", "name_fr", "name_en",
		"description_fr", "description_en", "presence", "source", NULL };
	struct sheet s;
	int rc = open_sheet(a, path, names, &s, err);

	for (size_t row = 0; rc == COOPMAP_OK &&
	     row < coopmap_table_row_count(s.table); row++)
		rc = read_actor(a, &s, row, err);
	return rc;
}

/* The actor a cell names, or an error. */
static int actor_cell(const coopmap_actors *a, const struct sheet *s,
	size_t row, int field, size_t *index, coopmap_error *err)
{
	const char *id = cell(s, row, field);
	long i = coopmap_actors_find(a, id);

	if (i < 0)
		return coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s->path,
			line_of(s, row), s->names[field], id, "no actor has this id "
			"(see the id column of the actors files)");
	*index = (size_t)i;
	return COOPMAP_OK;
}

enum { L_FROM, L_TO, L_KIND, L_LABEL_FR, L_LABEL_EN, L_SOURCE };

int coopmap_actors_read_links(coopmap_actors *a, const char *path,
	coopmap_error *err)
{
	static const char *const names[] = { "from", "to", "kind", "label_fr",
		"label_en", "source", NULL };
	struct sheet s;
	int rc = open_sheet(a, path, names, &s, err);

	for (size_t row = 0; rc == COOPMAP_OK &&
	     row < coopmap_table_row_count(s.table); row++) {
		coopmap_actor_link link;
		int kind;

		memset(&link, 0, sizeof(link));
		link.file = s.path;
		link.line = line_of(&s, row);
		rc = actor_cell(a, &s, row, L_FROM, &link.from, err);
		if (rc == COOPMAP_OK)
			rc = actor_cell(a, &s, row, L_TO, &link.to, err);
		if (rc == COOPMAP_OK && link.from == link.to)
			rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s.path,
				link.line, "to", cell(&s, row, L_TO),
				"a relation joins two different actors");
		if (rc == COOPMAP_OK)
			rc = vocabulary(&s, row, L_KIND, link_kinds, &kind, err);
		if (rc == COOPMAP_OK)
			rc = required(&s, row, L_LABEL_FR, &link.label_fr, err);
		if (rc == COOPMAP_OK)
			rc = required(&s, row, L_LABEL_EN, &link.label_en, err);
		if (rc == COOPMAP_OK)
			rc = required(&s, row, L_SOURCE, &link.source, err);
		if (rc != COOPMAP_OK)
			break;
		link.kind = link_kinds[kind];
		g_array_append_val(a->links, link);
	}
	return rc;
}

enum { P_ACTOR, P_ISO, P_BASIS_FR, P_BASIS_EN, P_SOURCE };

int coopmap_actors_read_presence(coopmap_actors *a, const char *path,
	const coopmap_countries *countries, coopmap_error *err)
{
	static const char *const names[] = { "actor", "iso_a3", "basis_fr",
		"basis_en", "source", NULL };
	struct sheet s;
	int rc = open_sheet(a, path, names, &s, err);

	for (size_t row = 0; rc == COOPMAP_OK &&
	     row < coopmap_table_row_count(s.table); row++) {
		coopmap_actor_presence p;

		memset(&p, 0, sizeof(p));
		p.file = s.path;
		p.line = line_of(&s, row);
		rc = actor_cell(a, &s, row, P_ACTOR, &p.actor, err);
		if (rc == COOPMAP_OK && coopmap_actors_get(a, p.actor)->presence_kind
		    != COOPMAP_PRESENCE_LIST)
			rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s.path,
				p.line, "actor", cell(&s, row, P_ACTOR), "this actor's "
				"presence is not 'list'");
		if (rc == COOPMAP_OK) {
			p.country = coopmap_country_find_iso3(countries,
				cell(&s, row, P_ISO));
			if (p.country == NULL)
				rc = coopmap_error_set_at(err, COOPMAP_ERR_INPUT, s.path,
					p.line, "iso_a3", cell(&s, row, P_ISO),
					"no country has this code");
		}
		if (rc == COOPMAP_OK)
			rc = required(&s, row, P_BASIS_FR, &p.basis_fr, err);
		if (rc == COOPMAP_OK)
			rc = required(&s, row, P_BASIS_EN, &p.basis_en, err);
		if (rc == COOPMAP_OK)
			rc = required(&s, row, P_SOURCE, &p.source, err);
		if (rc == COOPMAP_OK)
			g_array_append_val(a->presence, p);
	}
	return rc;
}

int coopmap_actors_check(const coopmap_actors *a,
	const coopmap_layer_set *layers, coopmap_error *err)
{
	size_t n = a->actors->len;

	for (size_t i = 0; i < n; i++) {
		const coopmap_actor *actor = coopmap_actors_get(a, i);
		const coopmap_actor *up = actor;
		size_t depth = 0;

		while (up->parent[0] != '\0') {
			long p = coopmap_actors_find(a, up->parent);

			if (p < 0)
				return coopmap_error_set_at(err, COOPMAP_ERR_INPUT,
					up->file, up->line, "parent", up->parent,
					"no actor has this id");
			up = coopmap_actors_get(a, (size_t)p);
			if (up == actor || ++depth > n)
				return coopmap_error_set_at(err, COOPMAP_ERR_INPUT,
					actor->file, actor->line, "parent", actor->parent,
					"the actor would be part of itself");
		}
		if (layers != NULL && actor->presence_kind == COOPMAP_PRESENCE_LAYER &&
		    coopmap_layer_set_find(layers, actor->presence_layer) == NULL)
			return coopmap_error_set_at(err, COOPMAP_ERR_INPUT,
				actor->file, actor->line, "presence", actor->presence,
				"no layer named '%s' (see 'coopmap layers')",
				actor->presence_layer);
	}
	return COOPMAP_OK;
}

size_t coopmap_actors_count(const coopmap_actors *a)
{
	return a->actors->len;
}

const coopmap_actor *coopmap_actors_get(const coopmap_actors *a, size_t i)
{
	return i < a->actors->len ? &g_array_index(a->actors, coopmap_actor, i)
		: NULL;
}

long coopmap_actors_find(const coopmap_actors *a, const char *id)
{
	gpointer v = g_hash_table_lookup(a->by_id, id);

	return v == NULL ? -1 : (long)GPOINTER_TO_SIZE(v) - 1;
}

size_t coopmap_actors_link_count(const coopmap_actors *a)
{
	return a->links->len;
}

const coopmap_actor_link *coopmap_actors_link(const coopmap_actors *a,
	size_t i)
{
	return i < a->links->len
		? &g_array_index(a->links, coopmap_actor_link, i) : NULL;
}

size_t coopmap_actors_presence_count(const coopmap_actors *a)
{
	return a->presence->len;
}

const coopmap_actor_presence *coopmap_actors_presence(
	const coopmap_actors *a, size_t i)
{
	return i < a->presence->len
		? &g_array_index(a->presence, coopmap_actor_presence, i) : NULL;
}

int coopmap_actors_present(const coopmap_actors *a, size_t i,
	const coopmap_country *country, const coopmap_layer_set *layers,
	long *row)
{
	const coopmap_actor *actor = coopmap_actors_get(a, i);

	if (actor == NULL)
		return 0;
	if (actor->presence_kind == COOPMAP_PRESENCE_LIST) {
		for (guint r = 0; r < a->presence->len; r++) {
			const coopmap_actor_presence *p = coopmap_actors_presence(a, r);

			if (p->actor == i && p->country == country) {
				if (row != NULL)
					*row = (long)r;
				return 1;
			}
		}
	}
	if (actor->presence_kind == COOPMAP_PRESENCE_LAYER && layers != NULL) {
		const coopmap_layer *l = coopmap_layer_set_find(layers,
			actor->presence_layer);
		long r = -1;

		while (l != NULL &&
		    (r = coopmap_layer_find(l, country, (size_t)(r + 1))) >= 0) {
			if (actor->presence_column[0] == '\0' ||
			    strcmp(coopmap_layer_value(l, (size_t)r,
			    actor->presence_column), actor->presence_value) == 0) {
				if (row != NULL)
					*row = r;
				return 1;
			}
		}
	}
	return 0;
}

const char *const *coopmap_actor_roles(void)
{
	return roles;
}

const char *const *coopmap_actor_scopes(void)
{
	return scopes;
}

const char *const *coopmap_actor_link_kinds(void)
{
	return link_kinds;
}

int coopmap_actor_role_index(const char *role)
{
	return word_index(roles, role);
}

static int is_en(const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0;
}

const char *coopmap_actor_role_text(const char *role, const char *lang)
{
	int i = word_index(roles, role);

	return i < 0 ? role : is_en(lang) ? roles_en[i] : roles_fr[i];
}

const char *coopmap_actor_family_text(coopmap_actor_family family,
	const char *lang)
{
	if ((int)family < 0 || family >= COOPMAP_ACTOR_FAMILIES)
		return "";
	return is_en(lang) ? families_en[family] : families_fr[family];
}

const char *coopmap_actor_scope_text(const char *scope, const char *lang)
{
	int i = word_index(scopes, scope);

	return i < 0 || is_en(lang) ? scope : scopes_fr[i];
}

const char *coopmap_actor_label(const coopmap_actor *a, const char *lang)
{
	return is_en(lang) ? a->label_en : a->label_fr;
}

const char *coopmap_actor_name(const coopmap_actor *a, const char *lang)
{
	return is_en(lang) ? a->name_en : a->name_fr;
}

const char *coopmap_actor_description(const coopmap_actor *a,
	const char *lang)
{
	return is_en(lang) ? a->description_en : a->description_fr;
}
