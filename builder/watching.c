/* watching.c - SRC and the paths outside it that start builds */
#include "watching.h"

#include <stdlib.h>
#include <string.h>

#include "filewatch.h"
#include "fsutil.h"
#include "log.h"
#include "publish.h"
#include "sources.h"
#include "watchpaths.h"
#include "xalloc.h"
#include "banned.h"

/* A folder outside SRC. */
struct watching_dir {
	const char *root;		/* the config's */
	struct ignore *ign;		/* owned */
	struct sources *s;		/* owned */
};

/* Rules for the tree at root: tend's staging folders, the --ignore globs
 * (n of them), SRC and the output folder where they lie below root, the
 * .gitignore files. */
static struct ignore *
rules_for(const struct loop_config *cfg, const char *root, size_t n)
{
	struct ignore *ign = ignore_new();
	const char *in_out = path_below(cfg->out, root);

	ignore_add_glob(ign, PUBLISH_STAGING_GLOB);
	ignore_add_glob(ign, PUBLISH_OLD_GLOB);
	for (size_t i = 0; i < n; i++)
		ignore_add_glob(ign, cfg->opts->ignores[i]);
	if (in_out && *in_out)
		ignore_add_tree(ign, in_out);
	if (!cfg->opts->no_gitignore)
		ignore_use_gitignore(ign, root);
	return ign;
}

void
watching_init(struct watching *w, const struct loop_config *cfg)
{
	*w = (struct watching){ .ign = rules_for(cfg, cfg->src,
		cfg->opts->n_ignores) };
}

int
watching_start(struct watching *w, const struct loop_config *cfg,
    bool (*stop)(void *arg), void *arg)
{
	const struct watchpaths *wp = cfg->watch;
	size_t n = wp ? wp->dirs.len : 0;

	w->src = sources_open(cfg->src, w->ign, cfg->opts->poll_ms, stop,
	    arg);
	if (!w->src) {
		log_err("cannot watch '%s'", cfg->src);
		return -1;
	}
	w->dirs = xcalloc(n ? n : 1, sizeof *w->dirs);
	for (size_t i = 0; i < n; i++) {
		struct watching_dir *d = &w->dirs[w->n_dirs];
		const char *root = wp->dirs.items[i], *in_src;

		d->root = root;
		d->ign = rules_for(cfg, root, cfg->user_ignores);
		in_src = path_below(cfg->src, root);
		if (in_src && *in_src)
			ignore_add_tree(d->ign, in_src);	/* watched */
		d->s = sources_open(root, d->ign, cfg->opts->poll_ms, stop,
		    arg);
		if (!d->s) {
			log_err("cannot watch '%s'", root);
			ignore_free(d->ign);
			return -1;
		}
		sources_name(d->s, "watched folder");
		w->n_dirs++;
		log_debug("watching '%s' too", root);
	}
	if (wp && wp->files.len) {
		w->files = filewatch_open(&wp->files, cfg->opts->poll_ms);
		for (size_t i = 0; i < wp->files.len; i++)
			log_debug("watching '%s' too", wp->files.items[i]);
	}
	return 0;
}

size_t
watching_pollfds(const struct watching *w, struct pollfd *p)
{
	size_t n = 0;

	if (w->src && sources_fd(w->src) >= 0)
		p[n++] = (struct pollfd){ sources_fd(w->src), POLLIN, 0 };
	for (size_t i = 0; i < w->n_dirs; i++)
		if (sources_fd(w->dirs[i].s) >= 0)
			p[n++] = (struct pollfd){ sources_fd(w->dirs[i].s),
			    POLLIN, 0 };
	if (w->files && filewatch_fd(w->files) >= 0)
		p[n++] = (struct pollfd){ filewatch_fd(w->files), POLLIN, 0 };
	return n;
}

/* The earlier of two deadlines (-1: none). */
static int64_t
earlier(int64_t a, int64_t b)
{
	return a < 0 || (b >= 0 && b < a) ? b : a;
}

int64_t
watching_due(const struct watching *w)
{
	int64_t t = w->src ? sources_due(w->src) : -1;

	for (size_t i = 0; i < w->n_dirs; i++)
		t = earlier(t, sources_due(w->dirs[i].s));
	if (w->files)
		t = earlier(t, filewatch_due(w->files));
	return t;
}

/* The changes of the folder d, as absolute paths; how many. */
static int
update_dir(struct watching_dir *d, int64_t now, struct strlist *changed)
{
	struct strlist rel = STRLIST_INIT;
	bool full = false;
	int n = sources_update(d->s, now, &rel, &full);

	for (size_t i = 0; i < rel.len; i++) {
		char *abs = *rel.items[i] ? fs_join(d->root, rel.items[i])
					  : xstrdup(d->root);

		strlist_add_unique(changed, abs);
		free(abs);
	}
	if (full && !rel.len)	/* back, or too many at once */
		strlist_add_unique(changed, d->root);
	strlist_clear(&rel);
	return n;
}

int
watching_update(struct watching *w, int64_t now, struct strlist *changed,
    bool *full, bool *outside)
{
	int n = w->src ? sources_update(w->src, now, changed, full) : 0, m = 0;

	for (size_t i = 0; i < w->n_dirs; i++)
		m += update_dir(&w->dirs[i], now, changed);
	if (w->files)
		m += filewatch_update(w->files, now, changed);
	if (m > 0)
		*outside = true;
	return n + m;
}

void
watching_release(struct watching *w)
{
	sources_free(w->src);
	for (size_t i = 0; i < w->n_dirs; i++) {
		sources_free(w->dirs[i].s);
		ignore_free(w->dirs[i].ign);
	}
	free(w->dirs);
	filewatch_free(w->files);
	ignore_free(w->ign);
	*w = (struct watching){ 0 };
}
