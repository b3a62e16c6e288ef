/* cert.c - tend's self-signed certificate, and checking a user's pair */
#include "cert.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"
#include "banned.h"

/* A PEM file larger than this is not one we wrote or would use. */
#define PEM_MAX (1 << 20)
/* An own certificate this close to its end is made anew. */
#define RENEW_MARGIN_S (24 * 3600)
/* Its start is set this far back, for clocks a little behind ours. */
#define BACKDATE_S 3600

/* Read path (a PEM file, what names it) into *data; 0 or -1 with err. */
static int
read_pem(const char *path, const char *what, char **data, char *err,
    size_t errlen)
{
	struct stat st;
	size_t len;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0) {
		snprintf(err, errlen, "cannot read %s '%s': %s", what, path,
		    strerror(errno));
		return -1;
	}
	rc = fs_read_fd_max(fd, PEM_MAX, data, &len, &st);
	close(fd);
	if (rc < 0) {
		snprintf(err, errlen, "cannot read %s '%s': %s", what, path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* The parsed pair, and whether it was read. */
struct pair {
	gnutls_x509_crt_t crt;
	gnutls_x509_privkey_t key;
};

static void
pair_release(struct pair *p)
{
	if (p->crt)
		gnutls_x509_crt_deinit(p->crt);
	if (p->key)
		gnutls_x509_privkey_deinit(p->key);
	p->crt = NULL;
	p->key = NULL;
}

/* Parse the certificate and key PEM and check that they belong together:
 * 0, or -1 with a message naming the file at fault. */
static int
pair_parse(struct pair *p, const char *cert, const char *key,
    const char *cert_pem, const char *key_pem, char *err, size_t errlen)
{
	gnutls_datum_t c = { (unsigned char *)cert_pem,
		(unsigned)strlen(cert_pem) };
	gnutls_datum_t k = { (unsigned char *)key_pem,
		(unsigned)strlen(key_pem) };
	unsigned char cid[64], kid[64];
	size_t clen = sizeof cid, klen = sizeof kid;
	int rc;

	if (gnutls_x509_crt_init(&p->crt) < 0 ||
	    gnutls_x509_privkey_init(&p->key) < 0) {
		snprintf(err, errlen, "cannot set up gnutls");
		return -1;
	}
	rc = gnutls_x509_crt_import(p->crt, &c, GNUTLS_X509_FMT_PEM);
	if (rc < 0) {
		snprintf(err, errlen, "'%s' is not a PEM certificate: %s",
		    cert, gnutls_strerror(rc));
		return -1;
	}
	rc = gnutls_x509_privkey_import2(p->key, &k, GNUTLS_X509_FMT_PEM,
	    NULL, GNUTLS_PKCS_PLAIN);
	if (rc < 0) {
		snprintf(err, errlen, "'%s' is not a PEM private key without "
		    "a password: %s", key, gnutls_strerror(rc));
		return -1;
	}
	if (gnutls_x509_crt_get_key_id(p->crt, 0, cid, &clen) < 0 ||
	    gnutls_x509_privkey_get_key_id(p->key, 0, kid, &klen) < 0 ||
	    clen != klen || memcmp(cid, kid, clen)) {
		snprintf(err, errlen, "the key '%s' is not the one of the "
		    "certificate '%s'", key, cert);
		return -1;
	}
	return 0;
}

/* Read and check the pair of files: 0, or -1 with err. */
static int
pair_read(struct pair *p, const char *cert, const char *key, char *err,
    size_t errlen)
{
	char *cert_pem = NULL, *key_pem = NULL;
	int rc = -1;

	if (read_pem(cert, "the certificate", &cert_pem, err, errlen) == 0 &&
	    read_pem(key, "the key", &key_pem, err, errlen) == 0)
		rc = pair_parse(p, cert, key, cert_pem, key_pem, err, errlen);
	if (key_pem)
		gnutls_memset(key_pem, 0, strlen(key_pem));
	free(cert_pem);
	free(key_pem);
	return rc;
}

/* Is name an IP address? Its bytes in addr and their count, else 0. */
static size_t
ip_bytes(const char *name, unsigned char addr[16])
{
	if (inet_pton(AF_INET, name, addr) == 1)
		return 4;
	if (inet_pton(AF_INET6, name, addr) == 1)
		return 16;
	return 0;
}

/* Does the certificate hold name (an IP address or a host name)? */
static bool
holds_name(gnutls_x509_crt_t crt, const char *name)
{
	unsigned char addr[16];
	size_t n = ip_bytes(name, addr);

	if (n)
		return gnutls_x509_crt_check_ip(crt, addr, (unsigned)n, 0);
	return gnutls_x509_crt_check_hostname2(crt, name,
	    GNUTLS_VERIFY_DO_NOT_ALLOW_WILDCARDS);
}

/* Is our own pair at the paths fit to use for rq's names (cert.h)? */
static bool
own_pair_usable(const struct cert_request *rq)
{
	struct pair p = { NULL, NULL };
	struct stat st;
	char err[256];
	time_t now = time(NULL);
	bool ok = false;

	if (stat(rq->key, &st) < 0 || (st.st_mode & 077))
		return false;	/* missing, or others could read it */
	if (pair_read(&p, rq->cert, rq->key, err, sizeof err) < 0)
		goto out;
	if (gnutls_x509_crt_get_expiration_time(p.crt) < now + RENEW_MARGIN_S ||
	    gnutls_x509_crt_get_activation_time(p.crt) > now)
		goto out;
	for (size_t i = 0; i < rq->count; i++)
		if (!holds_name(p.crt, rq->names[i]))
			goto out;
	ok = true;
out:
	pair_release(&p);
	return ok;
}

/* Add the names as subject alternative names; a gnutls error or 0. */
static int
add_names(gnutls_x509_crt_t crt, const struct cert_request *rq)
{
	for (size_t i = 0; i < rq->count; i++) {
		unsigned char addr[16];
		size_t n = ip_bytes(rq->names[i], addr);
		int rc;

		if (n)
			rc = gnutls_x509_crt_set_subject_alt_name(crt,
			    GNUTLS_SAN_IPADDRESS, addr, (unsigned)n,
			    GNUTLS_FSAN_APPEND);
		else
			rc = gnutls_x509_crt_set_subject_alt_name(crt,
			    GNUTLS_SAN_DNSNAME, rq->names[i],
			    (unsigned)strlen(rq->names[i]), GNUTLS_FSAN_APPEND);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Make a new key and a self-signed certificate for it; a gnutls error
 * code, or 0. */
static int
make_pair(struct pair *p, const struct cert_request *rq)
{
	static const char cn[] = "tend dev server";
	unsigned char serial[16];
	time_t now = time(NULL);
	int rc;

	if ((rc = gnutls_x509_privkey_init(&p->key)) < 0 ||
	    (rc = gnutls_x509_privkey_generate(p->key, GNUTLS_PK_ECDSA,
	    GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0)) < 0 ||
	    (rc = gnutls_x509_crt_init(&p->crt)) < 0 ||
	    (rc = gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof serial)) < 0)
		return rc;
	serial[0] &= 0x7f;	/* a positive serial number */
	if ((rc = gnutls_x509_crt_set_version(p->crt, 3)) < 0 ||
	    (rc = gnutls_x509_crt_set_serial(p->crt, serial,
	    sizeof serial)) < 0 ||
	    (rc = gnutls_x509_crt_set_dn_by_oid(p->crt,
	    GNUTLS_OID_X520_COMMON_NAME, 0, cn, sizeof cn - 1)) < 0 ||
	    (rc = gnutls_x509_crt_set_activation_time(p->crt,
	    now - BACKDATE_S)) < 0 ||
	    (rc = gnutls_x509_crt_set_expiration_time(p->crt,
	    now + (time_t)CERT_DAYS * 24 * 3600)) < 0 ||
	    (rc = gnutls_x509_crt_set_key(p->crt, p->key)) < 0 ||
	    (rc = add_names(p->crt, rq)) < 0 ||
	    (rc = gnutls_x509_crt_set_basic_constraints(p->crt, 0, -1)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_usage(p->crt,
	    GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
	    (rc = gnutls_x509_crt_set_key_purpose_oid(p->crt,
	    GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0)
		return rc;
	return gnutls_x509_crt_sign2(p->crt, p->crt, p->key,
	    GNUTLS_DIG_SHA256, 0);
}

/* Make the folders of path (0700) that are missing; 0 or -1 with errno. */
static int
make_parents(const char *path)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *s = strchr(dir + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = '/';
	}
	free(dir);
	return rc;
}

/* Write data to path through a temporary file renamed over it, with
 * exactly mode; 0 or -1 with errno. */
static int
write_file(const char *path, const gnutls_datum_t *data, mode_t mode)
{
	char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd, saved;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    mode);
	if (fd < 0)
		goto fail;
	if (fchmod(fd, mode) < 0 ||
	    fs_write_all(fd, data->data, data->size) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail_unlink;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0)
		goto fail_unlink;
	free(tmp);
	return 0;
fail_unlink:
	saved = errno;
	unlink(tmp);
	errno = saved;
fail:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

/* Make and write our own pair; 0, or -1 with err. */
static int
make_own(const struct cert_request *rq, char *err, size_t errlen)
{
	struct pair p = { NULL, NULL };
	gnutls_datum_t c = { NULL, 0 }, k = { NULL, 0 };
	const char *fail = NULL;
	int rc;

	rc = make_pair(&p, rq);
	if (rc == 0)
		rc = gnutls_x509_privkey_export2(p.key, GNUTLS_X509_FMT_PEM, &k);
	if (rc == 0)
		rc = gnutls_x509_crt_export2(p.crt, GNUTLS_X509_FMT_PEM, &c);
	if (rc < 0) {
		snprintf(err, errlen, "cannot make a certificate: %s",
		    gnutls_strerror(rc));
		goto out;
	}
	if (make_parents(rq->key) < 0)
		fail = rq->key;
	else if (write_file(rq->key, &k, 0600) < 0)
		fail = rq->key;
	else if (make_parents(rq->cert) < 0 ||
	    write_file(rq->cert, &c, 0644) < 0)
		fail = rq->cert;
	if (fail) {
		snprintf(err, errlen, "cannot write '%s': %s", fail,
		    strerror(errno));
		rc = -1;
	}
out:
	if (k.data) {
		gnutls_memset(k.data, 0, k.size);
		gnutls_free(k.data);
	}
	gnutls_free(c.data);
	pair_release(&p);
	return rc < 0 ? -1 : 0;
}

int
cert_prepare(const struct cert_request *rq, bool *made, char *err,
    size_t errlen)
{
	struct pair p = { NULL, NULL };
	int rc;

	*made = false;
	if (rq->make) {
		if (own_pair_usable(rq))
			return 0;
		*made = true;
		return make_own(rq, err, errlen);
	}
	rc = pair_read(&p, rq->cert, rq->key, err, errlen);
	pair_release(&p);
	return rc;
}

int
cert_load(const char *cert, const char *key, char **cert_pem,
    char **key_pem, char *err, size_t errlen)
{
	*cert_pem = NULL;
	*key_pem = NULL;
	if (read_pem(cert, "the certificate", cert_pem, err, errlen) < 0)
		return -1;
	if (read_pem(key, "the key", key_pem, err, errlen) < 0) {
		free(*cert_pem);
		*cert_pem = NULL;
		return -1;
	}
	return 0;
}
