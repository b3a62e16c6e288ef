/*
 * args.h - the command line that carries a struct server_config from the
 * parent (builder/child.c) to the tend-serve program (server/main.c).
 *
 * The server child is a program of its own so that the parent never maps
 * libmicrohttpd and its TLS stack (gnutls, p11-kit, nettle, ...): the parent
 * spawns `tend-serve --listen-fd=N --msg-fd=N --parent=PID --root=DIR ...`
 * with the two descriptors inherited. One option an argument, "--name=value"
 * or a bare "--flag"; --allow-host repeats, once per extra Host name.
 *
 * The format is private to tend and tend-serve, which are built together:
 * args_parse() refuses anything args_make() would not write.
 */
#ifndef TEND_ARGS_H
#define TEND_ARGS_H

#include <stddef.h>

#include "servconf.h"

/*
 * The argv (NULL-terminated, argv[0] = exe) that gives tend-serve cfg.
 * Every field is written; NULL names in cfg->hosts are skipped and a NULL
 * run_id is written as "". Free it with args_free().
 */
char **args_make(const char *exe, const struct server_config *cfg);
void args_free(char **argv);

/*
 * Fill cfg from argv[1..argc-1]. Strings point into argv, except
 * cfg->hosts.names, an array owned by cfg (args_release()). --listen-fd,
 * --msg-fd, --parent and --root are required. 0, or -1 with a one-line
 * message in err (cfg then holds nothing to release).
 */
int args_parse(int argc, char **argv, struct server_config *cfg, char *err,
    size_t errlen);
void args_release(struct server_config *cfg);

/*
 * The argv of `tend-serve --cert-only --cert=F --key=F [--make]
 * [--quiet] [--name=N]...` for rq (args_free() it), and its parse: is argv such a
 * command line? 1 with rq filled (rq->names owned: args_cert_release()),
 * 0 if argv[1] is not --cert-only, -1 with a message in err.
 */
char **args_cert_make(const char *exe, const struct cert_request *rq);
int args_cert_parse(int argc, char **argv, struct cert_request *rq,
    char *err, size_t errlen);
void args_cert_release(struct cert_request *rq);

#endif
