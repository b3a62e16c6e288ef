/* checkrun.c - run tend-crawl on the served build, for tend check */
#include "checkrun.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bug.h"
#include "crawlopts.h"
#include "fsutil.h"
#include "libexec.h"
#include "linkmap.h"
#include "log.h"
#include "runner.h"
#include "sigs.h"
#include "spawn.h"
#include "xalloc.h"
#include "banned.h"

#define CRAWLER "tend-crawl"

/* Signals tend-crawl gets back at their default (tend handles them). */
static const int default_signals[] = { SIGINT, SIGTERM, SIGHUP, 0 };

/* Stop tend-crawl: SIGTERM, SIGKILL if it is not gone in time; reap. */
static void
stop(struct spawn *sp)
{
	struct pollfd p = { sp->pidfd, POLLIN, 0 };

	spawn_kill(sp, SIGTERM);
	while (poll(&p, 1, CHECKRUN_STOP_MS) < 0 && errno == EINTR)
		;
	if (!p.revents)
		spawn_kill(sp, SIGKILL);
	spawn_wait(sp);
}

/* The built-in builder's link map of the build in root (linkmap.h), in
 * a new folder: its path, or NULL (with a warning: the check goes on
 * without source lines). */
static char *
checkrun_linkmap(const char *src, const char *root)
{
	char err[512], *dir = fs_mkdtemp("tend-links"), *path;
	int64_t t0 = fs_now_ms();

	if (!dir) {
		log_warn("cannot make a folder for the link map");
		return NULL;
	}
	path = fs_join(dir, "links");
	if (linkmap_write(src, root, path, err, sizeof err) < 0) {
		log_warnx("%s: broken links are shown without their source "
		    "lines", err);
		fs_remove_tree(AT_FDCWD, dir);
		free(path);
		path = NULL;
	} else {
		log_debug("link map written in %lld ms",
		    (long long)(fs_now_ms() - t0));
	}
	free(dir);
	return path;
}

char *
checkrun_scratch(void)
{
	return fs_mkdtemp("tend-check");
}

void
checkrun_argv(const char **argv, const char *exe, const char *parent,
    const char *url, const char *root, const char *links,
    const struct checkrun_failure *failed, const struct tend_opts *o)
{
	size_t n = 0;

	argv[n++] = exe;
	if (failed) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_BUILD_FAILED);
		argv[n++] = failed->error;
		if (failed->log) {
			argv[n++] = crawl_opt_flag(CRAWL_OPT_BUILD_LOG);
			argv[n++] = failed->log;
		}
	}
	if (o->json)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_JSON);
	if (o->list_external)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_EXTERNAL);
	if (o->check_external)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_CHECK_EXTERNAL);
	if (o->external_strict)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_EXTERNAL_STRICT);
	if (o->external_timeout) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_EXTERNAL_TIMEOUT);
		argv[n++] = o->external_timeout;
	}
	if (o->cache) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_CACHE);
		argv[n++] = o->cache;
	}
	if (o->cache_max_age) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_CACHE_MAX_AGE);
		argv[n++] = o->cache_max_age;
	}
	if (o->junit) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_JUNIT);
		argv[n++] = o->junit;
	}
	if (o->json_log)
		argv[n++] = crawl_opt_flag(CRAWL_OPT_JSON_LOG);
	if (o->verbosity != LOG_NORMAL)
		argv[n++] = crawl_opt_flag(o->verbosity == LOG_QUIET ?
		    CRAWL_OPT_QUIET : CRAWL_OPT_VERBOSE);
	if (o->format == CRAWL_FORMAT_TEXT || o->format == CRAWL_FORMAT_GITHUB) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_FORMAT);
		argv[n++] = o->format == CRAWL_FORMAT_TEXT ? "text" : "github";
	}
	if (o->codequality) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_CODEQUALITY);
		argv[n++] = o->codequality;
	}
	for (size_t i = 0; i < o->n_skips; i++) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_SKIP);
		argv[n++] = o->skips[i];
	}
	if (o->check_repo) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_REPO);
		argv[n++] = o->check_repo;
	}
	if (o->check_changed && !failed) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_CHANGED);
		argv[n++] = o->check_changed;
	}
	if (parent) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_PARENT);
		argv[n++] = parent;
	}
	if (!failed && o->base) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_BASE);
		argv[n++] = o->base;
	}
	if (o->src) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_SRC);
		argv[n++] = o->src;
	}
	if (!failed && links) {
		argv[n++] = crawl_opt_flag(CRAWL_OPT_LINKS);
		argv[n++] = links;
	}
	if (!failed) {
		argv[n++] = "--";
		argv[n++] = url;
		argv[n++] = root;
	}
	argv[n] = NULL;
	BUG_ON(n >= CRAWL_ARGV_MAX);
}

int
checkrun(const char *url, const char *root,
    const struct checkrun_failure *failed, const struct tend_opts *o,
    bool (*should_stop)(void *arg), void *arg)
{
	const char *argv[CRAWL_ARGV_MAX];
	char parent[32], *exe = libexec_find(CRAWLER, "tend check");
	char *links = NULL;
	struct pollfd p = { -1, POLLIN, 0 };
	struct spawn sp = SPAWN_INIT;
	int status;

	if (!exe)
		return failed ? CRAWL_EXIT_BUILD_FAILED : 1;
	snprintf(parent, sizeof parent, "%ld", (long)getpid());
	if (!failed && !o->build_cmd)
		links = checkrun_linkmap(o->src, root);
	checkrun_argv(argv, exe, parent, url, root, links, failed, o);
	log_debug("running %s %s %s", exe, failed ? "--build-failed" : url,
	    failed ? "" : root);
	sp.path = exe;
	sp.argv = argv;
	sp.default_signals = default_signals;	/* and no signal blocked */
	/* What tend printed so far comes before the report. */
	fflush(stdout);
	fflush(stderr);
	if (spawn_start(&sp) < 0) {
		log_err("cannot run '%s'", exe);
		free(exe);
		return failed ? CRAWL_EXIT_BUILD_FAILED : 1;
	}
	p.fd = sp.pidfd;
	for (;;) {
		/* A stop signal wakes this at once: the mask lets it in. */
		int rc = ppoll(&p, 1, NULL, sigs_wait_mask());
		int err = errno;

		if (should_stop(arg)) {
			stop(&sp);
			status = -1;
			break;
		}
		if (rc < 0 && err != EINTR) {
			errno = err;
			log_err("cannot wait for '%s'", exe);
			stop(&sp);
			status = 1;
			break;
		}
		if (rc > 0 && p.revents) {
			int ws = spawn_wait(&sp);
			char how[64];

			if (ws < 0) {
				log_err("cannot wait for '%s'", exe);
				status = 1;
			} else {
				status = spawn_exit_code(ws);
				if (WIFSIGNALED(ws))
					log_errx("%s %s", CRAWLER,
					    runner_status_text(ws, how,
					    sizeof how));
			}
			break;
		}
	}
	spawn_finish(&sp);
	free(exe);
	if (links) {
		*strrchr(links, '/') = '\0';	/* its folder */
		fs_remove_tree(AT_FDCWD, links);
		free(links);
	}
	return failed && status >= 0 ? CRAWL_EXIT_BUILD_FAILED : status;
}
