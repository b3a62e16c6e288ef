/* threadobj.c - an object of each thread's own */
#include "threadobj.h"

#include "xalloc.h"
#include "banned.h"

void *
thread_obj_make(struct thread_obj *o)
{
	void *p = xcalloc(1, o->size);

	pthread_mutex_lock(&o->lock);
	if (!o->tried)
		o->keyed = !pthread_key_create(&o->key, o->free_fn);
	o->tried = true;
	pthread_mutex_unlock(&o->lock);
	if (o->keyed)
		pthread_setspecific(o->key, p);
	return p;
}
