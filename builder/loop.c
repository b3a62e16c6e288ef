/* loop.c - the parent's event loop */
#include "loop.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "browser.h"
#include "build.h"
#include "checkrun.h"
#include "child.h"
#include "debounce.h"
#include "genlive.h"
#include "fsutil.h"
#include "ignore.h"
#include "lan.h"
#include "listen.h"
#include "livecheck.h"
#include "log.h"
#include "msg.h"
#include "runner.h"
#include "selfwrite.h"
#include "served.h"
#include "sigs.h"
#include "strlist.h"
#include "watching.h"
#include "xalloc.h"
#include "banned.h"

#define SERVER_STOP_MS 3000	/* the server child's bound to exit */
#define CHANGED_MAX 1000	/* paths kept per build */
#define LOG_CHANGED 3		/* paths named in the log line */
#define ABORT_POLL_MS 2		/* signals taken during a build this often */
#define DEBOUNCE_CAP_FACTOR 10	/* a burst builds by debounce * 10 at most */
#define DEBOUNCE_CAP_MIN_MS 1000	/* ... but no sooner than after 1 s */
/* Messages the server child may leave unread before it is taken as hung
 * and restarted (it then starts from the current state). */
#define OUTBOX_MAX 64

struct loop {
	const struct loop_config *cfg;
	const struct tend_opts *o;
	struct watching w;		/* SRC and --watch paths */
	bool watching;			/* ... once watching_start() */
	int listen_fd;
	char *url;
	int port;
	struct server_child server;
	int64_t server_deadline;	/* stopping: SIGKILL the server then */
	struct child_restarts restarts;
	bool server_killed;		/* by us, as hung: reaped soon */
	struct msg_queue outbox;	/* to the server child, not yet sent */
	struct served served;		/* what the server child has taken */
	struct build build;
	struct debounce deb;
	struct strlist changed;		/* since the last build started */
	bool full;			/* the next build rebuilds everything */
	struct selfwrite sw;		/* an external build's own writes */
	char run_id[32];		/* names this run in build names */
	int signals_seen;
	int64_t abort_poll;		/* should_abort() takes signals then */
	bool stopping;
	bool fatal;			/* the loop cannot go on: leave now */
	bool done;			/* once: the build has ended */
	int status;			/* exit status if no signal stops us */
};

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
	if (!l->stopping && l->build.running)
		log_info("finishing the current build (Ctrl-C again to abort)");
	begin_stop(l);
	if (n >= 2)
		build_abort(&l->build);
}

/* Stop without a signal (a fatal error while serving). */
static void
stop_with(struct loop *l, int status)
{
	l->status = status;
	begin_stop(l);
}

static bool check_should_stop(void *arg);

/* Long walks in the loop (the built-in build, seeding) poll this, once
 * per file: the signals are taken at most every ABORT_POLL_MS, as a
 * syscall per file showed in profiles (bench/README.md, "Figures behind
 * the code"). */
static bool
should_abort(void *arg)
{
	struct loop *l = arg;
	int64_t now = fs_now_ms();

	if (now >= l->abort_poll) {
		l->abort_poll = now + ABORT_POLL_MS;
		sigs_deliver();
		on_signals(arg);
	}
	return sigs_count() >= 2;
}

/* A streak of builds started only by builds: cut it, naming the files. */
static bool
runaway(struct loop *l)
{
	char *names;

	if (!selfwrite_runaway(&l->sw, !l->build.generation, &l->changed))
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
	bool full = l->full;

	debounce_clear(&l->deb);
	if (runaway(l))
		return;
	if (l->full && l->build.generation && l->changed.len) {
		char *names = strlist_join(&l->changed, ", ", LOG_CHANGED,
		    true);

		log_info("rebuilding everything after changes to %s", names);
		free(names);
	} else if (l->full && l->build.generation) {
		log_info("rebuilding everything");
	} else if (l->changed.len) {
		char *names = strlist_join(&l->changed, ", ", LOG_CHANGED,
		    true);

		log_info("rebuilding after changes to %s", names);
		free(names);
	} else if (l->build.generation || !l->cfg->once) {
		log_debug("building");
	}
	l->build.serving = l->server.pid > 0;
	l->build.follow = false;
	if (l->build.serving)	/* --navigate: before the build's messages */
		follow_start(&l->outbox, &l->build, &l->changed, full);
	build_start(&l->build, &l->changed, full);
}

static void
on_sources(struct loop *l)
{
	size_t before = l->changed.len;
	bool outside = false;
	int n = watching_update(&l->w, fs_now_ms(), &l->changed, &l->full,
	    &outside);

	if (outside && !l->o->build_cmd)
		l->full = true;	/* the built-in builder cannot tell what a
				   file outside SRC affects */

	if (l->build.runner)
		selfwrite_drop(&l->sw, &l->changed);
	if (l->changed.len >= CHANGED_MAX)
		l->full = true;		/* too many to list: rebuild all */
	strlist_truncate(&l->changed, CHANGED_MAX);
	if (n > 0)
		selfwrite_seen(&l->sw, &l->changed, before, l->build.running);
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

/* A build ended (built-in or external). */
static void
after_build(struct loop *l)
{
	bool ok;

	if (!build_take_end(&l->build, &ok))
		return;
	/* Give back the pages the build freed: idle, tend holds only what it
	   keeps (2000 pages: 0.5 MiB less; bench/memory). */
	if (!l->cfg->once)
		malloc_trim(0);
	if (ok)
		l->full = false;
	/* Said once, when there is one; a check's own is thrown away. */
	if (ok && l->build.generation == 1 && !l->cfg->scratch)
		log_info("output: %s", l->cfg->out);
	if (l->o->build_cmd)
		check_self_writes(l);
	if (l->cfg->once) {
		l->done = true;
		l->status = ok ? 0 : 1;
	}
}

static void
start_server(struct loop *l)
{
	struct server_config sc = {
		.listen_fd = l->listen_fd,
		.root = l->cfg->out,
		.hold_every_build = build_in_place(l->o),
		.building = l->build.running || l->build.generation == 0,
		.generation = l->build.generation,
		.hosts = { l->o->hosts, l->o->n_hosts + 1 },
		.max_connections = (unsigned)l->o->max_connections,
		/* on the network, one client may take half; on loopback all
		   clients are this machine */
		.per_ip_limit = listen_is_public(l->o->host)
				    ? (unsigned)(l->o->max_connections + 1) / 2 : 0,
		.reload = !l->o->no_reload && !l->cfg->check,
		.base = l->o->base, .spa = l->o->spa,	/* base.h */
		.run_id = l->run_id,
		.verbosity = l->o->verbosity,
		.cert = l->cfg->cert, .key = l->cfg->key,
	};

	msg_queue_clear(&l->outbox);	/* the new child starts from sc */
	livecheck_resend(l->build.live, &l->outbox, l->build.generation);
	served_reset(&l->served, l->build.generation, fs_now_ms());
	if (child_start(&l->server, l->cfg->server_exe, sc) < 0) {
		log_err("cannot start the server");
		stop_with(l, 1);
	}
}

/* The server child exited: fine when stopping, else restart it, unless it
 * stopped too often (child.h). */
static void
server_exited(struct loop *l, int status)
{
	bool killed = l->server_killed;	/* it said why already */
	char what[64];

	l->server_killed = false;
	if (l->stopping)
		return;
	runner_status_text(status, what, sizeof what);
	if (!child_may_restart(&l->restarts, fs_now_ms())) {
		child_json_exit(status, false);
		log_errx("the server %s: it stopped %d times in %d s; giving "
		    "up", what, CHILD_RESTART_MAX + 1,
		    CHILD_RESTART_WINDOW_MS / 1000);
		stop_with(l, 1);
		return;
	}
	child_json_exit(status, true);
	if (!killed)
		log_warnx("the server stopped unexpectedly (it %s); "
		    "restarting it", what);
	start_server(l);
}

/* Kill a server child that no longer takes part (it is reaped, then
 * restarted), saying why. */
static void
kill_hung_server(struct loop *l, const char *why)
{
	if (l->stopping || l->server.pid <= 0 || l->server_killed)
		return;
	log_warnx("%s; restarting it", why);
	l->server_killed = true;
	kill(l->server.pid, SIGKILL);	/* our child: not reaped yet */
	msg_queue_clear(&l->outbox);
}

/* Send what the server child will take of the outbox. */
static void
flush_outbox(struct loop *l)
{
	if (l->server.msg_fd < 0) {
		msg_queue_clear(&l->outbox);	/* none, or a new one to come */
		return;
	}
	if (msg_queue_flush(&l->outbox, l->server.msg_fd) < 0) {
		if (errno != EPIPE && errno != ECONNRESET)
			log_warn("cannot tell the server about the build");
		msg_queue_clear(&l->outbox);	/* it is gone: reaped soon */
		return;
	}
	if (msg_queue_len(&l->outbox) > OUTBOX_MAX)
		kill_hung_server(l, "the server does not read tend's messages");
}

/* build.h's flush hook. */
static void
flush_outbox_cb(void *arg)
{
	flush_outbox(arg);
}

/* Deadlines: the build's, the server's, its pings. */
static void
on_timers(struct loop *l, int64_t now)
{
	build_on_timers(&l->build, now);
	if (!l->stopping && l->server.pid > 0) {
		enum served_tick t = served_tick(&l->served, now);

		if (t == SERVED_PING)
			msg_queue_push(&l->outbox, MSG_PING,
			    l->served.ping_sent, NULL, 0);
		else if (t == SERVED_STOPPED)
			kill_hung_server(l, "the server child stopped "
			    "answering");
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

	if (!l->build.running && !l->stopping)
		c[0] = debounce_due(&l->deb);
	if (c[0] >= 0 && served_due(&l->served) > c[0])
		c[0] = served_due(&l->served);	/* it waits for the server */
	c[1] = build_due(&l->build);
	if (l->stopping && l->server.pid > 0)
		c[2] = l->server_deadline;
	if (l->watching)
		c[3] = watching_due(&l->w);
	if (!l->stopping && l->server.pid > 0)
		c[4] = served_tick_due(&l->served);
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
	struct pollfd p[4 + WATCHING_MAX_FDS];
	int n = 0, nw, is = -1, ib = -1, io = -1, im = -1, status;
	struct timespec ts;
	bool woke = false;

	n = nw = (int)watching_pollfds(&l->w, p);
	if (l->server.pidfd >= 0)
		is = n, p[n++] = (struct pollfd){ l->server.pidfd, POLLIN, 0 };
	if (build_pidfd(&l->build) >= 0)
		ib = n, p[n++] = (struct pollfd){ build_pidfd(&l->build),
		    POLLIN, 0 };
	if (build_outfd(&l->build) >= 0)
		io = n, p[n++] = (struct pollfd){ build_outfd(&l->build),
		    POLLIN, 0 };
	if (l->server.msg_fd >= 0 && !l->served.eof)
		im = n, p[n++] = (struct pollfd){ l->server.msg_fd, POLLIN |
		    (msg_queue_len(&l->outbox) ? POLLOUT : 0), 0 };
	if (ppoll(p, (nfds_t)n, next_timeout(l, fs_now_ms(), &ts),
	    sigs_wait_mask()) < 0) {
		if (errno != EINTR) {
			log_err("cannot wait for events");
			l->status = 1;
			l->fatal = true;
			return;
		}
		for (int i = 0; i < n; i++)
			p[i].revents = 0;
	}
	sigs_deliver();
	on_signals(l);
	if (io >= 0 && p[io].revents)
		build_read_output(&l->build);
	for (int i = 0; i < nw; i++)
		woke = woke || p[i].revents;
	if (l->watching && (woke || (watching_due(&l->w) >= 0 &&
	    fs_now_ms() >= watching_due(&l->w))))
		on_sources(l);
	if (is >= 0 && p[is].revents && child_reap(&l->server, &status))
		server_exited(l, status);
	if (ib >= 0 && p[ib].revents)
		build_reap(&l->build);
	if (im >= 0 && (p[im].revents & (POLLIN | POLLHUP | POLLERR)) &&
	    l->server.msg_fd >= 0)
		served_read(&l->served, l->server.msg_fd, l->build.generation);
	after_build(l);
	on_timers(l, fs_now_ms());
	if (!l->build.running && !l->stopping &&
	    debounce_ready(&l->deb, fs_now_ms()) &&
	    served_ready(&l->served, l->server.pid > 0 &&
	    !build_in_place(l->o), l->build.generation, fs_now_ms())) {
		start_build(l);
		after_build(l);
	}
	flush_outbox(l);
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
	l->url = lan_url(host, port, check ? NULL : o->base, l->cfg->cert);
	l->port = port;
	start_server(l);	/* generation 0: requests wait for a build */
	return 0;
}

/* Bind, watch, fork the server. 0, or an exit status. */
static int
setup_serve(struct loop *l)
{
	int status = setup_server(l);

	if (status)
		return status;
	if (watching_start(&l->w, l->cfg, check_should_stop, l) < 0)
		return 1;
	l->watching = true;
	if (listen_is_public(l->o->host))
		log_warnx("serving on %s: other machines on the network can "
		    "reach it", l->o->host);
	log_info("serving '%s' at %s (Ctrl-C to stop)", l->o->src, l->url);
	lan_announce(l->o->host, l->url, l->port, l->o->base, l->cfg->cert,
	    l->o->qr);
	listen_json(l->url, l->port, l->o->host);
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
	build_release(&l->build);
	stop_server(l);
	watching_release(&l->w);
	if (l->listen_fd >= 0)
		close(l->listen_fd);
	strlist_clear(&l->changed);
	selfwrite_release(&l->sw);
	msg_queue_clear(&l->outbox);
	free(l->url);
}

int
loop_run(const struct loop_config *cfg)
{
	struct loop l = { .cfg = cfg, .o = cfg->opts, .listen_fd = -1,
		.server = SERVER_CHILD_INIT, .outbox = MSG_QUEUE_INIT,
		.served = SERVED_INIT };
	int status = 0, sig, cap = cfg->opts->debounce_ms * DEBOUNCE_CAP_FACTOR;

	snprintf(l.run_id, sizeof l.run_id, "%x%llx", (unsigned)getpid(),
	    (long long)fs_now_ms());
	debounce_init(&l.deb, cfg->opts->debounce_ms,
	    cap > DEBOUNCE_CAP_MIN_MS ? cap : DEBOUNCE_CAP_MIN_MS);
	watching_init(&l.w, cfg);
	build_init(&l.build, cfg, l.w.ign, &l.outbox, should_abort, &l);
	l.build.flush = flush_outbox_cb;
	l.build.on_outputs = genlive_outputs;	/* --navigate, live links */
	if (cfg->check) {
		status = setup_server(&l);
		if (status == 0)
			listen_json(l.url, l.port, "127.0.0.1");
	} else if (!cfg->once) {
		status = setup_serve(&l);
	}
	if (status == 0) {
		start_build(&l);
		after_build(&l);
		flush_outbox(&l);
		while (!l.fatal && (l.build.running || (cfg->once ? !l.done
		    : !l.stopping || l.server.pid > 0)))
			step(&l);
		status = l.status;
		if (cfg->check && status == 0 && !sigs_count())
			status = checkrun(l.url, cfg->out, NULL, cfg->opts,
			    check_should_stop, &l);
		else if (cfg->check && l.build.fail_error && !sigs_count())
			status = checkrun(NULL, NULL, &(struct checkrun_failure){
			    l.build.fail_error, l.build.fail_log }, cfg->opts,
			    check_should_stop, &l);
		if (status < 0)
			status = 0;	/* interrupted: the signal is re-raised */
	}
	teardown(&l);
	if (cfg->scratch)	/* before a signal is re-raised */
		fs_remove_tree(AT_FDCWD, cfg->scratch);
	if (cfg->cache)
		fs_remove_tree(AT_FDCWD, cfg->cache);
	sigs_deliver();		/* a stop signal that came late still counts */
	on_signals(&l);
	sig = l.signals_seen ? sigs_last() : 0;
	json_begin("stop");
	json_str("reason", sig ? sigs_name(sig) : status ? "error" : "done");
	json_int("status", sig ? RUNNER_SIGNAL_BASE + sig : status);
	json_end();
	if (sig) {
		log_debug("stopped by %s", sigs_name(sig));
		sigs_reraise(sig);
		return RUNNER_SIGNAL_BASE + sig;
	}
	return status;
}
