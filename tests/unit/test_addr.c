/* test_addr.c: address lists (addresses, IPv4 and IPv6 networks) and the client behind trusted proxies. */
#include "../../src/addr.h"
#include "tap.h"

int
main(void)
{
	struct pool p = { 0 };
	const char *T = "127.0.0.1, 10.0.0.0/8 2001:db8::/32,::1";

	/* lists */
	CHECK(addr_in("127.0.0.1", T), "an address listed");
	CHECK(!addr_in("127.0.0.2", T), "an address not listed");
	CHECK(addr_in("10.200.3.4", T), "in an IPv4 network");
	CHECK(!addr_in("11.0.0.1", T), "outside it");
	CHECK(addr_in("2001:db8:1::5", T), "in an IPv6 network");
	CHECK(!addr_in("2001:db9::5", T), "outside it");
	CHECK(addr_in("::1", T), "IPv6 loopback listed");
	CHECK(addr_in("::ffff:10.1.2.3", T), "an IPv4-mapped address matches its IPv4 network");
	CHECK(addr_in("::ffff:127.0.0.1", "127.0.0.1"), "…and its IPv4 address");
	CHECK(!addr_in("::ffff:127.0.0.1", "::1"), "…and not another IPv6 one");
	CHECK(addr_in("192.168.1.77", "192.168.1.64/27"), "a /27 holds .77");
	CHECK(!addr_in("192.168.1.96", "192.168.1.64/27"), "…not .96");
	CHECK(addr_in("8.8.8.8", "0.0.0.0/0"), "/0 holds everything of its family");
	CHECK(!addr_in("8.8.8.8", "10.0.0.0/33, 10.0.0.0/x, 10.0.0.0/, nonsense"), "malformed entries match nothing");
	CHECK(!addr_in("not-an-address", T), "a malformed address is in no list");
	CHECK(!addr_in(NULL, T), "no address is in no list");
	CHECK(!addr_in("127.0.0.1", ""), "an empty list holds nothing");
	CHECK(!addr_in("127.0.0.1", NULL), "…nor does none");
	CHECK(!addr_in("127.0.0.10", "127.0.0.1"), "no prefix match on text");

	/* the client */
	CHECK_STR(addr_client(&p, "127.0.0.1", "198.51.100.7", ""), "127.0.0.1");
	CHECK_STR(addr_client(&p, "192.0.2.1", "198.51.100.7", T), "192.0.2.1");
	CHECK_STR(addr_client(&p, "127.0.0.1", NULL, T), "127.0.0.1");
	CHECK_STR(addr_client(&p, "127.0.0.1", "198.51.100.7", T), "198.51.100.7");
	CHECK_STR(addr_client(&p, "127.0.0.1", "203.0.113.5, 198.51.100.7", T), "198.51.100.7");
	CHECK_STR(addr_client(&p, "127.0.0.1", "203.0.113.5, 198.51.100.7, 10.1.1.1", T),
	    "198.51.100.7");
	CHECK_STR(addr_client(&p, "127.0.0.1", "10.9.9.9,10.1.1.1", T), "10.9.9.9");
	CHECK_STR(addr_client(&p, "127.0.0.1", " 2001:db9::1 ,10.1.1.1", T), "2001:db9::1");
	CHECK_STR(addr_client(&p, "127.0.0.1", "198.51.100.7, garbage, 10.1.1.1", T), "10.1.1.1");
	CHECK_STR(addr_client(&p, "127.0.0.1", "garbage", T), "127.0.0.1");
	CHECK_STR(addr_client(&p, "127.0.0.1", "", T), "127.0.0.1");
	CHECK_STR(addr_client(&p, "127.0.0.1", ",,", T), "127.0.0.1");
	pool_free(&p);
	/* what WeChat could call: a public host on 80 or 443 */
	{
		static const struct {
			const char *url, *why;
		} urls[] = {
			{ "https://kf.example.com", NULL }, { "http://kf.example.com/x", NULL },
			{ "https://kf.example.com:443", NULL }, { "http://203.0.113.7", NULL },
			{ "https://[2001:db8::1]", NULL },
			{ "http://127.0.0.1:8080", "wiz.url_private" },
			{ "http://localhost", "wiz.url_private" }, { "https://wx.LOCAL", "wiz.url_private" },
			{ "http://10.1.2.3", "wiz.url_private" }, { "http://172.20.0.5", "wiz.url_private" },
			{ "http://192.168.1.10", "wiz.url_private" }, { "https://[::1]", "wiz.url_private" },
			{ "https://[fd00::5]", "wiz.url_private" },
			{ "http://kf.example.com:8080", "wiz.url_port" },
			{ "https://kf.example.com:80", "wiz.url_port" },
			{ "ftp://kf.example.com", "wiz.url_scheme" }, { "", "wiz.url_scheme" },
			{ "https://", "wiz.url_scheme" }, { NULL, "wiz.url_scheme" },
		};
		for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
			CHECK_STR(addr_url_unreachable(urls[i].url), urls[i].why);
	}
	return tap_done();
}
