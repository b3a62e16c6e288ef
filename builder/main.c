/* main.c - tend: parse the command line, check the folders, run the loop */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkprep.h"
#include "checkrun.h"
#include "cli.h"
#include "fsutil.h"
#include "https.h"
#include "libexec.h"
#include "log.h"
#include "loop.h"
#include "outlock.h"
#include "preset.h"
#include "presetabove.h"
#include "presetbase.h"
#include "sigs.h"
#include "build.h"
#include "publish.h"
#include "watchpaths.h"
#include "xalloc.h"
#include "banned.h"

/*
 * An absolute path for p, which need not exist: realpath() of p, else of its
 * parent plus the last name, else p made absolute from the current folder.
 */
static char *
absolute(const char *p)
{
	char *r = realpath(p, NULL), *a, *b, *parent;

	if (r)
		return r;
	a = xstrdup(p);
	b = xstrdup(p);
	parent = realpath(dirname(a), NULL);
	if (parent) {
		r = xasprintf("%s/%s", strcmp(parent, "/") ? parent : "",
		    basename(b));
	} else if (p[0] == '/') {
		r = xstrdup(p);
	} else {
		char cwd[PATH_MAX];

		r = getcwd(cwd, sizeof cwd) ? xasprintf("%s/%s", cwd, p)
					    : xstrdup(p);
	}
	free(parent);
	free(a);
	free(b);
	return r;
}

/*
 * Create the missing folders between src and out's parent when out lies
 * below src (`--out _build/html` in a fresh clone); a missing parent
 * elsewhere stays an error. 0, or -1 with errno.
 */
static int
make_parents(const char *src, const char *out)
{
	const char *rel = path_below(out, src);
	char *path;
	int r = 0;

	if (!rel || !*rel)
		return 0;
	path = xstrdup(out);
	for (char *p = path + (rel - out); (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			r = -1;
		*p = '/';
		if (r < 0)
			break;
	}
	free(path);
	return r;
}

/* Resolve and check SRC and the output folder; 0, or exit status 2. */
static int
check_folders(const struct tend_opts *o, char **src, char **out)
{
	struct stat st;
	char err[512];

	*src = realpath(o->src, NULL);
	if (!*src || stat(*src, &st) < 0) {
		log_errx("cannot use '%s' as the source folder: %s", o->src,
		    strerror(errno));
		return 2;
	}
	if (!S_ISDIR(st.st_mode)) {
		log_errx("'%s' is not a folder", o->src);
		return 2;
	}
	/* The one rule: a relative --out is taken from SRC, like the default
	   and like the paths of a --cmd, which runs there. */
	if (!o->out) {
		*out = xasprintf("%s/_site", *src);
	} else if (o->out[0] == '/') {
		*out = absolute(o->out);
	} else {
		char *joined = xasprintf("%s/%s", *src, o->out);

		*out = absolute(joined);
		free(joined);
	}
	if (build_in_place(o))
		return 0;	/* the command owns its output folder */
	if (make_parents(*src, *out) < 0) {
		log_errx("cannot create the folders of '%s': %s", *out,
		    strerror(errno));
		return 2;
	}
	if (path_below(*src, *out)) {	/* out is src or above it */
		log_errx("the output folder '%s' must not contain the source "
		    "folder", o->out ? o->out : *out);
		return 2;
	}
	/* The lock first: the check makes and removes the staging folder,
	   which another tend may be building in. */
	if (outlock_take(*out, err, sizeof err) < 0 ||
	    publish_check_out(*out, err, sizeof err) < 0) {
		log_errx("%s", err);
		return 2;
	}
	return 0;
}

/* The base path of the generator's config, unless --base named one
 * (presetbase.h): o->base becomes *base, which the caller frees. */
static void
preset_base(struct tend_opts *o, const struct preset_match *pm,
    char **base)
{
	char msg[512];

	switch (presetbase_read(o->src, pm, base, msg, sizeof msg)) {
	case PRESETBASE_FOUND:
		log_info("%s", msg);
		o->base = *base;
		break;
	case PRESETBASE_BAD:
		log_warnx("%s; serving the site at /", msg);
		break;
	case PRESETBASE_NONE:
		break;
	}
}

int
main(int argc, char **argv)
{
	struct tend_opts o = TEND_OPTS_INIT;
	struct loop_config lc = { .opts = &o };
	struct preset_match pm = PRESET_MATCH_INIT;
	struct presetabove above = PRESETABOVE_INIT;
	struct checkprep cp = CHECKPREP_INIT;
	struct watchpaths wp = WATCHPATHS_INIT;
	size_t user_ignores;
	char err[512], *src = NULL, *out = NULL, *exe = NULL;
	char *scratch = NULL, *scratch_out = NULL, *base = NULL;
	char *cert = NULL, *key = NULL;
	bool looped = false;
	int status;

	switch (cli_parse(argc, argv, &o, err, sizeof err)) {
	case CLI_EXIT:
		return 0;
	case CLI_ERROR:
		log_errx("%s", err);
		return 2;
	case CLI_OK:
		break;
	}
	log_init(o.verbosity, o.json_log);
	/* Before the output is checked: the check makes and removes the
	   staging folder, and the temporary output is removed, which a Ctrl-C
	   must not leave behind. */
	sigs_install();
	if (o.command == CMD_CHECK && !o.out && !build_in_place(&o)) {
		scratch = checkrun_scratch();
		if (!scratch) {
			log_errx("cannot make a temporary folder for the output: "
			    "%s (set TMPDIR, or name one with --out)",
			    strerror(errno));
			return 2;
		}
		scratch_out = xasprintf("%s/site", scratch);
		o.out = scratch_out;
	}
	user_ignores = o.n_ignores;	/* the generator's come after */
	switch (preset_setup(&o, &pm, err, sizeof err)) {
	case PRESET_ERROR:
		log_errx("%s", err);
		status = 2;
		goto out;
	case PRESET_USED:
		log_info("%s", err);
		if (pm.cache)
			log_info("'%s' is read-only: %s's caches go to '%s'",
			    o.src, pm.preset->title, pm.cache);
		if (o.command != CMD_BUILD && !o.base)
			preset_base(&o, &pm, &base);
		break;
	case PRESET_NONE:
		if (!o.builder && !o.build_cmd &&
		    presetabove_find(o.src, &above)) {
			presetabove_message(o.src, &above, err, sizeof err);
			log_warnx("%s", err);
			presetabove_release(&above);
		}
		break;
	}
	for (size_t i = 0; pm.warnings[i]; i++)
		log_warnx("%s", pm.warnings[i]);
	status = check_folders(&o, &src, &out);
	if (status == 0 && o.command == CMD_CHECK)
		status = checkprep_run(&o, &cp);
	if (status == 0 && o.command == CMD_SERVE) {
		char *yml = pm.preset && !strcmp(pm.preset->name, "mkdocs")
				? fs_join(src, pm.config) : NULL;

		if (watchpaths_collect(&wp, &o, yml, src, out) < 0)
			status = 2;
		free(yml);
	}
	if (status == 0 && o.command != CMD_BUILD) {
		exe = libexec_find("tend-serve", o.command == CMD_CHECK
		    ? "tend check" : "tend serve");
		if (!exe)
			status = 1;
	}
	if (status == 0 && o.https)
		status = https_prepare(exe, &o, &cert, &key);
	if (status == 0) {
		lc.cert = cert;
		lc.key = key;
		lc.src = src;
		lc.out = out;
		lc.once = o.command != CMD_SERVE;
		lc.check = o.command == CMD_CHECK;
		lc.server_exe = exe;
		lc.scratch = scratch;
		lc.cache = pm.cache;
		lc.watch = &wp;
		lc.user_ignores = user_ignores;
		status = loop_run(&lc);
		looped = true;
	}
out:
	if (scratch)
		fs_remove_tree(AT_FDCWD, scratch);
	if (pm.cache)
		fs_remove_tree(AT_FDCWD, pm.cache);
	if (!looped) {
		sigs_deliver();	/* a Ctrl-C meanwhile: die by it */
		if (sigs_count())
			sigs_reraise(sigs_last());
	}
	free(scratch);
	free(scratch_out);
	free(base);
	free(exe);
	free(cert);
	free(key);
	free(src);
	free(out);
	preset_match_release(&pm);
	checkprep_release(&cp);
	watchpaths_release(&wp);
	return status;
}
