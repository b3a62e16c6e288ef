/*
 * listing.h - an HTML index of a folder that has no index.html: sorted
 * (folders first, then by name), names HTML-escaped and links %-encoded,
 * with sizes. Dotfiles and dot-folders are left out.
 */
#ifndef TEND_LISTING_H
#define TEND_LISTING_H

#include <stddef.h>

/*
 * The listing of the folder open as dirfd (not closed), whose URL path is
 * path (decoded, ending with '/'), in the site whose top is the URL path
 * top ("/", or the base path, base.h): it has a "../" link unless it is
 * the top. A new NUL-terminated string and its length, or NULL with errno.
 */
char *listing_html(int dirfd, const char *path, const char *top,
    size_t *len);

#endif
