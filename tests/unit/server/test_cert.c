/* test_cert.c - tend's own certificate: made, kept, made anew; a user's
 * pair checked */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cert.h"
#include "fsutil.h"

static char *dir, cert[512], key[512];
static const char *names[] = { "localhost", "127.0.0.1", "::1",
	"192.0.2.7", "dev.test" };

static void
setup(void)
{
	dir = fs_mkdtemp("tend-cert");
	cr_assert_not_null(dir);
	snprintf(cert, sizeof cert, "%s/sub/cert.pem", dir);
	snprintf(key, sizeof key, "%s/sub/key.pem", dir);
}

static void
teardown(void)
{
	fs_remove_tree(AT_FDCWD, dir);
	free(dir);
}

TestSuite(cert, .init = setup, .fini = teardown, .timeout = 30);

/* Prepare our own pair for the first n names; whether it was made. */
static bool
prepare(size_t n)
{
	struct cert_request rq = { .cert = cert, .key = key, .make = true,
		.names = names, .count = n };
	char err[512] = "";
	bool made;

	cr_assert_eq(cert_prepare(&rq, &made, err, sizeof err), 0, "%s", err);
	return made;
}

static char *
slurp(const char *path)
{
	char *data = NULL;
	size_t len;

	cr_assert_eq(fs_read_file(AT_FDCWD, path, &data, &len), 0, "%s", path);
	return data;
}

/* The certificate at cert, parsed. */
static gnutls_x509_crt_t
parsed(void)
{
	char *pem = slurp(cert);
	gnutls_datum_t d = { (unsigned char *)pem, (unsigned)strlen(pem) };
	gnutls_x509_crt_t crt;

	cr_assert_eq(gnutls_x509_crt_init(&crt), 0);
	cr_assert_eq(gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_PEM), 0);
	free(pem);
	return crt;
}

Test(cert, made_once_with_its_names)
{
	gnutls_x509_crt_t crt;
	unsigned char ip[4] = { 192, 0, 2, 7 };
	struct stat st;
	char *first, *again;
	time_t now = time(NULL);

	cr_assert(prepare(5), "not made");
	cr_assert_eq(stat(key, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	crt = parsed();
	cr_expect(gnutls_x509_crt_check_hostname(crt, "localhost"));
	cr_expect(gnutls_x509_crt_check_hostname(crt, "dev.test"));
	cr_expect(gnutls_x509_crt_check_ip(crt, ip, 4, 0));
	cr_expect_not(gnutls_x509_crt_check_hostname(crt, "other.test"));
	cr_expect_gt(gnutls_x509_crt_get_expiration_time(crt),
	    now + (CERT_DAYS - 1) * 24 * 3600);
	gnutls_x509_crt_deinit(crt);

	first = slurp(cert);
	cr_expect_not(prepare(5), "made again");
	cr_expect_not(prepare(3), "made again for fewer names");
	again = slurp(cert);
	cr_expect_str_eq(first, again);
	free(first);
	free(again);
}

Test(cert, made_anew_for_a_new_name)
{
	cr_assert(prepare(3));
	cr_expect(prepare(5), "kept without 192.0.2.7 and dev.test");
	cr_expect_not(prepare(5));
}

Test(cert, made_anew_when_the_key_is_readable_by_others)
{
	cr_assert(prepare(3));
	cr_assert_eq(chmod(key, 0644), 0);
	cr_expect(prepare(3));
	cr_expect_not(prepare(3));
}

Test(cert, made_anew_when_broken)
{
	FILE *f;

	cr_assert(prepare(3));
	f = fopen(cert, "w");
	fputs("-----BEGIN CERTIFICATE-----\nnot base64\n", f);
	fclose(f);
	cr_expect(prepare(3));
	unlink(key);
	cr_expect(prepare(3));
}

/* Replace the certificate by one for the same key and names that
 * expired a year ago. */
static void
write_expired(void)
{
	char *pem = slurp(key);
	gnutls_datum_t d = { (unsigned char *)pem, (unsigned)strlen(pem) }, out;
	gnutls_x509_privkey_t k;
	gnutls_x509_crt_t crt = parsed();
	time_t now = time(NULL);
	FILE *f;

	cr_assert_eq(gnutls_x509_privkey_init(&k), 0);
	cr_assert_eq(gnutls_x509_privkey_import(k, &d, GNUTLS_X509_FMT_PEM), 0);
	cr_assert_eq(gnutls_x509_crt_set_activation_time(crt,
	    now - 2 * 365 * 24 * 3600), 0);
	cr_assert_eq(gnutls_x509_crt_set_expiration_time(crt,
	    now - 365 * 24 * 3600), 0);
	cr_assert_eq(gnutls_x509_crt_sign2(crt, crt, k, GNUTLS_DIG_SHA256, 0),
	    0);
	cr_assert_eq(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &out),
	    0);
	f = fopen(cert, "w");
	fwrite(out.data, 1, out.size, f);
	fclose(f);
	gnutls_free(out.data);
	gnutls_x509_crt_deinit(crt);
	gnutls_x509_privkey_deinit(k);
	free(pem);
}

Test(cert, made_anew_when_expired)
{
	gnutls_x509_crt_t crt;

	cr_assert(prepare(3));
	write_expired();
	crt = parsed();
	cr_assert_lt(gnutls_x509_crt_get_expiration_time(crt), time(NULL));
	gnutls_x509_crt_deinit(crt);
	cr_expect(prepare(3), "an expired certificate was kept");
	crt = parsed();
	cr_expect_gt(gnutls_x509_crt_get_expiration_time(crt), time(NULL));
	gnutls_x509_crt_deinit(crt);
}

Test(cert, users_pair_checked_not_made)
{
	struct cert_request rq = { .cert = cert, .key = key };
	char err[512] = "", other[600];
	bool made;

	cr_expect_eq(cert_prepare(&rq, &made, err, sizeof err), -1);
	cr_expect(strstr(err, "cannot read the certificate"), "%s", err);
	cr_expect_not(made);
	cr_assert(prepare(3));
	cr_expect_eq(cert_prepare(&rq, &made, err, sizeof err), 0, "%s", err);
	cr_expect_not(made);
	/* another pair's key */
	snprintf(other, sizeof other, "%s/other.pem", dir);
	cr_assert_eq(rename(key, other), 0);
	cr_assert(prepare(3));
	rq.key = other;
	cr_expect_eq(cert_prepare(&rq, &made, err, sizeof err), -1);
	cr_expect(strstr(err, "is not the one of the certificate"), "%s", err);
	cr_expect_null(strchr(err, '\n'));
}
