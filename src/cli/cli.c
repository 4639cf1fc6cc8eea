/*
 * cli.c: helpers shared by the commands: messages, bundled data, the row
 * report every command that reads projects prints.
 */
#include "cli.h"
#include "progress.h"
#include "intl.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "coopmap/output.h"
#include "coopmap/paths.h"
#include "coopmap/report.h"

int cli_exit_status(int rc)
{
	if (rc == COOPMAP_OK)
		return EXIT_OK;
	return rc == COOPMAP_ERR_INPUT || rc == COOPMAP_ERR_EMPTY ? EXIT_INPUT
		: EXIT_FAILURE_;
}

/* Keep text (g_malloc'd) until the eighth call after this one, and lend
 * it: the borrowed strings of cli_shown, cli_padded, cli_counted. */
static const char *lend(gchar *text)
{
	static gchar *ring[8];
	static size_t next;
	gchar **slot = &ring[next++ % 8];

	g_free(*slot);
	*slot = text;
	return text;
}

const char *cli_shown(const char *text)
{
	return lend(coopmap_report_terminal_text(text != NULL ? text : ""));
}

const char *cli_padded(const char *text, int width)
{
	long len = g_utf8_strlen(text, -1), room = labs(width) - len;
	GString *out = g_string_new(NULL);

	if (width < 0)
		for (long i = 0; i < room; i++)
			g_string_append_c(out, ' ');
	g_string_append(out, text);
	if (width > 0)
		for (long i = 0; i < room; i++)
			g_string_append_c(out, ' ');
	return lend(g_string_free(out, FALSE));
}

const char *cli_field_name(int f)
{
	return coopmap_field_name_in((coopmap_field)f, coopmap_i18n_lang());
}

const char *cli_counted(const char *fmt, size_t n)
{
	return lend(g_strdup_printf(fmt, n));
}

void cli_error(const coopmap_error *err)
{
	cli_progress_clear();
	fprintf(stderr, "coopmap: %s\n", err->message[0] != '\0'
		? cli_shown(err->message) : coopmap_status_name(err->code));
}

int cli_finish(int rc, const coopmap_error *err)
{
	if (rc == COOPMAP_OK)
		return EXIT_OK;
	cli_error(err);
	return cli_exit_status(rc);
}

void cli_message(const char *fmt, ...)
{
	va_list ap;
	gchar *text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(_(fmt), ap);
	va_end(ap);
	cli_progress_clear();
	fprintf(stderr, "coopmap: %s\n", cli_shown(text));
	g_free(text);
}

int cli_open_countries(const char *resolution, coopmap_countries **out,
	coopmap_error *err)
{
	return coopmap_countries_open_bundled(resolution, out, err);
}

void cli_records_init(struct cli_records *r)
{
	coopmap_records_opts defaults = COOPMAP_RECORDS_OPTS_INIT;

	memset(r, 0, sizeof(*r));
	r->opts = defaults;
	r->opts.map = r->map;
}

int cli_records_option(struct cli_records *r, int opt, const char *arg)
{
	switch (opt) {
	case CLI_OPT_SHEET:
		r->opts.layer = arg;
		return 0;
	case CLI_OPT_ENCODING:
		r->opts.encoding = arg;
		return 0;
	case CLI_OPT_MAP:
		if (r->opts.n_map == CLI_MAX_MAP) {
			cli_message("at most %d --map options", CLI_MAX_MAP);
			return -1;
		}
		r->map[r->opts.n_map++] = arg;
		return 0;
	default:
		return -1;
	}
}

static int open_places(coopmap_places **out, coopmap_error *err)
{
	char dir[4096], aliases[4096];

	if (coopmap_paths_data_file("geodata/places", dir, sizeof(dir)) == NULL ||
	    coopmap_paths_data_file("geodata/place-aliases.csv", aliases,
		sizeof(aliases)) == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"data directory path too long");
	return coopmap_places_open(dir, aliases, out, err);
}

int cli_read_projects(const char *path, struct cli_records *r,
	const coopmap_countries *countries, coopmap_projects **out, int quiet,
	coopmap_locate_summary *summary, coopmap_error *err)
{
	coopmap_locate_summary located = { 0, 0, 0 };
	coopmap_places *places = NULL;
	int rc;

	cli_progress_stage("reading %s", path);
	rc = coopmap_projects_read(path, &r->opts, countries, out, err);
	if (rc == COOPMAP_OK)
		rc = open_places(&places, err);
	if (rc == COOPMAP_OK) {
		cli_progress_stage("placing both ends of %zu projects",
			coopmap_projects_count(*out));
		rc = coopmap_locate_projects(*out, places, countries, &located, err);
	}
	coopmap_places_free(places);
	if (rc != COOPMAP_OK) {
		coopmap_projects_free(*out);
		*out = NULL;
		return rc;
	}
	cli_report_rows(*out, &located, quiet);
	if (summary != NULL)
		*summary = located;
	return COOPMAP_OK;
}

int cli_open_layers(const coopmap_countries *countries,
	const char *const *user_layers, size_t n_user, coopmap_layer_set **out,
	coopmap_error *err)
{
	char dir[4096];
	int rc;

	if (coopmap_paths_data_file("geodata/layers", dir, sizeof(dir)) == NULL)
		return coopmap_error_set(err, COOPMAP_ERR_IO,
			"data directory path too long");
	rc = coopmap_layer_set_open(dir, countries, out, err);
	for (size_t i = 0; rc == COOPMAP_OK && i < n_user; i++)
		rc = coopmap_layer_set_add(*out, user_layers[i], countries, err);
	if (rc != COOPMAP_OK) {
		coopmap_layer_set_free(*out);
		*out = NULL;
	}
	/* A wrong layer file is like a wrong style: the run cannot start
	 * (exit 2); EXIT_INPUT is kept for the projects' own problems. */
	if (rc == COOPMAP_ERR_INPUT)
		err->code = rc = COOPMAP_ERR_IO;
	return rc;
}

void cli_report_encoding(const coopmap_projects *projects)
{
	if (coopmap_projects_encoding_note(projects)[0] != '\0')
		cli_message("%s: %s", coopmap_projects_path(projects),
			coopmap_projects_encoding_note(projects));
}

/* Which column fills which field and which are ignored, with the --map
 * an ignored column probably wants; and what the map cannot show for
 * want of a column.  Said on every reading, not only by `columns`. */
static void report_columns(const coopmap_projects *projects)
{
	GString *used = g_string_new(NULL), *ignored = g_string_new(NULL);
	const char *path = coopmap_projects_path(projects);

	for (size_t i = 0; i < coopmap_projects_column_count(projects); i++) {
		const char *header = coopmap_projects_column_header(projects, i);
		int f = coopmap_projects_column_field(projects, i), guess;

		if (f >= 0) {
			g_string_append_printf(used, "%s'%s' %s", used->len ? ", " : "",
				cli_shown(header), cli_field_name(f));
			continue;
		}
		guess = coopmap_field_suggest(header);
		g_string_append_printf(ignored, "%s'%s'", ignored->len ? ", " : "",
			cli_shown(header));
		if (guess >= 0 && !coopmap_projects_has_field(projects,
		    (coopmap_field)guess))
			g_string_append_printf(ignored, _(" (--map '%s=%s'?)"),
				cli_shown(header), cli_field_name(guess));
	}
	if (ignored->len > 0)
		cli_message("%s: columns used: %s; ignored: %s", path, used->str,
			ignored->str);
	else
		cli_message("%s: columns used: %s", path, used->str);
	if (!coopmap_projects_has_field(projects, COOPMAP_FIELD_ESTABLISHMENT))
		cli_message("%s: warning: no column names the French establishment: "
			"the maps show no French side and no link (give one with --map "
			"HEADER=establishment)", path);
	if (!coopmap_projects_has_field(projects, COOPMAP_FIELD_PARTNER_CITY) &&
	    !coopmap_projects_has_field(projects, COOPMAP_FIELD_PARTNER_LAT) &&
	    coopmap_projects_has_field(projects, COOPMAP_FIELD_PARTNER))
		cli_message("%s: warning: no column gives the partner's city: "
			"partners are placed at their country's point (--map "
			"HEADER=partner_city)", path);
	g_string_free(used, TRUE);
	g_string_free(ignored, TRUE);
}

void cli_report_rows(const coopmap_projects *projects,
	const coopmap_locate_summary *located, int quiet)
{
	size_t rejected = coopmap_projects_reject_count(projects);
	size_t joined = coopmap_projects_rows_joined(projects);
	size_t records = coopmap_projects_count(projects);
	GString *line = g_string_new(NULL);
	long header = coopmap_projects_header_line(projects);

	if (quiet)
		return;
	cli_progress_pause();
	cli_report_encoding(projects);
	if (header == 2)
		cli_message("%s: header on line 2; the line above it (a title) is "
			"not read as projects", coopmap_projects_path(projects));
	else if (header > 2)
		cli_message("%s: header on line %ld; the lines above it (a title) "
			"are not read as projects", coopmap_projects_path(projects),
			header);
	if (coopmap_projects_sheet_note(projects)[0] != '\0')
		cli_message("%s: %s", coopmap_projects_path(projects),
			coopmap_projects_sheet_note(projects));
	report_columns(projects);
	/* One sentence, then each clause that applies, each a whole
	 * translatable phrase. */
	g_string_printf(line, _n("%zu row read", "%zu rows read",
		coopmap_projects_rows_read(projects)),
		coopmap_projects_rows_read(projects));
	g_string_append(line, ", ");
	g_string_append_printf(line, _n("%zu joined", "%zu joined", joined),
		joined);
	if (located != NULL && located->rows_approximate > 0)
		g_string_append_printf(line, _n(" (%zu placed approximately: city "
			"not found)", " (%zu placed approximately: city not found)",
			located->rows_approximate), located->rows_approximate);
	g_string_append(line, ", ");
	g_string_append_printf(line, _n("%zu rejected", "%zu rejected", rejected),
		rejected);
	if (records != joined)
		g_string_append_printf(line, _("; %zu project records: a row naming "
			"several countries counts in each"), records);
	if (coopmap_projects_note_count(projects) > 0)
		g_string_append_printf(line, _n("; %zu cell read otherwise, its "
			"project kept", "; %zu cells read otherwise, their projects kept",
			coopmap_projects_note_count(projects)),
			coopmap_projects_note_count(projects));
	cli_message("%s: %s", coopmap_projects_path(projects), line->str);
	g_string_free(line, TRUE);
	for (size_t i = 0; i < rejected + coopmap_projects_note_count(projects);
	     i++) {
		const coopmap_reject *r = i < rejected
			? coopmap_projects_reject_get(projects, i)
			: coopmap_projects_note_get(projects, i - rejected);

		if (r->column[0] == '\0') {   /* the row as a whole */
			fprintf(stderr, "%s:%ld: %s\n",
				cli_shown(coopmap_projects_path(projects)), r->line,
				cli_shown(r->reason));
			continue;
		}
		if (r->suggestion[0] != '\0')
			fprintf(stderr, _("%s:%ld: column '%s', value '%s': %s (did you "
				"mean %s?)\n"), cli_shown(coopmap_projects_path(projects)),
				r->line, cli_shown(r->column), cli_shown(r->value),
				cli_shown(r->reason), cli_shown(r->suggestion));
		else
			fprintf(stderr, _("%s:%ld: column '%s', value '%s': %s\n"),
				cli_shown(coopmap_projects_path(projects)), r->line,
				cli_shown(r->column), cli_shown(r->value),
				cli_shown(r->reason));
	}
}

int cli_country_error(const char *command, const char *text,
	const coopmap_country_match *m, coopmap_error *err)
{
	if (m->status == COOPMAP_COUNTRY_AMBIGUOUS)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: --country "
			"'%s': ambiguous, may be %s", command, text, m->suggestion);
	if (m->suggestion[0] != '\0')
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: --country "
			"'%s': unknown country; did you mean %s?", command, text,
			m->suggestion);
	return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: --country '%s': "
		"unknown country", command, text);
}

int cli_parse_whole(const char *text, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (text[0] < '0' || text[0] > '9')
		return -1;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int cli_parse_size(const char *command, const char *text, int width_only,
	int *width, int *height)
{
	const char *x = strchr(text, 'x');
	char first[32];
	long w = 0, h = 0;
	int ok;

	if (x == NULL) {
		ok = width_only && cli_parse_whole(text, 1, INT_MAX, &w) == 0;
	} else {
		ok = (size_t)(x - text) < sizeof(first);
		if (ok) {
			memcpy(first, text, (size_t)(x - text));
			first[x - text] = '\0';
		}
		ok = ok && cli_parse_whole(first, 1, INT_MAX, &w) == 0 &&
			cli_parse_whole(x + 1, 1, INT_MAX, &h) == 0;
	}
	if (!ok) {
		if (width_only)
			cli_message("%s: --size '%s': expected WIDTH or WIDTHxHEIGHT, "
				"whole numbers of pixels (PNG) or points (SVG, PDF), each at "
				"most %d", command, text, COOPMAP_RENDER_MAX_SIDE);
		else
			cli_message("%s: --size '%s': expected WIDTHxHEIGHT, whole "
				"numbers of pixels (PNG) or points (SVG, PDF), each at most "
				"%d", command, text, COOPMAP_RENDER_MAX_SIDE);
		return -1;
	}
	*width = (int)w;
	*height = (int)h;
	return 0;
}

void cli_build_date(char *buf, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t when = epoch != NULL && epoch[0] != '\0'
		? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

void cli_inputs_init(struct cli_inputs *in)
{
	memset(in, 0, sizeof(*in));
}

void cli_inputs_add(struct cli_inputs *in, const char *what, const char *path)
{
	if (path == NULL || in->n == CLI_MAX_INPUTS)
		return;
	in->path[in->n] = path;
	in->what[in->n++] = what;
}

void cli_inputs_add_layers(struct cli_inputs *in, const char *const *layers,
	size_t n)
{
	for (size_t i = 0; i < n; i++) {
		cli_inputs_add(in, "a --layer file", layers[i]);
		if (in->n_owned == CLI_MAX_INPUTS)
			continue;
		in->owned[in->n_owned] = coopmap_layer_sidecar_path(layers[i]);
		cli_inputs_add(in, "the sidecar of a --layer file",
			in->owned[in->n_owned++]);
	}
}

void cli_inputs_add_actor_files(struct cli_inputs *in,
	const struct cli_actor_files *files)
{
	static const char *const what[3] = { "an --actors-file",
		"an --actor-links-file", "an --actor-presence-file" };

	for (int kind = 0; kind < 3; kind++) {
		for (size_t i = 0; i < files->n[kind]; i++)
			cli_inputs_add(in, what[kind], files->files[kind][i]);
	}
}

void cli_inputs_clear(struct cli_inputs *in)
{
	for (size_t i = 0; i < in->n_owned; i++)
		g_free(in->owned[i]);
	cli_inputs_init(in);
}

/* Whether the directory of path is one of the bundled data's. */
static int in_data_directory(const char *path)
{
	static const char *const dirs[] = { "geodata", "geodata/places",
		"geodata/layers", "styles", "web" };
	gchar *parent = g_path_get_dirname(path);
	struct stat sp, sd;
	int found = 0;

	if (stat(parent, &sp) == 0) {
		for (size_t i = 0; !found && i < sizeof(dirs) / sizeof(dirs[0]);
		     i++) {
			char dir[4096];

			found = coopmap_paths_data_file(dirs[i], dir, sizeof(dir)) != NULL
				&& stat(dir, &sd) == 0 && sd.st_dev == sp.st_dev &&
				sd.st_ino == sp.st_ino;
		}
	}
	g_free(parent);
	return found;
}

/* The output can be written where it is asked for: its folder exists and
 * takes files, and the target is no device or folder.  Said before any
 * reading, so that a long run does not end on a typo in a path. */
static int output_place_ok(const char *command, const char *what,
	const char *output)
{
	char *folder = g_path_get_dirname(output);
	struct stat sf;
	coopmap_error err = COOPMAP_ERROR_INIT;
	int ok = 1;

	if (stat(folder, &sf) != 0 || !S_ISDIR(sf.st_mode)) {
		cli_message("%s: the %s %s cannot be written: the folder %s does not "
			"exist", command, what, output, folder);
		ok = 0;
	} else if (access(folder, W_OK) != 0) {
		cli_message("%s: the %s %s cannot be written: the folder %s does not "
			"take new files (%s)", command, what, output, folder,
			g_strerror(errno));
		ok = 0;
	} else if (coopmap_output_check_target(output, &err) != COOPMAP_OK) {
		cli_error(&err);
		ok = 0;
	}
	g_free(folder);
	return ok;
}

int cli_refuse_overwrite(const char *command, const char *what,
	const struct cli_inputs *in, const char *output)
{
	struct stat si, so;

	if (output == NULL || strcmp(output, "-") == 0)
		return 0;
	if (in_data_directory(output)) {
		cli_message("%s: the %s %s is in coopmap's data directory (its "
			"bundled inputs); refusing to write there", command, what,
			output);
		return 1;
	}
	if (!output_place_ok(command, what, output))
		return 1;
	if (stat(output, &so) != 0)
		return 0;
	for (size_t i = 0; i < in->n; i++) {
		if (stat(in->path[i], &si) != 0 || si.st_dev != so.st_dev ||
		    si.st_ino != so.st_ino)
			continue;
		cli_message("%s: the %s %s is %s; refusing to overwrite it",
			command, what, output, in->what[i]);
		return 1;
	}
	return 0;
}

int cli_model_load(const char *path, struct cli_records *r,
	const char *const *user_layers, size_t n_user, int quiet,
	struct cli_model *m, coopmap_error *err)
{
	struct cli_model_opts opts = { "50m", user_layers, n_user, NULL, quiet,
		0 };

	return cli_model_load_with(path, r, &opts, m, err);
}

static int set_filters(const struct cli_filters *in,
	const coopmap_countries *countries, coopmap_filter *f, coopmap_error *err)
{
	int rc = COOPMAP_OK;

	if (in == NULL)
		return COOPMAP_OK;
	if (in->programme != NULL)
		rc = coopmap_filter_set_programmes(f, in->programme, err);
	if (rc == COOPMAP_OK && in->year != NULL)
		rc = coopmap_filter_set_years(f, in->year, err);
	if (rc == COOPMAP_OK && in->theme != NULL)
		rc = coopmap_filter_set_theme(f, in->theme, err);
	if (rc == COOPMAP_OK && in->establishment != NULL)
		rc = coopmap_filter_set_establishment(f, in->establishment, err);
	if (rc == COOPMAP_OK && in->country != NULL)
		rc = coopmap_filter_set_countries(f, countries, in->country, err);
	return rc;
}

/* A filter on a field no column gives would keep nothing, and blame the
 * data: it is an error naming the missing column. */
static int filter_has_columns(const coopmap_projects *p,
	const coopmap_filter *f, coopmap_error *err)
{
	static const struct { const char *option; coopmap_field field; } need[] = {
		{ "--year", COOPMAP_FIELD_YEAR },
		{ "--programme", COOPMAP_FIELD_PROGRAMME },
		{ "--theme", COOPMAP_FIELD_THEME },
		{ "--establishment", COOPMAP_FIELD_ESTABLISHMENT },
	};
	int asked[] = { f->year_min != 0 || f->year_max != 0, f->programmes != 0,
		f->theme != NULL, f->establishment != NULL };

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		const char *field = cli_field_name(need[i].field);

		if (asked[i] && !coopmap_projects_has_field(p, need[i].field))
			return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: %s has no "
				"column for the field '%s' (headers accepted: see 'coopmap "
				"columns'; or --map HEADER=%s)", need[i].option,
				coopmap_projects_path(p), field, field);
	}
	return COOPMAP_OK;
}

struct topology_job {
	const coopmap_countries *countries;
	coopmap_topology *topology;
	coopmap_error err;
	int rc;
};

static gpointer build_topology(gpointer p)
{
	struct topology_job *job = p;

	job->rc = coopmap_topology_new(job->countries, &job->topology, &job->err);
	return NULL;
}

int cli_model_load_with(const char *path, struct cli_records *r,
	const struct cli_model_opts *o, struct cli_model *m, coopmap_error *err)
{
	struct topology_job topology = { NULL, NULL, COOPMAP_ERROR_INIT,
		COOPMAP_OK };
	GThread *thread = NULL;
	int rc;

	memset(m, 0, sizeof(*m));
	rc = cli_open_countries(o->resolution != NULL ? o->resolution : "50m",
		&m->countries, err);
	/* The countries are read-only from here on: the topology reads their
	 * rings while the list is read. */
	if (rc == COOPMAP_OK && o->topology) {
		topology.countries = m->countries;
		thread = g_thread_new("coopmap-topology", build_topology, &topology);
	}
	if (rc == COOPMAP_OK)
		rc = cli_open_layers(m->countries, o->user_layers, o->n_user,
			&m->layers, err);
	if (rc == COOPMAP_OK)
		rc = set_filters(o->filters, m->countries, &m->filter, err);
	if (rc == COOPMAP_OK)
		rc = cli_read_projects(path, r, m->countries, &m->projects, o->quiet,
			NULL, err);
	if (rc == COOPMAP_OK)
		rc = filter_has_columns(m->projects, &m->filter, err);
	if (rc == COOPMAP_OK && !coopmap_filter_is_empty(&m->filter)) {
		char what[512];

		m->filtered_out = coopmap_filter_apply(&m->filter, m->projects);
		coopmap_filter_describe(&m->filter, coopmap_i18n_lang(), what,
			sizeof(what));
		if (!o->quiet) {
			size_t kept = coopmap_projects_count(m->projects);
			/* TRANSLATORS: projects kept by the filters, of how many, and
			 * the filters; the plural follows the first number. */
			char *line = g_strdup_printf(_n("%zu of %zu projects kept (%s)",
				"%zu of %zu projects kept (%s)", kept), kept,
				kept + m->filtered_out, what);

			cli_message("%s: %s", path, line);
			g_free(line);
		}
	}
	if (rc == COOPMAP_OK) {
		cli_progress_stage("pooling the spellings of %zu projects",
			coopmap_projects_count(m->projects));
		rc = coopmap_pool_build(m->projects, &m->pool, err);
	}
	if (rc == COOPMAP_OK)
		rc = coopmap_join_by_country(m->projects, m->countries, m->pool,
			&m->stats, &m->summary, err);
	if (thread != NULL) {
		g_thread_join(thread);
		m->topology = topology.topology;
		if (rc == COOPMAP_OK && topology.rc != COOPMAP_OK) {
			*err = topology.err;
			rc = topology.rc;
		}
	}
	return rc;
}

void cli_model_free(struct cli_model *m)
{
	coopmap_filter_clear(&m->filter);
	coopmap_topology_free(m->topology);
	free(m->stats);
	coopmap_pool_free(m->pool);
	coopmap_projects_free(m->projects);
	coopmap_layer_set_free(m->layers);
	coopmap_countries_free(m->countries);
	memset(m, 0, sizeof(*m));
}

int cli_actor_option(struct cli_actor_files *f, int opt, const char *arg)
{
	int kind = opt - CLI_OPT_ACTORS_FILE;

	if (kind < 0 || kind > 2)
		return -1;
	if (f->n[kind] == CLI_MAX_ACTOR_FILES) {
		cli_message("at most %d files of each kind of actor file",
			CLI_MAX_ACTOR_FILES);
		return -1;
	}
	f->files[kind][f->n[kind]++] = arg;
	return 0;
}

int cli_open_actors(const coopmap_countries *countries,
	const coopmap_layer_set *layers, const struct cli_actor_files *user,
	coopmap_actors **out, coopmap_error *err)
{
	static const char *const bundled[3] = { "geodata/actors.csv",
		"geodata/actor-links.csv", "geodata/actor-presence.csv" };
	coopmap_actors *a = coopmap_actors_new();
	int rc = a != NULL ? COOPMAP_OK
		: coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");

	for (int kind = 0; kind < 3 && rc == COOPMAP_OK; kind++) {
		size_t n = user != NULL ? user->n[kind] : 0;

		for (size_t i = 0; i <= n && rc == COOPMAP_OK; i++) {
			char path[4096];
			const char *file = i == 0 ? coopmap_paths_data_file(
				bundled[kind], path, sizeof(path)) : user->files[kind][i - 1];

			if (file == NULL)
				rc = coopmap_error_set(err, COOPMAP_ERR_IO,
					"data directory path too long");
			else if (kind == 0)
				rc = coopmap_actors_read(a, file, err);
			else if (kind == 1)
				rc = coopmap_actors_read_links(a, file, err);
			else
				rc = coopmap_actors_read_presence(a, file, countries, err);
		}
		/* Parents and layers are checked once every actor is known. */
		if (kind == 0 && rc == COOPMAP_OK)
			rc = coopmap_actors_check(a, layers, err);
	}
	if (rc != COOPMAP_OK) {
		coopmap_actors_free(a);
		a = NULL;
	}
	/* Like a wrong layer or style file: the run cannot start (exit 2). */
	if (rc == COOPMAP_ERR_INPUT)
		err->code = rc = COOPMAP_ERR_IO;
	*out = a;
	return rc;
}
