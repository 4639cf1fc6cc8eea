/* test_i18n.c: one language per run (i18n.h).  The program speaks French
 * by default (LC_ALL=C, no --lang), English with --lang en or an English
 * LANG; its rejects file, help and names of --extent follow; dates are
 * written one way on every output.  Runs $COOPMAP_BIN with an environment
 * of its own per case. */
#include <glib.h>

#include "coopmap/i18n.h"
#include "test_util.h"

#include <string.h>
#include <unistd.h>

struct run {
	int status;
	char *out, *err;
};

/*
 * Run coopmap with args (NULL-terminated) in this process's environment,
 * less every variable that names a language, plus var=value when var is
 * given.
 */
static void run_in(const char *var, const char *value,
	const char *const *args, struct run *r)
{
	gchar **env = g_get_environ();
	GPtrArray *argv = g_ptr_array_new();
	GError *gerr = NULL;
	static const char *const langs[] = { "LC_ALL", "LC_MESSAGES", "LANG",
		"LANGUAGE" };

	for (size_t i = 0; i < G_N_ELEMENTS(langs); i++)
		env = g_environ_unsetenv(env, langs[i]);
	if (var != NULL)
		env = g_environ_setenv(env, var, value, TRUE);
	assert_non_null(getenv("COOPMAP_BIN"));
	g_ptr_array_add(argv, getenv("COOPMAP_BIN"));
	for (size_t i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (gpointer)args[i]);
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_sync(NULL, (gchar **)argv->pdata, env, G_SPAWN_DEFAULT,
	    NULL, NULL, &r->out, &r->err, &r->status, &gerr))
		fail_msg("cannot run coopmap: %s", gerr->message);
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128;
	g_ptr_array_free(argv, TRUE);
	g_strfreev(env);
}

static void run_clear(struct run *r)
{
	g_free(r->out);
	g_free(r->err);
}

/* text holds want, or the test fails showing text. */
static void assert_holds(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("expected '%s' in:\n%s", want, text);
}

static void assert_lacks(const char *text, const char *unwanted)
{
	if (strstr(text, unwanted) != NULL)
		fail_msg("did not expect '%s' in:\n%s", unwanted, text);
}

static void test_default_run_speaks_french(void **state)
{
	const char *args[] = { "check", "tests/bad/empty.csv", NULL };
	struct run r;

	(void)state;
	run_in("LC_ALL", "C", args, &r);
	assert_int_equal(r.status, 2);
	assert_holds(r.err, "tests/bad/empty.csv : le fichier est vide : ni "
		"en-tête, ni projet");
	run_clear(&r);
	/* No variable at all: French too. */
	run_in(NULL, NULL, args, &r);
	assert_holds(r.err, "le fichier est vide");
	run_clear(&r);
}

static void test_lang_en_and_an_english_lang_speak_english(void **state)
{
	const char *with_option[] = { "check", "--lang", "en",
		"tests/bad/empty.csv", NULL };
	const char *plain[] = { "check", "tests/bad/empty.csv", NULL };
	const char *french_option[] = { "check", "--lang", "fr",
		"tests/bad/empty.csv", NULL };
	const char *want = "tests/bad/empty.csv: the file is empty: no header, "
		"no project";
	struct run r;

	(void)state;
	run_in("LC_ALL", "C", with_option, &r);
	assert_holds(r.err, want);
	run_clear(&r);
	run_in("LANG", "en_GB.UTF-8", plain, &r);
	assert_holds(r.err, want);
	run_clear(&r);
	run_in("LC_MESSAGES", "en_US", plain, &r);
	assert_holds(r.err, want);
	run_clear(&r);
	/* A French LANG, and --lang fr over an English one. */
	run_in("LANG", "fr_FR.UTF-8", plain, &r);
	assert_holds(r.err, "le fichier est vide");
	run_clear(&r);
	run_in("LANG", "en_GB.UTF-8", french_option, &r);
	assert_holds(r.err, "le fichier est vide");
	run_clear(&r);
}

static void test_reject_reasons_follow_the_run(void **state)
{
	const char *args[] = { "check", "tests/bad/multi-country-unknown.csv",
		NULL };
	struct run r;

	(void)state;
	run_in("LC_ALL", "C", args, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.err, "pays inconnu 'Atlantide'");
	assert_lacks(r.err, "unknown country");
	run_clear(&r);
	run_in("LANG", "en_GB.UTF-8", args, &r);
	assert_holds(r.err, "unknown country 'Atlantide'");
	run_clear(&r);
}

/* Issue 18: the rejects file mixed both ("pays inconnu,unknown country"). */
static void test_rejects_file_of_a_french_run_is_french(void **state)
{
	const char *path = TEST_ARTIFACTS "/i18n-rejects.csv";
	const char *args[] = { "check", "tests/data/projects-bad.csv", "-q",
		"--rejects", path, NULL };
	static const char *const english[] = { "unknown", "empty", "country",
		"did you mean", "partner", "not a", NULL };
	struct run r;
	gchar *text = NULL, *rows;

	(void)state;
	unlink(path);
	run_in("LC_ALL", "C", args, &r);
	assert_int_equal(r.status, 0);
	run_clear(&r);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	/* The header names the columns for programs; the rows are words. */
	rows = strchr(text, '\n');
	assert_non_null(rows);
	assert_holds(rows, ",pays inconnu,pays inconnu,");
	assert_holds(rows, ",pays vide,le pays partenaire est vide,");
	assert_holds(rows, "Madagasikara : vouliez-vous dire Madagascar");
	for (size_t i = 0; english[i] != NULL; i++)
		assert_lacks(rows, english[i]);
	g_free(text);
}

static void test_help_is_french_by_default(void **state)
{
	const char *top[] = { "--help", NULL };
	const char *render[] = { "render", "--help", NULL };
	const char *render_en[] = { "render", "--help", "--lang", "en", NULL };
	struct run r;

	(void)state;
	run_in("LC_ALL", "C", top, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.out, "commandes :");
	assert_holds(r.out, "dessiner la carte des coopérations");
	assert_lacks(r.out, "draw the cooperation map");
	run_clear(&r);
	run_in("LC_ALL", "C", render, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.out, "Dessine la carte des coopérations");
	assert_holds(r.out, "code de sortie :");
	assert_lacks(r.out, "exit status");
	run_clear(&r);
	run_in("LC_ALL", "C", render_en, &r);
	assert_holds(r.out, "Draw the cooperation map");
	run_clear(&r);
}

/* Issue 18: `--extent afrique` was refused, the names were English only. */
static void test_extent_takes_and_lists_french_names(void **state)
{
	const char *map = TEST_ARTIFACTS "/i18n-afrique.png";
	const char *africa[] = { "render", "tests/bad/ok.csv", "--extent",
		"afrique", "--size", "300", "-q", "-o", map, NULL };
	const char *nowhere[] = { "render", "tests/bad/ok.csv",
		"--extent", "nowhere", "-o", TEST_ARTIFACTS "/i18n-nowhere.png",
		NULL };
	struct run r;

	(void)state;
	unlink(map);
	run_in("LC_ALL", "C", africa, &r);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	run_clear(&r);
	assert_int_equal(access(map, F_OK), 0);
	run_in("LC_ALL", "C", nowhere, &r);
	assert_int_equal(r.status, 2);
	assert_holds(r.err, "emprise 'nowhere' : monde, afrique, afrique-ouest");
	assert_holds(r.err, "ocean-indien");
	run_clear(&r);
}

/* The KML for My Maps was French in every run. */
static void test_kml_speaks_the_run_language(void **state)
{
	const char *path = TEST_ARTIFACTS "/i18n.kml";
	const char *args[] = { "export", "tests/bad/ok.csv", "-q", "-o", path,
		NULL };
	struct run r;
	gchar *text = NULL;

	(void)state;
	run_in("LANG", "en_GB.UTF-8", args, &r);
	assert_int_equal(r.status, 0);
	run_clear(&r);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_holds(text, "<name>International hospital cooperation</name>");
	assert_holds(text, "<name>Other funding or not stated</name>");
	assert_holds(text, "&lt;b&gt;Country:&lt;/b&gt; Burundi");
	assert_lacks(text, "Coopérations");
	g_free(text);
	run_in("LC_ALL", "C", args, &r);
	assert_int_equal(r.status, 0);
	run_clear(&r);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_holds(text, "<name>Coopérations hospitalières "
		"internationales</name>");
	assert_holds(text, "<name>Autres financements ou non précisé</name>");
	assert_holds(text, "&lt;b&gt;Pays :&lt;/b&gt; Burundi");
	g_free(text);
}

static void test_date_is_written_one_way_per_language(void **state)
{
	char buf[64];

	(void)state;
	coopmap_i18n_date("2026-12-06", "fr", buf, sizeof(buf));
	assert_string_equal(buf, "6 décembre 2026");
	coopmap_i18n_date("2026-12-06", "en", buf, sizeof(buf));
	assert_string_equal(buf, "6 December 2026");
	coopmap_i18n_date("2026-05-01", "fr", buf, sizeof(buf));
	assert_string_equal(buf, "1er mai 2026");
	coopmap_i18n_date("2026-05-01", "en", buf, sizeof(buf));
	assert_string_equal(buf, "1 May 2026");
	coopmap_i18n_date("2026-13-01", "fr", buf, sizeof(buf));
	assert_string_equal(buf, "");
	coopmap_i18n_date(NULL, "fr", buf, sizeof(buf));
	assert_string_equal(buf, "");
}

/*
 * The pool report's sentences come from the catalogue, not from pairs of
 * strings in the code: with a catalogue of the command's messages whose
 * every French sentence starts with "@@", every line of the Markdown report that holds words starts
 * with it (an establishment's "### NAME" holds none), the plural forms
 * too.
 */
static void test_pool_report_sentences_come_from_the_catalogue(void **state)
{
	const char *args[] = { "pool", "examples/cooperations.csv", NULL };
	char *dir = g_build_filename(g_get_tmp_dir(), "coopmap-po-XXXXXX", NULL);
	char *messages, *command, *previous;
	gchar **lines;
	int status = -1;
	struct run r;

	(void)state;
	assert_non_null(g_mkdtemp(dir));
	messages = g_build_filename(dir, "fr", "LC_MESSAGES", NULL);
	assert_int_equal(g_mkdir_with_parents(messages, 0755), 0);
	/* The command's messages, every msgstr (and msgstr[N]) starting with
	 * @@. */
	command = g_strdup_printf("msggrep -N src/cli/cmd_pool.c po/fr.po | "
		"sed -e 's/^msgstr\\(\\[[0-9]\\]\\)\\{0,1\\} \"/&@@/' > "
		"%s/marked.po && msgfmt -o %s/coopmap.mo %s/marked.po", dir,
		messages, dir);
	{
		gchar *argv[] = { "sh", "-c", command, NULL };

		assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
			NULL, NULL, NULL, &status, NULL));
		assert_int_equal(status, 0);
	}
	previous = g_strdup(getenv("COOPMAP_LOCALEDIR"));
	setenv("COOPMAP_LOCALEDIR", dir, 1);
	run_in("LC_ALL", "C", args, &r);
	if (previous != NULL)
		setenv("COOPMAP_LOCALEDIR", previous, 1);
	else
		unsetenv("COOPMAP_LOCALEDIR");
	assert_int_equal(r.status, 0);
	lines = g_strsplit(r.out, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] == '\0' || g_str_has_prefix(lines[i], "### "))
			continue;
		if (!g_str_has_prefix(lines[i], "@@"))
			fail_msg("line %zu of the report is not from the catalogue: "
				"'%s'", i + 1, lines[i]);
	}
	assert_holds(r.out, "@@# Mutualisation des coopérations : ");
	assert_holds(r.out, "(lignes ");
	assert_holds(r.out, "@@ ; graphies @@« ");
	assert_holds(r.out, "@@  - même ville partenaire : ");
	g_strfreev(lines);
	run_clear(&r);
	g_free(command);
	command = g_strdup_printf("rm -rf '%s'", dir);
	{
		gchar *argv[] = { "sh", "-c", command, NULL };

		g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
			NULL, NULL, NULL);
	}
	g_free(previous);
	g_free(command);
	g_free(messages);
	g_free(dir);
}

static void test_english_is_asked_by_the_first_variable_set(void **state)
{
	(void)state;
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "en_GB.UTF-8", 1);
	assert_string_equal(coopmap_i18n_lang_from_env(), "en");
	setenv("LC_ALL", "C", 1);   /* LC_ALL first: C is French */
	assert_string_equal(coopmap_i18n_lang_from_env(), "fr");
	setenv("LC_ALL", "english", 1);   /* not "en" followed by a separator */
	assert_string_equal(coopmap_i18n_lang_from_env(), "fr");
	setenv("LC_ALL", "en", 1);
	assert_string_equal(coopmap_i18n_lang_from_env(), "en");
	unsetenv("LC_ALL");
	unsetenv("LANG");
	assert_string_equal(coopmap_i18n_lang_from_env(), "fr");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_run_speaks_french),
		cmocka_unit_test(test_lang_en_and_an_english_lang_speak_english),
		cmocka_unit_test(test_reject_reasons_follow_the_run),
		cmocka_unit_test(test_rejects_file_of_a_french_run_is_french),
		cmocka_unit_test(test_help_is_french_by_default),
		cmocka_unit_test(test_extent_takes_and_lists_french_names),
		cmocka_unit_test(test_kml_speaks_the_run_language),
		cmocka_unit_test(test_date_is_written_one_way_per_language),
		cmocka_unit_test(test_english_is_asked_by_the_first_variable_set),
		cmocka_unit_test(test_pool_report_sentences_come_from_the_catalogue),
	};

	g_mkdir_with_parents(TEST_ARTIFACTS, 0755);
	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
