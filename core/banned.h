/*
 * banned.h - functions that must not be used (after git's banned.h).
 *
 * Each one writes or reads without a bound the call itself shows, or keeps
 * hidden state: strcpy, strcat, strncpy and strncat (use memcpy with a
 * length you hold, or buf.h), sprintf and vsprintf (snprintf, xasprintf),
 * strtok (strtok_r), gmtime, localtime, ctime and asctime (their _r forms).
 * A use turns into a compile error that names the function.
 *
 * Every .c file of the programs includes this header last, after the
 * system headers that declare these functions (tests/layout.sh checks it).
 */
#ifndef TEND_BANNED_H
#define TEND_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
