/* test_served.c - the server child's acknowledgements and pings */
#include <criterion/criterion.h>
#include <unistd.h>

#include "msg.h"
#include "served.h"

static int fds[2] = { -1, -1 };

static void
setup(void)
{
	cr_assert_eq(msg_pair(fds), 0);
}

static void
teardown(void)
{
	close(fds[0]);
	close(fds[1]);
}

TestSuite(served, .init = setup, .fini = teardown, .timeout = 10);

/* The server's side: send back ping n, then the parent reads it. */
static void
answer(struct served *s, uint32_t n)
{
	cr_assert_eq(msg_send(fds[1], MSG_PING, n, NULL, 0), 0);
	served_read(s, fds[0], 0);
}

Test(served, a_server_that_answers_is_never_taken_as_stopped)
{
	struct served s = SERVED_INIT;
	int64_t now = 1000;

	served_reset(&s, 0, now);
	cr_assert_eq(served_tick(&s, now), SERVED_IDLE, "not due yet");
	for (int i = 0; i < 20; i++) {
		now = served_tick_due(&s);
		cr_assert_eq(served_tick(&s, now), SERVED_PING);
		answer(&s, s.ping_sent);
	}
	cr_assert_eq(s.misses, 0);
}

Test(served, three_unanswered_ticks_stop_it_once)
{
	struct served s = SERVED_INIT;
	int64_t now = 0;

	served_reset(&s, 0, now);
	now = served_tick_due(&s);
	cr_assert_eq(served_tick(&s, now), SERVED_PING);
	answer(&s, s.ping_sent - 1);	/* an older number does not count */
	for (int miss = 1; miss < SERVED_MISSES; miss++) {
		now = served_tick_due(&s);
		cr_assert_eq(served_tick(&s, now), SERVED_IDLE, "miss %d",
		    miss);
	}
	now = served_tick_due(&s);
	cr_assert_eq(served_tick(&s, now), SERVED_STOPPED);
	cr_assert_eq(served_tick_due(&s), -1, "ticks go on after the kill");
	cr_assert_eq(served_tick(&s, now + 100000), SERVED_IDLE);
	served_reset(&s, 3, now);	/* the new server */
	cr_assert_eq(served_tick(&s, served_tick_due(&s)), SERVED_PING);
}

/* A parent that was stopped itself (Ctrl-Z stops the whole group) sees
 * one late tick, not many: the server answers by the next. */
Test(served, a_late_tick_counts_once)
{
	struct served s = SERVED_INIT;
	int64_t now = 0;

	served_reset(&s, 0, now);
	cr_assert_eq(served_tick(&s, served_tick_due(&s)), SERVED_PING);
	now = 600000;	/* ten minutes stopped */
	cr_assert_eq(served_tick(&s, now), SERVED_IDLE);
	cr_assert_eq(s.misses, 1);
	answer(&s, s.ping_sent);
	cr_assert_eq(served_tick(&s, served_tick_due(&s)), SERVED_PING);
	cr_assert_eq(s.misses, 0);
}
