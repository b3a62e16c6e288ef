/*
 * harness.h - end-to-end test helpers: start the real tend binary in its own
 * process group (as a shell job), read what it prints, make real HTTP
 * requests, edit real files, send real signals, and check that nothing of the
 * group is left.
 *
 * The binary is $TEND_BIN (set by tests/meson.build). Every process started
 * here gets PR_SET_PDEATHSIG(SIGKILL), so a test that fails or times out does
 * not leave tend running; tp_cleanup() also SIGKILLs the group by its id.
 */
#ifndef TEND_HARNESS_H
#define TEND_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct tend_proc {
	pid_t pid;		/* tend's pid, also its process group id */
	int out_fd, err_fd;	/* our ends of its stdout and stderr pipes */
	char *out, *err;	/* everything read so far, NUL-terminated */
	size_t outlen, errlen;
	int port;		/* from the JSON "listen" line, or 0 */
	char url[96];		/* http://127.0.0.1:PORT */
	int status;		/* wait status once exited, else -1 */
};

/* The tend binary under test ($TEND_BIN). */
const char *tend_bin(void);
/* Start `tend ARGS...` (args NULL-terminated) in cwd; asserts on failure. */
void tp_start(struct tend_proc *t, const char *cwd, const char *const *args);
/* Start any command (argv[0] looked up in PATH) the same way. */
void tp_exec(struct tend_proc *t, const char *cwd, const char *const *argv);

/* Wait up to ms for needle in stdout / stderr. */
bool tp_wait_out(struct tend_proc *t, const char *needle, int ms);
bool tp_wait_err(struct tend_proc *t, const char *needle, int ms);

/* Start `tend serve DIR --port 0 --json-log EXTRA...` and wait for the
 * listen line; asserts that it came. */
void tp_serve(struct tend_proc *t, const char *dir, const char *const *extra);

/* Count "event":"build" lines seen on stdout so far (after a read). */
int tp_builds(struct tend_proc *t);
/* Wait until at least n builds were reported (up to ms). */
bool tp_wait_builds(struct tend_proc *t, int n, int ms);

/* Wait up to ms for tend to exit; true with t->status set. */
bool tp_wait_exit(struct tend_proc *t, int ms);

/* Signal the whole process group, as a terminal does. */
void tp_signal_group(struct tend_proc *t, int sig);

/* How many live (not zombie) processes are in process group pgid. */
int pgroup_count(pid_t pgid);
/* How many zombies are in process group pgid (unreaped children). */
int pgroup_zombies(pid_t pgid);
/* The pids of the group other than its leader (up to max). */
int pgroup_others(pid_t pgid, pid_t *pids, int max);
/* Wait up to ms for the group to be empty. */
bool pgroup_wait_empty(pid_t pgid, int ms);

/* SIGKILL what is left of the group, reap, free; asserts that stderr has no
 * sanitizer report. Safe to call twice. */
void tp_cleanup(struct tend_proc *t);

/* The usual end of a test: tp_cleanup(t), then remove and free *dir. */
void tp_teardown(struct tend_proc *t, char **dir);

/* HTTP GET (or method) with libcurl; returns the status, 0 on a transport
 * error; body (may be NULL) receives a malloc'd NUL-terminated copy. */
long http_get(const char *url, char **body);
long http_request(const char *method, const char *url, const char *host,
    char **body, char **headers);

/* GET url with up to two extra request header lines (may be NULL). */
long http_request_h(const char *url, const char *hdr, char **body,
    char **headers);
long http_request_h2(const char *url, const char *hdr1, const char *hdr2,
    char **body);

/* The length of the body the last request received. */
size_t http_last_body_len(void);

/* Poll url until its body contains needle (up to ms). */
bool http_wait_body(const char *url, const char *needle, int ms);

/* A fresh temporary folder (mkdtemp); caller frees, rm_rf() removes it. */
/* CLOCK_MONOTONIC in ms, for deadlines. */
long long now_ms(void);

char *tmp_dir(void);
void rm_rf(const char *dir);
/* Write content to dir/rel, creating folders; asserts on failure. */
void write_file(const char *dir, const char *rel, const char *content);
/* Read dir/rel into a new string, or NULL. */
char *read_file(const char *dir, const char *rel);
bool file_exists(const char *dir, const char *rel);

/* A small site: index.md, guide/page.md, style.css, _layout.html. */
char *make_site(void);

#endif
