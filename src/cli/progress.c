/*
 * progress.c: the stage line of a long run (progress.h).  A thread wakes
 * every quarter of a second and, past the delay, rewrites the line; the
 * line and every message go through one lock so that they never mix.
 */
#include "progress.h"
#include "intl.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	GMutex lock;
	GCond wake;
	GThread *thread;
	gint64 start, delay;
	char stage[256];
	int shown, stop;
} progress;

/* The line, rewritten in place (\r and "erase line"); under the lock. */
static void show(gint64 now)
{
	fprintf(stderr, "\r\033[Kcoopmap: %s… %.0f s", progress.stage,
		(double)(now - progress.start) / G_TIME_SPAN_SECOND);
	fflush(stderr);
	progress.shown = 1;
}

static gpointer watch(gpointer unused)
{
	(void)unused;
	g_mutex_lock(&progress.lock);
	while (!progress.stop) {
		gint64 now = g_get_monotonic_time();

		g_cond_wait_until(&progress.wake, &progress.lock, now +
			G_TIME_SPAN_SECOND / 4);
		now = g_get_monotonic_time();
		if (progress.stop || progress.stage[0] == '\0' ||
		    now - progress.start < progress.delay)
			continue;
		show(now);
	}
	g_mutex_unlock(&progress.lock);
	return NULL;
}

void cli_progress_begin(int quiet)
{
	const char *after = getenv("COOPMAP_PROGRESS_AFTER");

	if (quiet || !isatty(STDERR_FILENO) || progress.thread != NULL)
		return;
	progress.start = g_get_monotonic_time();
	progress.delay = (after != NULL ? g_ascii_strtoll(after, NULL, 10)
		: 2000) * 1000;
	progress.thread = g_thread_new("coopmap-progress", watch, NULL);
}

void cli_progress_stage(const char *fmt, ...)
{
	va_list ap;

	if (progress.thread == NULL)
		return;
	g_mutex_lock(&progress.lock);
	va_start(ap, fmt);
	g_vsnprintf(progress.stage, sizeof(progress.stage), _(fmt), ap);
	va_end(ap);
	/* Past the delay, a new stage shows at once. */
	if (g_get_monotonic_time() - progress.start >= progress.delay)
		show(g_get_monotonic_time());
	g_mutex_unlock(&progress.lock);
}

/* Erase the line, forgetting the stage too when forget is set. */
static void erase(int forget)
{
	if (progress.thread == NULL)
		return;
	g_mutex_lock(&progress.lock);
	if (forget)
		progress.stage[0] = '\0';
	if (progress.shown) {
		fputs("\r\033[K", stderr);
		progress.shown = 0;
	}
	g_mutex_unlock(&progress.lock);
}

void cli_progress_clear(void)
{
	erase(0);
}

void cli_progress_pause(void)
{
	erase(1);
}

void cli_progress_end(void)
{
	if (progress.thread == NULL)
		return;
	g_mutex_lock(&progress.lock);
	progress.stop = 1;
	g_cond_signal(&progress.wake);
	g_mutex_unlock(&progress.lock);
	g_thread_join(progress.thread);
	progress.thread = NULL;
	if (progress.shown)
		fputs("\r\033[K", stderr);
	progress.shown = 0;
}
