/* test_mime.c - Content-Type by extension */
#include <criterion/criterion.h>
#include <stddef.h>
#include <string.h>

#include "mime.h"

#define OCTET "application/octet-stream"

struct mime_case {
	const char *path;
	const char *type;
};

static const struct mime_case cases[] = {
	{ "index.html", "text/html; charset=utf-8" },
	{ "old.htm", "text/html; charset=utf-8" },
	{ "page.xhtml", "application/xhtml+xml" },
	{ "PAGE.XHTML", "application/xhtml+xml" },
	{ "style.css", "text/css; charset=utf-8" },
	{ "app.js", "text/javascript; charset=utf-8" },
	{ "mod.mjs", "text/javascript; charset=utf-8" },
	{ "data.json", "application/json" },
	{ "app.js.map", "application/json" },
	{ "site.webmanifest", "application/manifest+json" },
	{ "logo.svg", "image/svg+xml" },
	{ "app.wasm", "application/wasm" },
	{ "font.woff2", "font/woff2" },
	{ "font.woff", "font/woff" },
	{ "pic.png", "image/png" },
	{ "pic.jpg", "image/jpeg" },
	{ "doc.pdf", "application/pdf" },
	{ "notes.txt", "text/plain; charset=utf-8" },
	/* The extension is found case-insensitively. */
	{ "INDEX.HTML", "text/html; charset=utf-8" },
	{ "Photo.PNG", "image/png" },
	{ "App.Js", "text/javascript; charset=utf-8" },
	{ "F.WOFF2", "font/woff2" },
	/* Only the last extension counts. */
	{ "archive.tar.gz", "application/gzip" },
	{ "page.html.bak", OCTET },
	/* Folders in the path do not count. */
	{ "a.css/b", OCTET },
	{ "dir.d/style.css", "text/css; charset=utf-8" },
	{ "/abs/path/x.svg", "image/svg+xml" },
	/* No extension, dotfiles, odd names. */
	{ "README", OCTET },
	{ "Makefile", OCTET },
	{ ".htaccess", OCTET },
	{ ".env", OCTET },
	{ "sub/.css", OCTET },
	{ ".html", OCTET },
	{ "trailing.", OCTET },
	{ "x.unknownext", OCTET },
	{ "", OCTET },
	{ "dir/", OCTET },
};

Test(mime, table, .timeout = 10)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = mime_type(cases[i].path);

		cr_assert_not_null(got);
		cr_expect_str_eq(got, cases[i].type, "'%s': '%s', want '%s'",
		    cases[i].path, got, cases[i].type);
	}
}

Test(mime, text_types_carry_charset, .timeout = 10)
{
	static const char *const text[] = { "a.html", "a.css", "a.js",
		"a.txt", "a.md", "a.csv", "a.vtt" };
	static const char *const binary[] = { "a.png", "a.wasm", "a.woff2",
		"a.pdf", "a.gz", "a.bin" };

	for (size_t i = 0; i < sizeof text / sizeof *text; i++)
		cr_expect(strstr(mime_type(text[i]), "; charset=utf-8"),
		    "%s: %s", text[i], mime_type(text[i]));
	for (size_t i = 0; i < sizeof binary / sizeof *binary; i++)
		cr_expect_null(strstr(mime_type(binary[i]), "charset"),
		    "%s: %s", binary[i], mime_type(binary[i]));
}
