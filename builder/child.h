/*
 * child.h - starting and reaping the server child (server/server.h).
 *
 * The server child is the tend-serve program (server/main.c), so that tend
 * itself never maps libmicrohttpd and its TLS libraries. child_start()
 * spawns it (spawn.h: an exec failure is reported here) with its
 * configuration on the command line (proto/args.h); it
 * inherits stdio, the listening socket and its end of the message socket,
 * nothing else, and tend's signal mask: the stop signals stay blocked until
 * its signalfd takes them. tend-serve sets its own death signal and checks
 * that tend is still its parent (server.h). The parent gets a pidfd to poll
 * (readable when the child exits) and its end of the message socket.
 */
#ifndef TEND_CHILD_H
#define TEND_CHILD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "servconf.h"
#include "spawn.h"

struct server_child {
	pid_t pid;		/* 0 when there is none */
	int pidfd;		/* -1 when there is none */
	int msg_fd;		/* parent end of the socketpair, -1 if none */
	struct spawn sp;	/* owns pidfd; pid and pidfd are its, copied */
};

#define SERVER_CHILD_INIT { 0, -1, -1, SPAWN_INIT }

/*
 * Start exe (tend-serve, libexec.h) with cfg (msg_fd and parent are filled
 * in here). 0, or -1 with errno.
 */
int child_start(struct server_child *c, const char *exe,
    struct server_config cfg);

/*
 * If the child has exited, reap it, close its descriptors and return true
 * with *status, a wait status (spawn.h).
 */
bool child_reap(struct server_child *c, int *status);

/* Kill (if sig) and wait for the child, then close its descriptors. */
void child_stop(struct server_child *c, int sig);

/* A server that exits on its own is restarted, but not a sixth time in
 * CHILD_RESTART_WINDOW_MS. */
#define CHILD_RESTART_WINDOW_MS 10000
#define CHILD_RESTART_MAX 5

struct child_restarts {
	int64_t at[CHILD_RESTART_MAX];	/* when the last restarts were */
	int n;
};

/* The server exited at now: true (and counted) if it may start again. */
bool child_may_restart(struct child_restarts *r, int64_t now);

/* The JSON "server" event: it exited with wait status while serving. */
void child_json_exit(int status, bool restarting);

#endif
