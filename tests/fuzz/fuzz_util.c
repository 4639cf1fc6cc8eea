/* fuzz_util.c: see fuzz_util.h. */
#include "fuzz_util.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coopmap/error.h"
#include "coopmap/paths.h"
#include "coopmap/table.h"

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

void fuzz_read_table(const char *name, const uint8_t *data, size_t size)
{
	const char *path = fuzz_write_file(name, data, size);
	coopmap_table *table = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_table_read(path, NULL, &table, &err) != COOPMAP_OK)
		return;
	for (size_t r = 0; r < coopmap_table_row_count(table); r++) {
		/* Rows in the file's order, each on a line of its own. */
		if (r > 0 && coopmap_table_line(table, r) <=
		    coopmap_table_line(table, r - 1))
			abort();
		for (size_t c = 0; c < coopmap_table_column_count(table); c++)
			if (!g_utf8_validate(coopmap_table_cell(table, r, c), -1,
			    NULL))
				abort();
	}
	coopmap_table_free(table);
}
