/*
 * cli.h: what the commands of the coopmap program share: the command table
 * entry type, exit codes, loading the bundled data and reporting rows.
 * Not for: anything a library user needs (that lives in include/coopmap).
 */
#ifndef COOPMAP_CLI_H
#define COOPMAP_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "coopmap/actors.h"
#include "coopmap/country.h"
#include "coopmap/error.h"
#include "coopmap/filter.h"
#include "coopmap/join.h"
#include "coopmap/layers.h"
#include "coopmap/locate.h"
#include "coopmap/simplify.h"
#include "coopmap/pool.h"
#include "coopmap/records.h"
#include "coopmap/render.h"

#include <glib.h>

enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,   /* the input had problems (rows rejected under --strict,
	                     nothing to draw) */
	EXIT_FAILURE_ = 2 /* usage error, or a failure to read or write */
};

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	void (*usage)(FILE *out);
};

/* Options every command that reads projects takes (options.h has their
 * table entries). */
enum {
	CLI_OPT_SHEET = 1000,
	CLI_OPT_ENCODING,
	CLI_OPT_MAP,
	CLI_OPT_LANG
};

#define CLI_MAX_MAP 64

struct cli_records {
	coopmap_records_opts opts;
	const char *map[CLI_MAX_MAP];
};

/* Initialise r (no sheet, detected encoding, no --map). */
void cli_records_init(struct cli_records *r);
/* Take one of the CLI_OPT_* options; 0, or -1 with a message printed. */
int cli_records_option(struct cli_records *r, int opt, const char *arg);
/*
 * Read the projects of path, place both ends of each with the bundled
 * gazetteer, and report the rows (unless quiet); *summary (may be NULL)
 * says how many ends are approximate.
 */
int cli_read_projects(const char *path, struct cli_records *r,
	const coopmap_countries *countries, coopmap_projects **out, int quiet,
	coopmap_locate_summary *summary, coopmap_error *err);

/*
 * The exit status for a COOPMAP_ERR_* code: the input's contents are at
 * fault (a column missing, nothing to draw) = EXIT_INPUT; a file that
 * cannot be read or written, a bad option, anything else = EXIT_FAILURE_.
 */
int cli_exit_status(int rc);

/*
 * Text from the input (a cell, a header, a layer's title) as it may be
 * printed on a terminal: control characters shown as \x1b, not sent
 * (report.h's coopmap_report_terminal_text).  The copy is borrowed until
 * the eighth call after this one: enough for one printf's arguments.
 */
const char *cli_shown(const char *text);

/*
 * text padded with spaces to width characters (not bytes: "éligible"
 * lines up with "eligible"), on the right when width > 0, on the left
 * when width < 0, for a table's columns.  Borrowed like cli_shown's.
 */
const char *cli_padded(const char *text, int width);

/* The name of field f in the run's language ("ville_partenaire"). */
const char *cli_field_name(int f);

/* fmt (one %zu) formatted with n, borrowed like cli_shown's: a counted
 * phrase ("3 partner hospitals") to put into a sentence. */
const char *cli_counted(const char *fmt, size_t n);

/* Print "coopmap: <message>" on stderr (control characters shown, as
 * cli_shown does: a message may quote a cell). */
void cli_error(const coopmap_error *err);
/* How a command ends with rc: EXIT_OK, or err said on stderr and the exit
 * status of its code. */
int cli_finish(int rc, const coopmap_error *err);
/* The same for a message formatted here; fmt is an English msgid,
 * translated here (po/update.sh extracts it). */
void cli_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Open the bundled countries (resolution "50m" or "10m") with aliases. */
int cli_open_countries(const char *resolution, coopmap_countries **out,
	coopmap_error *err);

/* The bundled layers of geodata/layers/, plus the users' (n_user files). */
int cli_open_layers(const coopmap_countries *countries,
	const char *const *user_layers, size_t n_user, coopmap_layer_set **out,
	coopmap_error *err);

/* The note on the list's encoding, when it was a guess, on stderr. */
void cli_report_encoding(const coopmap_projects *projects);

/* The encoding note, a one-line summary on stderr, then each reject;
 * nothing when quiet. */
void cli_report_rows(const coopmap_projects *projects,
	const coopmap_locate_summary *located, int quiet);

/* The error of a --country text that did not resolve (m), naming the
 * command; returns COOPMAP_ERR_USAGE. */
int cli_country_error(const char *command, const char *text,
	const coopmap_country_match *m, coopmap_error *err);

/*
 * text as a whole number from lo to hi: decimal digits only (no sign, no
 * space), read with overflow checked, so that "4294967496" is out of
 * range rather than 200.  0, or -1 with *out untouched.
 */
int cli_parse_whole(const char *text, long lo, long hi, long *out);

/*
 * A page size "WIDTHxHEIGHT", or "WIDTH" alone when width_only (then
 * *height is 0); each side a whole number from 1, checked for overflow
 * (the page's own bounds, COOPMAP_RENDER_MAX_SIDE, are the renderer's).
 * 0, or -1 with a message printed naming command and text.
 */
int cli_parse_size(const char *command, const char *text, int width_only,
	int *width, int *height);

/* Today's date, or SOURCE_DATE_EPOCH's, as "YYYY-MM-DD". */
void cli_build_date(char *buf, size_t size);

/*
 * The files a command reads, each with what names it ("the input", "the
 * --layer file" ...), so that no output is written over one of them,
 * whatever option names it.  cli_inputs_add ignores NULL.
 */
#define CLI_MAX_INPUTS 128

struct cli_inputs {
	const char *path[CLI_MAX_INPUTS];
	const char *what[CLI_MAX_INPUTS];
	gchar *owned[CLI_MAX_INPUTS];   /* sidecar paths made here */
	size_t n, n_owned;
};

void cli_inputs_init(struct cli_inputs *in);
void cli_inputs_add(struct cli_inputs *in, const char *what, const char *path);
/* n user layer files, and each one's JSON sidecar. */
void cli_inputs_add_layers(struct cli_inputs *in, const char *const *layers,
	size_t n);
struct cli_actor_files;
void cli_inputs_add_actor_files(struct cli_inputs *in,
	const struct cli_actor_files *files);
void cli_inputs_clear(struct cli_inputs *in);

/*
 * When output (may be NULL or "-") is the same file as one of in's (device
 * and inode: another name, a link), or lies in coopmap's data directory
 * (geodata/, styles/, web/: the bundled inputs), or cannot be written
 * (its folder missing or read-only, the target a device or a folder), say
 * so ("render: the output X is the input; refusing to overwrite it", what
 * being "output" or "rejects file") and return 1; 0 otherwise.  Called
 * for every output before the list is read.
 */
int cli_refuse_overwrite(const char *command, const char *what,
	const struct cli_inputs *in, const char *output);

/*
 * What the commands that draw or export load: the bundled countries and
 * layers (plus n_user files of the user's), the projects of path placed,
 * pooled and joined by country.  Free with cli_model_free, also after a
 * failure.
 */
struct cli_model {
	coopmap_countries *countries;
	coopmap_layer_set *layers;
	coopmap_projects *projects;
	coopmap_pool *pool;
	coopmap_country_stats *stats;   /* per country */
	coopmap_summary summary;
	coopmap_filter filter;          /* what was asked for */
	size_t filtered_out;            /* project records the filter dropped */
	coopmap_topology *topology;     /* when asked for (opts.topology) */
};
int cli_model_load(const char *path, struct cli_records *r,
	const char *const *user_layers, size_t n_user, int quiet,
	struct cli_model *m, coopmap_error *err);

/* The filters as typed (NULL: not given); countries resolve once open. */
struct cli_filters {
	const char *programme, *year, *theme, *country, *establishment;
};

/* What cli_model_load_with takes beyond the projects' file. */
struct cli_model_opts {
	const char *resolution;         /* "50m" (NULL) or "10m" */
	const char *const *user_layers;
	size_t n_user;
	const struct cli_filters *filters;   /* NULL: every project */
	int quiet;
	/* Build the countries' topology (simplify.h) too, in a thread of its
	 * own while the list is read: a map needs it, and it does not depend
	 * on the projects. */
	int topology;
};
int cli_model_load_with(const char *path, struct cli_records *r,
	const struct cli_model_opts *opts, struct cli_model *m,
	coopmap_error *err);
void cli_model_free(struct cli_model *m);

/* The user's actor files (--actors-file, --actor-links-file,
 * --actor-presence-file), read after the bundled ones. */
enum {
	CLI_OPT_ACTORS_FILE = 1100,
	CLI_OPT_ACTOR_LINKS_FILE,
	CLI_OPT_ACTOR_PRESENCE_FILE
};

#define CLI_MAX_ACTOR_FILES 16

struct cli_actor_files {
	const char *files[3][CLI_MAX_ACTOR_FILES];   /* actors, links, presence */
	size_t n[3];
};

/* Take one of the CLI_OPT_ACTOR* options; 0, or -1 with a message. */
int cli_actor_option(struct cli_actor_files *f, int opt, const char *arg);

/*
 * The bundled actors, relations and presence, then the user's files,
 * checked against layers.  A wrong file stops the run (COOPMAP_ERR_IO, the
 * message at file:line).  Caller frees *out.
 */
int cli_open_actors(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const struct cli_actor_files *user,
	coopmap_actors **out, coopmap_error *err);

/* What `render --actors` adds to a map: at each country where actors are
 * present, a circle (size: how many) labelled with their short names, and
 * the countries outlined. */
struct cli_actor_overlay {
	coopmap_actors *actors;
	coopmap_render_marker *markers;
	size_t n_markers;
	unsigned char *highlight;   /* per country */
	GStringChunk *labels;
};
int cli_actor_overlay_build(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const char *lang,
	struct cli_actor_overlay *o, coopmap_error *err);
void cli_actor_overlay_free(struct cli_actor_overlay *o);

int cmd_actors(int argc, char **argv);
void cmd_actors_usage(FILE *out);
int cmd_render(int argc, char **argv);
void cmd_render_usage(FILE *out);
int cmd_check(int argc, char **argv);
void cmd_check_usage(FILE *out);
int cmd_country(int argc, char **argv);
void cmd_country_usage(FILE *out);
int cmd_publish(int argc, char **argv);
void cmd_publish_usage(FILE *out);
int cmd_export(int argc, char **argv);
void cmd_export_usage(FILE *out);
int cmd_pool(int argc, char **argv);
void cmd_pool_usage(FILE *out);
int cmd_classify(int argc, char **argv);
void cmd_classify_usage(FILE *out);
int cmd_layers(int argc, char **argv);
void cmd_layers_usage(FILE *out);
int cmd_columns(int argc, char **argv);
void cmd_columns_usage(FILE *out);

#endif
