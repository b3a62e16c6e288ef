/*
 * build.h - one build: start it, follow it, end it, publish it, and tell the
 * log, the JSON log and the server child (through the loop's outbox).
 *
 * Three kinds of build:
 *   - built-in (no --cmd): site_build(), synchronous, staged and published
 *     atomically (site.h); it lists the outputs it changed for the browser
 *     (the other builds are diffed with a snapshot of the output, taken
 *     before the command runs);
 *   - staged (--cmd naming {out}): {out} is replaced by the shell-quoted path
 *     of a fresh staging folder beside --out, seeded from the last good
 *     output (publish_seed); on success it is published atomically, on
 *     failure, timeout or abort it is removed and the live output untouched.
 *     The server never holds requests for these builds;
 *   - in place (--cmd without {out}): the command writes into --out itself,
 *     so the server holds requests while it runs (build_in_place()), and a
 *     failed build may have left the output partial.
 * A successful external build must leave its output folder: else it fails
 * with a message naming --out.
 *
 * The loop polls build_pidfd() and build_outfd(), calls build_reap() and
 * build_on_timers(), and learns that a build ended with build_take_end().
 */
#ifndef TEND_BUILD_H
#define TEND_BUILD_H

#include <stdbool.h>
#include <stdint.h>

#include "ignore.h"
#include "runconf.h"
#include "msg.h"
#include "publish.h"
#include "site.h"
#include "strlist.h"

/* The placeholder in --cmd for the staging folder. */
#define BUILD_OUT_TOKEN "{out}"
/* SIGTERM -> SIGKILL for a build that is stopped (timeout, abort). */
#define BUILD_KILL_GRACE_MS 3000

struct build {
	const struct loop_config *cfg;
	const struct tend_opts *o;
	const struct ignore *ign;	/* not owned */
	struct msg_queue *outbox;	/* not owned: to the server child */
	bool (*should_abort)(void *arg);	/* polled by long walks */
	void *abort_arg;
	/* Sends the outbox now (may be NULL); called with abort_arg once the
	 * server is told a build starts, before the build can write, so
	 * that the server holds requests in time. */
	void (*flush)(void *arg);
	bool serving;			/* set by the loop: a server child runs */
	/* Called (may be NULL) with a successful external build's changed
	 * outputs ('\n'-separated, or "*") and the folder they are in (the
	 * staging folder; NULL: in place), before they are published and the
	 * server is told (--navigate: follow.h). */
	void (*on_outputs)(struct build *b, const char *list, const char *dir);
	bool follow;			/* on_outputs' state (follow.h) */
	bool partial;			/* a failed built-in build left the
					 * output partly updated: the next
					 * one is full */
	int code;			/* why the built-in build failed: an
					 * errno (site_build()), else 0 */

	unsigned generation;		/* published so far */
	bool running;
	struct strlist changed;		/* the source paths behind this build */
	struct strlist failed;		/* those of failed builds: for the next */
	struct runner *runner;		/* the external command, or NULL */
	struct publish pub;		/* staged builds: where they publish */
	struct site_memo memo;		/* the built-in builder's last build */
	struct livecheck *live;		/* tend serve: its links (livecheck.h) */
	char *snap_path;		/* owned: the folder snap describes */
	struct snapshot *snap;		/* --cmd builds: the output before */
	int64_t start, deadline, kill_deadline;	/* ms; -1: none */
	bool timed_out, aborting;
	bool ended, ok;			/* a build ended (build_take_end) */
	/* tend check: the last failed build's error line and output (an
	 * external build's, else NULL), owned, for the reports */
	char *fail_error, *fail_log;
};

/* Does the build write in place (the server holds requests meanwhile)? */
bool build_in_place(const struct tend_opts *o);

void build_init(struct build *b, const struct loop_config *cfg,
    const struct ignore *ign, struct msg_queue *outbox,
    bool (*should_abort)(void *arg), void *abort_arg);

/*
 * Start a build of the changes in *changed (taken: *changed is left empty);
 * full rebuilds everything. A built-in build ends before this returns.
 */
void build_start(struct build *b, struct strlist *changed, bool full);

/* The external command's pidfd and output pipe, or -1. */
int build_pidfd(const struct build *b);
int build_outfd(const struct build *b);
/* The external command's process group, or 0. */
int build_pgid(const struct build *b);

/* The output pipe is readable. */
void build_read_output(struct build *b);
/* The pidfd is readable: reap and end the build if the command exited. */
void build_reap(struct build *b);

/* The earliest deadline of the running build (ms), or -1. */
int64_t build_due(const struct build *b);
/* Act on deadlines: the timeout's SIGTERM, the SIGKILL after it. */
void build_on_timers(struct build *b, int64_t now);

/* Abort the running build (a second stop signal): nothing is published. */
void build_abort(struct build *b);

/* True once after a build ended, with *ok. */
bool build_take_end(struct build *b, bool *ok);

/* Kill what is left of a build, remove staging folders, free. */
void build_release(struct build *b);

#endif
