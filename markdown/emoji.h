/*
 * emoji.h - GitHub's emoji shortcodes: `:heart:` is shown as the emoji
 * U+2764 U+FE0F, `:+1:` as U+1F44D.
 *
 * The names are GitHub's (gemoji's, emoji_table.c, made by tools/gen-emoji
 * from the npm package gemoji); an unknown `:foo:` is left as written. As
 * GitHub's emoji filter, a shortcode needs no space around it
 * (`a:heart:b`). GitHub's custom images (:octocat:, :shipit:) are not
 * Unicode emoji and stay as written.
 *
 * Pure, and read-only data: safe from any thread.
 */
#ifndef TEND_EMOJI_H
#define TEND_EMOJI_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct emoji_entry { const char *name, *emoji; };

/* The table, sorted by name (strcmp), and its length. */
extern const struct emoji_entry emoji_table[];
extern const size_t emoji_count;

/* The emoji (UTF-8) of the shortcode name (n bytes, without colons), or
 * NULL if GitHub has none of that name. */
const char *emoji_lookup(const char *name, size_t n);

/* Append the text s (n bytes) to out with every known shortcode replaced by
 * its emoji. Returns whether anything was replaced (if not, out has s). */
bool emoji_replace(const char *s, size_t n, struct buf *out);

/*
 * The same on HTML (len bytes), as GitHub's emoji filter does it on the
 * rendered page: in text only, Markdown's and raw HTML's alike, never in a
 * tag (an image's alt), a comment, or inside <code>, <pre>, <tt>, <script>,
 * <style>. Appends to out; returns whether anything was replaced.
 */
bool emoji_html(const char *html, size_t len, struct buf *out);

#endif
