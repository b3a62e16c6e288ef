/*
 * servconf.h - what the server child is given: struct server_config, filled
 * in by the parent (builder/child.c), carried on tend-serve's command line
 * (args.h), and read by server.c and route.c. A header of its own so that
 * the modules below server.c need not include it.
 */
#ifndef TEND_SERVCONF_H
#define TEND_SERVCONF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "log.h"

struct server_config {
	int listen_fd;		/* bound, listening; server_run() closes it */
	int msg_fd;		/* child end of the socketpair; closed on return */
	const char *root;	/* output folder, opened anew per build */
	bool hold_every_build;	/* external builder: it writes in place */
	bool building;		/* a build is running as the server starts */
	unsigned generation;	/* the generation published so far (0: none) */
	pid_t parent;		/* for the death-signal race check */
	/* extra accepted Host names (server/hostcheck.h); not copied */
	struct server_hosts {
		const char *const *names;
		size_t count;
	} hosts;
	unsigned max_connections;
	unsigned per_ip_limit;	/* connections per client address; 0: any */
	bool reload;		/* inject the live-reload script in HTML */
	/* --base: the path the site is served under ("/docs/", basepath.h);
	   NULL or "/": none */
	const char *base;
	/* --spa: the page a path with no extension falls back to, relative
	   to root ("index.html"); NULL: none */
	const char *spa;
	const char *run_id;	/* names this run of tend in build names */
	enum log_level verbosity;	/* tend-serve's log_init() */
	/* --https: PEM files of the certificate and its key, read at start
	   (server/cert.h); NULL: plain HTTP */
	const char *cert, *key;
};

/*
 * What `tend-serve --cert-only` is asked (args_cert_make()): check that cert
 * and key are a readable pair, or with make (tend's own certificate) make
 * them anew when they are missing, unreadable, expired or lack one of the
 * names. Strings are not copied.
 */
struct cert_request {
	const char *cert, *key;
	bool make;
	bool quiet;			/* say nothing of a new certificate */
	const char *const *names;	/* host names and IP addresses */
	size_t count;
};

#endif
