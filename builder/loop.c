/* loop.c - the parent's event loop */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "browser.h"
#include "checkrun.h"
#include "child.h"
#include "debounce.h"
#include "fsutil.h"
#include "ignore.h"
#include "listen.h"
#include "log.h"
#include "msg.h"
#include "runner.h"
#include "selfwrite.h"
#include "sigs.h"
#include "site.h"
#include "snapshot.h"
#include "strlist.h"
#include "strmap.h"
#include "sources.h"
#include "xalloc.h"

#define KILL_GRACE_MS 3000	/* SIGTERM -> SIGKILL for an aborted build */
#define SERVER_STOP_MS 3000	/* the server child's bound to exit */
#define RESTART_WINDOW_MS 10000
#define RESTART_MAX 5
#define CHANGED_MAX 1000	/* paths kept per build */
#define LOG_CHANGED 3		/* paths named in the log line */
#define OUTPUTS_MAX 500		/* changed outputs sent to the browser */

struct loop {
	const struct loop_config *cfg;
	const struct tend_opts *o;
	struct ignore *ign;
	struct sources *src;
	int listen_fd;
	char *url;
	int port;
	struct server_child server;
	int64_t server_deadline;	/* stopping: SIGKILL the server then */
	int64_t restarts[RESTART_MAX];	/* when the last restarts happened */
	int nrestarts;
	struct runner *build;		/* the external build running */
	bool building;
	int64_t build_start, build_deadline, kill_deadline;
	bool timed_out, aborting;
	struct debounce deb;
	struct strlist changed;		/* since the last build started */
	struct strlist build_changed;	/* what started the current build */
	struct strlist failed_changed;	/* what started failed builds */
	bool full;			/* the next build rebuilds everything */
	struct selfwrite sw;		/* an external build's own writes */
	unsigned generation;
	struct snapshot *snap;		/* the output before this build */
	char run_id[32];		/* names this run in build names */
	int signals_seen;
	bool stopping;
	bool done;			/* once: the build has ended */
	int status;			/* exit status if no signal stops us */
};

static bool check_should_stop(void *arg);

/* "12 ms" or "1.3 s". */
static const char *
fmt_ms(int64_t ms, char *buf, size_t len)
{
	if (ms < 1000)
		snprintf(buf, len, "%lld ms", (long long)ms);
	else
		snprintf(buf, len, "%.1f s", (double)ms / 1000);
	return buf;
}

/* Send a message to the server child, if there is one. */
static void
tell_server(struct loop *l, enum msg_type type, const char *payload,
    size_t len)
{
	if (l->server.msg_fd >= 0 &&
	    msg_send(l->server.msg_fd, type, l->generation, payload, len) < 0 &&
	    errno != EPIPE)
		log_warn("cannot tell the server about the build");
}

static void
json_build(struct loop *l, bool ok, int64_t ms, const struct site_stats *st,
    const char *error)
{
	json_begin("build");
	json_bool("ok", ok);
	json_int("generation", l->generation);
	json_int("ms", ms);
	if (st) {
		json_int("pages", st->pages);
		json_int("files", st->files);
	}
	json_strv("changed", (const char *const *)l->build_changed.items,
	    l->build_changed.len);
	if (error)
		json_str("error", error);
	json_end();
}

/*
 * The output files this build changed, '\n'-separated, for the browser; "*"
 * when there are too many to list (then every tab reloads).
 */
static char *
changed_outputs(struct loop *l)
{
	struct snapshot *now = snapshot_take(l->cfg->out, check_should_stop, l);
	struct strlist changed = STRLIST_INIT;
	size_t n = snapshot_diff(l->snap, now, &changed, OUTPUTS_MAX);
	char *list = n > OUTPUTS_MAX ? xstrdup("*")
				     : strlist_join(&changed, "\n", n, false);

	strlist_clear(&changed);
	snapshot_free(l->snap);
	l->snap = now;
	return list;
}

/* Move the paths of from that into lacks to into; from is left empty. */
static void
merge_changes(struct strlist *into, struct strlist *from)
{
	struct strmap has = STRMAP_INIT;

	for (size_t i = 0; i < into->len; i++)
		strmap_put(&has, into->items[i], into);
	for (size_t i = 0; i < from->len; i++)
		if (!strmap_get(&has, from->items[i]))
			strlist_add(into, from->items[i]);
	strmap_clear(&has);
	strlist_clear(from);
}

/* A build ended: publish the news to the log, JSON and the server. */
static void
build_ended(struct loop *l, bool ok, const struct site_stats *st,
    const char *error, const char *log, size_t loglen)
{
	int64_t ms = fs_now_ms() - l->build_start;
	char d[32];

	l->building = false;
	if (ok) {
		l->generation++;
		if (st)
			log_info("built %u page%s and %u file%s in %s",
			    st->pages, st->pages == 1 ? "" : "s", st->files,
			    st->files == 1 ? "" : "s", fmt_ms(ms, d, sizeof d));
		else
			log_info("build finished in %s",
			    fmt_ms(ms, d, sizeof d));
		if (l->server.pid > 0) {
			char *outputs = changed_outputs(l);

			tell_server(l, MSG_BUILD_OK, outputs, strlen(outputs));
			free(outputs);
		}
	} else {
		log_errx("build failed: %s%s", error,
		    l->generation && !l->cfg->once
			? " (still serving the last good build)" : "");
		tell_server(l, MSG_BUILD_FAILED, log ? log : error,
		    log ? loglen : strlen(error));
	}
	json_build(l, ok, ms, st, ok ? NULL : error);
	if (!ok)	/* its changes belong to the next build */
		merge_changes(&l->failed_changed, &l->build_changed);
	strlist_clear(&l->build_changed);
	if (ok)
		l->full = false;
	if (l->cfg->once) {
		l->done = true;
		l->status = ok ? 0 : 1;
	}
}

/*
 * Stop once: no new builds (queued ones are dropped), and the server child
 * told to stop (it may not have had the signal itself).
 */
static void
begin_stop(struct loop *l)
{
	if (l->stopping)
		return;
	l->stopping = true;
	debounce_clear(&l->deb);
	if (l->server.pid > 0) {
		kill(l->server.pid, SIGTERM);
		l->server_deadline = fs_now_ms() + SERVER_STOP_MS;
	}
}

/* Act on stop signals that arrived since the last look. */
static void
on_signals(struct loop *l)
{
	int n = sigs_count();

	if (n == l->signals_seen)
		return;
	l->signals_seen = n;
	if (!l->stopping && l->building)
		log_info("finishing the current build (Ctrl-C again to abort)");
	begin_stop(l);
	if (n >= 2 && l->build && !l->aborting) {
		log_info("aborting the build");
		l->aborting = true;
		runner_kill(l->build, SIGTERM);
		l->kill_deadline = fs_now_ms() + KILL_GRACE_MS;
	}
}

/* Stop without a signal (a fatal error while serving). */
static void
stop_with(struct loop *l, int status)
{
	l->status = status;
	begin_stop(l);
}

/* The built-in builder polls this between files. */
static bool
should_abort(void *arg)
{
	sigs_deliver();
	on_signals(arg);
	return sigs_count() >= 2;
}

/* The built-in builder's warnings (unknown placeholders, skipped
 * symlinks, ...). */
static void
site_warn(void *arg, const char *msg)
{
	log_warnx("%s", msg);
}

static void
run_builtin(struct loop *l)
{
	struct site_config sc = { .src = l->cfg->src, .out = l->cfg->out,
		.ign = l->ign, .should_abort = should_abort, .abort_arg = l,
		.drafts = l->o->drafts || !l->cfg->once,
		.strict = l->o->strict, .warn = site_warn,
		.follow_symlinks = l->o->follow_symlinks,
		.changed = l->full || !l->generation ? NULL : &l->build_changed };
	struct site_stats st;
	char err[1024];

	if (site_build(&sc, &st, err, sizeof err) == 0) {
		if (l->cfg->once)
			site_cleanup(l->cfg->out);
		build_ended(l, true, &st, NULL, NULL, 0);
	} else {
		build_ended(l, false, NULL, err, NULL, 0);
	}
}

/* Start an external build, passing the changed paths in TEND_CHANGED. */
static void
run_external(struct loop *l)
{
	char *list = strlist_join(&l->build_changed, "\n", CHANGED_MAX, false);
	char *env = xasprintf("TEND_CHANGED=%s", list);

	l->build = runner_start(l->o->build_cmd, l->cfg->src, env);
	free(list);
	free(env);
	if (!l->build) {
		char err[256];

		snprintf(err, sizeof err, "cannot run /bin/sh: %s",
		    strerror(errno));
		build_ended(l, false, NULL, err, NULL, 0);
		return;
	}
	log_debug("running '%s' (process group %d)", l->o->build_cmd,
	    (int)runner_pid(l->build));
	l->build_deadline = l->build_start + (int64_t)l->o->timeout_s * 1000;
	l->timed_out = l->aborting = false;
	l->kill_deadline = -1;
}

/* A streak of builds started only by builds: cut it, naming the files. */
static bool
runaway(struct loop *l)
{
	char *names;

	if (!selfwrite_runaway(&l->sw, !l->generation, &l->changed))
		return false;
	names = strlist_join(&l->changed, ", ", LOG_CHANGED, true);
	log_warnx("%d builds in a row were started only by changes made while "
	    "building (%s): waiting for an edit (--ignore those files?)",
	    SELFWRITE_STREAK, names);
	free(names);
	strlist_clear(&l->changed);
	return true;
}

static void
start_build(struct loop *l)
{
	debounce_clear(&l->deb);
	if (runaway(l))
		return;
	l->build_changed = l->changed;
	l->changed = (struct strlist)STRLIST_INIT;
	merge_changes(&l->build_changed, &l->failed_changed);
	if (l->full && l->generation) {
		log_info("rebuilding everything");
	} else if (l->build_changed.len) {
		char *names = strlist_join(&l->build_changed, ", ",
		    LOG_CHANGED, true);

		log_info("rebuilding after changes to %s", names);
		free(names);
	} else if (l->generation || !l->cfg->once) {
		log_debug("building");
	}
	l->building = true;
	if (l->server.pid > 0 && (l->o->build_cmd || !l->snap)) {
		snapshot_free(l->snap);	/* the command may write at any time */
		l->snap = snapshot_take(l->cfg->out, check_should_stop, l);
	}
	l->build_start = fs_now_ms();
	tell_server(l, MSG_BUILD_START, NULL, 0);
	if (l->o->build_cmd)
		run_external(l);
	else
		run_builtin(l);
}

static void
on_sources(struct loop *l)
{
	size_t before = l->changed.len;
	int n = sources_update(l->src, fs_now_ms(), &l->changed, &l->full);

	if (l->build)
		selfwrite_drop(&l->sw, &l->changed);
	if (l->changed.len >= CHANGED_MAX)
		l->full = true;		/* too many to list: rebuild all */
	strlist_truncate(&l->changed, CHANGED_MAX);
	if (n > 0)
		selfwrite_seen(&l->sw, &l->changed, before, l->building);
	if (n > 0 && !l->stopping && (l->changed.len || l->full))
		debounce_event(&l->deb, fs_now_ms());
}

/* After an external build: were the changes made while it ran its own? */
static void
check_self_writes(struct loop *l)
{
	struct strlist taken = STRLIST_INIT;
	char *names;

	if (!selfwrite_build_ended(&l->sw, &l->changed, &taken))
		return;
	names = strlist_join(&taken, ", ", LOG_CHANGED, true);
	log_warnx("the build writes %s in the source folder: changes it makes "
	    "there start no more builds (--ignore them to silence this)",
	    names);
	free(names);
	strlist_clear(&taken);
	if (!l->changed.len && !l->full)
		debounce_clear(&l->deb);
}

/* The external build's shell exited. */
static void
external_ended(struct loop *l, int status)
{
	size_t loglen;
	const char *log = runner_log(l->build, &loglen);
	char err[128];
	bool ok = status == 0 && !l->timed_out && !l->aborting;

	if (l->aborting)
		snprintf(err, sizeof err, "aborted");
	else if (l->timed_out)
		snprintf(err, sizeof err, "timed out after %d s",
		    l->o->timeout_s);
	else if (status > 128)
		snprintf(err, sizeof err, "the command was killed by %s",
		    strsignal(status - 128));
	else
		snprintf(err, sizeof err, "the command exited with status %d",
		    status);
	build_ended(l, ok, NULL, err, log, loglen);
	runner_free(l->build);
	l->build = NULL;
	check_self_writes(l);
}

static void
start_server(struct loop *l)
{
	struct server_config sc = {
		.listen_fd = l->listen_fd,
		.root = l->cfg->out,
		.hold_every_build = l->o->build_cmd != NULL,
		.building = l->building || l->generation == 0,
		.generation = l->generation,
		.hosts = { l->o->hosts, l->o->n_hosts + 1 },
		.max_connections = (unsigned)l->o->max_connections,
		/* on the network, one client may take half; on loopback all
		   clients are this machine */
		.per_ip_limit = listen_is_public(l->o->host)
				    ? (unsigned)(l->o->max_connections + 1) / 2 : 0,
		.reload = !l->o->no_reload && !l->cfg->check,
		.run_id = l->run_id,
	};

	if (child_start(&l->server, sc) < 0) {
		log_err("cannot start the server");
		stop_with(l, 1);
	}
}

/* The server child exited: fine when stopping, else restart it. */
static void
server_exited(struct loop *l, int status)
{
	int64_t now = fs_now_ms();

	if (l->stopping)
		return;
	if (l->nrestarts == RESTART_MAX &&
	    now - l->restarts[0] < RESTART_WINDOW_MS) {
		log_errx("the server keeps stopping (status %d); giving up",
		    status);
		stop_with(l, 1);
		return;
	}
	if (l->nrestarts == RESTART_MAX) {
		memmove(l->restarts, l->restarts + 1,
		    sizeof l->restarts[0] * (RESTART_MAX - 1));
		l->nrestarts--;
	}
	l->restarts[l->nrestarts++] = now;
	log_warnx("the server stopped unexpectedly (status %d); restarting it",
	    status);
	start_server(l);
}

/* Deadlines: the build's timeout, the SIGKILL after SIGTERM, the server's. */
static void
on_timers(struct loop *l, int64_t now)
{
	if (l->build && !l->timed_out && !l->aborting &&
	    now >= l->build_deadline) {
		l->timed_out = true;
		runner_kill(l->build, SIGTERM);
		l->kill_deadline = now + KILL_GRACE_MS;
	}
	if (l->build && l->kill_deadline >= 0 && now >= l->kill_deadline) {
		runner_kill(l->build, SIGKILL);
		l->kill_deadline = -1;
	}
	if (l->stopping && l->server.pid > 0 && now >= l->server_deadline) {
		log_warnx("the server did not stop in time; killing it");
		child_stop(&l->server, SIGKILL);
	}
}

/* The earliest deadline as a ppoll timeout. */
static struct timespec *
next_timeout(struct loop *l, int64_t now, struct timespec *ts)
{
	int64_t t = -1, c[5] = { -1, -1, -1, -1, -1 };

	if (!l->building && !l->stopping)
		c[0] = debounce_due(&l->deb);
	if (l->build && !l->timed_out && !l->aborting)
		c[1] = l->build_deadline;
	if (l->build)
		c[2] = l->kill_deadline;
	if (l->stopping && l->server.pid > 0)
		c[3] = l->server_deadline;
	if (l->src)
		c[4] = sources_due(l->src);
	for (int i = 0; i < 5; i++)
		if (c[i] >= 0 && (t < 0 || c[i] < t))
			t = c[i];
	if (t < 0)
		return NULL;
	t = t > now ? t - now : 0;
	ts->tv_sec = t / 1000;
	ts->tv_nsec = (t % 1000) * 1000000;
	return ts;
}

/* One wait and what follows it. */
static void
step(struct loop *l)
{
	struct pollfd p[4];
	int n = 0, iw = -1, is = -1, ib = -1, io = -1, status;
	struct timespec ts;

	if (l->src && sources_fd(l->src) >= 0)
		iw = n, p[n++] = (struct pollfd){ sources_fd(l->src), POLLIN, 0 };
	if (l->server.pidfd >= 0)
		is = n, p[n++] = (struct pollfd){ l->server.pidfd, POLLIN, 0 };
	if (l->build)
		ib = n, p[n++] = (struct pollfd){ runner_pidfd(l->build), POLLIN, 0 };
	if (l->build && runner_outfd(l->build) >= 0)
		io = n, p[n++] = (struct pollfd){ runner_outfd(l->build), POLLIN, 0 };
	if (ppoll(p, (nfds_t)n, next_timeout(l, fs_now_ms(), &ts),
	    sigs_wait_mask()) < 0) {
		for (int i = 0; i < n; i++)
			p[i].revents = 0;
	}
	sigs_deliver();
	on_signals(l);
	if (io >= 0 && p[io].revents)
		runner_read_output(l->build);
	if (l->src && ((iw >= 0 && p[iw].revents) ||
	    (sources_due(l->src) >= 0 && fs_now_ms() >= sources_due(l->src))))
		on_sources(l);
	if (is >= 0 && p[is].revents && child_reap(&l->server, &status))
		server_exited(l, status);
	if (ib >= 0 && p[ib].revents && runner_reap(l->build, &status))
		external_ended(l, status);
	on_timers(l, fs_now_ms());
	if (!l->building && !l->stopping && debounce_ready(&l->deb, fs_now_ms()))
		start_build(l);
}

/* Ignore the output folder, tend's staging folders and --ignore globs. */
static void
setup_ignores(struct loop *l)
{
	const char *src = l->cfg->src, *out = l->cfg->out;
	size_t n = strlen(src);

	l->ign = ignore_new();
	ignore_add_glob(l->ign, SITE_STAGING_GLOB);
	ignore_add_glob(l->ign, SITE_OLD_GLOB);
	for (size_t i = 0; i < l->o->n_ignores; i++)
		ignore_add_glob(l->ign, l->o->ignores[i]);
	if (!strncmp(out, src, n) && out[n] == '/')
		ignore_add_tree(l->ign, out + n + 1);
	if (!l->o->no_gitignore)
		ignore_use_gitignore(l->ign, src);
}

/* Bind and fork the server child; 0, or an exit status. */
static int
setup_server(struct loop *l)
{
	const struct tend_opts *o = l->o;
	bool check = l->cfg->check;
	const char *host = check ? "127.0.0.1" : o->host;
	char err[512];
	int port;

	l->listen_fd = listen_open(host, check && !o->port_given ? 0 : o->port,
	    !o->port_given && !check, &port, err, sizeof err);
	if (l->listen_fd < 0) {
		log_errx("%s", err);
		return 2;
	}
	if (!o->port_given && !check && port != o->port)
		log_info("port %d is busy; using %d", o->port, port);
	l->url = listen_url(host, port);
	l->port = port;
	start_server(l);	/* generation 0: it holds requests until the
				   first build ends */
	return 0;
}

/* The JSON "listen" event, once tend serves (and watches). */
static void
json_listen(struct loop *l, const char *host)
{
	json_begin("listen");
	json_str("url", l->url);
	json_int("port", l->port);
	json_str("host", host);
	json_int("pid", getpid());
	json_end();
}

/* Bind, watch, fork the server. 0, or an exit status. */
static int
setup_serve(struct loop *l)
{
	int status = setup_server(l);

	if (status)
		return status;
	l->src = sources_open(l->cfg->src, l->ign, l->o->poll_ms,
	    check_should_stop, l);
	if (!l->src) {
		log_err("cannot watch '%s'", l->cfg->src);
		return 1;
	}
	if (listen_is_public(l->o->host))
		log_warnx("serving on %s: other machines on the network can "
		    "reach it", l->o->host);
	log_info("serving '%s' at %s (Ctrl-C to stop)", l->o->src, l->url);
	json_listen(l, l->o->host);
	if (l->o->open && browser_open(l->url) < 0)
		log_warn("cannot open '%s' with xdg-open", l->url);
	return 0;
}

/* The crawl polls this: a stop signal ends it. */
static bool
check_should_stop(void *arg)
{
	sigs_deliver();
	on_signals(arg);
	return sigs_count() > 0;
}

/* Stop the server child: SIGTERM, then SIGKILL if it is not gone in time. */
static void
stop_server(struct loop *l)
{
	struct pollfd p = { l->server.pidfd, POLLIN, 0 };

	if (l->server.pid <= 0)
		return;
	kill(l->server.pid, SIGTERM);
	while (poll(&p, 1, SERVER_STOP_MS) < 0 && errno == EINTR)
		;
	child_stop(&l->server, p.revents ? 0 : SIGKILL);
}

static void
teardown(struct loop *l)
{
	if (l->build) {
		runner_kill(l->build, SIGKILL);
		runner_free(l->build);
	}
	stop_server(l);
	sources_free(l->src);
	ignore_free(l->ign);
	if (l->listen_fd >= 0)
		close(l->listen_fd);
	if (!l->o->build_cmd && (!l->cfg->once || l->cfg->check))
		site_cleanup(l->cfg->out);
	strlist_clear(&l->changed);
	strlist_clear(&l->build_changed);
	strlist_clear(&l->failed_changed);
	selfwrite_release(&l->sw);
	snapshot_free(l->snap);
	free(l->url);
}

int
loop_run(const struct loop_config *cfg)
{
	struct loop l = { .cfg = cfg, .o = cfg->opts, .listen_fd = -1,
		.server = SERVER_CHILD_INIT, .kill_deadline = -1 };
	int status = 0, sig;

	snprintf(l.run_id, sizeof l.run_id, "%x%llx", (unsigned)getpid(),
	    (long long)fs_now_ms());
	debounce_init(&l.deb, cfg->opts->debounce_ms,
	    cfg->opts->debounce_ms * 10 > 1000 ? cfg->opts->debounce_ms * 10
					       : 1000);
	setup_ignores(&l);
	if (cfg->check) {
		status = setup_server(&l);
		if (status == 0)
			json_listen(&l, "127.0.0.1");
	} else if (!cfg->once) {
		status = setup_serve(&l);
	}
	if (status == 0) {
		start_build(&l);
		while (l.building || (cfg->once ? !l.done
		    : !l.stopping || l.server.pid > 0))
			step(&l);
		status = l.status;
		if (cfg->check && status == 0 && !sigs_count())
			status = checkrun(l.url, cfg->out, cfg->opts,
			    check_should_stop, &l);
		if (status < 0)
			status = 0;	/* interrupted: the signal is re-raised */
	}
	teardown(&l);
	sig = l.signals_seen ? sigs_last() : 0;
	json_begin("stop");
	json_str("reason", sig ? sigs_name(sig) : status ? "error" : "done");
	json_int("status", sig ? 128 + sig : status);
	json_end();
	if (sig) {
		log_debug("stopped by %s", sigs_name(sig));
		sigs_reraise(sig);
		return 128 + sig;
	}
	return status;
}
