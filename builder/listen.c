/* listen.c - binding the server's socket */
#include "listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "xalloc.h"
#include "banned.h"

/* Bind one address; the fd, or -1 with errno. */
static int
bind_one(const struct addrinfo *ai)
{
	int one = 1, fd;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
	    ai->ai_protocol);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, LISTEN_BACKLOG) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* The port fd is bound to. */
static int
bound_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* Bind host:port: fd, or -1 with errno (a resolver failure gives *gai). */
static int
bind_port(const char *host, int port, int *gai)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE | AI_NUMERICSERV };
	struct addrinfo *res;
	char service[16];
	int fd;

	snprintf(service, sizeof service, "%d", port);
	*gai = getaddrinfo(host, service, &hints, &res);
	if (*gai)
		return -1;
	fd = bind_one(res);
	freeaddrinfo(res);
	return fd;
}

int
listen_open(const char *host, int port, bool try_next, int *bound,
    char *err, size_t errlen)
{
	int tries = try_next && port ? LISTEN_TRY_NEXT : 1, gai = 0;

	if (tries > 65535 - port + 1)	/* the range ends at 65535 */
		tries = 65535 - port + 1;
	for (int i = 0; i < tries; i++) {
		int fd = bind_port(host, port + i, &gai);

		if (fd >= 0) {
			*bound = bound_port(fd);
			return fd;
		}
		if (gai || errno != EADDRINUSE)
			break;
	}
	if (gai)
		snprintf(err, errlen, "cannot use address '%s': %s", host,
		    gai_strerror(gai));
	else if (tries > 1 && errno == EADDRINUSE)
		snprintf(err, errlen, "ports %d to %d on %s are all busy",
		    port, port + tries - 1, host);
	else
		snprintf(err, errlen, "cannot listen on %s port %d: %s", host,
		    port, strerror(errno));
	return -1;
}

char *
listen_url(const char *host, int port, const char *base)
{
	base = base ? base : "/";
	if (!strcmp(host, "0.0.0.0"))
		host = "127.0.0.1";
	if (!strcmp(host, "::"))
		host = "::1";
	if (strchr(host, ':'))
		return xasprintf("http://[%s]:%d%s", host, port, base);
	return xasprintf("http://%s:%d%s", host, port, base);
}

bool
listen_is_public(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (!strcmp(host, "localhost"))
		return false;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) != 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return !IN6_IS_ADDR_LOOPBACK(&a6);
	return true;
}

void
listen_json(const char *url, int port, const char *host)
{
	json_begin("listen");
	json_str("url", url);
	json_int("port", port);
	json_str("host", host);
	json_int("pid", getpid());
	json_end();
}
