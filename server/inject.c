/* inject.c - adding the live-reload script to HTML */
#include "inject.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

char *
inject_tag(const char *html, size_t len, const char *tag, size_t *out_len)
{
	size_t tlen = strlen(tag), at = len;
	char *out;

	if (len >= 2 && (unsigned char)html[0] == 0x1f &&
	    (unsigned char)html[1] == 0x8b)
		return NULL;	/* gzip data, not HTML text */
	for (size_t i = len >= 6 ? len - 6 + 1 : 0; i-- > 0;)
		if (html[i] == '<' && !strncasecmp(html + i, "</body", 6)) {
			at = i;
			break;
		}
	out = xmalloc(len + tlen + 1);
	memcpy(out, html, at);
	memcpy(out + at, tag, tlen);
	memcpy(out + at + tlen, html + at, len - at);
	out[len + tlen] = '\0';
	*out_len = len + tlen;
	return out;
}

char *
inject_script_tag(const char *build)
{
	return xasprintf("<script src=\"/__tend/client.js\" "
	    "data-tend-build=\"%s\"></script>", build);
}

