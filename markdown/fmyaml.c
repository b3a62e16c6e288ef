/* fmyaml.c - a front-matter block through libyaml's document loader */
#include "fmyaml.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "xalloc.h"
#include "banned.h"

struct walk {
	yaml_document_t *doc;
	fm_yaml_add_fn *add;
	void *arg;
	size_t keys;		/* passed to add so far */
	unsigned first_line;
	bool over;		/* too deep or too many keys: stop */
	char *error;		/* owned: the first error, or NULL */
	unsigned error_line;
};

/* Set the error (the first one wins) at the page's line. */
static void
set_error(struct walk *w, unsigned line, const char *what)
{
	if (w->error)
		return;
	w->error = xstrdup(what);
	w->error_line = line;
}

static void
add_key(struct walk *w, const char *key, const char *val, size_t vlen)
{
	if (w->keys >= FM_YAML_KEYS) {
		set_error(w, w->first_line, "front matter makes more keys "
		    "than tend reads");
		w->over = true;
		return;
	}
	w->keys++;
	w->add(w->arg, key, val, vlen);
}

/* Is n a null: a plain ~, null or nothing (`key:` alone)? */
static bool
is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	    !strcmp(v, "Null") || !strcmp(v, "NULL");
}

static void walk_node(struct walk *w, const char *key, yaml_node_t *n,
    unsigned depth);

/* key.SUB for a nested value (SUB alone at the top). */
static char *
join_key(const char *key, const char *sub, size_t sublen)
{
	return *key ? xasprintf("%s.%.*s", key, (int)sublen, sub) :
	    xstrndup(sub, sublen);
}

static void
walk_map(struct walk *w, const char *key, yaml_node_t *n, unsigned depth)
{
	yaml_node_pair_t *p;

	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top &&
	    !w->over; p++) {
		yaml_node_t *k = yaml_document_get_node(w->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(w->doc, p->value);
		char *sub;

		if (!k || !v || k->type != YAML_SCALAR_NODE)
			continue;	/* a map or list as a key: unusable */
		sub = join_key(key, (const char *)k->data.scalar.value,
		    k->data.scalar.length);
		walk_node(w, sub, v, depth + 1);
		free(sub);
	}
}

/* A list: each item as key.I, and its scalars joined as key itself. */
static void
walk_list(struct walk *w, const char *key, yaml_node_t *n, unsigned depth)
{
	struct buf joined = BUF_INIT;
	yaml_node_item_t *i;
	char idx[24];

	for (i = n->data.sequence.items.start; i < n->data.sequence.items.top
	    && !w->over; i++) {
		yaml_node_t *v = yaml_document_get_node(w->doc, *i);
		char *sub;

		if (!v)
			continue;
		snprintf(idx, sizeof idx, "%td", i - n->data.sequence.items.start);
		sub = join_key(key, idx, strlen(idx));
		walk_node(w, sub, v, depth + 1);
		free(sub);
		if (v->type == YAML_SCALAR_NODE && !is_null(v)) {
			if (joined.len)
				buf_adds(&joined, ", ");
			buf_add(&joined, (const char *)v->data.scalar.value,
			    v->data.scalar.length);
		}
	}
	if (*key && !w->over)
		add_key(w, key, joined.len ? joined.p : "", joined.len);
	free(joined.p);
}

static void
walk_node(struct walk *w, const char *key, yaml_node_t *n, unsigned depth)
{
	if (depth > FM_YAML_DEPTH) {
		set_error(w, w->first_line + (unsigned)n->start_mark.line,
		    "front matter nests deeper than tend reads");
		w->over = true;
		return;
	}
	if (n->type == YAML_MAPPING_NODE)
		walk_map(w, key, n, depth);
	else if (n->type == YAML_SEQUENCE_NODE)
		walk_list(w, key, n, depth);
	else if (n->type == YAML_SCALAR_NODE && *key && !is_null(n))
		add_key(w, key, (const char *)n->data.scalar.value,
		    n->data.scalar.length);
}

/* The parser's error as one line: "PROBLEM" or "PROBLEM (CONTEXT)". */
static void
parser_error(const yaml_parser_t *p, struct walk *w)
{
	const yaml_mark_t *m = p->problem ? &p->problem_mark : &p->context_mark;
	char msg[256];

	if (p->context)
		snprintf(msg, sizeof msg, "front matter: %s %s",
		    p->problem ? p->problem : "invalid YAML", p->context);
	else
		snprintf(msg, sizeof msg, "front matter: %s",
		    p->problem ? p->problem : "invalid YAML");
	set_error(w, w->first_line + (unsigned)m->line, msg);
}

int
fm_yaml_parse(const char *text, size_t len, unsigned first_line,
    fm_yaml_add_fn *add, void *arg, char **error, unsigned *error_line)
{
	struct walk w = { .add = add, .arg = arg, .first_line = first_line };
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;

	if (!yaml_parser_initialize(&parser)) {
		set_error(&w, first_line, "front matter: out of memory");
		goto out;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &doc)) {
		parser_error(&parser, &w);
		yaml_parser_delete(&parser);
		goto out;
	}
	w.doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE)
		walk_map(&w, "", root, 0);
	else if (root && !(root->type == YAML_SCALAR_NODE && is_null(root)))
		set_error(&w, first_line, "front matter is not a map of "
		    "keys and values");
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
out:
	*error = w.error;
	*error_line = w.error_line;
	return w.error ? -1 : 0;
}
