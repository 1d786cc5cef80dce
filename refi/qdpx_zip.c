/* refi/qdpx_zip.c — the zip of a .qdpx export (refi/qdpx_write.c writes
 * what goes in it): project.qde from its temporary file, and each source
 * text read from the project only when libzip compresses it, deflated at
 * level 6, with progress and cancelling while zip_close works.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "refi_int.h"

/* One source text for libzip, read from the project when libzip opens it
 * (inside zip_close, one entry after the other) and freed when it closes
 * it: the export never holds more than one text. */
struct qw_text {
	struct store *st;
	const struct qw_source *t;
	time_t mtime;                /* what zip_source_buffer would stamp: now */
	struct strbuf text;
	size_t off;
	zip_error_t error;
	struct anker_err *err;       /* why reading failed, for qw_zip_write to report */
};

static zip_int64_t qw_text_cb(void *arg, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct qw_text *s = arg;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (store_get_text(s->st, &s->text, s->err, "SELECT text FROM document WHERE id = :id",
		                   STORE_INT(":id", s->t->id))) {
			zip_error_set(&s->error, ZIP_ER_READ, 0);
			return -1;
		}
		s->off = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t n = s->text.len - s->off < len ? s->text.len - s->off : (size_t)len;
		memcpy(data, s->text.buf + s->off, n);
		s->off += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_SEEK: {
		/* Seekable like zip_source_buffer, so that libzip may store what
		 * deflate would make larger, as it did with buffers. */
		zip_int64_t at = zip_source_seek_compute_offset(s->off, s->text.len, data, len,
		                                                &s->error);
		if (at < 0)
			return -1;
		s->off = (size_t)at;
		return 0;
	}
	case ZIP_SOURCE_TELL:
		return (zip_int64_t)s->off;
	case ZIP_SOURCE_CLOSE:
		sb_free(&s->text);
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = s->t->len;
		st->mtime = s->mtime;
		st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&s->error, data, len);
	case ZIP_SOURCE_FREE:
		sb_free(&s->text);
		zip_error_fini(&s->error);
		free(s);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		                                      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		                                      ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
		                                      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Add src as name (src is freed on failure). */
static int qw_zip_add(zip_t *z, const char *name, zip_source_t *src, struct anker_err *err)
{
	zip_int64_t at = src ? zip_file_add(z, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) : -1;
	if (at < 0) {
		if (src)
			zip_source_free(src);
		return anker_err_set(err, ANKER_IO, "%s: %s", name, zip_strerror(z));
	}
	/* Deflate at level 6, zlib's and zip(1)'s default: libzip's default
	 * is level 9, which spent three quarters of an export of 200 MB in
	 * deflate for a file 1 % smaller (level 6: 1.4x faster overall). */
	if (zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_DEFLATE, 6) < 0)
		return anker_err_set(err, ANKER_IO, "%s: %s", name, zip_strerror(z));
	return ANKER_OK;
}

/* Compressing is most of an export's time: libzip reports how far
 * zip_close is (0 to 1), shown in sources, and asks whether to stop. */
struct zip_progress {
	size_t n;
	struct anker_err err;
	bool cancelled;
	struct anker_err read_err;   /* a source text that could not be read */
};

static void zip_progress_cb(zip_t *z, double done, void *arg)
{
	struct zip_progress *p = arg;
	(void)z;
	if (!p->cancelled &&
	    store_progress("qdpx compress", (uint64_t)(done * (double)p->n), p->n, &p->err))
		p->cancelled = true;
}

static int zip_cancel_cb(zip_t *z, void *arg)
{
	(void)z;
	return ((struct zip_progress *)arg)->cancelled;
}

int qw_zip_write(struct store *st, const char *path, FILE *qde, const struct qw_texts *t,
                 struct anker_err *err)
{
	struct zip_progress zp = { .n = t->n ? t->n : 1 };
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		zip_error_t ze;
		fclose(qde);
		zip_error_init_with_code(&ze, zerr);
		anker_err_set(err, ANKER_IO, "%s: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ANKER_IO;
	}
	/* The source owns qde from here: fclose'd when libzip frees it. */
	/* libzip 1.7 reads a FILE * from where it stands, start or not, and
	 * stats a length of -1 as 0: rewind and say how long. */
	zip_int64_t qlen = ftello(qde);
	rewind(qde);
	/* libzip copies a file's mode into the archive: rw-rw-rw- as the
	 * other entries (and a buffer's) have, not tmpfile's rw------- (the
	 * file has no name: nobody else can open it). */
	(void)fchmod(fileno(qde), 0666);
	zip_source_t *qsrc = zip_source_filep(z, qde, 0, qlen);
	if (!qsrc)
		fclose(qde);
	int rc = qw_zip_add(z, "project.qde", qsrc, err);
	if (!rc && t->n && zip_dir_add(z, "sources", ZIP_FL_ENC_UTF_8) < 0)
		rc = anker_err_set(err, ANKER_IO, "%s: %s", path, zip_strerror(z));
	time_t now = time(NULL);
	for (size_t i = 0; i < t->n && !rc; i++) {
		char name[64];
		struct qw_text *s = xcalloc(1, sizeof *s);
		*s = (struct qw_text){ .st = st, .t = &t->t[i], .mtime = now, .err = &zp.read_err };
		zip_error_init(&s->error);
		zip_source_t *src = zip_source_function(z, qw_text_cb, s);
		if (!src)
			free(s);
		snprintf(name, sizeof name, "sources/%s.txt", t->t[i].guid);
		rc = qw_zip_add(z, name, src, err);
	}
	if (rc) {
		zip_discard(z);
		return rc;
	}
	zip_register_progress_callback_with_state(z, 0.001, zip_progress_cb, NULL, &zp);
	zip_register_cancel_callback_with_state(z, zip_cancel_cb, NULL, &zp);
	if (zip_close(z) < 0) {
		if (zp.cancelled) {
			*err = zp.err;
			zip_discard(z);
			return ANKER_CANCELLED;
		}
		if (zp.read_err.status)
			*err = zp.read_err;
		else
			anker_err_set(err, ANKER_IO, "%s: %s", path, zip_strerror(z));
		zip_discard(z);
		return err->status;
	}
	return ANKER_OK;
}
