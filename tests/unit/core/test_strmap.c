/* test_strmap.c - the string -> pointer hash map */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

Test(strmap, empty_map_finds_nothing, .timeout = 10)
{
	struct strmap m = STRMAP_INIT;

	cr_expect_null(strmap_get(&m, "a"));
	cr_expect_null(strmap_get(&m, ""));
	strmap_reset(&m);		/* harmless on an empty map */
	strmap_clear(&m);
	cr_expect_null(m.slots);
}

Test(strmap, put_and_get, .timeout = 10)
{
	struct strmap m = STRMAP_INIT;
	int a, b, e;

	cr_expect_null(strmap_put(&m, "a", &a));
	cr_expect_null(strmap_put(&m, "b", &b));
	cr_expect_null(strmap_put(&m, "", &e));	/* "" is a key too */
	cr_expect_eq(strmap_get(&m, "a"), &a);
	cr_expect_eq(strmap_get(&m, "b"), &b);
	cr_expect_eq(strmap_get(&m, ""), &e);
	cr_expect_null(strmap_get(&m, "A"));		/* case matters */
	cr_expect_null(strmap_get(&m, "ab"));
	cr_expect_eq(m.len, 3);
	strmap_clear(&m);
}

Test(strmap, put_replaces_and_returns_old, .timeout = 10)
{
	struct strmap m = STRMAP_INIT;
	char k1[] = "key", k2[] = "key";
	int a, b;

	strmap_put(&m, k1, &a);
	cr_expect_eq(strmap_put(&m, k2, &b), &a);
	cr_expect_eq(m.len, 1);
	cr_expect_eq(strmap_get(&m, "key"), &b);
	/* The new key pointer is the one kept: k1 may go now. */
	k1[0] = 'X';
	cr_expect_eq(strmap_get(&m, "key"), &b);
	strmap_clear(&m);
}

Test(strmap, keys_are_borrowed, .timeout = 10)
{
	struct strmap m = STRMAP_INIT;
	char key[] = "name";
	int v;

	strmap_put(&m, key, &v);
	cr_expect_eq(strmap_get(&m, "name"), &v);
	/* The map sees the caller's string, not a copy (which is why a key
	 * must not change while it is in the map). */
	key[0] = 'g';
	cr_expect_null(strmap_get(&m, "name"));
	key[0] = 'n';
	cr_expect_eq(strmap_get(&m, "name"), &v);
	strmap_clear(&m);
}

Test(strmap, grows_and_keeps_everything, .timeout = 10)
{
	enum { N = 5000 };
	struct strmap m = STRMAP_INIT;
	static char keys[N][16];
	static int vals[N];
	char probe[16];

	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		cr_assert_null(strmap_put(&m, keys[i], &vals[i]));
	}
	cr_expect_eq(m.len, N);
	cr_expect_leq(2 * m.len, m.cap);		/* at most half full */
	cr_expect_eq(m.cap & (m.cap - 1), 0);		/* a power of two */
	for (int i = 0; i < N; i++) {
		/* Looked up with another copy of the key. */
		snprintf(probe, sizeof probe, "k%d", i);
		cr_assert_eq(strmap_get(&m, probe), &vals[i], "%s", probe);
	}
	cr_expect_null(strmap_get(&m, "k-1"));
	cr_expect_null(strmap_get(&m, "k5000"));
	strmap_clear(&m);
}

Test(strmap, reset_keeps_table, .timeout = 10)
{
	struct strmap m = STRMAP_INIT;
	struct strmap_slot *slots;
	size_t cap;
	char keys[100][8];
	int v;

	for (int i = 0; i < 100; i++) {
		snprintf(keys[i], sizeof keys[i], "%d", i);
		strmap_put(&m, keys[i], &v);
	}
	slots = m.slots;
	cap = m.cap;
	strmap_reset(&m);
	cr_expect_eq(m.len, 0);
	cr_expect_eq(m.cap, cap);
	cr_expect_eq(m.slots, slots);
	for (int i = 0; i < 100; i++)
		cr_expect_null(strmap_get(&m, keys[i]));
	/* Refilled, it needs no new table. */
	for (int i = 0; i < 100; i++)
		cr_expect_null(strmap_put(&m, keys[i], &v));
	cr_expect_eq(m.slots, slots);
	cr_expect_eq(strmap_get(&m, "42"), &v);
	strmap_clear(&m);
}

Test(strmap, clear_leaves_reusable_map, .timeout = 10)
{
	struct strmap m = STRMAP_INIT;
	int v;

	strmap_put(&m, "a", &v);
	strmap_clear(&m);
	cr_expect_eq(m.len, 0);
	cr_expect_eq(m.cap, 0);
	cr_expect_null(m.slots);
	cr_expect_null(strmap_get(&m, "a"));
	strmap_clear(&m);		/* twice is fine */
	strmap_put(&m, "b", &v);
	cr_expect_eq(strmap_get(&m, "b"), &v);
	strmap_clear(&m);
}
