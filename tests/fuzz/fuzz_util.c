/* fuzz_util.c: see fuzz_util.h. */
#include "fuzz_util.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/error.h"
#include "coopmap/paths.h"

static gchar *work_dir;
static gchar *last_path;
static coopmap_countries *countries;

static void remove_work_dir(void)
{
	GDir *dir = g_dir_open(work_dir, 0, NULL);
	const char *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
		gchar *path = g_build_filename(work_dir, name, NULL);

		remove(path);
		g_free(path);
	}
	if (dir != NULL)
		g_dir_close(dir);
	remove(work_dir);
}

const char *fuzz_write_file(const char *name, const uint8_t *data,
	size_t size)
{
	if (work_dir == NULL) {
		work_dir = g_dir_make_tmp("coopmap-fuzz-XXXXXX", NULL);
		if (work_dir == NULL)
			abort();
		atexit(remove_work_dir);
	}
	g_free(last_path);
	last_path = g_build_filename(work_dir, name, NULL);
	if (!g_file_set_contents(last_path, (const gchar *)data, (gssize)size,
	    NULL))
		abort();
	return last_path;
}

const coopmap_countries *fuzz_countries(void)
{
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (countries != NULL)
		return countries;
	if (coopmap_countries_open_bundled("50m", &countries, &err) !=
	    COOPMAP_OK) {
		fprintf(stderr, "fuzz: cannot open the bundled countries: %s\n",
			err.message);
		abort();
	}
	return countries;
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}
