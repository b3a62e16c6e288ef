/*
 * log.h - messages for people (stderr) and for scripts (JSON lines on stdout).
 *
 * Every human line starts with "tend: ". Errors are red and warnings yellow, but
 * only when stderr is a terminal and NO_COLOR is unset. log_warn() and log_err()
 * append ": strerror(errno)"; the *x variants do not (as OpenBSD's log.c).
 *
 * Verbosity: LOG_QUIET prints errors only, LOG_NORMAL adds info and warnings,
 * LOG_VERBOSE adds debug lines. None of these functions is async-signal-safe.
 */
#ifndef TEND_LOG_H
#define TEND_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum log_level { LOG_QUIET = -1, LOG_NORMAL = 0, LOG_VERBOSE = 1 };

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* Set verbosity and whether JSON lines are written to stdout. */
void log_init(enum log_level level, bool json);

void log_info(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_debug(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_warnx(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_err(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_errx(const char *fmt, ...) PRINTF_LIKE(1, 2);

/*
 * Write one raw line to stderr with a prefix (the external build's output).
 * Shown unless quiet.
 */
void log_child_line(const char *prefix, const char *line, size_t len);

/*
 * JSON lines. json_begin("build") starts {"event":"build"; the json_* calls add
 * members; json_end() closes the object, writes it with a newline and flushes.
 * Nothing is written unless log_init() enabled JSON.
 */
void json_begin(const char *event);
void json_str(const char *key, const char *value);
void json_int(const char *key, long long value);
void json_bool(const char *key, bool value);
/* An array of strings of count values. */
void json_strv(const char *key, const char *const *values, size_t count);
void json_end(void);

#endif
