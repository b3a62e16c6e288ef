/* args.c - a struct server_config to tend-serve's command line and back */
#include "args.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basepath.h"
#include "xalloc.h"
#include "banned.h"

/* The options args_make() writes besides one --allow-host per name. */
#define FIXED_ARGS 18

char **
args_make(const char *exe, const struct server_config *cfg)
{
	char **argv = xcalloc(FIXED_ARGS + cfg->hosts.count + 1, sizeof *argv);
	size_t n = 0;

	argv[n++] = xstrdup(exe);
	argv[n++] = xasprintf("--listen-fd=%d", cfg->listen_fd);
	argv[n++] = xasprintf("--msg-fd=%d", cfg->msg_fd);
	argv[n++] = xasprintf("--parent=%ld", (long)cfg->parent);
	argv[n++] = xasprintf("--root=%s", cfg->root);
	argv[n++] = xasprintf("--generation=%u", cfg->generation);
	argv[n++] = xasprintf("--max-connections=%u", cfg->max_connections);
	argv[n++] = xasprintf("--per-ip-limit=%u", cfg->per_ip_limit);
	argv[n++] = xasprintf("--run-id=%s", cfg->run_id ? cfg->run_id : "");
	for (size_t i = 0; i < cfg->hosts.count; i++)
		if (cfg->hosts.names[i])
			argv[n++] = xasprintf("--allow-host=%s",
			    cfg->hosts.names[i]);
	if (cfg->cert && cfg->key) {
		argv[n++] = xasprintf("--cert=%s", cfg->cert);
		argv[n++] = xasprintf("--key=%s", cfg->key);
	}
	if (cfg->hold_every_build)
		argv[n++] = xstrdup("--hold-every-build");
	if (cfg->building)
		argv[n++] = xstrdup("--building");
	if (cfg->reload)
		argv[n++] = xstrdup("--reload");
	if (cfg->base)
		argv[n++] = xasprintf("--base=%s", cfg->base);
	if (cfg->spa)
		argv[n++] = xasprintf("--spa=%s", cfg->spa);
	if (cfg->verbosity == LOG_VERBOSE)
		argv[n++] = xstrdup("--verbose");
	else if (cfg->verbosity == LOG_QUIET)
		argv[n++] = xstrdup("--quiet");
	return argv;
}

void
args_free(char **argv)
{
	if (!argv)
		return;
	for (char **a = argv; *a; a++)
		free(*a);
	free(argv);
}

/* The value of arg if it is "name=value", else NULL. */
static const char *
value(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 && arg[n] == '=' ? arg + n + 1
							  : NULL;
}

/* Is s a decimal number no greater than max? Then *v is it. */
static bool
number(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}

/* Is s a base path in basepath.h's one form? */
static bool
base_ok(const char *s)
{
	char err[8], *norm = basepath_normalise(s, err, sizeof err);
	bool ok = norm && !strcmp(norm, s);

	free(norm);
	return ok;
}

/* Set one field of c from one argument; false if arg is not one. */
static bool
parse_one(const char *a, struct server_config *c, const char **names,
    size_t *n_names)
{
	unsigned long v;
	const char *s;

	if (number(value(a, "--listen-fd"), INT_MAX, &v))
		c->listen_fd = (int)v;
	else if (number(value(a, "--msg-fd"), INT_MAX, &v))
		c->msg_fd = (int)v;
	else if (number(value(a, "--parent"), INT_MAX, &v) && v > 0)
		c->parent = (pid_t)v;
	else if ((s = value(a, "--root")) && *s)
		c->root = s;
	else if (number(value(a, "--generation"), UINT_MAX, &v))
		c->generation = (unsigned)v;
	else if (number(value(a, "--max-connections"), UINT_MAX, &v))
		c->max_connections = (unsigned)v;
	else if (number(value(a, "--per-ip-limit"), UINT_MAX, &v))
		c->per_ip_limit = (unsigned)v;
	else if ((s = value(a, "--run-id")))
		c->run_id = s;
	else if ((s = value(a, "--base")) && base_ok(s))
		c->base = s;
	else if ((s = value(a, "--spa")) && *s)
		c->spa = s;
	else if ((s = value(a, "--allow-host")) && *s)
		names[(*n_names)++] = s;
	else if ((s = value(a, "--cert")) && *s)
		c->cert = s;
	else if ((s = value(a, "--key")) && *s)
		c->key = s;
	else if (!strcmp(a, "--hold-every-build"))
		c->hold_every_build = true;
	else if (!strcmp(a, "--building"))
		c->building = true;
	else if (!strcmp(a, "--reload"))
		c->reload = true;
	else if (!strcmp(a, "--verbose"))
		c->verbosity = LOG_VERBOSE;
	else if (!strcmp(a, "--quiet"))
		c->verbosity = LOG_QUIET;
	else
		return false;
	return true;
}

int
args_parse(int argc, char **argv, struct server_config *cfg, char *err,
    size_t errlen)
{
	const char **names = xcalloc(argc > 0 ? (size_t)argc : 1,
	    sizeof *names);
	size_t n_names = 0;

	*cfg = (struct server_config){ .listen_fd = -1, .msg_fd = -1,
		.verbosity = LOG_NORMAL };
	for (int i = 1; i < argc; i++) {
		if (!parse_one(argv[i], cfg, names, &n_names)) {
			snprintf(err, errlen, "bad argument '%s'", argv[i]);
			goto fail;
		}
	}
	if (cfg->listen_fd < 0 || cfg->msg_fd < 0 || !cfg->parent ||
	    !cfg->root) {
		snprintf(err, errlen,
		    "--listen-fd, --msg-fd, --parent and --root are needed");
		goto fail;
	}
	if (!cfg->cert != !cfg->key) {
		snprintf(err, errlen, "--cert and --key go together");
		goto fail;
	}
	cfg->hosts.names = names;
	cfg->hosts.count = n_names;
	return 0;
fail:
	free(names);
	*cfg = (struct server_config){ .listen_fd = -1, .msg_fd = -1 };
	return -1;
}

void
args_release(struct server_config *cfg)
{
	free((void *)cfg->hosts.names);
	cfg->hosts.names = NULL;
	cfg->hosts.count = 0;
}

char **
args_cert_make(const char *exe, const struct cert_request *rq)
{
	char **argv = xcalloc(7 + rq->count, sizeof *argv);
	size_t n = 0;

	argv[n++] = xstrdup(exe);
	argv[n++] = xstrdup("--cert-only");
	argv[n++] = xasprintf("--cert=%s", rq->cert);
	argv[n++] = xasprintf("--key=%s", rq->key);
	if (rq->make)
		argv[n++] = xstrdup("--make");
	if (rq->quiet)
		argv[n++] = xstrdup("--quiet");
	for (size_t i = 0; i < rq->count; i++)
		if (rq->names[i] && *rq->names[i])
			argv[n++] = xasprintf("--name=%s", rq->names[i]);
	return argv;
}

int
args_cert_parse(int argc, char **argv, struct cert_request *rq, char *err,
    size_t errlen)
{
	const char **names;
	size_t n = 0;
	const char *s;

	*rq = (struct cert_request){ 0 };
	if (argc < 2 || strcmp(argv[1], "--cert-only"))
		return 0;
	names = xcalloc((size_t)argc, sizeof *names);
	for (int i = 2; i < argc; i++) {
		if ((s = value(argv[i], "--cert")) && *s) {
			rq->cert = s;
		} else if ((s = value(argv[i], "--key")) && *s) {
			rq->key = s;
		} else if ((s = value(argv[i], "--name")) && *s) {
			names[n++] = s;
		} else if (!strcmp(argv[i], "--make")) {
			rq->make = true;
		} else if (!strcmp(argv[i], "--quiet")) {
			rq->quiet = true;
		} else {
			snprintf(err, errlen, "bad argument '%s'", argv[i]);
			goto fail;
		}
	}
	if (!rq->cert || !rq->key) {
		snprintf(err, errlen, "--cert-only needs --cert and --key");
		goto fail;
	}
	rq->names = names;
	rq->count = n;
	return 1;
fail:
	free(names);
	*rq = (struct cert_request){ 0 };
	return -1;
}

void
args_cert_release(struct cert_request *rq)
{
	free((void *)rq->names);
	rq->names = NULL;
	rq->count = 0;
}
