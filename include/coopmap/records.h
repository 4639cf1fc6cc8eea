/*
 * records.h: the project list, read from any table OGR knows (table.h),
 * with columns found by meaning (French or English header synonyms, or
 * `header=field` overrides) and every country cell resolved with country.h.
 *
 * Every row read is joined (one project record, or one per country when a
 * cell names several) or rejected with its line, column, value, reason and
 * suggestion: rows read = rows joined + rows rejected, always.
 *
 * Not for: pooling partners (pool.h) or aggregating by country (join.h).
 */
#ifndef COOPMAP_RECORDS_H
#define COOPMAP_RECORDS_H

#include <stddef.h>

#include "coopmap/country.h"
#include "coopmap/error.h"

/* The fields a column can mean. */
typedef enum coopmap_field {
	COOPMAP_FIELD_ESTABLISHMENT,       /* French establishment */
	COOPMAP_FIELD_FINESS,              /* its FINESS number */
	COOPMAP_FIELD_ESTABLISHMENT_CITY,
	COOPMAP_FIELD_REGION,              /* its region (ARS) */
	COOPMAP_FIELD_PARTNER,             /* partner institution */
	COOPMAP_FIELD_PARTNER_CITY,
	COOPMAP_FIELD_COUNTRY,             /* partner country: required */
	COOPMAP_FIELD_THEME,
	COOPMAP_FIELD_PROGRAMME,
	COOPMAP_FIELD_YEAR,
	COOPMAP_FIELD_AMOUNT,              /* euros */
	COOPMAP_FIELD_TRAINED,             /* people trained */
	COOPMAP_FIELD_MISSIONS,
	COOPMAP_FIELD_DELEGATIONS,         /* delegations hosted */
	COOPMAP_FIELD_ESTABLISHMENT_LAT,
	COOPMAP_FIELD_ESTABLISHMENT_LON,
	COOPMAP_FIELD_PARTNER_LAT,
	COOPMAP_FIELD_PARTNER_LON,
	COOPMAP_FIELD_SOURCE,
	COOPMAP_FIELD_LEAD,                /* project lead, French side */
	COOPMAP_FIELD_PARTNER_LEAD,        /* project lead, partner side */
	COOPMAP_FIELD_DURATION,
	COOPMAP_FIELD_AGREEMENT,           /* signed agreement between hospitals */
	COOPMAP_FIELD_COUNT
} coopmap_field;

/* The field's name as --map takes it ("partner_city"), and its headers. */
const char *coopmap_field_name(coopmap_field field);
/* Accepted headers of a field, NULL-terminated (borrowed, folded form). */
const char *const *coopmap_field_synonyms(coopmap_field field);
/* Its name in lang: French ("ville_partenaire") or English. */
const char *coopmap_field_name_in(coopmap_field field, const char *lang);
/* The field called name (English or French name), or -1. */
int coopmap_field_from_name(const char *name);

/*
 * The field a header that no synonym matches probably means, or -1: one
 * of the field's headers begins it or stands in it as whole words
 * ("Établissement français (CHU/CH)": establishment), or a word of it
 * shares its first six letters with a word of one ("Financeur":
 * programme).  Only said to the user (--map), never taken on its own.
 */
int coopmap_field_suggest(const char *header);

/* One project record; strings are borrowed from the list ("" when absent),
 * numbers are NAN when absent. */
typedef struct coopmap_project {
	long line;                        /* line of the input it came from */
	int part;                         /* 0, or 1.. for the countries of a
	                                     multi-country row */
	const char *establishment;
	const char *finess;
	const char *establishment_city;
	const char *region;
	const char *partner;
	const char *partner_city;
	const char *country_text;         /* the part of the cell resolved */
	const coopmap_country *country;   /* resolved partner country */
	const char *theme;
	const char *programme;
	const char *source;
	const char *lead, *partner_lead, *duration, *agreement;
	int year;                         /* start year, 0 when not given */
	double amount, trained, missions, delegations;
	double establishment_lat, establishment_lon;
	double partner_lat, partner_lon;
	/* Set by locate.h: where each end is, and how it was found. */
	const coopmap_country *establishment_country;  /* FRA or an overseas unit */
	int establishment_approximate;  /* no city found: the country's point */
	int partner_approximate;
	size_t partner_homonyms;        /* places of the partner city's name */
} coopmap_project;

/* Why a row was rejected: stable codes for reports in any language. */
typedef enum coopmap_reject_reason {
	COOPMAP_REJECT_COUNTRY_EMPTY,
	COOPMAP_REJECT_COUNTRY_UNKNOWN,
	COOPMAP_REJECT_COUNTRY_AMBIGUOUS,
	COOPMAP_REJECT_YEAR,
	COOPMAP_REJECT_NUMBER,
	COOPMAP_REJECT_NEGATIVE,
	COOPMAP_REJECT_COORDINATE,
	COOPMAP_REJECT_EXTRA_CELLS,  /* more cells than column names */
	COOPMAP_REJECT_ENCODING,     /* bytes that are not UTF-8 in a file that
	                                is UTF-8 elsewhere */
	COOPMAP_REJECT_REASON_COUNT
} coopmap_reject_reason;

typedef struct coopmap_reject {
	long line;
	coopmap_reject_reason code;
	const char *column;      /* header of the cell to blame */
	const char *value;
	const char *reason;      /* in English, a person can act on it */
	const char *suggestion;  /* "" or what was probably meant */
} coopmap_reject;

/* The reason's short label ("unknown country") in "fr" or "en". */
const char *coopmap_reject_label(coopmap_reject_reason code, const char *lang);

typedef struct coopmap_records_opts {
	const char *layer;           /* sheet or layer; NULL: the first */
	const char *encoding;        /* of a CSV; NULL: detected */
	const char *const *map;      /* "header=field" overrides */
	size_t n_map;
} coopmap_records_opts;

#define COOPMAP_RECORDS_OPTS_INIT { NULL, NULL, NULL, 0 }

typedef struct coopmap_projects coopmap_projects;

/*
 * Read the projects of path (opts may be NULL).  A row whose country is
 * empty, unknown or ambiguous, whose year is not a year, whose count is not
 * a number or negative, or whose coordinates are out of range, is a reject,
 * not an error.  So is a row of a text file found to be UTF-8 but for a few
 * bad sequences that holds one (its column, the cell with U+FFFD for them,
 * and their line, column and bytes, escaped, in the reason): the rest of
 * the row is right, but a name with a character lost would be drawn and
 * exported as if it were; a bad sequence on the header's line or above is
 * an error (COOPMAP_ERR_IO).  Caller frees *out.
 * A country cell naming several countries ("Bénin, Togo", "Bénin / Togo",
 * "Bénin et Togo") gives one project record per country when every part
 * resolves and the whole cell does not.
 * Errors: those of coopmap_table_read; COOPMAP_ERR_USAGE for a bad --map;
 * COOPMAP_ERR_INPUT when no column names the partner country (the message
 * lists the accepted headers).
 */
int coopmap_projects_read(const char *path, const coopmap_records_opts *opts,
	const coopmap_countries *countries, coopmap_projects **out,
	coopmap_error *err);

void coopmap_projects_free(coopmap_projects *projects);

const char *coopmap_projects_path(const coopmap_projects *projects);
/* Encoding the file was read in ("" for non-text formats). */
const char *coopmap_projects_encoding(const coopmap_projects *projects);
/* Why the encoding was a guess (coopmap_table_encoding_note), or "". */
const char *coopmap_projects_encoding_note(const coopmap_projects *projects);
size_t coopmap_projects_rows_read(const coopmap_projects *projects);
/* The line of the header: 1, or below a title and blank lines (a sheet
 * made to be printed), which are not rows. */
long coopmap_projects_header_line(const coopmap_projects *projects);
size_t coopmap_projects_rows_joined(const coopmap_projects *projects);
/* Project records (more than rows joined when rows name several countries). */
size_t coopmap_projects_count(const coopmap_projects *projects);
const coopmap_project *coopmap_projects_get(const coopmap_projects *projects,
	size_t i);
/* A copy of text that lives as long as the projects (for the steps that
 * complete records); NULL only when out of memory. */
const char *coopmap_projects_intern(coopmap_projects *projects,
	const char *text);

/* The same record, for the steps that complete it (locate.h). */
coopmap_project *coopmap_projects_get_mutable(coopmap_projects *projects,
	size_t i);
/*
 * Keep the project records keep() accepts, in order; returns how many were
 * dropped.  Rows read, joined and rejected are not changed: a record left
 * out by a filter was joined, then not asked for.
 */
size_t coopmap_projects_retain(coopmap_projects *projects,
	int (*keep)(const coopmap_project *project, void *data), void *data);
/*
 * Cells of kept rows that were not read as written, in line order
 * (borrowed): an optional figure (year, amount, count, coordinate) that
 * does not parse is left out and the project stays; a year written as
 * people mean it ("2017-2019": 2017; "vers 2010": 2010) is read so and
 * said.  code says which kind of cell; reason what was done.
 */
/* Which sheet of a workbook of several was read, and why ("sheet
 * 'Projets' read: the first, 'Notice', names no country column (the file
 * also has ...)"); "" for a file of one table.  Borrowed. */
const char *coopmap_projects_sheet_note(const coopmap_projects *projects);

size_t coopmap_projects_note_count(const coopmap_projects *projects);
const coopmap_reject *coopmap_projects_note_get(
	const coopmap_projects *projects, size_t i);

size_t coopmap_projects_reject_count(const coopmap_projects *projects);
const coopmap_reject *coopmap_projects_reject_get(
	const coopmap_projects *projects, size_t i);

/*
 * Which column became which field: for column i of the input, its header
 * and its field, or -1 when it was ignored (a later column with the same
 * meaning, or an unknown header).
 */
size_t coopmap_projects_column_count(const coopmap_projects *projects);
/* True when a column of the input fills field. */
int coopmap_projects_has_field(const coopmap_projects *projects,
	coopmap_field field);
const char *coopmap_projects_column_header(const coopmap_projects *projects,
	size_t i);
int coopmap_projects_column_field(const coopmap_projects *projects, size_t i);

#endif
