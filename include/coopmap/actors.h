/*
 * actors.h: the actors of health cooperation and their relations, as data:
 * geodata/actors.csv (who: family, role, scope, names and descriptions in
 * French and English, presence, source), geodata/actor-links.csv (who does
 * what for whom, each relation sourced) and geodata/actor-presence.csv (the
 * countries a regional body or network covers, each row sourced).  Users
 * add their own files of the same columns; every row is checked and a bad
 * one stops the load with its file:line.
 *
 * Not for: drawing (diagram.h) or the country sheet (the CLI's actors
 * command composes it from this, layers.h and pool.h).
 */
#ifndef COOPMAP_ACTORS_H
#define COOPMAP_ACTORS_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/layers.h"

/* The three families of the 2019 day (atelier 1), and the programmes. */
typedef enum coopmap_actor_family {
	COOPMAP_ACTOR_INTERNAL,       /* in the establishment */
	COOPMAP_ACTOR_IMPLEMENTING,   /* take part in carrying projects out */
	COOPMAP_ACTOR_PROGRAMME,      /* funding programmes (APCHI, PRPH) */
	COOPMAP_ACTOR_INSTITUTIONAL,  /* institutional, external */
	COOPMAP_ACTOR_FAMILIES
} coopmap_actor_family;

/* Where the actor is found abroad (column presence). */
typedef enum coopmap_actor_presence_kind {
	COOPMAP_PRESENCE_NONE,          /* "": in France or in the establishment */
	COOPMAP_PRESENCE_CONTACT,       /* "contact": the call asks every project
	                                   to contact it, whatever the country */
	COOPMAP_PRESENCE_INTERNATIONAL, /* "international": works worldwide */
	COOPMAP_PRESENCE_LAYER,         /* "layer:ID" or "layer:ID?COLUMN=VALUE":
	                                   the members of a policy layer */
	COOPMAP_PRESENCE_LIST           /* "list": rows of a presence file */
} coopmap_actor_presence_kind;

/* One actor; every string borrowed from the set, never NULL. */
typedef struct coopmap_actor {
	const char *id, *parent;       /* parent: "" or the id of the actor
	                                  this one is part of (SR2 in DGOS) */
	coopmap_actor_family family;
	const char *role;              /* one of coopmap_actor_roles() */
	const char *scope;             /* establishment|regional|national|
	                                  international */
	const char *label_fr, *label_en;   /* short, for a diagram */
	const char *name_fr, *name_en;
	const char *description_fr, *description_en;
	const char *presence;          /* as written */
	coopmap_actor_presence_kind presence_kind;
	char presence_layer[64], presence_column[64], presence_value[64];
	const char *source;
	const char *file;
	long line;
} coopmap_actor;

typedef struct coopmap_actor_link {
	size_t from, to;               /* actor indices */
	const char *kind;              /* one of coopmap_actor_link_kinds() */
	const char *label_fr, *label_en, *source;
	const char *file;
	long line;
} coopmap_actor_link;

typedef struct coopmap_actor_presence {
	size_t actor;
	const coopmap_country *country;
	const char *basis_fr, *basis_en, *source;
	const char *file;
	long line;
} coopmap_actor_presence;

typedef struct coopmap_actors coopmap_actors;

/* An empty set (caller frees), NULL when out of memory. */
coopmap_actors *coopmap_actors_new(void);
void coopmap_actors_free(coopmap_actors *actors);

/*
 * Add the actors of path (columns id, parent, category, role, scope,
 * label_fr, label_en, name_fr, name_en, description_fr, description_en,
 * presence, source; any order, others ignored).  An id already in the set,
 * an empty required cell or an unknown category, role, scope or presence
 * is an error at file:line (COOPMAP_ERR_INPUT); COOPMAP_ERR_IO when path
 * cannot be read.  Rows added before an error stay.
 */
int coopmap_actors_read(coopmap_actors *actors, const char *path,
	coopmap_error *err);

/*
 * Add the relations of path (columns from, to, kind, label_fr, label_en,
 * source).  Both ends must be actors already in the set.  Errors as above.
 */
int coopmap_actors_read_links(coopmap_actors *actors, const char *path,
	coopmap_error *err);

/*
 * Add the countries of path (columns actor, iso_a3, basis_fr, basis_en,
 * source): the actor must be in the set with presence "list", the code a
 * country of the registry.  Errors as above.
 */
int coopmap_actors_read_presence(coopmap_actors *actors, const char *path,
	const coopmap_countries *countries, coopmap_error *err);

/*
 * After every file is read: each parent names an actor, no actor is its
 * own ancestor, and each "layer:ID" names a layer of layers (NULL skips
 * that check).  Errors at the actor's file:line (COOPMAP_ERR_INPUT).
 */
int coopmap_actors_check(const coopmap_actors *actors,
	const coopmap_layer_set *layers, coopmap_error *err);

size_t coopmap_actors_count(const coopmap_actors *actors);
const coopmap_actor *coopmap_actors_get(const coopmap_actors *actors,
	size_t i);
/* Index of the actor with this id, or -1. */
long coopmap_actors_find(const coopmap_actors *actors, const char *id);

size_t coopmap_actors_link_count(const coopmap_actors *actors);
const coopmap_actor_link *coopmap_actors_link(const coopmap_actors *actors,
	size_t i);

size_t coopmap_actors_presence_count(const coopmap_actors *actors);
const coopmap_actor_presence *coopmap_actors_presence(
	const coopmap_actors *actors, size_t i);

/*
 * Whether actor i is present in country: a "list" actor when a presence
 * row names the country (*row set to it), a "layer:" actor when a row of
 * the layer matches (*row set to the layer's row), otherwise 0.  "contact"
 * and "international" actors are not tied to countries: 0.  row may be
 * NULL.
 */
int coopmap_actors_present(const coopmap_actors *actors, size_t i,
	const coopmap_country *country, const coopmap_layer_set *layers,
	long *row);

/* The words of the vocabularies, NULL-terminated (English keys). */
const char *const *coopmap_actor_roles(void);
const char *const *coopmap_actor_scopes(void);
const char *const *coopmap_actor_link_kinds(void);
/* Index of role in coopmap_actor_roles(), or -1. */
int coopmap_actor_role_index(const char *role);
/* A role, a family or a scope in words ("fr" or "en"). */
const char *coopmap_actor_role_text(const char *role, const char *lang);
const char *coopmap_actor_family_text(coopmap_actor_family family,
	const char *lang);
const char *coopmap_actor_scope_text(const char *scope, const char *lang);

/* The label, name or description of actor a in lang ("fr" or "en"). */
const char *coopmap_actor_label(const coopmap_actor *a, const char *lang);
const char *coopmap_actor_name(const coopmap_actor *a, const char *lang);
const char *coopmap_actor_description(const coopmap_actor *a,
	const char *lang);

#endif
