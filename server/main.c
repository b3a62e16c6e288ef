/* main.c - tend-serve: the server child that tend spawns (args.h) */
#include <signal.h>

#include "args.h"
#include "cert.h"
#include "log.h"
#include "server.h"
#include "banned.h"

/* `tend-serve --cert-only`: check or make the certificate (cert.h); 0, or
 * 2 (bad usage: the files given are not a pair) with one line said. */
static int
cert_only(const struct cert_request *rq)
{
	char err[512];
	bool made;

	log_init(rq->quiet ? LOG_QUIET : LOG_NORMAL, false);
	if (cert_prepare(rq, &made, err, sizeof err) < 0) {
		log_errx("%s", err);
		return 2;
	}
	if (made)
		log_info("made a self-signed certificate, valid %d days: '%s'",
		    CERT_DAYS, rq->cert);
	return 0;
}

int
main(int argc, char **argv)
{
	struct server_config cfg;
	struct cert_request rq;
	char err[256];
	int status;

	status = args_cert_parse(argc, argv, &rq, err, sizeof err);
	if (status > 0) {
		status = cert_only(&rq);
		args_cert_release(&rq);
		return status;
	}
	if (status < 0 || args_parse(argc, argv, &cfg, err, sizeof err) < 0) {
		log_errx("tend-serve: %s (tend runs it; it is not run by hand)",
		    err);
		return 2;
	}
	log_init(cfg.verbosity, false);
	/* a client that goes away must not kill the server */
	signal(SIGPIPE, SIG_IGN);
	status = server_run(&cfg);
	args_release(&cfg);
	return status;
}
