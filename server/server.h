/*
 * server.h - the server child: a libmicrohttpd daemon on a socket the parent
 * bound, serving the output folder, until a signal or the parent goes away.
 * server.c runs the daemon and acts on the parent's messages; route.h
 * answers requests, reload.h keeps what the browser is told about builds,
 * hold.h holds requests during builds, sse.h streams events.
 *
 * Calling protocol (the parent, builder/child.c):
 *   1. bind and listen; make the message socketpair (core/msg.h);
 *   2. block SIGINT, SIGTERM and SIGHUP, fork from the main thread before any
 *      thread exists, and in the child call server_run() then _exit() with
 *      what it returned.
 * server_run() sets PR_SET_PDEATHSIG (SIGTERM) and re-checks getppid(), so a
 * SIGKILLed parent never leaves a server holding the port.
 *
 * Stop: on SIGINT, SIGTERM or SIGHUP (read from a signalfd), or end-of-file on
 * the message socket, the daemon stops accepting (MHD_quiesce_daemon), held
 * requests are answered, in-flight responses get up to one second to finish,
 * and server_run() returns 0.
 */
#ifndef TEND_SERVER_H
#define TEND_SERVER_H

#include <stdbool.h>
#include <sys/types.h>

#include "hostcheck.h"

struct server_config {
	int listen_fd;		/* bound, listening; server_run() closes it */
	int msg_fd;		/* child end of the socketpair; closed on return */
	const char *root;	/* output folder, opened anew per build */
	bool hold_every_build;	/* external builder: it writes in place */
	bool building;		/* a build is running as the server starts */
	unsigned generation;	/* the generation published so far (0: none) */
	pid_t parent;		/* for the death-signal race check */
	struct hostcheck hosts;	/* extra accepted Host names */
	unsigned max_connections;
	unsigned per_ip_limit;	/* connections per client address; 0: any */
	bool reload;		/* inject the live-reload script in HTML */
	const char *run_id;	/* names this run of tend in build names */
};

/* Serve until told to stop; returns the exit status for the child. */
int server_run(const struct server_config *cfg);

#endif
