/* test_threadobj.c - an object of each thread's own */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "threadobj.h"

struct thing {
	int n;
	char pad[60];
};

static atomic_int freed;

static void
thing_free(void *p)
{
	atomic_fetch_add(&freed, 1);
	free(p);
}

static struct thread_obj thing_obj = THREAD_OBJ_INIT(sizeof(struct thing),
    thing_free);
static __thread struct thing *mine;

static struct thing *
thing(void)
{
	if (!mine)
		mine = thread_obj_make(&thing_obj);
	return mine;
}

static void *
use(void *arg)
{
	struct thing *t = thing();

	cr_assert_eq(t->n, 0, "made zeroed");
	t->n = 7;
	cr_assert_eq(thing(), t, "the same object on the same thread");
	*(struct thing **)arg = t;
	return NULL;
}

/* Each thread gets its own zeroed object, freed when the thread ends. */
Test(threadobj, each_thread_its_own_freed_at_its_end, .timeout = 10)
{
	struct thing *a = NULL, *b = NULL;
	pthread_t ta, tb;

	atomic_store(&freed, 0);
	cr_assert_eq(pthread_create(&ta, NULL, use, &a), 0);
	cr_assert_eq(pthread_join(ta, NULL), 0);
	cr_expect_eq(atomic_load(&freed), 1, "freed as its thread ended");
	cr_assert_eq(pthread_create(&tb, NULL, use, &b), 0);
	cr_assert_eq(pthread_join(tb, NULL), 0);
	cr_expect_eq(atomic_load(&freed), 2);
	cr_expect_neq(thing(), NULL);
	cr_expect_eq(thing()->n, 0, "this thread's own, not theirs");
}
