/*
 * libexec.h - finding tend's helper programs: tend-serve (the server child,
 * proto/args.h) and tend-crawl (tend check's link checker, checkrun.h).
 *
 * A helper is looked for beside tend's own binary first (/proc/self/exe:
 * the build folder, or a copied install), then in TEND_LIBEXECDIR, where
 * `meson install` puts it.
 */
#ifndef TEND_LIBEXEC_H
#define TEND_LIBEXEC_H

/*
 * The path of the helper program name (new string), or NULL after logging
 * "cannot find NAME in 'DIR' nor in 'LIBEXECDIR': WHO needs it".
 */
char *libexec_find(const char *name, const char *who);

#endif
