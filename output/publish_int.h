/*
 * publish_int.h - what publish.c shares with the rest of output/ (the delta
 * commit, pubdelta.c); not for other modules.
 */
#ifndef TEND_PUBLISH_INT_H
#define TEND_PUBLISH_INT_H

struct publish;

/* Set p->msg, replacing what it held. */
void publish_say(struct publish *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
