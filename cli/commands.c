/* cli/commands.c — every command once: name, function, summary, usage,
 * help.  `anker help` and `anker COMMAND --help` are written from here, and
 * man/anker.1 documents the same (tests/cli/test_help.sh checks). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const struct cli_command cli_commands[] = {
	{ "init", cli_cmd_init,
	  "Create a new, empty project file.",
	  "anker -p FILE init [--title TEXT]",
	  "  --title TEXT     the project's title\n" },
	{ "import", cli_cmd_import,
	  "Import text files (.txt, .md) as documents.",
	  "anker -p FILE import [--group G] [--var NAME=VALUE]... [--name NAME] [--lossy] FILE...",
	  "Each file becomes one document, whole or not at all: UTF-8 (a BOM is dropped),\n"
	  "CRLF and CR become LF, text is NFC-normalized.  Invalid UTF-8 is refused with\n"
	  "the byte offset; NUL bytes are refused as binary; an empty file is imported\n"
	  "with a warning; a document name that exists is refused.  Exit status 1 when\n"
	  "any file failed; the others are imported.\n\n"
	  "  --group G        put the documents in document group G\n"
	  "  --var NAME=VALUE set a document variable (repeatable); the type is guessed:\n"
	  "                   integer, float, boolean (true/false), date (YYYY-MM-DD), text\n"
	  "  --name NAME      the document's name (one file only; default: the file name\n"
	  "                   without .txt/.md)\n"
	  "  --lossy          replace invalid UTF-8 with U+FFFD instead of refusing\n"
	  "  -q, --quiet      no summary and no progress bar\n" },
	{ "docs", cli_cmd_docs,
	  "List the documents.",
	  "anker -p FILE docs [--format F]",
	  "Columns: name, group, chars (code points), paragraphs, speakers, variables,\n"
	  "segments, guid.\n" },
	{ "show", cli_cmd_show,
	  "Print a document's text.",
	  "anker -p FILE show DOC [--lines A-B] [--numbers]",
	  "DOC is a document name or (a unique prefix of) its GUID.\n\n"
	  "  --lines A-B      only paragraphs A to B (1-based, inclusive)\n"
	  "  --numbers        prefix each paragraph with its number (Pos.)\n" },
	{ "search", cli_cmd_search,
	  "Search the documents with a regular expression (PCRE2).",
	  "anker -p FILE search REGEX [-i] [--doc DOC] [--context N] [--format F]",
	  "Unicode-aware (\\w matches umlauts).  A pattern that backtracks too much fails\n"
	  "with a message instead of hanging.  Columns: document, pos (paragraph),\n"
	  "start, end (code points, end exclusive), match, line.\n\n"
	  "  -i, --ignore-case  case-insensitive\n"
	  "  --doc DOC        only this document\n"
	  "  --context N      show N paragraphs before and after in the line column\n"
	  "  -c, --count      print only the number of hits\n" },
	{ "codebook", cli_cmd_codebook,
	  "Import or export the codebook.",
	  "anker -p FILE codebook import FILE\n"
	  "       anker -p FILE codebook export [--format txt|md] [-o FILE]",
	  "import reads a MAXQDA codebook text export: the 'Codesystem' list, then per\n"
	  "code 'Codedefinition:', 'Ankerbeispiel(e):' and other 'Label:' blocks.  Codes\n"
	  "are matched by number: new ones are added, changed ones updated, nothing is\n"
	  "deleted; importing the same file again changes nothing.  Differences between\n"
	  "the list and the headings are reported as warnings.\n\n"
	  "export writes the codebook:\n"
	  "  --format txt     the same text format (import reads it back unchanged)\n"
	  "  --format md      a Markdown appendix for a paper\n"
	  "  -o, --output FILE  write to FILE (default: standard output)\n" },
	{ "codes", cli_cmd_codes,
	  "List the code system.",
	  "anker -p FILE codes [--format F]",
	  "Columns: number, name, parent, path, definition, anchors, notes, color, guid,\n"
	  "segments.  In the table format: number, name (indented), segments, anchor and\n"
	  "note counts, and the start of the definition.\n" },
	{ "demo", cli_cmd_demo,
	  "Build the demo project (five interviews and the demo codebook).",
	  "anker demo [DIR]",
	  "Creates DIR/demo.anker (default: the current directory), or completes it when\n"
	  "it exists: running it again changes nothing.\n" },
	{ "help", cli_cmd_help,
	  "List the commands, or show one command's help.",
	  "anker help [COMMAND]",
	  "" },
};

const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

int cli_cmd_help(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (argc > 1) {
		for (size_t i = 0; i < cli_ncommands; i++)
			if (strcmp(cli_commands[i].name, argv[1]) == 0) {
				cli_print_help(&cli_commands[i]);
				return 0;
			}
		fprintf(stderr, "anker: unknown command '%s'\n", argv[1]);
		return 2;
	}
	puts("usage: anker [-p FILE] COMMAND [OPTIONS] [ARGS]\n\n"
	     "anker codes qualitative data: interviews, a codebook, coded segments.\n"
	     "The project is one SQLite file, given with -p FILE or $ANKER_PROJECT.\n\n"
	     "Commands:");
	for (size_t i = 0; i < cli_ncommands; i++)
		printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
	puts("\n'anker COMMAND --help' shows a command's options; 'man anker' has them all.");
	return 0;
}
