/* test_searchcache.c - a thread's memo of term numbers: short terms kept
 * in their slots, long ones by pointer, a set of terms at a time */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "searchcache.h"
#include "searchword.h"

TestSuite(searchcache, .timeout = 10);

static uint32_t
get(uint64_t gen, const char *t)
{
	return search_cache_get(gen, t, strlen(t), search_hash(t,
	    strlen(t)));
}

static void
put(uint64_t gen, const char *t, uint32_t k)
{
	search_cache_put(gen, t, strlen(t), search_hash(t, strlen(t)), k);
}

/* Terms of 15 bytes and less, and longer ones that share a start: each
 * its own number, and a term noted is never taken for another. */
Test(searchcache, short_and_long_terms_are_told_apart)
{
	static const char *terms[] = { "a", "ab", "fifteen-bytes-x",
		"sixteen-bytes-xy", "sixteen-bytes-xz", "sixteen-bytes-x",
		"a-term-of-forty-bytes-or-so-in-one-word" };
	uint64_t gen = search_cache_gen();

	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		cr_expect_eq(get(gen, terms[i]), SEARCH_NO_TERM, "%s",
		    terms[i]);
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		put(gen, terms[i], (uint32_t)i + 7);
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		cr_expect_eq(get(gen, terms[i]), i + 7, "%s", terms[i]);
	cr_expect_eq(get(gen, "sixteen-bytes-x0"), SEARCH_NO_TERM);
	cr_expect_eq(get(gen, "abc"), SEARCH_NO_TERM);
	/* noted again: the first number stays */
	put(gen, "ab", 99);
	cr_expect_eq(get(gen, "ab"), 8);
}

/* Terms of the same hash (given, not computed): the bytes tell them
 * apart, in the slot or through its pointer. */
Test(searchcache, terms_of_one_hash_are_told_apart_by_their_bytes)
{
	static const char *terms[] = { "abc", "abd", "sixteen-bytes-xy",
		"sixteen-bytes-xz", "sixteen-bytes-xy-and-more",
		"sixteen-bytes-x" };
	uint64_t gen = search_cache_gen();

	for (size_t i = 0; i < sizeof terms / sizeof *terms; i += 2)
		search_cache_put(gen, terms[i], strlen(terms[i]), 42,
		    (uint32_t)i);
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		cr_expect_eq(search_cache_get(gen, terms[i], strlen(terms[i]),
		    42), i % 2 ? SEARCH_NO_TERM : i, "%s", terms[i]);
}

/* Thousands of terms (the table grows) and a new set that forgets them. */
Test(searchcache, the_memo_grows_and_a_new_set_starts_empty)
{
	static char words[5000][24];
	uint64_t gen = search_cache_gen(), next;

	for (uint32_t i = 0; i < 5000; i++) {
		snprintf(words[i], sizeof words[i], i % 2 ? "w%u" :
		    "a-longer-word-%u", i);
		put(gen, words[i], i);
	}
	for (uint32_t i = 0; i < 5000; i++)
		cr_expect_eq(get(gen, words[i]), i, "%s", words[i]);
	next = search_cache_gen();
	cr_assert_neq(next, gen);
	cr_expect_eq(get(next, words[0]), SEARCH_NO_TERM);
	cr_expect_eq(get(next, words[1]), SEARCH_NO_TERM);
	search_cache_prefetch(next, 0);	/* harmless, any hash */
}

static void *
other_thread(void *arg)
{
	uint64_t gen = *(uint64_t *)arg;

	return (void *)(uintptr_t)(get(gen, "shared") == SEARCH_NO_TERM);
}

/* Each thread has a memo of its own. */
Test(searchcache, another_thread_has_its_own_memo)
{
	uint64_t gen = search_cache_gen();
	pthread_t th;
	void *none;

	put(gen, "shared", 3);
	cr_assert_eq(pthread_create(&th, NULL, other_thread, &gen), 0);
	pthread_join(th, &none);
	cr_expect(none, "the other thread found this one's term");
	cr_expect_eq(get(gen, "shared"), 3);
}
