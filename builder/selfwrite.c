/* selfwrite.c - telling a build's own writes from the user's edits */
#include "selfwrite.h"

#include <stdlib.h>
#include "banned.h"

void
selfwrite_seen(struct selfwrite *sw, const struct strlist *changed,
    size_t from, bool building)
{
	for (size_t i = from; i < changed->len; i++) {
		sw->idle_change |= !building;
		if (!building)
			strlist_add_unique(&sw->user, changed->items[i]);
		if (!building || strlist_has(&sw->user, changed->items[i]))
			sw->edited = true;
	}
}

static bool
in_list(const char *s, void *list)
{
	return strlist_has(list, s);
}

void
selfwrite_drop(struct selfwrite *sw, struct strlist *changed)
{
	if (sw->self.len)
		strlist_remove_if(changed, in_list, &sw->self);
}

/* Is s a suspect (not the user's) that did not change in the last build? */
static bool
new_suspect(struct selfwrite *sw, const char *s)
{
	return !strlist_has(&sw->user, s) && !strlist_has(&sw->prev_during, s);
}

static bool
suspect(const char *s, void *arg)
{
	return !strlist_has(&((struct selfwrite *)arg)->user, s);
}

bool
selfwrite_build_ended(struct selfwrite *sw, struct strlist *during,
    struct strlist *taken)
{
	size_t suspects = 0;
	bool all_seen = true;

	for (size_t i = 0; i < during->len; i++) {
		suspects += suspect(during->items[i], sw);
		all_seen = all_seen && !new_suspect(sw, during->items[i]);
	}
	strlist_clear(&sw->prev_during);
	for (size_t i = 0; i < during->len; i++)
		strlist_add(&sw->prev_during, during->items[i]);
	if (!suspects || !all_seen)
		return false;
	for (size_t i = 0; i < during->len; i++) {
		if (!suspect(during->items[i], sw))
			continue;
		strlist_add_unique(&sw->self, during->items[i]);
		strlist_add(taken, during->items[i]);
	}
	selfwrite_drop(sw, during);
	return true;
}

bool
selfwrite_runaway(struct selfwrite *sw, bool first,
    const struct strlist *changed)
{
	bool cut;

	sw->busy = sw->idle_change ? 0 : sw->busy + 1;
	sw->idle_change = false;
	if (sw->busy > SELFWRITE_BUSY)
		strlist_clear(&sw->user);
	for (size_t i = 0; i < changed->len && !sw->edited; i++)
		sw->edited = strlist_has(&sw->user, changed->items[i]);
	if (sw->edited || first) {
		sw->streak = 0;
		sw->edited = false;
		return false;
	}
	cut = ++sw->streak > SELFWRITE_STREAK;
	if (cut)
		sw->streak = 0;
	return cut;
}

void
selfwrite_release(struct selfwrite *sw)
{
	strlist_clear(&sw->prev_during);
	strlist_clear(&sw->self);
	strlist_clear(&sw->user);
}
