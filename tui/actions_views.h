/* tui/actions_views.h — rows of the action table (tui/actions.h) for the
 * views opened over the panes: same columns (id, name, default keys, help).
 * Included by tui/actions.h only. */
#ifndef ANKER_TUI_ACTIONS_VIEWS_H
#define ANKER_TUI_ACTIONS_VIEWS_H

#define TUI_VIEW_ACTIONS(_)                                                         \
	_(SEGMENTS,   "segments",    "r",              "Retrieved segments of the current code (Enter: go to the passage)") \
	_(SUBCODES,   "subcodes",    "R",              "Segments with subcodes; in a view: subcodes / roll-up on or off") \
	_(REVIEW,     "review",      "B",              "Codebook and review of the current code") \
	_(FITS,       "fits",        "y",              "Review: the segment fits the code (a comment may follow)") \
	_(MISFIT,     "misfit",      "d",              "Review: the segment does not fit the code") \
	_(BORDERLINE, "borderline",  "m",              "Review: the segment is borderline") \
	_(ANCHOR,     "anchor",      "a",              "Review: promote the segment to an anchor example") \
	_(CODE_NEXT,  "next-code",   "J",              "Review: the next code of the code system") \
	_(CODE_PREV,  "previous-code", "K",            "Review: the previous code") \
	_(CODE_TODO,  "next-to-judge", "T",            "Review: the next code with segments the reviewer has not judged") \
	_(CONTEXT,    "context",     "z",              "Review: the paragraphs around the segment beside it (z again: the codebook)") \
	_(VERDICT_ALL, "verdict-all", "=",             "Review: verdicts for every coder's segment of an identical passage, or (h/l) one coder's") \
	_(ANCHOR_PICK, "anchor-pick", "P",            "Review: choose the next anchor example (e edits it, D deletes it, < and > move it up or down)") \
	_(SEG_START_LEFT, "segment-start-left", ",",   "Review: move the start of the chosen segment a word left ([ and ] move its end)") \
	_(SEG_START_RIGHT, "segment-start-right", ".", "Review: move the start of the chosen segment a word right") \
	_(CANDIDATES, "candidates",  "Z",              "Review: passages the code's profile suggests, not coded with it yet (c codes one, a also makes it an anchor example; Z again: the segments)") \
	_(BOUNDARIES, "boundaries",  "\\",             "Review: where the code blurs: its segments and anchor examples closer to another code, the codes it overlaps most (\\ again: the codebook; computed ahead while B is idle)") \
	_(VERDICTS,   "verdicts",    "Y",              "Code system: verdicts per code (fits/misfit/borderline/unreviewed) or segments") \
	_(FREQ,       "frequencies", "F",              "Frequencies of the codes with bars") \
	_(COOC,       "cooc",        "O",              "Co-occurrence matrix (Enter on a cell: its segment pairs)") \
	_(MATRIX,     "matrix",      "X",              "Code matrix: segments per code and document as a heat map (Enter on a cell: its segments)") \
	_(COOC_MODE,  "cooc-mode",   "o",              "Co-occurrence: next mode (overlap, near:N, paragraph, document)") \
	_(NEAR_MORE,  "near-more",   ")",              "Co-occurrence near:N: N one more") \
	_(NEAR_LESS,  "near-less",   "(",              "Co-occurrence near:N: N one less") \
	_(MEASURE,    "measure",     "%",              "Co-occurrence: next measure (count, jaccard, row %)") \
	_(AGREE,      "agreement",   "I",              "Intercoder agreement per code (Enter: the coders side by side)") \
	_(AGREE_UNIT, "agree-unit",  "U",              "Agreement: next unit (char, paragraph, document, segments)") \
	_(CODERS,     "coders",      "C",              "I, V: the next pair of coders; F, O, r, X, B: all coders, one coder, each separately (F, O)") \
	_(COMPARE,    "side-by-side", "V",             "Two coders' codings of the document side by side (n/N: disagreements)") \
	_(MESSAGES,   "messages",    "E",              "The last 100 status-line messages in full, newest first") \
	_(MEMOS,      "memos",       "\"",             "Every memo (Enter: go to it; M, Ctrl-E: edit; \" again: one type)")

#endif
