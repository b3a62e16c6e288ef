/* test_bug.c - BUG() and BUG_ON() abort with file and line */
#include <signal.h>
#include <criterion/criterion.h>

#include "bug.h"

static int
zero(void)
{
	return 0;
}

Test(bug, bug_aborts, .signal = SIGABRT)
{
	BUG("the count is %d", 3);
}

Test(bug, bug_on_aborts_when_true, .signal = SIGABRT)
{
	BUG_ON(zero() == 0);
}

Test(bug, bug_on_passes_when_false)
{
	BUG_ON(zero() != 0);
	cr_assert(1, "BUG_ON(false) returned");
}
