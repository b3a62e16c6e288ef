/* test_pool.c - the worker pool: every job once, abort between jobs, no
 * signal reaches a worker */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"

#define N_JOBS 2000

static atomic_int runs[N_JOBS];

static void
count_run(void *arg)
{
	atomic_fetch_add(&runs[(intptr_t)arg], 1);
}

Test(pool, every_job_runs_exactly_once)
{
	for (unsigned workers = 1; workers <= 8; workers *= 2) {
		struct pool *p = pool_new(workers);

		cr_assert(p);
		for (int i = 0; i < N_JOBS; i++)
			atomic_store(&runs[i], 0);
		for (int i = 0; i < N_JOBS; i++)
			pool_add(p, count_run, (void *)(intptr_t)i);
		cr_assert_eq(pool_wait(p, 0, -1), 0);
		for (int i = 0; i < N_JOBS; i++)
			cr_assert_eq(atomic_load(&runs[i]), 1,
			    "job %d ran %d times with %u workers", i,
			    atomic_load(&runs[i]), workers);
		pool_free(p);
	}
}

/* Jobs that hold their worker until the gate opens. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static bool gate_open;
static atomic_int started, ended, started_after_abort;
static atomic_bool aborted;

static void
gated(void *arg)
{
	if (atomic_load(&aborted))
		atomic_fetch_add(&started_after_abort, 1);
	atomic_fetch_add(&started, 1);
	pthread_mutex_lock(&gate_lock);
	while (!gate_open)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	atomic_fetch_add(&ended, 1);
}

static void
reset_gate(void)
{
	gate_open = false;
	atomic_store(&started, 0);
	atomic_store(&ended, 0);
	atomic_store(&started_after_abort, 0);
	atomic_store(&aborted, false);
}

static void
open_gate(void)
{
	pthread_mutex_lock(&gate_lock);
	gate_open = true;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_lock);
}

/* Wait (up to 5 s) until n jobs have started. */
static bool
wait_started(int n)
{
	for (int i = 0; i < 5000; i++) {
		if (atomic_load(&started) >= n)
			return true;
		usleep(1000);
	}
	return false;
}

Test(pool, abort_stops_between_jobs)
{
	struct pool *p = pool_new(2);

	reset_gate();
	cr_assert(p);
	for (int i = 0; i < 100; i++)
		pool_add(p, gated, NULL);
	cr_assert(wait_started(2), "the two workers did not start");
	/* Both workers hold a job: the other 98 are queued. */
	cr_assert_eq(pool_wait(p, 0, 50), -1);
	cr_assert_eq(errno, ETIMEDOUT);
	atomic_store(&aborted, true);
	pool_abort(p);
	cr_assert(pool_aborted(p));
	pool_add(p, gated, NULL);	/* dropped */
	open_gate();
	cr_assert_eq(pool_wait(p, 0, 5000), 0);
	cr_assert_eq(atomic_load(&started), 2);
	cr_assert_eq(atomic_load(&ended), 2, "a running job was cut short");
	cr_assert_eq(atomic_load(&started_after_abort), 0);
	usleep(20000);		/* a late start would show here */
	cr_assert_eq(atomic_load(&started), 2);
	pool_free(p);
}

/* pool_wait(p, max, ...) lets the owner bound the queue. */
Test(pool, wait_for_at_most_max_pending)
{
	struct pool *p = pool_new(1);

	reset_gate();
	cr_assert(p);
	for (int i = 0; i < 5; i++)
		pool_add(p, gated, NULL);
	cr_assert(wait_started(1));
	cr_assert_eq(pool_wait(p, 4, 50), -1, "5 pending, not 4 or less");
	cr_assert_eq(pool_wait(p, 5, 0), 0);
	open_gate();
	cr_assert_eq(pool_wait(p, 0, 5000), 0);
	cr_assert_eq(atomic_load(&ended), 5);
	pool_free(p);
}

static struct pool *self_pool;
static atomic_int after_failure;

/* The third job fails and stops the pool itself (as a page job does). */
static void
failing(void *arg)
{
	intptr_t n = (intptr_t)arg;

	if (n == 3)
		pool_abort(self_pool);
	else if (n > 3)
		atomic_fetch_add(&after_failure, 1);
}

Test(pool, a_job_can_stop_the_pool)
{
	self_pool = pool_new(1);	/* one worker: jobs in queue order */
	cr_assert(self_pool);
	atomic_store(&after_failure, 0);
	for (long i = 0; i < 50; i++)
		pool_add(self_pool, failing, (void *)(intptr_t)i);
	cr_assert_eq(pool_wait(self_pool, 0, 5000), 0);
	cr_assert_eq(atomic_load(&after_failure), 0);
	pool_free(self_pool);
}

/* What a worker's signal mask held. */
static atomic_int masked_int, masked_term, masked_chld, masked_hup;

static void
read_mask(void *arg)
{
	sigset_t set;

	cr_assert_eq(pthread_sigmask(SIG_BLOCK, NULL, &set), 0);
	atomic_fetch_add(&masked_int, sigismember(&set, SIGINT) == 1);
	atomic_fetch_add(&masked_term, sigismember(&set, SIGTERM) == 1);
	atomic_fetch_add(&masked_hup, sigismember(&set, SIGHUP) == 1);
	atomic_fetch_add(&masked_chld, sigismember(&set, SIGCHLD) == 1);
}

Test(pool, workers_have_every_signal_blocked)
{
	sigset_t none, now;
	struct pool *p;

	sigemptyset(&none);
	cr_assert_eq(pthread_sigmask(SIG_SETMASK, &none, NULL), 0);
	p = pool_new(4);
	cr_assert(p);
	for (int i = 0; i < 64; i++)
		pool_add(p, read_mask, NULL);
	cr_assert_eq(pool_wait(p, 0, 5000), 0);
	cr_assert_eq(atomic_load(&masked_int), 64);
	cr_assert_eq(atomic_load(&masked_term), 64);
	cr_assert_eq(atomic_load(&masked_hup), 64);
	cr_assert_eq(atomic_load(&masked_chld), 64);
	/* The caller's own mask is as it was. */
	cr_assert_eq(pthread_sigmask(SIG_BLOCK, NULL, &now), 0);
	cr_assert_not(sigismember(&now, SIGINT));
	cr_assert_not(sigismember(&now, SIGCHLD));
	pool_free(p);
}

/* A SIGINT to the process is handled by the main thread, never by a worker,
 * even while the main thread blocks it and every worker is busy: it waits
 * for the main thread. */
static atomic_long handled_by;

static void
on_int(int sig)
{
	atomic_store(&handled_by, (long)pthread_self());
}

Test(pool, sigint_reaches_the_main_thread_only)
{
	struct sigaction sa = { .sa_handler = on_int };
	struct pool *p;
	sigset_t one;

	sigemptyset(&one);
	sigaddset(&one, SIGINT);
	sigaction(SIGINT, &sa, NULL);
	reset_gate();
	p = pool_new(2);
	cr_assert(p);
	for (int i = 0; i < 2; i++)
		pool_add(p, gated, NULL);
	cr_assert(wait_started(2));
	atomic_store(&handled_by, 0);
	pthread_sigmask(SIG_BLOCK, &one, NULL);
	kill(getpid(), SIGINT);
	usleep(50000);
	cr_assert_eq(atomic_load(&handled_by), 0, "a worker took SIGINT");
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);	/* delivered now */
	cr_assert_eq(atomic_load(&handled_by), (long)pthread_self());
	open_gate();
	cr_assert_eq(pool_wait(p, 0, 5000), 0);
	pool_free(p);
	signal(SIGINT, SIG_DFL);
}

Test(pool, worker_count_is_checked)
{
	cr_assert_null(pool_new(0));
	cr_assert_eq(errno, EINVAL);
	cr_assert_null(pool_new(POOL_MAX_WORKERS + 1));
	cr_assert_eq(errno, EINVAL);
	cr_assert_geq(pool_default_workers(), 1);
	cr_assert_leq(pool_default_workers(), POOL_MAX_WORKERS);
}
