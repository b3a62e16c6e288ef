/*
 * browser.h - open the served URL in the desktop's default browser
 * (`tend serve --open`), with xdg-open.
 *
 * xdg-open runs detached: in a session of its own (the terminal's Ctrl-C
 * and tend's stop never reach the browser it starts), with stdin, stdout and
 * stderr on /dev/null, and as a grandchild that init adopts (spawn.h's
 * detach), so tend has no child to reap and does not wait for the browser.
 */
#ifndef TEND_BROWSER_H
#define TEND_BROWSER_H

/*
 * Start `xdg-open url` (xdg-open looked up in $PATH) and return without
 * waiting for it. 0, or -1 with errno: ENOENT if there is no executable
 * xdg-open in $PATH, else that of the fork or the exec. Nothing is printed.
 */
int browser_open(const char *url);

#endif
