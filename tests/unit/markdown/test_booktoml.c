/* test_booktoml.c - an mdBook book's title from its book.toml */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "booktoml.h"

static void
expect_title(const char *toml, const char *src, const char *want)
{
	char *t = booktoml_title(toml, strlen(toml), src);

	if (want)
		cr_expect(t && !strcmp(t, want), "<<%s>>: %s, not %s", toml,
		    t ? t : "(none)", want);
	else
		cr_expect_null(t, "<<%s>>: %s", toml, t);
	free(t);
}

/* What `mdbook init` writes, and the Rust Book's */
Test(booktoml, real_files, .timeout = 10)
{
	expect_title("[book]\nauthors = [\"Ann\"]\nlanguage = \"en\"\n"
	    "multilingual = false\nsrc = \"src\"\ntitle = \"My Book\"\n",
	    "src", "My Book");
	expect_title("[book]\ntitle = \"The Rust Programming Language\"\n"
	    "authors = [\"Steve Klabnik\", \"Carol Nichols\"]\n\n"
	    "[output.html]\nadditional-css = [\"ferris.css\"]\n"
	    "git-repository-url = \"https://github.com/rust-lang/book\"\n",
	    "src", "The Rust Programming Language");
}

Test(booktoml, strings_and_tables, .timeout = 10)
{
	expect_title("[book]\n  title   =   'C:\\path' # lit\n", "src",
	    "C:\\path");
	expect_title("[book]\ntitle = \"A \\\"q\\\" \\u00e9\\U0001F600\"\n",
	    "src", "A \"q\" \xc3\xa9\xf0\x9f\x98\x80");
	expect_title("book.title = \"Dotted\"\n", "src", "Dotted");
	expect_title("[ book ]\r\ntitle = \"CRLF\"\r\n", "src", "CRLF");
	expect_title("\xef\xbb\xbf[book]\ntitle = \"BOM\"\n", "src", "BOM");
	/* another table's title, a later one, arrays of tables */
	expect_title("[output.html]\ntitle = \"No\"\n", "src", NULL);
	expect_title("[book]\ntitle = \"One\"\n[book]\ntitle = \"Two\"\n",
	    "src", "Two");
	expect_title("[[book]]\ntitle = \"No\"\n", "src", NULL);
	expect_title("[bookish]\ntitle = \"No\"\n", "src", NULL);
	/* not one-line strings, empty, bad escapes, unclosed */
	expect_title("[book]\ntitle = \"\"\"\nLong\n\"\"\"\n", "src", NULL);
	expect_title("[book]\ntitle = 42\n", "src", NULL);
	expect_title("[book]\ntitle = \"\"\n", "src", NULL);
	expect_title("[book]\ntitle = \"bad \\q\"\n", "src", NULL);
	expect_title("[book]\ntitle = \"open\n", "src", NULL);
	expect_title("[book]\ntitle = \"\\ud800\"\n", "src", NULL);
	expect_title("", "src", NULL);
	expect_title("[book]\ntitlex = \"No\"\n", "src", NULL);
}

/* The title is the site's name only for the book's own source folder. */
Test(booktoml, source_folder, .timeout = 10)
{
	expect_title("[book]\ntitle = \"T\"\n", "docs", NULL);
	expect_title("[book]\ntitle = \"T\"\nsrc = \"docs\"\n", "docs", "T");
	expect_title("[book]\nsrc = \"./docs/\"\ntitle = \"T\"\n", "docs",
	    "T");
	expect_title("book.src = \"docs\"\n[book]\ntitle = \"T\"\n", "docs",
	    "T");
}
