/* https.c - the certificate tend-serve gets for --https */
#include "https.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "lan.h"
#include "log.h"
#include "spawn.h"
#include "strlist.h"
#include "xalloc.h"
#include "banned.h"

char *
https_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		return xasprintf("%s/tend", xdg);
	if (home && home[0] == '/')
		return xasprintf("%s/.local/share/tend", home);
	return NULL;
}

/* path made absolute from the current folder: a new string. */
static char *
absolute(const char *path)
{
	char *cwd, *abs;

	if (path[0] == '/' || !(cwd = getcwd(NULL, 0)))
		return xstrdup(path);
	abs = xasprintf("%s/%s", cwd, path);
	free(cwd);
	return abs;
}

/* The names tend's own certificate must hold (https.h) into names. */
static void
own_names(const struct tend_opts *o, struct strlist *names)
{
	char me[256];

	strlist_add_unique(names, "localhost");
	strlist_add_unique(names, "127.0.0.1");
	strlist_add_unique(names, "::1");
	for (size_t i = 0; i <= o->n_hosts; i++) {
		const char *h = o->hosts[i];
		size_t n = h ? strlen(h) : 0;

		if (n > 2 && h[0] == '[' && h[n - 1] == ']') {	/* "[::1]" */
			char *bare = xasprintf("%.*s", (int)(n - 2), h + 1);

			strlist_add_unique(names, bare);
			free(bare);
		} else if (n && !lan_is_wildcard(h)) {
			strlist_add_unique(names, h);
		}
	}
	if (!lan_is_wildcard(o->host))
		return;
	if (gethostname(me, sizeof me) == 0 && me[0] && !strchr(me, '.')) {
		char *mdns = xasprintf("%s.local", me);

		strlist_add_unique(names, me);
		strlist_add_unique(names, mdns);	/* hostcheck.h */
		free(mdns);
	}
	if (lan_addresses(o->host, names) < 0)
		log_warn("cannot list the network addresses");
}

/* Run tend-serve --cert-only for rq: 0 or an exit status. */
static int
run_cert_only(const char *serve_exe, const struct cert_request *rq)
{
	char **argv = args_cert_make(serve_exe, rq);
	struct spawn sp = SPAWN_INIT;
	int status;

	sp.path = serve_exe;
	sp.argv = (const char *const *)argv;
	if (spawn_start(&sp) < 0) {
		log_err("cannot run '%s'", serve_exe);
		args_free(argv);
		return 1;
	}
	status = spawn_exit_code(spawn_wait(&sp));
	spawn_finish(&sp);
	args_free(argv);
	if (status == 0 || status == 2)
		return status;	/* tend-serve said what was wrong */
	log_errx("cannot prepare the certificate: '%s' exited with %d",
	    serve_exe, status);
	return 1;
}

int
https_prepare(const char *serve_exe, const struct tend_opts *o, char **cert,
    char **key)
{
	struct cert_request rq = { .quiet = o->verbosity == LOG_QUIET };
	struct strlist names = STRLIST_INIT;
	char *dir = NULL;
	int status;

	*cert = *key = NULL;
	if (o->cert) {
		*cert = absolute(o->cert);
		*key = absolute(o->key);
	} else {
		dir = https_dir();
		if (!dir) {
			log_errx("no folder for tend's certificate: set HOME or "
			    "XDG_DATA_HOME, or give --cert and --key");
			return 2;
		}
		*cert = xasprintf("%s/cert.pem", dir);
		*key = xasprintf("%s/key.pem", dir);
		own_names(o, &names);
		rq.make = true;
		rq.names = (const char *const *)names.items;
		rq.count = names.len;
	}
	rq.cert = *cert;
	rq.key = *key;
	status = run_cert_only(serve_exe, &rq);
	strlist_clear(&names);
	free(dir);
	if (status) {
		free(*cert);
		free(*key);
		*cert = *key = NULL;
	}
	return status;
}
