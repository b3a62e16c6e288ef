/*
 * server.h - the server child: a libmicrohttpd daemon on a socket the parent
 * bound, serving the output folder, until a signal or the parent goes away.
 * server.c runs the daemon and acts on the parent's messages; route.h
 * answers requests, reload.h keeps what the browser is told about builds,
 * hold.h holds requests during builds, sse.h streams events.
 *
 * It runs in the tend-serve program (main.c), which the parent spawns, so
 * that tend itself never maps libmicrohttpd. Calling protocol (the parent,
 * builder/child.c):
 *   1. bind and listen; make the message socketpair (proto/msg.h);
 *   2. with SIGINT, SIGTERM and SIGHUP blocked, spawn tend-serve with the
 *      socket and its end of the pair inherited and the config on its
 *      command line (args.h); it calls server_run() and exits with what it
 *      returned.
 * server_run() sets PR_SET_PDEATHSIG (SIGTERM) and re-checks getppid(), so a
 * SIGKILLed parent never leaves a server holding the port.
 *
 * Budget: server_run() raises the soft RLIMIT_NOFILE to the hard one and
 * serves at most as many connections at once as the limit leaves room for
 * (with a warning when that is fewer than cfg->max_connections). A quarter
 * of them (at most 16) are kept for page requests (headwait.h), and event
 * streams stop short of those (sse.h); while they are in use, a response
 * the client stopped reading is cut after a short while (headwait.h).
 *
 * The parent's pings (MSG_PING, msg.h) are answered from the main thread
 * at once; one that goes unanswered tells the parent this process stopped.
 *
 * Stop: on SIGINT, SIGTERM or SIGHUP (read from a signalfd), or end-of-file on
 * the message socket, the daemon stops accepting (MHD_quiesce_daemon), held
 * requests are answered, in-flight responses get up to one second to finish,
 * and server_run() returns 0.
 */
#ifndef TEND_SERVER_H
#define TEND_SERVER_H

#include "servconf.h"


/* Serve until told to stop; returns the exit status for the child. */
int server_run(const struct server_config *cfg);

#endif
