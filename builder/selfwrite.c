/* selfwrite.c - telling a build's own writes from the user's edits */
#include "selfwrite.h"

#include <stdlib.h>

void
selfwrite_seen(struct selfwrite *sw, bool building)
{
	if (!building)
		sw->edited_while_idle = true;
}

void
selfwrite_drop(struct selfwrite *sw, struct strlist *changed)
{
	size_t keep = 0;

	for (size_t i = 0; i < changed->len; i++) {
		if (strlist_has(&sw->self, changed->items[i]))
			free(changed->items[i]);
		else
			changed->items[keep++] = changed->items[i];
	}
	changed->len = keep;
}

bool
selfwrite_build_ended(struct selfwrite *sw, struct strlist *during,
    struct strlist *taken)
{
	bool all_seen = during->len > 0;

	for (size_t i = 0; i < during->len && all_seen; i++)
		all_seen = strlist_has(&sw->prev_during, during->items[i]);
	strlist_clear(&sw->prev_during);
	for (size_t i = 0; i < during->len; i++)
		strlist_add(&sw->prev_during, during->items[i]);
	if (!all_seen)
		return false;
	for (size_t i = 0; i < during->len; i++) {
		strlist_add_unique(&sw->self, during->items[i]);
		strlist_add(taken, during->items[i]);
	}
	selfwrite_drop(sw, during);
	return true;
}

bool
selfwrite_runaway(struct selfwrite *sw, bool first)
{
	bool cut;

	if (sw->edited_while_idle || first) {
		sw->streak = 0;
		sw->edited_while_idle = false;
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
}
