/*
 * output.c: atomic replacement of output files (temporary file + rename).
 */
/* O_TMPFILE (Linux): an unnamed file, which a killed run leaves nowhere. */
#define _GNU_SOURCE

#include "coopmap/output.h"
#include "intl.h"

#include <cpl_vsi.h>
#include <errno.h>
#include <glib.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct coopmap_output {
	char *path;
	char *temp_path;   /* beside path; for an unnamed file, made at commit */
	FILE *stream;
	int unnamed;       /* O_TMPFILE: no name until commit */
	int named;         /* temp_path exists on disk */
	int finished;      /* written, synced, closed; only the rename left */
};

/* An unnamed file in path's directory, or -1 where the system or the file
 * system has none (the caller then makes a named one). */
static int open_unnamed(const char *path, size_t dir_len)
{
#ifdef O_TMPFILE
	char *dir = dir_len > 0 ? strndup(path, dir_len) : strdup(".");
	int fd = dir != NULL ? open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644)
		: -1;

	free(dir);
	return fd;
#else
	(void)path;
	(void)dir_len;
	return -1;
#endif
}

/* Give the unnamed file the name temp_path (".NAME.PID-N"), so that
 * rename() can put it in place; 0, or -1 with errno. */
static int name_unnamed(coopmap_output *o)
{
	const char *slash = strrchr(o->path, '/');
	int dir_len = slash != NULL ? (int)(slash - o->path + 1) : 0;
	char proc[64];

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fileno(o->stream));
	for (int n = 0; n < 100; n++) {
		snprintf(o->temp_path, strlen(o->path) + 40, "%.*s.%s.%ld-%d",
			dir_len, o->path, o->path + dir_len, (long)getpid(), n);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, o->temp_path,
		    AT_SYMLINK_FOLLOW) == 0) {
			o->named = 1;
			return 0;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

int coopmap_output_check_target(const char *path, coopmap_error *err)
{
	struct stat st;

	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return COOPMAP_OK;
	return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: exists and is not a "
		"regular file (%s); give the path of a file to write",
		path, S_ISDIR(st.st_mode) ? _("a directory") : _("a device or a pipe"));
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
	o->temp_path = malloc(strlen(path) + 40);
	if (o->path == NULL || o->temp_path == NULL) {
		coopmap_output_abort(o);
		return coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	memcpy(o->temp_path, path, dir_len);
	o->temp_path[dir_len] = '\0';
	strcat(o->temp_path, ".");
	strcat(o->temp_path, path + dir_len);
	strcat(o->temp_path, ".XXXXXX");
	fd = open_unnamed(path, dir_len);
	o->unnamed = fd >= 0;
	if (fd < 0) {
		fd = mkstemp(o->temp_path);
		o->named = fd >= 0;
		/* mkstemp makes 0600 files; outputs are ordinary documents. */
		if (fd >= 0)
			fchmod(fd, 0644);
	}
	if (fd < 0) {
		int saved = errno;

		free(o->temp_path);
		o->temp_path = NULL;
		coopmap_output_abort(o);
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			path, strerror(saved));
	}
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

int coopmap_output_finish(coopmap_output *o, coopmap_error *err)
{
	int failed = 0, saved = 0;

	if (o->finished)
		return COOPMAP_OK;
	if (fflush(o->stream) != 0 || ferror(o->stream) ||
	    fsync(fileno(o->stream)) != 0) {
		failed = 1;
		saved = errno;
	}
	if (!failed && o->unnamed && name_unnamed(o) != 0) {
		failed = 1;
		saved = errno;
	}
	if (fclose(o->stream) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	o->stream = NULL;
	if (failed)
		return coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			o->path, saved != 0 ? strerror(saved) : _("write error"));
	o->finished = 1;
	return COOPMAP_OK;
}

int coopmap_output_commit(coopmap_output *o, coopmap_error *err)
{
	int rc = coopmap_output_finish(o, err);

	if (rc == COOPMAP_OK && rename(o->temp_path, o->path) != 0)
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			o->path, strerror(errno));
	if (rc != COOPMAP_OK) {
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
	if (o->temp_path != NULL && o->named)
		unlink(o->temp_path);
	free(o->temp_path);
	free(o->path);
	free(o);
}

char *coopmap_output_memory_name(const char *path)
{
	static gint counter;
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash != NULL ? slash : path, '.');
	char *name = g_strdup_printf("/vsimem/coopmap-%ld-%d%s", (long)getpid(),
		g_atomic_int_add(&counter, 1), dot != NULL ? dot : "");
	char *copy = strdup(name);

	g_free(name);
	return copy;
}

int coopmap_output_commit_memory(const char *memory_name, const char *path,
	coopmap_error *err)
{
	vsi_l_offset length = 0;
	GByte *bytes = VSIGetMemFileBuffer(memory_name, &length, FALSE);
	coopmap_output *o = NULL;
	int rc;

	if (bytes == NULL) {
		coopmap_output_drop_memory(memory_name);
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"%s: cannot write: nothing was produced", path);
	}
	rc = coopmap_output_open(path, &o, err);
	if (rc == COOPMAP_OK && length > 0 &&
	    fwrite(bytes, 1, (size_t)length, coopmap_output_stream(o)) !=
	    (size_t)length) {
		coopmap_output_abort(o);
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write: %s",
			path, strerror(errno));
	} else if (rc == COOPMAP_OK) {
		rc = coopmap_output_commit(o, err);
	}
	coopmap_output_drop_memory(memory_name);
	return rc;
}

void coopmap_output_drop_memory(const char *memory_name)
{
	VSIUnlink(memory_name);
}
