/*
 * admonition.h - MkDocs' admonitions in a page's Markdown (pure).
 *
 * Python-Markdown's admonition extension, which MkDocs sites use, writes
 *
 *	!!! warning "Mind the gap"
 *	    Indented content: paragraphs, lists, code, more admonitions.
 *
 * and pymdownx.details the folding form, `??? note` (closed) and `???+ note`
 * (open). admonition_expand() rewrites each into raw HTML around its
 * content, dedented, so that md4c renders the content as Markdown:
 *
 *	<div class="admonition warning">
 *	<p class="admonition-title">Mind the gap</p>
 *
 *	Indented content: ...
 *
 *	</div>
 *
 * (`<details class="admonition note"><summary>Note</summary>` for ???). The
 * first word after the marker is the kind (a class), further words are
 * more classes; the title is the quoted text, else the kind capitalised,
 * and `""` means no title. The content is the lines indented by 4 spaces or
 * a tab below it, blank lines included, up to the first line indented
 * less. Markers inside fenced code blocks are left alone. The output keeps
 * no line numbers: callers that need the source's lines read the source.
 */
#ifndef TEND_ADMONITION_H
#define TEND_ADMONITION_H

#include <stdbool.h>

#include "buf.h"

/* Could md (len bytes) hold an admonition? A quick test before expanding. */
bool admonition_maybe(const char *md, size_t len);

/* Append md with its admonitions expanded to out. Returns how many. */
unsigned admonition_expand(const char *md, size_t len, struct buf *out);

#endif
