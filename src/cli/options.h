/*
 * options.h: each command's options as one table, from which both the
 * parser (getopt_long) and the help are made, so that the help cannot
 * list an option the parser does not take, nor a default or a list of
 * values other than the program's own (the lists come from the library's
 * tables through the option's values function).  The texts are English
 * msgids, translated when printed (intl.h).
 */
#ifndef COOPMAP_CLI_OPTIONS_H
#define COOPMAP_CLI_OPTIONS_H

#include <stdio.h>

struct cli_option {
	const char *name;   /* the long name, without "--"; NULL ends a table */
	int key;            /* what cli_getopt returns: a letter, also the
	                       short option (-o), or an id from 256 */
	const char *arg;    /* the argument's name in the help (N_("FILE")),
	                       NULL for a switch */
	const char *help;   /* N_(sentence), with one %s when values is set */
	/* The accepted values or the default, in the run's language, as
	 * printed into help's %s (g_free'd). */
	char *(*values)(void);
	int hidden;         /* an older name kept working, not in the help */
};

struct cli_usage {
	const char *command;              /* "render" */
	const char *synopsis;             /* N_(): after "coopmap render " */
	const char *about;                /* N_(): the paragraph under it */
	const struct cli_option *options; /* ends with { NULL } */
	const char *exit_status;          /* N_(): what each status means */
	void (*more)(FILE *out);          /* printed last, or NULL */
};

/* The options every command that reads a project list takes, in its
 * table (cli.h's CLI_OPT_* keys). */
#define CLI_RECORDS_OPTIONS \
	{ "sheet", CLI_OPT_SHEET, N_("NAME"), \
	  N_("the sheet (XLSX, ODS) or layer (GPKG) to read; by default the " \
	     "first sheet whose header names a country"), NULL, 0 }, \
	{ "encoding", CLI_OPT_ENCODING, N_("ENC"), \
	  N_("encoding of a CSV (default: UTF-8 when the file is valid " \
	     "UTF-8, else WINDOWS-1252)"), NULL, 0 }, \
	{ "map", CLI_OPT_MAP, N_("HEADER=FIELD"), \
	  N_("read column HEADER as FIELD, one of: %s; repeatable"), \
	  cli_values_fields, 0 }

/* The user's actor files (cli.h's cli_actor_option). */
#define CLI_ACTOR_OPTIONS \
	{ "actors-file", CLI_OPT_ACTORS_FILE, "F", N_("more actors (the columns " \
	  "of geodata/actors.csv); repeatable"), NULL, 0 }, \
	{ "actor-links-file", CLI_OPT_ACTOR_LINKS_FILE, "F", N_("more relations " \
	  "(geodata/actor-links.csv); repeatable"), NULL, 0 }, \
	{ "actor-presence-file", CLI_OPT_ACTOR_PRESENCE_FILE, "F", N_("more " \
	  "countries per actor (geodata/actor-presence.csv); repeatable"), NULL, 0 }

/* --layer as --sheet, for a GeoPackage's layer (kept, not listed: in
 * render and classify --layer names a policy layer file). */
#define CLI_SHEET_ALIAS \
	{ "layer", CLI_OPT_SHEET, N_("NAME"), NULL, NULL, 1 }

#define CLI_LANG_OPTION(what) \
	{ "lang", CLI_OPT_LANG, "fr|en", what, NULL, 0 }
#define CLI_QUIET_OPTION \
	{ "quiet", 'q', NULL, N_("only errors on stderr"), NULL, 0 }
#define CLI_HELP_OPTION \
	{ "help", 'h', NULL, N_("this help"), NULL, 0 }

/*
 * getopt_long over u's table: returns the key of the next option (optarg
 * set), or -1 at the end of the options.  A wrong option, or one missing
 * its value, is said here (in the run's language, naming the command)
 * and returns '?'.  --lang's value is checked here too: fr or en (main
 * has chosen the run's language from it already).
 */
int cli_getopt(int argc, char **argv, const struct cli_usage *u);

/* The help of u, translated, wrapped at 79 columns. */
void cli_usage_print(const struct cli_usage *u, FILE *out);

/* Values functions for the tables (options.c): the fields of --map, the
 * programmes of --programme. */
char *cli_values_fields(void);
char *cli_values_programmes(void);
/* before, then nth(0), nth(1) ... up to the first NULL, joined with ", "
 * (g_free): a values function's list from a library table. */
char *cli_values_join(const char *before, const char *(*nth)(size_t i));

#endif
