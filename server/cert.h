/*
 * cert.h - the TLS certificate of `tend serve --https`, with gnutls.
 *
 * tend's own certificate is self-signed, for the names it is served at
 * (localhost, 127.0.0.1, ::1, and with a wildcard --host the machine's name
 * and LAN addresses), kept in the user's data folder (builder/https.h
 * chooses where) and made anew when it is missing, unreadable, expired (or
 * within a day of it), lacks one of the names now needed, or its key file
 * can be read by others. A user's own pair (--cert/--key) is only checked:
 * both readable PEM, and the key the certificate's.
 *
 * It lives in tend-serve, which maps gnutls anyway through libmicrohttpd,
 * so that tend itself never does (doc/ARCHITECTURE.md): tend runs
 * `tend-serve --cert-only` (proto/args.h) before it binds, and the server
 * child then reads the files with cert_load().
 *
 * Files: the key is written with mode 0600 and the certificate 0644, each
 * to a temporary name beside it and renamed over, key first. The folder is
 * made (0700) if missing. Nothing here prints.
 */
#ifndef TEND_CERT_H
#define TEND_CERT_H

#include <stdbool.h>
#include <stddef.h>

#include "servconf.h"

/* A certificate made here is valid this long. */
#define CERT_DAYS 365

/*
 * Check rq's pair, or with rq->make make it when needed (above); *made
 * says whether it was. 0, or -1 with a one-line message in err.
 */
int cert_prepare(const struct cert_request *rq, bool *made, char *err,
    size_t errlen);

/*
 * Read both PEM files into new NUL-terminated strings (for
 * MHD_OPTION_HTTPS_MEM_CERT/KEY). 0, or -1 with a message in err.
 */
int cert_load(const char *cert, const char *key, char **cert_pem,
    char **key_pem, char *err, size_t errlen);

#endif
