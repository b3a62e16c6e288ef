/* test_spawn.c - starting programs: exec errors, groups, descriptors, pipes */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "spawn.h"

/* Read fd to its end into buf (NUL-terminated). */
static void
read_all(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		cr_assert_geq(n, 0, "read: %s", strerror(errno));
		len += (size_t)n;
	}
	buf[len] = '\0';
}

/* Run `sh -c cmd` with its stdout (and stderr with err_too) piped; its
   output into buf and its wait status. */
static int
run_sh(const char *cmd, bool err_too, char *buf, size_t size)
{
	struct spawn sp = SPAWN_INIT;
	int status;

	sp.shell = cmd;
	sp.out = SPAWN_PIPE;
	if (err_too)
		sp.err = SPAWN_TO_OUT;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	read_all(sp.out_fd, buf, size);
	status = spawn_wait(&sp);
	spawn_finish(&sp);
	return status;
}

Test(spawn, exec_failure_gives_the_errno, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	const char *argv[] = { "/nonexistent/program", NULL };
	char dir[256], path[300];

	sp.argv = argv;
	sp.out = SPAWN_PIPE;
	cr_assert_eq(spawn_start(&sp), -1);
	cr_expect_eq(errno, ENOENT, "errno %d", errno);
	cr_expect_eq(sp.pid, 0);
	cr_expect_eq(sp.pidfd, -1);
	cr_expect_eq(sp.out_fd, -1);
	cr_expect_eq(waitpid(-1, NULL, WNOHANG), -1, "a child left unreaped");

	/* a file that is not executable */
	fixture_mkdtemp(dir, sizeof dir, "spawn");
	snprintf(path, sizeof path, "%s/script", dir);
	close(open(path, O_WRONLY | O_CREAT, 0644));
	argv[0] = path;
	cr_expect_eq(spawn_start(&sp), -1);
	cr_expect_eq(errno, EACCES, "errno %d", errno);
	fixture_rmtree(dir);
	spawn_finish(&sp);
}

Test(spawn, a_missing_folder_gives_the_errno, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;

	sp.shell = "true";
	sp.dir = "/nonexistent/folder";
	cr_assert_eq(spawn_start(&sp), -1);
	cr_expect_eq(errno, ENOENT, "errno %d", errno);
}

Test(spawn, exit_status_and_killed_child, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	const char *argv[] = { "/bin/sleep", "30", NULL };
	char buf[64];
	int status;

	status = run_sh("exit 3", false, buf, sizeof buf);
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	cr_expect_eq(spawn_exit_code(status), 3);

	sp.argv = argv;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	spawn_kill(&sp, SIGTERM);
	status = spawn_wait(&sp);
	cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	    "status %#x", status);
	cr_expect_eq(spawn_exit_code(status), 128 + SIGTERM);
	cr_expect_eq(spawn_wait(&sp), -1, "reaped twice");
	spawn_finish(&sp);
}

Test(spawn, reap_does_not_block_and_gives_the_status_once, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	struct pollfd p;
	int status = -1;

	sp.shell = "read x; exit 7";
	sp.in = SPAWN_PIPE;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	cr_expect_not(spawn_reap(&sp, &status), "reaped a running child");
	close(sp.in_fd);
	sp.in_fd = -1;
	p = (struct pollfd){ sp.pidfd, POLLIN, 0 };
	cr_assert_eq(poll(&p, 1, 5000), 1);
	cr_assert(spawn_reap(&sp, &status));
	cr_expect_eq(spawn_exit_code(status), 7);
	cr_expect_not(spawn_reap(&sp, &status));
	spawn_finish(&sp);
	spawn_finish(&sp);	/* twice is fine */
}

Test(spawn, pipes_in_and_out, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	const char *argv[] = { "/bin/cat", NULL };
	char buf[256];

	run_sh("echo out; echo err >&2", true, buf, sizeof buf);
	cr_expect_str_eq(buf, "out\nerr\n");

	sp.argv = argv;
	sp.in = sp.out = SPAWN_PIPE;
	sp.err = SPAWN_NULL;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	cr_assert_eq(write(sp.in_fd, "hello", 5), 5);
	close(sp.in_fd);
	sp.in_fd = -1;
	read_all(sp.out_fd, buf, sizeof buf);
	cr_expect_str_eq(buf, "hello");
	cr_expect_eq(spawn_wait(&sp), 0);
	spawn_finish(&sp);
}

Test(spawn, stdin_from_dev_null_env_and_dir, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	const char *env[] = { "HOME=/spawned", "TEND_SPAWN_TEST=1", NULL };
	char buf[256];

	setenv("HOME", "/before", 1);
	sp.shell = "cat; echo \"$HOME $TEND_SPAWN_TEST $(pwd)\"";
	sp.env = env;
	sp.dir = "/";
	sp.in = SPAWN_NULL;
	sp.out = SPAWN_PIPE;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	read_all(sp.out_fd, buf, sizeof buf);
	cr_expect_str_eq(buf, "/spawned 1 /\n");
	cr_expect_eq(spawn_wait(&sp), 0);
	spawn_finish(&sp);
	cr_expect_str_eq(getenv("HOME"), "/before");
}

/* The descriptors open in process pid, as a list "0 1 2 ". */
static void
fds_of(pid_t pid, char *buf, size_t size)
{
	char path[64];
	int fds[64], n = 0;
	struct dirent *e;
	size_t len = 0;
	DIR *d;

	snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
	d = opendir(path);
	cr_assert_not_null(d, "%s: %s", path, strerror(errno));
	while ((e = readdir(d)) && n < 64)
		if (e->d_name[0] != '.')
			fds[n++] = atoi(e->d_name);
	closedir(d);
	for (int i = 0; i < n; i++)	/* sorted */
		for (int j = i + 1; j < n; j++)
			if (fds[j] < fds[i]) {
				int t = fds[i];

				fds[i] = fds[j];
				fds[j] = t;
			}
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, size - len, "%d ", fds[i]);
}

/*
 * Start a shell that says it runs, then waits on its stdin, with keep kept,
 * and list its descriptors once it said so: the exec has closed what it
 * closes, and nothing loads (an exec'd program's loader opens libraries).
 */
static void
fds_after_exec(const int *keep, char *got, size_t size)
{
	const char *argv[] = { "/bin/sh", "-c", "echo; read x", NULL };
	struct spawn sp = SPAWN_INIT;
	char c;

	sp.argv = argv;
	sp.in = sp.out = SPAWN_PIPE;
	sp.keep_fds = keep;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	cr_assert_eq(read(sp.out_fd, &c, 1), 1);
	fds_of(sp.pid, got, size);
	spawn_finish(&sp);
}

Test(spawn, descriptors_are_not_leaked, .timeout = 10)
{
	int leaky = open("/dev/null", O_RDONLY);	/* no O_CLOEXEC */
	int kept = dup(leaky), keep[] = { kept, -1 };
	char want[64], got[256];

	cr_assert_geq(leaky, 0);
	fds_after_exec(NULL, got, sizeof got);
	cr_expect_str_eq(got, "0 1 2 ");
	fcntl(kept, F_SETFD, FD_CLOEXEC);	/* kept all the same */
	fds_after_exec(keep, got, sizeof got);
	snprintf(want, sizeof want, "0 1 2 %d ", kept);
	cr_expect_str_eq(got, want);
	close(leaky);
	close(kept);
}

Test(spawn, own_process_group_and_leftovers_killed, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	char buf[64], path[64], stat[256];
	pid_t leftover;
	FILE *f;
	int status;

	sp.shell = "sleep 300 & echo $!; exit 0";
	sp.out = SPAWN_PIPE;
	sp.new_pgroup = true;
	sp.kill_group = true;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	cr_expect_eq(getpgid(sp.pid), sp.pid);
	cr_expect_neq(getpgid(sp.pid), getpgrp());
	/* the sleep holds the pipe open: read its pid, not to the end */
	cr_assert_gt(read(sp.out_fd, buf, sizeof buf - 1), 0);
	leftover = (pid_t)atoi(buf);
	cr_assert_gt(leftover, 0);
	cr_expect_eq(getpgid(leftover), sp.pid);
	status = spawn_wait(&sp);
	cr_expect_eq(status, 0);
	/* SIGKILLed before the shell was reaped: a zombie or gone soon */
	snprintf(path, sizeof path, "/proc/%d/stat", (int)leftover);
	for (int i = 0; i < 500; i++) {
		char *p;

		f = fopen(path, "r");
		if (!f)
			break;
		p = fgets(stat, sizeof stat, f) ? strrchr(stat, ')') : NULL;
		fclose(f);
		if (p && p[2] == 'Z')
			break;
		cr_assert_lt(i, 499, "the background sleep is still running");
		usleep(10 * 1000);
	}
	spawn_finish(&sp);
}

/* This process's ignored signals, as /proc/self/status's hex mask. */
static unsigned long long
own_ignored(void)
{
	char line[128];
	unsigned long long mask = 0;
	FILE *f = fopen("/proc/self/status", "r");

	cr_assert(f);
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "SigIgn: %llx", &mask) == 1)
			break;
	fclose(f);
	return mask;
}

Test(spawn, signals_reset_and_mask, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	const int dfl[] = { SIGPIPE, 0 };
	const char *argv[] = { "/bin/grep", "-E", "^Sig(Blk|Ign)",
		"/proc/self/status", NULL };
	sigset_t block, old;
	char buf[256], want[64];

	/* tend ignores SIGPIPE and blocks its stop signals */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	/* what the test was started with stays ignored (a shell's background
	   job ignores SIGINT and SIGQUIT) */
	snprintf(want, sizeof want, "SigIgn:\t%016llx\n",
	    own_ignored() & ~(1ULL << (SIGPIPE - 1)));

	/* SigBlk and SigIgn of the child: hex masks, bit n-1 for signal n
	   (not through sh: dash empties the mask it is given) */
	sp.argv = argv;
	sp.out = SPAWN_PIPE;
	sp.default_signals = dfl;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	read_all(sp.out_fd, buf, sizeof buf);
	cr_expect_eq(spawn_wait(&sp), 0);
	spawn_finish(&sp);
	cr_expect(strstr(buf, "SigBlk:\t0000000000000000\n"), "%s", buf);
	cr_expect(strstr(buf, want), "%s, not %s", buf, want);

	sp = (struct spawn)SPAWN_INIT;
	sp.argv = argv;
	sp.out = SPAWN_PIPE;
	sp.keep_mask = true;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	read_all(sp.out_fd, buf, sizeof buf);
	spawn_finish(&sp);
	cr_expect(strstr(buf, "SigBlk:\t0000000000004000\n"), "%s", buf);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

Test(spawn, death_signal_follows_the_parent, .timeout = 10)
{
	int p[2];
	pid_t middle, orphan = 0;

	cr_assert_eq(pipe(p), 0);
	middle = fork();
	cr_assert_geq(middle, 0);
	if (middle == 0) {
		struct spawn sp = SPAWN_INIT;
		const char *argv[] = { "/bin/sleep", "30", NULL };

		sp.argv = argv;
		sp.death_signal = SIGKILL;
		if (spawn_start(&sp) < 0)
			_exit(1);
		if (write(p[1], &sp.pid, sizeof sp.pid) < 0)
			_exit(1);
		_exit(0);	/* sleep's parent dies: so does sleep */
	}
	close(p[1]);
	cr_assert_eq(read(p[0], &orphan, sizeof orphan), sizeof orphan);
	close(p[0]);
	waitpid(middle, NULL, 0);
	for (int i = 0; i < 500 && kill(orphan, 0) == 0; i++) {
		char path[64], s[256], *z;
		FILE *f;

		snprintf(path, sizeof path, "/proc/%d/stat", (int)orphan);
		f = fopen(path, "r");
		z = f && fgets(s, sizeof s, f) ? strrchr(s, ')') : NULL;
		if (f)
			fclose(f);
		if (z && z[2] == 'Z')
			break;
		cr_assert_lt(i, 499, "the child outlived its parent");
		usleep(10 * 1000);
	}
}

Test(spawn, detached_child_is_not_ours, .timeout = 10)
{
	struct spawn sp = SPAWN_INIT;
	const char *argv[] = { "/bin/sh", "-c", "exit 0", NULL };
	const char *bad[] = { "/nonexistent/xdg-open", NULL };

	sp.argv = argv;
	sp.new_session = sp.detach = true;
	sp.in = sp.out = sp.err = SPAWN_NULL;
	cr_assert_eq(spawn_start(&sp), 0, "spawn_start: %s", strerror(errno));
	cr_expect_eq(sp.pid, 0);
	cr_expect_eq(sp.pidfd, -1);
	cr_expect_eq(waitpid(-1, NULL, WNOHANG), -1, "a child of ours is left");
	cr_expect_eq(errno, ECHILD);
	spawn_finish(&sp);

	sp.argv = bad;	/* the grandchild's exec error still comes back */
	cr_expect_eq(spawn_start(&sp), -1);
	cr_expect_eq(errno, ENOENT, "errno %d", errno);
}
