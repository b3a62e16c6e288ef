/* test_sse.c - the wire format of live-reload events */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sse.h"

struct sse_case {
	const char *event, *data, *want;
};

Test(sse, format, .timeout = 10)
{
	static const struct sse_case cases[] = {
		{ "reload", "{\"build\":\"b1\"}",
		    "event: reload\ndata: {\"build\":\"b1\"}\n\n" },
		{ "hello", "one\ntwo\nthree",
		    "event: hello\ndata: one\ndata: two\ndata: three\n\n" },
		{ "x", "", "event: x\ndata: \n\n" },
		{ "x", "a\n\nb", "event: x\ndata: a\ndata: \ndata: b\n\n" },
		{ "x", "a\n", "event: x\ndata: a\ndata: \n\n" },
		{ "x", "\n", "event: x\ndata: \ndata: \n\n" },
		{ NULL, "ping", ": ping\n\n" },
		{ NULL, "", ": \n\n" },
		{ NULL, "a\nb", ": a\n: b\n\n" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT;

		sse_format(&b, cases[i].event, cases[i].data);
		cr_assert_not_null(b.p);
		cr_expect_str_eq(b.p, cases[i].want, "event %s, data '%s'",
		    cases[i].event ? cases[i].event : "(null)", cases[i].data);
		cr_expect_eq(b.len, strlen(cases[i].want));
		free(b.p);
	}
}

Test(sse, appends_to_buffer, .timeout = 10)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "retry: 500\n\n");
	sse_format(&b, "a", "1");
	sse_format(&b, NULL, "keep-alive");
	sse_format(&b, "b", "2\n3");
	cr_assert_str_eq(b.p, "retry: 500\n\n"
	    "event: a\ndata: 1\n\n"
	    ": keep-alive\n\n"
	    "event: b\ndata: 2\ndata: 3\n\n");
	free(b.p);
}

/* Each event ends with a blank line and has no other blank line inside. */
Test(sse, one_blank_line_per_event, .timeout = 10)
{
	static const char *const datas[] = { "", "x", "x\ny", "\n\n\n", "a\n" };

	for (size_t i = 0; i < sizeof datas / sizeof *datas; i++) {
		for (int comment = 0; comment < 2; comment++) {
			struct buf b = BUF_INIT;
			const char *blank;

			sse_format(&b, comment ? NULL : "ev", datas[i]);
			cr_assert_geq(b.len, 2);
			cr_assert(!strcmp(b.p + b.len - 2, "\n\n"),
			    "no blank line at the end: '%s'", b.p);
			blank = strstr(b.p, "\n\n");
			cr_assert_eq(blank, b.p + b.len - 2,
			    "blank line inside the event: '%s'", b.p);
			for (const char *l = b.p; *l && l < b.p + b.len - 1;
			    l = strchr(l, '\n') + 1)
				cr_assert(comment ? !strncmp(l, ": ", 2)
					: !strncmp(l, "event: ", 7) ||
					  !strncmp(l, "data: ", 6),
				    "bad line in '%s'", b.p);
			free(b.p);
		}
	}
}
