/*
 * threadobj.h - an object of each thread's own, made zeroed at the
 * thread's first use and freed when the thread ends (the rendering
 * threads' memos and scratch buffers: kept from one page to the next, so
 * a page needs no allocation for them).
 *
 * The caller keeps its thread's pointer (a __thread variable: the look-up
 * costs nothing) and asks thread_obj_make() when it is NULL:
 *
 *	static struct thread_obj memo_obj = THREAD_OBJ_INIT(sizeof(struct
 *	    memo), memo_free);
 *	static __thread struct memo *mine;
 *	...
 *	if (!mine)
 *		mine = thread_obj_make(&memo_obj);
 */
#ifndef TEND_THREADOBJ_H
#define TEND_THREADOBJ_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct thread_obj {
	pthread_mutex_t lock;
	pthread_key_t key;	/* its destructor: free_fn */
	bool tried, keyed;	/* the key made (else objects outlive their
				   threads, as the process's end frees them) */
	size_t size;
	void (*free_fn)(void *);
};

#define THREAD_OBJ_INIT(sz, fn) { .lock = PTHREAD_MUTEX_INITIALIZER, \
	.size = (sz), .free_fn = (fn) }

/* A new zeroed object of o's size for this thread, which o frees with
 * free_fn when the thread ends. Allocation failure dies. */
void *thread_obj_make(struct thread_obj *o);

#endif
