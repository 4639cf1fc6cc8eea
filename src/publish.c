/*
 * publish.c: the web page (publish.h).  The page is web/page.html with
 * its {{slots}} filled: the words of the run's language (publish_words.h),
 * the styles and scripts (Leaflet and its marker-cluster plugin from
 * Debian's packages, then web/page.css and web/page.js), and the data
 * (publish_data.h).  One file inlines them all; the hosted folder links
 * them.  Not for: what the page does (web/page.js).
 */
#define _GNU_SOURCE
#include "coopmap/publish.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coopmap/output.h"
#include "coopmap/i18n.h"
#include "publish_data.h"
#include "publish_words.h"

/* The library's files, in the order the page loads them. */
static const char *const library_styles[] = {
	"leaflet.css", "MarkerCluster.css", "MarkerCluster.Default.css"
};
static const char *const library_scripts[] = {
	"leaflet.min.js", "leaflet.markercluster.min.js"
};
/* The images leaflet.css names (the layer control's icon). */
static const char *const library_images[] = {
	"layers.png", "layers-2x.png", "marker-icon.png"
};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* What the folder holds, so that a later run knows it may replace it. */
#define FOLDER_MARK ".coopmap-publish"

struct page_parts {
	char *template_html;
	json_t *strings;       /* the run's language */
	char *licences;
	char *page_css, *page_js;
	char *library_css[N_OF(library_styles)];
	char *library_js[N_OF(library_scripts)];
	char *data;            /* JSON, escaped for HTML and JavaScript */
};

/* library: the part is the map library's (Debian's package), which the
 * message then says how to install. */
static int read_part(const char *dir, const char *name, int library,
	char **out, gsize *size, coopmap_error *err)
{
	char *path = g_build_filename(dir, name, NULL);
	GError *gerr = NULL;
	int rc = COOPMAP_OK;

	if (!g_file_get_contents(path, out, size, &gerr)) {
		rc = library ? coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot "
			"read a part of the page (%s); install Debian's libjs-leaflet and "
			"libjs-leaflet.markercluster (scripts/install-deps.sh)", path,
			gerr->message) : coopmap_error_set(err, COOPMAP_ERR_IO, "%s: "
			"cannot read a part of the page (%s)", path, gerr->message);
		g_error_free(gerr);
	}
	g_free(path);
	return rc;
}

/*
 * The JSON (n bytes) appended to s as it can sit in a <script> element or
 * a .js file: <, > and & as \u escapes (no "</script>" nor "<!--" can
 * appear), U+2028 and U+2029 too (line ends for older JavaScript).  They
 * only occur inside strings, where the escapes mean the same characters.
 * The runs between them are copied whole.
 */
static void escape_json(GString *s, const char *json, size_t n)
{
	const char *end = json + n, *run = json;

	for (const char *c = json; c < end; c++) {
		const char *escape = NULL;
		size_t skip = 0;

		if (*c == '<')
			escape = "\\u003c";
		else if (*c == '>')
			escape = "\\u003e";
		else if (*c == '&')
			escape = "\\u0026";
		else if ((unsigned char)c[0] == 0xe2 && end - c >= 3 &&
		    (unsigned char)c[1] == 0x80 &&
		    ((unsigned char)c[2] == 0xa8 || (unsigned char)c[2] == 0xa9)) {
			escape = (unsigned char)c[2] == 0xa8 ? "\\u2028" : "\\u2029";
			skip = 2;
		}
		if (escape == NULL)
			continue;
		g_string_append_len(s, run, c - run);
		g_string_append(s, escape);
		c += skip;
		run = c + 1;
	}
	g_string_append_len(s, run, end - run);
}

/*
 * The page's data as it sits in the page: root's JSON with the projects'
 * text in the place of their mark (publish_data.h), escaped.  NULL when
 * memory ran out.
 */
static char *page_data(const json_t *root, const GString *projects)
{
	char *json = json_dumps(root, PUBLISH_JSON_FLAGS);
	const char *mark = json != NULL ? strstr(json, PUBLISH_PROJECTS_DUMPED)
		: NULL;
	size_t key = strlen("\"projects\":");
	GString *s;

	if (mark == NULL) {
		free(json);
		return NULL;
	}
	s = g_string_sized_new(strlen(json) + projects->len + 64);
	escape_json(s, json, (size_t)(mark - json) + key);
	escape_json(s, projects->str, projects->len);
	mark += strlen(PUBLISH_PROJECTS_DUMPED);
	escape_json(s, mark, strlen(mark));
	free(json);
	return g_string_free(s, FALSE);
}


/* The words come from the catalogue in the run's language: a page asked
 * in another would mix two. */
static int load_strings(const char *lang, json_t **out, coopmap_error *err)
{
	if (strcmp(lang, coopmap_i18n_lang()) != 0)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "the page's "
			"language '%s' is not the run's ('%s'): call "
			"coopmap_i18n_init(\"%s\") first", lang, coopmap_i18n_lang(),
			lang);
	*out = publish_words();
	return COOPMAP_OK;
}

static void parts_free(struct page_parts *p)
{
	g_free(p->template_html);
	json_decref(p->strings);
	g_free(p->licences);
	g_free(p->page_css);
	g_free(p->page_js);
	for (size_t i = 0; i < N_OF(library_styles); i++)
		g_free(p->library_css[i]);
	for (size_t i = 0; i < N_OF(library_scripts); i++)
		g_free(p->library_js[i]);
	g_free(p->data);
}

static int parts_load(const coopmap_publish_data *d,
	const coopmap_publish_opts *opts, struct page_parts *p,
	coopmap_error *err)
{
	const char *lang = opts->lang != NULL ? opts->lang : "fr";
	json_t *root = NULL;
	GString *projects = g_string_new(NULL);
	int rc;

	memset(p, 0, sizeof(*p));
	rc = read_part(d->web_dir, "page.html", 0, &p->template_html, NULL, err);
	if (rc == COOPMAP_OK)
		rc = load_strings(lang, &p->strings, err);
	if (rc == COOPMAP_OK)
		rc = read_part(d->web_dir, "LICENCES.txt", 0, &p->licences, NULL, err);
	if (rc == COOPMAP_OK)
		rc = read_part(d->web_dir, "page.css", 0, &p->page_css, NULL, err);
	if (rc == COOPMAP_OK)
		rc = read_part(d->web_dir, "page.js", 0, &p->page_js, NULL, err);
	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_styles); i++)
		rc = read_part(d->library_dir, library_styles[i], 1,
			&p->library_css[i], NULL, err);
	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_scripts); i++)
		rc = read_part(d->library_dir, library_scripts[i], 1,
			&p->library_js[i], NULL, err);
	if (rc == COOPMAP_OK)
		rc = publish_data_build(d, opts, p->strings, &root, projects, err);
	if (rc == COOPMAP_OK) {
		p->data = page_data(root, projects);
		json_decref(root);
		if (p->data == NULL)
			rc = coopmap_error_set(err, COOPMAP_ERR_NOMEM, "out of memory");
	}
	g_string_free(projects, TRUE);
	return rc;
}

/* leaflet.css names its images by relative URL: in the one-file page
 * they become data: URLs, so the page still fetches nothing. */
static int inline_images(const char *library_dir, char **css,
	coopmap_error *err)
{
	for (size_t i = 0; i < N_OF(library_images); i++) {
		char *from = g_strdup_printf("url(images/%s)", library_images[i]);
		char *bytes = NULL, *b64, *to, **pieces;
		char *dir = g_build_filename(library_dir, "images", NULL);
		gsize n = 0;
		int rc = COOPMAP_OK;

		if (strstr(*css, from) != NULL) {
			char *path = g_build_filename(dir, library_images[i], NULL);

			if (!g_file_get_contents(path, &bytes, &n, NULL))
				rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot read "
					"an image of the map's library", path);
			g_free(path);
		}
		if (bytes != NULL) {
			b64 = g_base64_encode((const guchar *)bytes, n);
			to = g_strdup_printf("url(data:image/png;base64,%s)", b64);
			pieces = g_strsplit(*css, from, -1);
			g_free(*css);
			*css = g_strjoinv(to, pieces);
			g_strfreev(pieces);
			g_free(b64);
			g_free(to);
			g_free(bytes);
		}
		g_free(dir);
		g_free(from);
		if (rc != COOPMAP_OK)
			return rc;
	}
	return COOPMAP_OK;
}

/* A part inlined into a <style> or <script> element must not end it. */
static int check_inlinable(const char *text, const char *what,
	coopmap_error *err)
{
	char *lower = g_ascii_strdown(text, -1);
	int bad = strstr(lower, "</script") != NULL ||
		strstr(lower, "</style") != NULL || strstr(lower, "<!--") != NULL;

	g_free(lower);
	return bad ? coopmap_error_set(err, COOPMAP_ERR_IO, "%s: holds a closing "
		"tag and cannot be inlined into the page", what) : COOPMAP_OK;
}

/* The template with its slots filled: {{lang}}, {{title}}, {{styles}},
 * {{scripts}}, {{data}} and {{s:KEY}} (the words, escaped). */
static int fill_template(const struct page_parts *p, const char *lang,
	const char *title, const char *styles, const char *scripts,
	const char *data, GString *out, coopmap_error *err)
{
	const char *at = p->template_html, *open;

	while ((open = strstr(at, "{{")) != NULL) {
		const char *close = strstr(open, "}}");
		char *slot, *escaped = NULL;
		const char *value = NULL;

		if (close == NULL)
			break;
		g_string_append_len(out, at, open - at);
		slot = g_strndup(open + 2, (gsize)(close - open - 2));
		if (strcmp(slot, "lang") == 0)
			value = lang;
		else if (strcmp(slot, "title") == 0)
			value = escaped = g_markup_escape_text(title, -1);
		else if (strcmp(slot, "styles") == 0)
			value = styles;
		else if (strcmp(slot, "scripts") == 0)
			value = scripts;
		else if (strcmp(slot, "data") == 0)
			value = data;
		else if (strncmp(slot, "s:", 2) == 0 &&
		    json_is_string(json_object_get(p->strings, slot + 2)))
			value = escaped = g_markup_escape_text(json_string_value(
				json_object_get(p->strings, slot + 2)), -1);
		if (value == NULL) {
			int rc = coopmap_error_set(err, COOPMAP_ERR_IO, "page.html: "
				"unknown slot {{%s}}", slot);

			g_free(slot);
			return rc;
		}
		g_string_append(out, value);
		g_free(escaped);
		g_free(slot);
		at = close + 2;
	}
	g_string_append(out, at);
	return COOPMAP_OK;
}

static const char *page_title(const coopmap_publish_opts *opts,
	const struct page_parts *p)
{
	return opts->title != NULL ? opts->title
		: json_string_value(json_object_get(p->strings, "defaultTitle"));
}

int coopmap_publish_write(const coopmap_publish_data *d,
	const coopmap_publish_opts *opts, const char *path, coopmap_error *err)
{
	struct page_parts p;
	GString *styles = g_string_new("<style>\n"), *scripts;
	GString *page = g_string_new(NULL);
	char *data_block = NULL;
	coopmap_output *out = NULL;
	int rc = coopmap_output_check_target(path, err);

	if (rc == COOPMAP_OK)
		rc = parts_load(d, opts, &p, err);
	else
		memset(&p, 0, sizeof(p));
	if (rc == COOPMAP_OK)
		rc = inline_images(d->library_dir, &p.library_css[0], err);
	scripts = g_string_new(NULL);
	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_styles); i++) {
		rc = check_inlinable(p.library_css[i], library_styles[i], err);
		g_string_append(styles, p.library_css[i]);
		g_string_append_c(styles, '\n');
	}
	if (rc == COOPMAP_OK)
		rc = check_inlinable(p.page_css, "page.css", err);
	if (rc == COOPMAP_OK) {
		g_string_append(styles, p.page_css);
		g_string_append(styles, "</style>");
		/* The libraries' licences travel with them, as a comment. */
		g_string_append_printf(scripts, "<script>/*!\n%s*/\n",
			p.licences);
		rc = strstr(p.licences, "*/") != NULL ? coopmap_error_set(err,
			COOPMAP_ERR_IO, "LICENCES.txt: holds */") : COOPMAP_OK;
	}
	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_scripts); i++) {
		rc = check_inlinable(p.library_js[i], library_scripts[i], err);
		g_string_append_printf(scripts, "%s%s\n</script>\n", i > 0
			? "<script>" : "", p.library_js[i]);
	}
	if (rc == COOPMAP_OK)
		rc = check_inlinable(p.page_js, "page.js", err);
	if (rc == COOPMAP_OK) {
		g_string_append_printf(scripts, "<script>\n%s</script>", p.page_js);
		data_block = g_strdup_printf("<script type=\"application/json\" "
			"id=\"coopmap-data\">%s</script>", p.data);
		rc = fill_template(&p, opts->lang != NULL ? opts->lang : "fr",
			page_title(opts, &p), styles->str, scripts->str, data_block,
			page, err);
	}
	if (rc == COOPMAP_OK)
		rc = coopmap_output_open(path, &out, err);
	if (rc == COOPMAP_OK) {
		fwrite(page->str, 1, page->len, coopmap_output_stream(out));
		rc = coopmap_output_commit(out, err);
	}
	g_free(data_block);
	g_string_free(styles, TRUE);
	g_string_free(scripts, TRUE);
	g_string_free(page, TRUE);
	parts_free(&p);
	return rc;
}

/* ---- the hosted folder --------------------------------------------- */

static int write_bytes(const char *dir, const char *name, const char *bytes,
	gssize n, coopmap_error *err)
{
	char *path = g_build_filename(dir, name, NULL);
	GError *gerr = NULL;
	int rc = COOPMAP_OK;

	if (!g_file_set_contents(path, bytes, n, &gerr)) {
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot write (%s)",
			path, gerr->message);
		g_error_free(gerr);
	}
	g_free(path);
	return rc;
}

static int copy_file(const char *from_dir, const char *name,
	const char *to_dir, coopmap_error *err)
{
	char *bytes = NULL;
	gsize n = 0;
	int rc = read_part(from_dir, name, 1, &bytes, &n, err);

	if (rc == COOPMAP_OK)
		rc = write_bytes(to_dir, name, bytes, (gssize)n, err);
	g_free(bytes);
	return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
	struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int fill_folder(const coopmap_publish_data *d,
	const coopmap_publish_opts *opts, const char *tmp, coopmap_error *err)
{
	struct page_parts p;
	GString *styles = g_string_new(NULL), *scripts = g_string_new(NULL);
	GString *page = g_string_new(NULL);
	char *images = g_build_filename(tmp, "images", NULL), *data_js = NULL;
	char *library_images_dir = g_build_filename(d->library_dir, "images",
		NULL);
	int rc = parts_load(d, opts, &p, err);

	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_styles); i++) {
		g_string_append_printf(styles, "<link rel=\"stylesheet\" "
			"href=\"%s\">\n", library_styles[i]);
		rc = write_bytes(tmp, library_styles[i], p.library_css[i], -1, err);
	}
	g_string_append(styles, "<link rel=\"stylesheet\" href=\"page.css\">");
	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_scripts); i++) {
		g_string_append_printf(scripts, "<script src=\"%s\"></script>\n",
			library_scripts[i]);
		rc = write_bytes(tmp, library_scripts[i], p.library_js[i], -1, err);
	}
	g_string_append(scripts, "<script src=\"data.js\"></script>\n"
		"<script src=\"page.js\"></script>");
	if (rc == COOPMAP_OK && mkdir(images, 0755) != 0)
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot make the "
			"folder: %s", images, g_strerror(errno));
	for (size_t i = 0; rc == COOPMAP_OK && i < N_OF(library_images); i++)
		rc = copy_file(library_images_dir, library_images[i], images, err);
	if (rc == COOPMAP_OK)
		rc = write_bytes(tmp, "page.css", p.page_css, -1, err);
	if (rc == COOPMAP_OK)
		rc = write_bytes(tmp, "page.js", p.page_js, -1, err);
	if (rc == COOPMAP_OK)
		rc = write_bytes(tmp, "LICENCES.txt", p.licences, -1, err);
	if (rc == COOPMAP_OK) {
		data_js = g_strdup_printf("window.COOPMAP_DATA = %s;\n", p.data);
		rc = write_bytes(tmp, "data.js", data_js, -1, err);
	}
	if (rc == COOPMAP_OK)
		rc = fill_template(&p, opts->lang != NULL ? opts->lang : "fr",
			page_title(opts, &p), styles->str, scripts->str, "", page, err);
	if (rc == COOPMAP_OK)
		rc = write_bytes(tmp, "index.html", page->str, (gssize)page->len,
			err);
	if (rc == COOPMAP_OK)
		rc = write_bytes(tmp, FOLDER_MARK, "coopmap publish\n", -1, err);
	g_free(data_js);
	g_free(images);
	g_free(library_images_dir);
	g_string_free(styles, TRUE);
	g_string_free(scripts, TRUE);
	g_string_free(page, TRUE);
	parts_free(&p);
	return rc;
}

/* dir may be replaced: missing, or a folder coopmap wrote. */
static int check_folder(const char *dir, int *exists, coopmap_error *err)
{
	struct stat st;
	char *mark;
	int ours;

	*exists = 0;
	if (lstat(dir, &st) != 0)
		return errno == ENOENT ? COOPMAP_OK : coopmap_error_set(err,
			COOPMAP_ERR_IO, "%s: %s", dir, g_strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: exists and is "
			"not a folder", dir);
	mark = g_build_filename(dir, FOLDER_MARK, NULL);
	ours = g_file_test(mark, G_FILE_TEST_IS_REGULAR);
	g_free(mark);
	if (!ours)
		return coopmap_error_set(err, COOPMAP_ERR_USAGE, "%s: a folder that "
			"coopmap did not write (no %s): give a new or empty folder's "
			"name", dir, FOLDER_MARK);
	*exists = 1;
	return COOPMAP_OK;
}

int coopmap_publish_write_folder(const coopmap_publish_data *d,
	const coopmap_publish_opts *opts, const char *dir, coopmap_error *err)
{
	char *trimmed = g_strdup(dir), *tmp;
	int exists = 0, rc;
	size_t n = strlen(trimmed);

	while (n > 1 && trimmed[n - 1] == '/')
		trimmed[--n] = '\0';
	rc = check_folder(trimmed, &exists, err);
	if (rc != COOPMAP_OK) {
		g_free(trimmed);
		return rc;
	}
	/* Built beside dir (same file system) and swapped in whole. */
	tmp = g_strdup_printf("%s.coopmap-XXXXXX", trimmed);
	if (g_mkdtemp_full(tmp, 0755) == NULL) {
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot make a folder "
			"beside it: %s", trimmed, g_strerror(errno));
		g_free(tmp);
		g_free(trimmed);
		return rc;
	}
	rc = fill_folder(d, opts, tmp, err);
	if (rc == COOPMAP_OK && !exists && rename(tmp, trimmed) != 0)
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot put the "
			"folder in place: %s", trimmed, g_strerror(errno));
	else if (rc == COOPMAP_OK && exists && renameat2(AT_FDCWD, tmp,
	    AT_FDCWD, trimmed, RENAME_EXCHANGE) != 0)
		rc = coopmap_error_set(err, COOPMAP_ERR_IO, "%s: cannot swap the "
			"new folder in: %s", trimmed, g_strerror(errno));
	/* Now tmp holds the previous folder, or the failed new one. */
	if (rc != COOPMAP_OK || exists)
		remove_tree(tmp);
	g_free(tmp);
	g_free(trimmed);
	return rc;
}
