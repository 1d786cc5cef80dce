/* temporary */
#include "format_int.h"
int fmt_srt_read(const char *raw, size_t len, const struct corpus_import_opts *o, struct fmt_out *out, struct anker_err *err) { (void)raw;(void)len;(void)o;(void)out; return anker_err_set(err, ANKER_INPUT, "not yet"); }
int fmt_vtt_read(const char *raw, size_t len, const struct corpus_import_opts *o, struct fmt_out *out, struct anker_err *err) { (void)raw;(void)len;(void)o;(void)out; return anker_err_set(err, ANKER_INPUT, "not yet"); }
int fmt_html_read(const char *raw, size_t len, const struct corpus_import_opts *o, struct fmt_out *out, struct anker_err *err) { (void)raw;(void)len;(void)o;(void)out; return anker_err_set(err, ANKER_INPUT, "not yet"); }
