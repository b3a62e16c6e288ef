/*
 * callout.h - GitHub's alerts in a page's HTML (pure: no file system).
 *
 * A blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!WARNING]` or `[!CAUTION]` (any case) alone, as GitHub renders it,
 * becomes
 *
 *	<div class="markdown-alert markdown-alert-note">
 *	<p class="markdown-alert-title">Note</p>
 *	...the rest of the quote...
 *	</div>
 *
 * the HTML GitHub writes (its icons aside), which the built-in theme styles
 * in light and dark; any other blockquote, and `[!NOTE]` with text after it
 * on its line, stays a blockquote, as on GitHub. A quote that holds only the
 * marker stays a quote too (GitHub shows it as written).
 */
#ifndef TEND_CALLOUT_H
#define TEND_CALLOUT_H

#include "buf.h"

/*
 * Rewrite the alerts of md4c's HTML (len bytes at html) into out (appended).
 * Returns the number of alerts made; 0 means out holds html unchanged.
 */
unsigned callout_alerts(const char *html, size_t len, struct buf *out);

#endif
