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
 *
 * Whether the server still answers at all: every SERVED_PING_MS the loop
 * calls served_tick(), which asks it to send MSG_PING (msg.h), numbered;
 * the server sends it straight back. After SERVED_MISSES ticks in a row
 * whose ping went unanswered, the server is taken as stopped (SIGSTOP, a
 * frozen cgroup: its requests hang), and the loop kills and restarts it.
 * Ticks, not a clock, count: a parent that was itself stopped (Ctrl-Z
 * stops the whole group) or busy in a built-in build sees one tick late,
 * never several, and the server it stopped with answers by the next.
 */
#ifndef TEND_SERVED_H
#define TEND_SERVED_H

#include <stdbool.h>
#include <stdint.h>

#define SERVED_WAIT_MS 2000
#define SERVED_PING_MS 2000
#define SERVED_MISSES 3

struct served {
	unsigned generation;	/* the last one the server took */
	bool eof;		/* the server closed its end */
	int64_t deadline;	/* a build waits until then; -1: none waits */
	uint32_t ping_sent;	/* the last ping's number (0: none yet) */
	uint32_t ping_answered;	/* the last number the server sent back */
	int misses;		/* ticks in a row with the ping unanswered */
	int64_t next_tick;	/* -1: none (no server, or taken as stopped) */
};

#define SERVED_INIT { 0, false, -1, 0, 0, 0, -1 }

/*
 * A new server child, started at now: it starts on generation (it opens
 * the live folder).
 */
void served_reset(struct served *s, unsigned generation, int64_t now);

enum served_tick {
	SERVED_IDLE,	/* nothing to do */
	SERVED_PING,	/* send MSG_PING numbered s->ping_sent */
	SERVED_STOPPED,	/* it has not answered SERVED_MISSES pings: kill it
			   (ticks stop until served_reset) */
};

/* What to do about the server's liveness at now (see above). */
enum served_tick served_tick(struct served *s, int64_t now);

/* When served_tick() is next due (ms), or -1. */
int64_t served_tick_due(const struct served *s);

/*
 * Read what the server sent on fd (acknowledgements and pings); published
 * is the last published generation. Sets s->eof when the server has closed
 * its end.
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
