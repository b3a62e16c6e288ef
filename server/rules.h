/*
 * rules.h - the site's host rules in the server: `_redirects` and
 * `_headers` (core/hostrules.h) at the top of the output folder, as Netlify
 * and Cloudflare Pages read them from the deployed folder.
 *
 * rules_load() reads the two files when the server opens a newly published
 * output folder; they are parsed again only when their bytes changed (a
 * build that did not touch them costs two small reads), and each line that
 * cannot be honoured is logged then, once, as "FILE:LINE: why".
 *
 * For each request, rules_route() says what to serve:
 *   - "/_redirects" and "/_headers" themselves are never served (404, as on
 *     the hosts);
 *   - the first rule of _redirects that matches (a rule not forced with
 *     '!' is shadowed when the path is a file of the site: a file, an
 *     "x.html" for "x", a folder with an index.html): a 3xx is queued here
 *     (Location: the target, the request's query passed on); a 200 or a
 *     4xx serves the target's content with that status;
 *   - else the path as requested.
 * Responses to the path served then carry the headers of _headers for the
 * requested path (respond_extra_headers()), until rules_done().
 *
 * Everything runs on libmicrohttpd's thread (the request thread), which
 * owns the rules.
 */
#ifndef TEND_RULES_H
#define TEND_RULES_H

#include <microhttpd.h>

enum rules_action {
	RULES_SERVE,		/* serve hit->url with hit->status */
	RULES_HIDDEN,		/* _redirects or _headers itself: a 404 */
	RULES_ANSWERED,		/* a redirect was queued: hit->result */
};

struct rules_hit {
	const char *url;	/* the request's url or a rewrite's target */
	unsigned status;	/* 200, or a rewrite's 4xx */
	enum MHD_Result result;	/* RULES_ANSWERED: what queueing returned */
	char *owned;		/* the target, freed by rules_done() */
};

/* Take the rules of the output folder open as rootfd (O_PATH is enough;
 * -1: none), named root in warnings. */
void rules_load(int rootfd, const char *root);

/* What to answer to url (decoded) beneath rootfd; see above. Call
 * rules_done(hit) once the answer is queued. */
enum rules_action rules_route(struct MHD_Connection *c, int rootfd,
    const char *url, struct rules_hit *hit);
void rules_done(struct rules_hit *hit);

/* Free the rules (at exit). */
void rules_release(void);

#endif
