/* cli/complete.c — `anker __complete WORD...`: what shell completion offers.
 *
 * A hidden command, not in `anker help`, for cli/completion/anker.bash and
 * cli/completion/_anker, so that the scripts stay small and always agree
 * with the binary.  The shell passes the words after `anker` up to the
 * cursor, unquoted; the last is the word being completed ("" for a new
 * one).  The first line printed says what to do: "files" (let the shell
 * complete file names) or "words", then one candidate a line, each
 * starting with the word being completed, optionally followed by a tab
 * and a description (zsh shows it).  A word `--opt=VALUE` completes VALUE:
 * the candidates are values, without "--opt=".
 *
 * Commands, subcommands and options come from the command table: the
 * options and the argument names (DOC, CODE, FILE) from each command's
 * usage lines and help text, as `anker COMMAND --help` shows them.
 * Documents, codes and saved results come from the project of -p FILE or
 * $ANKER_PROJECT, opened read-only, and only when it is a current project:
 * completion never writes, never waits long for a lock, and says nothing
 * when there is no project. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "../analysis/analysis.h"
#include "../codebook/codebook.h"
#include "../coding/coding.h"
#include "../corpus/corpus.h"
#include "../report/report.h"

enum kind { K_NONE, K_FILES, K_COMMANDS, K_DOCS, K_CODES, K_CODERS, K_RESULTS, K_GROUPS,
            K_VARS, K_VAR_NAMES };

struct completion {
	const char *project;
	const struct cli_command *cmd;
	const struct cli_subcommand *sub;   /* a placeholder row too */
	const char *cur;                    /* the word (or value) being completed */
	size_t keep;                        /* cur's leading bytes kept (a list: "2.9,") */
	const char *word0;                  /* the first argument typed, or NULL */
	struct store *st;
	bool tried;                         /* st opened once, or not */
};

/* What an argument name in a usage line stands for. */
static const struct {
	const char *command;    /* NULL: any */
	const char *word;
	enum kind kind;
} arg_kinds[] = {
	{ NULL, "DOC", K_DOCS },           { NULL, "CODE", K_CODES },
	{ NULL, "SOURCE", K_CODES },       { NULL, "TARGET", K_CODES },
	{ NULL, "COMMAND", K_COMMANDS },   { NULL, "FILE", K_FILES },
	{ NULL, "FILE.qdpx", K_FILES },    { NULL, "OUT.anker", K_FILES },
	{ NULL, "OTHER.anker", K_FILES },  { NULL, "DIR", K_FILES },
	{ "results", "NAME", K_RESULTS },  { NULL, "GROUP", K_GROUPS },
	{ "docs", "NAME=VALUE", K_VARS },  { "docs", "NAME", K_VAR_NAMES },
};

/* What an option's value is, where the usage line lists no choices. */
static const struct {
	const char *option;
	enum kind kind;
	const char *choices;    /* for K_NONE: the values, separated by '|' */
} option_kinds[] = {
	{ "project", K_FILES, NULL }, { "output", K_FILES, NULL }, { "code", K_CODES, NULL },
	{ "codes", K_CODES, NULL },   { "under", K_CODES, NULL },  { "doc", K_DOCS, NULL },
	{ "coder", K_CODERS, NULL },  { "coders", K_CODERS, NULL }, { "reviewer", K_CODERS, NULL },
	{ "delete", K_RESULTS, NULL },  { "group", K_GROUPS, NULL },   { "var", K_VARS, NULL },
	/* Values the usage lines write as T, V and TARGET. */
	{ "type", K_NONE, "definition|method|theory|free" },
	{ "verdict", K_NONE, "fits|misfit|borderline" },
	{ "on", K_NONE, "project|doc|code|segment" },
};

/* ---------------------------------------------------------------------- */
/* Reading the usage lines and help text. */

/* A reader of one usage ("anker -p FILE mark DOC CODE ..." with its
 * continuation lines), a token at a time. */
struct usage_tok {
	const char *p, *end;    /* what is left to read */
	char s[128];            /* the token, without brackets and "..." */
	bool opened;            /* it began with '[' */
	bool closed;            /* it ended in ']': an option takes no value there */
	bool more;              /* it ended in "...": an argument that repeats */
};

static bool tok_next(struct usage_tok *t)
{
	while (t->p < t->end && (*t->p == ' ' || *t->p == '\n'))
		t->p++;
	if (t->p >= t->end)
		return false;
	const char *s = t->p;
	size_t len = strcspn(s, " \n");
	if (len > (size_t)(t->end - s))
		len = (size_t)(t->end - s);
	t->p = s + len;
	t->more = (len > 3 && memcmp(s + len - 3, "...", 3) == 0) ||
	          (len > 3 && memcmp(s + len - 3, "…", 3) == 0);
	if (t->more)
		len -= 3;
	t->opened = *s == '[';
	t->closed = s[len - 1] == ']';
	while (len && *s == '[')
		s++, len--;
	while (len && s[len - 1] == ']')
		len--;
	snprintf(t->s, sizeof t->s, "%.*s", (int)len, s);
	return true;
}

/* The next usage from *pos: a line that begins with "anker" and the lines
 * that continue it. */
static bool usage_next(const char **pos, struct usage_tok *t)
{
	const char *s = *pos;
	if (!s || !*s)
		return false;
	t->p = s;
	for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
		const char *next = nl + 1 + strspn(nl + 1, " ");
		if (strncmp(next, "anker ", 6) == 0) {
			t->end = nl;
			*pos = nl + 1;
			return true;
		}
	}
	t->end = s + strlen(s);
	*pos = t->end;
	return true;
}

/* The n-th usage of c->cmd with c->sub, read up to its arguments: past
 * the subcommand's name, or for a placeholder before its first argument.
 * False when there is none. */
static bool usage_of(const struct completion *c, int n, struct usage_tok *t)
{
	const char *pos = c->cmd->usage;
	while (usage_next(&pos, t)) {
		bool found = false;
		while (!found && tok_next(t))
			found = strcmp(t->s, c->cmd->name) == 0;
		if (!found)
			continue;
		const struct cli_subcommand *s = NULL;
		struct usage_tok peek = *t;
		if (c->cmd->subs && tok_next(&peek) && (s = cli_subcommand_find(c->cmd, peek.s)) &&
		    !cli_subcommand_is_placeholder(s))
			*t = peek;
		if (s == c->sub && n-- == 0)
			return true;
	}
	return false;
}

/* After an option token: skip its value, if the usage gives one there
 * ("--coder NAME"; not "[--rollup] [--coder NAME]"). */
static void tok_skip_value(struct usage_tok *t)
{
	struct usage_tok peek = *t;
	if (!t->closed && tok_next(&peek) && peek.s[0] != '-' && !peek.opened)
		*t = peek;
}

/* The name of the n-th argument (0-based) of c's which-th usage ("DOC");
 * a name ending in "..." repeats.  "" when the usage names none. */
static void usage_arg(const struct completion *c, int which, int n, char *out, size_t size)
{
	struct usage_tok t;
	*out = '\0';
	if (!usage_of(c, which, &t))
		return;
	for (int i = 0; tok_next(&t);) {
		if (t.s[0] == '-') {
			tok_skip_value(&t);
			continue;
		}
		if (i++ == n || t.more) {
			snprintf(out, size, "%s", t.s);
			return;
		}
	}
}

/* Whether "--name" stands at s, not as the start of a longer option. */
static bool option_at(const char *s, const char *name)
{
	size_t len = strlen(name);
	return s[0] == '-' && s[1] == '-' && strncmp(s + 2, name, len) == 0 &&
	       !(s[2 + len] >= 'a' && s[2 + len] <= 'z') && s[2 + len] != '-';
}

/* Whether --name takes a value: a usage gives it one ("[--coder NAME]",
 * not "[--rollup]"), or the help's line for it does ("  --unit char   ...",
 * the value before the column where the descriptions begin). */
static bool option_takes_value(const struct cli_command *cmd, const char *name)
{
	enum { DESCRIPTION_COLUMN = 19 };
	if (strcmp(name, "project") == 0 || strcmp(name, "format") == 0 ||
	    strcmp(name, "coder") == 0 || strcmp(name, "output") == 0)
		return true;
	const char *pos = cmd->usage;
	struct usage_tok t, peek;
	while (usage_next(&pos, &t))
		while (tok_next(&t))
			if (option_at(t.s, name) && !t.s[2 + strlen(name)] && !t.closed &&
			    (peek = t, tok_next(&peek)) && peek.s[0] != '-' && !peek.opened)
				return true;
	for (const char *line = cmd->help; line && *line;) {
		size_t len = strcspn(line, "\n");
		const char *o = strstr(line, "--");
		size_t end = o ? (size_t)(o - line) + 2 + strlen(name) : 0;
		if (strncmp(line, "  -", 3) == 0 && end < len && option_at(o, name) &&
		    line[end] == ' ' && line[end + 1] != ' ' && end + 1 < DESCRIPTION_COLUMN)
			return true;
		line += len + (line[len] != '\0');
	}
	return false;
}

/* The values c's usage lists for --name ("--unit hit|sentence|turn"),
 * into out; false when it lists none. */
static bool option_choices(const struct completion *c, const char *name, char *out,
                           size_t size)
{
	struct usage_tok t;
	for (int n = 0; usage_of(c, n, &t); n++)
		while (tok_next(&t))
			if (option_at(t.s, name) && !t.s[2 + strlen(name)] && !t.closed && tok_next(&t) &&
			    strchr(t.s, '|') && t.s[0] >= 'a' && t.s[0] <= 'z') {
				snprintf(out, size, "%s", t.s);
				return true;
			}
	return false;
}

/* ---------------------------------------------------------------------- */
/* Candidates. */

/* Whether s shows on a terminal as it is.  A candidate is typed back as
 * it is, so one that would not (control characters, bidi overrides,
 * invalid bytes: corpus_utf8_visible) is not offered, nor a description. */
static bool shows_as_is(const char *s, size_t len)
{
	struct strbuf vis = {0};
	corpus_utf8_visible(&vis, s, len, false, false);
	bool same = vis.len == len && memcmp(sb_str(&vis), s, len) == 0 && !memchr(s, '\t', len);
	sb_free(&vis);
	return same;
}

/* Print cand when it completes c->cur; with the kept prefix of a list. */
static void offer(const struct completion *c, const char *cand, size_t len,
                  const char *desc)
{
	const char *w = c->cur + c->keep;
	size_t wlen = strlen(w);
	if (len < wlen || strncmp(cand, w, wlen) != 0 || !shows_as_is(cand, len))
		return;
	printf("%.*s%.*s", (int)c->keep, c->cur, (int)len, cand);
	if (desc && *desc && shows_as_is(desc, strlen(desc)))
		printf("\t%s", desc);
	putchar('\n');
}

/* Each of "a|b|var:NAME": a, b, var: (what follows a ':' is a name). */
static void offer_choices(const struct completion *c, const char *choices)
{
	for (const char *s = choices; *s;) {
		size_t len = strcspn(s, "|");
		const char *colon = memchr(s, ':', len);
		offer(c, s, colon ? (size_t)(colon - s) + 1 : len, NULL);
		s += len + (s[len] == '|');
	}
}

static void offer_commands(const struct completion *c)
{
	for (size_t i = 0; i < cli_ncommands; i++)
		offer(c, cli_commands[i].name, strlen(cli_commands[i].name), cli_commands[i].summary);
}

/* Open the project once, read-only.  Only a current project: a READONLY
 * open would still migrate an older one, and completion must not write.
 * The schema version is read from the file's header (a project whose
 * -wal holds the migration is then skipped: nothing offered). */
static struct store *project(struct completion *c)
{
	if (c->tried)
		return c->st;
	c->tried = true;
	struct strbuf path = {0};
	if (c->project && strncmp(c->project, "~/", 2) == 0 && getenv("HOME"))
		sb_addf(&path, "%s%s", getenv("HOME"), c->project + 1);
	else
		sb_adds(&path, c->project ? c->project : "");
	unsigned char h[100];
	struct stat sb;
	FILE *f = NULL;
	if (path.len && stat(path.buf, &sb) == 0 && S_ISREG(sb.st_mode))
		f = fopen(path.buf, "rb");
	/* SQLite's header: the magic, and user_version at offset 60. */
	bool current = f && fread(h, 1, sizeof h, f) == sizeof h &&
	               memcmp(h, "SQLite format 3", 16) == 0 &&
	               ((unsigned long)h[60] << 24 | (unsigned long)h[61] << 16 |
	                (unsigned long)h[62] << 8 | h[63]) == STORE_SCHEMA_VERSION;
	if (f)
		fclose(f);
	struct anker_err err = {0};
	if (current)
		store_open(path.buf, STORE_OPEN_READONLY, &c->st, &err);
	sb_free(&path);
	return c->st;
}

static void offer_docs(struct completion *c)
{
	struct corpus_doc *docs;
	size_t n;
	struct anker_err err = {0};
	if (!project(c) || corpus_docs_brief(c->st, &docs, &n, &err))
		return;
	for (size_t i = 0; i < n; i++)
		offer(c, docs[i].name, strlen(docs[i].name), docs[i].group);
	corpus_docs_free(docs, n);
}

/* Each distinct group, or variable: its name, "NAME=" for a value to
 * follow, and NAME=VALUE for each value in use once "NAME=" is typed. */
static void offer_doc_words(struct completion *c, enum kind kind)
{
	struct corpus_doc *docs;
	size_t n;
	struct anker_err err = {0};
	if (!project(c) || corpus_docs_brief(c->st, &docs, &n, &err))
		return;
	const char *w = c->cur + c->keep;
	struct strbuf seen = {0}, cand = {0}, key = {0};
	sb_addc(&seen, '\n');
	for (size_t i = 0; i < n; i++) {
		size_t nwords = kind == K_GROUPS ? 1 : docs[i].nvars;
		for (size_t j = 0; j < nwords; j++) {
			sb_reset(&cand);
			if (kind == K_GROUPS) {
				if (!docs[i].group || !*docs[i].group)
					continue;
				sb_adds(&cand, docs[i].group);
			} else {
				const struct corpus_var *v = &docs[i].vars[j];
				size_t len = strlen(v->name);
				bool value = kind == K_VARS && strncmp(w, v->name, len) == 0 && w[len] == '=';
				sb_addf(&cand, "%s%s%s", v->name, kind == K_VARS ? "=" : "",
				        value ? v->value : "");
			}
			sb_addc(&cand, '\n');
			sb_reset(&key);
			sb_addc(&key, '\n');
			sb_add(&key, cand.buf, cand.len);
			if (strstr(sb_str(&seen), sb_str(&key)))
				continue;
			sb_add(&seen, cand.buf, cand.len);
			offer(c, cand.buf, cand.len - 1, NULL);
		}
	}
	sb_free(&seen);
	sb_free(&cand);
	sb_free(&key);
	corpus_docs_free(docs, n);
}

/* Numbers while the word is empty or begins with a digit, else unique
 * names and paths, a level at a time as file names are: "A >> B" is
 * offered as "A" until " >> " is typed. */
static void offer_codes(struct completion *c)
{
	struct codebook cb;
	struct anker_err err = {0};
	if (!project(c) || codebook_load(c->st, 0, &cb, &err))
		return;
	const char *w = c->cur + c->keep;
	bool numbers = !*w || (*w >= '0' && *w <= '9');
	struct strbuf path = {0}, last = {0};
	for (size_t i = 0; i < cb.ncodes; i++) {
		const struct codebook_code *k = &cb.codes[i];
		sb_reset(&path);
		codebook_path(&cb, i, &path);
		if (numbers) {
			if (*k->number)
				offer(c, k->number, strlen(k->number), path.buf);
			continue;
		}
		size_t same = 0;
		for (size_t j = 0; j < cb.ncodes && same < 2; j++)
			same += strcmp(cb.codes[j].name, k->name) == 0;
		if (same == 1 && k->parent >= 0)
			offer(c, k->name, strlen(k->name), k->number);
		const char *sep = path.len > strlen(w) ? strstr(path.buf + strlen(w), " >> ") : NULL;
		size_t len = sep ? (size_t)(sep - path.buf) : path.len;
		if (last.len != len || memcmp(last.buf, path.buf, len) != 0) {
			offer(c, path.buf, len, sep ? NULL : k->number);
			sb_reset(&last);
			sb_add(&last, path.buf, len);
		}
	}
	sb_free(&path);
	sb_free(&last);
	codebook_free(&cb);
}

static void offer_coders(struct completion *c)
{
	char **names;
	size_t n;
	struct anker_err err = {0};
	if (!project(c) || coding_coders_list(c->st, &names, &n, &err))
		return;
	for (size_t i = 0; i < n; i++) {
		offer(c, names[i], strlen(names[i]), NULL);
		free(names[i]);
	}
	free(names);
}

static void offer_results(struct completion *c)
{
	struct analysis_result *v;
	size_t n;
	struct anker_err err = {0};
	if (!project(c) || analysis_results_list(c->st, &v, &n, &err))
		return;
	for (size_t i = 0; i < n; i++)
		offer(c, v[i].name, strlen(v[i].name), v[i].kind);
	analysis_results_free(v, n);
}

/* Say what the words of a kind are; false for file names. */
static bool offer_kind(struct completion *c, enum kind kind)
{
	if (kind == K_FILES)
		return false;
	puts("words");
	if (kind == K_COMMANDS)
		offer_commands(c);
	else if (kind == K_DOCS)
		offer_docs(c);
	else if (kind == K_CODES)
		offer_codes(c);
	else if (kind == K_CODERS)
		offer_coders(c);
	else if (kind == K_RESULTS)
		offer_results(c);
	else if (kind == K_GROUPS || kind == K_VARS || kind == K_VAR_NAMES)
		offer_doc_words(c, kind);
	return true;
}

/* Every long option c's usage names (for a command without subcommands
 * also its help), and the common ones where the command takes them. */
static void offer_options(const struct completion *c)
{
	struct strbuf seen = {0};
	struct usage_tok t;
	bool common = strncmp(c->cmd->usage, "anker -p FILE ", 14) == 0;
	bool tables = strstr(c->cmd->usage, "--format") != NULL;   /* as cli_print_help */
	const char *texts[] = { c->cmd->subs ? NULL : c->cmd->help,
	                        common ? "--project --format --coder" : NULL,
	                        tables ? "--format --output --decimal-comma --excel" : NULL,
	                        "--help" };
	for (int n = 0; usage_of(c, n, &t); n++)
		while (tok_next(&t))
			if (t.s[0] == '-' && t.s[1] == '-')
				sb_addf(&seen, "%.*s\n", (int)strcspn(t.s, "|"), t.s);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		for (const char *s = texts[i]; s && (s = strstr(s, "--")); s += 2)
			if (s[2] >= 'a' && s[2] <= 'z')
				sb_addf(&seen, "%.*s\n", (int)strspn(s, "-abcdefghijklmnopqrstuvwxyz"), s);
	/* Each once, in the order met. */
	for (const char *s = sb_str(&seen); *s; s += strcspn(s, "\n") + 1) {
		size_t len = strcspn(s, "\n");
		const char *first = s;
		for (const char *f = sb_str(&seen); f < s; f += strcspn(f, "\n") + 1)
			if (strncmp(f, s, len + 1) == 0 && (first = f))
				break;
		if (first == s)
			offer(c, s, len, NULL);
	}
	sb_free(&seen);
}

/* The value of --name (cur: its word, or what follows "--name="). */
static bool offer_value(struct completion *c, const char *name)
{
	char choices[256];
	if (option_choices(c, name, choices, sizeof choices) ||
	    (strcmp(name, "format") == 0 &&
	     snprintf(choices, sizeof choices, "%s", report_format_names()) > 0)) {
		puts("words");
		offer_choices(c, choices);
		return true;
	}
	for (size_t i = 0; i < sizeof option_kinds / sizeof *option_kinds; i++) {
		if (strcmp(option_kinds[i].option, name) != 0)
			continue;
		if (option_kinds[i].choices) {
			puts("words");
			offer_choices(c, option_kinds[i].choices);
			return true;
		}
		if (strcmp(name, "codes") == 0 || strcmp(name, "coders") == 0) {
			const char *comma = strrchr(c->cur, ',');
			c->keep = comma ? (size_t)(comma - c->cur) + 1 : 0;
		}
		return offer_kind(c, option_kinds[i].kind);
	}
	puts("words");   /* a NAME, a TEXT, a number: nothing to offer */
	return true;
}

/* The n-th argument of c's usage (DOC, CODE, FILE...). */
static bool offer_arg(struct completion *c, int n)
{
	char name[128], other[128];
	struct usage_tok t;
	/* The usage whose first word was typed ("docs var unset NAME", not
	 * "docs var set NAME=VALUE"), else the first. */
	int which = 0;
	for (int k = 0; n > 0 && c->word0 && usage_of(c, k, &t); k++) {
		usage_arg(c, k, 0, other, sizeof other);
		if (strcmp(other, c->word0) == 0) {
			which = k;
			break;
		}
	}
	usage_arg(c, which, n, name, sizeof name);
	/* A word of the usage itself ("docs var set", "docs var unset"): the
	 * words the subcommand's usages have there. */
	for (int k = 1; name[0] >= 'a' && name[0] <= 'z' && usage_of(c, k, &t); k++) {
		usage_arg(c, k, n, other, sizeof other);
		size_t len = strlen(name), more = strlen(other);
		if (other[0] >= 'a' && other[0] <= 'z' && len + more + 2 <= sizeof name) {
			name[len] = '|';
			memcpy(name + len + 1, other, more + 1);
		}
	}
	if (strchr(name, '|') && name[0] >= 'a' && name[0] <= 'z') {
		puts("words");   /* review SEGMENT fits|misfit|borderline */
		offer_choices(c, name);
		return true;
	}
	for (size_t i = 0; i < sizeof arg_kinds / sizeof *arg_kinds; i++)
		if (strcmp(arg_kinds[i].word, name) == 0 &&
		    (!arg_kinds[i].command || strcmp(arg_kinds[i].command, c->cmd->name) == 0))
			return offer_kind(c, arg_kinds[i].kind);
	return offer_kind(c, K_NONE);
}

/* The long name of the short option -ch: project for -p, else as the
 * help writes it ("-o, --output FILE"); NULL when it has none. */
static const char *short_name(const struct cli_command *cmd, char ch, char *buf,
                              size_t size)
{
	if (ch == 'p')
		return "project";
	if (ch == 'o' && cmd && strstr(cmd->usage, "--format"))
		return "output";   /* a table option (cli_print_help) */
	char pat[8];
	snprintf(pat, sizeof pat, "-%c, --", ch);
	const char *s = cmd && cmd->help ? strstr(cmd->help, pat) : NULL;
	if (!s)
		return NULL;
	snprintf(buf, size, "%.*s", (int)strspn(s + 6, "abcdefghijklmnopqrstuvwxyz-"), s + 6);
	return buf;
}

static bool short_takes_value(const struct cli_command *cmd, char ch)
{
	char buf[64];
	const char *name = short_name(cmd, ch, buf, sizeof buf);
	return name && (ch == 'p' || ch == 'o' || option_takes_value(cmd, name));
}

/* w[i] is an option (of the n words before the current one): note -p
 * FILE; return the index of its last word (its value, when apart). */
static int skip_option(struct completion *c, char **w, int i, int n)
{
	const char *o = w[i];
	const char *eq = strchr(o, '=');
	/* before the command: -p FILE and --coder NAME (cli/main.c) */
	bool global_value = strcmp(o, "--project") == 0 || strcmp(o, "--coder") == 0;
	if (o[1] == '-' && !eq && (!c->cmd ? global_value : option_takes_value(c->cmd, o + 2))) {
		if (strcmp(o, "--project") == 0 && i + 1 < n)
			c->project = w[i + 1];
		return i + 1;
	}
	if (strncmp(o, "--project=", 10) == 0)
		c->project = o + 10;
	if (o[1] == '-')
		return i;
	/* A cluster of short options: the first that takes a value takes the
	 * rest of the word, or the next word. */
	for (const char *s = o + 1; *s; s++)
		if (short_takes_value(c->cmd, *s)) {
			const char *v = s[1] ? s + 1 : i + 1 < n ? w[i + 1] : NULL;
			if (*s == 'p' && v)
				c->project = v;
			return s[1] ? i : i + 1;
		}
	return i;
}

/* The words of a command (w[i] on, n before the current one): find the
 * subcommand and count the arguments; then complete the current word. */
static void complete_command(struct completion *c, char **w, int i, int n)
{
	int arg = 0;
	bool dashdash = false;
	for (; i < n; i++) {
		if (!dashdash && strcmp(w[i], "--") == 0) {
			dashdash = true;
		} else if (!dashdash && w[i][0] == '-' && w[i][1]) {
			int last = skip_option(c, w, i, n);
			if (last >= n) {   /* the current word is this option's value */
				char buf[64];
				const char *name = w[i][1] == '-' ? w[i] + 2
				                   : short_name(c->cmd, w[i][strlen(w[i]) - 1], buf, sizeof buf);
				if (!offer_value(c, name))
					puts("files");
				return;
			}
			i = last;
		} else if (c->cmd->subs && !c->sub) {
			c->sub = cli_subcommand_find(c->cmd, w[i]);
			if (!c->sub)
				return;
			arg = cli_subcommand_is_placeholder(c->sub);
		} else {
			if (!c->word0)
				c->word0 = w[i];
			arg++;
		}
	}
	const char *cur = c->cur;
	if (!dashdash && strncmp(cur, "--", 2) == 0 && strchr(cur, '=')) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(strchr(cur, '=') - cur - 2), cur + 2);
		c->cur = strchr(cur, '=') + 1;
		if (!offer_value(c, name))
			puts("files");
	} else if (!dashdash && cur[0] == '-') {
		puts("words");
		offer_options(c);
	} else if (c->cmd->subs && !c->sub) {
		puts("words");
		for (const struct cli_subcommand *s = c->cmd->subs; s->name; s++)
			if (!cli_subcommand_is_placeholder(s))
				offer(c, s->name, strlen(s->name), s->summary);
	} else if (!offer_arg(c, arg)) {
		puts("files");
	}
}

int cli_complete(int argc, char **argv)
{
	struct completion c = { .project = getenv("ANKER_PROJECT") };
	int n = argc > 0 ? argc - 1 : 0, i = 0;
	c.cur = argc > 0 ? argv[n] : "";
	/* Completion must not wait for a writer. */
	setenv("ANKER_WAIT", "0.2", 1);
	store_set_wait_notify(NULL, NULL);
	for (; i < n && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if ((i = skip_option(&c, argv, i, n)) >= n) {
			if (strcmp(o, "--coder") == 0) {
				puts("words");
				offer_coders(&c);
				store_close(c.st);
			} else {
				puts("files");   /* -p FILE */
			}
			return 0;
		}
	}
	if (i == n && strncmp(c.cur, "--project=", 10) == 0) {
		puts("files");
	} else if (i == n) {
		puts("words");
		if (c.cur[0] == '-')
			for (const char *o = "--project\0--coder\0--version\0--help\0"; *o; o += strlen(o) + 1)
				offer(&c, o, strlen(o), NULL);
		else
			offer_commands(&c);
	} else if ((c.cmd = cli_command_find(argv[i]))) {
		complete_command(&c, argv, i + 1, n);
	} else {
		puts("words");
	}
	store_close(c.st);
	return 0;
}
