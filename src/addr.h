/*
 * addr.h: client addresses: matching an address against a list of addresses
 * and networks, and finding the client behind trusted proxies.
 */
#ifndef WXDESK_ADDR_H
#define WXDESK_ADDR_H

#include "wxdesk.h"

/*
 * 1 when addr (IPv4 or IPv6 text) is in list: addresses or CIDR networks
 * ("10.0.0.0/8", "::1", "2001:db8::/32"), separated by commas or spaces.
 * An IPv4-mapped IPv6 address ("::ffff:10.1.2.3") matches as its IPv4 form.
 * 0 for a NULL or malformed address, and for entries that do not parse.
 */
int addr_in(const char *addr, const char *list);

/*
 * The client's address for a connection from peer carrying the header
 * X-Forwarded-For xff (NULL when absent), with trusted the configured proxies
 * (Proxy.Trusted). Only a peer in trusted has its header read: the rightmost
 * address in it that is not itself a trusted proxy is the client; a malformed
 * entry stops the walk at the hop that reported it. Otherwise peer. The
 * result is peer itself or allocated in p.
 */
const char *addr_client(struct pool *p, const char *peer, const char *xff,
	const char *trusted);

/*
 * Why WeChat could not call url (a catalogue key: wiz.url_scheme,
 * wiz.url_private, wiz.url_port), or NULL when nothing in the address stops
 * it: WeChat calls a public host on port 80 (http) or 443 (https) only.
 */
const char *addr_url_unreachable(const char *url);

#endif
