/* test_debounce.c - quiet period and cap, with an injected clock */
#include <criterion/criterion.h>
#include <stdint.h>

#include "debounce.h"

#define QUIET 100
#define CAP 1000

Test(debounce, nothing_pending_at_start, .timeout = 10)
{
	struct debounce d;

	debounce_init(&d, QUIET, CAP);
	cr_expect_not(d.pending);
	cr_expect_eq(debounce_due(&d), -1);
	cr_expect_not(debounce_ready(&d, 0));
	cr_expect_not(debounce_ready(&d, INT64_MAX / 2));
}

Test(debounce, single_event_due_after_quiet, .timeout = 10)
{
	struct debounce d;

	debounce_init(&d, QUIET, CAP);
	debounce_event(&d, 5000);
	cr_expect_eq(debounce_due(&d), 5000 + QUIET);
	cr_expect_not(debounce_ready(&d, 5000));
	cr_expect_not(debounce_ready(&d, 5000 + QUIET - 1));
	cr_expect(debounce_ready(&d, 5000 + QUIET));
	cr_expect(debounce_ready(&d, 5000 + 10 * QUIET));
}

Test(debounce, burst_pushes_deadline, .timeout = 10)
{
	struct debounce d;
	int64_t t = 1000;

	debounce_init(&d, QUIET, CAP);
	debounce_event(&d, t);
	for (int i = 0; i < 5; i++) {
		t += QUIET / 2;		/* always inside the quiet time */
		cr_expect_not(debounce_ready(&d, t));
		debounce_event(&d, t);
		cr_expect_eq(debounce_due(&d), t + QUIET);
	}
	cr_expect_not(debounce_ready(&d, t + QUIET - 1));
	cr_expect(debounce_ready(&d, t + QUIET));
}

Test(debounce, cap_bounds_a_continuous_stream, .timeout = 10)
{
	struct debounce d;
	int64_t start = 20000, t;
	bool fired = false;

	debounce_init(&d, QUIET, CAP);
	for (t = start; t < start + 5 * CAP; t += 10) {
		if (debounce_ready(&d, t)) {
			fired = true;
			break;
		}
		debounce_event(&d, t);
	}
	cr_expect(fired, "a steady stream never became due");
	cr_expect_eq(t, start + CAP, "due at %lld, want %lld", (long long)t,
	    (long long)(start + CAP));
	cr_expect_eq(debounce_due(&d), start + CAP);
}

Test(debounce, clear_and_new_burst, .timeout = 10)
{
	struct debounce d;

	debounce_init(&d, QUIET, CAP);
	debounce_event(&d, 0);
	for (int64_t t = 50; t <= 900; t += 50)
		debounce_event(&d, t);
	cr_expect_eq(debounce_due(&d), 1000);	/* the cap: 0 + 1000 */
	debounce_clear(&d);
	cr_expect_eq(debounce_due(&d), -1);
	cr_expect_not(debounce_ready(&d, 100000));

	/* A new burst counts its cap from its own first event. */
	debounce_event(&d, 960);
	cr_expect_eq(debounce_due(&d), 960 + QUIET);
	for (int64_t t = 1000; t <= 1900; t += 50)
		debounce_event(&d, t);
	cr_expect_eq(debounce_due(&d), 960 + CAP);
	cr_expect_not(debounce_ready(&d, 960 + CAP - 1));
	cr_expect(debounce_ready(&d, 960 + CAP));
}

Test(debounce, event_during_build_queues_one, .timeout = 10)
{
	struct debounce d;

	debounce_init(&d, QUIET, CAP);
	debounce_event(&d, 0);
	cr_assert(debounce_ready(&d, QUIET));
	debounce_clear(&d);		/* the build starts */
	debounce_event(&d, QUIET + 10);	/* a change while it runs */
	debounce_event(&d, QUIET + 20);
	cr_expect(d.pending);
	cr_expect_eq(debounce_due(&d), QUIET + 20 + QUIET);
}

Test(debounce, cap_below_quiet_is_raised, .timeout = 10)
{
	struct debounce d;

	debounce_init(&d, 500, 100);
	cr_expect_eq(d.cap_ms, 500);
	debounce_event(&d, 0);
	debounce_event(&d, 400);
	/* The cap (now 500) wins over quiet (400 + 500). */
	cr_expect_eq(debounce_due(&d), 500);
	cr_expect_not(debounce_ready(&d, 499));
	cr_expect(debounce_ready(&d, 500));
}

Test(debounce, zero_quiet_is_due_at_once, .timeout = 10)
{
	struct debounce d;

	debounce_init(&d, 0, 0);
	debounce_event(&d, 42);
	cr_expect_eq(debounce_due(&d), 42);
	cr_expect(debounce_ready(&d, 42));
}
