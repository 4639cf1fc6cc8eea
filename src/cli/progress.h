/*
 * progress.h: what a long run is doing, on a terminal.  When stderr is a
 * terminal and the command is not --quiet, a run that passes two seconds
 * shows its current stage and the time spent on one line of stderr,
 * rewritten in place every quarter of a second and cleared before any
 * message and at the end.  Nothing at all when stderr is a file or a pipe
 * (scripts, CI, tests).  Not for: messages (cli_message).
 */
#ifndef COOPMAP_CLI_PROGRESS_H
#define COOPMAP_CLI_PROGRESS_H

/* Start watching (once, from main): quiet or not a terminal shows
 * nothing.  COOPMAP_PROGRESS_AFTER (milliseconds) changes the delay. */
void cli_progress_begin(int quiet);

/* The stage the run is in ("reading liste.csv"); text is copied. */
void cli_progress_stage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Erase the line if it is shown (before a message is printed). */
void cli_progress_clear(void);

/* No stage until the next cli_progress_stage, and the line erased: for
 * output of many lines (the rejects) that the line must not cut. */
void cli_progress_pause(void);

/* Stop watching and erase the line. */
void cli_progress_end(void);

#endif
