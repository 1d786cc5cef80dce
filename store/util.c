/* store/util.c — errors, buffers, allocation, whole-file I/O, number order,
 * numbers read from text. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

static const struct {
	int exit;
	const char *name;
} status_info[] = {
#define ANKER_STATUS_INFO(name, exit, text) { exit, text },
	ANKER_STATUS(ANKER_STATUS_INFO)
#undef ANKER_STATUS_INFO
};

int anker_status_exit(enum anker_status st)
{
	return status_info[st].exit;
}

const char *anker_status_name(enum anker_status st)
{
	return status_info[st].name;
}

int anker_err_set(struct anker_err *err, enum anker_status st, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
		err->status = st;
	}
	return st;
}

void anker_err_prefix(struct anker_err *err, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	sb_adds(&sb, ": ");
	sb_adds(&sb, err->msg);
	size_t n = sb.len < sizeof err->msg - 1 ? sb.len : sizeof err->msg - 1;
	memcpy(err->msg, sb.buf, n);
	err->msg[n] = '\0';
	sb_free(&sb);
}

void anker_err_clear(struct anker_err *err)
{
	if (err) {
		err->status = ANKER_OK;
		err->msg[0] = '\0';
	}
}

/* ---------------------------------------------------------------------- */

static void oom(void)
{
	static const char msg[] = "anker: out of memory\n";
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(3);
	_exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---------------------------------------------------------------------- */

static void sb_grow(struct strbuf *sb, size_t more)
{
	if (sb->len + more + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + more + 1) {
		if (cap > SIZE_MAX / 2)
			oom();
		cap *= 2;
	}
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_add(struct strbuf *sb, const char *s, size_t len)
{
	sb_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, s, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *sb_steal(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

void sb_add_json(struct strbuf *sb, const char *s, size_t len)
{
	sb_addc(sb, '"');
	/* Runs of bytes that need no escape copied at once: a byte at a time
	 * was most of a large import's JSON. */
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0x7f && c != '"' && c != '\\')
			continue;
		if (i > run)
			sb_add(sb, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': sb_adds(sb, "\\\""); break;
		case '\\': sb_adds(sb, "\\\\"); break;
		case '\n': sb_adds(sb, "\\n"); break;
		case '\t': sb_adds(sb, "\\t"); break;
		case '\r': sb_adds(sb, "\\r"); break;
		default: sb_addf(sb, "\\u%04x", c);
		}
	}
	if (len > run)   /* s may be NULL when len is 0 */
		sb_add(sb, s + run, len - run);
	sb_addc(sb, '"');
}

/* ---------------------------------------------------------------------- */

int anker_read_file(const char *path, char **out, size_t *len, struct anker_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)   /* a wrong path is the user's input, not an I/O failure */
		return anker_err_set(err, errno == ENOENT || errno == EACCES ? ANKER_INPUT : ANKER_IO,
		                     "%s: %s", path, strerror(errno));
	struct stat sbuf;
	if (fstat(fd, &sbuf) == 0 && S_ISDIR(sbuf.st_mode)) {
		close(fd);
		return anker_err_set(err, ANKER_INPUT, "%s: is a directory", path);
	}
	struct strbuf sb = {0};
	if (fstat(fd, &sbuf) == 0 && S_ISREG(sbuf.st_mode))
		sb_grow(&sb, (size_t)sbuf.st_size);
	for (;;) {
		sb_grow(&sb, 65536);
		ssize_t n = read(fd, sb.buf + sb.len, sb.cap - sb.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			sb_free(&sb);
			return anker_err_set(err, ANKER_IO, "%s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
	}
	close(fd);
	sb.buf[sb.len] = '\0';
	*len = sb.len;
	*out = sb_steal(&sb);
	return ANKER_OK;
}

int anker_afile_open(struct anker_afile *f, const char *path, struct anker_err *err)
{
	struct strbuf tmp = {0};
	sb_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	*f = (struct anker_afile){ .fd = -1 };
	f->fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (f->fd < 0) {
		int e = errno;
		sb_free(&tmp);
		return anker_err_set(err, ANKER_IO, "%s: %s", path, strerror(e));
	}
	f->path = xstrdup(path);
	f->tmp = sb_steal(&tmp);
	return ANKER_OK;
}

void anker_afile_write(struct anker_afile *f, const char *data, size_t len)
{
	size_t off = 0;
	while (!f->error && off < len) {
		ssize_t n = write(f->fd, data + off, len - off);
		if (n < 0 && errno != EINTR)
			f->error = errno;
		else if (n > 0)
			off += (size_t)n;
	}
}

void anker_afile_abort(struct anker_afile *f)
{
	if (!f->path)
		return;   /* never opened (zeroed), or ended already */
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp)
		unlink(f->tmp);
	free(f->path);
	free(f->tmp);
	*f = (struct anker_afile){ .fd = -1 };
}

int anker_afile_commit(struct anker_afile *f, struct anker_err *err)
{
	int e = f->error;
	if (!e && fsync(f->fd) != 0)
		e = errno;
	if (close(f->fd) != 0 && !e)
		e = errno;
	f->fd = -1;
	if (!e && rename(f->tmp, f->path) != 0)
		e = errno;
	if (e) {
		anker_err_set(err, ANKER_IO, "%s: %s", f->path, strerror(e));
	} else {
		free(f->tmp);   /* renamed: nothing to remove */
		f->tmp = NULL;
	}
	anker_afile_abort(f);
	return e ? ANKER_IO : ANKER_OK;
}

int anker_write_file(const char *path, const char *data, size_t len, struct anker_err *err)
{
	struct anker_afile f;
	int rc = anker_afile_open(&f, path, err);
	if (rc)
		return rc;
	anker_afile_write(&f, data, len);
	return anker_afile_commit(&f, err);
}

/* ---------------------------------------------------------------------- */

int anker_numcmp(const char *a, const char *b)
{
	if (!*a || !*b)
		return (*a == '\0') - (*b == '\0');
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			size_t la = 0, lb = 0;
			while (isdigit((unsigned char)a[la]))
				la++;
			while (isdigit((unsigned char)b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = memcmp(a, b, la);
			if (c)
				return c < 0 ? -1 : 1;
			a += la;
			b += lb;
		} else {
			if (*a != *b)
				return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
			a++;
			b++;
		}
	}
	return (*a != '\0') - (*b != '\0');
}

/* ---------------------------------------------------------------------- */
/* GUIDs and timestamps. */

void store_guid(char out[37])
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* No kernel randomness: fall back to time and pid, still
			 * unique enough for one machine. */
			srand((unsigned)time(NULL) ^ (unsigned)getpid());
			for (; got < sizeof b; got++)
				b[got] = (unsigned char)rand();
			break;
		}
		got += (size_t)n;
	}
	b[6] = (b[6] & 0x0f) | 0x40;   /* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
	/* By hand, not snprintf: a bulk import makes one per row. */
	static const char hex[] = "0123456789abcdef";
	char *o = out;
	for (size_t i = 0; i < sizeof b; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
	}
	*o = '\0';
}

void store_now(char out[32])
{
	/* The last second formatted, kept: a bulk import asks once per row. */
	static time_t last = (time_t)-1;
	static char text[32];
	time_t t = time(NULL);
	if (t != last) {
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
		last = t;
	}
	memcpy(out, text, sizeof text);
}

/* String maps: open addressing with linear probing, FNV-1a, at most half
 * full. */

static uint64_t map_hash(const char *key, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
	return h;
}

static struct anker_map_slot *map_slot(const struct anker_map *m, const char *key, size_t len)
{
	size_t i = (size_t)map_hash(key, len) & (m->cap - 1);
	for (;; i = (i + 1) & (m->cap - 1)) {
		struct anker_map_slot *s = &m->slots[i];
		if (!s->key || (s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

bool anker_map_put(struct anker_map *m, const char *key, size_t len, size_t value)
{
	if (2 * (m->n + 1) > m->cap) {
		struct anker_map old = *m;
		m->cap = old.cap ? 2 * old.cap : 64;
		m->slots = xcalloc(m->cap, sizeof *m->slots);
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				*map_slot(m, old.slots[i].key, old.slots[i].len) = old.slots[i];
		free(old.slots);
	}
	struct anker_map_slot *s = map_slot(m, key, len);
	if (s->key)
		return false;
	*s = (struct anker_map_slot){ .key = key, .len = len, .value = value };
	m->n++;
	return true;
}

size_t anker_map_get(const struct anker_map *m, const char *key, size_t len)
{
	if (m->n == 0)
		return SIZE_MAX;
	const struct anker_map_slot *s = map_slot(m, key, len);
	return s->key ? s->value : SIZE_MAX;
}

void anker_map_free(struct anker_map *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------------- */
/* Numbers read from files and arguments. */

/* The digits [0-9]+ at s[i..len): how many. */
static size_t digits(const char *s, size_t i, size_t len)
{
	size_t b = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	return i - b;
}

/* strtod in the C locale, whatever the process's LC_NUMERIC: uselocale
 * switches this thread only, and back (POSIX 2008; strtod_l is GNU). */
static double strtod_c(const char *s)
{
	static locale_t c_locale;
	if (!c_locale)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	locale_t old = c_locale ? uselocale(c_locale) : (locale_t)0;
	double v = strtod(s, NULL);
	if (old)
		uselocale(old);
	return v;
}

bool anker_parse_number(const char *s, size_t len, bool decimal_comma, double *v)
{
	size_t i = 0, n;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	n = digits(s, i, len);
	i += n;
	if (i < len && (s[i] == '.' || (decimal_comma && s[i] == ','))) {
		size_t f = digits(s, i + 1, len);
		if (n + f == 0)
			return false;
		i += 1 + f;
	} else if (n == 0) {
		return false;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t k = i + 1;
		if (k < len && (s[k] == '+' || s[k] == '-'))
			k++;
		if (!digits(s, k, len))
			return false;
		i = k + digits(s, k, len);
	}
	if (i != len || len > 1000)   /* no number people write is longer */
		return false;
	/* The grammar above is a subset of strtod's (no hex, inf, nan,
	 * blanks); only a decimal comma needs turning into a point. */
	char buf[1001];
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *comma = memchr(buf, ',', len);
	if (comma)
		*comma = '.';
	double d = strtod_c(buf);
	if (!isfinite(d))
		return false;
	*v = d;
	return true;
}

