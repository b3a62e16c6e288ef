/* mime.h - Content-Type from a file name's extension */
#ifndef TEND_MIME_H
#define TEND_MIME_H

/*
 * The Content-Type for path, by its extension, case-insensitively; text types
 * carry "; charset=utf-8". Unknown: "application/octet-stream". Never NULL.
 */
const char *mime_type(const char *path);

#endif
