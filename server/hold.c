/* hold.c - suspended requests waiting for a build to end */
#include "hold.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>

#include "xalloc.h"
#include "banned.h"

struct held {
	struct MHD_Connection *c;
	int64_t deadline;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static bool holding, stopping;
static struct held *held;	/* owned array */
static size_t nheld, capheld;

/* Resume all entries, or those due by now; call with mu held. */
static void
resume_where(bool all, int64_t now)
{
	size_t keep = 0;

	for (size_t i = 0; i < nheld; i++) {
		if (all || held[i].deadline <= now)
			MHD_resume_connection(held[i].c);
		else
			held[keep++] = held[i];
	}
	nheld = keep;
}

void
hold_begin(void)
{
	pthread_mutex_lock(&mu);
	holding = !stopping;
	pthread_mutex_unlock(&mu);
}

void
hold_end(void)
{
	pthread_mutex_lock(&mu);
	holding = false;
	resume_where(true, 0);
	pthread_mutex_unlock(&mu);
}

void
hold_stop(void)
{
	pthread_mutex_lock(&mu);
	stopping = true;
	holding = false;
	resume_where(true, 0);
	pthread_mutex_unlock(&mu);
}

bool
hold_request(struct MHD_Connection *c, int64_t deadline_ms)
{
	bool r = false;

	pthread_mutex_lock(&mu);
	if (holding) {
		if (nheld == capheld) {
			capheld = capheld ? 2 * capheld : 16;
			held = xrealloc(held, capheld * sizeof *held);
		}
		MHD_suspend_connection(c);
		held[nheld++] = (struct held){ c, deadline_ms };
		r = true;
	}
	pthread_mutex_unlock(&mu);
	return r;
}

void
hold_expire(int64_t now_ms)
{
	pthread_mutex_lock(&mu);
	resume_where(false, now_ms);
	pthread_mutex_unlock(&mu);
}

int64_t
hold_next_deadline(void)
{
	int64_t d = -1;

	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < nheld; i++)
		if (d < 0 || held[i].deadline < d)
			d = held[i].deadline;
	pthread_mutex_unlock(&mu);
	return d;
}
