/*
 * test_scenes.c: the reference scenes of the renderer, as Cairo's test
 * suite keeps them: one small map per behaviour (the legend leaving a
 * corner that holds marks, an overseas inset, links across the
 * antimeridian, crowded labels, the France panel, text in SVG, a policy
 * layer's hatching, the Paris grouping, a country sheet), each rendered by
 * the coopmap program from a few rows and compared with its own reference,
 * so that a change fails the scene it breaks and leaves the others alone.
 *
 * The scenes are rows of tests/scenes/scenes.txt (name, input, format,
 * options); each is one cmocka test named after its behaviour.  A PNG is
 * compared pixel by pixel (test_image.h): a pixel whose channels differ by
 * more than SCENE_TOLERANCE in all fails the scene, which then names the
 * count and writes tests/artifacts/scenes/NAME-diff.png beside the new
 * map; an SVG must be the reference byte for byte (the first differing
 * line is named, the reference is written beside the new file for diff).
 *
 * With COOPMAP_SCENES_UPDATE=1 (`make scenes-update`), each scene's
 * output becomes its reference instead: look at tests/artifacts/scenes/
 * first, then commit the references with the change.
 *
 * Not for: the whole example map (tests/golden.sh) or sampled colours
 * (test_render.c).
 */
#include "test_util.h"
#include "test_image.h"

#include <cpl_vsi.h>
#include <dirent.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCENES_DIR "tests/scenes"
#define SCENES_TABLE SCENES_DIR "/scenes.txt"
#define SCENES_REF "tests/data/ref/scenes"
#define SCENES_OUT TEST_ARTIFACTS "/scenes"
/* The sum of the three channels' differences a pixel may show before it
 * counts as differing: antialiasing that moves a little, not a mark, a
 * label or a line that moves. */
#define SCENE_TOLERANCE 48
#define MAX_SCENES 64

typedef struct scene {
	char *name;      /* the behaviour, the test's name */
	char *input;     /* tests/scenes/INPUT */
	char *format;    /* "png" or "svg" */
	char **options;  /* NULL-terminated (g_strfreev) */
} scene;

static scene scenes[MAX_SCENES];
static size_t n_scenes;

static int updating(void)
{
	const char *u = getenv("COOPMAP_SCENES_UPDATE");

	return u != NULL && strcmp(u, "1") == 0;
}

/* One row of the table into s; 0 when the line is blank or a comment, -1
 * (and why on stderr) when it is malformed. */
static int parse_scene(const char *line, int lineno, scene *s)
{
	GError *error = NULL;
	char **fields = NULL;
	int n = 0;

	if (line[strspn(line, " \t")] == '\0' || line[strspn(line, " \t")] == '#')
		return 0;
	if (!g_shell_parse_argv(line, &n, &fields, &error) || n < 3 ||
	    (strcmp(fields[2], "png") != 0 && strcmp(fields[2], "svg") != 0)) {
		fprintf(stderr, "%s:%d: expected NAME INPUT png|svg OPTIONS...%s%s\n",
			SCENES_TABLE, lineno, error != NULL ? ": " : "",
			error != NULL ? error->message : "");
		g_clear_error(&error);
		g_strfreev(fields);
		return -1;
	}
	s->name = g_strdup(fields[0]);
	s->input = g_strdup(fields[1]);
	s->format = g_strdup(fields[2]);
	s->options = g_strdupv(fields + 3);
	g_strfreev(fields);
	return 1;
}

static int read_scenes(void)
{
	char *text = NULL;
	char **lines;
	int rc = 0;

	if (!g_file_get_contents(SCENES_TABLE, &text, NULL, NULL)) {
		fprintf(stderr, "%s: cannot be read (run from the source tree)\n",
			SCENES_TABLE);
		return -1;
	}
	lines = g_strsplit(text, "\n", -1);
	for (int i = 0; lines[i] != NULL && rc == 0; i++) {
		int found = parse_scene(lines[i], i + 1, &scenes[n_scenes]);

		if (found < 0)
			rc = -1;
		else if (found > 0 && ++n_scenes == MAX_SCENES)
			rc = -1;
	}
	g_strfreev(lines);
	g_free(text);
	return rc;
}

/* Render s to out with the program under test; the test fails, with the
 * program's messages, when it does not exit 0. */
static void render_scene(const scene *s, const char *out)
{
	const char *bin = getenv("COOPMAP_BIN");
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	char *errors = NULL;
	int status = 0;

	assert_non_null(bin);
	g_ptr_array_add(argv, g_strdup(bin));
	g_ptr_array_add(argv, g_strdup("render"));
	g_ptr_array_add(argv, g_strdup_printf(SCENES_DIR "/%s", s->input));
	for (char **o = s->options; *o != NULL; o++)
		g_ptr_array_add(argv, g_strdup(*o));
	g_ptr_array_add(argv, g_strdup("-q"));
	g_ptr_array_add(argv, g_strdup("-o"));
	g_ptr_array_add(argv, g_strdup(out));
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL,
		G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &errors, &status,
		&error))
		fail_msg("scene %s: %s", s->name, error->message);
	if (!g_spawn_check_wait_status(status, NULL))
		fail_msg("scene %s: coopmap render failed: %s", s->name, errors);
	g_free(errors);
	g_ptr_array_free(argv, TRUE);
}

/* The whole of path (gzip-compressed when it ends in .gz) as a GBytes;
 * NULL when it cannot be read. */
static GBytes *read_file(const char *path)
{
	char *vsi = g_str_has_suffix(path, ".gz")
		? g_strdup_printf("/vsigzip/%s", path) : g_strdup(path);
	VSILFILE *in = VSIFOpenL(vsi, "rb");
	GByteArray *bytes;
	char buf[65536];
	size_t n;

	g_free(vsi);
	if (in == NULL)
		return NULL;
	bytes = g_byte_array_new();
	while ((n = VSIFReadL(buf, 1, sizeof(buf), in)) > 0)
		g_byte_array_append(bytes, (const guint8 *)buf, (guint)n);
	VSIFCloseL(in);
	return g_byte_array_free_to_bytes(bytes);
}

/* Write bytes to path, gzip-compressed (GDAL's writer: no name, no date in
 * the header, so the same bytes give the same file) when it ends in .gz. */
static void write_file(const char *path, GBytes *bytes)
{
	char *vsi = g_str_has_suffix(path, ".gz")
		? g_strdup_printf("/vsigzip/%s", path) : g_strdup(path);
	VSILFILE *out = VSIFOpenL(vsi, "wb");
	size_t size;
	const void *data = g_bytes_get_data(bytes, &size);

	if (out == NULL || VSIFWriteL(data, 1, size, out) != size ||
	    VSIFCloseL(out) != 0)
		fail_msg("%s: cannot be written", path);
	g_free(vsi);
}

static void compare_png(const scene *s, const char *out, const char *ref)
{
	cairo_surface_t *o = cairo_image_surface_create_from_png(out);
	cairo_surface_t *r = cairo_image_surface_create_from_png(ref);
	char *diff = g_strdup_printf(SCENES_OUT "/%s-diff.png", s->name);
	long differing;

	assert_int_equal(cairo_surface_status(o), CAIRO_STATUS_SUCCESS);
	if (cairo_surface_status(r) != CAIRO_STATUS_SUCCESS)
		fail_msg("scene %s: no reference %s; look at %s and run "
			"'make scenes-update'", s->name, ref, out);
	differing = test_image_differing(o, r, SCENE_TOLERANCE);
	unlink(diff);
	if (differing != 0) {
		test_image_write_diff(o, r, SCENE_TOLERANCE, diff);
		if (differing < 0)
			fail_msg("scene %s: %s is %dx%d, the reference %s %dx%d; "
				"see %s", s->name, out,
				cairo_image_surface_get_width(o),
				cairo_image_surface_get_height(o), ref,
				cairo_image_surface_get_width(r),
				cairo_image_surface_get_height(r), diff);
		fail_msg("scene %s: %ld pixels differ from %s; see %s (red) and "
			"%s; if the change is meant, 'make scenes-update'",
			s->name, differing, ref, diff, out);
	}
	g_free(diff);
	cairo_surface_destroy(o);
	cairo_surface_destroy(r);
}

/* The line (from 1) of the first byte where a and b differ; 0 if equal. */
static long first_differing_line(GBytes *a, GBytes *b)
{
	size_t na, nb;
	const char *pa = g_bytes_get_data(a, &na), *pb = g_bytes_get_data(b, &nb);
	long line = 1;

	for (size_t i = 0; i < na || i < nb; i++) {
		if (i >= na || i >= nb || pa[i] != pb[i])
			return line;
		line += pa[i] == '\n';
	}
	return 0;
}

static void compare_svg(const scene *s, const char *out, const char *ref)
{
	GBytes *o = read_file(out), *r = read_file(ref);
	char *plain = g_strdup_printf(SCENES_OUT "/%s-reference.svg", s->name);
	long line;

	assert_non_null(o);
	unlink(plain);
	if (r == NULL)
		fail_msg("scene %s: no reference %s; look at %s and run "
			"'make scenes-update'", s->name, ref, out);
	line = first_differing_line(o, r);
	if (line != 0) {
		write_file(plain, r);
		fail_msg("scene %s: %s differs from %s from line %ld on (diff it "
			"with %s); if the change is meant, 'make scenes-update'",
			s->name, out, ref, line, plain);
	}
	g_free(plain);
	g_bytes_unref(o);
	g_bytes_unref(r);
}

static void test_scene(void **state)
{
	const scene *s = *state;
	int svg = strcmp(s->format, "svg") == 0;
	char *out = g_strdup_printf(SCENES_OUT "/%s.%s", s->name, s->format);
	char *ref = g_strdup_printf(SCENES_REF "/%s.%s", s->name,
		svg ? "svg.gz" : "png");

	render_scene(s, out);
	if (updating()) {
		GBytes *bytes = read_file(out);

		assert_non_null(bytes);
		write_file(ref, bytes);
		g_bytes_unref(bytes);
		printf("scenes: %s rewritten from %s\n", ref, out);
	} else if (svg) {
		compare_svg(s, out, ref);
	} else {
		compare_png(s, out, ref);
	}
	g_free(out);
	g_free(ref);
}

/* Every file of the references' folder belongs to a scene of the table:
 * a scene renamed or removed leaves no reference that nothing checks. */
static void test_every_reference_has_its_scene(void **state)
{
	DIR *dir = opendir(SCENES_REF);
	struct dirent *e;
	int files = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL) {
		int owned = 0;

		if (e->d_name[0] == '.')
			continue;
		files++;
		for (size_t i = 0; i < n_scenes && !owned; i++) {
			char *png = g_strdup_printf("%s.png", scenes[i].name);
			char *svg = g_strdup_printf("%s.svg.gz", scenes[i].name);

			owned = strcmp(e->d_name, strcmp(scenes[i].format, "svg") == 0
				? svg : png) == 0;
			g_free(png);
			g_free(svg);
		}
		if (!owned)
			fail_msg("%s/%s: no scene of %s has it as its reference",
				SCENES_REF, e->d_name, SCENES_TABLE);
	}
	closedir(dir);
	assert_int_equal(files, (int)n_scenes);
}

int main(void)
{
	struct CMUnitTest tests[MAX_SCENES + 1];
	size_t n = 0;
	int failed;

	/* The map's language and date, whoever runs the scenes. */
	setenv("LC_ALL", "C", 1);
	setenv("SOURCE_DATE_EPOCH", "1795392000", 1);
	if (read_scenes() != 0)
		return 1;
	mkdir(TEST_ARTIFACTS, 0755);
	mkdir(SCENES_OUT, 0755);
	mkdir(SCENES_REF, 0755);
	for (size_t i = 0; i < n_scenes; i++)
		tests[n++] = (struct CMUnitTest){ scenes[i].name, test_scene, NULL,
			NULL, &scenes[i] };
	if (!updating())
		tests[n++] = (struct CMUnitTest){
			"every_reference_has_its_scene",
			test_every_reference_has_its_scene, NULL, NULL, NULL };
	failed = _cmocka_run_group_tests("scenes", tests, n, NULL, NULL);
	for (size_t i = 0; i < n_scenes; i++) {
		g_free(scenes[i].name);
		g_free(scenes[i].input);
		g_free(scenes[i].format);
		g_strfreev(scenes[i].options);
	}
	VSICleanupFileManager();   /* GDAL's file handlers, for LeakSanitizer */
	return failed;
}
