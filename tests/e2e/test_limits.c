/* test_limits.c - the inotify watch limit, a full disk, --quiet */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t;
static char *site;
static int socks[64];
static int nsocks;

static void
teardown(void)
{
	for (int i = 0; i < nsocks; i++)
		close(socks[i]);
	nsocks = 0;
	tp_teardown(&t, &site);
}

TestSuite(limits, .fini = teardown, .timeout = 30);

/* Run `sh -c script` with TEND and SITE in its environment; exit code. */
static int
run_sh(const char *script)
{
	setenv("TEND", tend_bin(), 1);
	setenv("SITE", site, 1);
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c", script, NULL });
	cr_assert(tp_wait_exit(&t, 20000), "did not finish: %s", t.err);
	cr_assert(WIFEXITED(t.status), "status %#x: %s", t.status, t.err);
	return WEXITSTATUS(t.status);
}

Test(limits, watch_limit_is_a_clear_warning_then_polling)
{
	char url[256];
	const char *p;

	site = make_site();
	write_file(site, "a/b/c/d/e/page.md", "# deep\n");
	setenv("TEND", tend_bin(), 1);
	setenv("SITE", site, 1);
	/* a user namespace of tend's own, with room for 3 watches */
	tp_exec(&t, NULL, (const char *const[]){ "sh", "-c",
	    "unshare -Ur sh -c 'echo 3 > /proc/sys/user/max_inotify_watches' "
	    "|| { echo no-userns >&2; exit 77; }; "
	    "exec unshare -Ur sh -c 'echo 3 > "
	    "/proc/sys/user/max_inotify_watches && exec \"$TEND\" serve "
	    "\"$SITE\" --port 0 --json-log'", NULL });
	if (!tp_wait_out(&t, "\"event\":\"listen\"", 10000)) {
		if (strstr(t.err, "no-userns"))
			cr_skip_test("no user namespaces here");
		cr_assert_fail("no listen line: %s", t.err);
	}
	cr_assert(tp_wait_err(&t, "max_user_watches", 1000), "%s", t.err);
	cr_assert(strstr(t.err, "the inotify watch limit is reached"), "%s",
	    t.err);
	cr_assert(strstr(t.err, "polling every 1000 ms instead"), "%s", t.err);
	/* tend carries on: a warning, not an error */
	cr_assert(strstr(t.err, "tend: warning: cannot watch"), "%s", t.err);
	cr_assert_null(strstr(t.err, "error:"), "%s", t.err);
	p = strstr(t.out, "\"port\":");
	snprintf(url, sizeof url, "http://127.0.0.1:%d/a/b/c/d/e/page.html",
	    atoi(p + 7));
	cr_assert(http_wait_body(url, "deep", 5000));
	/* polling still sees an edit deep in the tree */
	write_file(site, "a/b/c/d/e/page.md", "# deeper still\n");
	cr_assert(http_wait_body(url, "deeper still", 5000), "%s", t.err);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 5000));
}

Test(limits, full_disk_fails_the_build_and_keeps_the_output)
{
	int code;
	char *page;

	site = tmp_dir();
	/* a 256 KiB tmpfs in a mount namespace of our own */
	code = run_sh("unshare -m true || exit 77; exec unshare -m sh -c '"
	    "mount -t tmpfs -o size=256k tmpfs \"$SITE\" || exit 77; "
	    "mkdir \"$SITE/src\" && echo \"# First\" > \"$SITE/src/index.md\" && "
	    "\"$TEND\" build \"$SITE/src\" || exit 10; "
	    "echo \"# Second\" > \"$SITE/src/index.md\" && "
	    "head -c 200000 /dev/zero > \"$SITE/src/big.bin\" && "
	    "\"$TEND\" build \"$SITE/src\"; echo \"status=$?\" >&2; "
	    "cat \"$SITE/src/_site/index.html\"; "
	    "ls -a \"$SITE/src\" >&2'");
	if (code == 77)
		cr_skip_test("no mount namespaces here");
	cr_assert_eq(code, 0, "stderr:\n%s", t.err);
	cr_assert(strstr(t.err, "status=1"), "%s", t.err);
	cr_assert(strstr(t.err, "No space left on device"), "%s", t.err);
	page = t.out;
	cr_assert(strstr(page, "<h1 id=\"first\">First<a class=\"anchor\""),
	    "the last good output was lost: %s", page);
	cr_assert_null(strstr(t.err, ".tend-new"), "staging left: %s", t.err);
}

Test(limits, quiet_prints_nothing_on_success)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", "-q", site, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 0);
	cr_assert_str_eq(t.err, "");
	cr_assert_str_eq(t.out, "");
}

Test(limits, verbose_and_json_for_scripts)
{
	site = make_site();
	tp_start(&t, NULL, (const char *const[]){ "build", "--json-log",
	    site, NULL });
	cr_assert(tp_wait_exit(&t, 10000));
	cr_assert(strstr(t.out, "{\"event\":\"build\",\"ok\":true,"
	    "\"generation\":1,"), "%s", t.out);
	cr_assert(strstr(t.out, "{\"event\":\"stop\",\"reason\":\"done\","
	    "\"status\":0}\n"), "%s", t.out);
}

/* Make close_range() fail with ENOSYS in this test's process and what it
 * starts (an old kernel, or a container's seccomp profile). */
static bool
deny_close_range(void)
{
#if defined(__x86_64__) && defined(__NR_close_range)
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_close_range, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };

	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
	       prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0;
#else
	return false;
#endif
}

/* Does process pid hold a descriptor whose link names what? */
static bool
holds_fd(pid_t pid, const char *what)
{
	char dir[64], path[600], link[256];
	struct dirent *e;
	DIR *d;
	bool found = false;

	snprintf(dir, sizeof dir, "/proc/%d/fd", (int)pid);
	d = opendir(dir);
	cr_assert_not_null(d);
	while (!found && (e = readdir(d))) {
		ssize_t n;

		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		n = readlink(path, link, sizeof link - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		found = strstr(link, what) != NULL;
	}
	closedir(d);
	return found;
}

/*
 * Kill the server child; the restarted one (spawned once tend watches SRC)
 * must hold nothing of tend's but stdio, the listening socket and its end
 * of the message socket: no inotify descriptor, no pidfd, and not what tend
 * inherited without close-on-exec (a memfd here).
 */
static void
restarted_child_holds_only_its_own(void)
{
	pid_t child, next = 0;
	char url[160];
	int inherited = memfd_create("tend-test-inherited", 0);

	cr_assert_geq(inherited, 0);
	site = make_site();
	tp_serve(&t, site, NULL);
	close(inherited);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	cr_assert(holds_fd(t.pid, "inotify"), "tend watches without inotify?");
	cr_assert(holds_fd(t.pid, "pidfd"), "tend polls no pidfd?");
	cr_assert(holds_fd(t.pid, "tend-test-inherited"), "not inherited?");
	cr_assert_eq(pgroup_others(t.pid, &child, 1), 1);
	cr_assert_eq(kill(child, SIGKILL), 0);
	cr_assert(tp_wait_err(&t, "restarting it", 3000), "%s", t.err);
	for (int i = 0; i < 1000 && (pgroup_others(t.pid, &next, 1) != 1 ||
	    next == child); i++)
		usleep(2000);	/* no event tells that a process appeared */
	cr_assert(next > 0 && next != child, "no new server child");
	snprintf(url, sizeof url, "%s/", t.url);
	/* only the new child answers: it is past its descriptor cleanup */
	cr_assert(http_wait_body(url, "Home page", 3000), "%s", t.err);
	cr_assert_not(holds_fd(next, "inotify"),
	    "the server child kept tend's inotify descriptor");
	cr_assert_not(holds_fd(next, "pidfd"),
	    "the server child kept tend's pidfd");
	cr_assert_not(holds_fd(next, "tend-test-inherited"),
	    "the server child kept what tend inherited");
}

Test(limits, server_child_closes_descriptors)
{
	restarted_child_holds_only_its_own();
}

/* The same without close_range(): glibc falls back to /proc/self/fd. */
Test(limits, server_child_closes_descriptors_without_close_range)
{
	if (!deny_close_range())
		cr_skip_test("no seccomp filter on this machine");
	restarted_child_holds_only_its_own();
}

#define FD_CONNS 100

/* Start tend serve SITE under prlimit --nofile=LIMIT (soft:hard). */
static void
serve_with_nofile(const char *limit)
{
	char opt[64];
	const char *p;

	snprintf(opt, sizeof opt, "--nofile=%s", limit);
	site = make_site();
	tp_exec(&t, NULL, (const char *const[]){ "prlimit", opt, "--",
	    tend_bin(), "serve", site, "--port", "0", "--json-log", NULL });
	if (!tp_wait_out(&t, "\"event\":\"listen\"", 10000)) {
		if (tp_wait_exit(&t, 1000) && WIFEXITED(t.status) &&
		    WEXITSTATUS(t.status) == 127)
			cr_skip_test("no prlimit here");
		cr_assert_fail("no listen line: %s", t.err);
	}
	p = strstr(t.out, "\"port\":");
	t.port = atoi(p + 7);
	snprintf(t.url, sizeof t.url, "http://127.0.0.1:%d", t.port);
	cr_assert(tp_wait_builds(&t, 1, 10000), "%s", t.err);
}

struct tally {
	int ok, refused, failed, unanswered;
};

/*
 * FD_CONNS keep-alive connections at once, each with one request (a page,
 * or a file sent from its descriptor); each stays open once answered, as
 * a browser's would. Count the answers by status after ms, or when all
 * came.
 */
static struct tally
hit_at_once(int ms)
{
	static const char *const reqs[] = {
		"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
		"GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n",
	};
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)t.port) };
	struct tally n = { 0, 0, 0, 0 };
	int fds[FD_CONNS], waiting = FD_CONNS;
	char got[FD_CONNS][16];
	size_t len[FD_CONNS] = { 0 };
	bool sent[FD_CONNS] = { 0 }, done[FD_CONNS] = { 0 };
	long long end = now_ms() + ms;

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	for (int i = 0; i < FD_CONNS; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		cr_assert_geq(fds[i], 0);
		if (connect(fds[i], (struct sockaddr *)&a, sizeof a) < 0)
			cr_assert_eq(errno, EINPROGRESS, "connect: %s",
			    strerror(errno));
		got[i][0] = '\0';
	}
	/* send each request once its connection is up, then read the status
	   line; the kernel queues what the server has not accepted yet */
	while (waiting && now_ms() < end) {
		struct pollfd p[FD_CONNS];

		for (int i = 0; i < FD_CONNS; i++)
			p[i] = (struct pollfd){ fds[i], done[i] ? 0 : sent[i]
			    ? POLLIN : POLLOUT, 0 };
		if (poll(p, FD_CONNS, 100) <= 0)
			continue;
		for (int i = 0; i < FD_CONNS; i++) {
			const char *r = reqs[i % 2];
			ssize_t k;

			if (done[i] || !p[i].revents)
				continue;
			if (!sent[i]) {
				sent[i] = write(fds[i], r, strlen(r)) ==
				    (ssize_t)strlen(r);
				k = sent[i];
			} else {
				k = read(fds[i], got[i] + len[i],
				    sizeof got[i] - 1 - len[i]);
				if (k > 0)
					len[i] += (size_t)k;
				got[i][len[i]] = '\0';
			}
			if (k <= 0 || len[i] == sizeof got[i] - 1) {
				done[i] = true;	/* kept open */
				waiting--;
			}
		}
	}
	for (int i = 0; i < FD_CONNS; i++) {
		if (!strncmp(got[i], "HTTP/1.1 200", 12))
			n.ok++;
		else if (!strncmp(got[i], "HTTP/1.1 503", 12))
			n.refused++;
		else if (len[i] >= 12)
			n.failed++;
		else
			n.unanswered++;
		close(fds[i]);
	}
	return n;
}

/* How many times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/*
 * Issue: under `ulimit -n 64`, 100 connections at once all got 500, and
 * nothing said why. tend-serve keeps its connections within what the
 * descriptor limit leaves and says so once: the connections it takes are
 * answered, the others wait in the queue (or get 503), none gets a 500.
 */
Test(limits, low_descriptor_limit_lowers_the_connection_limit)
{
	struct tally n;
	char url[160];

	serve_with_nofile("64:64");
	n = hit_at_once(3000);
	cr_assert_eq(n.failed, 0, "%d errors (%d ok, %d refused, %d "
	    "waiting): %s", n.failed, n.ok, n.refused, n.unanswered, t.err);
	cr_assert_gt(n.ok, 0, "%s", t.err);
	cr_assert(tp_wait_err(&t, "descriptor limit", 2000), "%s", t.err);
	cr_assert_eq(count(t.err, "descriptor limit"), 1, "%s", t.err);
	cr_assert_leq(count(t.err, "Too many open files"), 1, "%s", t.err);
	/* with those gone, it serves as before */
	snprintf(url, sizeof url, "%s/style.css", t.url);
	cr_assert(http_wait_body(url, "color", 5000), "%s", t.err);
}

/* A soft limit below the hard one is raised: nothing to say, all 200. */
Test(limits, low_soft_descriptor_limit_is_raised)
{
	struct tally n;

	serve_with_nofile("64:4096");
	n = hit_at_once(5000);
	cr_assert_eq(n.ok, FD_CONNS, "%d ok, %d refused, %d errors, %d "
	    "unanswered: %s", n.ok, n.refused, n.failed, n.unanswered, t.err);
	cr_assert_null(strstr(t.err, "descriptor limit"), "%s", t.err);
}

/* A raw TCP connection to the server, kept until teardown, with req sent. */
static int
open_with(const char *req)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)t.port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	cr_assert_geq(fd, 0);
	cr_assert_lt(nsocks, (int)(sizeof socks / sizeof *socks));
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	socks[nsocks++] = fd;
	return fd;
}

/* The status of the response on fd, read within ms, or 0. */
static int
status_within(int fd, int ms)
{
	char line[16];
	size_t len = 0;
	long long end = now_ms() + ms;

	while (len < 12 && now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, (int)(end - now_ms())) != 1)
			break;
		n = read(fd, line + len, 12 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	line[len] = '\0';
	return len == 12 && !strncmp(line, "HTTP/1.1 ", 9) ? atoi(line + 9) : 0;
}

static const char page_req[] = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

/*
 * Issue: event streams counted against --max-connections and never time
 * out, so enough of them (from one process, or a page opening
 * EventSources) left no slot for pages for as long as they stayed open.
 * Streams have a cap of their own, answered 503 past it, and never take
 * the slots kept for pages.
 */
Test(limits, event_streams_past_their_cap_leave_room_for_pages)
{
	static const char req[] = "GET /__tend/events HTTP/1.1\r\n"
				  "Host: localhost\r\n\r\n";
	int ok = 0, refused = 0;

	site = make_site();
	tp_serve(&t, site, (const char *const[]){ "--max-connections", "40",
	    NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	for (int i = 0; i < 40; i++) {
		int status = status_within(open_with(req), 3000);

		ok += status == 200;
		refused += status == 503;
	}
	cr_assert_gt(refused, 0, "%d streams, none refused", ok);
	cr_assert_leq(ok, 32, "%d streams", ok);
	cr_assert_eq(status_within(open_with(page_req), 5000), 200,
	    "no slot left for a page with %d streams open", ok);
}

/*
 * Slowloris: connections that send their request head slowly (here: never
 * whole) fill every slot; while the slots kept for pages are taken, a
 * head is due much sooner, so a page request is answered long before
 * the usual 10 s deadline frees a slot.
 */
Test(limits, slow_request_heads_leave_room_for_pages)
{
	static const char req[] = "GET / HTTP/1.1\r\nHost: localhost\r\n";

	site = make_site();
	tp_serve(&t, site, (const char *const[]){ "--max-connections", "16",
	    NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	for (int i = 0; i < 16; i++)
		open_with(req);
	cr_assert_eq(status_within(open_with(page_req), 5000), 200,
	    "16 slow clients kept a page from being answered");
}

/* Larger than a socket's send buffer can grow (tcp_wmem's maximum, 4 MiB
 * by default): the kernel cannot take the whole response at once. */
#define BIG_FILE (16 * 1024 * 1024)

/*
 * Issue: slow reads of a 2 MB file with 600 connections made the server
 * unavailable for about 10 s. A connection whose response is being sent
 * (the file here is larger than the kernel's buffers) has its head, so neither the head deadline nor the reserve covered it:
 * clients that stop reading held every slot until the idle timeout. While
 * the slots kept for pages are taken, a response that makes no progress
 * for a while is cut, and a page request is answered.
 */
Test(limits, stalled_readers_leave_room_for_pages)
{
	static const char req[] = "GET /big.bin HTTP/1.1\r\nHost: localhost"
				  "\r\n\r\n";
	struct sockaddr_in a = { .sin_family = AF_INET };
	char *big = malloc(BIG_FILE + 1);

	cr_assert_not_null(big);
	memset(big, 'x', BIG_FILE);
	big[BIG_FILE] = '\0';
	site = make_site();
	write_file(site, "big.bin", big);
	free(big);
	tp_serve(&t, site, (const char *const[]){ "--max-connections", "16",
	    NULL });
	cr_assert(tp_wait_builds(&t, 1, 10000));
	a.sin_port = htons((uint16_t)t.port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	for (int i = 0; i < 16; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0), rcv = 4096;

		cr_assert_geq(fd, 0);
		socks[nsocks++] = fd;
		/* a small window, and never read: the response stalls */
		cr_assert_eq(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv,
		    sizeof rcv), 0);
		cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
		cr_assert_eq(write(fd, req, sizeof req - 1),
		    (ssize_t)sizeof req - 1);
	}
	cr_assert_eq(status_within(open_with(page_req), 5000), 200,
	    "16 clients that stopped reading kept a page from being "
	    "answered: %s", t.err);
}

/* The pid of tend's server child (tend-serve), or 0. */
static pid_t
serve_pid(void)
{
	pid_t pids[8];
	int n = pgroup_others(t.pid, pids, 8);

	for (int i = 0; i < n; i++) {
		char path[64], *comm;

		snprintf(path, sizeof path, "/proc/%d", (int)pids[i]);
		comm = read_file(path, "comm");
		if (comm && !strncmp(comm, "tend-serve", 10)) {
			free(comm);
			return pids[i];
		}
		free(comm);
	}
	return 0;
}

/* How many descriptors pid has open, and the lowest number it has free. */
static int
open_fds_of(pid_t pid, int *lowest_free)
{
	char path[64];
	int n = 0;

	*lowest_free = -1;
	for (int fd = 0; fd < 4096; fd++) {
		snprintf(path, sizeof path, "/proc/%d/fd/%d", (int)pid, fd);
		if (access(path, F_OK) == 0)
			n++;
		else if (*lowest_free < 0)
			*lowest_free = fd;
	}
	return n;
}

/*
 * Issue: a file that cannot be opened for want of descriptors (EMFILE)
 * answered 503 and said nothing, so nobody knew to raise ulimit -n. The
 * first one is a warning, once; later ones are not repeated. Provoked by
 * lowering the server child's soft limit to its lowest free descriptor,
 * with the connections already open.
 */
Test(limits, out_of_descriptors_for_a_file_is_said_once)
{
	static const char css_req[] = "GET /style.css HTTP/1.1\r\n"
				      "Host: localhost\r\n\r\n";
	struct rlimit old, low;
	int c[3], n0, free_fd;
	pid_t pid;

	site = make_site();
	tp_serve(&t, site, NULL);
	cr_assert(tp_wait_builds(&t, 1, 10000));
	pid = serve_pid();
	cr_assert_gt(pid, 0, "no tend-serve in the group");
	n0 = open_fds_of(pid, &free_fd);
	/* a page first: the output folder is opened, and stays */
	cr_assert_eq(status_within(open_with(page_req), 5000), 200);
	for (int i = 0; i < 3; i++)
		c[i] = open_with("");	/* accepted now, asked later */
	/* wait until the server holds the folder and all four connections */
	for (long long end = now_ms() + 3000; now_ms() < end;) {
		if (open_fds_of(pid, &free_fd) >= n0 + 5)
			break;
		poll(NULL, 0, 50);
	}
	cr_assert_geq(open_fds_of(pid, &free_fd), n0 + 5);
	cr_assert_eq(prlimit(pid, RLIMIT_NOFILE, NULL, &old), 0);
	low = (struct rlimit){ (rlim_t)free_fd, old.rlim_max };
	cr_assert_eq(prlimit(pid, RLIMIT_NOFILE, &low, NULL), 0);
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(write(c[i], css_req, sizeof css_req - 1),
		    (ssize_t)sizeof css_req - 1);
		cr_assert_eq(status_within(c[i], 5000), 503, "%s", t.err);
	}
	cr_assert(tp_wait_err(&t, "Too many open files", 2000),
	    "nothing said: %s", t.err);
	cr_assert_eq(prlimit(pid, RLIMIT_NOFILE, &old, NULL), 0);
	cr_assert_eq(write(c[2], css_req, sizeof css_req - 1),
	    (ssize_t)sizeof css_req - 1);
	cr_assert_eq(status_within(c[2], 5000), 200, "%s", t.err);
	cr_assert_eq(count(t.err, "Too many open files"), 1, "%s", t.err);
}
