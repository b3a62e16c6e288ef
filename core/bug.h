/*
 * bug.h - internal invariants (after git's BUG() and redis's serverAssert).
 *
 * BUG() is for a state the code must never reach, whatever the input: not
 * for bad input or a failing system call, which are errors to report. It
 * prints "BUG: file:line: message" to stderr and aborts, in every build: a
 * broken invariant that is carried on with corrupts an output folder or a
 * count later, far from its cause. BUG_ON(cond) is BUG() when cond holds.
 * Safe in any thread; not in a signal handler.
 */
#ifndef TEND_BUG_H
#define TEND_BUG_H

#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
#define BUG_ON(cond) \
	do { \
		if (cond) \
			BUG("%s", #cond); \
	} while (0)

_Noreturn void bug_fl(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
