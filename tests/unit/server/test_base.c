/* test_base.c - where a request lies against the base path; --spa's rule */
#include <criterion/criterion.h>
#include <string.h>

#include "base.h"

static void
where(const char *base, const char *url, enum base_where want,
    const char *inner)
{
	const char *in = NULL;
	enum base_where got = base_where(base, url, &in);

	cr_expect_eq(got, want, "%s under %s: %d", url, base ? base : "-",
	    (int)got);
	if (inner)
		cr_expect(in && !strcmp(in, inner), "%s under %s: '%s'", url,
		    base ? base : "-", in ? in : "(null)");
}

Test(base, where)
{
	where("/docs/", "/docs/", BASE_INSIDE, "/");
	where("/docs/", "/docs/a/b.html", BASE_INSIDE, "/a/b.html");
	where("/docs/", "/docs/__tend/events", BASE_INSIDE, "/__tend/events");
	where("/docs/", "/", BASE_REDIRECT, NULL);
	where("/docs/", "/docs", BASE_REDIRECT, NULL);
	where("/docs/", "/docsx", BASE_OUTSIDE, NULL);
	where("/docs/", "/doc", BASE_OUTSIDE, NULL);
	where("/docs/", "/other/", BASE_OUTSIDE, NULL);
	where("/docs/", "/index.html", BASE_OUTSIDE, NULL);
	where("/a/b/", "/a/", BASE_OUTSIDE, NULL);
	where("/a/b/", "/a/b", BASE_REDIRECT, NULL);
	where(NULL, "/x", BASE_INSIDE, "/x");
	where("/", "/", BASE_INSIDE, "/");
}

Test(base, spa_wants)
{
	cr_expect(base_spa_wants("/"));
	cr_expect(base_spa_wants("/users/42"));
	cr_expect(base_spa_wants("/settings/"));
	cr_expect(base_spa_wants("/v1.2/users"));	/* only the last */
	cr_expect_not(base_spa_wants("/app.js"));
	cr_expect_not(base_spa_wants("/img/x.png"));
	cr_expect_not(base_spa_wants("/users/42.json"));
	cr_expect_not(base_spa_wants("/.well-known"));
}
