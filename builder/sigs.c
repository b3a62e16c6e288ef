/* sigs.c - flag-setting handlers for the parent */
#include "sigs.h"

#include <poll.h>
#include <stddef.h>
#include <string.h>
#include "banned.h"

static volatile sig_atomic_t count, last;
static sigset_t wait_mask;

static void
on_stop(int sig)
{
	last = sig;
	if (count < 1000)
		count++;
}

void
sigs_install(void)
{
	struct sigaction sa;
	sigset_t stop;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGHUP);
	sa.sa_handler = on_stop;
	sa.sa_mask = stop;	/* one handler at a time */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGTTIN, &sa, NULL);
	sigaction(SIGTTOU, &sa, NULL);
}

const sigset_t *
sigs_wait_mask(void)
{
	return &wait_mask;
}

void
sigs_deliver(void)
{
	struct timespec zero = { 0, 0 };

	ppoll(NULL, 0, &zero, &wait_mask);
}

int
sigs_count(void)
{
	return count;
}

int
sigs_last(void)
{
	return last;
}

const char *
sigs_name(int sig)
{
	switch (sig) {
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGHUP: return "SIGHUP";
	default: return "signal";
	}
}

void
sigs_reraise(int sig)
{
	sigset_t one;

	signal(sig, SIG_DFL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	raise(sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
}
