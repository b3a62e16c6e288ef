/*
 * fmyaml.h - front matter that is more than `key: value` lines, read by a
 * real YAML parser (libyaml): nested maps, lists, block scalars (| and >),
 * flow collections, anchors and aliases, comments.
 *
 * frontmatter.c reads the common block of one-line scalars itself (it is
 * several times faster, and a 10,000-page build reads 10,000 blocks), and
 * hands any other block to fm_yaml_parse().
 *
 * What a block becomes: each scalar of the top-level map is a key; a
 * nested map's scalars are keys joined with dots (`author.name`); a list
 * of scalars is one value, its items joined by ", " (`tags: [a, b]` gives
 * tags = "a, b"), and each item is also a key of its own (`tags.0`); a
 * null (`key:` with nothing) is no key. A block that nests deeper than
 * FM_YAML_DEPTH or makes more than FM_YAML_KEYS keys (aliases can make a
 * small block huge: "billion laughs") stops there, with an error.
 */
#ifndef TEND_FMYAML_H
#define TEND_FMYAML_H

#include <stddef.h>

#define FM_YAML_DEPTH 16
#define FM_YAML_KEYS 4096

/* Called for each key, in document order; val is vlen bytes, not
 * NUL-terminated (copy what you keep). */
typedef void fm_yaml_add_fn(void *arg, const char *key, const char *val,
    size_t vlen);

/*
 * Parse the block's text (len bytes between the `---` lines; its first
 * line is line first_line of the page), passing each key to add. 0, or -1
 * when it is not valid YAML or not a map: then *error (a new string) says
 * why in one line, *error_line is the page's line, and the keys passed
 * before the error stand.
 */
int fm_yaml_parse(const char *text, size_t len, unsigned first_line,
    fm_yaml_add_fn *add, void *arg, char **error, unsigned *error_line);

#endif
