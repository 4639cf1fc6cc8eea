/* test_help.c: the help says what the parser does.  Each command's help
 * and parser are made from one option table (src/cli/options.h); these
 * tests read the help as a user would and try what it lists: every option
 * it names is taken, every value it lists for --extent, --measure and
 * --programme is taken, the default page size it states is the size a
 * map gets, and every command has its exit statuses.  The binary is
 * $COOPMAP_BIN, run in English (LC_ALL=en_US.UTF-8) unless a test says. */
#include <glib.h>

#include "test_util.h"

#include <string.h>
#include <sys/wait.h>

static const char *const commands[] = { "render", "check", "export",
	"publish", "pool", "classify", "layers", "columns", "country", "actors",
	NULL };

/* Run coopmap with args; stdout and stderr returned (g_free), exit
 * status in *status. */
static void run(const char *const *args, gchar **out, gchar **err,
	int *status)
{
	const char *argv[40];
	int n = 0, wait_status;
	GError *error = NULL;

	argv[n++] = getenv("COOPMAP_BIN");
	assert_non_null(argv[0]);
	for (; args[n - 1] != NULL && n < 39; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	if (!g_spawn_sync(NULL, (gchar **)argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL,
	    NULL, out, err, &wait_status, &error))
		fail_msg("cannot run %s: %s", argv[0], error->message);
	*status = g_spawn_check_wait_status(wait_status, NULL) ? 0
		: WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128;
}

static gchar *help_of(const char *command)
{
	const char *args[] = { command, "--help", NULL };
	gchar *out, *err;
	int status;

	run(args, &out, &err, &status);
	assert_int_equal(status, 0);
	assert_string_equal(err, "");
	g_free(err);
	return out;
}

/* The option names an option line of help starts ("  -o, --output FILE"
 * or "      --crs CRS"), with whether it takes a value. */
static GPtrArray *options_of(const char *help, GArray *takes_value)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	gchar **lines = g_strsplit(help, "\n", -1);

	for (size_t i = 0; lines[i] != NULL; i++) {
		const char *s = lines[i], *dash;
		size_t len;
		int value;

		if (!g_str_has_prefix(s, "  -") && !g_str_has_prefix(s, "      --"))
			continue;
		dash = strstr(s, "--");
		if (dash == NULL || dash[2] == ' ')
			continue;
		dash += 2;
		len = strcspn(dash, " ");
		/* A value follows the name after one space ("--crs CRS"). */
		value = dash[len] == ' ' && dash[len + 1] != ' ' &&
			dash[len + 1] != '\0';
		g_ptr_array_add(names, g_strndup(dash, len));
		g_array_append_val(takes_value, value);
	}
	g_strfreev(lines);
	return names;
}

static void setup_english(void)
{
	setenv("LC_ALL", "en_US.UTF-8", 1);
}

/* Every option a command's help lists is one its parser takes: given
 * alone (with a value when it has one), it is never "unknown". */
static void test_every_option_in_help_is_parsed(void **state)
{
	(void)state;
	setup_english();
	for (size_t c = 0; commands[c] != NULL; c++) {
		gchar *help = help_of(commands[c]);
		GArray *takes = g_array_new(FALSE, FALSE, sizeof(int));
		GPtrArray *names = options_of(help, takes);

		assert_true(names->len >= 2);   /* at least --lang or --help */
		for (size_t i = 0; i < names->len; i++) {
			gchar *option = g_strdup_printf("--%s",
				(char *)g_ptr_array_index(names, i));
			const char *args[] = { commands[c], option,
				g_array_index(takes, int, i) ? "x" : NULL, NULL };
			gchar *out, *err;
			int status;

			if (strcmp(option, "--help") != 0) {
				run(args, &out, &err, &status);
				if (strstr(err, "unknown option") != NULL)
					fail_msg("coopmap %s --help lists %s, the parser "
						"refuses it: %s", commands[c], option, err);
				if (strstr(err, "needs a value") != NULL)
					fail_msg("coopmap %s: %s takes a value the help does "
						"not show", commands[c], option);
				g_free(out);
				g_free(err);
			}
			g_free(option);
		}
		g_ptr_array_free(names, TRUE);
		g_array_free(takes, TRUE);
		g_free(help);
	}
}

/* An option no help lists is refused, naming the command and the way to
 * its help. */
static void test_unknown_option_is_named(void **state)
{
	const char *args[] = { "render", "--colour", "red", NULL };
	gchar *out, *err;
	int status;

	(void)state;
	setup_english();
	run(args, &out, &err, &status);
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "render: unknown option '--colour' (see "
		"'coopmap render --help')"));
	g_free(out);
	g_free(err);
}

/* The words after "LABEL:" up to the next ';' or '(' in the help of
 * --extent and the like, split at commas. */
static gchar **listed_values(const char *help, const char *option,
	const char *label)
{
	const char *at = strstr(help, option), *start, *end;
	gchar *flat, *list;
	gchar **values;

	assert_non_null(at);
	/* The option's text runs to the next option line. */
	end = strstr(at, "\n  -");
	flat = g_strndup(at, end != NULL ? (size_t)(end - at) : strlen(at));
	g_strdelimit(flat, "\n", ' ');
	start = strstr(flat, label);
	assert_non_null(start);
	start += strlen(label);
	list = g_strndup(start, strcspn(start, ";("));
	values = g_strsplit(list, ",", -1);
	for (size_t i = 0; values[i] != NULL; i++) {
		gchar **words = g_strsplit(g_strstrip(values[i]), " ", -1);

		/* "... oceania" ends "or MINLON" lists with a last word. */
		g_free(values[i]);
		values[i] = g_strdup(words[0] != NULL ? words[0] : "");
		g_strfreev(words);
	}
	g_free(list);
	g_free(flat);
	return values;
}

/* Every region --extent's help lists is one the parser takes (checked
 * before the list is read: no file needed), in English and in French. */
static void test_extents_listed_are_taken(void **state)
{
	static const char *const langs[] = { "en_US.UTF-8", "C", NULL };

	(void)state;
	for (size_t l = 0; langs[l] != NULL; l++) {
		gchar *help, **values;
		size_t n = 0;

		setenv("LC_ALL", langs[l], 1);
		help = help_of("render");
		/* English "the region shown: world, ...", French help the
		 * same list after the colon. */
		values = listed_values(help, "--extent", ": ");
		for (size_t i = 0; values[i] != NULL; i++) {
			const char *args[] = { "render", "--extent", values[i],
				"/nonexistent/list.csv", "-o", TEST_ARTIFACTS "/help.png",
				NULL };
			gchar *out, *err;
			int status;

			if (values[i][0] == '\0')
				continue;
			run(args, &out, &err, &status);
			if (strstr(err, "extent") != NULL)
				fail_msg("--extent %s, listed by the help, is refused: %s",
					values[i], err);
			g_free(out);
			g_free(err);
			n++;
		}
		assert_true(n >= 12);
		g_strfreev(values);
		g_free(help);
	}
}

/* The page size the help states is the size a world map gets. */
static void test_default_size_in_help_is_the_maps(void **state)
{
	const char *args[] = { "render", "examples/cooperations.csv", "-q",
		"--no-network", "-o", TEST_ARTIFACTS "/help-default.png", NULL };
	gchar *help, *out, *err, *stated;
	int status, width = 0;
	unsigned char ihdr[24];
	FILE *png;

	(void)state;
	setup_english();
	help = help_of("render");
	stated = strstr(help, "default ");
	/* "--size ... (the height then follows the region's shape; default
	 * 2400 pixels wide for PNG" */
	stated = strstr(strstr(help, "--size"), "default ");
	assert_non_null(stated);
	width = atoi(stated + strlen("default "));
	assert_true(width > 0);
	run(args, &out, &err, &status);
	assert_int_equal(status, 0);
	png = fopen(TEST_ARTIFACTS "/help-default.png", "rb");
	assert_non_null(png);
	assert_int_equal(fread(ihdr, 1, sizeof(ihdr), png), sizeof(ihdr));
	fclose(png);
	/* The IHDR chunk's width, big-endian, at byte 16. */
	assert_int_equal((ihdr[16] << 24 | ihdr[17] << 16 | ihdr[18] << 8 |
		ihdr[19]), width);
	g_free(out);
	g_free(err);
	g_free(help);
}

/* Every command of the top-level help has a help of its own with its
 * exit statuses; `coopmap help CMD` is the same text. */
static void test_every_command_has_help_with_exit_status(void **state)
{
	const char *args[] = { "--help", NULL };
	gchar *top, *err;
	int status;

	(void)state;
	setup_english();
	run(args, &top, &err, &status);
	assert_int_equal(status, 0);
	for (size_t c = 0; commands[c] != NULL; c++) {
		gchar *line = g_strdup_printf("\n  %s ", commands[c]);
		gchar *help = help_of(commands[c]);
		const char *again[] = { "help", commands[c], NULL };
		gchar *out2, *err2;
		int status2;

		if (strstr(top, line) == NULL)
			fail_msg("coopmap --help does not list %s", commands[c]);
		if (strstr(help, "xit status") == NULL)
			fail_msg("coopmap %s --help gives no exit status", commands[c]);
		run(again, &out2, &err2, &status2);
		assert_int_equal(status2, 0);
		assert_string_equal(out2, help);
		g_free(out2);
		g_free(err2);
		g_free(help);
		g_free(line);
	}
	/* export writes KML and Markdown too, and says so at the top. */
	assert_non_null(strstr(top, "KML"));
	assert_non_null(strstr(top, "Markdown"));
	g_free(top);
	g_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_option_in_help_is_parsed),
		cmocka_unit_test(test_unknown_option_is_named),
		cmocka_unit_test(test_extents_listed_are_taken),
		cmocka_unit_test(test_default_size_in_help_is_the_maps),
		cmocka_unit_test(test_every_command_has_help_with_exit_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
