/* test_records.c: reading project lists; every row is joined or rejected
 * with its line, column, value, reason and suggestion. */
#include "test_util.h"

#include <glib.h>
#include <string.h>

#include "coopmap/country.h"
#include "coopmap/records.h"
#include "coopmap/table.h"

static coopmap_countries *registry;

static int open_registry(void **state)
{
	(void)state;
	registry = test_open_countries("50m", 1);
	return registry != NULL ? 0 : -1;
}

static int close_registry(void **state)
{
	(void)state;
	coopmap_countries_free(registry);
	return 0;
}

static coopmap_projects *read_ok(const char *path)
{
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	if (coopmap_projects_read(path, NULL, registry, &p, &err) != COOPMAP_OK)
		fail_msg("%s", err.message);
	/* Nothing lost: every row read is joined or rejected. */
	assert_int_equal(coopmap_projects_rows_read(p),
		coopmap_projects_rows_joined(p) + coopmap_projects_reject_count(p));
	assert_true(coopmap_projects_count(p) >= coopmap_projects_rows_joined(p));
	return p;
}

static void test_bundled_example_joins_every_row(void **state)
{
	coopmap_projects *p = read_ok("examples/cooperations.csv");
	const coopmap_project *first;

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(p), 60);
	assert_int_equal(coopmap_projects_count(p), 60);
	first = coopmap_projects_get(p, 0);
	assert_int_equal(first->line, 2);
	assert_string_equal(first->establishment, "CHU de Tours");
	assert_string_equal(first->country->iso_a3, "DZA");
	assert_int_equal(first->year, 2024);
	assert_string_equal(first->partner_city, "Oran");
	coopmap_projects_free(p);
}

static void expect_reject(const coopmap_reject *r, long line,
	const char *column, const char *value, const char *reason_part,
	const char *suggestion_part)
{
	assert_int_equal(r->line, line);
	assert_string_equal(r->column, column);
	assert_string_equal(r->value, value);
	assert_non_null(strstr(r->reason, reason_part));
	if (suggestion_part != NULL)
		assert_non_null(strstr(r->suggestion, suggestion_part));
}

static void test_bad_rows_are_rejected_with_line_and_reason(void **state)
{
	coopmap_projects *p = read_ok("tests/data/projects-bad.csv");

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(p), 6);
	assert_int_equal(coopmap_projects_count(p), 3);
	assert_int_equal(coopmap_projects_reject_count(p), 3);
	expect_reject(coopmap_projects_reject_get(p, 0), 3, "pays",
		"Madagasikara", "unknown country", "Madagascar");
	expect_reject(coopmap_projects_reject_get(p, 1), 4, "pays", "",
		"empty", NULL);
	expect_reject(coopmap_projects_reject_get(p, 2), 6, "pays", "Atlantide",
		"unknown country", NULL);
	/* A year that is not one keeps the project, without a year, and says
	 * so at its cell. */
	assert_int_equal(coopmap_projects_note_count(p), 1);
	expect_reject(coopmap_projects_note_get(p, 0), 5, "annee", "19xx",
		"kept without a year", NULL);
	assert_string_equal(coopmap_projects_get(p, 1)->country->iso_a3, "SEN");
	assert_int_equal(coopmap_projects_get(p, 1)->year, 0);
	assert_string_equal(coopmap_projects_get(p, 2)->country->iso_a3, "VNM");
	coopmap_projects_free(p);
}

/* Optional cells as people write them: the project is always kept. */
static void test_optional_cells_keep_the_project_and_are_said(void **state)
{
	coopmap_projects *p = read_ok("tests/bad/year-range.csv");

	(void)state;
	assert_int_equal(coopmap_projects_count(p), 4);
	assert_int_equal(coopmap_projects_reject_count(p), 0);
	assert_int_equal(coopmap_projects_get(p, 0)->year, 2017);  /* 2017-2019 */
	assert_int_equal(coopmap_projects_get(p, 1)->year, 2010);  /* vers 2010 */
	assert_true(isnan(coopmap_projects_get(p, 1)->amount));    /* abc */
	assert_int_equal(coopmap_projects_get(p, 2)->year, 0);     /* 2008 - 2005 */
	assert_int_equal(coopmap_projects_get(p, 3)->year, 0);     /* plus tard */
	assert_true(isnan(coopmap_projects_get(p, 3)->amount));    /* -3 */
	assert_int_equal(coopmap_projects_note_count(p), 6);
	expect_reject(coopmap_projects_note_get(p, 0), 2, "annee", "2017-2019",
		"a range: its first year, 2017", NULL);
	expect_reject(coopmap_projects_note_get(p, 1), 3, "annee", "vers 2010",
		"read as 2010", NULL);
	coopmap_projects_free(p);
}

static void test_english_headers_are_understood(void **state)
{
	coopmap_projects *p = read_ok("tests/data/projects-en.csv");
	const coopmap_project *second;

	(void)state;
	assert_int_equal(coopmap_projects_count(p), 2);
	second = coopmap_projects_get(p, 1);
	assert_string_equal(second->establishment, "AP-HP");
	assert_string_equal(second->partner, "HAKS");
	assert_string_equal(second->partner_city, "Phnom Penh");
	assert_string_equal(second->country->iso_a3, "KHM");
	assert_string_equal(second->programme, "APCHI");
	assert_int_equal(second->year, 2017);
	coopmap_projects_free(p);
}

/* Reading path fails with code, and the message holds part. */
static void expect_read_error(const char *path, int code, const char *part)
{
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	assert_int_equal(coopmap_projects_read(path, NULL, registry, &p, &err),
		code);
	assert_null(p);
	if (strstr(err.message, part) == NULL)
		fail_msg("%s: expected '%s' in: %s", path, part, err.message);
}

static void test_a_list_without_country_column_is_an_error(void **state)
{
	(void)state;
	expect_read_error("tests/data/projects-no-country.csv", COOPMAP_ERR_INPUT,
		"pays");
}

static void test_a_missing_file_is_an_io_error(void **state)
{
	(void)state;
	expect_read_error("tests/data/no-such-file.csv", COOPMAP_ERR_IO,
		"no-such-file.csv");
}

static void expect_same_record(const coopmap_project *a,
	const coopmap_project *b, const char *format)
{
	if (strcmp(a->establishment, b->establishment) != 0 ||
	    strcmp(a->finess, b->finess) != 0 ||
	    strcmp(a->establishment_city, b->establishment_city) != 0 ||
	    strcmp(a->partner, b->partner) != 0 ||
	    strcmp(a->partner_city, b->partner_city) != 0 ||
	    a->country != b->country || strcmp(a->theme, b->theme) != 0 ||
	    strcmp(a->programme, b->programme) != 0 || a->year != b->year ||
	    a->part != b->part ||
	    !((isnan(a->amount) && isnan(b->amount)) || a->amount == b->amount) ||
	    !((isnan(a->trained) && isnan(b->trained)) || a->trained == b->trained))
		fail_msg("%s: the record of '%s' (line %ld) differs from the UTF-8 "
			"CSV's", format, b->establishment, b->line);
}

static void test_every_format_gives_the_same_records(void **state)
{
	static const char *const files[] = {
		"tests/data/formats/projets-excel.csv",
		"tests/data/formats/projets-bom.csv",
		"tests/data/formats/projets.xlsx",
		"tests/data/formats/projets.ods",
		"tests/data/formats/projets.gpkg",
		"tests/data/formats/projets.geojson",
	};
	coopmap_projects *ref = read_ok("tests/data/formats/projets.csv");

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(ref), 10);
	assert_int_equal(coopmap_projects_rows_joined(ref), 10);
	assert_int_equal(coopmap_projects_count(ref), 11);
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		coopmap_projects *p = read_ok(files[f]);

		assert_int_equal(coopmap_projects_count(p), coopmap_projects_count(ref));
		for (size_t i = 0; i < coopmap_projects_count(p); i++)
			expect_same_record(coopmap_projects_get(ref, i),
				coopmap_projects_get(p, i), files[f]);
		coopmap_projects_free(p);
	}
	coopmap_projects_free(ref);
}

static void test_french_excel_csv_is_read_as_windows_1252(void **state)
{
	coopmap_projects *p = read_ok("tests/data/formats/projets-excel.csv");
	const coopmap_project *nimes = coopmap_projects_get(p, 1);

	(void)state;
	assert_string_equal(coopmap_projects_encoding(p), "WINDOWS-1252");
	assert_string_equal(nimes->establishment, "CHU de Nîmes");
	assert_string_equal(nimes->country->iso_a3, "SEN");
	assert_string_equal(nimes->theme, "maintenance\nbiomédicale");
	coopmap_projects_free(p);
}

static void test_lines_follow_quoted_cells_that_span_lines(void **state)
{
	coopmap_projects *p = read_ok("tests/data/formats/projets.csv");

	(void)state;
	assert_int_equal(coopmap_projects_get(p, 1)->line, 3);  /* Nîmes */
	assert_int_equal(coopmap_projects_get(p, 2)->line, 5);  /* Strasbourg */
	coopmap_projects_free(p);
}

static void test_spreadsheet_rows_are_the_lines(void **state)
{
	coopmap_projects *p = read_ok("tests/data/formats/projets.xlsx");

	(void)state;
	assert_int_equal(coopmap_projects_get(p, 0)->line, 2);
	assert_int_equal(coopmap_projects_get(p, 2)->line, 4);
	coopmap_projects_free(p);
}

/* A title above the header (a sheet made to be printed, or its CSV export
 * with the title padded to the columns): the header is found below it, the
 * title is not a row, and the rows keep their lines. */
static void test_a_title_above_the_header_is_skipped(void **state)
{
	const char *paths[] = { "tests/bad/title-row.xlsx",
		"tests/bad/title-row-padded.csv" };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		coopmap_projects *p = read_ok(paths[i]);
		const coopmap_project *first = coopmap_projects_get(p, 0);

		assert_int_equal(coopmap_projects_header_line(p), 2);
		assert_int_equal(coopmap_projects_rows_read(p), 2);
		assert_int_equal(coopmap_projects_rows_joined(p), 2);
		assert_int_equal(first->line, 3);
		assert_string_equal(first->establishment, "CHU de Rennes");
		assert_string_equal(first->country->iso_a3, "BDI");
		assert_int_equal(first->year, 2006);
		assert_int_equal(coopmap_projects_get(p, 1)->line, 4);
		coopmap_projects_free(p);
	}
	/* A header on the first line stays there. */
	{
		coopmap_projects *p = read_ok("tests/data/formats/projets.xlsx");

		assert_int_equal(coopmap_projects_header_line(p), 1);
		coopmap_projects_free(p);
	}
}

static void test_french_numbers_and_multi_country_cells(void **state)
{
	coopmap_projects *p = read_ok("tests/data/formats/projets.csv");
	const coopmap_project *rennes = coopmap_projects_get(p, 0);
	const coopmap_project *nimes = coopmap_projects_get(p, 1);
	const coopmap_project *benin = coopmap_projects_get(p, 9);
	const coopmap_project *togo = coopmap_projects_get(p, 10);

	(void)state;
	assert_close(rennes->amount, 15000, 0);
	assert_close(rennes->trained, 12, 0);
	assert_close(nimes->amount, 20000.5, 1e-9);
	assert_true(isnan(coopmap_projects_get(p, 2)->amount));
	assert_string_equal(benin->country->iso_a3, "BEN");
	assert_string_equal(togo->country->iso_a3, "TGO");
	assert_int_equal(benin->line, togo->line);
	assert_int_equal(benin->part, 1);
	assert_int_equal(togo->part, 2);
	coopmap_projects_free(p);
}

static void test_an_ambiguous_name_is_refused_not_split(void **state)
{
	coopmap_projects *p = read_ok("tests/data/projects-lists.csv");

	(void)state;
	assert_int_equal(coopmap_projects_rows_joined(p), 1);
	assert_int_equal(coopmap_projects_count(p), 2);   /* Bénin, Togo */
	assert_int_equal(coopmap_projects_reject_count(p), 3);
	assert_int_equal(coopmap_projects_reject_get(p, 0)->code,
		COOPMAP_REJECT_COUNTRY_AMBIGUOUS);
	assert_int_equal(coopmap_projects_reject_get(p, 1)->code,
		COOPMAP_REJECT_COUNTRY_UNKNOWN);          /* NC: a placeholder */
	assert_int_equal(coopmap_projects_reject_get(p, 2)->code,
		COOPMAP_REJECT_COUNTRY_AMBIGUOUS);
	assert_non_null(strstr(coopmap_projects_reject_get(p, 2)->reason,
		"Corée du Sud"));
	coopmap_projects_free(p);
}

static void test_wrong_encoding_given_is_an_error_with_line(void **state)
{
	coopmap_records_opts opts = COOPMAP_RECORDS_OPTS_INIT;
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	opts.encoding = "UTF-8";
	assert_int_equal(coopmap_projects_read("tests/data/formats/projets-excel.csv",
		&opts, registry, &p, &err), COOPMAP_ERR_IO);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "--encoding"));
}

/* A cell of any length: the reject keeps it whole, and what is cut for a
 * message stays valid UTF-8 (a reject file must be). */
static void test_a_long_cell_gives_whole_valid_utf8_rejects(void **state)
{
	const char *path = TEST_ARTIFACTS "/long-country.csv";
	GString *text = g_string_new("etablissement,pays\nCHU de Brest,Mali; ");
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;
	const coopmap_reject *r;

	(void)state;
	for (int i = 0; i < 700; i++)
		g_string_append(text, "ü");   /* 2 bytes each */
	g_string_append_c(text, '\n');
	assert_true(g_file_set_contents(path, text->str, (gssize)text->len, NULL));
	assert_int_equal(coopmap_projects_read(path, NULL, registry, &p, &err),
		COOPMAP_OK);
	assert_int_equal(coopmap_projects_reject_count(p), 1);
	r = coopmap_projects_reject_get(p, 0);
	assert_true(g_utf8_validate(r->reason, -1, NULL));
	assert_true(g_utf8_validate(r->value, -1, NULL));
	assert_int_equal(strlen(r->reason), strlen("unknown country ''") + 1400);
	coopmap_projects_free(p);
	g_string_free(text, TRUE);
}

static const char *map_bad[1];

/* A note far to the right (column BXZ, 2,002: past the 2,000 columns
 * GDAL's XLSX driver reads) loses no row and empties none, in sheets
 * typed as XML and in sheets LibreOffice wrote. */
static void test_a_far_column_keeps_its_row(void **state)
{
	static const char *const paths[] = { "tests/bad/far-column-last.xlsx",
		"tests/bad/lo-far-column-last.xlsx", "tests/bad/far-column-middle.xlsx",
		"tests/bad/lo-far-column-middle.xlsx" };

	(void)state;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		coopmap_projects *p = read_ok(paths[i]);
		const coopmap_project *tours = coopmap_projects_get(p, i < 2 ? 1 : 0);
		size_t columns = coopmap_projects_column_count(p);

		assert_int_equal(coopmap_projects_rows_read(p), 2);
		assert_int_equal(coopmap_projects_reject_count(p), 0);
		assert_int_equal(tours->line, i < 2 ? 3 : 2);
		assert_string_equal(tours->country->iso_a3, "SEN");
		assert_string_equal(tours->partner, "Hôpital de Fann");
		assert_int_equal(tours->year, 2019);
		assert_int_equal(columns, 2002);
		assert_string_equal(coopmap_projects_column_header(p, columns - 1),
			"Field2002");
		coopmap_projects_free(p);
	}
}

/* A row repeated 65,536 times (table:number-rows-repeated; GDAL's ODS
 * driver stops at 10,000) is 65,536 rows, and the row after it is read. */
static void test_a_repeated_row_is_as_many_rows(void **state)
{
	coopmap_projects *p = read_ok("tests/bad/repeated-rows.ods");
	size_t n = coopmap_projects_count(p);

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(p), 65537);
	assert_int_equal(n, 65537);
	assert_int_equal(coopmap_projects_get(p, 0)->line, 2);
	assert_int_equal(coopmap_projects_get(p, n - 2)->line, 65537);
	assert_string_equal(coopmap_projects_get(p, n - 2)->country->iso_a3,
		"BDI");
	assert_int_equal(coopmap_projects_get(p, n - 1)->line, 65538);
	assert_string_equal(coopmap_projects_get(p, n - 1)->country->iso_a3,
		"MLI");
	coopmap_projects_free(p);
}

/* Empty rows of a sheet, one by one or in runs LibreOffice writes as one
 * repeated row, in the middle or at the end, are not rows; the rows keep
 * their lines. */
static void test_empty_rows_of_a_sheet_are_not_rows(void **state)
{
	coopmap_projects *p = read_ok("tests/bad/lo-empty-run.ods");

	(void)state;
	assert_int_equal(coopmap_projects_rows_read(p), 2);
	assert_int_equal(coopmap_projects_reject_count(p), 0);
	assert_int_equal(coopmap_projects_get(p, 1)->line, 65539);
	assert_string_equal(coopmap_projects_get(p, 1)->country->iso_a3, "MLI");
	coopmap_projects_free(p);
	p = read_ok("tests/bad/empty-tail.ods");
	assert_int_equal(coopmap_projects_rows_read(p), 2);
	assert_int_equal(coopmap_projects_column_count(p), 4);
	assert_string_equal(coopmap_projects_get(p, 0)->partner, "Hôpital de Fann");
	coopmap_projects_free(p);
}

/* A name merged over three columns (LibreOffice writes the two covered
 * cells as one, repeated): the cells after it stay in their columns. */
static void test_cells_after_a_merged_range_keep_their_columns(void **state)
{
	coopmap_projects *p = read_ok("tests/bad/lo-merged-cells.ods");
	const coopmap_project *tours = coopmap_projects_get(p, 0);

	(void)state;
	assert_int_equal(coopmap_projects_reject_count(p), 0);
	assert_string_equal(tours->establishment, "CHU de Tours");
	assert_string_equal(tours->country->iso_a3, "SEN");
	assert_string_equal(tours->partner, "Hôpital de Fann");
	assert_int_equal(tours->year, 2019);
	coopmap_projects_free(p);
}

/* A row with content repeated past the last row a sheet can have: an
 * error naming the sheet and the line, not rows dropped in silence. */
static void test_a_row_repeated_past_the_sheet_is_an_error(void **state)
{
	(void)state;
	expect_read_error("tests/bad/repeated-past-end.ods", COOPMAP_ERR_INPUT,
		"sheet 'projets', line 3: a row repeated past the last row");
}

/* A file in UTF-8 but for one bad sequence (overlong, surrogate, a stray
 * Windows-1252 byte) is read as UTF-8: the other accents stay right, and
 * the row holding the sequence is rejected naming its column, line,
 * column and bytes (the whole file used to be re-read as Windows-1252). */
static void test_one_bad_sequence_rejects_its_row_not_the_file(void **state)
{
	static const struct {
		const char *path, *value, *bytes;
	} cases[] = {
		{ "tests/bad/utf8-overlong.csv", "CHU de Kamenge\uFFFD",
			"\\xC0\\xAF at column 37" },
		{ "tests/bad/utf8-surrogate.csv", "CHU de Kamenge \uFFFD",
			"\\xED\\xA0\\x80 at column 38" },
		{ "tests/bad/utf8-one-latin1.csv", "H\uFFFDpital du Point G",
			"\\xF4 at column 20" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		coopmap_projects *p = read_ok(cases[i].path);
		const coopmap_reject *r;

		assert_string_equal(coopmap_projects_encoding(p), "UTF-8");
		assert_string_equal(coopmap_projects_encoding_note(p), "");
		assert_string_equal(coopmap_projects_get(p, 0)->partner,
			"Hôpital de Fann");
		assert_string_equal(coopmap_projects_get(p, 0)->country->iso_a3,
			"SEN");
		assert_int_equal(coopmap_projects_reject_count(p), 1);
		r = coopmap_projects_reject_get(p, 0);
		assert_int_equal(r->code, COOPMAP_REJECT_ENCODING);
		expect_reject(r, 3, "partenaire", cases[i].value, cases[i].bytes,
			NULL);
		coopmap_projects_free(p);
	}
	expect_read_error("tests/bad/utf8-bad-header.csv", COOPMAP_ERR_IO,
		"utf8-bad-header.csv:1:17: bytes \\xC0\\xAF are not valid UTF-8");
}

/* Windows-1252 is a guess from the bytes, and is said as one. */
static void test_a_windows_1252_guess_is_said(void **state)
{
	coopmap_projects *p = read_ok("tests/bad/windows-1252.csv");

	(void)state;
	assert_string_equal(coopmap_projects_encoding(p), "WINDOWS-1252");
	assert_non_null(strstr(coopmap_projects_encoding_note(p),
		"such as \\xE9 on line 2 cannot be; 0 valid UTF-8 characters): "
		"read as Windows-1252"));
	coopmap_projects_free(p);
}

/* Other tables (layers, places ...) have no rejects: there one bad
 * sequence in a UTF-8 file is an error naming it. */
static void test_a_bad_sequence_in_another_table_is_an_error(void **state)
{
	coopmap_table *t = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	assert_int_equal(coopmap_table_read("tests/bad/utf8-surrogate.csv", NULL,
		&t, &err), COOPMAP_ERR_IO);
	assert_null(t);
	assert_non_null(strstr(err.message, "utf8-surrogate.csv:3:38: bytes "
		"\\xED\\xA0\\x80 are not valid UTF-8"));
}

static void test_map_overrides_a_header(void **state)
{
	static const char *const map[] = { "Partenaire=partner_city",
		"Ville partenaire=partner" };
	coopmap_records_opts opts = COOPMAP_RECORDS_OPTS_INIT;
	coopmap_projects *p = NULL;
	coopmap_error err = COOPMAP_ERROR_INIT;

	(void)state;
	opts.map = map;
	opts.n_map = 2;
	assert_int_equal(coopmap_projects_read("tests/data/formats/projets.csv",
		&opts, registry, &p, &err), COOPMAP_OK);
	assert_string_equal(coopmap_projects_get(p, 0)->partner, "Bujumbura");
	assert_string_equal(coopmap_projects_get(p, 0)->partner_city,
		"CHU de Kamenge");
	coopmap_projects_free(p);
	opts.n_map = 1;
	map_bad[0] = "Partenaire=nonsense";
	opts.map = map_bad;
	assert_int_equal(coopmap_projects_read("tests/data/formats/projets.csv",
		&opts, registry, &p, &err), COOPMAP_ERR_USAGE);
	assert_non_null(strstr(err.message, "nonsense"));
}

/* Headers people write that no synonym matches: what --map is proposed. */
static void test_ignored_headers_get_a_suggested_field(void **state)
{
	static const struct { const char *header; int field; } cases[] = {
		{ "Établissement français (CHU/CH)", COOPMAP_FIELD_ESTABLISHMENT },
		{ "Pays partenaire (ISO 3)", COOPMAP_FIELD_COUNTRY },
		{ "Ville du partenaire / commune", COOPMAP_FIELD_PARTNER_CITY },
		{ "Financements obtenus", COOPMAP_FIELD_PROGRAMME },
		{ "Nombre de missions réalisées", COOPMAP_FIELD_MISSIONS },
		{ "Commentaire", -1 },
		{ "N°", -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (coopmap_field_suggest(cases[i].header) != cases[i].field)
			fail_msg("'%s': suggested %d, expected %d", cases[i].header,
				coopmap_field_suggest(cases[i].header), cases[i].field);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_example_joins_every_row),
		cmocka_unit_test(test_bad_rows_are_rejected_with_line_and_reason),
		cmocka_unit_test(test_optional_cells_keep_the_project_and_are_said),
		cmocka_unit_test(test_ignored_headers_get_a_suggested_field),
		cmocka_unit_test(test_english_headers_are_understood),
		cmocka_unit_test(test_a_list_without_country_column_is_an_error),
		cmocka_unit_test(test_a_missing_file_is_an_io_error),
		cmocka_unit_test(test_every_format_gives_the_same_records),
		cmocka_unit_test(test_french_excel_csv_is_read_as_windows_1252),
		cmocka_unit_test(test_lines_follow_quoted_cells_that_span_lines),
		cmocka_unit_test(test_spreadsheet_rows_are_the_lines),
		cmocka_unit_test(test_a_title_above_the_header_is_skipped),
		cmocka_unit_test(test_french_numbers_and_multi_country_cells),
		cmocka_unit_test(test_an_ambiguous_name_is_refused_not_split),
		cmocka_unit_test(test_wrong_encoding_given_is_an_error_with_line),
		cmocka_unit_test(test_map_overrides_a_header),
		cmocka_unit_test(test_a_long_cell_gives_whole_valid_utf8_rejects),
		cmocka_unit_test(test_a_far_column_keeps_its_row),
		cmocka_unit_test(test_a_repeated_row_is_as_many_rows),
		cmocka_unit_test(test_empty_rows_of_a_sheet_are_not_rows),
		cmocka_unit_test(test_a_row_repeated_past_the_sheet_is_an_error),
		cmocka_unit_test(test_cells_after_a_merged_range_keep_their_columns),
		cmocka_unit_test(test_one_bad_sequence_rejects_its_row_not_the_file),
		cmocka_unit_test(test_a_windows_1252_guess_is_said),
		cmocka_unit_test(test_a_bad_sequence_in_another_table_is_an_error),
	};
	return cmocka_run_group_tests_name("records", tests, open_registry,
		close_registry);
}
