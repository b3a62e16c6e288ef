/*
 * https.h - tend serve --https: which certificate tend-serve gets.
 *
 * With --cert FILE --key FILE, the user's pair; otherwise tend's own,
 * cert.pem and key.pem in its data folder: $XDG_DATA_HOME/tend (when
 * XDG_DATA_HOME is an absolute path), else ~/.local/share/tend. Either way
 * `tend-serve --cert-only` runs first (server/cert.h): it checks the user's
 * pair, or makes tend's own when it is missing, expired or lacks a name now
 * needed. The gnutls work is done there, in the program that maps gnutls
 * anyway, so that tend itself never maps it (doc/ARCHITECTURE.md); and it
 * is done before tend binds, so a bad file is a one-line error and exit 2,
 * before anything is served.
 *
 * The names tend's own certificate must hold: localhost, 127.0.0.1, ::1,
 * the --host and --allow-host values, and with a wildcard --host this
 * machine's name (and NAME.local, its mDNS name) and LAN addresses
 * (lan.h).
 */
#ifndef TEND_HTTPS_H
#define TEND_HTTPS_H

#include <stdbool.h>

#include "cli.h"

/* tend's own certificate folder (above), a new string; NULL when neither
 * XDG_DATA_HOME nor HOME is set to an absolute path. */
char *https_dir(void);

/*
 * Run `serve_exe --cert-only` for o (above) and wait for it. 0 with the
 * absolute paths of the pair in *cert and *key (new strings); else the
 * exit status, the error said (2: the files are not a usable pair).
 */
int https_prepare(const char *serve_exe, const struct tend_opts *o,
    char **cert, char **key);

#endif
