/* searchterms.c - a page's terms, read from its text */
#include "searchterms.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "casefold.h"
#include "searchword.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

static void
grow(struct terms *T)
{
	size_t cap = T->tab ? 2 * (T->mask + 1) : 1024;

	free(T->tab);
	T->tab = xcalloc(cap, sizeof *T->tab);
	T->mask = cap - 1;
	for (size_t k = 0; k < T->n; k++) {
		size_t i = T->v[k].hash & T->mask;

		while (T->tab[i])
			i = (i + 1) & T->mask;
		T->tab[i] = (uint32_t)k + 1;
	}
}

/* Note the term t (n bytes, lower case; search_hash() h) found in
 * section sec's field. */
static void
add_term(struct terms *T, const char *t, size_t n, uint32_t h, uint16_t sec,
    uint8_t field)
{
	size_t i;

	if (2 * (T->n + 1) > T->mask + 1)
		grow(T);
	for (i = h & T->mask; T->tab[i]; i = (i + 1) & T->mask) {
		struct uterm *u = &T->v[T->tab[i] - 1];

		if (u->hash == h && u->len == n &&
		    !memcmp(T->pool.p + u->off, t, n)) {
			if (field > u->field) {
				u->field = field;
				u->sec = sec;
			}
			u->count += u->count < 31;
			return;
		}
	}
	if (T->n == T->cap) {
		T->cap = T->cap ? 2 * T->cap : 256;
		T->v = xrealloc(T->v, T->cap * sizeof *T->v);
	}
	T->v[T->n] = (struct uterm){ T->pool.len, (uint32_t)n, h, sec, field,
		1 };
	T->tab[i] = (uint32_t)++T->n;
	buf_add(&T->pool, t, n);
	buf_add(&T->pool, "", 1);
}

/* search_is_word() of an ASCII byte c, without the branches. */
static inline bool
ascii_word(char c)
{
	static const uint32_t bits[4] = { 0, 0x03ff0000, 0x07fffffe,
		0x07fffffe };
	unsigned char u = (unsigned char)c;

	return bits[u >> 5 & 3] >> (u & 31) & 1;
}

/* The len bytes of the word character c at s (UTF-8), folded
 * (casefold.h: never to another length), into f. */
static void
fold_utf8(uint32_t c, const char *s, size_t len, char f[4])
{
	uint32_t l = fold_char(c);

	if (l == c)
		memcpy(f, s, len);
	else
		utf8_encode(l, f);
}

/* Does a compound go on at t[i] (of n): '_' or '.' then a word
 * character? */
static inline bool
joins(const char *t, size_t i, size_t n)
{
	uint32_t c;

	if (i + 1 >= n || (t[i] != '_' && t[i] != '.'))
		return false;
	if ((unsigned char)t[i + 1] < 0x80)
		return ascii_word(t[i + 1]);
	utf8_decode(t + i + 1, n - i - 1, &c);
	return search_is_word(c);
}

/* Note the compound s (n bytes of words joined by '_' or '.', as
 * read_line or fs.mkdtemp) as a term of its own, folded and hashed; one
 * over SEARCH_TERM_MAX bytes by its start, cut at a character (a query
 * of its first words finds it). */
static void
add_compound(struct terms *T, const char *s, size_t n, uint16_t sec,
    uint8_t field)
{
	char low[SEARCH_TERM_MAX], f[4];
	uint32_t c, h = 2166136261u;
	size_t k = 0, len;

	if (n > SEARCH_TERM_MAX) {	/* folding keeps the length */
		n = SEARCH_TERM_MAX;
		while (((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i += len) {
		if ((unsigned char)s[i] < 0x80) {
			len = 1;
			f[0] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32)
							  : s[i];
		} else {
			len = utf8_decode(s + i, n - i, &c);
			fold_utf8(c, s + i, len, f);
		}
		for (size_t j = 0; j < len; j++, k++) {
			low[k] = f[j];
			h = (h ^ (unsigned char)f[j]) * 16777619u;
		}
	}
	add_term(T, low, k, h, sec, field);
}

/* The first '_' or '.' of s..end, or NULL. */
static const char *
next_joiner(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s == '_' || *s == '.')
			return s;
	return NULL;
}

/* Note the chain s (n bytes) and each of its tails of two words or more:
 * self.read_line is also read_line, os.path.join also path.join. */
static void
add_chain(struct terms *T, const char *s, size_t n, uint16_t sec,
    uint8_t field)
{
	const char *end = s + n, *j;

	add_compound(T, s, n, sec, field);
	while ((j = next_joiner(s, end)) && next_joiner(j + 1, end)) {
		s = j + 1;
		add_compound(T, s, (size_t)(end - s), sec, field);
	}
}

/* Note the terms of text (n bytes): each word folded into low and
 * hashed as it is read (search_hash()'s steps), in one pass; words joined
 * by '_' or '.' also as one compound term. */
void
terms_of(struct terms *T, const char *t, size_t n, uint16_t sec,
    uint8_t field)
{
	size_t i = 0, compound = SIZE_MAX;	/* where one started */

	while (i < n) {
		size_t len, k = 0, start = i;
		uint32_t c, h = 2166136261u;
		char low[SEARCH_TERM_MAX];

		if ((unsigned char)t[i] < 0x80) {
			if (!ascii_word(t[i])) {
				i++;
				continue;
			}
		} else if (len = utf8_decode(t + i, n - i, &c),
		    !search_is_word(c)) {
			i += len;
			continue;
		}
		while (i < n) {
			unsigned char u = (unsigned char)t[i];

			if (u < 0x80) {
				if (!ascii_word(t[i]))
					break;
				len = 1;
				u = u >= 'A' && u <= 'Z' ? u - 'A' + 'a' : u;
				if (k < SEARCH_TERM_MAX)
					low[k] = (char)u;
				h = (h ^ u) * 16777619u;
				k++;
			} else {
				char f[4];

				len = utf8_decode(t + i, n - i, &c);
				if (!search_is_word(c))
					break;
				fold_utf8(c, t + i, len, f);
				for (size_t j = 0; j < len; j++, k++) {
					if (k < SEARCH_TERM_MAX)
						low[k] = f[j];
					h = (h ^ (unsigned char)f[j]) *
					    16777619u;
				}
			}
			i += len;
		}
		if (k <= SEARCH_TERM_MAX)
			add_term(T, low, k, h, sec, field);
		if (joins(t, i, n)) {
			if (compound == SIZE_MAX)
				compound = start;
		} else if (compound != SIZE_MAX) {
			add_chain(T, t + compound, i - compound, sec, field);
			compound = SIZE_MAX;
		}
	}
}

void
terms_reset(struct terms *T)
{
	T->pool.len = 0;
	T->n = 0;
	if (T->tab)
		memset(T->tab, 0, (T->mask + 1) * sizeof *T->tab);
}

void
terms_release(struct terms *T)
{
	free(T->pool.p);
	free(T->v);
	free(T->tab);
}
