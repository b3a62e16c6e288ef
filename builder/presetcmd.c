/* presetcmd.c - preset command templates, and a folder for caches */
#include "presetcmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

char *
presetcmd_expand(const char *tmpl, const char *const *vars)
{
	struct buf b = BUF_INIT;

	for (const char *s = tmpl; *s;) {
		const char *const *v = NULL;

		if (*s == '{') {
			for (v = vars; *v; v += 2) {
				size_t n = strlen(v[0]);

				if (!strncmp(s + 1, v[0], n) && s[1 + n] == '}')
					break;
			}
		}
		if (!v || !*v) {
			buf_add(&b, s++, 1);
			continue;
		}
		s += strlen(v[0]) + 2;
		buf_adds(&b, v[1]);
		if (!v[1][0] && *s == ' ')
			s++;	/* empty: no double space */
	}
	buf_terminate(&b);
	return b.p;
}

char *
presetcmd_quote(const char *path)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "'");
	for (const char *s = path; *s; s++) {
		if (*s == '\'')
			buf_adds(&b, "'\\''");
		else
			buf_add(&b, s, 1);
	}
	buf_adds(&b, "'");
	buf_terminate(&b);
	return b.p;
}

bool
presetcmd_read_only(const char *src)
{
	/* access() asks with the real ids and sees a read-only mount
	   (EROFS): what a generator run by us meets */
	return access(src, W_OK) < 0 && errno != ENOENT && errno != ENOTDIR;
}

char *
presetcmd_cache_folder(void)
{
	return fs_mkdtemp("tend-cache");
}
