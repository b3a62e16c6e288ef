/* rawhead.c - what libmicrohttpd's parse of a request head hides */
#include "rawhead.h"

#include <string.h>

#include "banned.h"

/* A walk over the fields of the raw head, in their order (rawhead.h). */
struct head_walk {
	const char *start;	/* the start of the raw head */
	const char *pos;	/* the end of the last field seen */
	const char *end;	/* the end of the raw head */
	bool bad;		/* bytes found between fields */
	bool moved;		/* a field outside the head: folded */
	bool unknown;		/* not the layout described above */
};

/* Is [p, q) only what is left between fields: NULs and blanks? */
static bool
only_separators(const char *p, const char *q)
{
	for (; p < q; p++)
		if (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

static enum MHD_Result
walk_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct head_walk *w = cls;
	const char *key_end = key + strlen(key);

	if (key < w->start || key >= w->end || (value && (value < w->start ||
	    value > w->end))) {
		w->moved = true;
		return MHD_NO;
	}
	if (key < w->pos || !value || value < key_end || value > w->end) {
		w->unknown = true;
		return MHD_NO;
	}
	if (!only_separators(w->pos, key) || !only_separators(key_end, value))
		w->bad = true;
	w->pos = value + strlen(value);
	if (w->pos > w->end)
		w->unknown = true;
	return w->unknown ? MHD_NO : MHD_YES;
}

bool
rawhead_junk(struct MHD_Connection *c, const char *method,
    const char *version, bool layout_known)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	struct head_walk w;

	if (!ci || !version || version < method)
		return false;
	w = (struct head_walk){ method, version + strlen(version),
		method + ci->header_size, false, false, false };
	if (w.pos > w.end)
		return false;
	MHD_get_connection_values(c, MHD_HEADER_KIND, walk_field, &w);
	if (w.moved)
		return layout_known;
	if (w.unknown)
		return false;
	return w.bad || !only_separators(w.pos, w.end);
}
