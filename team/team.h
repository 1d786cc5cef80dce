/* team/team.h — several coders: agreement (percent, Cohen's and
 * Brennan–Prediger κ, Krippendorff's α, MAXQDA's segment agreement), two
 * coders side by side, blind copies and merging them back.
 */
#ifndef ANKER_TEAM_H
#define ANKER_TEAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../store/store.h"
#include "../report/report.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"

/* Reliability statistics (team/alpha.c).  NAN means undefined (shown as
 * an empty cell): no pairable values, or no variation to compare with
 * (a chance agreement of 1). */
enum team_alpha_level { TEAM_ALPHA_NOMINAL, TEAM_ALPHA_ORDINAL, TEAM_ALPHA_INTERVAL,
                          TEAM_ALPHA_RATIO };
/* "nominal", "ordinal", "interval", "ratio"; -1 when unknown. */
int team_alpha_level_parse(const char *s);
/* Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability") for values, ncoders x nunits row major, NAN for a
 * missing value.  For nominal data the values are category numbers (any
 * distinct doubles); ratio data must not be negative.  *pairable (if not
 * NULL): the number of pairable values n. */
double team_alpha(const double *values, size_t ncoders, size_t nunits,
                    enum team_alpha_level level, double *pairable);
/* Nominal alpha from binary coincidences o00, o01 (= o10), o11. */
double team_alpha_binary(double o00, double o01, double o11);
/* Cohen's kappa from a k x k table of counts (rows: coder 1). */
double team_cohen_kappa(const double *table, size_t k);
/* Brennan-Prediger kappa: (po - 1/q) / (1 - 1/q) for q categories. */
double team_bp_kappa(double po, size_t q);

/* A reliability data matrix read from CSV (team/alpha_csv.c): one row per
 * coder, one column per unit; an empty cell, "." or "NA" is missing.  The
 * separator is the first record's: a semicolon, else a tab, else a comma,
 * else blanks; RFC 4180 quoting (line breaks and "" inside quotes); a
 * decimal comma in semicolon and tab files; a UTF-8 BOM is skipped.
 * Errors (ANKER_INPUT) name the line and column.  The first column holds
 * coder names when names is set, or when all its cells are non-numeric
 * while every other cell is a number or missing.  Numeric levels need
 * numbers; for nominal data non-numeric values are labels (numbered in
 * order of appearance; labels[i] names category i). */
struct team_alpha_data {
	size_t ncoders, nunits;
	double *values;         /* ncoders x nunits, NAN missing */
	char **coders;          /* names ("1", "2", ... when none given) */
	char **labels;
	size_t nlabels;
};
int team_alpha_csv(const char *text, size_t len, enum team_alpha_level level, bool names,
                     struct team_alpha_data *out, struct anker_err *err);
void team_alpha_data_free(struct team_alpha_data *d);

/* Intercoder agreement over units (team/agree.c).  For each code each
 * unit is coded or not by each coder (a coder's own overlapping codings
 * count once).  The counting takes coders who are present or missing per
 * unit: complete units (every coder present) give units, coded, agree (all
 * coders alike) and the 2 x 2 table (two coders); every unit with m >= 2
 * coders present adds its ordered pairs of values (a coded, b = m - a
 * not: a (a - 1) pairs coded both, b (b - 1) uncoded both, a b mixed) to
 * pairs[m].  Every count is a whole number, so that counts add and
 * subtract exactly, in any order (a document's part taken out again:
 * team/agree_catch.c); the statistics divide only at the end: alpha's
 * coincidences are the pairs weighed by 1 / (m - 1); the mean pairwise
 * agreement is the agreeing pairs of the complete units (pairs[ncoders])
 * over their ncoders (ncoders - 1) pairs each.  team_agree itself has
 * every coder present in every document it counts (SPEC §5's rule,
 * below). */
#define TEAM_AGREE_MAX_CODERS 64
enum team_agree_unit { TEAM_AGREE_CHAR, TEAM_AGREE_PARAGRAPH, TEAM_AGREE_DOCUMENT };
struct team_agree_pairs {
	int64_t c11, c00, c01;          /* both coded, neither, one (either order) */
};
struct team_agree_stats {
	int64_t units, agree;
	int64_t coded[TEAM_AGREE_MAX_CODERS];
	int64_t n11, n10, n01, n00;     /* two coders: 1 = coded; first index coder 0 */
	struct team_agree_pairs pairs[TEAM_AGREE_MAX_CODERS + 1];   /* by m; 0, 1 unused */
};
/* Add weight units in which the coders in present (bit i: coder i) were
 * present and those in coded coded the code. */
void team_agree_add(struct team_agree_stats *s, size_t ncoders, uint64_t present,
                      uint64_t coded, int64_t weight, bool ignore_uncoded);
/* One document and code: spans [start, end) in units (code points,
 * 0-based paragraphs, or [0, 1) for the document) of length len, each of a
 * coder.  A sweep over the span boundaries: runs of one coded state are
 * added at once, never a unit at a time. */
struct team_agree_span {
	uint32_t coder;
	int64_t start, end;
};
void team_agree_sweep(struct team_agree_stats *s, size_t ncoders, uint64_t present,
                        struct team_agree_span *spans, size_t n, int64_t len,
                        bool ignore_uncoded);
void team_agree_sum(struct team_agree_stats *into, const struct team_agree_stats *s);
/* Percent agreement (0-100), Cohen's kappa (two coders; NAN otherwise),
 * Brennan-Prediger kappa (q = 2, with the mean pairwise agreement: for
 * more than two coders Randolph's free-marginal kappa), alpha (nominal). */
double team_agree_percent(const struct team_agree_stats *s);
double team_agree_cohen(const struct team_agree_stats *s, size_t ncoders);
double team_agree_bp(const struct team_agree_stats *s, size_t ncoders);
double team_agree_alpha(const struct team_agree_stats *s);

/* Which documents an agreement counts (SPEC §5), in every mode: of the
 * documents docs chooses (corpus_docs_filter; all when it is empty), those
 * every compared coder has coded something in (any code).  With all_docs
 * every chosen document: a coder who coded nothing in one has every unit
 * of it uncoded, and has no segment there to match.  The outcome, for the
 * reader: the documents compared and those left out, with why ("not
 * coded by ben"), in document order.  team_agree_scope_free frees. */
struct team_agree_scope {
	char **compared;
	size_t ncompared;
	char **left, **why;
	size_t nleft;
};
void team_agree_scope_free(struct team_agree_scope *s);

struct team_agree_opts {
	const char *const *coders;      /* names, at least two, distinct */
	size_t ncoders;
	const char *const *codes;       /* code keys; NULL: see analysis_cooc_opts */
	size_t ncodes;
	const char *under;
	enum team_agree_unit unit;
	bool ignore_uncoded;
	bool blank_units;               /* paragraph units: blank paragraphs too */
	struct corpus_doc_filter docs;
	bool all_docs;
	/* Count, even when the project keeps these counts, and keep nothing
	 * (also with $ANKER_NO_CACHE set and not "0").  Otherwise counts
	 * counted are kept in the project (schema 13: team/agree_cache.c)
	 * and, asked for again on an unchanged project, read instead. */
	bool no_cache;
};
/* The agreement table: Code, Path, Units, one column per coder (units
 * the coder coded; key "coded_NAME"), Agree, %, Cohen κ, BP κ, α (keys
 * code, path, units, coded_NAME..., agree, percent, cohen, bp, alpha),
 * one row per selected code (default: every code a selected coder used
 * in the documents compared, tree order) and a last row "(pooled)" over
 * all (code, unit) pairs.  Paragraph units are the paragraphs with text
 * (more than white space), or all with blank_units.  scope (may be NULL)
 * gets the documents compared and left out.  Unknown coder:
 * ANKER_NOTFOUND; code errors as codebook_find, document errors as
 * corpus_docs_filter. */
int team_agree(struct store *st, const struct team_agree_opts *o, struct report_table *t,
                 struct team_agree_scope *scope, struct anker_err *err);

/* Several kinds of agreement at once (those want says), from what the
 * project keeps and one read of the segments for the others, for a view
 * that switches between them: out[TEAM_AGREE_CHAR .. TEAM_AGREE_DOCUMENT]
 * as team_agree gives them with o->unit that unit, out[TEAM_AGREE_TABLES
 * - 1] as team_agree_segments with min_overlap (no list of
 * disagreements).  Two coders only (ANKER_INPUT otherwise); the tables
 * wanted (initialised by the caller) are filled only on success. */
#define TEAM_AGREE_TABLES 4
int team_agree_every(struct store *st, const struct team_agree_opts *o, double min_overlap,
                     const bool want[TEAM_AGREE_TABLES],
                     struct report_table out[TEAM_AGREE_TABLES], struct team_agree_scope *scope,
                     struct anker_err *err);

/* Segment agreement as MAXQDA (team/agree.c): a segment of one
 * coder agrees when the other coder has the same code in the same
 * document on a segment b with |a n b| / |a u b| >= min_overlap / 100. */
struct team_agree_seg_opts {
	const char *a, *b;              /* coder names */
	const char *const *codes;
	size_t ncodes;
	const char *under;
	double min_overlap;             /* percent, 0 < P <= 100 */
	struct corpus_doc_filter docs;
	bool all_docs;
	bool no_cache;                  /* as team_agree_opts' (no list of disagreements) */
};
/* t: Code, Path, Agree, Only A, Only B (headers name the coders), %,
 * κ (keys code, path, agree, only_a, only_b, percent, kappa), per code and
 * a "(total)" row; dis: the segments without a match: Document, Pos.,
 * Code, Path, Coder, Text (keys document, pos, code, path, coder, text);
 * dis NULL: no list, and no text read (one document's rows at a time in
 * memory, as team_agree).
 * Only the segments in the documents compared count; scope (may be NULL)
 * as team_agree's. */
int team_agree_segments(struct store *st, const struct team_agree_seg_opts *o,
                          struct report_table *t, struct report_table *dis,
                          struct team_agree_scope *scope, struct anker_err *err);

/* Team work (team/merge.c). */
/* A copy of the project for coder to code blind: documents, codebook,
 * coders and memos, but no segments (so no reviews or segment memos), no
 * log and no saved results.  meta "blind_coder" names the coder (created
 * in the copy when new).  ANKER_EXISTS when out exists. */
int team_blind(struct store *st, const char *coder, const char *out, struct anker_err *err);
/* What a merge did to a segment or memo both projects have, or one of them
 * removed (team_merge's three-way rule). */
enum team_merge_what {
	TEAM_MERGE_UPDATED,     /* changed there only: taken */
	TEAM_MERGE_REMOVED,     /* removed there, unchanged here: removed here */
	TEAM_MERGE_CONFLICT,    /* changed (or removed) on both sides: see result */
};
struct team_merge_change {
	enum team_merge_what what;
	char *entity;           /* "segment" or "memo" */
	char *guid;
	char *doc, *code, *coder;   /* where: a segment's, a memo's target ("" when none) */
	char *here, *there;     /* each side's version ("[10,19) weight 50"; "removed") */
	char *result;           /* "took the other's (newer)", "kept this project's", ... */
};
struct team_merge_report {
	size_t coders, documents, codes, memos, segments;   /* inserted */
	size_t updated, removed;    /* segments and memos taken as changed or removed there */
	size_t reviews;         /* verdicts added to segments both projects have */
	size_t same;            /* identical codings under another GUID, left out */
	char **conflicts;       /* messages: code edits kept as they are here */
	size_t nconflicts;
	struct team_merge_change *changes;   /* updated, removed and conflicting rows */
	size_t nchanges, nrow_conflicts;
};
void team_merge_report_free(struct team_merge_report *r);
/* Bring other's coders, documents, codes, memos and segments (with their
 * reviews and memos) into st by GUID: one transaction, one undo step
 * ("merge").  New rows are inserted, except a segment, memo, document or
 * code this project deleted (its log says so; a document or code is named
 * in r->conflicts with the other's codings left out with it, as is a new
 * code under a code deleted here) and an identical coding under another GUID
 * (counted in r->same).  A segment or memo both have, or that other
 * removed (other's log says it had it), follows the three-way rule, with
 * the version taken at the last merge (this project's log) as the base:
 * changed there only, it is taken (r->updated; a removal: r->removed);
 * changed here only, kept; changed on both sides, the newer modification
 * time wins and the row is reported as a conflict; removed on one side and
 * changed on the other, it stays (removed here: not brought back; removed
 * there: kept) and is reported.  Every such row is in r->changes.  Reviews
 * other gave segments both have are added.  So merging twice changes
 * nothing.  A code whose name, number or definition differs is reported in
 * r->conflicts and kept.  A document whose text differs under the same
 * GUID, or a new document or code whose name or number is taken here,
 * refuses the merge (ANKER_INPUT, nothing written). */
int team_merge(struct store *st, const char *other, struct team_merge_report *r,
                 struct anker_err *err);

/* Two coders side by side (team/compare.c), for the TUI's team views. */
struct team_coder_count {
	char *name;
	int64_t segments;
};
/* The coders who have segments, most segments first (ties by name); the
 * counts are kept in the project like team_agree's. */
int team_coders_ranked(struct store *st, struct team_coder_count **out, size_t *n,
                         struct anker_err *err);
void team_coder_counts_free(struct team_coder_count *v, size_t n);
/* SPEC §5's segment rule (as team_agree_segments): same document and
 * code, |a n b| / |a u b| >= min_overlap / 100. */
bool team_segment_match(const struct coding_segment *a, const struct coding_segment *b,
                          double min_overlap);
/* One document's segments of coders a (seg[0]) and b (seg[1]), with their
 * text, by start; agree[k][i]: seg[k][i] has a match among the other
 * coder's.  code_id (0: all): only that code's segments.  doc: a document
 * key; NULL: the first document (document order) both coded in which one
 * of them used the code (ANKER_NOTFOUND when none); its name in out->doc.  Unknown coder:
 * ANKER_NOTFOUND.  coded[k]: coder k has a segment in the document (any
 * code); when one has none, the document is not compared (SPEC §5) and
 * agree means nothing.  team_compare_free frees. */
struct team_compare {
	char *doc;
	struct coding_segment *seg[2];
	size_t n[2];
	bool *agree[2];
	bool coded[2];
};
int team_compare_doc(struct store *st, const char *doc, int64_t code_id, const char *a,
                       const char *b, double min_overlap, struct team_compare *out, struct anker_err *err);
void team_compare_free(struct team_compare *c);

#endif
