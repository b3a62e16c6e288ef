/*
 * sigs.h - the parent's stop signals (SIGINT, SIGTERM, SIGHUP).
 *
 * The handler only counts the signal and remembers which it was. The signals
 * stay blocked everywhere except inside ppoll() (with sigs_wait_mask()) and
 * sigs_deliver(), so none can land between a check of the flags and the call
 * that sleeps: no lost wake-ups. SIGPIPE, SIGTTIN and SIGTTOU are ignored.
 */
#ifndef TEND_SIGS_H
#define TEND_SIGS_H

#include <signal.h>

/* Install the handlers and block the stop signals. Call once, early. */
void sigs_install(void);
/* The mask to give ppoll(): the current one without the stop signals. */
const sigset_t *sigs_wait_mask(void);
/* Let pending stop signals run their handler now (a zero-timeout ppoll). */
void sigs_deliver(void);
/* How many stop signals arrived so far. */
int sigs_count(void);
/* The last stop signal, or 0. */
int sigs_last(void);
/* Name of a signal for logs: "SIGINT", ... */
const char *sigs_name(int sig);
/*
 * After a stop by signal: restore its default action, unblock it and raise
 * it, so the caller sees "killed by SIGINT" (a shell's 130). Returns only if
 * the signal did not end the process.
 */
void sigs_reraise(int sig);

#endif
