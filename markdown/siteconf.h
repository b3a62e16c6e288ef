/*
 * siteconf.h - the site's settings, from `_tend.yml` at SRC's root (YAML,
 * read by libyaml; a name starting with '_' is never published, and an
 * edit of it renders every page, as one of `_layout.html` does):
 *
 *   site_name: My Project          # the site's name: <title>, home page
 *   edit_url: https://github.com/o/r/edit/main/docs/{path}
 *
 * edit_url: "Edit this page" links; {path} is the page's source path
 * below SRC (%-encoded, '/' kept); without {path} the path is appended
 * (MkDocs' edit_uri); it must start with http://, https:// or '/'.
 * An unknown key is a warning "FILE:LINE: ..."; a YAML syntax error, a
 * document that is no map, or a key whose value is no text is an error
 * with FILE:LINE. Nothing here prints or touches the file system.
 */
#ifndef TEND_SITECONF_H
#define TEND_SITECONF_H

#include <stddef.h>

/* The file's name at SRC's root. */
#define SITECONF_NAME "_tend.yml"

struct siteconf {
	char *site_name;	/* owned, or NULL */
	char *edit_url;		/* owned, or NULL */
};

#define SITECONF_INIT { 0 }

typedef void siteconf_warn_fn(void *arg, const char *msg);

/*
 * Read len bytes of text (the file named file) into c. 0 (warnings, one
 * line each, through warn, counted in *warnings), or -1 with *error a new
 * one-line message "FILE:LINE: ..." (c then holds what came before).
 */
int siteconf_parse(const char *text, size_t len, const char *file,
    struct siteconf *c, siteconf_warn_fn *warn, void *arg,
    unsigned *warnings, char **error);

/* The edit link of the page at src (its path below SRC): a new string,
 * or NULL if no edit_url is set. */
char *siteconf_edit_url(const struct siteconf *c, const char *src);

void siteconf_release(struct siteconf *c);

#endif
