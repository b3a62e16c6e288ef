/*
 * served.h - which generation the server child has taken (MSG_SERVED,
 * msg.h), and whether the next build may start.
 *
 * A build of a staged or built-in site removes the generation before the
 * last (.NAME.tend-old, output/publish.h). The server may resolve requests
 * against it until it has taken the last one, so a build waits for the
 * server's acknowledgement of the last published generation; a server
 * silent for SERVED_WAIT_MS is not waited for longer (with a warning).
 * The loop reads the acknowledgements when the message socket is readable.
 */
#ifndef TEND_SERVED_H
#define TEND_SERVED_H

#include <stdbool.h>
#include <stdint.h>

#define SERVED_WAIT_MS 2000

struct served {
	unsigned generation;	/* the last one the server took */
	bool eof;		/* the server closed its end */
	int64_t deadline;	/* a build waits until then; -1: none waits */
};

/* A new server child: it starts on generation (it opens the live folder). */
void served_reset(struct served *s, unsigned generation);

/*
 * Read what the server sent on fd; published is the last published
 * generation. Sets s->eof when the server has closed its end.
 */
void served_read(struct served *s, int fd, unsigned published);

/*
 * May a build start at now? True when waiting does not apply (no server,
 * a build in place: pass applies false), when the server has taken
 * published, or when it has been silent for SERVED_WAIT_MS; else false
 * and served_due() says until when.
 */
bool served_ready(struct served *s, bool applies, unsigned published,
    int64_t now);

/* When a waiting build stops waiting (ms), or -1 if none waits. */
int64_t served_due(const struct served *s);

#endif
