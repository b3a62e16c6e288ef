/* msg.c - framing of the messages between the parent and the server child */
#include "msg.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "xalloc.h"
#include "banned.h"

int
msg_pair(int fds[2])
{
	return socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds);
}

size_t
msg_encode(char *buf, enum msg_type type, uint32_t generation,
    const char *payload, size_t len)
{
	uint32_t t = (uint32_t)type;

	if (len > MSG_PAYLOAD_MAX)
		len = MSG_PAYLOAD_MAX;
	memcpy(buf, &t, 4);
	memcpy(buf + 4, &generation, 4);
	if (len)
		memcpy(buf + MSG_HEADER_SIZE, payload, len);
	return MSG_HEADER_SIZE + len;
}

int
msg_decode(const char *buf, size_t n, struct msg *m)
{
	uint32_t t;

	if (n < MSG_HEADER_SIZE || n > MSG_MAX)
		return -1;
	memcpy(&t, buf, 4);
	if (t < MSG_BUILD_START || t > MSG_LINKS)
		return -1;
	m->type = (enum msg_type)t;
	memcpy(&m->generation, buf + 4, 4);
	m->payload = buf + MSG_HEADER_SIZE;
	m->len = n - MSG_HEADER_SIZE;
	return 0;
}

int
msg_send(int fd, enum msg_type type, uint32_t generation,
    const char *payload, size_t len)
{
	char *buf;
	size_t n;
	ssize_t r;

	if (len > MSG_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	buf = xmalloc(MSG_MAX);
	n = msg_encode(buf, type, generation, payload, len);

	do
		r = send(fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	free(buf);
	return r < 0 ? -1 : 0;
}

ssize_t
msg_recv(int fd, char *buf)
{
	ssize_t r;

	do
		r = recv(fd, buf, MSG_MAX, MSG_DONTWAIT);
	while (r < 0 && errno == EINTR);
	return r;
}

struct msg_queued {
	struct msg_queued *next;
	enum msg_type type;
	uint32_t generation;
	size_t len;
	char payload[];
};

int
msg_queue_push(struct msg_queue *q, enum msg_type type, uint32_t generation,
    const char *payload, size_t len)
{
	struct msg_queued *m;

	if (len > MSG_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	m = xmalloc(sizeof *m + len);
	m->next = NULL;
	m->type = type;
	m->generation = generation;
	m->len = len;
	if (len)
		memcpy(m->payload, payload, len);
	if (q->tail)
		q->tail->next = m;
	else
		q->head = m;
	q->tail = m;
	q->len++;
	return 0;
}

int
msg_queue_flush(struct msg_queue *q, int fd)
{
	while (q->head) {
		struct msg_queued *m = q->head;

		if (msg_send(fd, m->type, m->generation, m->payload,
		    m->len) < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 1 : -1;
		q->head = m->next;
		if (!q->head)
			q->tail = NULL;
		q->len--;
		free(m);
	}
	return 0;
}

size_t
msg_queue_len(const struct msg_queue *q)
{
	return q->len;
}

void
msg_queue_clear(struct msg_queue *q)
{
	while (q->head) {
		struct msg_queued *m = q->head;

		q->head = m->next;
		free(m);
	}
	q->tail = NULL;
	q->len = 0;
}
