/*
 * msg.h - the channel between the parent and the server child.
 *
 * The parent and the server child share one AF_UNIX SOCK_SEQPACKET socketpair
 * (msg_pair). SEQPACKET keeps message boundaries, so a message is one send():
 * an 8-byte header (type, generation, both host order: the peers are the same
 * binary) followed by a payload of at most MSG_PAYLOAD_MAX bytes. The child
 * reading end-of-file knows the parent is gone and stops.
 *
 * Parent -> child:
 *   MSG_BUILD_START   a build began (payload empty)
 *   MSG_BUILD_OK      it succeeded; generation is the new published generation;
 *                     payload: the changed output paths, '\n'-separated, or
 *                     "*" (everything changed: too many paths, or a list
 *                     longer than MSG_PAYLOAD_MAX, which is never cut)
 *   MSG_BUILD_FAILED  it failed; generation is the one still served; payload:
 *                     the build's log, capped
 *   MSG_NAVIGATE      (--navigate, builder/follow.h) sent before the
 *                     MSG_BUILD_OK of a build that may take the tabs to
 *                     the page edited; payload: the output paths that
 *                     page may have, '\n'-separated: the first that the
 *                     build changed is it. Kept until the next
 *                     MSG_BUILD_OK or MSG_BUILD_FAILED
 *   MSG_LINKS         the broken internal links of one page, after the
 *                     MSG_BUILD_OK of the build that found them (or fixed
 *                     them); generation is that build's; payload: the page's
 *                     output path, '\n', then a JSON array of
 *                     {"href","line","col","reason"} ("[]": none left).
 *                     The parent sends one only when the page's list changed
 *                     and keeps each list short enough for one message
 *
 * Child -> parent:
 *   MSG_SERVED        the child has switched to generation (on MSG_BUILD_OK,
 *                     after route_new_root() and route_wait_old_root()): a
 *                     request from now on opens the new output folder, and
 *                     none is being answered from the one before. Payload
 *                     empty.
 *
 * Both ways:
 *   MSG_PING          the parent asks every SERVED_PING_MS (builder/served.h)
 *                     whether the child still reads its messages; the child
 *                     sends the same message back at once (same generation
 *                     field: a sequence number). A child that stops answering
 *                     (SIGSTOP, a frozen cgroup) is killed and started anew.
 *
 * The acknowledgement guards the previous generation (output/publish.h keeps
 * it as .NAME.tend-old until the next build removes it): the server may
 * still resolve requests against it until it has taken the newer one, so
 * the parent starts no build that would remove it before MSG_SERVED for the
 * last published generation has come (builder/served.h; a server silent
 * for SERVED_WAIT_MS is not waited for longer). The child waits at most
 * 200 ms for a request answered from the old folder to end before it
 * acknowledges; files a request has opened stay readable after removal.
 *
 * The parent never blocks on the child and never drops a message: it queues
 * them (struct msg_queue) and sends what the socket takes, the rest when the
 * socket is writable again (poll POLLOUT while msg_queue_len() > 0). The
 * child sends its few acknowledgements with msg_send().
 */
#ifndef TEND_MSG_H
#define TEND_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum msg_type {
	MSG_BUILD_START = 1,
	MSG_BUILD_OK = 2,
	MSG_BUILD_FAILED = 3,
	MSG_SERVED = 4,
	MSG_PING = 5,
	MSG_NAVIGATE = 6,
	MSG_LINKS = 7,
};

#define MSG_HEADER_SIZE 8
#define MSG_PAYLOAD_MAX (64 * 1024)
#define MSG_MAX (MSG_HEADER_SIZE + MSG_PAYLOAD_MAX)

struct msg {
	enum msg_type type;
	uint32_t generation;
	const char *payload;	/* points into the buffer given to msg_decode */
	size_t len;
};

/* Make the socketpair, both ends close-on-exec. 0, or -1 with errno. */
int msg_pair(int fds[2]);

/*
 * Encode into buf (at least MSG_MAX bytes); a longer payload is cut to
 * MSG_PAYLOAD_MAX. Returns the encoded size.
 */
size_t msg_encode(char *buf, enum msg_type type, uint32_t generation,
    const char *payload, size_t len);

/* Decode n bytes of buf. 0, or -1 if it is not a well-formed message. */
int msg_decode(const char *buf, size_t n, struct msg *m);

/*
 * Send without blocking. 0; -1 with errno (EAGAIN when the child is not reading,
 * EPIPE when it is gone: SIGPIPE is not raised; EMSGSIZE, nothing sent, when
 * len > MSG_PAYLOAD_MAX).
 */
int msg_send(int fd, enum msg_type type, uint32_t generation,
    const char *payload, size_t len);

/*
 * Messages waiting to be sent, oldest first. Initialise with MSG_QUEUE_INIT;
 * msg_queue_clear() frees them.
 */
struct msg_queue {
	struct msg_queued *head, *tail;	/* owned */
	size_t len;
};

#define MSG_QUEUE_INIT { NULL, NULL, 0 }

/*
 * Append a message (the payload is copied). 0, or -1 with EMSGSIZE when
 * the payload is longer than MSG_PAYLOAD_MAX: nothing is queued, never a
 * cut payload (a cut list of paths would end in a wrong name).
 */
int msg_queue_push(struct msg_queue *q, enum msg_type type,
    uint32_t generation, const char *payload, size_t len);

/*
 * Send queued messages in order until the socket is full. 0 when the queue
 * is empty, 1 when messages wait (EAGAIN: poll fd for POLLOUT), -1 with
 * errno on another error (EPIPE: the child is gone); messages stay queued.
 */
int msg_queue_flush(struct msg_queue *q, int fd);

/* How many messages wait. */
size_t msg_queue_len(const struct msg_queue *q);

/* Drop every queued message. */
void msg_queue_clear(struct msg_queue *q);

/*
 * Receive one message into buf (MSG_MAX bytes). Returns the message size,
 * 0 at end-of-file, -1 with errno (EAGAIN if none is waiting).
 */
ssize_t msg_recv(int fd, char *buf);

#endif
