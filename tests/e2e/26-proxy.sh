# 26-proxy.sh: wxdesk behind a reverse proxy on the same machine (the
# operations guide's recipe: lighttpd's mod_proxy in front), with clients on other
# loopback addresses. Only the trusted proxy's X-Forwarded-For is read, and
# its rightmost untrusted address is the client: for the audit trail, the
# log, the sign-in rules and Metrics.Allow. /metrics needs its bearer token
# whichever way it is reached.
. "$(dirname "$0")/lib.sh"
. "$WXDESK_ROOT/tests/stack.sh"	# free_port
MTOKEN=$(sed -n 's/^Metrics.Token = //p' "$WXDESK_CONFIG")
ok "the stack trusts the proxy on this machine" grep -qx 'Proxy.Trusted = 127.0.0.1' "$WXDESK_CONFIG"

# the relay: a second lighttpd, proxying everything to wxdesk's
RELAY_PORT=$(free_port)
RD=$WXDESK_VAR/relay
mkdir -p "$RD"
cat >"$RD/lighttpd.conf" <<EOF
server.modules = ( "mod_proxy" )
server.bind = "127.0.0.1"
server.port = $RELAY_PORT
server.document-root = "$RD"
server.pid-file = "$RD/lighttpd.pid"
server.errorlog = "$RD/error.log"
proxy.server = ( "" => (( "host" => "127.0.0.1", "port" => $WXDESK_PORT )) )
proxy.forwarded = ( "for" => 1, "proto" => 1 )
EOF
lighttpd -f "$RD/lighttpd.conf" || { echo "the relay did not start"; cat "$RD/error.log"; }
stop_relay() { [ -f "$RD/lighttpd.pid" ] && kill "$(cat "$RD/lighttpd.pid")" 2>/dev/null; }
trap stop_relay EXIT
RELAY=http://127.0.0.1:$RELAY_PORT
for _ in $(seq 1 100); do
	curl -s -o /dev/null "$RELAY/healthz" && break
	sleep 0.1
done
# via FROM_ADDR URL [curl args…]: the status, from a client at FROM_ADDR
via() { local a=$1 u=$2; shift 2; curl -s -o /dev/null -w '%{http_code}' --interface "$a" "$@" "$u"; }

# /metrics
ok "/metrics through the relay without the token: 401" test "$(via 127.0.0.1 "$RELAY/metrics")" = 401
ok "…with it, from an allowed client: served" test "$(via 127.0.0.1 "$RELAY/metrics" -H "Authorization: Bearer $MTOKEN")" = 200
ok "…from a client not in Metrics.Allow, token or not: 403" test "$(via 127.0.0.2 "$RELAY/metrics" -H "Authorization: Bearer $MTOKEN")" = 403
ok "…a client naming an allowed address in X-Forwarded-For is still itself" test "$(via 127.0.0.2 "$RELAY/metrics" -H "Authorization: Bearer $MTOKEN" -H 'X-Forwarded-For: 127.0.0.1')" = 403
ok "…and reaching wxdesk directly with that header, from an untrusted address, too" test "$(via 127.0.0.3 "$BASE/metrics" -H "Authorization: Bearer $MTOKEN" -H 'X-Forwarded-For: 127.0.0.1')" = 403

# the audit trail and the log see the client, not the relay
R=$(openssl rand -hex 3)
echo "px-pass-$R-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user "px$R" "Pia Proxy" operator >/dev/null
# sign_at ADDR URL [curl args…]: sign in as px$R from a client at ADDR
sign_at() {
	local a=$1 u=$2 tok; shift 2
	rm -f "$JARS/px"
	tok=$(curl -s --interface "$a" -b "$JARS/px" -c "$JARS/px" "$u/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	HEADERS=$(curl -s -o /dev/null -D - --interface "$a" -b "$JARS/px" -c "$JARS/px" "$@" \
		--data-urlencode "csrf=$tok" --data-urlencode "login=px$R" --data-urlencode "password=$PW" "$u/login" | tr -d '\r')
}
ip_of() { sqlq "SELECT ip FROM audit_log WHERE login = 'px$R' AND action = '$1' ORDER BY id DESC LIMIT 1"; }
PW=px-pass-$R-1 sign_at 127.0.0.2 "$RELAY"
ok "a sign-in through the relay is on the record from the client's address" test "$(ip_of signin)" = 127.0.0.2
PW=px-pass-$R-1 sign_at 127.0.0.2 "$RELAY" -H 'X-Forwarded-For: 203.0.113.7'
ok "…a client's own X-Forwarded-For does not change it" test "$(ip_of signin)" = 127.0.0.2
PW=px-pass-$R-1 sign_at 127.0.0.3 "$BASE" -H 'X-Forwarded-For: 203.0.113.8'
ok "…nor does one sent straight to wxdesk from an untrusted address" test "$(ip_of signin)" = 127.0.0.3
PW=wrong sign_at 127.0.0.4 "$RELAY"
ok "a wrong password through the relay: on the record and in the log from the client" eval \
	'test "$(ip_of signin.failed)" = 127.0.0.4 && grep -q "px$R): a wrong password for sign-in, from 127.0.0.4" "$WXDESK_VAR/log/wxdesk.log"'
# the sign-in slow-down counts the account's failures wherever they come from
for _ in 1 2 3; do PW=wrong sign_at 127.0.0.5 "$RELAY"; done
PW=px-pass-$R-1 sign_at 127.0.0.6 "$RELAY"
ok "…the slow-down holds through the relay, and its refusal names the client" eval \
	'grep -q "^HTTP/[0-9.]* 429" <<<"$HEADERS" && test "$(ip_of signin.locked)" = 127.0.0.6'

# https as the proxy saw it: session cookies Secure only on its word
shift_clock 600
PW=px-pass-$R-1 sign_at 127.0.0.1 "$BASE" -H 'X-Forwarded-Proto: https'
ok "X-Forwarded-Proto: https from the trusted proxy makes the session cookie Secure" eval \
	'grep -qi "^set-cookie: wxsid=.*; Secure" <<<"$HEADERS"'
PW=px-pass-$R-1 sign_at 127.0.0.3 "$BASE" -H 'X-Forwarded-Proto: https'
ok "…from anyone else it is ignored" eval 'grep -qi "^set-cookie: wxsid=" <<<"$HEADERS" && ! grep -qi "^set-cookie: wxsid=.*; Secure" <<<"$HEADERS"'
done_tests
