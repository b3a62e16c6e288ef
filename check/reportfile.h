/*
 * reportfile.h - write a report (JUnit, Code Quality) to a file: a new
 * file at path, written by fn(f, arg). 0, or -1 with errno; a regular file
 * that could not be written whole is removed, so no partial report is left
 * behind (a FIFO or /dev/stdout is left alone).
 */
#ifndef TEND_REPORTFILE_H
#define TEND_REPORTFILE_H

#include <stdio.h>

int reportfile_write(const char *path,
    void (*fn)(FILE *f, const void *arg), const void *arg);

#endif
