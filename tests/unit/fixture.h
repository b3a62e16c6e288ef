/* fixture.h - temporary folders for unit tests */
#ifndef TEND_TEST_FIXTURE_H
#define TEND_TEST_FIXTURE_H

#include <stddef.h>

/* Make a new folder /tmp/tend-NAME-XXXXXX; its path goes into dir (cap
 * bytes). Asserts on failure. */
void fixture_mkdtemp(char *dir, size_t cap, const char *name);

/* Remove dir and everything below it; nothing when dir is "". */
void fixture_rmtree(const char *dir);

/* dir/REL, REL made from fmt as printf does, in one of two static buffers
 * (two can be live at once). */
const char *fixture_path(const char *dir, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
