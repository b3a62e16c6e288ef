/* served.c - the server child's acknowledgements of new generations */
#include "served.h"

#include <errno.h>
#include <stdlib.h>

#include "log.h"
#include "msg.h"
#include "xalloc.h"
#include "banned.h"

void
served_reset(struct served *s, unsigned generation, int64_t now)
{
	*s = (struct served)SERVED_INIT;
	s->generation = generation;
	s->next_tick = now + SERVED_PING_MS;
}

void
served_read(struct served *s, int fd, unsigned published)
{
	char *buf = xmalloc(MSG_MAX);
	ssize_t n;

	while ((n = msg_recv(fd, buf)) > 0) {
		struct msg m;

		if (msg_decode(buf, (size_t)n, &m) < 0)
			continue;
		if (m.type == MSG_SERVED && m.generation > s->generation &&
		    m.generation <= published)
			s->generation = m.generation;
		else if (m.type == MSG_PING && m.generation == s->ping_sent)
			s->ping_answered = m.generation;
	}
	if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
		s->eof = true;	/* it is gone: reaped soon */
	free(buf);
}

bool
served_ready(struct served *s, bool applies, unsigned published,
    int64_t now)
{
	if (!applies || s->eof || s->generation >= published) {
		s->deadline = -1;
		return true;
	}
	if (s->deadline < 0)
		s->deadline = now + SERVED_WAIT_MS;
	if (now < s->deadline)
		return false;
	log_warnx("the server has not taken build %u after %d ms; building "
	    "anyway", published, SERVED_WAIT_MS);
	s->generation = published;
	s->deadline = -1;
	return true;
}

int64_t
served_due(const struct served *s)
{
	return s->deadline;
}

enum served_tick
served_tick(struct served *s, int64_t now)
{
	if (s->next_tick < 0 || s->eof || now < s->next_tick)
		return SERVED_IDLE;
	s->next_tick = now + SERVED_PING_MS;
	if (s->ping_answered != s->ping_sent)
		s->misses++;
	else
		s->misses = 0;
	if (s->misses >= SERVED_MISSES) {
		s->next_tick = -1;	/* once: it is killed and restarted */
		return SERVED_STOPPED;
	}
	if (s->misses)
		return SERVED_IDLE;	/* the last one may still come */
	s->ping_sent++;
	return SERVED_PING;
}

int64_t
served_tick_due(const struct served *s)
{
	return s->eof ? -1 : s->next_tick;
}
