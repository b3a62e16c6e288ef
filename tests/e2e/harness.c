/* harness.c - end-to-end helpers around the real tend binary */
#include "harness.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
append(char **buf, size_t *len, const char *s, size_t n)
{
	*buf = realloc(*buf, *len + n + 1);
	cr_assert_not_null(*buf);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Read whatever the pipes hold, waiting up to ms for something. */
static void
pump(struct tend_proc *t, int ms)
{
	struct pollfd p[2] = { { t->out_fd, POLLIN, 0 }, { t->err_fd, POLLIN, 0 } };
	char buf[8192];

	if (poll(p, 2, ms) <= 0)
		return;
	for (int i = 0; i < 2; i++) {
		ssize_t n;

		if (p[i].fd < 0 || !p[i].revents)
			continue;
		while ((n = read(p[i].fd, buf, sizeof buf)) > 0) {
			if (i == 0)
				append(&t->out, &t->outlen, buf, (size_t)n);
			else
				append(&t->err, &t->errlen, buf, (size_t)n);
		}
	}
}

const char *
tend_bin(void)
{
	const char *bin = getenv("TEND_BIN");

	cr_assert_not_null(bin, "TEND_BIN is not set (run through meson test)");
	return bin;
}

void
tp_start(struct tend_proc *t, const char *cwd, const char *const *args)
{
	const char *argv[64];
	size_t n = 0;

	argv[n++] = tend_bin();
	for (; args && *args && n < 63; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	tp_exec(t, cwd, argv);
}

void
tp_exec(struct tend_proc *t, const char *cwd, const char *const *argv)
{
	const char *bin = argv[0];
	int o[2], e[2];

	memset(t, 0, sizeof *t);
	t->status = -1;
	cr_assert_eq(pipe2(o, O_CLOEXEC), 0);
	cr_assert_eq(pipe2(e, O_CLOEXEC), 0);
	t->pid = fork();
	cr_assert_geq(t->pid, 0);
	if (t->pid == 0) {
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(o[1], 1);
		dup2(e[1], 2);
		if (cwd && chdir(cwd) < 0)
			_exit(126);
		execvp(bin, (char *const *)argv);
		_exit(127);
	}
	setpgid(t->pid, t->pid);	/* no race with the child's own call */
	close(o[1]);
	close(e[1]);
	t->out_fd = o[0];
	t->err_fd = e[0];
	fcntl(t->out_fd, F_SETFL, O_NONBLOCK);
	fcntl(t->err_fd, F_SETFL, O_NONBLOCK);
	append(&t->out, &t->outlen, "", 0);
	append(&t->err, &t->errlen, "", 0);
}

static bool
wait_for(struct tend_proc *t, char **buf, const char *needle, int ms)
{
	long long end = now_ms() + ms;

	for (;;) {
		if (strstr(*buf, needle))
			return true;
		if (now_ms() >= end)
			return false;
		pump(t, 20);
	}
}

bool
tp_wait_out(struct tend_proc *t, const char *needle, int ms)
{
	return wait_for(t, &t->out, needle, ms);
}

bool
tp_wait_err(struct tend_proc *t, const char *needle, int ms)
{
	return wait_for(t, &t->err, needle, ms);
}

void
tp_serve(struct tend_proc *t, const char *dir, const char *const *extra)
{
	const char *args[48] = { "serve", dir, "--port", "0", "--json-log" };
	size_t n = 5;
	const char *p;

	for (; extra && *extra && n < 47; extra++)
		args[n++] = *extra;
	args[n] = NULL;
	tp_start(t, NULL, args);
	cr_assert(tp_wait_out(t, "\"event\":\"listen\"", 10000),
	    "no listen line; stderr:\n%s", t->err);
	p = strstr(t->out, "\"port\":");
	cr_assert_not_null(p);
	t->port = atoi(p + 7);
	cr_assert_gt(t->port, 0);
	snprintf(t->url, sizeof t->url, "http://127.0.0.1:%d", t->port);
}

int
tp_builds(struct tend_proc *t)
{
	int n = 0;

	pump(t, 0);
	for (const char *p = t->out; (p = strstr(p, "\"event\":\"build\"")); p++)
		n++;
	return n;
}

bool
tp_wait_builds(struct tend_proc *t, int n, int ms)
{
	long long end = now_ms() + ms;

	while (tp_builds(t) < n) {
		if (now_ms() >= end)
			return false;
		pump(t, 20);
	}
	return true;
}

bool
tp_wait_exit(struct tend_proc *t, int ms)
{
	long long end = now_ms() + ms;

	if (t->status != -1)
		return true;
	for (;;) {
		int st;
		pid_t r = waitpid(t->pid, &st, WNOHANG);

		if (r == t->pid) {
			t->status = st;
			pump(t, 0);
			return true;
		}
		if (now_ms() >= end)
			return false;
		pump(t, 10);
	}
}

void
tp_signal_group(struct tend_proc *t, int sig)
{
	cr_assert_eq(kill(-t->pid, sig), 0, "kill(-%d): %s", t->pid,
	    strerror(errno));
}

/* Members of pgid from /proc/PID/stat: live ones, or only zombies. */
static int
scan_group(pid_t pgid, pid_t *pids, int max, bool skip_leader, bool zombies)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[64], buf[512], *p;
		int pgrp = -1;
		FILE *f;
		pid_t pid = (pid_t)atoi(e->d_name);

		if (pid <= 0)
			continue;
		snprintf(path, sizeof path, "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		char state = '?';

		if (fgets(buf, sizeof buf, f) && (p = strrchr(buf, ')')))
			sscanf(p + 2, "%c %*d %d", &state, &pgrp);
		fclose(f);
		/*
		 * A zombie whose parent is gone waits for init to reap it
		 * (not tend's business); tend's own unreaped children are
		 * caught by pgroup_zombies() while tend runs.
		 */
		if (pgrp != pgid || (skip_leader && pid == pgid))
			continue;
		if ((state == 'Z') != zombies)
			continue;
		if (pids && n < max)
			pids[n] = pid;
		n++;
	}
	closedir(d);
	return n;
}

int
pgroup_count(pid_t pgid)
{
	return scan_group(pgid, NULL, 0, false, false);
}

int
pgroup_zombies(pid_t pgid)
{
	return scan_group(pgid, NULL, 0, false, true);
}

int
pgroup_others(pid_t pgid, pid_t *pids, int max)
{
	return scan_group(pgid, pids, max, true, false);
}

bool
pgroup_wait_empty(pid_t pgid, int ms)
{
	long long end = now_ms() + ms;

	while (pgroup_count(pgid) > 0) {
		if (now_ms() >= end)
			return false;
		usleep(10000);
	}
	return true;
}

void
tp_cleanup(struct tend_proc *t)
{
	if (t->pid <= 0)
		return;
	kill(-t->pid, SIGKILL);
	if (t->status == -1)
		waitpid(t->pid, &t->status, 0);
	pump(t, 0);
	close(t->out_fd);
	close(t->err_fd);
	t->pid = 0;
	cr_expect_null(strstr(t->err, "Sanitizer"), "sanitizer report:\n%s",
	    t->err);
	cr_expect_null(strstr(t->err, "runtime error:"), "UBSan report:\n%s",
	    t->err);
	free(t->out);
	free(t->err);
	t->out = t->err = NULL;
}

void
tp_teardown(struct tend_proc *t, char **dir)
{
	tp_cleanup(t);
	rm_rf(*dir);
	free(*dir);
	*dir = NULL;
}

struct body {
	char *p;
	size_t len;
};

/* The length of the last body received (bodies may hold NUL bytes). */
static size_t last_body_len;

size_t
http_last_body_len(void)
{
	return last_body_len;
}

static size_t
on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct body *b = arg;

	append(&b->p, &b->len, ptr, size * nmemb);
	return size * nmemb;
}

/* One libcurl request; extra is a list of header lines (may be NULL). */
static long
do_request(const char *method, const char *url, struct curl_slist *extra,
    char **body, char **headers)
{
	CURL *c = curl_easy_init();
	struct body b = { NULL, 0 }, h = { NULL, 0 };
	long status = 0;

	append(&b.p, &b.len, "", 0);
	append(&h.p, &h.len, "", 0);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	if (method && !strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (method)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (extra)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, extra);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	last_body_len = b.len;
	if (body)
		*body = b.p;
	else
		free(b.p);
	if (headers)
		*headers = h.p;
	else
		free(h.p);
	return status;
}

long
http_request(const char *method, const char *url, const char *host,
    char **body, char **headers)
{
	struct curl_slist *hl = NULL;
	char hosthdr[256];
	long status;

	if (host) {
		snprintf(hosthdr, sizeof hosthdr, "Host: %s", host);
		hl = curl_slist_append(hl, hosthdr);
	}
	status = do_request(method, url, hl, body, headers);
	curl_slist_free_all(hl);
	return status;
}

long
http_request_h(const char *url, const char *hdr, char **body, char **headers)
{
	struct curl_slist *hl = hdr ? curl_slist_append(NULL, hdr) : NULL;
	long status = do_request(NULL, url, hl, body, headers);

	curl_slist_free_all(hl);
	return status;
}

long
http_request_h2(const char *url, const char *hdr1, const char *hdr2,
    char **body)
{
	struct curl_slist *hl = curl_slist_append(NULL, hdr1);
	long status;

	hl = curl_slist_append(hl, hdr2);
	status = do_request(NULL, url, hl, body, NULL);
	curl_slist_free_all(hl);
	return status;
}

long
http_get(const char *url, char **body)
{
	return http_request(NULL, url, NULL, body, NULL);
}

bool
http_wait_body(const char *url, const char *needle, int ms)
{
	long long end = now_ms() + ms;

	for (;;) {
		char *body = NULL;
		bool found;

		http_get(url, &body);
		found = body && strstr(body, needle);
		free(body);
		if (found)
			return true;
		if (now_ms() >= end)
			return false;
		usleep(20000);
	}
}

char *
tmp_dir(void)
{
	char *d = strdup("/tmp/tend-e2e-XXXXXX");

	cr_assert_not_null(mkdtemp(d));
	return d;
}

void
rm_rf(const char *dir)
{
	char cmd[600];

	if (!dir || strncmp(dir, "/tmp/tend-", 10))
		return;		/* only what tmp_dir() made */
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		cr_log_warn("could not remove %s", dir);
}

void
write_file(const char *dir, const char *rel, const char *content)
{
	char path[1024], tmp[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	/* write in place, as an editor's plain save does */
	snprintf(tmp, sizeof tmp, "%s", path);
	f = fopen(tmp, "w");
	cr_assert_not_null(f, "cannot write %s: %s", path, strerror(errno));
	fputs(content, f);
	cr_assert_eq(fclose(f), 0);
}

char *
read_file(const char *dir, const char *rel)
{
	char path[1024], *buf = NULL;
	size_t len = 0;
	FILE *f;
	char chunk[4096];
	size_t n;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	append(&buf, &len, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		append(&buf, &len, chunk, n);
	fclose(f);
	return buf;
}

bool
file_exists(const char *dir, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return access(path, F_OK) == 0;
}

char *
make_site(void)
{
	char *d = tmp_dir();

	write_file(d, "index.md", "# Home page\n\nSee [the guide](guide/page.md).\n");
	write_file(d, "guide/page.md", "---\ntitle: Guide\n---\n# First words\n\n"
	    "Back [home](../index.md).\n");
	write_file(d, "style.css", "body { color: black; }\n");
	write_file(d, "_layout.html", "<!doctype html><html><head><title>"
	    "{{ title }}</title><link rel=\"stylesheet\" href=\"{{ root }}"
	    "style.css\"></head><body>{{ content }}</body></html>\n");
	return d;
}
