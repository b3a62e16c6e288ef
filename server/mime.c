/* mime.c - a table of the web's common types */
#include "mime.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>
#include "banned.h"

struct mime_entry {
	const char *ext;
	const char *type;
};

#define UTF8 "; charset=utf-8"

static const struct mime_entry table[] = {
	{ "html", "text/html" UTF8 },
	{ "htm", "text/html" UTF8 },
	{ "xhtml", "application/xhtml+xml" },
	{ "css", "text/css" UTF8 },
	{ "js", "text/javascript" UTF8 },
	{ "mjs", "text/javascript" UTF8 },
	{ "json", "application/json" },
	{ "map", "application/json" },
	{ "webmanifest", "application/manifest+json" },
	{ "xml", "application/xml" },
	{ "rss", "application/rss+xml" },
	{ "atom", "application/atom+xml" },
	{ "txt", "text/plain" UTF8 },
	{ "md", "text/markdown" UTF8 },
	{ "csv", "text/csv" UTF8 },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "avif", "image/avif" },
	{ "ico", "image/x-icon" },
	{ "bmp", "image/bmp" },
	{ "woff", "font/woff" },
	{ "woff2", "font/woff2" },
	{ "ttf", "font/ttf" },
	{ "otf", "font/otf" },
	{ "wasm", "application/wasm" },
	{ "pdf", "application/pdf" },
	{ "zip", "application/zip" },
	{ "gz", "application/gzip" },
	{ "mp4", "video/mp4" },
	{ "webm", "video/webm" },
	{ "ogv", "video/ogg" },
	{ "mp3", "audio/mpeg" },
	{ "ogg", "audio/ogg" },
	{ "wav", "audio/wav" },
	{ "vtt", "text/vtt" UTF8 },
};

const char *
mime_type(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');

	if (dot && dot != base)
		for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
			if (strcasecmp(dot + 1, table[i].ext) == 0)
				return table[i].type;
	return "application/octet-stream";
}
