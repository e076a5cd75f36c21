/* addr.c: client addresses: lists of addresses and networks, and the client behind trusted proxies. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

/* an address in 16 bytes (IPv4 as ::ffff:a.b.c.d) and its family's bit offset */
struct ip {
	unsigned char b[16];
	int           v4;
};

/* parses n bytes of s as an address; 0 or -1 */
static int
ip_parse(const char *s, size_t n, struct ip *ip)
{
	char             t[INET6_ADDRSTRLEN + 1];
	struct in_addr   a4;
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (n == 0 || n >= sizeof t)
		return -1;
	memcpy(t, s, n);
	t[n] = '\0';
	memset(ip, 0, sizeof *ip);
	if (inet_pton(AF_INET, t, &a4) == 1) {
		memcpy(ip->b, mapped, 12);
		memcpy(ip->b + 12, &a4, 4);
		ip->v4 = 1;
		return 0;
	}
	if (inet_pton(AF_INET6, t, ip->b) != 1)
		return -1;
	ip->v4 = memcmp(ip->b, mapped, 12) == 0;
	return 0;
}

/* 1 when the first bits of a and b agree */
static int
prefix_eq(const struct ip *a, const struct ip *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a->b, b->b, (size_t)whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	unsigned char m = (unsigned char)(0xff << (8 - rest));
	return (a->b[whole] & m) == (b->b[whole] & m);
}

/* 1 when ip is in the entry s (n bytes): an address or a network */
static int
entry_has(const char *s, size_t n, const struct ip *ip)
{
	const char *slash = memchr(s, '/', n);
	struct ip   net;
	int         bits;

	if (ip_parse(s, slash ? (size_t)(slash - s) : n, &net) != 0)
		return 0;
	if (slash == NULL)
		return memcmp(net.b, ip->b, 16) == 0;
	bits = 0;
	for (const char *d = slash + 1; d < s + n; d++) {
		if (*d < '0' || *d > '9' || bits > 128)
			return 0;
		bits = bits * 10 + (*d - '0');
	}
	if (slash + 1 == s + n || bits > (net.v4 ? 32 : 128))
		return 0;
	return prefix_eq(&net, ip, net.v4 ? 96 + bits : bits);
}

static int
in_list(const struct ip *ip, const char *list)
{
	for (const char *p = list ? list : ""; *p; ) {
		size_t len = strcspn(p, ", \t");
		if (len && entry_has(p, len, ip))
			return 1;
		p += len;
		p += strspn(p, ", \t");
	}
	return 0;
}

int
addr_in(const char *addr, const char *list)
{
	struct ip ip;

	if (addr == NULL || ip_parse(addr, strlen(addr), &ip) != 0)
		return 0;
	return in_list(&ip, list);
}

const char *
addr_client(struct pool *p, const char *peer, const char *xff, const char *trusted)
{
	const char *client = peer;
	struct ip   ip;

	if (xff == NULL || trusted == NULL || *trusted == '\0' || !addr_in(peer, trusted))
		return peer;
	/* from the right: each hop was added by the one before it */
	for (const char *end = xff + strlen(xff); end > xff; ) {
		const char *start = end;
		while (start > xff && start[-1] != ',')
			start--;
		const char *a = start, *z = end;
		while (a < z && (*a == ' ' || *a == '\t'))
			a++;
		while (z > a && (z[-1] == ' ' || z[-1] == '\t'))
			z--;
		if (ip_parse(a, (size_t)(z - a), &ip) != 0)
			break;	/* not an address: the hop that wrote it is as far as we trust */
		client = pool_strndup(p, a, (size_t)(z - a));
		if (!in_list(&ip, trusted))
			break;
		end = start > xff ? start - 1 : xff;
	}
	return client;
}

/*
 * Why WeChat could not call url, as a catalogue key, or NULL when nothing in
 * the address itself stops it. WeChat's servers call a public host, by
 * domain or address, on port 80 (http) or 443 (https) only.
 */
const char *
addr_url_unreachable(const char *url)
{
	static const char *const private_nets = "127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, "
	    "192.168.0.0/16, 169.254.0.0/16, 100.64.0.0/10, 0.0.0.0/8, ::1/128, fc00::/7, "
	    "fe80::/10";
	const char *host, *end, *port = NULL;
	int         https;
	char        h[256];
	size_t      n;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
		return "wiz.url_scheme";
	https = url[4] == 's';
	host = url + (https ? 8 : 7);
	if (*host == '[') {
		if ((end = strchr(host, ']')) == NULL)
			return "wiz.url_scheme";
		n = (size_t)(end - host - 1);
		host++;
		port = end[1] == ':' ? end + 2 : NULL;
	} else {
		end = host + strcspn(host, ":/?#");
		n = (size_t)(end - host);
		port = *end == ':' ? end + 1 : NULL;
	}
	if (n == 0 || n >= sizeof h)
		return "wiz.url_scheme";
	memcpy(h, host, n);
	h[n] = '\0';
	for (char *c = h; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (strcmp(h, "localhost") == 0 || (n > 10 && strcmp(h + n - 10, ".localhost") == 0) ||
	    (n > 6 && strcmp(h + n - 6, ".local") == 0) || addr_in(h, private_nets))
		return "wiz.url_private";
	if (port && atoi(port) != (https ? 443 : 80))
		return "wiz.url_port";
	return NULL;
}
