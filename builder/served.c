/* served.c - the server child's acknowledgements of new generations */
#include "served.h"

#include <errno.h>
#include <stdlib.h>

#include "log.h"
#include "msg.h"
#include "xalloc.h"
#include "banned.h"

void
served_reset(struct served *s, unsigned generation)
{
	*s = (struct served){ generation, false, -1 };
}

void
served_read(struct served *s, int fd, unsigned published)
{
	char *buf = xmalloc(MSG_MAX);
	ssize_t n;

	while ((n = msg_recv(fd, buf)) > 0) {
		struct msg m;

		if (msg_decode(buf, (size_t)n, &m) == 0 &&
		    m.type == MSG_SERVED && m.generation > s->generation &&
		    m.generation <= published)
			s->generation = m.generation;
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
