/*
 * rawhead.h - what libmicrohttpd's parse of a request head hides.
 *
 * The raw request head, as libmicrohttpd 0.9.75 leaves it: it parses the
 * head in place, so the request line and the header fields are strings in
 * [method, method + MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE), each colon
 * and line end overwritten by a NUL. What its API hides can be seen there:
 * a line it dropped (": value", whose rest it would even take for a second
 * request) or a field value cut at a raw NUL ("Host: local\0host") leave
 * bytes between the fields it kept. rawhead_junk() checks that nothing
 * but NULs and blanks lies between them. A folded line (obs-fold) makes
 * 0.9.75 move its field's name out of the head, into a new block of its
 * memory pool: a field outside the head is one. When the layout is not the one
 * described (a later libmicrohttpd), it gives up and judges nothing.
 */
#ifndef TEND_RAWHEAD_H
#define TEND_RAWHEAD_H

#include <microhttpd.h>
#include <stdbool.h>

/*
 * Does the raw head of c's request (method and version as the access
 * handler got them, in its first call) hold bytes that libmicrohttpd's
 * fields do not, or a folded line? layout_known: the running
 * libmicrohttpd is 0.9.75, whose pool layout makes a field outside the
 * head a folded one; else only the bytes between fields are judged.
 */
bool rawhead_junk(struct MHD_Connection *c, const char *method,
    const char *version, bool layout_known);

#endif
