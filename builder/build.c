/* build.c - starting, following and ending a build */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "livecheck.h"
#include "log.h"
#include "runner.h"
#include "site.h"
#include "snapshot.h"
#include "strmap.h"
#include "xalloc.h"
#include "banned.h"

#define CHANGED_MAX 1000	/* paths passed in TEND_CHANGED */
#define OUTPUTS_MAX 500		/* changed outputs sent to the browser */

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

/* Does the command name {out} (a staged build)? */
static bool
build_is_staged(const char *cmd)
{
	return cmd && strstr(cmd, BUILD_OUT_TOKEN);
}

bool
build_in_place(const struct tend_opts *o)
{
	return o->build_cmd && !build_is_staged(o->build_cmd);
}

/*
 * Queue a message for the server child, if there is one. A payload too long
 * for one message is never cut: a list of changed outputs becomes "*"
 * (everything changed: every tab reloads), a log keeps its end.
 */
static void
tell(struct build *b, enum msg_type type, const char *payload, size_t len)
{
	if (!b->serving || msg_queue_push(b->outbox, type, b->generation,
	    payload, len) == 0)
		return;
	if (type == MSG_BUILD_OK)
		msg_queue_push(b->outbox, type, b->generation, "*", 1);
	else
		msg_queue_push(b->outbox, type, b->generation,
		    payload + len - MSG_PAYLOAD_MAX, MSG_PAYLOAD_MAX);
}

/* The JSON "build" event; status is the command's wait status, or -1. */
static void
json_build(struct build *b, bool ok, int64_t ms, const struct site_stats *st,
    const char *error, int status)
{
	json_begin("build");
	json_bool("ok", ok);
	json_int("generation", b->generation);
	json_int("ms", ms);
	if (st) {
		json_int("pages", st->pages);
		json_int("files", st->files);
	}
	json_strv("changed", (const char *const *)b->changed.items,
	    b->changed.len);
	if (status != -1 && WIFEXITED(status))
		json_int("exit_status", WEXITSTATUS(status));
	else if (status != -1 && WIFSIGNALED(status))
		json_int("signal", WTERMSIG(status));
	if (error)
		json_str("error", error);
	if (error && b->code)	/* "ENOSPC": for scripts to branch on */
		json_str("code", strerrorname_np(b->code));
	json_end();
}

/*
 * The output files changed since b->snap was taken, '\n'-separated, for the
 * browser ("*" when there are too many: every tab reloads; tell() makes a
 * list too long for one message "*" too); path now holds
 * them. b->snap becomes the snapshot of path.
 */
static char *
changed_outputs(struct build *b, const char *path)
{
	struct snapshot *now = snapshot_take(path, b->should_abort, b->abort_arg);
	struct strlist changed = STRLIST_INIT;
	size_t n = snapshot_diff(b->snap, now, &changed, OUTPUTS_MAX);
	char *list = n > OUTPUTS_MAX ? xstrdup("*")
				     : strlist_join(&changed, "\n", n, false);

	strlist_clear(&changed);
	snapshot_free(b->snap);
	b->snap = now;
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

/* A build ended: tell the log, the JSON log and the server. status: the
 * command's wait status, or -1. */
static void
finish(struct build *b, bool ok, const struct site_stats *st,
    const char *error, const char *log, size_t loglen, int status)
{
	int64_t ms = fs_now_ms() - b->start;
	char d[32];

	b->running = false;
	if (ok) {
		b->generation++;
		if (st)
			log_info("built %u page%s and %u file%s in %s",
			    st->pages, st->pages == 1 ? "" : "s", st->files,
			    st->files == 1 ? "" : "s", fmt_ms(ms, d, sizeof d));
		else
			log_info("build finished in %s",
			    fmt_ms(ms, d, sizeof d));
	} else if (build_in_place(b->o)) {
		log_errx("build failed: %s%s", error, b->cfg->once ? "" :
		    " (the command writes in place: the output may be "
		    "partial)");
	} else {
		log_errx("build failed: %s%s", error,
		    b->generation && !b->cfg->once && !b->partial
			? " (still serving the last good build)" : "");
	}
	if (!ok)
		tell(b, MSG_BUILD_FAILED, log ? log : error,
		    log ? loglen : strlen(error));
	json_build(b, ok, ms, st, ok ? NULL : error, status);
	if (!ok && b->cfg->check) {	/* for tend check's reports */
		free(b->fail_error);
		free(b->fail_log);
		b->fail_error = xstrdup(error);
		b->fail_log = log ? xstrndup(log, loglen) : NULL;
	}
	if (!ok)	/* its changes belong to the next build */
		merge_changes(&b->failed, &b->changed);
	strlist_clear(&b->changed);
	b->ended = true;
	b->ok = ok;
}

/* The built-in builder's changed outputs, '\n'-separated, for the browser
 * ("*" when there are too many or a folder went: every tab reloads; tell()
 * makes a list too long for one message "*" too). */
static char *
join_outputs(const struct strlist *outputs)
{
	if (outputs->len > OUTPUTS_MAX || strlist_has(outputs, "*"))
		return xstrdup("*");
	return strlist_join(outputs, "\n", outputs->len, false);
}

/* The built-in builder's warnings (unknown placeholders, skipped
 * symlinks, ...). */
static void
site_warn(void *arg, const char *msg)
{
	log_warnx("%s", msg);
}

static void
run_builtin(struct build *b, bool full)
{
	struct site_config sc = { .src = b->cfg->src, .out = b->cfg->out,
		.ign = b->ign, .should_abort = b->should_abort,
		.abort_arg = b->abort_arg,
		.drafts = b->cfg->opts->drafts || !b->cfg->once,
		.strict = b->cfg->opts->strict, .warn = site_warn,
		.follow_symlinks = b->cfg->opts->follow_symlinks,
		.jobs = (unsigned)b->cfg->opts->jobs,
		.changed = full || !b->generation || b->partial ? NULL
							       : &b->changed,
		.memo = b->cfg->once ? NULL : &b->memo, .live = b->serving &&
		    !b->cfg->check ? livecheck_links(&b->live) : NULL };
	struct site_stats st = { 0 };
	struct strlist outputs = STRLIST_INIT;
	char err[1024], *list;

	b->code = -site_build(&sc, &st, b->serving ? &outputs : NULL, err,
	    sizeof err);
	if (b->code) {
		b->partial = st.partial;
		livecheck_end(b->live, false, NULL, NULL, NULL, 0);
		finish(b, false, NULL, err, NULL, 0, -1);
		b->code = 0;
		return;
	}
	b->partial = false;
	if (b->cfg->once)
		publish_cleanup(b->cfg->out);
	finish(b, true, &st, NULL, NULL, 0, -1);
	if (b->serving) {
		list = join_outputs(&outputs);
		tell(b, MSG_BUILD_OK, list, strlen(list));
		free(list);
		livecheck_end(sc.live ? b->live : NULL, true, b->cfg->out,
		    &outputs, b->outbox, b->generation);
	}
	strlist_clear(&outputs);
}

/* s quoted for /bin/sh: '...', with each ' as '\''. A new string. */
static char *
shell_quote(const char *s)
{
	size_t n = 3;
	char *q, *p;

	for (const char *c = s; *c; c++)
		n += *c == '\'' ? 4 : 1;
	p = q = xmalloc(n);
	*p++ = '\'';
	for (const char *c = s; *c; c++) {
		if (*c == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else {
			*p++ = *c;
		}
	}
	*p++ = '\'';
	*p = '\0';
	return q;
}

/* cmd with every {out} replaced by the quoted path. A new string. */
static char *
expand_cmd(const char *cmd, const char *path)
{
	char *quoted = shell_quote(path), *r, *p;
	size_t tok = strlen(BUILD_OUT_TOKEN), n = strlen(cmd) + 1;
	const char *c, *hit;

	for (c = cmd; (hit = strstr(c, BUILD_OUT_TOKEN)); c = hit + tok)
		n += strlen(quoted);
	p = r = xmalloc(n);
	for (c = cmd; (hit = strstr(c, BUILD_OUT_TOKEN)); c = hit + tok) {
		memcpy(p, c, (size_t)(hit - c));
		p = stpcpy(p + (hit - c), quoted);
	}
	memcpy(p, c, strlen(c) + 1);
	free(quoted);
	return r;
}

/*
 * Make the staging folder of a staged build and seed it from the live
 * output. 0, or -1 with a message in err.
 */
static int
prepare_staging(struct build *b, char *err, size_t errlen)
{
	struct publish_seed_stats st;
	int64_t t0;
	char d[32];

	if (publish_open(&b->pub, b->cfg->out, err, errlen) < 0)
		return -1;
	if (publish_stage(&b->pub) < 0) {
		snprintf(err, errlen, "cannot create '%s': %s", b->pub.staged,
		    strerror(errno));
		return -1;
	}
	t0 = fs_now_ms();
	if (publish_seed(&b->pub, &st, b->should_abort, b->abort_arg) == 0) {
		log_debug("seeded the staging folder with %u file%s (%u "
		    "reflinked) in %s", st.files, st.files == 1 ? "" : "s",
		    st.cloned, fmt_ms(fs_now_ms() - t0, d, sizeof d));
	} else if (errno == ECANCELED) {
		snprintf(err, errlen, "aborted");
		return -1;
	} else {
		log_warnx("%s; building from scratch", b->pub.msg);
		if (publish_stage(&b->pub) < 0) {
			snprintf(err, errlen, "cannot create '%s': %s",
			    b->pub.staged, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* End a build that failed before its command ran. */
static void
fail_early(struct build *b, const char *err)
{
	if (b->pub.pfd >= 0)
		publish_discard(&b->pub);
	publish_close(&b->pub);
	finish(b, false, NULL, err, NULL, 0, -1);
}

/* Start the external command, passing the changed paths in TEND_CHANGED. */
static void
run_external(struct build *b)
{
	const char *cmd = b->o->build_cmd;
	char *list, *env, *expanded = NULL, err[1024];

	free(b->snap_path);
	b->snap_path = NULL;
	if (build_is_staged(cmd)) {
		if (prepare_staging(b, err, sizeof err) < 0) {
			fail_early(b, err);
			return;
		}
		b->snap_path = publish_staged_path(&b->pub, b->cfg->out);
		expanded = expand_cmd(cmd, b->snap_path);
		cmd = expanded;
	} else {
		b->snap_path = xstrdup(b->cfg->out);
	}
	snapshot_free(b->snap);	/* the command may write at any time */
	b->snap = b->serving ? snapshot_take(b->snap_path,
	    b->should_abort, b->abort_arg) : NULL;
	list = strlist_join(&b->changed, "\n", CHANGED_MAX, false);
	env = xasprintf("TEND_CHANGED=%s", list);
	b->runner = runner_start(cmd, b->cfg->src, env);
	free(list);
	free(env);
	if (!b->runner) {
		snprintf(err, sizeof err, "cannot run /bin/sh: %s",
		    strerror(errno));
		free(expanded);
		fail_early(b, err);
		return;
	}
	log_debug("running '%s' (process group %d)", cmd,
	    (int)runner_pid(b->runner));
	free(expanded);
	b->deadline = b->start + (int64_t)b->o->timeout_s * 1000;
}

void
build_start(struct build *b, struct strlist *changed, bool full)
{
	b->changed = *changed;
	*changed = (struct strlist)STRLIST_INIT;
	merge_changes(&b->changed, &b->failed);
	b->running = true;
	b->ended = false;
	b->timed_out = b->aborting = false;
	b->kill_deadline = -1;
	b->start = fs_now_ms();
	tell(b, MSG_BUILD_START, NULL, 0);
	if (b->serving && b->flush)
		b->flush(b->abort_arg);
	if (b->o->build_cmd)
		run_external(b);
	else
		run_builtin(b, full);
}

/* -1 if path is not a folder, 0 if it holds nothing but the marker, 1. */
static int
folder_state(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int r = 0;

	if (!d)
		return -1;
	while (!r && (e = readdir(d)))
		r = strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, PUBLISH_MARKER);
	closedir(d);
	return r;
}

/*
 * A successful command: check its output and publish it if staged. 0 with
 * the changed outputs in *outputs (NULL when not serving), or -1 with a
 * message in err.
 */
static int
take_output(struct build *b, char **outputs, char *err, size_t errlen)
{
	bool staged = b->pub.pfd >= 0;
	int state = folder_state(b->snap_path);

	*outputs = NULL;
	if (!staged && state < 0) {
		snprintf(err, errlen, "the command left no output folder '%s' "
		    "(check --out: a relative one is taken from SRC)",
		    b->cfg->out);
		return -1;
	}
	if (staged && state <= 0) {
		snprintf(err, errlen, state < 0 ? "the command removed its "
		    "output folder " BUILD_OUT_TOKEN : "the command wrote "
		    "nothing into " BUILD_OUT_TOKEN);
		return -1;
	}
	if (b->serving)		/* before the staging folder moves */
		*outputs = changed_outputs(b, b->snap_path);
	if (b->on_outputs && *outputs)
		b->on_outputs(b, *outputs, staged ? b->snap_path : NULL);
	if (staged && publish_commit(&b->pub) < 0) {
		snprintf(err, errlen, "%s", b->pub.msg);
		free(*outputs);
		*outputs = NULL;
		return -1;
	}
	if (staged && b->pub.msg)
		log_warnx("%s", b->pub.msg);
	return 0;
}

/* The external command exited with the wait status status. */
static void
external_ended(struct build *b, int status)
{
	size_t loglen;
	const char *log = runner_log(b->runner, &loglen);
	char err[1200], what[64], *outputs = NULL;
	bool ok = false;

	if (b->aborting) {
		snprintf(err, sizeof err, "aborted");
	} else if (b->timed_out) {
		snprintf(err, sizeof err, "timed out after %d s",
		    b->o->timeout_s);
	} else if (status != 0) {
		snprintf(err, sizeof err, "the command %s",
		    runner_status_text(status, what, sizeof what));
	} else {
		ok = take_output(b, &outputs, err, sizeof err) == 0;
		if (!ok)
			log = NULL;	/* the message says it all */
	}
	if (b->pub.pfd >= 0) {
		if (!ok)
			publish_discard(&b->pub);
		else if (b->cfg->once)
			publish_cleanup(b->cfg->out);
		publish_close(&b->pub);
	}
	finish(b, ok, NULL, err, log, log ? loglen : 0, status);
	if (outputs)
		tell(b, MSG_BUILD_OK, outputs, strlen(outputs));
	free(outputs);
	runner_free(b->runner);
	b->runner = NULL;
}

int
build_pidfd(const struct build *b)
{
	return b->runner ? runner_pidfd(b->runner) : -1;
}

int
build_outfd(const struct build *b)
{
	return b->runner ? runner_outfd(b->runner) : -1;
}

int
build_pgid(const struct build *b)
{
	return b->runner ? (int)runner_pid(b->runner) : 0;
}

void
build_read_output(struct build *b)
{
	if (b->runner)
		runner_read_output(b->runner);
}

void
build_reap(struct build *b)
{
	int status;

	if (b->runner && runner_reap(b->runner, &status))
		external_ended(b, status);
}

int64_t
build_due(const struct build *b)
{
	int64_t t = -1;

	if (b->runner && !b->timed_out && !b->aborting)
		t = b->deadline;
	if (b->runner && b->kill_deadline >= 0 &&
	    (t < 0 || b->kill_deadline < t))
		t = b->kill_deadline;
	return t;
}

void
build_on_timers(struct build *b, int64_t now)
{
	if (b->runner && !b->timed_out && !b->aborting && now >= b->deadline) {
		b->timed_out = true;
		runner_kill(b->runner, SIGTERM);
		b->kill_deadline = now + BUILD_KILL_GRACE_MS;
	}
	if (b->runner && b->kill_deadline >= 0 && now >= b->kill_deadline) {
		runner_kill(b->runner, SIGKILL);
		b->kill_deadline = -1;
	}
}

void
build_abort(struct build *b)
{
	if (!b->running || b->aborting)
		return;
	b->aborting = true;
	if (b->runner) {
		log_info("aborting the build");
		runner_kill(b->runner, SIGTERM);
		b->kill_deadline = fs_now_ms() + BUILD_KILL_GRACE_MS;
	}
}

bool
build_take_end(struct build *b, bool *ok)
{
	if (!b->ended)
		return false;
	b->ended = false;
	*ok = b->ok;
	return true;
}

void
build_init(struct build *b, const struct loop_config *cfg,
    const struct ignore *ign, struct msg_queue *outbox,
    bool (*should_abort)(void *arg), void *abort_arg)
{
	*b = (struct build){ .cfg = cfg, .o = cfg->opts, .ign = ign,
		.outbox = outbox, .should_abort = should_abort,
		.abort_arg = abort_arg, .changed = STRLIST_INIT,
		.pub = PUBLISH_INIT, .kill_deadline = -1 };
}

void
build_release(struct build *b)
{
	if (b->runner) {
		runner_kill(b->runner, SIGKILL);
		runner_free(b->runner);
		b->runner = NULL;
	}
	publish_close(&b->pub);
	site_forget(&b->memo);
	livecheck_free(b->live);
	b->live = NULL;
	if (!build_in_place(b->o))
		publish_cleanup(b->cfg->out);
	strlist_clear(&b->changed);
	strlist_clear(&b->failed);
	snapshot_free(b->snap);
	b->snap = NULL;
	free(b->snap_path);
	b->snap_path = NULL;
	free(b->fail_error);
	free(b->fail_log);
	b->fail_error = b->fail_log = NULL;
}
