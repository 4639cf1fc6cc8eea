/* test_actors.c: the bundled actors, relations and presence against what
 * the two seeds name (tests/data/seed-actors.csv, transcribed by reading
 * them), the checks a user's file goes through, and presence by country. */
#include "test_util.h"

#include <string.h>

#include "coopmap/actors.h"
#include "coopmap/export.h"
#include "coopmap/i18n.h"
#include "coopmap/layers.h"
#include "coopmap/locate.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"
#include "coopmap/sheet.h"
#include "coopmap/table.h"

struct fixture {
	coopmap_countries *countries;
	coopmap_layer_set *layers;
	coopmap_actors *actors;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	coopmap_error err = COOPMAP_ERROR_INIT;
	char dir[4096], actors[4096], links[4096], presence[4096];

	*state = f;
	f->countries = test_open_countries("50m", 0);
	snprintf(dir, sizeof(dir), "%s", data_path("geodata/layers"));
	snprintf(actors, sizeof(actors), "%s", data_path("geodata/actors.csv"));
	snprintf(links, sizeof(links), "%s",
		data_path("geodata/actor-links.csv"));
	snprintf(presence, sizeof(presence), "%s",
		data_path("geodata/actor-presence.csv"));
	f->actors = coopmap_actors_new();
	if (f->countries == NULL ||
	    coopmap_layer_set_open(dir, f->countries, &f->layers, &err) ||
	    coopmap_actors_read(f->actors, actors, &err) ||
	    coopmap_actors_read_links(f->actors, links, &err) ||
	    coopmap_actors_read_presence(f->actors, presence, f->countries,
		&err) ||
	    coopmap_actors_check(f->actors, f->layers, &err)) {
		print_error("%s\n", err.message);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	coopmap_actors_free(f->actors);
	coopmap_layer_set_free(f->layers);
	coopmap_countries_free(f->countries);
	free(f);
	return 0;
}

static const char *const family_words[] = { "internal", "implementing",
	"programme", "institutional" };

static void test_every_actor_the_seeds_name_is_in_the_data(void **state)
{
	struct fixture *f = *state;
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t actors = 0;

	assert_int_equal(coopmap_table_read("tests/data/seed-actors.csv", NULL,
		&t, &err), COOPMAP_OK);
	for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
		const char *id = coopmap_table_cell(t, r, 1);
		long i;

		if (strcmp(coopmap_table_cell(t, r, 0), "actor") != 0)
			continue;
		actors++;
		i = coopmap_actors_find(f->actors, id);
		if (i < 0)
			fail_msg("seed-actors.csv:%ld: actor '%s' (%s) is not in "
				"geodata/actors.csv", coopmap_table_line(t, r), id,
				coopmap_table_cell(t, r, 5));
		assert_string_equal(family_words[coopmap_actors_get(f->actors,
			(size_t)i)->family], coopmap_table_cell(t, r, 3));
	}
	assert_true(actors >= 45);
	coopmap_table_free(t);
}

static void test_every_relation_the_seeds_name_is_in_the_data(void **state)
{
	struct fixture *f = *state;
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t links = 0;

	assert_int_equal(coopmap_table_read("tests/data/seed-actors.csv", NULL,
		&t, &err), COOPMAP_OK);
	for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
		long from = coopmap_actors_find(f->actors,
			coopmap_table_cell(t, r, 1));
		long to = coopmap_actors_find(f->actors,
			coopmap_table_cell(t, r, 2));
		const char *kind = coopmap_table_cell(t, r, 3);
		int found = 0;

		if (strcmp(coopmap_table_cell(t, r, 0), "link") != 0)
			continue;
		links++;
		for (size_t i = 0; i < coopmap_actors_link_count(f->actors); i++) {
			const coopmap_actor_link *l = coopmap_actors_link(f->actors, i);

			found |= (long)l->from == from && (long)l->to == to &&
				strcmp(l->kind, kind) == 0;
		}
		if (!found)
			fail_msg("seed-actors.csv:%ld: relation %s -> %s (%s) is not "
				"in geodata/actor-links.csv", coopmap_table_line(t, r),
				coopmap_table_cell(t, r, 1), coopmap_table_cell(t, r, 2),
				kind);
	}
	assert_true(links >= 30);
	coopmap_table_free(t);
}

/* Each actor and relation says which seed and section it comes from. */
static void test_every_row_names_its_seed(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < coopmap_actors_count(f->actors); i++) {
		const char *s = coopmap_actors_get(f->actors, i)->source;

		if (strstr(s, "instruction DGOS 2019") == NULL &&
		    strstr(s, "journée du 25 juin 2019") == NULL)
			fail_msg("actor %s: source '%s' names no seed",
				coopmap_actors_get(f->actors, i)->id, s);
	}
	for (size_t i = 0; i < coopmap_actors_link_count(f->actors); i++) {
		const char *s = coopmap_actors_link(f->actors, i)->source;

		assert_true(strstr(s, "instruction DGOS 2019") != NULL ||
			strstr(s, "journée du 25 juin 2019") != NULL);
	}
}

static const coopmap_country *iso(struct fixture *f, const char *code)
{
	return coopmap_country_find_iso3(f->countries, code);
}

static int present(struct fixture *f, const char *id, const char *code)
{
	return coopmap_actors_present(f->actors,
		(size_t)coopmap_actors_find(f->actors, id), iso(f, code), f->layers,
		NULL);
}

static void test_presence_by_country(void **state)
{
	struct fixture *f = *state;

	assert_true(present(f, "reshaoc", "BFA"));
	assert_true(present(f, "reshaoc", "HTI"));
	assert_false(present(f, "reshaoc", "VNM"));
	assert_true(present(f, "coi", "MDG"));
	assert_true(present(f, "oecs", "MTQ"));
	assert_true(present(f, "carpha", "HTI"));
	assert_false(present(f, "carpha", "MTQ"));
	/* Embassy advisers from the cas-crsm layer, by role. */
	assert_true(present(f, "cas", "CHN"));
	assert_false(present(f, "crsm", "CHN"));
	assert_true(present(f, "crsm", "NAM"));
	/* Not tied to a country. */
	assert_false(present(f, "afd", "BFA"));
	assert_false(present(f, "dgos", "FRA"));
}

/* Write text to tests/artifacts/NAME and return the path (static). */
static const char *write_case(const char *name, const char *text)
{
	static char path[512];
	FILE *out;

	snprintf(path, sizeof(path), TEST_ARTIFACTS "/%s", name);
	out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
	return path;
}

#define ACTOR_HEADER "id,parent,category,role,scope,label_fr,label_en," \
	"name_fr,name_en,description_fr,description_en,presence,source\n"
#define ACTOR_ROW(id, parent, cat, role, presence) \
	id "," parent "," cat "," role ",national,L,L,N,N,D,D," presence ",S\n"

/* A user's actors file on top of the bundled set: the message. */
static void expect_actor_error(struct fixture *f, const char *name,
	const char *text, const char *message)
{
	coopmap_actors *a = coopmap_actors_new();
	coopmap_error err = COOPMAP_ERROR_INIT;
	char bundled[4096];
	const char *path;
	int rc;

	snprintf(bundled, sizeof(bundled), "%s", data_path("geodata/actors.csv"));
	assert_int_equal(coopmap_actors_read(a, bundled, &err), COOPMAP_OK);
	path = write_case(name, text);
	/* The messages as written in the code, English. */
	coopmap_i18n_init("en");
	rc = coopmap_actors_read(a, path, &err);
	if (rc == COOPMAP_OK)
		rc = coopmap_actors_check(a, f->layers, &err);
	coopmap_i18n_init("fr");
	assert_int_equal(rc, COOPMAP_ERR_INPUT);
	if (strstr(err.message, message) == NULL)
		fail_msg("message '%s' lacks '%s'", err.message, message);
	coopmap_actors_free(a);
}

static void test_bad_actor_files_name_file_and_line(void **state)
{
	struct fixture *f = *state;

	expect_actor_error(f, "actors-dup.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "", "implementing", "funds", "")
		ACTOR_ROW("dgos", "", "institutional", "steers", ""),
		"actors-dup.csv:3: column 'id', value 'dgos': already defined at ");
	expect_actor_error(f, "actors-role.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "", "implementing", "pays", ""),
		"actors-role.csv:2: column 'role', value 'pays': expected one of: "
		"steers, funds");
	expect_actor_error(f, "actors-family.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "", "external", "funds", ""),
		"actors-family.csv:2: column 'category', value 'external'");
	expect_actor_error(f, "actors-parent.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "nosuch", "implementing", "funds", ""),
		"actors-parent.csv:2: column 'parent', value 'nosuch'");
	expect_actor_error(f, "actors-cycle.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "yours", "implementing", "funds", "")
		ACTOR_ROW("yours", "mine", "implementing", "funds", ""),
		"actors-cycle.csv:2: column 'parent', value 'yours': the actor "
		"would be part of itself");
	expect_actor_error(f, "actors-layer.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "", "implementing", "funds", "layer:nosuch"),
		"actors-layer.csv:2: column 'presence', value 'layer:nosuch': no "
		"layer named 'nosuch'");
	expect_actor_error(f, "actors-presence.csv", ACTOR_HEADER
		ACTOR_ROW("mine", "", "implementing", "funds", "somewhere"),
		"actors-presence.csv:2: column 'presence', value 'somewhere'");
	expect_actor_error(f, "actors-id.csv", ACTOR_HEADER
		ACTOR_ROW("Mon Acteur", "", "implementing", "funds", ""),
		"actors-id.csv:2: column 'id', value 'Mon Acteur'");
	expect_actor_error(f, "actors-empty.csv", ACTOR_HEADER
		"mine,,implementing,funds,national,L,L,N,N,D,D,,\n",
		"actors-empty.csv:2: column 'source': empty; required");
	expect_actor_error(f, "actors-column.csv",
		"id,category,role\nmine,implementing,funds\n",
		"actors-column.csv:1: column 'parent' is required");
}

/* A relations (links != 0) or presence file read into the bundled set. */
static void expect_read_error(struct fixture *f, int links, const char *name,
	const char *text, const char *message)
{
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = write_case(name, text);
	int rc;

	/* The messages as written in the code, English. */
	coopmap_i18n_init("en");
	rc = links ? coopmap_actors_read_links(f->actors, path, &err)
		: coopmap_actors_read_presence(f->actors, path, f->countries, &err);
	coopmap_i18n_init("fr");
	assert_int_equal(rc, COOPMAP_ERR_INPUT);
	if (strstr(err.message, message) == NULL)
		fail_msg("message '%s' lacks '%s'", err.message, message);
}

static void test_bad_link_and_presence_files_name_file_and_line(
	void **state)
{
	struct fixture *f = *state;

	expect_read_error(f, 1, "links-unknown.csv", "from,to,kind,label_fr,"
		"label_en,source\ndgos,apchi,steers,a,b,c\nnosuch,apchi,funds,a,b,c\n",
		"links-unknown.csv:3: column 'from', value 'nosuch': no actor has "
		"this id");
	expect_read_error(f, 1, "links-kind.csv", "from,to,kind,label_fr,"
		"label_en,source\ndgos,apchi,loves,a,b,c\n",
		"links-kind.csv:2: column 'kind', value 'loves'");
	expect_read_error(f, 1, "links-self.csv", "from,to,kind,label_fr,"
		"label_en,source\ndgos,dgos,steers,a,b,c\n",
		"links-self.csv:2: column 'to', value 'dgos': a relation joins two");
	expect_read_error(f, 0, "presence-code.csv", "actor,iso_a3,basis_fr,"
		"basis_en,source\nreshaoc,XYZ,a,b,c\n",
		"presence-code.csv:2: column 'iso_a3', value 'XYZ'");
	expect_read_error(f, 0, "presence-kind.csv", "actor,iso_a3,basis_fr,"
		"basis_en,source\ndgos,SEN,a,b,c\n",
		"presence-kind.csv:2: column 'actor', value 'dgos': this actor's "
		"presence is not 'list'");
}

static void test_vocabularies_have_words_in_both_languages(void **state)
{
	const char *const *roles = coopmap_actor_roles();

	(void)state;
	for (size_t i = 0; roles[i] != NULL; i++) {
		assert_true(strlen(coopmap_actor_role_text(roles[i], "fr")) > 0);
		assert_true(strlen(coopmap_actor_role_text(roles[i], "en")) > 0);
	}
	assert_string_equal(coopmap_actor_role_text("funds", "fr"), "finance");
	assert_string_equal(coopmap_actor_family_text(COOPMAP_ACTOR_INTERNAL,
		"en"), "Internal actors");
}

/* The sheet of a country, as text (caller frees). */
static char *sheet_text(struct fixture *f, const char *iso3,
	const coopmap_projects *projects, const coopmap_pool *pool,
	const char *lang)
{
	coopmap_sheet_data d = { iso(f, iso3), f->layers, f->actors, projects,
		pool };
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	/* The sheet's sentences follow the run's language. */
	coopmap_i18n_init(lang);
	assert_int_equal(coopmap_sheet_write(&d, lang, out), 0);
	coopmap_i18n_init("fr");
	fclose(out);
	return text;
}

static void test_country_sheet_lists_establishments_and_actors(void **state)
{
	struct fixture *f = *state;
	coopmap_projects *projects = NULL;
	coopmap_pool *pool = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_sheet_data d;
	char *text;

	assert_int_equal(coopmap_projects_read("tests/data/sheet-projects.csv",
		NULL, f->countries, &projects, &err), COOPMAP_OK);
	assert_int_equal(coopmap_pool_build(projects, &pool, &err), COOPMAP_OK);
	text = sheet_text(f, "TGO", projects, pool, "fr");
	assert_non_null(strstr(text, "# Fiche pays : Togo (TGO)"));
	/* The three establishments working in Togo, not the one in Senegal. */
	assert_non_null(strstr(text, "3 établissements de la liste"));
	assert_non_null(strstr(text, "| AP-HP hôpital Louis Mourier | CHR "
		"d'Atakpamé (Atakpamé) |"));
	assert_non_null(strstr(text, "| CHU de Rennes |"));
	assert_null(strstr(text, "CHU de Tours"));
	/* Names from the list stay text. */
	assert_null(strstr(text, "<script>"));
	assert_non_null(strstr(text, "&lt;script&gt;"));
	/* Two establishments with one partner: pool them. */
	assert_non_null(strstr(text, "- CHR d'Atakpamé : AP-HP hôpital Louis "
		"Mourier, CHU de Rennes"));
	/* Togo founded RESHAOC; it is CICD and Francophonie. */
	assert_non_null(strstr(text, "(RESHAOC) | met en réseau | pays "
		"fondateur (1996)"));
	assert_non_null(strstr(text, "(`cicd-2018`)"));
	assert_non_null(strstr(text, "(`francophonie`)"));
	assert_non_null(strstr(text, "Aucun CAS ni CRSM connu"));
	free(text);
	d = (coopmap_sheet_data){ iso(f, "TGO"), f->layers, f->actors, projects,
		pool };
	assert_int_equal(coopmap_sheet_establishment_count(&d), 3);
	coopmap_pool_free(pool);
	coopmap_projects_free(projects);
}

static void test_country_sheet_names_embassy_advisers(void **state)
{
	struct fixture *f = *state;
	char *text = sheet_text(f, "SEN", NULL, NULL, "en");

	assert_non_null(strstr(text, "# Country sheet: Senegal (SEN)"));
	assert_non_null(strstr(text, "| Regional global health adviser (CRSM) | "
		"advises | layer cas-crsm"));
	assert_null(strstr(text, "Social affairs adviser (CAS) | advises | layer"));
	assert_null(strstr(text, "No CAS or CRSM known"));
	assert_non_null(strstr(text, "No project list given"));
	free(text);
	text = sheet_text(f, "MDG", NULL, NULL, "fr");
	assert_non_null(strstr(text, "Commission de l'océan Indien (COI) | "
		"conseille | État membre"));
	free(text);
}

/* Actor presence as GeoJSON, read back through OGR. */
static void test_export_of_presence_by_country(void **state)
{
	struct fixture *f = *state;
	coopmap_error err = COOPMAP_ERROR_INIT;
	coopmap_table *t = NULL;
	long iso, actors, count;
	int found_bfa = 0, found_sen = 0;

	assert_int_equal(coopmap_export_actors(f->countries, f->layers,
		f->actors, TEST_ARTIFACTS "/acteurs.geojson", &err), COOPMAP_OK);
	assert_int_equal(coopmap_table_read(TEST_ARTIFACTS "/acteurs.geojson",
		NULL, &t, &err), COOPMAP_OK);
	iso = coopmap_table_find_column(t, "iso_a3");
	actors = coopmap_table_find_column(t, "actors");
	count = coopmap_table_find_column(t, "count");
	assert_true(iso >= 0 && actors >= 0 && count >= 0);
	for (size_t r = 0; r < coopmap_table_row_count(t); r++) {
		const char *code = coopmap_table_cell(t, r, (size_t)iso);
		const char *ids = coopmap_table_cell(t, r, (size_t)actors);

		if (strcmp(code, "BFA") == 0)
			found_bfa = strcmp(ids, "reshaoc") == 0;
		if (strcmp(code, "SEN") == 0)
			found_sen = strcmp(ids, "reshaoc;crsm") == 0 &&
				strcmp(coopmap_table_cell(t, r, (size_t)count), "2") == 0;
		/* Only countries with an actor tied to them. */
		assert_true(ids[0] != '\0');
		assert_string_not_equal(code, "FRA");
	}
	assert_true(found_bfa);
	assert_true(found_sen);
	coopmap_table_free(t);
	assert_int_equal(coopmap_export_actors(f->countries, f->layers,
		f->actors, TEST_ARTIFACTS "/acteurs.kml", &err), COOPMAP_ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_actor_the_seeds_name_is_in_the_data),
		cmocka_unit_test(test_every_relation_the_seeds_name_is_in_the_data),
		cmocka_unit_test(test_every_row_names_its_seed),
		cmocka_unit_test(test_presence_by_country),
		cmocka_unit_test(test_bad_actor_files_name_file_and_line),
		cmocka_unit_test(test_bad_link_and_presence_files_name_file_and_line),
		cmocka_unit_test(test_vocabularies_have_words_in_both_languages),
		cmocka_unit_test(test_country_sheet_lists_establishments_and_actors),
		cmocka_unit_test(test_country_sheet_names_embassy_advisers),
		cmocka_unit_test(test_export_of_presence_by_country),
	};

	/* The sheets speak the program's default language, French. */
	coopmap_i18n_init("fr");
	return cmocka_run_group_tests(tests, setup, teardown);
}
