/* debounce.c - quiet period with a cap */
#include "debounce.h"
#include "banned.h"

void
debounce_init(struct debounce *d, int quiet_ms, int cap_ms)
{
	d->quiet_ms = quiet_ms;
	d->cap_ms = cap_ms < quiet_ms ? quiet_ms : cap_ms;
	d->pending = false;
	d->first = d->last = 0;
}

void
debounce_event(struct debounce *d, int64_t now)
{
	if (!d->pending) {
		d->pending = true;
		d->first = now;
	}
	d->last = now;
}

int64_t
debounce_due(const struct debounce *d)
{
	int64_t quiet, cap;

	if (!d->pending)
		return -1;
	quiet = d->last + d->quiet_ms;
	cap = d->first + d->cap_ms;
	return quiet < cap ? quiet : cap;
}

bool
debounce_ready(const struct debounce *d, int64_t now)
{
	return d->pending && now >= debounce_due(d);
}

void
debounce_clear(struct debounce *d)
{
	d->pending = false;
}
