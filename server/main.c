/* main.c - tend-serve: the server child that tend spawns (args.h) */
#include <signal.h>

#include "args.h"
#include "log.h"
#include "server.h"
#include "banned.h"

int
main(int argc, char **argv)
{
	struct server_config cfg;
	char err[256];
	int status;

	if (args_parse(argc, argv, &cfg, err, sizeof err) < 0) {
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
