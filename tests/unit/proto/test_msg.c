/* test_msg.c - message framing, and a real SEQPACKET socketpair */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

static char *
big_buf(void)
{
	char *b = malloc(MSG_MAX + 64);

	cr_assert_not_null(b);
	memset(b, 0xAA, MSG_MAX + 64);
	return b;
}

static void
round_trip(enum msg_type type, uint32_t gen, const char *payload, size_t len)
{
	char *buf = big_buf();
	struct msg m;
	size_t n = msg_encode(buf, type, gen, payload, len);

	cr_assert_eq(n, MSG_HEADER_SIZE + len);
	memset(&m, 0, sizeof m);
	cr_assert_eq(msg_decode(buf, n, &m), 0);
	cr_expect_eq(m.type, type);
	cr_expect_eq(m.generation, gen);
	cr_expect_eq(m.len, len);
	cr_expect_eq(m.payload, buf + MSG_HEADER_SIZE);
	if (len)
		cr_expect_eq(memcmp(m.payload, payload, len), 0);
	free(buf);
}

Test(msg, round_trip_each_type, .timeout = 10)
{
	const char log[] = "error: x.md:3: bad\n\0binary\xff";

	round_trip(MSG_BUILD_START, 0, NULL, 0);
	round_trip(MSG_BUILD_START, 7, "", 0);
	round_trip(MSG_BUILD_OK, 1, "index.html\nsub/page.html", 24);
	round_trip(MSG_BUILD_OK, UINT32_MAX, "a", 1);
	round_trip(MSG_BUILD_FAILED, 12345, log, sizeof log);
	round_trip(MSG_SERVED, 42, NULL, 0);
	round_trip(MSG_PING, 43, NULL, 0);
	round_trip(MSG_NAVIGATE, 44, "a.html\nb/index.html", 19);
	round_trip(MSG_LINKS, 44, "a.html\n[]", 9);
}

Test(msg, payload_capped, .timeout = 10)
{
	size_t big = MSG_PAYLOAD_MAX + 1000;
	char *payload = malloc(big), *buf = big_buf();
	struct msg m;
	size_t n;

	for (size_t i = 0; i < big; i++)
		payload[i] = (char)('a' + i % 26);
	n = msg_encode(buf, MSG_BUILD_FAILED, 3, payload, big);
	cr_assert_eq(n, MSG_MAX);
	/* Nothing written past MSG_MAX. */
	for (size_t i = MSG_MAX; i < MSG_MAX + 64; i++)
		cr_assert_eq((unsigned char)buf[i], 0xAA, "byte %zu", i);
	cr_assert_eq(msg_decode(buf, n, &m), 0);
	cr_expect_eq(m.len, MSG_PAYLOAD_MAX);
	cr_expect_eq(memcmp(m.payload, payload, MSG_PAYLOAD_MAX), 0);

	/* Exactly the maximum is kept whole. */
	n = msg_encode(buf, MSG_BUILD_OK, 4, payload, MSG_PAYLOAD_MAX);
	cr_expect_eq(n, MSG_MAX);
	free(payload);
	free(buf);
}

Test(msg, malformed_rejected, .timeout = 10)
{
	char *buf = big_buf();
	struct msg m;
	uint32_t t;
	size_t n = msg_encode(buf, MSG_BUILD_OK, 1, "x", 1);

	for (size_t k = 0; k < MSG_HEADER_SIZE; k++)
		cr_expect_eq(msg_decode(buf, k, &m), -1, "short %zu", k);
	cr_expect_eq(msg_decode(buf, MSG_HEADER_SIZE, &m), 0);
	cr_expect_eq(m.len, 0);
	cr_expect_eq(msg_decode(buf, n, &m), 0);
	cr_expect_eq(msg_decode(buf, MSG_MAX + 1, &m), -1, "too long");

	static const uint32_t bad[] = { 0, 8, 99, UINT32_MAX };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		t = bad[i];
		memcpy(buf, &t, 4);
		cr_expect_eq(msg_decode(buf, n, &m), -1, "type %u", t);
	}
	free(buf);
}

/* A pair of connected ends from msg_pair(). */
static int fds[2] = { -1, -1 };

static void
setup(void)
{
	cr_assert_eq(msg_pair(fds), 0, "msg_pair: %s", strerror(errno));
}

static void
teardown(void)
{
	for (int i = 0; i < 2; i++)
		if (fds[i] >= 0)
			close(fds[i]);
}

TestSuite(msg_socket, .init = setup, .fini = teardown, .timeout = 10);

Test(msg_socket, close_on_exec)
{
	cr_expect(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	cr_expect(fcntl(fds[1], F_GETFD) & FD_CLOEXEC);
}

Test(msg_socket, send_then_recv_keeps_boundaries)
{
	char *buf = big_buf();
	struct msg m;
	ssize_t n;

	cr_assert_eq(msg_send(fds[0], MSG_BUILD_START, 5, NULL, 0), 0);
	cr_assert_eq(msg_send(fds[0], MSG_BUILD_OK, 6, "a.html\nb.html", 13),
	    0);
	cr_assert_eq(msg_send(fds[0], MSG_BUILD_FAILED, 6, "boom", 4), 0);

	n = msg_recv(fds[1], buf);
	cr_assert_eq(n, MSG_HEADER_SIZE);
	cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
	cr_expect_eq(m.type, MSG_BUILD_START);
	cr_expect_eq(m.generation, 5);

	n = msg_recv(fds[1], buf);
	cr_assert_eq(n, MSG_HEADER_SIZE + 13);
	cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
	cr_expect_eq(m.type, MSG_BUILD_OK);
	cr_expect_eq(m.generation, 6);
	cr_expect_eq(m.len, 13);
	cr_expect_eq(memcmp(m.payload, "a.html\nb.html", 13), 0);

	n = msg_recv(fds[1], buf);
	cr_assert_eq(n, MSG_HEADER_SIZE + 4);
	cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
	cr_expect_eq(m.type, MSG_BUILD_FAILED);
	cr_expect_eq(memcmp(m.payload, "boom", 4), 0);
	free(buf);
}

Test(msg_socket, big_payload_refused_not_cut)
{
	size_t big = MSG_PAYLOAD_MAX * 2;
	char *payload = calloc(1, big), *buf = big_buf();

	memset(payload, 'z', big);
	errno = 0;
	cr_assert_eq(msg_send(fds[0], MSG_BUILD_FAILED, 9, payload, big), -1);
	cr_expect_eq(errno, EMSGSIZE);
	errno = 0;
	cr_expect_eq(msg_recv(fds[1], buf), -1, "something was sent");
	cr_expect(errno == EAGAIN || errno == EWOULDBLOCK);
	free(payload);
	free(buf);
}

/* The server child's acknowledgement goes the other way, on the same pair. */
Test(msg_socket, served_ack_from_the_child_end)
{
	char *buf = big_buf();
	struct msg m;
	ssize_t n;

	cr_assert_eq(msg_send(fds[0], MSG_BUILD_OK, 7, "a.html", 6), 0);
	cr_assert_eq(msg_send(fds[1], MSG_SERVED, 7, NULL, 0), 0);
	n = msg_recv(fds[0], buf);
	cr_assert_eq(n, MSG_HEADER_SIZE);
	cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
	cr_expect_eq(m.type, MSG_SERVED);
	cr_expect_eq(m.generation, 7);
	cr_expect_eq(m.len, 0);
	n = msg_recv(fds[1], buf);
	cr_assert_eq(n, MSG_HEADER_SIZE + 6);
	cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
	cr_expect_eq(m.type, MSG_BUILD_OK);
	free(buf);
}

Test(msg_socket, eagain_when_empty)
{
	char *buf = big_buf();

	errno = 0;
	cr_expect_eq(msg_recv(fds[1], buf), -1);
	cr_expect(errno == EAGAIN || errno == EWOULDBLOCK, "errno %s",
	    strerror(errno));
	free(buf);
}

Test(msg_socket, eof_after_close)
{
	char *buf = big_buf();

	cr_assert_eq(msg_send(fds[0], MSG_BUILD_START, 1, NULL, 0), 0);
	close(fds[0]);
	fds[0] = -1;
	/* What was sent is still delivered, then end-of-file. */
	cr_expect_eq(msg_recv(fds[1], buf), MSG_HEADER_SIZE);
	cr_expect_eq(msg_recv(fds[1], buf), 0);
	cr_expect_eq(msg_recv(fds[1], buf), 0);
	free(buf);
}

Test(msg_socket, epipe_not_sigpipe_when_peer_gone)
{
	close(fds[1]);
	fds[1] = -1;
	errno = 0;
	/* SIGPIPE would kill this test process. */
	cr_expect_eq(msg_send(fds[0], MSG_BUILD_START, 1, NULL, 0), -1);
	cr_expect_eq(errno, EPIPE, "errno %s", strerror(errno));
}

Test(msg_socket, send_eagain_when_peer_not_reading)
{
	char payload[4096];
	int r = 0, i;

	memset(payload, 'p', sizeof payload);
	errno = 0;
	for (i = 0; i < 100000 && r == 0; i++)
		r = msg_send(fds[0], MSG_BUILD_OK, (uint32_t)i, payload,
		    sizeof payload);
	cr_expect_eq(r, -1, "never blocked after %d messages", i);
	cr_expect(errno == EAGAIN || errno == EWOULDBLOCK, "errno %s",
	    strerror(errno));
}

/* Read every message waiting on fd, checking generations run on from *next. */
static int
drain_in_order(int fd, uint32_t *next)
{
	char *buf = big_buf();
	struct msg m;
	ssize_t n;
	int got = 0;

	while ((n = msg_recv(fd, buf)) > 0) {
		cr_assert_eq(msg_decode(buf, (size_t)n, &m), 0);
		cr_assert_eq(m.generation, *next, "message %u arrived as %u",
		    *next, m.generation);
		(*next)++;
		got++;
	}
	free(buf);
	return got;
}

Test(msg_socket, queue_keeps_what_the_socket_refuses)
{
	struct msg_queue q = MSG_QUEUE_INIT;
	char payload[4096];
	uint32_t next = 0;
	int pushed = 0, received = 0, r = 0;

	memset(payload, 'p', sizeof payload);
	/* Fill the socket: the child is not reading. */
	while (r == 0 && pushed < 100000) {
		msg_queue_push(&q, MSG_BUILD_OK, (uint32_t)pushed++, payload,
		    sizeof payload);
		r = msg_queue_flush(&q, fds[0]);
	}
	cr_assert_eq(r, 1, "the socket never filled");
	cr_assert_eq(msg_queue_len(&q), 1);
	/* More while it is full: queued, none lost, order kept. */
	for (int i = 0; i < 10; i++)
		msg_queue_push(&q, MSG_BUILD_FAILED, (uint32_t)pushed++, "x", 1);
	cr_assert_eq(msg_queue_flush(&q, fds[0]), 1);
	cr_assert_eq(msg_queue_len(&q), 11);
	for (int round = 0; round < 1000 && msg_queue_len(&q); round++) {
		received += drain_in_order(fds[1], &next);
		cr_assert_geq(msg_queue_flush(&q, fds[0]), 0);
	}
	received += drain_in_order(fds[1], &next);
	cr_expect_eq(msg_queue_len(&q), 0);
	cr_expect_eq(received, pushed, "%d of %d messages arrived", received,
	    pushed);
	msg_queue_clear(&q);
}

/*
 * Issue: a changed-output list over MSG_PAYLOAD_MAX was cut mid-name and
 * sent. A push that does not fit is refused; nothing is queued or sent.
 */
Test(msg_socket, queue_refuses_what_does_not_fit)
{
	struct msg_queue q = MSG_QUEUE_INIT;
	size_t big = MSG_PAYLOAD_MAX + 1;
	char *payload = malloc(big), *buf = big_buf();

	cr_assert_not_null(payload);
	memset(payload, 'n', big);
	errno = 0;
	cr_expect_eq(msg_queue_push(&q, MSG_BUILD_OK, 1, payload, big), -1);
	cr_expect_eq(errno, EMSGSIZE);
	cr_expect_eq(msg_queue_len(&q), 0, "an oversize message was queued");
	cr_expect_eq(msg_queue_flush(&q, fds[0]), 0);
	errno = 0;
	cr_expect_eq(msg_recv(fds[1], buf), -1, "something was sent");
	cr_expect(errno == EAGAIN || errno == EWOULDBLOCK);
	/* exactly the maximum fits, whole */
	cr_expect_eq(msg_queue_push(&q, MSG_BUILD_OK, 2, payload,
	    MSG_PAYLOAD_MAX), 0);
	cr_expect_eq(msg_queue_len(&q), 1);
	cr_expect_eq(msg_queue_flush(&q, fds[0]), 0);
	cr_expect_eq(msg_recv(fds[1], buf), MSG_MAX);
	msg_queue_clear(&q);
	free(payload);
	free(buf);
}

Test(msg_socket, queue_reports_a_gone_peer_and_keeps_the_message)
{
	struct msg_queue q = MSG_QUEUE_INIT;

	close(fds[1]);
	fds[1] = -1;
	msg_queue_push(&q, MSG_BUILD_START, 1, NULL, 0);
	errno = 0;
	cr_expect_eq(msg_queue_flush(&q, fds[0]), -1);
	cr_expect_eq(errno, EPIPE);
	cr_expect_eq(msg_queue_len(&q), 1);
	msg_queue_clear(&q);
	cr_expect_eq(msg_queue_len(&q), 0);
}
