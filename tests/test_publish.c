/*
 * test_publish.c: the web page as files: what the page holds (the map's
 * library inlined, nothing fetched, the data block that no cell can end),
 * the data the script reads (pooled partners and their peers, links,
 * countries), the same bytes twice, and the hosted folder written whole or
 * not at all.  How the page behaves in a browser: tests/test-publish.mjs.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "test_util.h"
#include "coopmap/i18n.h"
#include "coopmap/join.h"
#include "coopmap/network.h"
#include "coopmap/pool.h"
#include "coopmap/publish.h"
#include "coopmap/simplify.h"

struct model {
	coopmap_countries *countries;
	coopmap_projects *projects;
	coopmap_pool *pool;
	coopmap_country_stats *stats;
	coopmap_topology *topology;
	coopmap_map_data map;
	coopmap_style style;
	coopmap_publish_data page;
	char web[4096];
};

static struct model *model_new(const char *list)
{
	struct model *m = g_new0(struct model, 1);
	coopmap_error err = COOPMAP_ERROR_INIT;

	m->countries = test_open_countries("50m", 1);
	assert_non_null(m->countries);
	m->projects = test_read_located(data_path(list), m->countries);
	if (coopmap_pool_build(m->projects, &m->pool, &err) ||
	    coopmap_join_by_country(m->projects, m->countries, m->pool, &m->stats,
	    &m->map.summary, &err) ||
	    coopmap_topology_new(m->countries, &m->topology, &err))
		fail_msg("%s", err.message);
	m->map.countries = m->countries;
	m->map.stats = m->stats;
	coopmap_style_default(&m->style);
	m->page.map = &m->map;
	m->page.projects = m->projects;
	m->page.pool = m->pool;
	m->page.topology = m->topology;
	m->page.style = &m->style;
	m->page.web_dir = coopmap_paths_data_file("web", m->web, sizeof(m->web));
	m->page.library_dir = getenv("COOPMAP_LEAFLET_DIR") != NULL
		? getenv("COOPMAP_LEAFLET_DIR") : COOPMAP_PUBLISH_LIBRARY_DIR;
	return m;
}

static void model_free(struct model *m)
{
	coopmap_topology_free(m->topology);
	free(m->stats);
	coopmap_pool_free(m->pool);
	coopmap_projects_free(m->projects);
	coopmap_countries_free(m->countries);
	g_free(m);
}

static char *write_page(struct model *m, const char *name)
{
	coopmap_publish_opts opts = COOPMAP_PUBLISH_OPTS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char *path = g_build_filename(TEST_ARTIFACTS, name, NULL), *text = NULL;

	opts.date = "2026-11-23";
	if (coopmap_publish_write(&m->page, &opts, path, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	g_free(path);
	return text;
}

/* The text of the JSON data block (caller frees). */
static char *data_block(const char *page)
{
	const char *open = "<script type=\"application/json\" id=\"coopmap-data\">";
	const char *start = strstr(page, open), *end;

	assert_non_null(start);
	start += strlen(open);
	end = strstr(start, "</script>");
	assert_non_null(end);
	return g_strndup(start, (gsize)(end - start));
}

static void test_page_inlines_the_map_library_and_fetches_nothing(void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	char *page = write_page(m, "publish-example.html");

	(void)state;
	/* Leaflet, its cluster plugin and their licences are in the file. */
	assert_non_null(strstr(page, "Vladimir Agafonkin"));
	assert_non_null(strstr(page, "David Leaver"));
	assert_non_null(strstr(page, "markerClusterGroup"));
	/* Nothing outside the file: no script or style to load, no URL
	 * fetched by the style (leaflet.css's images as data: URLs); the
	 * browser test counts the requests. */
	assert_null(strstr(page, "<script src="));
	assert_null(strstr(page, "<link "));
	assert_null(strstr(page, "url(images/"));
	assert_non_null(strstr(page, "url(data:image/png;base64,"));
	assert_non_null(strstr(page, "<html lang=\"fr\">"));
	g_free(page);
	model_free(m);
}

static void test_data_names_pooled_partners_peers_and_links(void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	char *page = write_page(m, "publish-example.html");
	char *block = data_block(page);
	json_error_t jerr;
	json_t *d = json_loads(block, 0, &jerr), *partners, *douala = NULL;
	json_t *establishments;
	size_t i;
	json_t *p;

	(void)state;
	assert_non_null(d);
	partners = json_object_get(d, "partners");
	establishments = json_object_get(d, "establishments");
	assert_int_equal(json_array_size(establishments), 33);
	json_array_foreach(partners, i, p)
		if (strstr(json_string_value(json_object_get(p, "name")), "Douala"))
			douala = p;
	assert_non_null(douala);
	/* Two spellings of one hospital, one partner with two establishments:
	 * each is the other's peer. */
	assert_int_equal(json_array_size(json_object_get(douala, "variants")), 2);
	assert_int_equal(json_array_size(json_object_get(douala, "peers")), 2);
	for (size_t k = 0; k < 2; k++) {
		json_t *e = json_array_get(establishments, (size_t)json_integer_value(
			json_array_get(json_object_get(douala, "peers"), k)));
		const char *name = json_string_value(json_object_get(e, "name"));

		assert_true(strcmp(name, "CHU de Strasbourg") == 0 ||
			strcmp(name, "Centre hospitalier de la Côte basque") == 0);
		assert_int_equal(json_array_size(json_object_get(e, "samePartner")), 1);
	}
	/* A link per pair, each with a path; countries with outlines. */
	assert_true(json_array_size(json_object_get(d, "links")) >= 50);
	assert_true(json_array_size(json_object_get(d, "countries")) > 200);
	assert_int_equal(json_array_size(json_object_get(d, "projects")), 60);
	json_decref(d);
	g_free(block);
	g_free(page);
	model_free(m);
}

static void test_no_cell_can_end_the_data_block(void **state)
{
	struct model *m = model_new("tests/data/hostile-web.csv");
	char *page = write_page(m, "publish-hostile.html");
	char *block = data_block(page);
	json_error_t jerr;
	json_t *d;

	(void)state;
	/* The block ends where the page ends it: the hostile cells hold
	 * "</script>" and "<!--", and U+2028. */
	assert_null(strpbrk(block, "<>&"));
	assert_null(strstr(block, "\xe2\x80\xa8"));
	d = json_loads(block, 0, &jerr);
	assert_non_null(d);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
		json_object_get(d, "projects"), 0), "partner")), "<!--<script>");
	/* The page's own title is not the cell's. */
	assert_non_null(strstr(page, "<title>Coopérations hospitalières "
		"internationales</title>"));
	json_decref(d);
	g_free(block);
	g_free(page);
	model_free(m);
}

static void test_same_list_gives_the_same_page(void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	char *a = write_page(m, "publish-a.html"), *b = write_page(m, "publish-b.html");

	(void)state;
	assert_string_equal(a, b);
	g_free(a);
	g_free(b);
	model_free(m);
}

static int write_folder(struct model *m, const char *dir, coopmap_error *err)
{
	coopmap_publish_opts opts = COOPMAP_PUBLISH_OPTS_INIT;

	opts.date = "2026-11-23";
	return coopmap_publish_write_folder(&m->page, &opts, dir, err);
}

static int siblings_of(const char *dir)
{
	char *parent = g_path_get_dirname(dir), *base = g_path_get_basename(dir);
	GDir *d = g_dir_open(parent, 0, NULL);
	const char *name;
	int n = 0;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL)
		n += g_str_has_prefix(name, base) && strcmp(name, base) != 0;
	if (d != NULL)
		g_dir_close(d);
	g_free(parent);
	g_free(base);
	return n;
}

static void test_folder_is_written_whole_and_replaces_only_its_own(
	void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *dir = TEST_ARTIFACTS "/publish-site";
	const char *other = TEST_ARTIFACTS "/publish-not-ours";
	char *index = g_build_filename(dir, "index.html", NULL);
	char *user_file = g_build_filename(other, "mine.txt", NULL);
	char *data = g_build_filename(dir, "data.js", NULL), *text = NULL;
	const char *good_library = m->page.library_dir;

	(void)state;
	g_mkdir_with_parents(other, 0755);
	g_file_set_contents(user_file, "keep me", -1, NULL);
	/* A folder coopmap did not write is refused and left as it was. */
	assert_int_equal(write_folder(m, other, &err), COOPMAP_ERR_USAGE);
	assert_true(g_file_test(user_file, G_FILE_TEST_EXISTS));
	assert_int_equal(siblings_of(other), 0);
	/* Written, then written again over itself. */
	assert_int_equal(write_folder(m, dir, &err), COOPMAP_OK);
	assert_int_equal(write_folder(m, dir, &err), COOPMAP_OK);
	assert_true(g_file_test(index, G_FILE_TEST_IS_REGULAR));
	assert_true(g_file_get_contents(data, &text, NULL, NULL));
	assert_true(g_str_has_prefix(text, "window.COOPMAP_DATA = {"));
	g_free(text);
	/* A run that fails (the library is missing) leaves the previous
	 * folder and nothing beside it. */
	m->page.library_dir = "/nonexistent";
	assert_int_equal(write_folder(m, dir, &err), COOPMAP_ERR_IO);
	assert_true(g_file_test(index, G_FILE_TEST_IS_REGULAR));
	assert_true(g_file_test(data, G_FILE_TEST_IS_REGULAR));
	assert_int_equal(siblings_of(dir), 0);
	m->page.library_dir = good_library;
	g_free(index);
	g_free(user_file);
	g_free(data);
	model_free(m);
}

static void test_failed_page_keeps_the_previous_file(void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	coopmap_publish_opts opts = COOPMAP_PUBLISH_OPTS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const char *path = TEST_ARTIFACTS "/publish-kept.html";
	char *text = NULL;

	(void)state;
	g_file_set_contents(path, "previous", -1, NULL);
	m->page.library_dir = "/nonexistent";
	assert_int_equal(coopmap_publish_write(&m->page, &opts, path, &err),
		COOPMAP_ERR_IO);
	assert_non_null(strstr(err.message, "libjs-leaflet"));
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_string_equal(text, "previous");
	g_free(text);
	model_free(m);
}

/* A small state with no outline at the map's scale is in the page, as a
 * point, with its projects counted (Tuvalu, Gibraltar). */
static void test_small_states_are_points_on_the_page(void **state)
{
	struct model *m = model_new("tests/data/export-small-states.csv");
	char *page = write_page(m, "publish-small-states.html");
	char *block = data_block(page);
	json_error_t jerr;
	json_t *d = json_loads(block, 0, &jerr), *c, *tuvalu = NULL;
	size_t i;

	(void)state;
	assert_non_null(d);
	json_array_foreach(json_object_get(d, "countries"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "a3")), "TUV") == 0)
			tuvalu = c;
	assert_non_null(tuvalu);
	assert_null(json_object_get(tuvalu, "g"));
	assert_int_equal(json_array_size(json_object_get(tuvalu, "pt")), 2);
	json_decref(d);
	g_free(block);
	g_free(page);
	model_free(m);
}

/* The page's word for a count in lang: its forms for 0, 1 and 2. */
static void assert_forms(const json_t *words, const char *key,
	const char *zero, const char *one, const char *more)
{
	const json_t *forms = json_object_get(words, key);

	assert_int_equal(json_array_size(forms), 3);
	assert_string_equal(json_string_value(json_array_get(forms, 0)), zero);
	assert_string_equal(json_string_value(json_array_get(forms, 1)), one);
	assert_string_equal(json_string_value(json_array_get(forms, 2)), more);
}

/*
 * The page's words come from the catalogue, in the run's language, and a
 * count's words have their plural forms (the page said "60 projet(s) de 33
 * établissement(s)"): French singular for 0 and 1, English for 1 alone.
 * A page asked in another language than the run's is refused.
 */
static void test_page_words_come_from_the_catalogue_with_plurals(void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	coopmap_publish_opts opts = COOPMAP_PUBLISH_OPTS_INIT;
	coopmap_error err = COOPMAP_ERROR_INIT;
	char *page = write_page(m, "publish-words.html");
	char *block = data_block(page);
	json_t *d = json_loads(block, 0, NULL), *words;
	char *path = g_build_filename(TEST_ARTIFACTS, "publish-words-en.html",
		NULL);

	(void)state;
	words = json_object_get(d, "strings");
	assert_forms(words, "countProjects", "{n} projet", "{n} projet",
		"{n} projets");
	assert_forms(words, "countEstablishments", "{n} établissement français",
		"{n} établissement français", "{n} établissements français");
	assert_forms(words, "results", "{n} résultat", "{n} résultat",
		"{n} résultats");
	assert_string_equal(json_string_value(json_object_get(words, "all")),
		"Tous");
	assert_string_equal(json_string_value(json_object_get(words, "allFem")),
		"Toutes");
	json_decref(d);
	g_free(block);
	g_free(page);
	/* English asked of a French run: refused, no page. */
	g_remove(path);
	opts.lang = "en";
	assert_int_equal(coopmap_publish_write(&m->page, &opts, path, &err),
		COOPMAP_ERR_USAGE);
	assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
	coopmap_i18n_init("en");
	err = (coopmap_error)COOPMAP_ERROR_INIT;
	if (coopmap_publish_write(&m->page, &opts, path, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	assert_true(g_file_get_contents(path, &page, NULL, NULL));
	block = data_block(page);
	d = json_loads(block, 0, NULL);
	words = json_object_get(d, "strings");
	assert_forms(words, "countProjects", "{n} projects", "{n} project",
		"{n} projects");
	assert_forms(words, "countOf", " (of {n} projects)", " (of {n} project)",
		" (of {n} projects)");
	assert_string_equal(json_string_value(json_object_get(words, "all")),
		"All");
	coopmap_i18n_init("fr");
	json_decref(d);
	g_free(block);
	g_free(page);
	g_free(path);
	model_free(m);
}

/* Pairs are numbered as first met; a project with an end missing is in
 * none; the same pair is one whatever comes between. */
static void test_projects_group_into_pairs_in_first_met_order(void **state)
{
	const size_t first[] = { 4, 1, SIZE_MAX, 4, 1, 7, 1 };
	const size_t second[] = { 2, 2, 2, 2, SIZE_MAX, 0, 2 };
	const size_t want[] = { 0, 1, SIZE_MAX, 0, SIZE_MAX, 2, 1 };
	size_t pair_of[7];

	(void)state;
	assert_int_equal(coopmap_network_pairs(first, second, 7, pair_of), 3);
	for (size_t k = 0; k < 7; k++)
		assert_int_equal(pair_of[k], want[k]);
	assert_int_equal(coopmap_network_pairs(first, second, 0, pair_of), 0);
}

/* The page's links are the map's (network.h): every link the map draws
 * to a named partner is on the page, with the same ends and projects (the
 * page also keeps pairs without a place, with no path). */
static void test_page_links_are_the_map_links(void **state)
{
	struct model *m = model_new("examples/cooperations.csv");
	char *page = write_page(m, "publish-links.html");
	char *block = data_block(page);
	json_t *d = json_loads(block, 0, NULL), *links;
	coopmap_network *network = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	size_t n_est = coopmap_pool_establishment_count(m->pool), drawn = 0;
	size_t at = 0;

	(void)state;
	assert_int_equal(coopmap_network_build(m->projects, m->pool,
		COOPMAP_MEASURE_PROJECTS, &network, &err), COOPMAP_OK);
	links = json_object_get(d, "links");
	for (size_t i = 0; i < coopmap_network_link_count(network); i++) {
		const coopmap_link *l = coopmap_network_link(network, i);
		const coopmap_node *partner = coopmap_network_node(network,
			l->partner);
		json_t *link;

		if (partner->name[0] == '\0')
			continue;
		/* In the same order: the page's next link with a path. */
		while (at < json_array_size(links) && json_array_size(
		    json_object_get(json_array_get(links, at), "path")) == 0)
			at++;
		assert_true(at < json_array_size(links));
		link = json_array_get(links, at++);
		assert_int_equal(json_integer_value(json_object_get(link, "e")),
			l->establishment);
		assert_int_equal(json_integer_value(json_object_get(link, "p")),
			l->partner - n_est);
		assert_int_equal(json_array_size(json_object_get(link, "projects")),
			l->projects);
		drawn++;
	}
	assert_true(drawn > 40);
	coopmap_network_free(network);
	json_decref(d);
	g_free(block);
	g_free(page);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_inlines_the_map_library_and_fetches_nothing),
		cmocka_unit_test(test_data_names_pooled_partners_peers_and_links),
		cmocka_unit_test(test_no_cell_can_end_the_data_block),
		cmocka_unit_test(test_same_list_gives_the_same_page),
		cmocka_unit_test(test_folder_is_written_whole_and_replaces_only_its_own),
		cmocka_unit_test(test_failed_page_keeps_the_previous_file),
		cmocka_unit_test(test_small_states_are_points_on_the_page),
		cmocka_unit_test(test_page_words_come_from_the_catalogue_with_plurals),
		cmocka_unit_test(test_projects_group_into_pairs_in_first_met_order),
		cmocka_unit_test(test_page_links_are_the_map_links),
	};

	/* The page speaks the program's default language, French. */
	coopmap_i18n_init("fr");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
