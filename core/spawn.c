/* spawn.c - starting a program and waiting for it */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bug.h"
#include "xalloc.h"
#include "banned.h"

extern char **environ;

#define FD_SCAN_MAX 65536	/* without close_range(): fds marked by hand */

/* Everything the child needs, made before the fork (it cannot allocate). */
struct prep {
	const char *path;
	char *const *argv;
	char **env;		/* environ, or an owned array */
	int io[3];		/* the child's stdin, stdout, stderr; -1 keeps */
	int mine[3];		/* the parent's pipe ends, or -1 */
	int null_fd;
	int err_r, err_w;	/* the exec-error pipe */
	sigset_t mask;		/* the caller's signal mask */
	pid_t parent;
};

/* tend's environment with the entries of add replacing or added to it. */
static char **
make_env(const char *const *add)
{
	size_t n = 0, nadd = 0, k = 0;
	char **env;

	if (!add)
		return environ;
	while (environ[n])
		n++;
	while (add[nadd])
		nadd++;
	env = xcalloc(n + nadd + 1, sizeof *env);
	for (size_t i = 0; i < n; i++) {
		bool replaced = false;

		for (size_t j = 0; j < nadd && !replaced; j++) {
			size_t len = strcspn(add[j], "=") + 1;

			replaced = !strncmp(environ[i], add[j], len);
		}
		if (!replaced)
			env[k++] = environ[i];
	}
	for (size_t j = 0; j < nadd; j++)
		env[k++] = (char *)add[j];
	env[k] = NULL;
	return env;
}

/*
 * In the child, from here to the exec: async-signal-safe calls only. A
 * failure sends errno up the exec-error pipe and exits with 127.
 */
static void __attribute__((noreturn))
fail(const struct prep *p)
{
	int e = errno;

	while (write(p->err_w, &e, sizeof e) < 0 && errno == EINTR)
		;
	_exit(127);
}

/* Handlers to SIG_DFL, and the listed signals even if ignored. */
static void
reset_signals(const struct spawn *sp)
{
	struct sigaction dfl;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction sa;

		if (sig == SIGKILL || sig == SIGSTOP ||
		    sigaction(sig, NULL, &sa) < 0)
			continue;
		if ((sa.sa_flags & SA_SIGINFO) || (sa.sa_handler != SIG_DFL &&
		    sa.sa_handler != SIG_IGN))
			sigaction(sig, &dfl, NULL);
	}
	for (const int *s = sp->default_signals; s && *s; s++)
		sigaction(*s, &dfl, NULL);
}

/*
 * The child's descriptors: stdio as asked, keep_fds as they are, every
 * other one close-on-exec. A source below 3 is first moved out of the way
 * of the dup2()s onto 0, 1 and 2.
 */
static void
set_fds(const struct spawn *sp, struct prep *p)
{
	for (int i = 0; i < 3; i++)
		if (p->io[i] >= 0 && p->io[i] <= STDERR_FILENO &&
		    (p->io[i] = fcntl(p->io[i], F_DUPFD_CLOEXEC, 3)) < 0)
			fail(p);
	for (int i = 0; i < 3; i++)
		if (p->io[i] >= 0 && dup2(p->io[i], i) < 0)
			fail(p);
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		struct rlimit rl;
		rlim_t max = FD_SCAN_MAX;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < max)
			max = rl.rlim_cur;
		for (int fd = 3; fd < (int)max; fd++)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	for (const int *fd = sp->keep_fds; fd && *fd >= 0; fd++)
		if (fcntl(*fd, F_SETFD, 0) < 0)
			fail(p);
}

static void __attribute__((noreturn))
run_child(const struct spawn *sp, struct prep *p)
{
	sigset_t none;

	if (p->err_w <= STDERR_FILENO &&
	    (p->err_w = fcntl(p->err_w, F_DUPFD_CLOEXEC, 3)) < 0)
		_exit(127);
	reset_signals(sp);
	if (sp->new_session && setsid() < 0)
		fail(p);
	if (!sp->new_session && sp->new_pgroup && setpgid(0, 0) < 0)
		fail(p);
	if (sp->death_signal) {
		if (prctl(PR_SET_PDEATHSIG, sp->death_signal) < 0)
			fail(p);
		if (getppid() != p->parent)	/* it died before the prctl */
			_exit(127);
	}
	if (sp->detach) {
		pid_t pid = fork();

		if (pid < 0)
			fail(p);
		if (pid > 0)
			_exit(0);	/* init adopts the grandchild */
	}
	set_fds(sp, p);
	if (sp->dir && chdir(sp->dir) < 0)
		fail(p);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, sp->keep_mask ? &p->mask : &none, NULL);
	execve(p->path, p->argv, p->env);
	fail(p);
}

/* Close a descriptor if open, and forget it. */
static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* The pipes and /dev/null asked for: 0, or -1 with errno. */
static int
open_io(const struct spawn *sp, struct prep *p)
{
	const enum spawn_io how[3] = { sp->in, sp->out, sp->err };

	for (int i = 0; i < 3; i++) {
		int fds[2];

		if (how[i] == SPAWN_NULL) {
			if (p->null_fd < 0 && (p->null_fd = open("/dev/null",
			    O_RDWR | O_CLOEXEC)) < 0)
				return -1;
			p->io[i] = p->null_fd;
		} else if (how[i] == SPAWN_PIPE) {
			if (pipe2(fds, O_CLOEXEC) < 0)
				return -1;
			p->io[i] = fds[i == 0 ? 0 : 1];
			p->mine[i] = fds[i == 0 ? 1 : 0];
		} else if (how[i] == SPAWN_TO_OUT && i == STDERR_FILENO) {
			p->io[i] = p->io[1] >= 0 ? p->io[1] : STDOUT_FILENO;
		}
	}
	return 0;
}

/* Close what the child alone needed. */
static void
close_child_ends(const struct spawn *sp, struct prep *p)
{
	if (sp->in == SPAWN_PIPE)
		close_fd(&p->io[0]);
	if (sp->out == SPAWN_PIPE)
		close_fd(&p->io[1]);
	if (sp->err == SPAWN_PIPE)
		close_fd(&p->io[2]);
	close_fd(&p->null_fd);
	close_fd(&p->err_w);
}

/* Wait for pid, whatever it was, and forget its status. */
static void
reap_quietly(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* The child's errno from the exec-error pipe, 0 once it exec'd. */
static int
exec_error(int fd)
{
	int e = 0;
	ssize_t n;

	while ((n = read(fd, &e, sizeof e)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof e ? e : 0;
}

int
spawn_start(struct spawn *sp)
{
	char sh[] = "sh", dash_c[] = "-c";
	char *sh_argv[] = { sh, dash_c, (char *)sp->shell, NULL };
	struct prep p = { .io = { -1, -1, -1 }, .mine = { -1, -1, -1 },
		.null_fd = -1, .err_r = -1, .err_w = -1 };
	sigset_t all;
	int fds[2], e = 0;
	pid_t pid;

	BUG_ON(!sp->shell && !sp->argv);
	sp->pid = 0;
	sp->pidfd = sp->in_fd = sp->out_fd = sp->err_fd = -1;
	sp->reaped = false;
	p.path = sp->shell ? "/bin/sh" : sp->path ? sp->path : sp->argv[0];
	p.argv = sp->shell ? sh_argv : (char *const *)sp->argv;
	p.parent = getpid();
	if (open_io(sp, &p) < 0 || pipe2(fds, O_CLOEXEC) < 0) {
		e = errno;
		goto fail;
	}
	p.err_r = fds[0];
	p.err_w = fds[1];
	p.env = make_env(sp->env);	/* after the last early failure */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &p.mask);
	pid = fork();
	if (pid == 0)
		run_child(sp, &p);
	e = errno;
	pthread_sigmask(SIG_SETMASK, &p.mask, NULL);
	if (p.env != environ)
		free(p.env);
	close_child_ends(sp, &p);
	if (pid < 0)
		goto fail;
	e = exec_error(p.err_r);	/* EOF at the exec */
	close_fd(&p.err_r);
	if (e || sp->detach) {
		reap_quietly(pid);	/* failed, or the middle child */
		if (e)
			goto fail;
	} else {
		sp->pid = pid;
		sp->pidfd = pidfd_open(pid, 0);
		if (sp->pidfd < 0) {
			e = errno;
			spawn_finish(sp);
			goto fail;
		}
	}
	sp->in_fd = p.mine[0];
	sp->out_fd = p.mine[1];
	sp->err_fd = p.mine[2];
	return 0;
fail:
	close_child_ends(sp, &p);
	close_fd(&p.err_r);
	for (int i = 0; i < 3; i++)
		close_fd(&p.mine[i]);
	errno = e;
	return -1;
}

/* Reap the exited child, after killing its group's leftovers if asked. */
static int
reap(struct spawn *sp)
{
	siginfo_t si = { 0 };

	if (sp->kill_group && (sp->new_pgroup || sp->new_session))
		killpg(sp->pid, SIGKILL);	/* the zombie pins the id */
	while (waitid(P_PID, (id_t)sp->pid, &si, WEXITED) < 0)
		if (errno != EINTR)
			return -1;
	sp->reaped = true;
	return spawn_wait_status(&si);
}

bool
spawn_reap(struct spawn *sp, int *status)
{
	siginfo_t si = { 0 };
	int ws;

	if (sp->pid <= 0 || sp->reaped)
		return false;
	if (waitid(P_PID, (id_t)sp->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0
	    || si.si_pid == 0)
		return false;
	ws = reap(sp);
	if (ws < 0)
		return false;
	*status = ws;
	return true;
}

int
spawn_wait(struct spawn *sp)
{
	siginfo_t si = { 0 };

	if (sp->pid <= 0 || sp->reaped) {
		errno = ECHILD;
		return -1;
	}
	while (waitid(P_PID, (id_t)sp->pid, &si, WEXITED | WNOWAIT) < 0)
		if (errno != EINTR)
			return -1;
	return reap(sp);
}

void
spawn_kill(struct spawn *sp, int sig)
{
	if (sp->pid <= 0 || sp->reaped)
		return;
	if (!(sp->new_pgroup || sp->new_session) ||
	    (killpg(sp->pid, sig) < 0 && errno == ESRCH))
		kill(sp->pid, sig);
}

void
spawn_finish(struct spawn *sp)
{
	if (sp->pid > 0 && !sp->reaped) {
		spawn_kill(sp, SIGKILL);
		reap_quietly(sp->pid);
		sp->reaped = true;
	}
	close_fd(&sp->pidfd);
	close_fd(&sp->in_fd);
	close_fd(&sp->out_fd);
	close_fd(&sp->err_fd);
}

int
spawn_wait_status(const siginfo_t *si)
{
	if (si->si_code == CLD_EXITED)
		return W_EXITCODE(si->si_status & 0xff, 0);
	return W_EXITCODE(0, si->si_status & 0x7f) |
	       (si->si_code == CLD_DUMPED ? WCOREFLAG : 0);
}

int
spawn_exit_code(int status)
{
	if (WIFSIGNALED(status))
		return SPAWN_SIGNAL_BASE + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
