/*
 * qr.h - a QR code for a terminal (tend serve --qr), with libqrencode.
 *
 * The code is drawn as text: its light modules as the glyphs, its dark ones
 * as blanks, with a light margin (quiet zone) of QR_MARGIN modules, as
 * `qrencode -t UTF8` does: on the usual terminal (light text on a dark
 * background) it shows dark-on-light, as printed codes are; phone cameras
 * read it either way. In a UTF-8 locale each line holds two rows of
 * modules in half blocks (U+2580, U+2584, U+2588), so a URL's code fits in
 * about 35 columns by 18 lines; elsewhere each module is "##" (two
 * columns, one line), plain ASCII.
 */
#ifndef TEND_QR_H
#define TEND_QR_H

#include <stdbool.h>

#include "buf.h"

#define QR_MARGIN 2

/*
 * Append text's QR code (error correction level L, the smallest version
 * that fits) to out, one '\n'-ended line at a time. 0, or -1 with errno
 * (ERANGE: text is too long for a QR code).
 */
int qr_render(const char *text, bool utf8, struct buf *out);

/* Is the locale's character set UTF-8 (LC_ALL, else LC_CTYPE, else LANG)? */
bool qr_utf8_locale(void);

#endif
