/* cli/save.c — --save NAME [--replace]: an analysis's table kept in the
 * project as a saved result (freq, matrix, cooc in cli/cmd_analysis.c,
 * agree in cli/cmd_agree.c). */
#include <stdio.h>

#include "cli.h"
#include "../analysis/analysis.h"

void cli_save_param(struct cli_save *s, const char *name, const char *value)
{
	sb_adds(&s->params, s->params.len ? " " : "");
	sb_adds(&s->params, name);
	if (value) {
		sb_addc(&s->params, ' ');
		sb_adds(&s->params, value);
	}
}

int cli_save_check(struct cli *c, const struct cli_save *s)
{
	if (s->replace && !s->name)
		return cli_usage_error(c, "--replace needs --save NAME");
	if (s->name && !*s->name)
		return cli_usage_error(c, "--save needs a NAME");
	return 0;
}

int cli_save_keep(struct cli *c, const struct cli_save *s, const char *kind,
                  const struct report_table *t, const char *coders)
{
	if (s->name) {
		struct analysis_result r = { .name = (char *)s->name, .kind = (char *)kind,
		                             .params = s->params.buf, .coders = (char *)coders };
		if (analysis_result_save(c->st, &r, t, s->replace, &c->err))
			return cli_fail(c);
		cli_eprintf("anker: saved result '%s'\n", s->name);
	}
	return 0;
}

int cli_save_print(struct cli *c, const struct cli_save *s, const char *kind,
                   const struct report_table *t, const char *coders)
{
	int rc = cli_save_keep(c, s, kind, t, coders);
	if (!rc)
		cli_print_table(c, t);
	return rc;
}
