/* test_secret.c: hashing, passwords, encryption at rest, random tokens. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "../../src/wxdesk.h"
#include "tap.h"

int
main(void)
{
	struct pool p = { 0 };
	char        keyfile[] = "/tmp/wxdesk-test-key-XXXXXX";
	int         fd = mkstemp(keyfile);
	struct stat st;

	close(fd);
	unlink(keyfile);	/* secret_key_load must create it */

	CHECK_STR(sha256_hex(&p, "abc", 3),
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK(ct_streq("abc", "abc") && !ct_streq("abc", "abd") &&
	    !ct_streq("ab", "abc") && !ct_streq("abcd", "abc") && !ct_streq(NULL, "a"),
	    "constant-time compare");

	const char *h = pw_hash(&p, "correct horse");
	CHECK(strncmp(h, "pbkdf2-sha256$600000$", 21) == 0, "hash format %s", h);
	CHECK(pw_verify("correct horse", h) == 1, "right password");
	CHECK(pw_verify("correct horsE", h) == 0, "wrong password");
	CHECK(pw_verify("x", "plain") == 0 && pw_verify("x", NULL) == 0, "junk hash");
	CHECK(strcmp(pw_hash(&p, "correct horse"), h) != 0, "salted");

	CHECK(secret_key_load(keyfile) == 0, "key created");
	CHECK(stat(keyfile, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_size == 32,
	    "key file 0600, 32 bytes");
	char *enc = secret_encrypt(&p, "app-secret-值");
	CHECK(strncmp(enc, "v1:", 3) == 0 && strstr(enc, "app-secret") == NULL, "sealed");
	CHECK_STR(secret_decrypt(&p, enc), "app-secret-值");
	CHECK(strcmp(secret_encrypt(&p, "app-secret-值"), enc) != 0, "fresh nonce each time");
	enc[10] = enc[10] == 'A' ? 'B' : 'A';
	CHECK(secret_decrypt(&p, enc) == NULL, "tampering detected");
	CHECK(secret_decrypt(&p, "v1:") == NULL && secret_decrypt(&p, "zz") == NULL,
	    "junk refused");
	CHECK(secret_key_load(keyfile) == 0, "existing key loads");
	CHECK_STR(secret_decrypt(&p, secret_encrypt(&p, "")), "");

	CHECK_STR(secret_mask(&p, "0123456789abcdef"), "••••••••cdef");
	CHECK_STR(secret_mask(&p, "short"), "••••••••");
	CHECK_STR(secret_mask(&p, ""), "(not set)");

	char *t = rand_alnum(&p, 43);
	CHECK(strlen(t) == 43 && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789") == 43, "alnum token");
	CHECK(strlen(rand_hex(&p, 32)) == 64, "hex token");
	CHECK(strcmp(rand_hex(&p, 16), rand_hex(&p, 16)) != 0, "tokens differ");

	unsigned char out[64];
	CHECK(b64_decode("aGVsbG8=", 8, out) == 5 && memcmp(out, "hello", 5) == 0, "b64");
	CHECK_STR(b64_encode(&p, "hello", 5), "aGVsbG8=");
	CHECK(b64_decode("abc", 3, out) == -1, "bad length");
	unlink(keyfile);
	pool_free(&p);
	return tap_done();
}
