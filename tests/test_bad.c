/*
 * test_bad.c: the catalogue of bad inputs, tests/bad/cases.csv (see
 * tests/bad/README.md).  Each case runs the coopmap program ($COOPMAP_BIN)
 * on a broken or hostile input and checks what the README promises: the
 * exit status, a part of the message on stderr (file, line, column, value
 * or reason), and that a failed run leaves no file, not even a temporary
 * one.  The manifest is read with coopmap's own table reader, so it is one
 * more CSV coopmap must read.  Every case runs; the failing ones are
 * printed with their output, then the test fails.
 */
/* mknod() and makedev() for the device test. */
#define _DEFAULT_SOURCE

#include "test_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "coopmap/table.h"

extern char **environ;

#define BAD_DIR "tests/bad"
#define BAD_MANIFEST BAD_DIR "/cases.csv"
/* Each case's {out} lives in its own directory, so that "nothing at
 * {out}*" is "the directory is empty" (temporary names included); what
 * the run printed goes beside that directory. */
#define BAD_ARTIFACTS TEST_ARTIFACTS "/bad"
/* A hang is a failure too (seconds; generous for the sanitizer build). */
#define CASE_TIMEOUT 300

struct bad_case {
	long line;   /* in the manifest */
	const char *id, *command, *args, *stderr_contains;
	int exit, no_file;
};

/* What one run of coopmap did. */
struct run_result {
	int status;        /* exit status; 128 + signal; -1 timed out */
	gchar *err, *out;  /* stderr, stdout */
};

static void run_result_clear(struct run_result *r)
{
	g_free(r->err);
	g_free(r->out);
	memset(r, 0, sizeof(*r));
}

/* {dir} and {out} of the manifest replaced (g_free). */
static gchar *expand(const char *text, const char *out)
{
	GString *s = g_string_new(text);

	g_string_replace(s, "{dir}", BAD_DIR, 0);
	g_string_replace(s, "{out}", out, 0);
	return g_string_free(s, FALSE);
}

static gchar *slurp(const char *path)
{
	gchar *text = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		text = g_strdup("");
	return text;
}

/*
 * Run coopmap with argv (argv[0] is the binary), stdin from /dev/null,
 * stdout and stderr to log_base.stdout and log_base.stderr.
 */
static void run_coopmap(char **argv, const char *log_base,
	struct run_result *r)
{
	gchar *err_path = g_strconcat(log_base, ".stderr", NULL);
	gchar *out_path = g_strconcat(log_base, ".stdout", NULL);
	posix_spawn_file_actions_t actions;
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	time_t start = time(NULL);
	pid_t pid, done;
	int status = 0;

	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, out_path,
		O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&actions, 2, err_path,
		O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_int_equal(posix_spawn(&pid, argv[0], &actions, NULL, argv,
		environ), 0);
	posix_spawn_file_actions_destroy(&actions);
	while ((done = waitpid(pid, &status, WNOHANG)) == 0 &&
	    time(NULL) - start < CASE_TIMEOUT)
		nanosleep(&tick, NULL);
	if (done == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		r->status = -1;
	} else {
		assert_int_equal(done, pid);
		r->status = WIFEXITED(status) ? WEXITSTATUS(status)
			: 128 + WTERMSIG(status);
	}
	r->err = slurp(err_path);
	r->out = slurp(out_path);
	g_free(err_path);
	g_free(out_path);
}

/* Remove what dir holds (a case's output directory: files only). */
static void empty_directory(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		gchar *path;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = g_build_filename(dir, e->d_name, NULL);
		unlink(path);
		g_free(path);
	}
	closedir(d);
}

/*
 * Names in dir that match prefix (and, when second is not NULL, that
 * second prefix too), appended to found as " dir/name".
 */
static void list_matching(const char *dir, const char *prefix,
	const char *second, GString *found)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (g_str_has_prefix(e->d_name, prefix) ||
		    (second != NULL && g_str_has_prefix(e->d_name, second)))
			g_string_append_printf(found, " %s/%s", dir, e->d_name);
	}
	closedir(d);
}

/*
 * Temporary files coopmap's atomic writers would leave beside an output
 * target: ".NAME.XXXXXX" (maps) and "NAME.tmp-PID.csv" (CSV reports).
 * Targets in skip_dir (may be NULL) are not looked at.
 */
static void list_temporaries(char **argv, const char *skip_dir,
	GString *found)
{
	for (size_t i = 1; argv[i] != NULL && argv[i + 1] != NULL; i++) {
		gchar *dir, *base, *hidden, *report;

		if (strcmp(argv[i], "-o") != 0 && strcmp(argv[i], "--output") != 0 &&
		    strcmp(argv[i], "--rejects") != 0)
			continue;
		dir = g_path_get_dirname(argv[i + 1]);
		if (skip_dir != NULL && strcmp(dir, skip_dir) == 0) {
			g_free(dir);
			continue;
		}
		base = g_path_get_basename(argv[i + 1]);
		hidden = g_strconcat(".", base, ".", NULL);
		report = g_strconcat(base, ".tmp-", NULL);
		list_matching(dir, hidden, report, found);
		g_free(dir);
		g_free(base);
		g_free(hidden);
		g_free(report);
	}
}

/* What a failed run printed, its first 4000 bytes (a reject may quote a
 * cell of a megabyte). */
static void print_output(const char *name, const char *text)
{
	size_t len = strlen(text);
	int shown = len > 4000 ? 4000 : (int)len;

	if (len == 0)
		return;
	print_message("  %s:\n%.*s%s", name, shown, text,
		(size_t)shown < len ? "\n  [... cut]\n"
		: text[len - 1] == '\n' ? "" : "\n");
}

/*
 * The offset of the first character in text that a terminal would act on
 * (C0 but line feed and tab, DEL, C1 as UTF-8: ESC, BEL, CSI ...), or -1:
 * what a cell holds is shown (\x1b), never sent.
 */
static long terminal_control_at(const char *text)
{
	for (const unsigned char *s = (const unsigned char *)text; *s != '\0';
	     s++) {
		if ((*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7f ||
		    (*s == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f))
			return (long)(s - (const unsigned char *)text);
	}
	return -1;
}

/* Run one case; 1 when coopmap did what the manifest says. */
static int run_case(const char *bin, const struct bad_case *c)
{
	gchar *case_dir = g_build_filename(BAD_ARTIFACTS, c->id, NULL);
	gchar *out = g_build_filename(case_dir, "out", NULL);
	gchar *log_base = g_build_filename(BAD_ARTIFACTS, c->id, NULL);
	gchar *args = expand(c->args, out);
	gchar *wanted = expand(c->stderr_contains, out);
	gchar **words = g_strsplit(args, " ", -1);
	GPtrArray *argv = g_ptr_array_new();
	GString *problems = g_string_new(NULL), *left = g_string_new(NULL);
	struct run_result r = { 0, NULL, NULL };
	int ok;

	g_mkdir_with_parents(case_dir, 0755);
	empty_directory(case_dir);
	g_ptr_array_add(argv, (gpointer)bin);
	g_ptr_array_add(argv, (gpointer)c->command);
	for (size_t i = 0; words[i] != NULL; i++) {
		if (words[i][0] != '\0')
			g_ptr_array_add(argv, words[i]);
	}
	g_ptr_array_add(argv, NULL);
	run_coopmap((char **)argv->pdata, log_base, &r);

	if (r.status == -1)
		g_string_append_printf(problems, "  timed out after %d s\n",
			CASE_TIMEOUT);
	else if (r.status != c->exit)
		g_string_append_printf(problems, "  exit %d, expected %d\n",
			r.status, c->exit);
	if (strstr(r.err, wanted) == NULL)
		g_string_append_printf(problems, "  stderr lacks '%s'\n", wanted);
	if (strstr(r.err, "Sanitizer") != NULL || strstr(r.err, "runtime error:")
	    != NULL)
		g_string_append(problems, "  sanitizer report on stderr\n");
	if (terminal_control_at(r.err) >= 0)
		g_string_append_printf(problems, "  a terminal control character on "
			"stderr, byte %ld\n", terminal_control_at(r.err));
	if (terminal_control_at(r.out) >= 0)
		g_string_append_printf(problems, "  a terminal control character on "
			"stdout, byte %ld\n", terminal_control_at(r.out));
	if (c->no_file)
		list_matching(case_dir, "", NULL, left);
	list_temporaries((char **)argv->pdata, c->no_file ? case_dir : NULL,
		left);
	if (left->len > 0)
		g_string_append_printf(problems, "  files left:%s\n", left->str);

	ok = problems->len == 0;
	if (!ok) {
		print_message("FAILED %s (%s line %ld): coopmap %s %s\n%s", c->id,
			BAD_MANIFEST, c->line, c->command, args, problems->str);
		print_output("stderr", r.err);
		print_output("stdout", r.out);
	}
	run_result_clear(&r);
	g_string_free(problems, TRUE);
	g_string_free(left, TRUE);
	g_ptr_array_free(argv, TRUE);
	g_strfreev(words);
	g_free(wanted);
	g_free(args);
	g_free(log_base);
	g_free(out);
	g_free(case_dir);
	return ok;
}

static long column_of(const coopmap_table *t, const char *name)
{
	long col = coopmap_table_find_column(t, name);

	if (col < 0)
		fail_msg("%s: no column '%s'", BAD_MANIFEST, name);
	return col;
}

/* Row row of the manifest as a case; a malformed row stops the test (a
 * typo must not pass as a case that checks nothing). */
static void read_case(const coopmap_table *t, size_t row, const long *cols,
	GHashTable *ids, struct bad_case *c)
{
	const char *exit_text = coopmap_table_cell(t, row, (size_t)cols[3]);
	const char *no_file_text = coopmap_table_cell(t, row, (size_t)cols[5]);

	c->line = coopmap_table_line(t, row);
	c->id = coopmap_table_cell(t, row, (size_t)cols[0]);
	c->command = coopmap_table_cell(t, row, (size_t)cols[1]);
	c->args = coopmap_table_cell(t, row, (size_t)cols[2]);
	c->stderr_contains = coopmap_table_cell(t, row, (size_t)cols[4]);
	if (c->id[0] == '\0' || strspn(c->id, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789-") != strlen(c->id) || c->command[0] == '\0')
		fail_msg("%s:%ld: a case needs an id (a-z, 0-9, -) and a command",
			BAD_MANIFEST, c->line);
	if (!g_hash_table_add(ids, (gpointer)c->id))
		fail_msg("%s:%ld: id '%s' given twice", BAD_MANIFEST, c->line, c->id);
	if (strlen(exit_text) != 1 || exit_text[0] < '0' || exit_text[0] > '2' ||
	    strlen(no_file_text) != 1 || (no_file_text[0] != '0' &&
	    no_file_text[0] != '1'))
		fail_msg("%s:%ld: exit must be 0, 1 or 2 and no_file 0 or 1",
			BAD_MANIFEST, c->line);
	c->exit = exit_text[0] - '0';
	c->no_file = no_file_text[0] == '1';
}

/* Path -> "size mtime" of every file of the catalogue: no case may
 * change it (an output written over its input, say). */
static GHashTable *snapshot_catalogue(void)
{
	GHashTable *files = g_hash_table_new_full(g_str_hash, g_str_equal,
		g_free, g_free);
	DIR *d = opendir(BAD_DIR);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		gchar *path = g_build_filename(BAD_DIR, e->d_name, NULL);
		struct stat st;

		if (e->d_name[0] != '.' && stat(path, &st) == 0)
			g_hash_table_insert(files, path, g_strdup_printf("%lld %lld.%09ld",
				(long long)st.st_size, (long long)st.st_mtim.tv_sec,
				st.st_mtim.tv_nsec));
		else
			g_free(path);
	}
	closedir(d);
	return files;
}

static size_t count_changes(GHashTable *before, GHashTable *after)
{
	GHashTableIter it;
	gpointer path, stamp;
	size_t changed = 0;

	g_hash_table_iter_init(&it, before);
	while (g_hash_table_iter_next(&it, &path, &stamp)) {
		const char *now = g_hash_table_lookup(after, path);

		if (now == NULL || strcmp(now, stamp) != 0) {
			print_message("FAILED: %s was changed by a case\n",
				(const char *)path);
			changed++;
		}
	}
	return changed;
}

static int setup(void **state)
{
	(void)state;
	g_mkdir_with_parents(BAD_ARTIFACTS, 0755);
	return 0;
}

static void test_every_bad_input_gets_its_documented_exit_message_and_no_file(
	void **state)
{
	static const char *const columns[] = { "id", "command", "args", "exit",
		"stderr_contains", "no_file" };
	const char *bin = getenv("COOPMAP_BIN");
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	GHashTable *ids, *before, *after;
	long cols[6];
	size_t n, failed = 0, changed;

	(void)state;
	assert_non_null(bin);
	if (coopmap_table_read(BAD_MANIFEST, NULL, &t, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	for (size_t i = 0; i < 6; i++)
		cols[i] = column_of(t, columns[i]);
	n = coopmap_table_row_count(t);
	ids = g_hash_table_new(g_str_hash, g_str_equal);
	before = snapshot_catalogue();
	for (size_t row = 0; row < n; row++) {
		struct bad_case c;

		read_case(t, row, cols, ids, &c);
		failed += !run_case(bin, &c);
	}
	after = snapshot_catalogue();
	changed = count_changes(before, after);
	g_hash_table_destroy(before);
	g_hash_table_destroy(after);
	g_hash_table_destroy(ids);
	coopmap_table_free(t);
	print_message("bad inputs: %zu cases, %zu passed, %zu failed\n", n,
		n - failed, failed);
	assert_true(n >= 45);
	if (failed > 0 || changed > 0)
		fail_msg("%zu of the %zu cases of %s failed, %zu files of the "
			"catalogue changed (listed above)", failed, n, BAD_MANIFEST,
			changed);
}

/* A country cell "=1+1" or "@SUM(A1:A9)" must not run as a formula when
 * the rejects file is opened in a spreadsheet. */
static void test_formula_cells_come_out_neutralised_in_rejects(void **state)
{
	const char *bin = getenv("COOPMAP_BIN");
	const char *rejects = BAD_ARTIFACTS "/formula-rejects.csv";
	char *argv[] = { (char *)bin, "check", BAD_DIR "/formula.csv",
		"--rejects", (char *)rejects, "-q", NULL };
	struct run_result r = { 0, NULL, NULL };
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	long col;

	(void)state;
	assert_non_null(bin);
	unlink(rejects);
	run_coopmap(argv, BAD_ARTIFACTS "/formula-rejects", &r);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	run_result_clear(&r);
	if (coopmap_table_read(rejects, NULL, &t, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	col = coopmap_table_find_column(t, "value");
	assert_true(col >= 0);
	assert_int_equal(coopmap_table_row_count(t), 2);
	assert_string_equal(coopmap_table_cell(t, 0, (size_t)col), "'=1+1");
	assert_string_equal(coopmap_table_cell(t, 1, (size_t)col),
		"'@SUM(A1:A9)");
	coopmap_table_free(t);
}

/*
 * `--rejects /dev/full` or `classify -o /dev/full`, run as root: the
 * atomic writer must not rename its temporary file over the device.  Shown
 * on a device node of our own (the same as /dev/full: char 1,7), never on
 * the real one.  Skipped when nodes cannot be made (not root).
 */
static void test_report_to_a_device_fails_and_keeps_the_device(void **state)
{
	const char *bin = getenv("COOPMAP_BIN");
	const char *device = BAD_ARTIFACTS "/full-device";
	char *check[] = { (char *)bin, "check", BAD_DIR "/year-3000.csv",
		"--rejects", (char *)device, "-q", NULL };
	char *classify[] = { (char *)bin, "classify", BAD_DIR "/ok.csv", "-o",
		(char *)device, "-q", NULL };
	char **runs[] = { check, classify };
	size_t failed = 0;

	(void)state;
	assert_non_null(bin);
	for (size_t i = 0; i < 2; i++) {
		struct run_result r = { 0, NULL, NULL };
		struct stat st;
		GString *left = g_string_new(NULL);

		unlink(device);
		if (mknod(device, S_IFCHR | 0666, makedev(1, 7)) != 0) {
			g_string_free(left, TRUE);
			skip();
		}
		run_coopmap(runs[i], BAD_ARTIFACTS "/full-device", &r);
		list_temporaries(runs[i], NULL, left);
		if (r.status != 2 || stat(device, &st) != 0 || !S_ISCHR(st.st_mode)
		    || left->len > 0) {
			print_message("FAILED: coopmap %s ... %s %s: exit %d (expected "
				"2), %s%s%s\n%s", runs[i][1], runs[i][3], device, r.status,
				stat(device, &st) == 0 && S_ISCHR(st.st_mode)
				? "the device is still there"
				: "the device was replaced by a regular file",
				left->len > 0 ? "; files left:" : "", left->str, r.err);
			failed++;
		}
		g_string_free(left, TRUE);
		run_result_clear(&r);
	}
	unlink(device);
	if (failed > 0)
		fail_msg("%zu of 2 writes to a device went wrong", failed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_every_bad_input_gets_its_documented_exit_message_and_no_file),
		cmocka_unit_test(test_formula_cells_come_out_neutralised_in_rejects),
		cmocka_unit_test(test_report_to_a_device_fails_and_keeps_the_device),
	};
	/* The expectations are the English messages (the msgids): the
	 * program runs in English for them, whatever run-tests.sh's LC_ALL=C
	 * (French) says; tests/test_i18n.c checks the French runs. */
	setenv("LC_ALL", "en_US.UTF-8", 1);
	return cmocka_run_group_tests_name("bad inputs", tests, setup, NULL);
}
