/* log.c - human log lines on stderr and JSON lines on stdout */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "banned.h"

static enum log_level level = LOG_NORMAL;
static bool json_on;
/* -1: not decided yet; atomic: warnings come from the page threads too */
static _Atomic int color = -1;
static bool json_first;		/* no member written yet in this object */

void
log_init(enum log_level l, bool json)
{
	level = l;
	json_on = json;
	color = -1;
}


/* True when stderr gets colours. */
static bool
log_color(void)
{
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");
		color = isatty(STDERR_FILENO) && !(nc && *nc);
	}
	return color;
}

/* Print one line: prefix, optional label in a colour, message, optional errno. */
static void __attribute__((format(printf, 4, 0)))
vlog(const char *label, const char *ansi, int errnum, const char *fmt,
    va_list ap)
{
	bool c = ansi && log_color();

	flockfile(stderr);
	fputs("tend: ", stderr);
	if (label)
		fprintf(stderr, "%s%s:%s ", c ? ansi : "", label,
		    c ? "\033[0m" : "");
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	funlockfile(stderr);
	fflush(stderr);
}

#define LOG_BODY(cond, label, ansi, errnum)                                   \
	do {                                                                  \
		int saved = (errnum);                                         \
		va_list ap;                                                   \
		if (!(cond))                                                  \
			return;                                               \
		va_start(ap, fmt);                                            \
		vlog(label, ansi, saved, fmt, ap);                            \
		va_end(ap);                                                   \
		errno = saved ? saved : errno;                                \
	} while (0)

void
log_info(const char *fmt, ...)
{
	LOG_BODY(level >= LOG_NORMAL, NULL, NULL, 0);
}

void
log_debug(const char *fmt, ...)
{
	LOG_BODY(level >= LOG_VERBOSE, NULL, NULL, 0);
}

void
log_warn(const char *fmt, ...)
{
	LOG_BODY(level >= LOG_NORMAL, "warning", "\033[33m", errno);
}

void
log_warnx(const char *fmt, ...)
{
	LOG_BODY(level >= LOG_NORMAL, "warning", "\033[33m", 0);
}

void
log_err(const char *fmt, ...)
{
	LOG_BODY(1, "error", "\033[1;31m", errno);
}

void
log_errx(const char *fmt, ...)
{
	LOG_BODY(1, "error", "\033[1;31m", 0);
}

void
log_child_line(const char *prefix, const char *line, size_t len)
{
	if (level < LOG_NORMAL)
		return;
	flockfile(stderr);
	fputs(prefix, stderr);
	fwrite(line, 1, len, stderr);
	fputc('\n', stderr);
	funlockfile(stderr);
	fflush(stderr);
}


/* Write s to stdout as the inside of a JSON string (buf.h escapes it). */
static void
json_escape(const char *s)
{
	struct buf b = BUF_INIT;

	buf_add_json(&b, s);
	if (b.p)
		fputs(b.p, stdout);
	free(b.p);
}

/* Start a member: comma if needed, then "key": */
static void
json_key(const char *key)
{
	fputs(json_first ? "\"" : ",\"", stdout);
	json_first = false;
	json_escape(key);
	fputs("\":", stdout);
}

void
json_begin(const char *event)
{
	if (!json_on)
		return;
	flockfile(stdout);
	fputc('{', stdout);
	json_first = true;
	json_str("event", event);
}

void
json_str(const char *key, const char *value)
{
	if (!json_on)
		return;
	json_key(key);
	fputc('"', stdout);
	json_escape(value ? value : "");
	fputc('"', stdout);
}

void
json_int(const char *key, long long value)
{
	if (!json_on)
		return;
	json_key(key);
	fprintf(stdout, "%lld", value);
}

void
json_bool(const char *key, bool value)
{
	if (!json_on)
		return;
	json_key(key);
	fputs(value ? "true" : "false", stdout);
}

void
json_strv(const char *key, const char *const *values, size_t count)
{
	if (!json_on)
		return;
	json_key(key);
	fputc('[', stdout);
	for (size_t i = 0; i < count; i++) {
		fputs(i ? ",\"" : "\"", stdout);
		json_escape(values[i]);
		fputc('"', stdout);
	}
	fputc(']', stdout);
}

void
json_end(void)
{
	if (!json_on)
		return;
	fputs("}\n", stdout);
	funlockfile(stdout);
	fflush(stdout);
}
