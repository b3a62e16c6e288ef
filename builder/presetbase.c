/* presetbase.c - a generator's base path, from its config file */
#include "presetbase.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "basepath.h"
#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

/* A config file larger than this is not read for its base path. */
#define CONFIG_MAX (4 * 1024 * 1024)

/* Which setting of which row names the site's URL, or its base path. */
static const struct {
	const char *preset;
	const char *key;
	bool url;		/* a URL, of which the path counts */
} settings[] = {
	{ "mkdocs", "site_url", true },
	{ "hugo", "baseURL", true },
	{ "zola", "base_url", true },
	{ "jekyll", "baseurl", false },
};

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* The value starting at p up to the line's end: a quoted string, or bare
 * up to a comment (" #") and trailing blanks. A new string. */
static char *
scalar(const char *p)
{
	size_t n;

	p += strspn(p, " \t");
	if (*p == '"' || *p == '\'') {
		const char *end = strchr(p + 1, *p);

		n = end ? (size_t)(end - p - 1) : strcspn(p + 1, "\r\n");
		return xstrndup(p + 1, n);
	}
	n = strcspn(p, "\r\n");
	for (size_t i = 0; i < n; i++)
		if (p[i] == '#' && (i == 0 || p[i - 1] == ' ' ||
		    p[i - 1] == '\t')) {
			n = i;
			break;
		}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return xstrndup(p, n);
}

/* YAML and TOML: a line starting with key, then sep. */
static char *
line_value(const char *text, const char *key, char sep, bool toml)
{
	size_t k = strlen(key);

	for (const char *line = text; line && *line;) {
		const char *p = line;

		if (toml) {
			p += strspn(p, " \t");
			if (*p == '[')
				return NULL;	/* a table: not top-level */
		}
		if (!strncasecmp(p, key, k)) {
			p += k;
			p += strspn(p, " \t");
			if (*p == sep)
				return scalar(p + 1);
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return NULL;
}

/* JSON: "key" then ':' and a string, anywhere. */
static char *
json_value(const char *text, const char *key)
{
	size_t k = strlen(key);

	for (const char *p = text; (p = strchr(p, '"')); p++) {
		const char *q = p + 1;

		if (strncasecmp(q, key, k) || q[k] != '"')
			continue;
		q += k + 1;
		q += strspn(q, " \t\r\n");
		if (*q != ':')
			continue;
		q++;
		q += strspn(q, " \t\r\n");
		if (*q != '"')
			return NULL;
		return xstrndup(q + 1, strcspn(q + 1, "\""));
	}
	return NULL;
}

char *
presetbase_value(const char *name, const char *text, const char *key)
{
	if (ends_with(name, ".toml"))
		return line_value(text, key, '=', true);
	if (ends_with(name, ".yml") || ends_with(name, ".yaml"))
		return line_value(text, key, ':', false);
	if (ends_with(name, ".json"))
		return json_value(text, key);
	return NULL;
}

const char *
presetbase_path(const char *url)
{
	const char *p = strstr(url, "://");

	if (!p)
		return *url == '/' ? url : "";
	p += 3;
	return p + strcspn(p, "/?#");
}

enum presetbase_result
presetbase_read(const char *src, const struct preset_match *m, char **base,
    char *msg, size_t msglen)
{
	const char *key = NULL, *path;
	bool url = false;
	char *text = NULL, *value, *norm, why[BASEPATH_MAX + 128];
	enum presetbase_result r = PRESETBASE_NONE;
	size_t len;
	int dirfd;

	*base = NULL;
	for (size_t i = 0; m->preset && i < sizeof settings /
	    sizeof *settings; i++)
		if (!strcmp(settings[i].preset, m->preset->name)) {
			key = settings[i].key;
			url = settings[i].url;
		}
	if (!key || !m->config)
		return PRESETBASE_NONE;
	dirfd = open(src, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return PRESETBASE_NONE;
	if (fs_read_file(dirfd, m->config, &text, &len) < 0 ||
	    len > CONFIG_MAX || strlen(text) != len) {
		close(dirfd);
		free(text);
		return PRESETBASE_NONE;
	}
	close(dirfd);
	value = presetbase_value(m->config, text, key);
	free(text);
	if (!value)
		return PRESETBASE_NONE;
	path = url ? presetbase_path(value) : value;
	norm = basepath_normalise(path, why, sizeof why);
	if (!norm) {
		snprintf(msg, msglen, "%s's %s: not a usable base path: %s",
		    m->config, key, why);
		r = PRESETBASE_BAD;
	} else if (basepath_none(norm)) {
		free(norm);
	} else {
		snprintf(msg, msglen, "base path '%s' from %s's %s", norm,
		    m->config, key);
		*base = norm;
		r = PRESETBASE_FOUND;
	}
	free(value);
	return r;
}
