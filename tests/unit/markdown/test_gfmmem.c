/* test_gfmmem.c - cmark-gfm's per-document arena (gfmmem.h) */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gfm.h"
#include "gfmmem.h"

/* calloc zeroes, even memory a freed block gave back */
Test(gfmmem, calloc_zeroes_reused_memory)
{
	struct gfmmem *a = gfmmem_new();
	struct gfmmem *outer = gfmmem_enter(a);
	cmark_mem *m = gfmmem_mem();
	unsigned char *p = m->calloc(1, 100), *q;

	memset(p, 0xab, 100);
	m->free(p);	/* the last block: given back */
	q = m->calloc(10, 10);
	cr_expect_eq(q, p, "the last block's memory is used again");
	for (int i = 0; i < 100; i++)
		cr_assert_eq(q[i], 0, "byte %d", i);
	gfmmem_leave(outer);
	gfmmem_free(a);
}

/* realloc keeps the bytes, in place (the last block), moved (an older
 * one) and into a heap block (larger than a chunk) */
Test(gfmmem, realloc_keeps_contents)
{
	struct gfmmem *a = gfmmem_new();
	struct gfmmem *outer = gfmmem_enter(a);
	cmark_mem *m = gfmmem_mem();
	char *p = m->calloc(1, 16), *other;

	strcpy(p, "hello, arena");
	p = m->realloc(p, 64);	/* in place */
	other = m->calloc(1, 8);
	p = m->realloc(p, 4096);	/* moved */
	cr_expect_str_eq(p, "hello, arena");
	p = m->realloc(p, 1 << 20);	/* the heap's */
	cr_expect_str_eq(p, "hello, arena");
	memset(p + 100, 'x', (1 << 20) - 100);
	p = m->realloc(p, 32);
	p[31] = '\0';
	cr_expect_eq(strncmp(p, "hello, arena", 13), 0);
	m->free(p);
	m->free(other);
	for (int i = 0; i < 2000; i++)	/* many chunks */
		memset(m->calloc(1, 1000), 1, 1000);
	gfmmem_leave(outer);
	gfmmem_free(a);
}

/* With no arena current, blocks are malloc's and free gives them back
 * (LeakSanitizer reports them otherwise). */
Test(gfmmem, heap_without_arena)
{
	cmark_mem *m = gfmmem_mem();
	char *p;

	cr_assert_null(gfmmem_enter(NULL));
	p = m->calloc(3, 5);
	p = m->realloc(p, 100000);
	memset(p, 'y', 100000);
	m->free(p);
	m->free(NULL);
}

/* A tree kept past its parse: strings cmark copies into it on another
 * document's turn, or on no arena's, live as long as the tree. */
Test(gfmmem, tree_outlives_other_documents)
{
	const char *md = "# Title :smile:\n\nSome *text* and [a link](x.md).\n";
	struct gfm_doc *d = gfm_parse(md, strlen(md));
	cmark_node *p = cmark_node_next(cmark_node_first_child(gfm_root(d)));
	cmark_node *t = cmark_node_first_child(p);
	const char *lit = cmark_node_get_literal(t);	/* copied now */
	struct gfm_doc *e = gfm_parse("other\n", 6);
	char *h = gfm_first_heading(d);

	gfm_free(e);
	cr_expect_str_eq(lit, "Some ");
	cr_expect_str_eq(h, "Title 😄");
	free(h);
	gfm_free(d);
}
