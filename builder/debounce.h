/*
 * debounce.h - when to start the next build (pure logic, clock injected).
 *
 * A burst of events gives one build: the build starts once no event came for
 * quiet_ms, but never later than cap_ms after the first event of the burst, so
 * a steady stream of writes still builds. Events during a build keep the next
 * build pending: a change during a build queues exactly one follow-up.
 */
#ifndef TEND_DEBOUNCE_H
#define TEND_DEBOUNCE_H

#include <stdbool.h>
#include <stdint.h>

struct debounce {
	int64_t first, last;	/* ms; meaningful while pending */
	int quiet_ms, cap_ms;
	bool pending;
};

void debounce_init(struct debounce *d, int quiet_ms, int cap_ms);
/* Note an event at now (ms). */
void debounce_event(struct debounce *d, int64_t now);
/* When the pending build is due (ms), or -1 if nothing is pending. */
int64_t debounce_due(const struct debounce *d);
/* True if a build is pending and due at now. */
bool debounce_ready(const struct debounce *d, int64_t now);
/* The build started: nothing is pending any more. */
void debounce_clear(struct debounce *d);

#endif
