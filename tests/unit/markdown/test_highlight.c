/* test_highlight.c - code blocks highlighted at build time: each language's
 * key tokens, the page pass, and the text never lost or reordered (real
 * files, hostile inputs) */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "highlight.h"
#include "hl_int.h"

#define REAL_FILES_MAX 120	/* files of the machine read, at most */
#define REAL_FILE_BYTES (64 * 1024)

/* code in lang through highlight_code(): a new string. */
static char *
hl(const char *lang, const char *code)
{
	struct buf b = BUF_INIT;

	buf_terminate(&b);
	cr_assert_eq(highlight_code(lang, strlen(lang), code, strlen(code),
	    &b), 0, "language '%s' unknown", lang);
	return b.p;
}

/* Whether html has text (escaped as given) in a span of class cls. */
static void
expect_tok(const char *html, int cls, const char *text)
{
	char want[512];

	snprintf(want, sizeof want, "<span class=\"tok-%c\">%s</span>", cls,
	    text);
	cr_expect(strstr(html, want), "no %s in:\n%s", want, html);
}

static void
expect_plain(const char *html, const char *text)
{
	char want[512];

	snprintf(want, sizeof want, "\">%s</span>", text);
	cr_expect(!strstr(html, want), "'%s' in a span:\n%s", text, html);
}

/* The text of HTML: tags dropped, the four entities the lexer writes
 * decoded. */
static void
text_of(const char *h, size_t n, struct buf *t)
{
	static const char *const ent[] = { "&lt;", "&gt;", "&amp;", "&quot;" };
	size_t i = 0, k;

	while (i < n) {
		if (h[i] == '<') {
			const char *gt = memchr(h + i, '>', n - i);

			cr_assert(gt, "a tag without its '>'");
			i = (size_t)(gt - h) + 1;
			continue;
		}
		if (h[i] != '&') {
			buf_add(t, h + i++, 1);
			continue;
		}
		for (k = 0; k < 4; k++)
			if (!strncmp(h + i, ent[k], strlen(ent[k])))
				break;
		cr_assert(k < 4, "a raw '&' in the output");
		buf_add(t, &"<>&\""[k], 1);
		i += strlen(ent[k]);
	}
}

/* The round trip of n bytes at code in every language: the output's text
 * is the input, its tags balanced, no raw '<' or '&' in it. */
static void
round_trip_all(const char *code, size_t n, const char *what)
{
	size_t nl, k;
	const struct hl_lang *ls = hl_lang_all(&nl);

	for (k = 0; k < nl; k++) {
		struct buf out = BUF_INIT, txt = BUF_INIT;
		size_t opens = 0, closes = 0;
		const char *p;

		buf_terminate(&txt);
		cr_assert_eq(highlight_code(ls[k].name, strlen(ls[k].name),
		    code, n, &out), 0);
		buf_terminate(&out);
		text_of(out.p, out.len, &txt);
		cr_assert_eq(txt.len, n, "%s as %s: %zu bytes back of %zu",
		    what, ls[k].name, txt.len, n);
		cr_assert(!memcmp(txt.p, code, n), "%s as %s: text changed",
		    what, ls[k].name);
		for (p = out.p; (p = memmem(p, out.len - (size_t)(p - out.p),
		    "<span class=\"tok-", 17)); p++)
			opens++;
		for (p = out.p; (p = memmem(p, out.len - (size_t)(p - out.p),
		    "</span>", 7)); p++)
			closes++;
		cr_assert_eq(opens, closes, "%s as %s", what, ls[k].name);
		free(out.p);
		free(txt.p);
	}
}

Test(highlight, c_and_cpp, .timeout = 10)
{
	char *h = hl("c", "#include <stdio.h>\n/* block */\n"
	    "static int f(const char *s) { char c = '\\n'; // line\n"
	    "\treturn printf(\"%s\\\"\", s) + 0x1fUL + 1.5e-3; }\n");

	expect_tok(h, 'm', "#include");
	expect_tok(h, 's', "&lt;stdio.h&gt;");
	expect_tok(h, 'c', "/* block */");
	expect_tok(h, 'c', "// line");
	expect_tok(h, 'k', "static");
	expect_tok(h, 'k', "const");
	expect_tok(h, 't', "int");
	expect_tok(h, 't', "char");
	expect_tok(h, 'f', "f");
	expect_tok(h, 's', "'\\n'");
	expect_tok(h, 's', "&quot;%s\\&quot;&quot;");
	expect_tok(h, 'n', "0x1fUL");
	expect_tok(h, 'n', "1.5e-3");
	expect_plain(h, "s");
	free(h);
	h = hl("c++", "template <typename T> class A : public B {\n"
	    "  std::unique_ptr<T> p = nullptr; auto n = 1'000'000;\n};\n");
	expect_tok(h, 'k', "template");
	expect_tok(h, 'k', "typename");
	expect_tok(h, 'k', "class");
	expect_tok(h, 'k', "nullptr");
	expect_tok(h, 't', "unique_ptr");
	expect_tok(h, 'n', "1'000'000");
	free(h);
}

Test(highlight, python, .timeout = 10)
{
	char *h = hl("py", "@dataclass\nclass A(Base):\n"
	    "    \"\"\"Doc with 'quotes'\n    and lines\"\"\"\n"
	    "    def f(self, x=None):  # comment\n"
	    "        return f\"{x}\" + r'\\d' + b'\\x00' + len([1, 2.5])\n");

	expect_tok(h, 'm', "@dataclass");
	expect_tok(h, 'k', "class");
	expect_tok(h, 'k', "def");
	expect_tok(h, 'k', "None");
	expect_tok(h, 'k', "return");
	expect_tok(h, 's', "&quot;&quot;&quot;Doc with 'quotes'\n"
	    "    and lines&quot;&quot;&quot;");
	expect_tok(h, 'c', "# comment");
	expect_tok(h, 's', "f&quot;{x}&quot;");
	expect_tok(h, 's', "r'\\d'");
	expect_tok(h, 's', "b'\\x00'");
	expect_tok(h, 'f', "len");
	expect_tok(h, 'n', "2.5");
	free(h);
}

Test(highlight, javascript_and_typescript, .timeout = 10)
{
	char *h = hl("js", "const s = `a ${b + `c${d}`} e`; // c\n"
	    "export async function f(x) { return await g('x', \"y\", 42); }\n");

	expect_tok(h, 'k', "const");
	expect_tok(h, 's', "`a ");
	expect_tok(h, 's', "`c");
	expect_tok(h, 's', "} e`");
	expect_tok(h, 'c', "// c");
	expect_tok(h, 'k', "async");
	expect_tok(h, 'k', "function");
	expect_tok(h, 'f', "g");
	expect_tok(h, 's', "'x'");
	expect_tok(h, 'n', "42");
	expect_plain(h, "b");
	free(h);
	h = hl("TypeScript", "interface P { name: string; age?: number }\n"
	    "@Component() export class C implements P { private n = 1; }\n");
	expect_tok(h, 'k', "interface");
	expect_tok(h, 't', "string");
	expect_tok(h, 't', "number");
	expect_tok(h, 'm', "@Component");
	expect_tok(h, 'k', "implements");
	expect_tok(h, 'k', "private");
	free(h);
}

Test(highlight, go_rust_java, .timeout = 10)
{
	char *h = hl("golang", "package main\nimport \"fmt\"\n"
	    "func main() { s := `raw\\n`; var r rune = 'x'; "
	    "fmt.Println(len(s), r, nil) }\n");

	expect_tok(h, 'k', "package");
	expect_tok(h, 'k', "func");
	expect_tok(h, 's', "`raw\\n`");
	expect_tok(h, 's', "'x'");
	expect_tok(h, 't', "rune");
	expect_tok(h, 'f', "len");
	expect_tok(h, 'f', "Println");
	expect_tok(h, 'k', "nil");
	free(h);
	h = hl("rs", "#[derive(Debug)]\npub fn f<'a>(s: &'a str) -> Option<u8> {"
	    "\n    let r = r#\"raw \"q\"\"#; println!(\"{}\", b'x'); Some(1)\n}\n");
	expect_tok(h, 'm', "#[derive(Debug)]");
	expect_tok(h, 'k', "pub");
	expect_tok(h, 'k', "fn");
	expect_tok(h, 't', "str");
	expect_tok(h, 't', "Option");
	expect_tok(h, 's', "r#&quot;raw &quot;q&quot;&quot;#");
	expect_tok(h, 'f', "println!");
	expect_tok(h, 's', "b'x'");
	expect_tok(h, 'f', "Some");
	cr_expect(!strstr(h, "'a str"), "a lifetime read as a char:\n%s", h);
	free(h);
	h = hl("java", "@Override\npublic static String f(int x) {\n"
	    "  return \"\"\"\n    text\"\"\" + 'c' + 10L; }\n");
	expect_tok(h, 'm', "@Override");
	expect_tok(h, 'k', "public");
	expect_tok(h, 't', "String");
	expect_tok(h, 't', "int");
	expect_tok(h, 's', "&quot;&quot;&quot;\n    text&quot;&quot;&quot;");
	expect_tok(h, 'n', "10L");
	free(h);
}

Test(highlight, data_files, .timeout = 10)
{
	char *h = hl("json", "{\"a\": 1, \"b\": [true, null, \"s\"], "
	    "\"c\": -1.5e3}\n");

	expect_tok(h, 'a', "&quot;a&quot;");
	expect_tok(h, 'a', "&quot;c&quot;");
	expect_tok(h, 's', "&quot;s&quot;");
	expect_tok(h, 'k', "true");
	expect_tok(h, 'k', "null");
	expect_tok(h, 'n', "1.5e3");
	free(h);
	h = hl("yml", "---\n# c\nname: x # tail\nsteps:\n  - uses: a/b@v4\n"
	    "    with: {k: 'it''s'}\n  - run: echo don't\n    on: true\n"
	    "ref: *base\n");
	expect_tok(h, 'm', "---");
	expect_tok(h, 'c', "# c");
	expect_tok(h, 'c', "# tail");
	expect_tok(h, 'a', "name");
	expect_tok(h, 'a', "uses");
	expect_tok(h, 'a', "with");
	expect_tok(h, 'a', "run");
	expect_tok(h, 's', "'it''s'");
	expect_tok(h, 'k', "true");
	expect_tok(h, 't', "*base");
	cr_expect(!strstr(h, "tok-s\">'t"), "an apostrophe opened a string:\n%s",
	    h);
	free(h);
	h = hl("toml", "[package]\nname = \"tend\" # c\nversion = 1\n"
	    "s = '''raw\nlines'''\n[[bin]]\n");
	expect_tok(h, 't', "[package]");
	expect_tok(h, 't', "[[bin]]");
	expect_tok(h, 'a', "name");
	expect_tok(h, 's', "&quot;tend&quot;");
	expect_tok(h, 'c', "# c");
	expect_tok(h, 's', "'''raw\nlines'''");
	free(h);
	h = hl("cfg", "[core]\n; c\n# c2\nname with spaces = value\n");
	expect_tok(h, 't', "[core]");
	expect_tok(h, 'c', "; c");
	expect_tok(h, 'c', "# c2");
	expect_tok(h, 'a', "name with spaces");
	free(h);
}

Test(highlight, shells_and_sessions, .timeout = 10)
{
	char *h = hl("bash", "#!/bin/sh\nif [ -n \"${X:-a}\" ]; then\n"
	    "  echo 'no $x' \"$HOME\" $1 # c\nfi; x=a#b\n");

	expect_tok(h, 'c', "#!/bin/sh");
	expect_tok(h, 'k', "if");
	expect_tok(h, 'k', "then");
	expect_tok(h, 'k', "fi");
	expect_tok(h, 'v', "${X:-a}");
	expect_tok(h, 'v', "$HOME");
	expect_tok(h, 'v', "$1");
	expect_tok(h, 's', "'no $x'");
	expect_tok(h, 'f', "echo");
	expect_tok(h, 'c', "# c");
	cr_expect(!strstr(h, "#b</span>"), "a#b read as a comment:\n%s", h);
	free(h);
	h = hl("console", "$ ls -la \"$HOME\"\ntotal 0\n"
	    "user@host:~/src$ make && echo if\nif output stays\n"
	    "$ printf 'a' \\\n  'b'\n");
	expect_tok(h, 'p', "$");
	expect_tok(h, 'p', "user@host:~/src$");
	expect_tok(h, 'v', "$HOME");
	expect_tok(h, 'f', "echo");
	expect_tok(h, 's', "'b'");
	cr_expect(strstr(h, "\ntotal 0\n"), "output highlighted:\n%s", h);
	cr_expect(strstr(h, "\nif output stays\n"), "output:\n%s", h);
	free(h);
}

Test(highlight, markup_css_sql, .timeout = 10)
{
	char *h = hl("html", "<!DOCTYPE html>\n<!-- c -->\n"
	    "<a href=\"/x\" class=y data-z>T &amp; U</a>\n"
	    "<script>let s = \"</p>\";</script><style>p { color: red }</style>");

	expect_tok(h, 'm', "&lt;!DOCTYPE html&gt;");
	expect_tok(h, 'c', "&lt;!-- c --&gt;");
	expect_tok(h, 'g', "a");
	expect_tok(h, 'a', "href");
	expect_tok(h, 's', "&quot;/x&quot;");
	expect_tok(h, 'a', "data-z");
	expect_tok(h, 'k', "let");
	expect_tok(h, 's', "&quot;&lt;/p&gt;&quot;");
	expect_tok(h, 'a', "color");
	free(h);
	h = hl("css", "@media (min-width: 40em) {\n"
	    "  .nav > a:hover, #top { color: #0969da !important;"
	    " margin: 1.5rem; background: url(\"x.png\") }\n}\n");
	expect_tok(h, 'k', "@media");
	expect_tok(h, 'f', ".nav");
	expect_tok(h, 'f', "#top");
	expect_tok(h, 'g', "a");
	expect_tok(h, 'k', ":hover");
	expect_tok(h, 'a', "color");
	expect_tok(h, 'n', "#0969da");
	expect_tok(h, 'k', "!important");
	expect_tok(h, 'n', "1.5rem");
	expect_tok(h, 's', "&quot;x.png&quot;");
	free(h);
	h = hl("sql", "SELECT name, count(*) FROM users\n"
	    "where id = 'it''s' -- c\n/* b */ ORDER BY 1;\n");
	expect_tok(h, 'k', "SELECT");
	expect_tok(h, 'k', "where");
	expect_tok(h, 'f', "count");
	expect_tok(h, 's', "'it''s'");
	expect_tok(h, 'c', "-- c");
	expect_tok(h, 'c', "/* b */");
	free(h);
}

Test(highlight, diff_dockerfile_makefile, .timeout = 10)
{
	char *h = hl("patch", "diff --git a/x b/x\n--- a/x\n+++ b/x\n"
	    "@@ -1,2 +1,2 @@ f()\n-old\n+new\n same\n");

	expect_tok(h, 'm', "diff --git a/x b/x");
	expect_tok(h, 'm', "--- a/x");
	expect_tok(h, 'm', "+++ b/x");
	expect_tok(h, 'h', "@@ -1,2 +1,2 @@ f()");
	expect_tok(h, 'd', "-old");
	expect_tok(h, 'i', "+new");
	cr_expect(strstr(h, "\n same\n"), "%s", h);
	free(h);
	h = hl("Dockerfile", "FROM debian:12 AS build\n# c\n"
	    "run apt-get update && echo \"$HOME\" from\n");
	expect_tok(h, 'k', "FROM");
	expect_tok(h, 'k', "run");
	expect_tok(h, 'c', "# c");
	expect_tok(h, 'v', "$HOME");
	expect_plain(h, "from");
	free(h);
	h = hl("make", "CC = gcc\nCFLAGS += -O2\n.PHONY: all\nall: tend\n"
	    "\t$(CC) $(CFLAGS) -o $@ $^ # c\nifeq ($(X),1)\nendif\n");
	expect_tok(h, 'v', "CC");
	expect_tok(h, 'v', "CFLAGS");
	expect_tok(h, 'f', ".PHONY");
	expect_tok(h, 'f', "all");
	expect_tok(h, 'v', "$(CC)");
	expect_tok(h, 'v', "$@");
	expect_tok(h, 'c', "# c");
	expect_tok(h, 'k', "ifeq");
	expect_tok(h, 'k', "endif");
	free(h);
}

Test(highlight, names_and_aliases, .timeout = 10)
{
	static const char *const names[] = { "sh", "bash", "console",
		"shell-session", "shell", "zsh", "c", "h", "cpp", "c++", "cc",
		"python", "py", "javascript", "js", "typescript", "ts", "json",
		"yaml", "yml", "toml", "go", "golang", "rust", "rs", "java",
		"html", "xml", "svg", "css", "sql", "diff", "patch",
		"dockerfile", "Dockerfile", "make", "makefile", "Makefile",
		"ini", "cfg", "conf", "PYTHON" };
	size_t i, n;
	const struct hl_lang *ls = hl_lang_all(&n);
	struct buf b = BUF_INIT;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		cr_expect(hl_lang_find(names[i], strlen(names[i])), "%s",
		    names[i]);
	cr_expect_null(hl_lang_find("unknownlang", 11));
	cr_expect_null(hl_lang_find("", 0));
	cr_expect_null(hl_lang_find("pyth", 4));
	cr_expect_null(hl_lang_find("pythonx", 7));
	cr_expect_eq(highlight_code("text", 4, "x", 1, &b), -1);
	cr_expect_eq(b.len, 0);
	for (i = 0; i < n; i++) {
		int nc = (ls[i].flags & HL_NOCASE) != 0;

		cr_expect_eq(hl_words_unsorted(&ls[i].keywords, nc), 0, "%s",
		    ls[i].name);
		cr_expect_eq(hl_words_unsorted(&ls[i].types, nc), 0, "%s",
		    ls[i].name);
		cr_expect_eq(hl_words_unsorted(&ls[i].builtins, nc), 0, "%s",
		    ls[i].name);
	}
}

Test(highlight, page_pass, .timeout = 10)
{
	const char *in = "<p>x</p>\n<pre><code class=\"language-python\">"
	    "def f():\n    return &quot;a &lt;b&gt; &amp; c&quot;\n"
	    "</code></pre>\n<pre><code class=\"language-unknownlang\">"
	    "def f(): pass\n</code></pre>\n<pre><code>def x</code></pre>\n"
	    "<pre lang=\"C\"><code>int x;</code></pre>\n"
	    "<pre><code class=\"language-js\">a<b>raw</b></code></pre>\n"
	    "<pre data-sourcepos=\"1:1-3:3\"><code class=\"language-go\">"
	    "go f()</code></pre>\n<pre><code class=\"language-\">x</code></pre>"
	    "<pre><code class=\"language-py\">unclosed";
	struct buf out = BUF_INIT;
	unsigned n;

	cr_assert(highlight_maybe(in, strlen(in)));
	n = highlight_html(in, strlen(in), &out);
	cr_expect_eq(n, 3, "%s", out.p);
	cr_expect(strstr(out.p, "<pre data-sourcepos=\"1:1-3:3\"><code class=\""
	    "language-go\"><span class=\"tok-k\">go</span> "), "%s", out.p);
	cr_expect(strstr(out.p, "<code class=\"language-py\">unclosed"), "%s",
	    out.p);
	cr_expect(strstr(out.p, "<pre><code class=\"language-python\">"
	    "<span class=\"tok-k\">def</span> <span class=\"tok-f\">f</span>"
	    "():\n    <span class=\"tok-k\">return</span> <span class=\"tok-s\">"
	    "&quot;a &lt;b&gt; &amp; c&quot;</span>\n</code></pre>"),
	    "%s", out.p);
	cr_expect(strstr(out.p, "<pre><code class=\"language-unknownlang\">"
	    "def f(): pass\n</code></pre>\n<pre><code>def x</code></pre>"),
	    "unknown and bare blocks changed: %s", out.p);
	cr_expect(strstr(out.p, "<pre lang=\"C\"><code><span class=\"tok-t\">"
	    "int</span> x;</code></pre>"), "%s", out.p);
	cr_expect(strstr(out.p, "a<b>raw</b></code>"), "%s", out.p);
	free(out.p);
	cr_expect(!highlight_maybe("<p>no code</p>", 14));
	cr_expect(!highlight_maybe("", 0));
	out = (struct buf)BUF_INIT;
	cr_expect_eq(highlight_html("<pre><code class=\"language-", 27,
	    &out), 0);
	cr_expect_str_eq(out.p, "<pre><code class=\"language-");
	free(out.p);
}

/* mdBook's attributes after a comma (```rust,ignore): the language is
 * what comes before it. */
Test(highlight, attributes_after_a_comma, .timeout = 10)
{
	const char *in = "<pre><code class=\"language-rust,ignore\">"
	    "fn main() {}</code></pre>\n<pre><code class=\"language-,x\">"
	    "fn f</code></pre>";
	struct buf out = BUF_INIT;

	cr_expect_eq(highlight_html(in, strlen(in), &out), 1, "%s", out.p);
	cr_expect(strstr(out.p, "<code class=\"language-rust,ignore\">"
	    "<span class=\"tok-k\">fn</span> "), "%s", out.p);
	cr_expect(strstr(out.p, "<code class=\"language-,x\">fn f</code>"),
	    "%s", out.p);
	free(out.p);
}

/* Every language over hostile text: unterminated strings, comments and
 * tags, nested template literals, NUL bytes, invalid UTF-8. */
Test(highlight, hostile_inputs_round_trip, .timeout = 60)
{
	static const char *const cases[] = { "\"unterminated", "'", "`",
		"/* open", "<!-- open", "<a href=\"x", "r#\"raw", "'''open",
		"\"\"\"", "${", "$(", "#[", "@", "[section", "key:", "x =",
		"\\", "0x", "1e+", ".5", "#", "$ ", "@@", "<", "<!", "<?",
		"<![CDATA[", "&", "\xff\xfe\x80", "\xc3", "'\xe2\x82\xac'",
		"`${`${`${`${`${`${`${`${`${`${`${`${`${`${`${`${`${`${`",
		"<script>", "<style>{", "r\"", "b'", "f'''", "#include <",
		"'\\", "\"\\", "- a: 'b", "---", "\t$(X", "@media{a{", "}}}}",
		"a\r\nb\r\n", ":", "!important", "-- ", "+++ ", "fn'a'" };
	static const char alphabet[] = "\"'`/*#$@{}[]()<>&\\\n \trbfx0123.e+-:=!|;"
	    "\x80\xc3\x00aZ_";
	char buf[512];
	unsigned long long seed = 20;
	size_t i, j, n;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		round_trip_all(cases[i], strlen(cases[i]), cases[i]);
	round_trip_all("a\0b\"\0\"", 7, "NUL bytes");
	for (i = 0; i < 1500; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		n = (size_t)(seed >> 33) % sizeof buf;
		for (j = 0; j < n; j++) {
			seed = seed * 6364136223846793005ULL + 1;
			buf[j] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
		}
		round_trip_all(buf, n, "random text");
	}
}

Test(highlight, huge_lines_and_nesting, .timeout = 60)
{
	size_t n = 1 << 18, i;
	char *big = malloc(n);

	cr_assert_not_null(big);
	memset(big, 'a', n);
	round_trip_all(big, n, "one 256 KiB line");
	for (i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "${`", 3);
	round_trip_all(big, i, "deep template literals");
	for (i = 0; i < n; i++)
		big[i] = "\"'/*<!-"[i % 7];
	round_trip_all(big, n, "openers");
	free(big);
}

/* Files of this machine: up to REAL_FILES_MAX under the folders, each
 * through every language. */
static size_t
walk(const char *dir, const char *const *exts, size_t *left, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t done = 0;

	if (!d)
		return 0;
	while (*left && (e = readdir(d))) {
		char path[4096];
		struct stat st;
		size_t k, nl = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode) && depth < 4) {
			done += walk(path, exts, left, depth + 1);
			continue;
		}
		if (!S_ISREG(st.st_mode) || st.st_size > REAL_FILE_BYTES)
			continue;
		for (k = 0; exts[k]; k++)
			if (nl > strlen(exts[k]) && !strcmp(e->d_name + nl -
			    strlen(exts[k]), exts[k]))
				break;
		if (!exts[k])
			continue;
		FILE *f = fopen(path, "rb");
		char *p = malloc((size_t)st.st_size + 1);
		size_t got;

		cr_assert_not_null(p);
		got = f ? fread(p, 1, (size_t)st.st_size, f) : 0;
		if (f)
			fclose(f);
		round_trip_all(p, got, path);
		free(p);
		(*left)--;
		done++;
	}
	closedir(d);
	return done;
}

Test(highlight, real_files_round_trip, .timeout = 120)
{
	static const char *const c[] = { ".h", NULL };
	static const char *const py[] = { ".py", NULL };
	static const char *const other[] = { ".js", ".json", ".html", ".css",
		".sh", ".yaml", ".toml", ".sql", ".diff", ".patch", ".xml",
		NULL };
	size_t left = REAL_FILES_MAX / 4, done;

	done = walk("/usr/include", c, &left, 0);
	cr_assert_gt(done, 10, "few C headers in /usr/include");
	left = REAL_FILES_MAX / 4;
	walk("/usr/lib/python3", py, &left, 0);
	left = REAL_FILES_MAX / 2;
	walk("/usr/share", other, &left, 0);
}
