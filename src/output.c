/*
 * output.c: atomic replacement of output files (temporary name + rename).
 */
#include "coopmap/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct coopmap_output {
	char *path;
	char *temp_path;
	FILE *stream;
};

int coopmap_output_check_target(const char *path, coopmap_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return COOPMAP_OK;
	return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: exists and is not a "
		"regular file (%s); give the path of a file to write",
		path, S_ISDIR(st.st_mode) ? "a directory" : "a device or a pipe");
}

int coopmap_output_open(const char *path, coopmap_output **out,
	coopmap_error *err)
{
	coopmap_output *o = calloc(1, sizeof(*o));
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash != NULL ? (size_t)(slash - path + 1) : 0;
	int fd;

	*out = NULL;
	if (o == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	fd = coopmap_output_check_target(path, err);
	if (fd != COOPMAP_OK) {   /* an error code, before fd is a file */
		free(o);
		return fd;
	}
	o->path = strdup(path);
	/* Same directory as the target, so that rename() stays atomic. */
	o->temp_path = malloc(strlen(path) + 16);
	if (o->path == NULL || o->temp_path == NULL) {
		coopmap_output_abort(o);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	memcpy(o->temp_path, path, dir_len);
	o->temp_path[dir_len] = '\0';
	strcat(o->temp_path, ".");
	strcat(o->temp_path, path + dir_len);
	strcat(o->temp_path, ".XXXXXX");
	fd = mkstemp(o->temp_path);
	if (fd < 0) {
		int saved = errno;

		free(o->temp_path);
		o->temp_path = NULL;
		coopmap_output_abort(o);
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			path, strerror(saved));
	}
	/* mkstemp makes 0600 files; outputs are ordinary documents. */
	fchmod(fd, 0644);
	o->stream = fdopen(fd, "wb");
	if (o->stream == NULL) {
		close(fd);
		coopmap_output_abort(o);
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write",
			path);
	}
	*out = o;
	return COOPMAP_OK;
}

FILE *coopmap_output_stream(coopmap_output *output)
{
	return output->stream;
}

int coopmap_output_commit(coopmap_output *o, coopmap_error *err)
{
	int failed = 0, saved = 0;

	if (fflush(o->stream) != 0 || ferror(o->stream) ||
	    fsync(fileno(o->stream)) != 0) {
		failed = 1;
		saved = errno;
	}
	if (fclose(o->stream) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	o->stream = NULL;
	if (!failed && rename(o->temp_path, o->path) != 0) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		int rc = coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: cannot write: %s", o->path,
			saved != 0 ? strerror(saved) : "write error");

		coopmap_output_abort(o);
		return rc;
	}
	free(o->temp_path);
	free(o->path);
	free(o);
	return COOPMAP_OK;
}

void coopmap_output_abort(coopmap_output *o)
{
	if (o == NULL)
		return;
	if (o->stream != NULL)
		fclose(o->stream);
	if (o->temp_path != NULL)
		unlink(o->temp_path);
	free(o->temp_path);
	free(o->path);
	free(o);
}
