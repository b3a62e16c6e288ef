/* hostrules.c - _redirects and _headers: the parsers */
#include "hostrules.h"
#include "hostrules_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* Cloudflare Pages' documented limits (Netlify's are higher). */
#define CF_STATIC_REDIRECTS 2000
#define CF_DYNAMIC_REDIRECTS 100
#define CF_REDIRECT_LINE 1000
#define CF_HEADER_BLOCKS 100
#define CF_HEADER_LINE 2000

#define MAX_TOKENS 32

struct hostrules *
hostrules_new(void)
{
	return xcalloc(1, sizeof(struct hostrules));
}

void
hostrules_free(struct hostrules *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nr; i++) {
		for (size_t k = 0; k < h->r[i].nconds; k++) {
			free(h->r[i].conds[k].key);
			free(h->r[i].conds[k].value);
		}
		free(h->r[i].conds);
		free(h->r[i].from);
		free(h->r[i].to);
	}
	for (size_t i = 0; i < h->nb; i++) {
		for (size_t k = 0; k < h->b[i].n; k++) {
			free(h->b[i].hdrs[k].name);
			free(h->b[i].hdrs[k].value);
		}
		free(h->b[i].hdrs);
		free(h->b[i].path);
	}
	free(h->r);
	free(h->b);
	free(h);
}

size_t
hostrules_redirects(const struct hostrules *h)
{
	return h->nr;
}

size_t
hostrules_header_blocks(const struct hostrules *h)
{
	return h->nb;
}

bool
hostrules_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

size_t
hostrules_placeholder_len(const char *pattern, const char *p)
{
	size_t n = 0;

	if (*p != ':' || p == pattern || p[-1] != '/' ||
	    !isalpha((unsigned char)p[1]))
		return 0;
	while (hostrules_name_char(p[1 + n]))
		n++;
	return p[1 + n] == '/' || !p[1 + n] ? n : 0;
}

char *
hostrules_normalise(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return xstrndup(path, n);
}

static bool
is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

/* Check a path pattern: NULL if usable (*dynamic set), else why not. */
static const char *
pattern_problem(const char *pat, size_t *captures, bool *dynamic)
{
	const char *star = strchr(pat, '*');

	*dynamic = star != NULL;
	if (star && strchr(star + 1, '*'))
		return "more than one splat ('*')";
	for (const char *p = pat; *p; p++) {
		if (!hostrules_placeholder_len(pat, p))
			continue;
		if (star && p > star)
			return "a placeholder after the splat";
		if (++*captures > HOSTRULES_MAX_CAPTURES)
			return "too many placeholders";
		*dynamic = true;
	}
	return NULL;
}

/* Append "name:line: why" to warnings. */
static void warn(struct strlist *w, const char *name, unsigned line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
warn(struct strlist *w, const char *name, unsigned line, const char *fmt, ...)
{
	char msg[512], *s;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	s = xasprintf("%s:%u: %s", name, line, msg);
	strlist_add(w, s);
	free(s);
}

/* Split line into at most max whitespace-separated tokens (in place);
 * the count, or max + 1 when there are more. */
static size_t
tokens(char *line, char **tok, size_t max)
{
	size_t n = 0;

	for (char *p = line; *p;) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		if (n == max)
			return max + 1;
		tok[n++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static bool
status_ok(unsigned s)
{
	return s == 200 || (s >= 301 && s <= 303) || s == 307 || s == 308 ||
	       (s >= 400 && s <= 499);
}

/* Parse "301" or "200!" into r; false if it is not a status. */
static bool
parse_status(const char *t, struct redirect *r)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)*t))
		return false;
	v = strtoul(t, &end, 10);
	r->force = *end == '!';
	end += r->force;
	if (*end || v > 999)
		return false;
	r->status = (unsigned)v;
	return true;
}

/* A condition on the visitor that only the host can test? */
static bool
visitor_condition(const char *t)
{
	static const char *const keys[] = { "Country=", "Language=", "Role=",
		"Cookie=" };

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strncasecmp(t, keys[i], strlen(keys[i])))
			return true;
	return false;
}

/* Parse one _redirects line (tokens tok[0..n)) into r (*dynamic: it has
 * a splat, a placeholder or a query condition); false with why if the
 * rule is skipped. */
static bool
parse_redirect(char **tok, size_t n, struct redirect *r, bool *dynamic,
    char *why, size_t len)
{
	size_t i = 1, captures = 0;
	const char *bad;

	if (n > MAX_TOKENS)
		return snprintf(why, len, "too many fields"), false;
	if (is_url(tok[0]))
		return snprintf(why, len, "'%s': a domain-level rule cannot "
		    "match locally", tok[0]), false;
	if (tok[0][0] != '/')
		return snprintf(why, len, "'%s' is not a path (expected FROM TO "
		    "[STATUS])", tok[0]), false;
	if ((bad = pattern_problem(tok[0], &captures, dynamic)))
		return snprintf(why, len, "'%s': %s", tok[0], bad), false;
	for (; i < n && strchr(tok[i], '=') && tok[i][0] != '/' &&
	    !is_url(tok[i]); i++) {
		if (tok[i][0] == '=')
			return snprintf(why, len, "'%s': a query condition "
			    "needs a name", tok[i]), false;
		if (++captures > HOSTRULES_MAX_CAPTURES)
			return snprintf(why, len, "too many query conditions"),
			    false;
	}
	r->nconds = i - 1;
	*dynamic = *dynamic || r->nconds;
	if (i == n)
		return snprintf(why, len, "'%s' has no target (expected FROM TO "
		    "[STATUS])", tok[0]), false;
	if (tok[i][0] != '/' && !is_url(tok[i]))
		return snprintf(why, len, "'%s' is not a path or an http(s) URL",
		    tok[i]), false;
	r->to = tok[i++];
	r->external = is_url(r->to);
	r->status = 301;
	if (i < n && isdigit((unsigned char)tok[i][0])) {
		if (!parse_status(tok[i], r) || !status_ok(r->status))
			return snprintf(why, len, "unsupported status '%s' (200, "
			    "301, 302, 303, 307, 308 or 4xx)", tok[i]), false;
		i++;
	}
	if (i < n && visitor_condition(tok[i]))
		return snprintf(why, len, "'%s': conditions on the visitor "
		    "cannot be tested locally", tok[i]), false;
	if (i < n)
		return snprintf(why, len, "unexpected '%s'", tok[i]), false;
	if (r->external && (r->status == 200 || r->status >= 400))
		return snprintf(why, len, "proxying to '%s' is not possible "
		    "locally", r->to), false;
	r->from = tok[0];
	return true;
}

/* Keep r (its strings still point into the line) and its conditions. */
static void
add_redirect(struct hostrules *h, struct redirect *r, char **conds,
    unsigned line)
{
	struct redirect *d;

	h->r = xrealloc(h->r, (h->nr + 1) * sizeof *h->r);
	d = &h->r[h->nr++];
	*d = *r;
	d->line = line;
	d->from = hostrules_normalise(r->from);
	d->to = xstrdup(r->to);
	d->conds = r->nconds ? xcalloc(r->nconds, sizeof *d->conds) : NULL;
	for (size_t k = 0; k < r->nconds; k++) {
		char *eq = strchr(conds[k], '=');

		d->conds[k].key = xstrndup(conds[k], (size_t)(eq - conds[k]));
		d->conds[k].value = xstrdup(eq + 1);
	}
}

/* Call fn on each line of text: its number and a NUL-terminated copy
 * without the line end (a NUL byte ends it too). */
static void
each_line(const char *text, size_t len, void (*fn)(void *, unsigned,
    char *), void *arg)
{
	unsigned no = 0;

	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		char *line = xstrndup(text + at, n);

		n = strlen(line);
		if (n && line[n - 1] == '\r')
			line[n - 1] = '\0';
		fn(arg, ++no, line);
		free(line);
		at = nl ? (size_t)(nl - text) + 1 : len;
	}
}

/* The state of one file's parse. */
struct parse {
	struct hostrules *h;
	const char *name;
	struct strlist *w;
	size_t statics, dynamics;
	bool long_said;
	struct block *cur;	/* _headers: the block being read */
	bool skipping;		/* _headers: the block's path was refused */
};

static void
redirect_line(void *arg, unsigned no, char *line)
{
	struct parse *p = arg;
	struct redirect r = { 0 };
	char *tok[MAX_TOKENS], why[512];
	bool dynamic = false;
	size_t n;

	if (strlen(line) > CF_REDIRECT_LINE && !p->long_said) {
		p->long_said = true;
		warn(p->w, p->name, no, "longer than Cloudflare Pages' limit of "
		    "1000 characters a redirect");
	}
	n = tokens(line, tok, MAX_TOKENS);
	if (!n || tok[0][0] == '#')
		return;
	if (n == 1) {
		warn(p->w, p->name, no, "'%s' has no target (expected FROM TO "
		    "[STATUS])", tok[0]);
		return;
	}
	if (!parse_redirect(tok, n, &r, &dynamic, why, sizeof why)) {
		warn(p->w, p->name, no, "%s: skipped", why);
		return;
	}
	if ((dynamic ? ++p->dynamics == CF_DYNAMIC_REDIRECTS + 1
		     : ++p->statics == CF_STATIC_REDIRECTS + 1))
		warn(p->w, p->name, no, "more %s redirects than Cloudflare Pages "
		    "takes (%d)", dynamic ? "dynamic" : "static", dynamic ?
		    CF_DYNAMIC_REDIRECTS : CF_STATIC_REDIRECTS);
	add_redirect(p->h, &r, tok + 1, no);
}

void
hostrules_parse_redirects(struct hostrules *h, const char *text, size_t len,
    const char *name, struct strlist *warnings)
{
	struct parse p = { .h = h, .name = name, .w = warnings };

	each_line(text, len, redirect_line, &p);
}

/* An HTTP field name (RFC 9110 token)? */
static bool
token_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("!#$%&'*+-.^_`|~", *s))
			return false;
	return true;
}

/* Trim spaces and tabs at both ends, in place. */
static char *
trim(char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Framing and connection headers belong to the server, as on the hosts. */
static bool
server_owned(const char *name)
{
	static const char *const names[] = { "Connection", "Content-Length",
		"Transfer-Encoding", "Keep-Alive", "Upgrade", "TE", "Trailer",
		"Date", "Content-Range" };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcasecmp(name, names[i]))
			return true;
	return false;
}

/* An indented line of _headers: "Name: value" or "! Name". */
static void
header_field(struct parse *p, unsigned no, char *s)
{
	struct block *b = p->cur;
	char *name, *value = NULL, *colon;

	if (*s == '!') {
		name = trim(s + 1);
	} else if (!(colon = strchr(s, ':'))) {
		warn(p->w, p->name, no, "expected 'Name: value', not '%s'", s);
		return;
	} else {
		*colon = '\0';
		name = trim(s);
		value = trim(colon + 1);
	}
	if (!token_ok(name)) {
		warn(p->w, p->name, no, "'%s' is not a header name", name);
		return;
	}
	if (server_owned(name)) {
		warn(p->w, p->name, no, "'%s' is set by the server", name);
		return;
	}
	for (const char *v = value; v && *v; v++) {
		if ((unsigned char)*v < 0x20 && *v != '\t') {
			warn(p->w, p->name, no, "'%s' has a control character in "
			    "its value", name);
			return;
		}
	}
	b->hdrs = xrealloc(b->hdrs, (b->n + 1) * sizeof *b->hdrs);
	b->hdrs[b->n].name = xstrdup(name);
	b->hdrs[b->n++].value = value ? xstrdup(value) : NULL;
}

/* A path line of _headers: a new block. */
static void
header_path(struct parse *p, unsigned no, char *s)
{
	size_t captures = 0;
	bool dynamic;
	const char *why;
	struct hostrules *h = p->h;

	p->cur = NULL;
	p->skipping = true;
	if (is_url(s)) {
		warn(p->w, p->name, no, "'%s': a rule for one host cannot match "
		    "locally", s);
		return;
	}
	if (s[0] != '/' || s[strcspn(s, " \t")]) {
		warn(p->w, p->name, no, "'%s' is not a path (a header line is "
		    "indented)", s);
		return;
	}
	if ((why = pattern_problem(s, &captures, &dynamic))) {
		warn(p->w, p->name, no, "'%s': %s", s, why);
		return;
	}
	if (h->nb == CF_HEADER_BLOCKS)
		warn(p->w, p->name, no, "more rules than Cloudflare Pages takes "
		    "(100 header rules)");
	h->b = xrealloc(h->b, (h->nb + 1) * sizeof *h->b);
	p->cur = &h->b[h->nb++];
	*p->cur = (struct block){ hostrules_normalise(s), NULL, 0 };
	p->skipping = false;
}

static void
headers_line(void *arg, unsigned no, char *line)
{
	struct parse *p = arg;
	char *s = trim(line);

	if (!*s || *s == '#')
		return;
	if (strlen(line) > CF_HEADER_LINE && !p->long_said) {
		p->long_said = true;
		warn(p->w, p->name, no, "longer than Cloudflare Pages' limit of "
		    "2000 characters a line");
	}
	if (s == line) {
		header_path(p, no, s);
	} else if (p->cur) {
		header_field(p, no, s);
	} else if (!p->skipping) {
		warn(p->w, p->name, no, "'%s' comes before any path", s);
	}
}

void
hostrules_parse_headers(struct hostrules *h, const char *text, size_t len,
    const char *name, struct strlist *warnings)
{
	struct parse p = { .h = h, .name = name, .w = warnings };

	each_line(text, len, headers_line, &p);
}
