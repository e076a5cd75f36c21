/*
 * secret.c: randomness, hashing, password hashing and encryption at rest,
 * all from OpenSSL.
 *
 * Secrets stored in the database (App Secret, Token, AES key) are sealed with
 * AES-256-GCM under a 32-byte key kept in a file outside the web root and
 * outside the database. Stored form: "v1:" base64(nonce[12] | ciphertext | tag[16]).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "wxdesk.h"

static unsigned char master_key[32];
static int           have_key;

void
rand_bytes(void *p, size_t n)
{
	if (RAND_bytes(p, (int)n) != 1) {
		wx_log("OpenSSL random generator failed");
		abort();
	}
}

static const char hexdig[] = "0123456789abcdef";

static char *
hex(struct pool *p, const unsigned char *d, size_t n)
{
	char *r = pool_alloc(p, 2 * n + 1);

	for (size_t i = 0; i < n; i++) {
		r[2 * i] = hexdig[d[i] >> 4];
		r[2 * i + 1] = hexdig[d[i] & 15];
	}
	return r;
}

char *
rand_hex(struct pool *p, size_t nbytes)
{
	unsigned char b[64];

	if (nbytes > sizeof b)
		nbytes = sizeof b;
	rand_bytes(b, nbytes);
	return hex(p, b, nbytes);
}

/* Uniform letters and digits: rejection sampling, no modulo bias. */
char *
rand_alnum(struct pool *p, size_t n)
{
	static const char set[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	char         *r = pool_alloc(p, n + 1);
	size_t        i = 0;
	unsigned char b[64];

	while (i < n) {
		rand_bytes(b, sizeof b);
		for (size_t j = 0; j < sizeof b && i < n; j++)
			if (b[j] < 248)		/* 248 = 62 * 4 */
				r[i++] = set[b[j] % 62];
	}
	return r;
}

char *
sha256_hex(struct pool *p, const void *d, size_t n)
{
	unsigned char md[SHA256_DIGEST_LENGTH];

	SHA256(d, n, md);
	return hex(p, md, sizeof md);
}

/* 1 when equal; the time taken depends only on the length of b. */
int
ct_streq(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < lb; i++)
		diff |= (unsigned char)(a[i < la ? i : 0] ^ b[i]);
	return diff == 0;
}

char *
b64_encode(struct pool *p, const void *d, size_t n)
{
	char *r = pool_alloc(p, 4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)r, d, (int)n);
	return r;
}

long
b64_decode(const char *s, size_t len, unsigned char *out)
{
	int n, pad = 0;

	if (len == 0)
		return 0;
	if (len % 4 != 0)
		return -1;
	/* EVP_DecodeBlock keeps padding bytes in its count */
	if (s[len - 1] == '=')
		pad++;
	if (len > 1 && s[len - 2] == '=')
		pad++;
	n = EVP_DecodeBlock(out, (const unsigned char *)s, (int)len);
	if (n < 0)
		return -1;
	return n - pad;
}

/* ---- passwords: PBKDF2-HMAC-SHA256, "pbkdf2-sha256$iter$salt$hash" ---- */

char *
pw_hash(struct pool *p, const char *password)
{
	unsigned char salt[16], dk[32];

	rand_bytes(salt, sizeof salt);
	if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, sizeof salt,
	    PW_ITERATIONS, EVP_sha256(), sizeof dk, dk) != 1)
		abort();
	return pool_printf(p, "pbkdf2-sha256$%d$%s$%s", PW_ITERATIONS,
	    hex(p, salt, sizeof salt), hex(p, dk, sizeof dk));
}

static int
unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char c = s[2 * i + k];
			v <<= 4;
			if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
			else return -1;
		}
		out[i] = (unsigned char)v;
	}
	return 0;
}

int
pw_verify(const char *password, const char *stored)
{
	unsigned char salt[16], want[32], got[32];
	long          iter;
	const char   *s1, *s2;
	char         *end;

	if (password == NULL || stored == NULL ||
	    strncmp(stored, "pbkdf2-sha256$", 14) != 0)
		return 0;
	iter = strtol(stored + 14, &end, 10);
	if (*end != '$' || iter < 1 || iter > 100000000)
		return 0;
	s1 = end + 1;
	if ((s2 = strchr(s1, '$')) == NULL || s2 - s1 != 32 || strlen(s2 + 1) != 64)
		return 0;
	if (unhex(s1, salt, 16) || unhex(s2 + 1, want, 32))
		return 0;
	if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, sizeof salt,
	    (int)iter, EVP_sha256(), sizeof got, got) != 1)
		return 0;
	return CRYPTO_memcmp(want, got, sizeof got) == 0;
}

/* ---- the master key and AES-256-GCM ---- */

/*
 * Loads the 32-byte key from path, creating it (mode 0600, O_EXCL so two
 * processes starting together agree on one key) when it does not exist.
 */
int
secret_key_load(const char *path)
{
	int fd;

	if (path == NULL || *path == '\0') {
		wx_log("Secrets.KeyFile is not set");
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd >= 0) {
		unsigned char k[32];
		rand_bytes(k, sizeof k);
		if (write(fd, k, sizeof k) != (ssize_t)sizeof k) {
			wx_log("cannot write key file %s: %s", path, strerror(errno));
			close(fd);
			unlink(path);
			return -1;
		}
		fsync(fd);
		close(fd);
	} else if (errno != EEXIST) {
		wx_log("cannot create key file %s: %s", path, strerror(errno));
		return -1;
	}
	/* read back, waiting briefly in case another process is mid-write */
	for (int tries = 0; tries < 50; tries++) {
		struct stat st;
		if ((fd = open(path, O_RDONLY)) < 0) {
			wx_log("cannot open key file %s: %s", path, strerror(errno));
			return -1;
		}
		if (fstat(fd, &st) == 0 && st.st_size == 32 &&
		    read(fd, master_key, 32) == 32) {
			close(fd);
			if (st.st_mode & 077)
				wx_log("warning: key file %s is readable by others", path);
			have_key = 1;
			return 0;
		}
		close(fd);
		usleep(10000);
	}
	wx_log("key file %s is not 32 bytes", path);
	return -1;
}

char *
secret_encrypt(struct pool *p, const char *plain)
{
	size_t          n = strlen(plain);
	unsigned char  *out = pool_alloc(p, 12 + n + 16);
	EVP_CIPHER_CTX *c;
	int             len, ok;

	if (!have_key)
		abort();	/* a program that stores secrets must load the key */
	rand_bytes(out, 12);
	c = EVP_CIPHER_CTX_new();
	ok = c != NULL &&
	    EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, master_key, out) == 1 &&
	    EVP_EncryptUpdate(c, out + 12, &len, (const unsigned char *)plain, (int)n) == 1 &&
	    EVP_EncryptFinal_ex(c, out + 12 + len, &len) == 1 &&
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, out + 12 + n) == 1;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		abort();
	return pool_printf(p, "v1:%s", b64_encode(p, out, 12 + n + 16));
}

char *
secret_decrypt(struct pool *p, const char *stored)
{
	size_t          slen;
	unsigned char  *raw;
	long            n;
	char           *out = NULL;
	EVP_CIPHER_CTX *c = NULL;
	int             len;

	if (!have_key || stored == NULL || strncmp(stored, "v1:", 3) != 0)
		return NULL;
	slen = strlen(stored + 3);
	raw = pool_alloc(p, slen);
	n = b64_decode(stored + 3, slen, raw);
	if (n < 28)
		return NULL;
	out = pool_alloc(p, (size_t)n - 28 + 1);
	if ((c = EVP_CIPHER_CTX_new()) == NULL ||
	    EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, master_key, raw) != 1 ||
	    EVP_DecryptUpdate(c, (unsigned char *)out, &len, raw + 12, (int)n - 28) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, raw + n - 16) != 1 ||
	    EVP_DecryptFinal_ex(c, (unsigned char *)out + len, &len) != 1)
		out = NULL;
	EVP_CIPHER_CTX_free(c);
	return out;
}

char *
secret_mac_hex(struct pool *p, const char *purpose, const void *d, size_t n)
{
	size_t         plen = strlen(purpose);
	unsigned char *msg = pool_alloc(p, plen + 1 + n), md[32];
	unsigned int   mdlen = 0;

	if (!have_key)
		abort();	/* a program that keeps such codes must load the key */
	memcpy(msg, purpose, plen);
	msg[plen] = 0;	/* purpose and data apart: "a" + "bc" is not "ab" + "c" */
	memcpy(msg + plen + 1, d, n);
	if (HMAC(EVP_sha256(), master_key, sizeof master_key, msg, plen + 1 + n, md,
	    &mdlen) == NULL || mdlen != sizeof md)
		abort();
	return hex(p, md, sizeof md);
}

char *
secret_hmac_hex(struct pool *p, const char *key, const void *d, size_t n)
{
	unsigned char md[32];
	unsigned int  mdlen = 0;

	if (HMAC(EVP_sha256(), key, (int)strlen(key), d, n, md, &mdlen) == NULL ||
	    mdlen != sizeof md)
		abort();
	return hex(p, md, sizeof md);
}

int
secret_same(const char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;

	return a && b && n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}

/* Shows only the last four characters: enough to tell two values apart. */
char *
secret_mask(struct pool *p, const char *plain)
{
	size_t n = plain ? strlen(plain) : 0;

	if (n == 0)
		return pool_strdup(p, "(not set)");
	if (n <= 8)
		return pool_strdup(p, "••••••••");
	return pool_printf(p, "••••••••%s", plain + n - 4);
}
