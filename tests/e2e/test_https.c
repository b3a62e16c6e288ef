/* test_https.c - `tend serve --https`, --cert/--key, and the LAN URLs and
 * QR code of a wildcard --host (in a network namespace of the test's own) */
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <unistd.h>

#include "harness.h"

static struct tend_proc t, holder;
static char *site, *data;

static void
setup(void)
{
	site = make_site();
	data = tmp_dir();
	setenv("XDG_DATA_HOME", data, 1);
}

static void
teardown(void)
{
	tp_teardown(&t, &site);
	if (holder.pid > 0)
		tp_cleanup(&holder);
	if (data) {
		rm_rf(data);
		free(data);
		data = NULL;
	}
}

TestSuite(https, .init = setup, .fini = teardown, .timeout = 60);

/* Collect a response body. */
static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	char **body = arg;
	size_t old = *body ? strlen(*body) : 0;

	*body = realloc(*body, old + size * n + 1);
	memcpy(*body + old, p, size * n);
	(*body)[old + size * n] = '\0';
	return size * n;
}

/*
 * GET url over TLS: the certificate verified against cainfo (a PEM file,
 * the peer's name included), or not at all when cainfo is NULL. resolve:
 * "name:port:address" for curl, or NULL. The status, 0 on a transport or
 * verification error (its message in err).
 */
static long
tls_get(const char *url, const char *cainfo, const char *resolve,
    char **body, char *err)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rs = resolve ? curl_slist_append(NULL, resolve)
					: NULL;
	long status = 0;

	err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
	if (rs)
		curl_easy_setopt(c, CURLOPT_RESOLVE, rs);
	if (cainfo) {
		curl_easy_setopt(c, CURLOPT_CAINFO, cainfo);
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	} else {
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(rs);
	curl_easy_cleanup(c);
	return status;
}

/* `tend serve SITE --port 0 --json-log EXTRA...`, waiting for the listen
 * line; its port. */
static int
serve(const char *const *extra)
{
	tp_serve(&t, site, extra);
	cr_assert(strstr(t.out, "\"url\":\"https://127.0.0.1:"),
	    "the listen URL is not https: %s", t.out);
	return t.port;
}

/* Wait (up to 10 s) for url to answer 200 over TLS with cainfo. */
static void
wait_page(const char *url, const char *cainfo, const char *resolve)
{
	long long end = now_ms() + 10000;
	char err[CURL_ERROR_SIZE];
	long status = 0;

	while (now_ms() < end) {
		char *body = NULL;

		status = tls_get(url, cainfo, resolve, &body, err);
		free(body);
		if (status == 200)
			return;
		poll(NULL, 0, 50);
	}
	cr_assert_fail("%s: status %ld (%s)", url, status, err);
}

/* A plain HTTP request to the TLS port: the connection ends (no hang). */
static void
plain_request_closed(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
		.sin_port = htons((uint16_t)port) };
	static const char req[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	long long end = now_ms() + 10000;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool closed = false;
	char buf[512];

	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	cr_assert_eq(write(fd, req, sizeof req - 1), (ssize_t)sizeof req - 1);
	while (!closed && now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 100) <= 0)
			continue;
		n = read(fd, buf, sizeof buf);
		closed = n <= 0;
		if (n > 0)
			cr_assert(memcmp(buf, "HTTP/", 5),
			    "a plain HTTP answer on the TLS port");
	}
	close(fd);
	cr_assert(closed, "a plain HTTP request kept the connection open");
}

Test(https, own_certificate_made_once_and_verified)
{
	const char *const extra[] = { "--https", NULL };
	char cert[512], key[512], url[128], *first, *again;
	struct stat st;
	int port = serve(extra);

	snprintf(cert, sizeof cert, "%s/tend/cert.pem", data);
	snprintf(key, sizeof key, "%s/tend/key.pem", data);
	cr_assert_eq(stat(key, &st), 0, "no key in %s/tend", data);
	cr_assert_eq(st.st_mode & 0777, 0600, "key mode %o", st.st_mode & 0777);
	cr_assert(tp_wait_err(&t, "made a self-signed certificate", 1000));
	cr_assert(tp_wait_err(&t, "at https://127.0.0.1:", 1000));

	/* verified: the certificate names 127.0.0.1 and localhost */
	snprintf(url, sizeof url, "https://127.0.0.1:%d/", port);
	wait_page(url, cert, NULL);
	snprintf(url, sizeof url, "https://localhost:%d/guide/page.html", port);
	wait_page(url, cert, NULL);

	/* plain HTTP on the TLS port is closed; TLS still served after */
	plain_request_closed(port);
	snprintf(url, sizeof url, "https://127.0.0.1:%d/", port);
	wait_page(url, cert, NULL);

	/* a second run keeps the same certificate */
	first = read_file(data, "tend/cert.pem");
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 10000));
	tp_cleanup(&t);
	serve(extra);
	again = read_file(data, "tend/cert.pem");
	cr_assert_str_eq(first, again, "the certificate was made again");
	cr_assert_null(strstr(t.err, "made a self-signed"));
	free(first);
	free(again);
}

Test(https, remade_for_a_name_it_lacks)
{
	const char *const plain[] = { "--https", NULL };
	const char *const named[] = { "--https", "--allow-host", "dev.test",
		NULL };
	char cert[512], url[128], resolve[128], err[CURL_ERROR_SIZE];
	char *first, *again, *body = NULL;
	int port;

	serve(plain);
	first = read_file(data, "tend/cert.pem");
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 10000));
	tp_cleanup(&t);

	port = serve(named);
	again = read_file(data, "tend/cert.pem");
	cr_assert_str_neq(first, again, "not made anew for dev.test");
	snprintf(cert, sizeof cert, "%s/tend/cert.pem", data);
	snprintf(url, sizeof url, "https://dev.test:%d/", port);
	snprintf(resolve, sizeof resolve, "dev.test:%d:127.0.0.1", port);
	wait_page(url, cert, resolve);
	/* a name it does not hold fails verification */
	snprintf(url, sizeof url, "https://other.test:%d/", port);
	snprintf(resolve, sizeof resolve, "other.test:%d:127.0.0.1", port);
	cr_assert_eq(tls_get(url, cert, resolve, &body, err), 0);
	free(body);
	free(first);
	free(again);
}

/* Make tend's own pair in data/tend (a run of --https) and copy it to
 * data/mine-cert.pem and data/mine-key.pem. */
static void
make_pair(void)
{
	const char *const extra[] = { "--https", NULL };
	char *c, *k, own[512];

	serve(extra);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 10000));
	tp_cleanup(&t);
	c = read_file(data, "tend/cert.pem");
	k = read_file(data, "tend/key.pem");
	write_file(data, "mine-cert.pem", c);
	write_file(data, "mine-key.pem", k);
	free(c);
	free(k);
	snprintf(own, sizeof own, "%s/tend", data);
	rm_rf(own);
}

Test(https, cert_and_key_given)
{
	char cert[512], key[512], url[128];
	int port;

	make_pair();
	snprintf(cert, sizeof cert, "%s/mine-cert.pem", data);
	snprintf(key, sizeof key, "%s/mine-key.pem", data);
	{
		const char *const extra[] = { "--cert", cert, "--key", key,
			NULL };

		port = serve(extra);
	}
	cr_assert(!file_exists(data, "tend"), "tend made its own certificate");
	snprintf(url, sizeof url, "https://127.0.0.1:%d/", port);
	wait_page(url, cert, NULL);
}

/* Run `tend serve SITE ARGS...` and expect exit 2 with one line holding
 * needle on stderr. */
static void
refused(const char *const *args, const char *needle)
{
	const char *argv[16] = { "serve", site, "--port", "0" };
	size_t n = 4, lines = 0;

	for (size_t i = 0; args[i]; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	tp_start(&t, site, argv);
	cr_assert(tp_wait_exit(&t, 10000), "tend did not exit");
	cr_assert(WIFEXITED(t.status) && WEXITSTATUS(t.status) == 2,
	    "status %d; stderr: %s", t.status, t.err);
	cr_assert(strstr(t.err, needle), "'%s' not in: %s", needle, t.err);
	for (const char *p = t.err; *p; p++)
		lines += *p == '\n';
	cr_assert_eq(lines, 1, "not one line: %s", t.err);
	tp_cleanup(&t);
}

Test(https, bad_files_refused)
{
	char cert[512], key[512], missing[512], notpem[512], other[512];

	make_pair();
	snprintf(cert, sizeof cert, "%s/mine-cert.pem", data);
	snprintf(key, sizeof key, "%s/mine-key.pem", data);
	snprintf(missing, sizeof missing, "%s/none.pem", data);
	snprintf(notpem, sizeof notpem, "%s/index.md", site);
	/* another key: make a second own pair */
	{
		const char *const extra[] = { "--https", NULL };
		char *k;

		serve(extra);
		tp_signal_group(&t, SIGINT);
		cr_assert(tp_wait_exit(&t, 10000));
		tp_cleanup(&t);
		k = read_file(data, "tend/key.pem");
		write_file(data, "other-key.pem", k);
		free(k);
		snprintf(other, sizeof other, "%s/other-key.pem", data);
	}
	refused((const char *const[]){ "--cert", missing, "--key", key, NULL },
	    "cannot read the certificate");
	refused((const char *const[]){ "--cert", cert, "--key", missing, NULL },
	    "cannot read the key");
	refused((const char *const[]){ "--cert", notpem, "--key", key, NULL },
	    "is not a PEM certificate");
	refused((const char *const[]){ "--cert", cert, "--key", notpem, NULL },
	    "is not a PEM private key");
	refused((const char *const[]){ "--cert", cert, "--key", other, NULL },
	    "is not the one of the certificate");
	refused((const char *const[]){ "--cert", cert, NULL },
	    "--cert and --key go together");
	refused((const char *const[]){ "--qr", NULL }, "--qr needs --host");
}

/*
 * Move this test's thread (and so the tend it starts, and libcurl's
 * requests) into a network namespace made for it: `unshare -rn` (a user
 * namespace too, so no root is needed) runs a holder that sets up lo and a
 * veth pair: v0 up with 192.0.2.7/24 and 2001:db8::7/64 (and its fe80::
 * link-local address), v1 up with none; v2 down with 198.51.100.9. Never
 * a real interface. Skips where namespaces cannot be made.
 */
static void
in_namespace(const char *script)
{
	const char *const argv[] = { "unshare", "-rn", "sh", "-c", script,
		NULL };
	char path[64];
	int fd;

	tp_exec(&holder, "/", argv);
	if (!tp_wait_out(&holder, "ready", 10000))
		cr_skip_test("cannot make a network namespace here (unshare "
		    "-rn): %s", holder.err);
	snprintf(path, sizeof path, "/proc/%d/ns/net", (int)holder.pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	cr_assert_geq(fd, 0, "%s: %s", path, strerror(errno));
	cr_assert_eq(setns(fd, CLONE_NEWNET), 0, "setns: %s", strerror(errno));
	close(fd);
}

static void
lan_namespace(void)
{
	static const char script[] =
	    "ip link set lo up && "
	    "ip link add v0 type veth peer name v1 && "
	    "ip link add v2 type veth peer name v3 && "
	    "ip addr add 192.0.2.7/24 dev v0 && "
	    "ip -6 addr add 2001:db8::7/64 dev v0 nodad && "
	    "ip addr add 198.51.100.9/24 dev v2 && "
	    "ip link set v0 up && ip link set v1 up && "
	    "echo ready && exec sleep 600";

	in_namespace(script);
}

Test(https, lan_urls_qr_and_certificate, .timeout = 90)
{
	const char *const extra[] = { "--host", "0.0.0.0", "--https", "--qr",
		NULL };
	char want[128], url[128], cert[512], err[CURL_ERROR_SIZE];
	char *body = NULL;
	int port;

	lan_namespace();
	setenv("LANG", "C.UTF-8", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	port = serve(extra);
	snprintf(want, sizeof want, "on the network: https://192.0.2.7:%d/",
	    port);
	cr_assert(tp_wait_err(&t, want, 5000), "no '%s' in: %s", want, t.err);
	cr_assert(tp_wait_err(&t, "\u2588\u2588\u2588\u2588", 1000),
	    "no QR code in half blocks: %s", t.err);
	cr_assert_null(strstr(t.err, "198.51.100.9"), "a down interface");
	cr_assert_null(strstr(t.err, "2001:db8"), "IPv6 on 0.0.0.0");
	cr_assert_null(strstr(t.err, "fe80"), "a link-local address");

	/* the certificate names the LAN address; the Host check takes it */
	snprintf(cert, sizeof cert, "%s/tend/cert.pem", data);
	snprintf(url, sizeof url, "https://192.0.2.7:%d/", port);
	wait_page(url, cert, NULL);
	cr_assert_eq(tls_get(url, cert, NULL, &body, err), 200, "%s", err);
	cr_assert(strstr(body, "<html"));
	free(body);
	tp_signal_group(&t, SIGINT);
	cr_assert(tp_wait_exit(&t, 10000));
	tp_cleanup(&t);
}

Test(https, lan_urls_ipv6_ascii_qr, .timeout = 90)
{
	const char *const extra[] = { "--host", "::", "--qr", NULL };
	char want[128];
	int port;

	lan_namespace();
	setenv("LANG", "C", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	tp_serve(&t, site, extra);
	port = t.port;
	snprintf(want, sizeof want, "on the network: http://[2001:db8::7]:%d/",
	    port);
	cr_assert(tp_wait_err(&t, want, 5000), "no '%s' in: %s", want, t.err);
	cr_assert(tp_wait_err(&t, "########", 1000), "no ASCII QR code: %s",
	    t.err);
	cr_assert_null(strstr(t.err, "\u2588"), "half blocks in the C locale");
	cr_assert_null(strstr(t.err, "192.0.2.7"), "IPv4 on ::");
	cr_assert_null(strstr(t.err, "fe80"), "a link-local address");
}

Test(https, qr_of_a_specific_host, .timeout = 90)
{
	const char *const extra[] = { "--host", "192.0.2.7", "--qr", NULL };
	char want[128];

	lan_namespace();
	setenv("LANG", "C", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	tp_serve(&t, site, extra);
	snprintf(want, sizeof want, "scan to open http://192.0.2.7:%d/",
	    t.port);
	cr_assert(tp_wait_err(&t, want, 5000), "no '%s' in: %s", want, t.err);
	cr_assert(tp_wait_err(&t, "########", 1000), "no QR code: %s", t.err);
	cr_assert_null(strstr(t.err, "on the network:"), "not a wildcard");
}

Test(https, no_lan_address, .timeout = 90)
{
	const char *const extra[] = { "--host", "0.0.0.0", "--qr", NULL };

	in_namespace("ip link set lo up && echo ready && exec sleep 600");
	tp_serve(&t, site, extra);
	cr_assert(tp_wait_err(&t, "no network address is up", 5000), "%s",
	    t.err);
	cr_assert_null(strstr(t.err, "scan to open"));
	cr_assert(http_wait_body(t.url, "<html", 10000), "not served");
}
