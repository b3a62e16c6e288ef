/*
 * searchshard.h - the files a shard of the search index is written as,
 * and their JSON (search.h says what the files hold).
 *
 * A shard holds the terms whose first two code points are its key (its
 * name). While its postings are at most SEARCH_SPLIT, it is one file,
 * NAME.json. Above, it is split: each third code point C of its longer
 * terms has a file NAME.C.json (C as is when [a-z0-9], else "x" and its
 * UTF-8 bytes in hex), and NAME.json keeps its terms of one or two code
 * points (if any). A first query of a word of three or more characters
 * then fetches only its words' three-letter file, not every word of a
 * common two-letter start (a hundred KB at 10,000 pages).
 *
 * The split follows the shard's postings alone, so the same index makes
 * the same files whatever edits led to it. Not thread-safe.
 */
#ifndef TEND_SEARCHSHARD_H
#define TEND_SEARCHSHARD_H

#include <stdbool.h>
#include <stddef.h>

#define SEARCH_SPLIT 16384	/* postings of a shard kept in one file */

struct buf;
struct shard;

/* Put sh's terms in order (strcmp), if they are not. */
void shard_sort(struct shard *sh);

/* Is sh, by its postings now, written split? */
bool shard_split(const struct shard *sh);

/*
 * The file of the terms of the sorted shard sh from the i-th on (split:
 * written split or not): the index past its last term is returned, its
 * name (without ".json") put in name (len bytes, 64 will do), whether
 * one of its terms changed since it was written (term.dirty) in *dirty,
 * and the count of its terms' postings in *posts.
 */
size_t shard_group(const struct shard *sh, bool split, size_t i,
    char *name, size_t len, bool *dirty, size_t *posts);

/* Append the JSON of the terms [from, to) of sh (those with postings). */
void shard_json(const struct shard *sh, size_t from, size_t to,
    struct buf *b);

#endif
