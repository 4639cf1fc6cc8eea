/* test_cli.c: the coopmap program end to end, as a person runs it: exit
 * codes, messages on stderr, no output file after a failure, identical
 * files from identical input.  The binary is $COOPMAP_BIN. */
/* realpath() and usleep(). */
#define _DEFAULT_SOURCE

#include <cairo.h>
#include <glib.h>

#include "test_util.h"
#include "test_svg.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char err_text[65536], out_text[65536];

static void slurp_into(const char *path, char *buf, size_t size)
{
	FILE *in = fopen(path, "r");
	size_t len;

	assert_non_null(in);
	len = fread(buf, 1, size - 1, in);
	buf[len] = '\0';
	fclose(in);
}

/* Run coopmap with args (NULL-terminated) and standard input from
 * stdin_path (NULL: inherited); stderr lands in err_text, stdout in
 * out_text. */
static int run_with_input(const char *const *args, const char *stdin_path)
{
	const char *bin = getenv("COOPMAP_BIN");
	char *argv[32];
	posix_spawn_file_actions_t actions;
	const char *err_path = TEST_ARTIFACTS "/cli-stderr.txt";
	const char *out_path = TEST_ARTIFACTS "/cli-stdout.txt";
	pid_t pid;
	int status, n = 0;

	assert_non_null(bin);
	argv[n++] = (char *)bin;
	for (; args[n - 1] != NULL && n < 31; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	posix_spawn_file_actions_init(&actions);
	if (stdin_path != NULL)
		posix_spawn_file_actions_addopen(&actions, 0, stdin_path, O_RDONLY,
			0);
	posix_spawn_file_actions_addopen(&actions, 2, err_path,
		O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&actions, 1, out_path,
		O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_int_equal(posix_spawn(&pid, bin, &actions, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&actions);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	slurp_into(err_path, err_text, sizeof(err_text));
	slurp_into(out_path, out_text, sizeof(out_text));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static int run(const char *const *args)
{
	return run_with_input(args, NULL);
}

static int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void assert_files_equal(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb;
	long offset = 0;

	assert_non_null(fa);
	assert_non_null(fb);
	do {
		ca = fgetc(fa);
		cb = fgetc(fb);
		if (ca != cb)
			fail_msg("%s and %s differ at byte %ld", a, b, offset);
		offset++;
	} while (ca != EOF);
	assert_true(offset > 1000);
	fclose(fa);
	fclose(fb);
}

static int setup(void **state)
{
	(void)state;
	mkdir(TEST_ARTIFACTS, 0755);
	return 0;
}

static void test_render_writes_png_svg_pdf_and_reports_rows(void **state)
{
	static const char *const outputs[] = { TEST_ARTIFACTS "/cli.png",
		TEST_ARTIFACTS "/cli.svg", TEST_ARTIFACTS "/cli.pdf" };
	static const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		const char *args[] = { "render", "examples/cooperations.csv", "-o",
			outputs[i], NULL };
		char head[8] = "";
		FILE *in;

		unlink(outputs[i]);
		assert_int_equal(run(args), 0);
		assert_non_null(strstr(err_text,
			"60 rows read, 60 joined (4 placed approximately: city not found), 0 rejected"));
		in = fopen(outputs[i], "rb");
		assert_non_null(in);
		assert_true(fread(head, 1, strlen(magic[i]), in) == strlen(magic[i]));
		fclose(in);
		assert_memory_equal(head, magic[i], strlen(magic[i]));
	}
}

static void test_same_input_gives_byte_identical_svg_and_pdf(void **state)
{
	static const char *const ext[] = { "svg", "pdf", "png" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		char a[256], b[256];
		const char *args_a[] = { "render", "examples/cooperations.csv",
			"-o", a, "--quiet", NULL };
		const char *args_b[] = { "render", "examples/cooperations.csv",
			"-o", b, "--quiet", NULL };

		snprintf(a, sizeof(a), TEST_ARTIFACTS "/twice-1.%s", ext[i]);
		snprintf(b, sizeof(b), TEST_ARTIFACTS "/twice-2.%s", ext[i]);
		assert_int_equal(run(args_a), 0);
		assert_int_equal(run(args_b), 0);
		assert_files_equal(a, b);
	}
}

/* Several -o from one reading, drawn in threads: each file has the bytes
 * a run for it alone writes (the PDF first, so that an SVG made after
 * another surface would show it). */
static void test_several_outputs_are_the_files_each_run_writes_alone(
	void **state)
{
	static const char *const ext[] = { "pdf", "svg", "geojson", "png" };
	char together[4][256], alone[4][256];
	const char *args[16] = { "render", "examples/cooperations.csv",
		"--quiet" };
	size_t n = 3;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		snprintf(together[i], sizeof(together[i]),
			TEST_ARTIFACTS "/together.%s", ext[i]);
		snprintf(alone[i], sizeof(alone[i]), TEST_ARTIFACTS "/alone.%s",
			ext[i]);
		unlink(together[i]);
		args[n++] = "-o";
		args[n++] = together[i];
	}
	args[n] = NULL;
	assert_int_equal(run(args), 0);
	for (size_t i = 0; i < 4; i++) {
		const char *one[] = { "render", "examples/cooperations.csv",
			"--quiet", "-o", alone[i], NULL };

		assert_int_equal(run(one), 0);
		assert_files_equal(together[i], alone[i]);
	}
}

static void test_several_outputs_with_a_bad_one_write_none(void **state)
{
	const char *args[] = { "render", "examples/cooperations.csv", "-o",
		TEST_ARTIFACTS "/bad-set.png", "-o", TEST_ARTIFACTS "/bad-set.txt",
		NULL };
	const char *twice[] = { "render", "examples/cooperations.csv", "-o",
		TEST_ARTIFACTS "/bad-set.png", "-o", TEST_ARTIFACTS "/bad-set.png",
		NULL };

	(void)state;
	unlink(TEST_ARTIFACTS "/bad-set.png");
	assert_int_equal(run(args), 2);
	assert_non_null(strstr(err_text, "bad-set.txt: the output's extension must be"));
	assert_false(exists(TEST_ARTIFACTS "/bad-set.png"));
	assert_int_equal(run(twice), 2);
	assert_non_null(strstr(err_text, "is given twice"));
	assert_false(exists(TEST_ARTIFACTS "/bad-set.png"));
}

/* Each failure: exit 2, one message naming the problem, no output file,
 * and an existing output left as it was. */
static void expect_failure(const char *const *args, const char *output,
	const char *message_part)
{
	assert_int_equal(run(args), 2);
	if (strstr(err_text, message_part) == NULL)
		fail_msg("stderr lacks '%s': %s", message_part, err_text);
	if (output != NULL)
		assert_false(exists(output));
}

static void test_failures_exit_2_with_a_message_and_no_file(void **state)
{
	const char *out = TEST_ARTIFACTS "/failed.png";
	const char *crs[] = { "render", "examples/cooperations.csv", "-o", out,
		"--crs", "EPSG:999999", NULL };
	const char *input[] = { "render", "tests/data/none.csv", "-o", out, NULL };
	const char *dir[] = { "render", "examples/cooperations.csv", "-o",
		"/nonexistent-dir/map.png", NULL };
	const char *ext[] = { "render", "examples/cooperations.csv", "-o",
		TEST_ARTIFACTS "/map.gif", NULL };
	const char *same[] = { "render", "tests/data/projects-en.csv", "-o",
		"tests/data/projects-en.csv", NULL };
	const char *style[] = { "render", "examples/cooperations.csv", "-o", out,
		"--style", "tests/data/bad.style", NULL };
	const char *extent[] = { "render", "examples/cooperations.csv", "-o", out,
		"--extent", "mars", NULL };
	const char *size[] = { "render", "examples/cooperations.csv", "-o", out,
		"--size", "big", NULL };

	(void)state;
	unlink(out);
	expect_failure(crs, out, "unknown CRS 'EPSG:999999'");
	expect_failure(input, out, "tests/data/none.csv");
	expect_failure(dir, NULL, "/nonexistent-dir/map.png");
	expect_failure(ext, TEST_ARTIFACTS "/map.gif", ".png, .svg or .pdf");
	expect_failure(same, NULL, "is the input");
	expect_failure(style, out, "tests/data/bad.style:3:");
	expect_failure(extent, out, "extent 'mars'");
	expect_failure(size, out, "--size 'big'");
}

static void test_failed_run_keeps_the_previous_map(void **state)
{
	const char *out = TEST_ARTIFACTS "/kept.png";
	const char *good[] = { "render", "examples/cooperations.csv", "-o", out,
		"--size", "600x400", "--quiet", NULL };
	const char *bad[] = { "render", "examples/cooperations.csv", "-o", out,
		"--crs", "nonsense", NULL };
	struct stat before, after;

	(void)state;
	assert_int_equal(run(good), 0);
	assert_int_equal(stat(out, &before), 0);
	assert_int_equal(run(bad), 2);
	assert_int_equal(stat(out, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_ino, after.st_ino);
}

/* Whether process pid holds a file open in directory dir (a name that
 * begins with dir, deleted or not: an unnamed O_TMPFILE shows as such). */
static int holds_file_in(pid_t pid, const char *dir)
{
	char fd_dir[64], link[512], target[4096];
	DIR *d;
	struct dirent *e;
	int found = 0;

	snprintf(fd_dir, sizeof(fd_dir), "/proc/%d/fd", (int)pid);
	d = opendir(fd_dir);
	while (d != NULL && !found && (e = readdir(d)) != NULL) {
		ssize_t n;

		snprintf(link, sizeof(link), "%s/%s", fd_dir, e->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		found = strncmp(target, dir, strlen(dir)) == 0;
	}
	if (d != NULL)
		closedir(d);
	return found;
}

static void test_killed_run_keeps_the_previous_map_and_leaves_nothing(
	void **state)
{
	const char *dir_rel = TEST_ARTIFACTS "/killed";
	const char *good[] = { "render", "examples/cooperations.csv", "-o",
		TEST_ARTIFACTS "/killed/carte.png", "--size", "600x400", "-q", NULL };
	char dir[4096], out[4200];
	char *argv[] = { NULL, "render", "examples/cooperations.csv", "-o", out,
		"--size", "9000x6000", "--resolution", "10m", "-q", NULL };
	struct stat before, after;
	DIR *d;
	struct dirent *e;
	pid_t pid;
	int status, files = 0, seen = 0;

	(void)state;
	mkdir(dir_rel, 0755);
	assert_non_null(realpath(dir_rel, dir));
	snprintf(out, sizeof(out), "%s/carte.png", dir);
	assert_int_equal(run(good), 0);
	assert_int_equal(stat(out, &before), 0);
	argv[0] = getenv("COOPMAP_BIN");
	assert_int_equal(posix_spawn(&pid, argv[0], NULL, NULL, argv, environ), 0);
	/* Kill it while it writes: once it holds its output open. */
	for (int ms = 0; ms < 120000 && !seen; ms++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			fail_msg("the render ended before it could be killed");
		seen = holds_file_in(pid, dir);
		if (!seen)
			usleep(1000);
	}
	assert_true(seen);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(stat(out, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_int_equal(before.st_size, after.st_size);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		files += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	assert_int_equal(files, 1);   /* the map, and no temporary file */
}

/* Names in dir other than "." and ".."; the first in *name. */
static int count_files(const char *dir, char *name, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (files++ == 0)
			snprintf(name, size, "%s", e->d_name);
	}
	closedir(d);
	return files;
}

/*
 * OGR's drivers name the files they write: the export writes in memory and
 * moves the bytes into place whole.  Killed at moments spread over its run,
 * it leaves the previous GeoPackage as it was and no other file.
 */
static void test_killed_export_leaves_the_previous_file_and_nothing_else(
	void **state)
{
	const char *dir_rel = TEST_ARTIFACTS "/killed-export";
	char dir[4096], out[4200], name[256];
	char *argv[] = { NULL, "export", "examples/cooperations.csv", "-o", out,
		"-q", NULL };
	const char *good[] = { "export", "examples/cooperations.csv", "-o", out,
		"-q", NULL };
	struct stat before, after;

	(void)state;
	mkdir(dir_rel, 0755);
	assert_non_null(realpath(dir_rel, dir));
	snprintf(out, sizeof(out), "%s/cooperations.gpkg", dir);
	/* What an earlier failed run of this test left. */
	while (count_files(dir, name, sizeof(name)) > 0) {
		char stale[4600];

		snprintf(stale, sizeof(stale), "%s/%s", dir, name);
		assert_int_equal(unlink(stale), 0);
	}
	assert_int_equal(run(good), 0);
	assert_int_equal(stat(out, &before), 0);
	argv[0] = getenv("COOPMAP_BIN");
	for (int ms = 0; ms <= 600; ms += 40) {
		pid_t pid;
		int status;

		assert_int_equal(posix_spawn(&pid, argv[0], NULL, NULL, argv,
			environ), 0);
		usleep((useconds_t)ms * 1000);
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (count_files(dir, name, sizeof(name)) != 1)
			fail_msg("killed after %d ms: a file beside %s is left", ms,
				out);
		assert_string_equal(name, "cooperations.gpkg");
		assert_int_equal(stat(out, &after), 0);
		/* The previous file, or the run's whole one (the same bytes):
		 * never a part of one. */
		assert_int_equal(after.st_size, before.st_size);
	}
}

static void test_rejected_rows_are_listed_and_strict_exits_1(void **state)
{
	const char *out = TEST_ARTIFACTS "/strict.png";
	const char *lenient[] = { "render", "tests/data/projects-bad.csv", "-o",
		out, NULL };
	const char *strict[] = { "render", "tests/data/projects-bad.csv", "-o",
		out, "--strict", NULL };

	(void)state;
	unlink(out);
	assert_int_equal(run(lenient), 0);
	assert_non_null(strstr(err_text, "6 rows read, 3 joined (3 placed approximately: city not found), 3 rejected; 1 cell read otherwise"));
	assert_non_null(strstr(err_text, "tests/data/projects-bad.csv:3: column "
		"'pays', value 'Madagasikara': unknown country (did you mean "
		"Madagascar"));
	unlink(out);
	assert_int_equal(run(strict), 1);
	assert_false(exists(out));
}

static void test_check_counts_rows_and_writes_rejects(void **state)
{
	const char *rejects = TEST_ARTIFACTS "/rejects.csv";
	/* The rejects file in French (its words checked below); the
	 * messages of the other runs in English (main). */
	const char *check[] = { "check", "tests/data/projects-bad.csv",
		"--rejects", rejects, "--lang", "fr", NULL };
	const char *strict[] = { "check", "tests/data/projects-bad.csv",
		"--strict", "--quiet", NULL };
	const char *clean[] = { "check", "examples/cooperations.csv", "--strict",
		NULL };
	char text[4096] = "";
	FILE *in;

	(void)state;
	unlink(rejects);
	assert_int_equal(run(check), 0);
	in = fopen(rejects, "r");
	assert_non_null(in);
	text[fread(text, 1, sizeof(text) - 1, in)] = '\0';
	fclose(in);
	assert_non_null(strstr(text, "file,line,column,value,reason,detail,suggestion"));
	assert_non_null(strstr(text, "Madagasikara : vouliez-vous dire Madagascar"));
	assert_int_equal(run(strict), 1);
	assert_int_equal(run(clean), 0);
	assert_non_null(strstr(err_text, "60 rows read, 60 joined (4 placed approximately: city not found), 0 rejected"));
	/* Each approximate place by line, with what to fix. */
	assert_non_null(strstr(out_text, "  line 12: partner '' (Russia): city "
		"'Krasnoïarsk' not found"));
	assert_non_null(strstr(out_text, "  line 36: French establishment "
		"'AURAR': no city given"));
}

static void test_country_prints_one_line_per_text(void **state)
{
	const char *good[] = { "country", "--lang", "fr", "RDC", "Viêt Nam",
		"GLP", NULL };
	const char *bad[] = { "country", "Mali", "Madagasikara", NULL };

	(void)state;
	assert_int_equal(run(good), 0);
	assert_string_equal(out_text, "COD\tRépublique démocratique du Congo\n"
		"VNM\tViêt Nam\nGLP\tGuadeloupe\n");
	assert_int_equal(run(bad), 1);
	assert_string_equal(out_text, "MLI\tMali\n?\tMadagasikara: unknown "
		"country; did you mean Madagascar (MDG)?\n");
}

/* Names on standard input: a NUL byte would cut its line ("Sen\0egal" was
 * read as "Sen", Senegal): an error naming the line. */
static void test_country_stdin_with_a_nul_byte_names_the_line(void **state)
{
	static const char input[] = "France\nSen\0egal\nMali\n";
	const char *path = TEST_ARTIFACTS "/country-nul.txt";
	const char *args[] = { "country", NULL };
	FILE *f = fopen(path, "wb");

	(void)state;
	assert_non_null(f);
	assert_int_equal(fwrite(input, 1, sizeof(input) - 1, f),
		sizeof(input) - 1);
	fclose(f);
	assert_int_equal(run_with_input(args, path), 2);
	assert_non_null(strstr(err_text, "standard input:2: a NUL byte"));
	assert_string_equal(out_text, "FRA\tFrance\n");
}

static void test_french_excel_csv_renders_the_same_map(void **state)
{
	const char *utf8[] = { "render", "tests/data/formats/projets.csv", "-o",
		TEST_ARTIFACTS "/twin-utf8.png", "--size", "800x450", NULL };
	const char *excel[] = { "render", "tests/data/formats/projets-excel.csv",
		"-o", TEST_ARTIFACTS "/twin-excel.png", "--size", "800x450", NULL };

	(void)state;
	assert_int_equal(run(utf8), 0);
	assert_int_equal(run(excel), 0);
	assert_files_equal(TEST_ARTIFACTS "/twin-utf8.png",
		TEST_ARTIFACTS "/twin-excel.png");
}

static void test_layers_classify_and_pool(void **state)
{
	const char *layers[] = { "layers", NULL };
	const char *show[] = { "layers", "show", "metropolitan-neighbours",
		"--lang", "fr", NULL };
	const char *bad[] = { "layers", "--layer", "tests/data/bad-layer.csv", NULL };
	const char *classify[] = { "classify", "tests/data/classify.csv", "-o",
		TEST_ARTIFACTS "/classified.csv", NULL };
	const char *pool_json[] = { "pool", "examples/cooperations.csv",
		"--format", "json", "-q", NULL };
	const char *pool_question[] = { "pool", "examples/cooperations.csv",
		"--partner", "Hopital general de Douala", "-q", NULL };
	char text[8192];
	FILE *in;
	size_t lines = 0;

	(void)state;
	assert_int_equal(run(layers), 0);
	for (const char *p = out_text; *p != '\0'; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 1 + 2 * 7);   /* header, then title + source */
	assert_int_equal(run(show), 0);
	assert_non_null(strstr(out_text, "BEL\tBelgique"));
	assert_int_equal(run(bad), 2);
	assert_non_null(strstr(err_text, "tests/data/bad-layer.csv:3: column "
		"'iso_a3', value 'XXX'"));
	assert_int_equal(run(classify), 0);
	assert_non_null(strstr(out_text, "not eligible"));
	in = fopen(TEST_ARTIFACTS "/classified.csv", "r");
	assert_non_null(in);
	text[fread(text, 1, sizeof(text) - 1, in)] = '\0';
	fclose(in);
	/* One language per run: the file speaks as the summary does. */
	assert_non_null(strstr(text, "not eligible: metropolitan cross-border "
		"cooperation"));
	assert_int_equal(run(pool_json), 0);
	assert_non_null(strstr(out_text, "\"partners\""));
	assert_non_null(strstr(out_text, "\"variants\""));
	assert_int_equal(run(pool_question), 0);
	assert_non_null(strstr(out_text, "CHU de Strasbourg"));
	assert_non_null(strstr(out_text, "Centre hospitalier de la Côte basque"));
}

/*
 * Every map of make demo (its commands, as the Makefile's demo target runs
 * them) places its legend and scale bars over no point symbol and no
 * label: the render report says so when they cover one (issue 20), and
 * says nothing of it here.
 */
static void test_demo_maps_furniture_covers_no_mark(void **state)
{
	static const char *const maps[][8] = {
		{ "-o", TEST_ARTIFACTS "/demo-monde.png", NULL },
		{ "-o", TEST_ARTIFACTS "/demo-monde.svg", NULL },
		{ "--extent", "africa", "--insets", "france", "-o",
		  TEST_ARTIFACTS "/demo-afrique.png", NULL },
		{ "--country", "BFA", "-o", TEST_ARTIFACTS "/demo-bfa.png", NULL },
		{ "--style", "print", "-o", TEST_ARTIFACTS "/demo-gris.pdf", NULL },
		{ "--layers", "cicd-2018,health-agreements,francophonie", "-o",
		  TEST_ARTIFACTS "/demo-couches.png", NULL },
		{ "--pool", "-o", TEST_ARTIFACTS "/demo-pool.png", NULL },
	};

	(void)state;
	for (size_t m = 0; m < sizeof(maps) / sizeof(maps[0]); m++) {
		const char *args[12] = { "render", "examples/cooperations.csv",
			"--lang", "en" };
		size_t n = 4;

		for (size_t k = 0; maps[m][k] != NULL; k++)
			args[n++] = maps[m][k];
		args[n] = NULL;
		assert_int_equal(run(args), 0);
		if (strstr(err_text, "wrote ") == NULL ||
		    strstr(err_text, "covers") != NULL)
			fail_msg("%s: %s", args[n - 1], err_text);
		/* The world map names each of its metropolitan establishments,
		 * in the PNG and in the SVG. */
		if (m < 2)
			assert_non_null(strstr(err_text, "metropolitan France in a "
				"panel, 32 of its 32 establishments named"));
	}
}

static void test_pool_markdown_keeps_hostile_names_as_text(void **state)
{
	const char *pool[] = { "pool", "tests/data/hostile-markdown.csv", "-q",
		NULL };

	(void)state;
	assert_int_equal(run(pool), 0);
	/* HTML, links and headings from the list stay text in a viewer. */
	assert_null(strstr(out_text, "<img"));
	assert_non_null(strstr(out_text, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(out_text, "\\[lien\\](javascript:alert(1))"));
	assert_non_null(strstr(out_text, "### \\# Titre injecté"));
	assert_non_null(strstr(out_text, "CHU \\*\\*gras\\*\\*"));
	/* Pasted into a spreadsheet, a name is no formula. */
	assert_non_null(strstr(out_text, "### '=HYPERLINK("));
	assert_null(strstr(out_text, "\n=HYPERLINK"));
	assert_null(strstr(out_text, " =HYPERLINK"));
}

/* Whether the file at path holds needle. */
static int file_has(const char *path, const char *needle)
{
	gchar *text = NULL;
	int found;

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	found = strstr(text, needle) != NULL;
	g_free(text);
	return found;
}

/* coopmap render with args (NULL-terminated), -o path -q: the SVG read
 * back. */
static test_svg render_svg(const char *path, const char *const *args)
{
	const char *argv[16] = { "render" };
	size_t n = 1;

	for (; *args != NULL && n < 12; args++)
		argv[n++] = *args;
	argv[n++] = "-o";
	argv[n++] = path;
	argv[n++] = "-q";
	argv[n] = NULL;
	assert_int_equal(run(argv), 0);
	return test_svg_read(path);
}

/* The printed map labels partners with the list's names: in SVG they are
 * text, escaped, never markup; a character XML cannot hold (the terminal
 * escape in "CHU de Lille\033[31m") is left out, the document parses. */
static void test_map_svg_keeps_hostile_names_out_of_its_markup(void **state)
{
	const char *hostile[] = { "tests/data/hostile.csv", NULL };
	const char *web[] = { "tests/data/hostile-web.csv", "--extent", "france",
		NULL };
	test_svg svg = render_svg(TEST_ARTIFACTS "/hostile.svg", hostile);

	(void)state;
	assert_int_equal(svg.n_markup, 0);
	assert_int_equal(svg.n_symbols, 0);
	test_svg_clear(&svg);
	assert_false(file_has(TEST_ARTIFACTS "/hostile.svg", "<script"));

	/* Names with <, > and & are labels, read back as they are written. */
	svg = render_svg(TEST_ARTIFACTS "/hostile-web.svg", web);
	assert_int_equal(svg.n_markup, 0);
	assert_true(test_svg_has_line(&svg, "CHU & Co"));
	assert_non_null(strstr(svg.texts->str, "\nx</title><img src=x"));
	test_svg_clear(&svg);
	assert_true(file_has(TEST_ARTIFACTS "/hostile-web.svg", ">CHU &amp; Co<"));
	assert_false(file_has(TEST_ARTIFACTS "/hostile-web.svg", "<img"));
}

/* An empty title, a subtitle of spaces are no text: no empty <text>, no
 * marker left behind. */
static void test_map_svg_with_an_empty_title_has_no_empty_text(void **state)
{
	const char *args[] = { "examples/cooperations.csv", "--title", "",
		"--subtitle", "   ", NULL };
	test_svg svg = render_svg(TEST_ARTIFACTS "/sans-titre.svg", args);

	(void)state;
	assert_int_equal(svg.n_empty, 0);
	assert_true(test_svg_has_line(&svg, "Burkina Faso"));
	test_svg_clear(&svg);
	assert_false(file_has(TEST_ARTIFACTS "/sans-titre.svg", "coopmap-text"));
}

/* The example's world map in SVG: every text of the drawing is an SVG
 * <text> (a country's name, a French establishment's, the title), each
 * label with its halo, in the drawing's order, and no glyph outline is
 * left. */
static void test_map_svg_keeps_its_texts_as_text(void **state)
{
	/* French, as the ministry publishes it (the English labels are
	 * longer: the placer drops another one). */
	const char *args[] = { "render", "examples/cooperations.csv", "--lang",
		"fr", "-o", TEST_ARTIFACTS "/texte.svg", NULL };
	const char *said;
	int placed = -1, wanted = -1;
	test_svg svg;

	(void)state;
	assert_int_equal(run(args), 0);
	said = strstr(err_text, "(1200x");
	assert_non_null(said);
	assert_int_equal(sscanf(said, "(1200x%*d, %d étiquettes de pays sur %d",
		&placed, &wanted), 2);
	svg = test_svg_read(TEST_ARTIFACTS "/texte.svg");
	assert_int_equal(svg.n_symbols, 0);
	assert_true(test_svg_has_line(&svg, "Burkina Faso"));
	assert_true(test_svg_has_line(&svg, "CHU de La Réunion"));
	assert_true(test_svg_has_line(&svg,
		"Coopérations hospitalières internationales"));
	/* Country labels and places' names have halos, nothing else does. */
	assert_true(placed >= 20);
	assert_true(svg.n_halos > placed);
	assert_true(svg.n_texts > svg.n_halos);
	/* In the drawing's order, not all on top: the numbers in the points'
	 * symbols come before the legend's box, which may cover them. */
	assert_true(svg.n_drawn_over > 0 && svg.n_drawn_over < svg.n_texts);
	test_svg_clear(&svg);
}

/* Dark pixels (text, mostly) in a w x h box at (x, y) of a PNG. */
static int dark_pixels(cairo_surface_t *png, int x0, int y0, int w, int h)
{
	unsigned char *data = cairo_image_surface_get_data(png);
	int stride = cairo_image_surface_get_stride(png), n = 0;

	for (int y = y0; y < y0 + h; y++) {
		for (int x = x0; x < x0 + w; x++) {
			const unsigned char *p = data + y * stride + x * 4;

			n += p[0] + p[1] + p[2] < 200;
		}
	}
	return n;
}

/*
 * The map's SVG opened in Inkscape, as a communication team finishes it:
 * Inkscape draws it at its size, and its title where coopmap's own PNG
 * has it, with as much ink (the title is text in the SVG).  Skipped, with
 * a message, where Inkscape is not installed (scripts/install-deps.sh
 * installs it, CI too).
 */
static void test_map_svg_opens_in_inkscape(void **state)
{
	const char *svg_args[] = { "render", "examples/cooperations.csv",
		"--size", "1200", "-o", TEST_ARTIFACTS "/inkscape.svg", "-q", NULL };
	const char *png_args[] = { "render", "examples/cooperations.csv",
		"--size", "1200", "-o", TEST_ARTIFACTS "/inkscape-coopmap.png", "-q",
		NULL };
	char *inkscape = g_find_program_in_path("inkscape");
	const char *argv[] = { inkscape, "--export-type=png",
		"--export-filename=" TEST_ARTIFACTS "/inkscape.png",
		"--export-width=1200", "--export-background=white",
		"--export-background-opacity=1", TEST_ARTIFACTS "/inkscape.svg", NULL };
	cairo_surface_t *ink, *own;
	gchar *said = NULL;
	int status = -1, ink_title, own_title;

	(void)state;
	if (inkscape == NULL) {
		print_message("inkscape is not installed (scripts/install-deps.sh "
			"installs it): the SVG was not opened in Inkscape\n");
		skip();
	}
	assert_int_equal(run(svg_args), 0);
	assert_int_equal(run(png_args), 0);
	unlink(TEST_ARTIFACTS "/inkscape.png");
	assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL,
		G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &said, &status, NULL));
	if (!g_spawn_check_wait_status(status, NULL))
		fail_msg("inkscape failed: %s", said);
	g_free(said);
	g_free(inkscape);
	ink = cairo_image_surface_create_from_png(TEST_ARTIFACTS "/inkscape.png");
	own = cairo_image_surface_create_from_png(
		TEST_ARTIFACTS "/inkscape-coopmap.png");
	assert_int_equal(cairo_surface_status(ink), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_surface_status(own), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(ink), 1200);
	assert_int_equal(cairo_image_surface_get_height(ink),
		cairo_image_surface_get_height(own));
	/* The title's band: 16..600 x 14..42 at this size. */
	ink_title = dark_pixels(ink, 16, 14, 584, 28);
	own_title = dark_pixels(own, 16, 14, 584, 28);
	if (own_title < 1000 || ink_title < own_title * 0.8 ||
	    ink_title > own_title * 1.25)
		fail_msg("the title's dark pixels: %d in Inkscape's PNG, %d in "
			"coopmap's", ink_title, own_title);
	cairo_surface_destroy(ink);
	cairo_surface_destroy(own);
}

/* The country sheet shows the list's names as text too. */
static void test_country_sheet_keeps_hostile_names_as_text(void **state)
{
	const char *mali[] = { "actors", "--country", "MLI",
		"tests/data/hostile-markdown.csv", "-q", NULL };
	const char *senegal[] = { "actors", "--country", "SEN",
		"tests/data/hostile-markdown.csv", "-q", NULL };

	(void)state;
	assert_int_equal(run(mali), 0);
	assert_null(strstr(out_text, "<img"));
	assert_non_null(strstr(out_text, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(out_text, "| '=HYPERLINK("));
	assert_int_equal(run(senegal), 0);
	assert_non_null(strstr(out_text, "\\[lien\\](javascript:alert(1))"));
	assert_non_null(strstr(out_text, "| \\# Titre injecté |"));
}

/* The README's own --crs example, a PROJ string without +type=crs. */
static void test_readme_proj_string_is_taken_as_a_crs(void **state)
{
	const char *out = TEST_ARTIFACTS "/robin-150.png";
	const char *args[] = { "render", "tests/bad/ok.csv", "-o", out,
		"--crs", "+proj=robin +lon_0=150", "--size", "400x300", "-q", NULL };

	(void)state;
	unlink(out);
	if (run(args) != 0)
		fail_msg("exit not 0: %s", err_text);
	assert_true(exists(out));
}

static void test_help_version_and_unknown_command(void **state)
{
	const char *help[] = { "help", "render", NULL };
	const char *option[] = { "render", "--help", NULL };
	const char *version[] = { "--version", NULL };
	const char *unknown[] = { "draw", NULL };

	(void)state;
	assert_int_equal(run(help), 0);
	assert_int_equal(run(option), 0);
	assert_int_equal(run(version), 0);
	assert_int_equal(run(unknown), 2);
	assert_non_null(strstr(err_text, "unknown command 'draw'"));
}

/* A KML export too large for one My Maps import: every file it writes is
 * named on stderr, and the set's layers past My Maps' 10 a map are
 * warned of; a smaller export then names the stale parts it removes.
 * 9,000 projects with a partner each: 18,015 placemarks, 10 files, 12
 * folders over them. */
static void test_kml_export_names_every_file_and_warns_past_ten_layers(
	void **state)
{
	const char *csv = TEST_ARTIFACTS "/cli-grand.csv";
	const char *args[] = { "export", csv, "-o", TEST_ARTIFACTS "/cli-grand.kml",
		NULL };
	const char *again[] = { "export", "examples/cooperations.csv", "-o",
		TEST_ARTIFACTS "/cli-grand.kml", NULL };
	char line[128];

	(void)state;
	test_write_partner_list(csv, 9000);
	assert_int_equal(run(args), 0);
	assert_non_null(strstr(err_text, "wrote " TEST_ARTIFACTS
		"/cli-grand.kml (part 1 of 10)\n"));
	for (int k = 2; k <= 10; k++) {
		snprintf(line, sizeof(line), "wrote " TEST_ARTIFACTS
			"/cli-grand-%d.kml (part %d of 10)\n", k, k);
		assert_non_null(strstr(err_text, line));
	}
	assert_non_null(strstr(err_text, "warning: 18015 placemarks in 10 files "
		"make 12 layers; a Google My Maps map holds at most 10"));
	assert_int_equal(run(again), 0);
	assert_non_null(strstr(err_text, "wrote " TEST_ARTIFACTS
		"/cli-grand.kml\n"));
	for (int k = 2; k <= 10; k++) {
		snprintf(line, sizeof(line), "removed " TEST_ARTIFACTS
			"/cli-grand-%d.kml (a part of an earlier, larger export)\n", k);
		assert_non_null(strstr(err_text, line));
		snprintf(line, sizeof(line), TEST_ARTIFACTS "/cli-grand-%d.kml", k);
		assert_false(exists(line));
	}
	assert_null(strstr(err_text, "warning"));
}

/* On a terminal, a long run shows its stage on one line rewritten in
 * place and erased before each message (script(1) gives the command a
 * terminal; COOPMAP_PROGRESS_AFTER=0 stands for a run past two seconds);
 * --quiet shows nothing.  Off a terminal nothing is shown: every case of
 * the bad-input catalogue checks that no control character is printed. */
static void test_progress_on_a_terminal_only(void **state)
{
	gchar *command = g_strdup_printf("COOPMAP_PROGRESS_AFTER=0 %s export "
		"examples/cooperations.csv -o %s/progress.geojson",
		getenv("COOPMAP_BIN"), TEST_ARTIFACTS);
	gchar *quiet = g_strdup_printf("%s -q", command);
	const char *argv[] = { "script", "-qec", command, "/dev/null", NULL };
	gchar *out = NULL;
	gint status = -1;

	(void)state;
	if (!g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL))
		fail_msg("script(1) cannot be run");
	assert_int_equal(status, 0);
	assert_non_null(strstr(out, "\r\033[Kcoopmap: reading "
		"examples/cooperations.csv"));
	/* The line is erased before the messages that follow it. */
	assert_non_null(strstr(out, "\r\033[Kcoopmap: examples/cooperations.csv: "
		"columns used"));
	assert_non_null(strstr(out, "\r\033[Kcoopmap: wrote "));
	g_free(out);
	argv[2] = quiet;
	assert_true(g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_SEARCH_PATH |
		G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL));
	assert_int_equal(status, 0);
	assert_null(strchr(out, '\033'));
	g_free(out);
	g_free(command);
	g_free(quiet);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_writes_png_svg_pdf_and_reports_rows),
		cmocka_unit_test(test_same_input_gives_byte_identical_svg_and_pdf),
		cmocka_unit_test(test_several_outputs_are_the_files_each_run_writes_alone),
		cmocka_unit_test(test_several_outputs_with_a_bad_one_write_none),
		cmocka_unit_test(test_failures_exit_2_with_a_message_and_no_file),
		cmocka_unit_test(test_failed_run_keeps_the_previous_map),
		cmocka_unit_test(test_killed_run_keeps_the_previous_map_and_leaves_nothing),
		cmocka_unit_test(test_killed_export_leaves_the_previous_file_and_nothing_else),
		cmocka_unit_test(test_rejected_rows_are_listed_and_strict_exits_1),
		cmocka_unit_test(test_check_counts_rows_and_writes_rejects),
		cmocka_unit_test(test_country_prints_one_line_per_text),
		cmocka_unit_test(test_country_stdin_with_a_nul_byte_names_the_line),
		cmocka_unit_test(test_french_excel_csv_renders_the_same_map),
		cmocka_unit_test(test_layers_classify_and_pool),
		cmocka_unit_test(test_demo_maps_furniture_covers_no_mark),
		cmocka_unit_test(test_pool_markdown_keeps_hostile_names_as_text),
		cmocka_unit_test(test_map_svg_keeps_hostile_names_out_of_its_markup),
		cmocka_unit_test(test_map_svg_keeps_its_texts_as_text),
		cmocka_unit_test(test_map_svg_with_an_empty_title_has_no_empty_text),
		cmocka_unit_test(test_map_svg_opens_in_inkscape),
		cmocka_unit_test(test_country_sheet_keeps_hostile_names_as_text),
		cmocka_unit_test(test_readme_proj_string_is_taken_as_a_crs),
		cmocka_unit_test(test_help_version_and_unknown_command),
		cmocka_unit_test(test_progress_on_a_terminal_only),
		cmocka_unit_test(test_kml_export_names_every_file_and_warns_past_ten_layers),
	};
	/* The expectations are the English messages (the msgids): the
	 * program runs in English for them, whatever run-tests.sh's LC_ALL=C
	 * (French) says; tests/test_i18n.c checks the French runs. */
	setenv("LC_ALL", "en_US.UTF-8", 1);
	return cmocka_run_group_tests_name("cli", tests, setup, NULL);
}
