/* pool.c - worker threads for queued jobs */
#include "pool.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bug.h"
#include "xalloc.h"
#include "banned.h"

struct pool_job {
	pool_fn *fn;
	void *arg;
};

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t work;	/* a job was queued, or stop */
	pthread_cond_t idle;	/* a job ended */
	struct pool_job *jobs;	/* the queue: jobs[head..tail) */
	size_t head, tail, cap;
	size_t running;
	bool waiting;		/* the owner is in pool_wait() ... */
	size_t wait_max;	/* ... until at most this many are pending */
	atomic_bool aborted;
	bool stop;		/* pool_free(): workers leave */
	pthread_t *threads;
	unsigned n;
};

/* Take jobs until stopped; the lock is held except while a job runs. */
static void *
worker(void *arg)
{
	struct pool *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct pool_job j;

		while (!p->stop && (p->head == p->tail ||
		    atomic_load(&p->aborted)))
			pthread_cond_wait(&p->work, &p->lock);
		if (p->stop)
			break;
		BUG_ON(p->head >= p->tail);
		j = p->jobs[p->head++];
		p->running++;
		pthread_mutex_unlock(&p->lock);
		j.fn(j.arg);
		pthread_mutex_lock(&p->lock);
		BUG_ON(p->running == 0);
		p->running--;
		/* Wake the owner when what it waits for is there, not at
		   each job's end: one wake-up per many pages. */
		if (p->waiting && p->tail - p->head + p->running <=
		    p->wait_max)
			pthread_cond_signal(&p->idle);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Stop and join the first n workers. */
static void
stop_workers(struct pool *p, unsigned n)
{
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->lock);
	for (unsigned i = 0; i < n; i++)
		pthread_join(p->threads[i], NULL);
}

struct pool *
pool_new(unsigned n)
{
	struct pool *p;
	pthread_condattr_t ca;
	sigset_t all, old;
	unsigned i;
	int err = 0;

	if (n < 1 || n > POOL_MAX_WORKERS) {
		errno = EINVAL;
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);	/* no jumps */
	pthread_cond_init(&p->idle, &ca);
	pthread_condattr_destroy(&ca);
	atomic_init(&p->aborted, false);
	p->threads = xcalloc(n, sizeof *p->threads);
	p->n = n;
	/* A thread inherits its creator's mask: with every signal blocked,
	   the stop signals and SIGCHLD can only reach the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	for (i = 0; i < n && !err; i++)
		if ((err = pthread_create(&p->threads[i], NULL, worker, p)))
			break;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		stop_workers(p, i);
		p->n = 0;
		pool_free(p);
		errno = err;
		return NULL;
	}
	return p;
}

void
pool_add(struct pool *p, pool_fn *fn, void *arg)
{
	pthread_mutex_lock(&p->lock);
	if (!atomic_load(&p->aborted)) {
		if (p->head > 0 && p->head == p->tail)
			p->head = p->tail = 0;	/* empty: start over */
		if (p->tail == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 64;
			p->jobs = xrealloc(p->jobs, p->cap * sizeof *p->jobs);
		}
		p->jobs[p->tail++] = (struct pool_job){ fn, arg };
		pthread_cond_signal(&p->work);
	}
	pthread_mutex_unlock(&p->lock);
}

/* now + ms on the idle condition's clock (CLOCK_MONOTONIC). */
static struct timespec
deadline(int ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	return ts;
}

int
pool_wait(struct pool *p, size_t max, int timeout_ms)
{
	struct timespec end = deadline(timeout_ms > 0 ? timeout_ms : 0);
	int ret = 0;

	pthread_mutex_lock(&p->lock);
	p->waiting = true;
	p->wait_max = max;
	while (p->tail - p->head + p->running > max) {
		if (timeout_ms < 0) {
			pthread_cond_wait(&p->idle, &p->lock);
		} else if (pthread_cond_timedwait(&p->idle, &p->lock,
		    &end) == ETIMEDOUT) {
			ret = p->tail - p->head + p->running > max ? -1 : 0;
			break;
		}
	}
	p->waiting = false;
	pthread_mutex_unlock(&p->lock);
	if (ret < 0)
		errno = ETIMEDOUT;
	return ret;
}

void
pool_abort(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	atomic_store(&p->aborted, true);
	p->head = p->tail = 0;	/* dropped: never run */
	pthread_cond_broadcast(&p->idle);
	pthread_mutex_unlock(&p->lock);
}

bool
pool_aborted(const struct pool *p)
{
	return atomic_load(&((struct pool *)p)->aborted);
}

void
pool_free(struct pool *p)
{
	if (!p)
		return;
	pool_abort(p);
	stop_workers(p, p->n);
	pthread_cond_destroy(&p->idle);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
	free(p->jobs);
	free(p);
}

unsigned
pool_default_workers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > POOL_MAX_WORKERS ? POOL_MAX_WORKERS : (unsigned)n;
}
