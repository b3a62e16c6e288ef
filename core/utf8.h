/*
 * utf8.h - UTF-8 characters read and written (the search index's words,
 * case folding, entities and escapes decoded into text).
 */
#ifndef TEND_UTF8_H
#define TEND_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Decode the character at s (n > 0 bytes left) into *c: its length. A
 * byte that starts no well-formed character (cut short, overlong, a
 * surrogate, beyond U+10FFFF) is read alone, as U+FFFD. */
size_t utf8_decode(const char *s, size_t n, uint32_t *c);

/* Write the code point c (not a surrogate, at most U+10FFFF) into u: its
 * length, 1 to 4. */
size_t utf8_encode(uint32_t c, char u[4]);

/* The number the n hex digits at s (before end) write, as an escape's
 * \uXXXX does, or -1 if they are not n hex digits. */
long utf8_hex(const char *s, const char *end, int n);

/* Append the code point c to b, U+FFFD for a surrogate or one beyond
 * U+10FFFF. */
void utf8_add(struct buf *b, unsigned long c);

#endif
