/*
 * hostrules.h - the host rules of Netlify and Cloudflare Pages: a site's
 * `_redirects` and `_headers` files, parsed, and a request path matched
 * against them. Pure: no file-system calls, no printing, no globals; the
 * server (server/rules.h) reads the files and answers.
 *
 * _redirects, one rule a line ('#' starts a comment line):
 *
 *     FROM [KEY=VALUE...] TO [STATUS[!]] [CONDITION...]
 *
 *   - FROM is a path: literal characters, placeholders (":name", a whole
 *     segment, matching one non-empty segment) and at most one splat ('*',
 *     matching anything, '/' included; a pattern ending in "/" and the
 *     splat also matches the path without them: "/news" for /news/ + '*').
 *     Placeholders after the splat are refused.
 *   - KEY=VALUE before TO are query conditions: the request must carry the
 *     argument KEY; VALUE ":name" takes its value as a placeholder, anything
 *     else must equal it.
 *   - TO is a path or an http(s) URL; ":splat" and ":name" in it are
 *     replaced by what matched.
 *   - STATUS: 301 (the default), 302, 303, 307, 308 redirect; 200 rewrites
 *     (serves TO's content at FROM); 4xx serves TO's content with that
 *     status (a splat FROM, /404.html and 404: a custom "not found").
 *     A trailing '!' forces the rule.
 *   - Rules are tried in file order and the first that matches wins. A rule
 *     not forced is shadowed: it does not apply when the request's path is
 *     a file of the site (Netlify's behaviour; Cloudflare always applies
 *     its rules, and its default status is 302).
 *   - A trailing '/' is not significant: "/blog" and "/blog/" match the
 *     same rules.
 *   - Not possible locally, so skipped with a warning: conditions on the
 *     visitor (Country=, Language=, Role=, Cookie=), proxying (200 or 4xx to
 *     an http(s) URL) and domain-level rules (FROM an absolute URL).
 *
 * _headers, blocks of a path pattern (not indented; placeholders and a
 * splat as above) and indented "Name: value" lines. Every block whose
 * pattern matches applies, in file order; a name given again is joined to
 * the earlier value with ", " (as both hosts do); an indented "! Name"
 * (Cloudflare) removes the name from what the matching blocks set.
 *
 * A line that cannot be honoured is skipped, never fatal: a warning
 * "FILE:LINE: why" is added to the caller's list. Going over Cloudflare
 * Pages' limits (2,000 static + 100 dynamic redirects, 1,000 characters a
 * redirect line; 100 header blocks, 2,000 characters a header line) gives
 * one warning each, and the rules are still honoured (Netlify's limits are
 * higher).
 */
#ifndef TEND_HOSTRULES_H
#define TEND_HOSTRULES_H

#include <stdbool.h>
#include <stddef.h>

#include "strlist.h"

/* The captures a rule may name: placeholders and query conditions. */
#define HOSTRULES_MAX_CAPTURES 16

struct hostrules;

/* An empty set of rules; never NULL (allocation failure dies). */
struct hostrules *hostrules_new(void);
void hostrules_free(struct hostrules *h);

/*
 * Add the rules of a _redirects (or _headers) file, text of len bytes
 * named name in warnings, after those already in h. Each skipped line adds
 * one warning to warnings ("name:LINE: why").
 */
void hostrules_parse_redirects(struct hostrules *h, const char *text,
    size_t len, const char *name, struct strlist *warnings);
void hostrules_parse_headers(struct hostrules *h, const char *text,
    size_t len, const char *name, struct strlist *warnings);

/* How many redirect rules and header blocks h holds. */
size_t hostrules_redirects(const struct hostrules *h);
size_t hostrules_header_blocks(const struct hostrules *h);

/* What hostrules_redirect() asks of the request. */
struct hostrules_request {
	const char *path;	/* decoded, starting with '/' */
	/* The request's query argument name (decoded), or NULL; may be NULL */
	const char *(*arg)(void *ctx, const char *name);
	/* Is path a file of the site? Called only for an unforced rule that
	 * matches, at most once */
	bool (*exists)(void *ctx);
	void *ctx;
	bool encode;		/* %-encode what is put into the target (a
				   Location), else put it in as it is */
};

/* The rule that matched. */
struct hostrules_match {
	unsigned status;	/* 200, 301..308, 4xx */
	bool force;
	bool external;		/* target is an http(s) URL */
	bool keep_query;	/* pass the request's query on: the rule has
				   no query condition and target no '?' */
	unsigned line;		/* in its file */
	char *target;		/* owned: TO with the captures put in */
};

/*
 * The first rule of h that applies to the request, in *m (release it with
 * hostrules_match_release()): true, or false when none does.
 */
bool hostrules_redirect(const struct hostrules *h,
    const struct hostrules_request *req, struct hostrules_match *m);
void hostrules_match_release(struct hostrules_match *m);

/*
 * The headers of h for path (decoded): appended to out as pairs, name then
 * value, in the order the names first appear.
 */
void hostrules_headers(const struct hostrules *h, const char *path,
    struct strlist *out);

#endif
