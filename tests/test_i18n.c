/* test_i18n.c: one language per run (i18n.h).  The program speaks French
 * by default (LC_ALL=C, no --lang), English with --lang en or an English
 * LANG; its rejects file, help and names of --extent follow; dates are
 * written one way on every output; the sentences of reports, sheets and
 * subtitles come from the catalogue (a catalogue whose French all starts
 * with @@ shows it).  Runs $COOPMAP_BIN with an environment of its own per
 * case. */
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

/* The filters' line agrees with its count in French: "1 projet gardé",
 * "10 projets gardés" (it said "1 projets gardés"). */
static void test_filtered_count_takes_its_plural(void **state)
{
	const char *one[] = { "render", "examples/cooperations.csv", "--country",
		"TGO", "--size", "300", "-o", TEST_ARTIFACTS "/i18n-togo.png", NULL };
	const char *ten[] = { "render", "examples/cooperations.csv",
		"--programme", "apchi", "--size", "300", "-o",
		TEST_ARTIFACTS "/i18n-apchi.png", NULL };
	struct run r;

	(void)state;
	run_in("LC_ALL", "C", one, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.err, ": 1 projet gardé sur 60 (Togo)");
	run_clear(&r);
	run_in("LC_ALL", "C", ten, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.err, ": 10 projets gardés sur 60 (APCHI)");
	run_clear(&r);
	run_in("LANG", "en_GB.UTF-8", one, &r);
	assert_holds(r.err, ": 1 of 60 projects kept (Togo)");
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
/* sh -c command; the test fails when it does. */
static void shell(const char *command)
{
	gchar *argv[] = { "sh", "-c", (gchar *)command, NULL };
	int status = -1;

	assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL,
		NULL, NULL, NULL, &status, NULL));
	assert_int_equal(status, 0);
}

/*
 * A folder of catalogues (the COOPMAP_LOCALEDIR of a run) whose French
 * holds only the messages of sources (msggrep's "-N file" options), every
 * msgstr (and msgstr[N]) starting with @@: what a run then writes with @@
 * came from the catalogue, what it writes without was not translated
 * through it.  Caller removes it (remove_tree) and frees the path.
 */
static char *marked_catalogue(const char *sources)
{
	char *dir = g_build_filename(g_get_tmp_dir(), "coopmap-po-XXXXXX", NULL);
	char *messages, *command;

	assert_non_null(g_mkdtemp(dir));
	messages = g_build_filename(dir, "fr", "LC_MESSAGES", NULL);
	assert_int_equal(g_mkdir_with_parents(messages, 0755), 0);
	command = g_strdup_printf("msggrep %s po/fr.po | "
		"sed -e 's/^msgstr\\(\\[[0-9]\\]\\)\\{0,1\\} \"/&@@/' > "
		"%s/marked.po && msgfmt -o %s/coopmap.mo %s/marked.po", sources, dir,
		messages, dir);
	shell(command);
	g_free(command);
	g_free(messages);
	return dir;
}

static void remove_tree(char *dir)
{
	char *command = g_strdup_printf("rm -rf '%s'", dir);

	shell(command);
	g_free(command);
	g_free(dir);
}

/* run_in("LC_ALL", "C", args, r): French, from the catalogues of dir. */
static void run_french_from(const char *dir, const char *const *args,
	struct run *r)
{
	char *previous = g_strdup(getenv("COOPMAP_LOCALEDIR"));

	setenv("COOPMAP_LOCALEDIR", dir, 1);
	run_in("LC_ALL", "C", args, r);
	if (previous != NULL)
		setenv("COOPMAP_LOCALEDIR", previous, 1);
	else
		unsetenv("COOPMAP_LOCALEDIR");
	g_free(previous);
}

/* Every line of text but the blank ones and those starting with one of
 * skip (NULL-terminated) starts with @@ once its heading marks are off. */
static void assert_lines_marked(const char *text, const char *const *skip)
{
	gchar **lines = g_strsplit(text, "\n", -1);

	for (size_t i = 0; lines[i] != NULL; i++) {
		const char *line = lines[i];
		int skipped = line[0] == '\0';

		for (size_t k = 0; skip[k] != NULL && !skipped; k++)
			skipped = g_str_has_prefix(line, skip[k]);
		if (skipped)
			continue;
		line += strspn(line, "# ");
		if (!g_str_has_prefix(line, "@@"))
			fail_msg("line %zu is not from the catalogue: '%s'", i + 1,
				lines[i]);
	}
	g_strfreev(lines);
}

static void test_pool_report_sentences_come_from_the_catalogue(void **state)
{
	const char *args[] = { "pool", "examples/cooperations.csv", NULL };
	const char *const skip[] = { "### ", NULL };
	char *dir = marked_catalogue("-N src/cli/cmd_pool.c");
	struct run r;

	(void)state;
	run_french_from(dir, args, &r);
	assert_int_equal(r.status, 0);
	assert_lines_marked(r.out, skip);
	assert_holds(r.out, "@@# Mutualisation des coopérations : ");
	assert_holds(r.out, "(lignes ");
	assert_holds(r.out, "@@ ; graphies @@« ");
	assert_holds(r.out, "@@  - même ville partenaire : ");
	run_clear(&r);
	remove_tree(dir);
}

/* The map's own words (title, subtitle, source line, legend, group
 * labels) are the catalogue's, not French of the code. */
static void test_map_words_come_from_the_catalogue(void **state)
{
	char *dir = marked_catalogue("-N src/render_text.c -N src/render_network.c");
	char *svg = g_build_filename(dir, "map.svg", NULL);
	const char *render[] = { "render", "examples/cooperations.csv",
		"--size", "1000", "-q", "-o", svg, NULL };
	char *text;
	struct run r;

	(void)state;
	run_french_from(dir, render, &r);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	run_clear(&r);
	assert_true(g_file_get_contents(svg, &text, NULL, NULL));
	assert_holds(text, ">@@Coopérations hospitalières internationales<");
	assert_holds(text, ">@@60 projets@@ de 33 établissements français");
	assert_holds(text, "@@Liens, par financement");
	assert_holds(text, "@@Aucun projet");
	assert_holds(text, "@@Établissement partenaire");
	assert_holds(text, "@@France métropolitaine (32)");
	assert_holds(text, "@@Paris et environs (7)");
	assert_holds(text, "@@@@Données : liste des projets · Fond de carte");
	g_free(text);
	g_free(svg);
	remove_tree(dir);
}

/* classify's reasons and summary, the country sheet's sentences and the
 * filter's description are the catalogue's, not French of the code. */
static void test_classify_sheet_and_filter_come_from_the_catalogue(
	void **state)
{
	char *dir = marked_catalogue("-N src/classify.c -N src/cli/cmd_classify.c "
		"-N src/sheet.c -N src/filter.c");
	char *csv = g_build_filename(dir, "classify.csv", NULL);
	char *svg = g_build_filename(dir, "map.svg", NULL);
	const char *classify[] = { "classify", "tests/data/classify.csv", "-o",
		csv, NULL };
	const char *sheet[] = { "actors", "--country", "TGO",
		"tests/data/sheet-projects.csv", NULL };
	const char *sheet_alone[] = { "actors", "--country", "SEN", NULL };
	const char *render[] = { "render", "examples/cooperations.csv",
		"--programme", "autre,prph", "--year", "2015-", "--theme", "chirurgie",
		"--size", "300x200", "--no-insets", "-o", svg, NULL };
	const char *render_years[] = { "render", "examples/cooperations.csv",
		"--year", "2000-2030", "--establishment", "tours", "--size",
		"300x200", "--no-insets", "-o", svg, NULL };
	/* Table rows hold data; a list item is a partner and its peers. */
	const char *const sheet_skip[] = { "| ", "- ", NULL };
	char *text;
	struct run r;

	(void)state;
	run_french_from(dir, classify, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.out, "@@non éligible");
	run_clear(&r);
	assert_true(g_file_get_contents(csv, &text, NULL, NULL));
	/* (A cell starting with @ gets a quote: csv.h's guard against
	 * formulas.) */
	assert_holds(text, ",0,'@@non éligible : coopération transfrontalière");
	assert_lacks(text, ",0,non éligible");
	assert_holds(text, ",1,'@@éligible,");
	assert_holds(text, "\"'@@pays prioritaire de l'aide française (CICD du 8 "
		"février 2018); @@Francophonie (OIF, membre)\"");
	assert_holds(text, "'@@accord de coopération du ministère de la santé "
		"avec Algérie : le projet doit cibler une thématique de l'accord "
		"(@@thématiques à vérifier auprès de la DGOS)");
	assert_holds(text, "@@voisin de ");
	assert_holds(text, "@@financé à la fois par le PRPH et l'APCHI");
	assert_holds(text, "'@@responsable du projet (établissement français); "
		"@@durée; @@convention signée entre les établissements; "
		"@@indicateurs de suivi");
	g_free(text);

	run_french_from(dir, sheet, &r);
	assert_int_equal(r.status, 0);
	assert_lines_marked(r.out, sheet_skip);
	assert_holds(r.out, "# @@Fiche pays : Togo (TGO)\n");
	assert_holds(r.out, "| @@Acteur | @@Rôle | @@Présence | @@Source |\n");
	assert_holds(r.out, "| @@Établissement français | @@Partenaire(s) | "
		"@@Domaine | @@Financement | @@Lignes |\n");
	assert_holds(r.out, "@@3 établissements de la liste ");
	run_clear(&r);
	run_french_from(dir, sheet_alone, &r);
	assert_int_equal(r.status, 0);
	assert_lines_marked(r.out, sheet_skip);
	assert_holds(r.out, "@@Pas de liste de projets donnée");
	/* (The cell escaped as a file's text is.) */
	assert_holds(r.out, " | '@@couche cas-crsm");
	run_clear(&r);

	run_french_from(dir, render, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.err, "(PRPH + @@autres financements, @@engagés depuis "
		"2015, @@thème « chirurgie »)");
	run_clear(&r);
	run_french_from(dir, render_years, &r);
	assert_int_equal(r.status, 0);
	assert_holds(r.err, "(@@engagés de 2000 à 2030, @@établissement "
		"« tours »)");
	run_clear(&r);
	g_free(csv);
	g_free(svg);
	remove_tree(dir);
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
		cmocka_unit_test(test_filtered_count_takes_its_plural),
		cmocka_unit_test(test_kml_speaks_the_run_language),
		cmocka_unit_test(test_date_is_written_one_way_per_language),
		cmocka_unit_test(test_english_is_asked_by_the_first_variable_set),
		cmocka_unit_test(test_pool_report_sentences_come_from_the_catalogue),
		cmocka_unit_test(test_map_words_come_from_the_catalogue),
		cmocka_unit_test(
			test_classify_sheet_and_filter_come_from_the_catalogue),
	};

	g_mkdir_with_parents(TEST_ARTIFACTS, 0755);
	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
