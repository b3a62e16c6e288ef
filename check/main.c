/* main.c - tend-crawl: the link checker that `tend check` runs */
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "log.h"
#include "opts.h"
#include "run.h"
#include "banned.h"

int
main(int argc, char **argv)
{
	struct check_opts o = CHECK_OPTS_INIT;
	char err[512];

	if (check_opts_parse(argc, argv, &o, err, sizeof err) < 0) {
		log_errx("%s", err);
		return 2;
	}
	log_init(o.verbosity, o.json_log);
	/* Die with tend; if it is gone already, the check is moot. */
	if (o.parent && (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0 ||
	    getppid() != o.parent))
		return 1;
	return run_check(&o);
}
