/*
 * child.h - starting and reaping the server child (server/server.h).
 *
 * child_start() forks from the main thread with every signal blocked around
 * fork(); the child closes every descriptor but stdio, the listening socket
 * and its end of the message socket, runs server_run() and _exit()s. The
 * parent gets a pidfd to poll (readable when the child exits) and its end of
 * the message socket.
 */
#ifndef TEND_CHILD_H
#define TEND_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

#include "server.h"

struct server_child {
	pid_t pid;		/* 0 when there is none */
	int pidfd;		/* -1 when there is none */
	int msg_fd;		/* parent end of the socketpair, -1 if none */
};

#define SERVER_CHILD_INIT { 0, -1, -1 }

/*
 * Fork a server child with cfg (listen_fd, root, hold_every_build, building
 * and generation are read; msg_fd and parent are filled in here). 0, or -1
 * with errno.
 */
int child_start(struct server_child *c, struct server_config cfg);

/*
 * If the child has exited, reap it, close its descriptors and return true
 * with *status, a wait status (runner_wait_status()).
 */
bool child_reap(struct server_child *c, int *status);

/* Kill (if sig) and wait for the child, then close its descriptors. */
void child_stop(struct server_child *c, int sig);

#endif
