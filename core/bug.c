/* bug.c - BUG(): a broken internal invariant aborts */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "bug.h"
#include "banned.h"

void
bug_fl(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* one write, so threads' lines do not interleave */
	fprintf(stderr, "BUG: %s:%d: %s\n", file, line, msg);
	abort();
}
