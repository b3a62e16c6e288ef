/* siteconf.c - the site's settings (_tend.yml) */
#include "siteconf.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

/* The keys tend reads, and where each goes. */
static char **
slot(struct siteconf *c, const char *key)
{
	if (!strcmp(key, "site_name"))
		return &c->site_name;
	if (!strcmp(key, "edit_url"))
		return &c->edit_url;
	return NULL;
}

static unsigned
line_of(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

/* Is the URL template one a link may hold (no javascript: and such)? */
static bool
safe_url(const char *u)
{
	return !strncmp(u, "https://", 8) || !strncmp(u, "http://", 7) ||
	    (u[0] == '/' && u[1] != '/');
}

/* Take the map's pairs into c. 0, or -1 with *error. */
static int
read_map(yaml_document_t *doc, yaml_node_t *map, const char *file,
    struct siteconf *c, siteconf_warn_fn *warn, void *arg,
    unsigned *warnings, char **error)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const char *key;
		char **at, msg[512];

		if (k->type != YAML_SCALAR_NODE) {
			*error = xasprintf("%s:%u: a key must be text", file,
			    line_of(k));
			return -1;
		}
		key = (const char *)k->data.scalar.value;
		if (!(at = slot(c, key))) {
			snprintf(msg, sizeof msg, "%s:%u: unknown key '%s' "
			    "(tend reads site_name, edit_url)", file,
			    line_of(k), key);
			warn(arg, msg);
			++*warnings;
			continue;
		}
		if (v->type != YAML_SCALAR_NODE) {
			*error = xasprintf("%s:%u: '%s' must be text", file,
			    line_of(v), key);
			return -1;
		}
		free(*at);
		*at = xstrdup((const char *)v->data.scalar.value);
		if (at == &c->edit_url && !safe_url(c->edit_url)) {
			*error = xasprintf("%s:%u: edit_url must start with "
			    "https://, http:// or /", file, line_of(v));
			return -1;
		}
	}
	return 0;
}

int
siteconf_parse(const char *text, size_t len, const char *file,
    struct siteconf *c, siteconf_warn_fn *warn, void *arg,
    unsigned *warnings, char **error)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	int ret = 0;

	*error = NULL;
	if (!yaml_parser_initialize(&parser)) {
		*error = xasprintf("%s: cannot start the YAML parser", file);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		*error = xasprintf("%s:%u: %s", file,
		    (unsigned)parser.problem_mark.line + 1,
		    parser.problem ? parser.problem : "not valid YAML");
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_SCALAR_NODE &&
	    !*root->data.scalar.value)
		root = NULL;	/* only comments */
	if (root && root->type != YAML_MAPPING_NODE) {
		*error = xasprintf("%s:%u: not a map of keys (site_name: ...)",
		    file, line_of(root));
		ret = -1;
	} else if (root) {
		ret = read_map(&doc, root, file, c, warn, arg, warnings,
		    error);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return ret;
}

char *
siteconf_edit_url(const struct siteconf *c, const char *src)
{
	const char *at;
	struct buf b = BUF_INIT;

	if (!c->edit_url || !*c->edit_url)
		return NULL;
	at = strstr(c->edit_url, "{path}");
	buf_add(&b, c->edit_url, at ? (size_t)(at - c->edit_url)
	    : strlen(c->edit_url));
	if (!at && b.len && b.p[b.len - 1] != '/')
		buf_adds(&b, "/");
	buf_add_url(&b, src);
	if (at)
		buf_adds(&b, at + 6);
	buf_terminate(&b);
	return b.p;
}

void
siteconf_release(struct siteconf *c)
{
	free(c->site_name);
	free(c->edit_url);
	c->site_name = c->edit_url = NULL;
}
