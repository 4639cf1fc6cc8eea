/*
 * replay.c: the main of a harness outside libFuzzer.  Runs the harness
 * once on each file given (or each file of each directory given), so that
 * `make test` and `make check` (gcc, sanitizers) replay the seeds and
 * every past finding (tests/fuzz/regressions/) without clang.
 */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	gchar *data = NULL;
	gsize size = 0;

	if (!g_file_get_contents(path, &data, &size, NULL)) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, size);
	g_free(data);
	return 0;
}

int main(int argc, char **argv)
{
	size_t inputs = 0;

	for (int i = 1; i < argc; i++) {
		GDir *dir = g_dir_open(argv[i], 0, NULL);
		const char *name;

		if (dir == NULL) {
			if (replay_file(argv[i]) != 0)
				return 2;
			inputs++;
			continue;
		}
		while ((name = g_dir_read_name(dir)) != NULL) {
			gchar *path = g_build_filename(argv[i], name, NULL);
			int rc = replay_file(path);

			g_free(path);
			if (rc != 0) {
				g_dir_close(dir);
				return 2;
			}
			inputs++;
		}
		g_dir_close(dir);
	}
	printf("%s: %zu inputs replayed\n", argv[0], inputs);
	return 0;
}
