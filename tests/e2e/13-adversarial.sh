# 13-adversarial.sh: what an attacker or a broken sender tries at the webhook
# and at sign-in: poison pushes, replayed and stale signatures, downgrades of
# a safe-mode account, concurrent password guessing (sign-in and Reveal),
# redirects with control characters, a CSRF token in the URL, log lines, and
# two closes of one chat at once.
. "$(dirname "$0")/lib.sh"
SIM="$WXDESK_BUILD/bin/wxdesk-wxsim"
WX="$WXDESK_BUILD/bin/wxdesk-wx"
ADMIN="$WXDESK_BUILD/bin/wxdesk-admin"
LOG="$WXDESK_VAR/log/wxdesk.log"

sqlq "INSERT INTO brands (name, created_at) VALUES ('Adv Plain', NOW()), ('Adv Safe', NOW()), ('Adv Compat', NOW())"
bid() { sqlq "SELECT id FROM brands WHERE name = '$1'"; }
for b in 'Adv Plain' 'Adv Safe' 'Adv Compat'; do
	sqlq "INSERT INTO departments (brand_id, name, created_at) VALUES ($(bid "$b"), 'Desk', NOW())"
done
did() { sqlq "SELECT d.id FROM departments d JOIN brands b ON b.id = d.brand_id WHERE b.name = '$1'"; }
chan() {	# prefix brand mode: sets PREFIX_KEY, PREFIX_TOKEN, …
	local out
	out=$("$ADMIN" channel "$(bid "$2")" "$(did "$2")" "$3" active) || return 1
	eval "$(sed "s/^/$1_/" <<<"$out")"
}
chan P 'Adv Plain' plain
chan S 'Adv Safe' safe
chan C 'Adv Compat' compatible
now() { echo $(($(date +%s) + $(cat "$WXDESK_VAR/clock-offset" 2>/dev/null || echo 0))); }
count() { sqlq "SELECT COUNT(*) FROM messages WHERE channel_id = $1 ${2:+AND $2}"; }
health() { sqlq "SELECT $2 FROM channels WHERE id = $1"; }

# hook KEY TOKEN TS NONCE BODYFILE [extra query]: one signed POST, as WeChat
# would send it; STATUS and BODY are set
hook() {
	local sig
	sig=$("$WX" sign "$2" "$3" "$4")
	STATUS=$(curl -s -o "$WXDESK_VAR/hook.out" -w '%{http_code}' -H 'Content-Type: text/xml' \
		--data-binary "@$5" "$BASE/wechat/$1?signature=$sig&timestamp=$3&nonce=$4${6:+&$6}")
	BODY=$(cat "$WXDESK_VAR/hook.out")
}
# xml FILE FROM MSGTYPE EXTRA…: a push body
xml() {
	local f=$1 from=$2 type=$3; shift 3
	printf '<xml><ToUserName><![CDATA[%s]]></ToUserName><FromUserName><![CDATA[%s]]></FromUserName><CreateTime>%s</CreateTime><MsgType><![CDATA[%s]]></MsgType>%s</xml>' \
		"$P_ORIGINAL_ID" "$from" "$(now)" "$type" "$*" >"$f"
}
long() { head -c "$1" /dev/zero | tr '\0' "${2:-a}"; }
next_nonce() { openssl rand -hex 8; }

# --- 1. poison pushes: refused with a 4xx and counted, never 503
refused0=$(health "$P_CHANNEL_ID" refused_pushes)
poison() {	# description file
	hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$2"
	ok "$1: answered 400, not 503 ($STATUS)" test "$STATUS" = 400
}
xml "$WXDESK_VAR/p1.xml" oPoison text "<Content>x</Content><MsgId>$(long 40 7)</MsgId>"
poison "a MsgId of 40 digits" "$WXDESK_VAR/p1.xml"
ok "…saying why" grep -q "MsgId is 40 characters long" <<<"$BODY"
xml "$WXDESK_VAR/p2.xml" "o$(long 99)" text "<Content>x</Content><MsgId>7300000000000000002</MsgId>"
poison "a FromUserName of 100 characters" "$WXDESK_VAR/p2.xml"
xml "$WXDESK_VAR/p3.xml" oPoison "$(long 40 t)" "<MsgId>7300000000000000003</MsgId>"
poison "a MsgType of 40 characters" "$WXDESK_VAR/p3.xml"
xml "$WXDESK_VAR/p4.xml" oPoison event "<Event><![CDATA[$(long 40 E)]]></Event>"
poison "an Event of 40 characters" "$WXDESK_VAR/p4.xml"
xml "$WXDESK_VAR/p5.xml" oPoison event "<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[$(long 3000 k)]]></EventKey>"
poison "an EventKey of 3,000 characters" "$WXDESK_VAR/p5.xml"
xml "$WXDESK_VAR/p6.xml" oPoison image "<PicUrl><![CDATA[http://x/y]]></PicUrl><MediaId><![CDATA[$(long 600 m)]]></MediaId><MsgId>7300000000000000006</MsgId>"
poison "a MediaId of 600 characters" "$WXDESK_VAR/p6.xml"
xml "$WXDESK_VAR/p7.xml" oPoison text "<Content>x</Content><MsgId>18446744073709551616</MsgId>"
poison "a MsgId beyond 64 bits" "$WXDESK_VAR/p7.xml"
xml "$WXDESK_VAR/p8.xml" oPoison event "<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_$(long 65 q)]]></EventKey>"
poison "a QR scene of 65 characters" "$WXDESK_VAR/p8.xml"
ok "nothing stored from a poison push" test "$(count "$P_CHANNEL_ID")" = 0
ok "each counted on the health panel" test "$(health "$P_CHANNEL_ID" refused_pushes)" = $((refused0 + 8))
ok "…with the reason, kept for readers of either language" \
	test "$(health "$P_CHANNEL_ID" last_failure)" = "fail.invalid_scene|65|64"
sign_in adm admin "$(demo_pw admin)"
get adm "/admin/channels/$P_CHANNEL_ID"
ok "…shown in English" has "the QR scene is 65 characters long; WeChat&#39;s are at most 64"
get adm "/admin/channels/$P_CHANNEL_ID" -H "Accept-Language: zh-CN"
ok "…and in Chinese to a reader who asks for it" has "二维码场景长度为 65 个字符"

# what WeChat really sends, at its longest, is stored
url="https://shop.example.com/menu/landing?utm_source=wechat&utm_medium=menu&ref=$(long 900 r)"
xml "$WXDESK_VAR/v.xml" oPoison event "<Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[$url]]></EventKey><MenuId>412</MenuId>"
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/v.xml"
ok "a VIEW event with a long menu URL is stored" test "$BODY" = success
ok "…whole" test "$(sqlq "SELECT event_key FROM messages WHERE channel_id = $P_CHANNEL_ID AND event = 'VIEW'")" = "$url"
xml "$WXDESK_VAR/v2.xml" oPoison event "<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_$(long 64 q)]]></EventKey><Ticket>T</Ticket>"
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/v2.xml"
ok "a QR scene of 64 characters is stored" test "$(sqlq "SELECT qr_scene FROM followers WHERE channel_id = $P_CHANNEL_ID AND openid = 'oPoison'")" = "$(long 64 q)"
xml "$WXDESK_VAR/v3.xml" oPoison image "<PicUrl><![CDATA[http://x/y]]></PicUrl><MediaId><![CDATA[$(long 300 m)]]></MediaId><MsgId>18446744073709551615</MsgId>"
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/v3.xml"
ok "a MediaId of 300 and the largest 64-bit MsgId are stored" test "$(count "$P_CHANNEL_ID" "wx_msg_id = '18446744073709551615' AND LENGTH(media_id) = 300")" = 1

# a value the schema refuses is the push's fault too: 400, not 503
sqlq "ALTER TABLE messages MODIFY media_id VARCHAR(300) NULL"
xml "$WXDESK_VAR/d.xml" oPoison image "<PicUrl><![CDATA[http://x/y]]></PicUrl><MediaId><![CDATA[$(long 400 m)]]></MediaId><MsgId>7300000000000000010</MsgId>"
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/d.xml"
sqlq "ALTER TABLE messages MODIFY media_id VARCHAR(512) NULL"
ok "data too long for a column: 400 ($STATUS)" status_is 400
ok "…named as the database's refusal" grep -q "database refused a value: Data too long" <<<"$BODY"
sqlq "ALTER TABLE messages ADD CONSTRAINT ck_e2e CHECK (body IS NULL OR body <> 'refused by a check')"
xml "$WXDESK_VAR/d.xml" oPoison text "<Content>refused by a check</Content><MsgId>7300000000000000011</MsgId>"
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/d.xml"
sqlq "ALTER TABLE messages DROP CONSTRAINT ck_e2e"
ok "a constraint the value breaks: 400 ($STATUS)" status_is 400

# --- 2. signed URLs: fresh, and good for one push
xml "$WXDESK_VAR/a.xml" oReplay text "<Content>the real message</Content><MsgId>7300000000000000100</MsgId>"
xml "$WXDESK_VAR/b.xml" oReplay text "<Content>an injected message</Content><MsgId>7300000000000000101</MsgId>"
sig0=$(health "$P_CHANNEL_ID" signature_failures)
hook "$P_WEBHOOK_KEY" "$P_TOKEN" $(($(now) - 3600)) "$(next_nonce)" "$WXDESK_VAR/a.xml"
ok "a URL signed an hour ago is refused ($STATUS)" status_is 403
hook "$P_WEBHOOK_KEY" "$P_TOKEN" $(($(now) + 3600)) "$(next_nonce)" "$WXDESK_VAR/a.xml"
ok "a URL signed an hour ahead is refused ($STATUS)" status_is 403
ts=$(now) n=$(next_nonce)
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$ts" "$n" "$WXDESK_VAR/a.xml"
ok "a fresh signed push is stored" test "$BODY" = success
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$ts" "$n" "$WXDESK_VAR/b.xml"
ok "the same signed URL with another body is refused ($STATUS)" status_is 403
ok "…and not stored" test "$(count "$P_CHANNEL_ID" "wx_msg_id = '7300000000000000101'")" = 0
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$ts" "$n" "$WXDESK_VAR/a.xml"
ok "the same push retried on the same URL: success" test "$BODY" = success
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/a.xml"
ok "…and on a new URL: success" test "$BODY" = success
ok "…still one row" test "$(count "$P_CHANNEL_ID" "wx_msg_id = '7300000000000000100'")" = 1
ok "the stale and replayed URLs are counted as signature failures" \
	test "$(health "$P_CHANNEL_ID" signature_failures)" = $((sig0 + 3))
get anon "/wechat/$P_WEBHOOK_KEY?signature=$("$WX" sign "$P_TOKEN" 1500000000 77)&timestamp=1500000000&nonce=77&echostr=hi"
ok "an old verification URL is refused too" status_is 403

# --- 3. a safe-mode account takes sealed pushes only
xml "$WXDESK_VAR/s.xml" oDowngrade text "<Content>plain to a safe account</Content><MsgId>7300000000000000200</MsgId>"
hook "$S_WEBHOOK_KEY" "$S_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/s.xml"
ok "safe mode: a push without encrypt_type is refused ($STATUS)" status_is 403
hook "$S_WEBHOOK_KEY" "$S_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/s.xml" encrypt_type=raw
ok "safe mode: encrypt_type=raw is refused ($STATUS)" status_is 403
hook "$S_WEBHOOK_KEY" "$S_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/s.xml" encrypt_type=des
ok "safe mode: encrypt_type=des is refused ($STATUS)" status_is 400
hook "$P_WEBHOOK_KEY" "$P_TOKEN" "$(now)" "$(next_nonce)" "$WXDESK_VAR/s.xml" encrypt_type=des
ok "plain mode: an unknown encrypt_type is refused too ($STATUS)" status_is 400
ok "none of them stored" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE wx_msg_id = '7300000000000000200'")" = 0
"$SIM" push "$BASE/wechat/$S_WEBHOOK_KEY" "$S_TOKEN" --mode safe --aes "$S_AES_KEY" --appid "$S_APP_ID" \
	--to "$S_ORIGINAL_ID" --from oSealed --msgid 7300000000000000201 --retry-gap 0 text "sealed" >"$WXDESK_VAR/push.out"
ok "safe mode: a sealed push is stored" test "$(count "$S_CHANNEL_ID" "wx_msg_id = '7300000000000000201'")" = 1
"$SIM" push "$BASE/wechat/$C_WEBHOOK_KEY" "$C_TOKEN" --to "$C_ORIGINAL_ID" --from oCompat \
	--msgid 7300000000000000202 --retry-gap 0 text "plain" >"$WXDESK_VAR/push.out"
"$SIM" push "$BASE/wechat/$C_WEBHOOK_KEY" "$C_TOKEN" --mode compatible --aes "$C_AES_KEY" --appid "$C_APP_ID" \
	--to "$C_ORIGINAL_ID" --from oCompat --msgid 7300000000000000203 --retry-gap 0 text "sealed" >"$WXDESK_VAR/push.out"
ok "compatible mode: plain and sealed pushes are stored" test "$(count "$C_CHANNEL_ID")" = 2

# --- 4. concurrent wrong passwords at sign-in
LOCK_AFTER=10
echo "guess-me-not-1" | "$ADMIN" user guessed "Guess Target" operator >/dev/null
# wave N: 30 wrong passwords at once, each from its own pre-session; prints
# how many were checked ("wrong" or "was wrong N times": the others are
# refused before any check)
# checked PREFIX: how many of the 30 answers $JARS/PREFIXn.out say a password was checked
checked() {
	local i n=0
	for i in $(seq 1 30); do
		grep -qE "The sign-in name or password is wrong|That is not your password|The password was wrong" \
			"$JARS/$1$i.out" && n=$((n + 1))
	done
	echo "$n"
}
wave() {
	local i
	for i in $(seq 1 30); do
		rm -f "$JARS/g$i"
		curl -s -c "$JARS/g$i" -b "$JARS/g$i" "$BASE/login" |
			sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1 >"$JARS/g$i.tok"
	done
	for i in $(seq 1 30); do
		curl -s -o "$JARS/g$i.out" -b "$JARS/g$i" --data-urlencode "csrf=$(cat "$JARS/g$i.tok")" \
			--data-urlencode "login=$1" --data-urlencode "password=wrong-$i" "$BASE/login" &
	done
	wait
	checked g
}
first=$(wave guessed)
ok "30 guesses at once: no more checked than the slow-down allows ($first)" test "$first" -le 3
ok "…and the counter equals the checks" test "$(sqlq "SELECT failed_logins FROM users WHERE login = 'guessed'")" = "$first"
total=$first
for w in $(seq 1 8); do	# 3 + 7 checks lock the account; the last wave finds it locked
	shift_clock 700	# past each slow-down wait (at most 320 s), within the 15-minute lock
	total=$((total + $(wave guessed)))
done
ok "nine waves of 30: at most LockAfter passwords checked ($total)" test "$total" -le $LOCK_AFTER
ok "…the counter equals the checks" test "$(sqlq "SELECT failed_logins FROM users WHERE login = 'guessed'")" = "$total"
ok "…and the account is locked" test "$(sqlq "SELECT locked_until > FROM_UNIXTIME($(now)) FROM users WHERE login = 'guessed'")" = 1
sign_in g guessed "guess-me-not-1"
ok "locked: the right password is refused too" status_is 429
ok "each checked failure is in the log" test "$(grep -c "(guessed): a wrong password for sign-in" "$LOG")" = "$total"
shift_clock 1000

# --- 5. Reveal checks the password under the same rules
echo "reveal-password-1" | "$ADMIN" user revealer "Rita Reveal" admin >/dev/null
sign_in rv revealer "reveal-password-1"
A="/admin/channels/$P_CHANNEL_ID"
get rv "$A"
rtok=$(csrf)
reveal_wave() {
	local i
	for i in $(seq 1 30); do
		curl -s -o "$JARS/r$i.out" -b "$JARS/rv" --data-urlencode "csrf=$rtok" \
			--data-urlencode "password=wrong-$i" "$BASE$A/reveal" &
	done
	wait
	checked r
}
first=$(reveal_wave)
ok "Reveal: 30 wrong passwords at once, no more checked than the slow-down allows ($first)" test "$first" -le 3
ok "…the counter equals the checks" test "$(sqlq "SELECT failed_logins FROM users WHERE login = 'revealer'")" = "$first"
ok "…the others told to wait" grep -q "Wait [0-9]* seconds" "$JARS/r30.out" "$JARS/r1.out" "$JARS/r15.out"
total=$first
for w in $(seq 1 8); do
	shift_clock 700
	total=$((total + $(reveal_wave)))
done
ok "Reveal: at most LockAfter passwords checked ($total)" test "$total" -le $LOCK_AFTER
ok "…the counter equals the checks" test "$(sqlq "SELECT failed_logins FROM users WHERE login = 'revealer'")" = "$total"
TOKEN_PAGE=$A post rv "$A/reveal" "password=reveal-password-1"
ok "locked: Reveal with the right password is refused ($STATUS)" status_is 429
ok "…nothing revealed" test "$(grep -c "rv-secret" <<<"$BODY")" = 0
ok "each failure is in the log" test "$(grep -c "(revealer): a wrong password for Reveal on channel $P_CHANNEL_ID" "$LOG")" = "$total"
shift_clock 1000
TOKEN_PAGE=$A post rv "$A/reveal" "password=reveal-password-1"
ok "after the lock, Reveal works" has 'id="rv-secret"'

# --- 6. smaller findings
APW=$(demo_pw admin)
for bad in "$(printf '/\t/evil.example/x')" '/\evil.example/x' "$(printf '/\n/evil.example')" '/ /evil.example'; do
	rm -f "$JARS/n"
	get n /login
	tok=$(csrf)
	req n POST /login --data-urlencode "csrf=$tok" --data-urlencode "login=admin" \
		--data-urlencode "password=$APW" --data-urlencode "next=$bad"
	ok "next=$(printf %q "$bad") is not followed" location_is /admin/
done
sign_in adm admin "$APW"
get adm /admin/brands
tok=$(csrf)
req adm POST "/admin/brands?csrf=$tok" --data-urlencode "name=Via the URL"
ok "a CSRF token in the URL is not accepted ($STATUS)" status_is 403
ok "…nothing changed" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE name = 'Via the URL'")" = 0
req adm POST /admin/brands --data-urlencode "csrf=$tok" --data-urlencode "name=Via the body"
ok "…in the body it is" test "$(sqlq "SELECT COUNT(*) FROM brands WHERE name = 'Via the body'")" = 1

ok "every log line starts with its UTC time" test "$(grep -cvE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z ' "$LOG")" = 0
# Each webhook process writes at most 5 lines a call site in 10 s, so how
# many of the burst's are written depends on what the site wrote just before;
# the counter on the health panel is exact.
lines0=$(grep -c "channel $P_CHANNEL_ID: " "$LOG")
sigb=$(health "$P_CHANNEL_ID" signature_failures)
codes=""
for i in $(seq 1 40); do
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/xml' \
		--data-binary "@$WXDESK_VAR/a.xml" \
		"$BASE/wechat/$P_WEBHOOK_KEY?signature=0&timestamp=$(now)&nonce=$i")"
done
lines=$(($(grep -c "channel $P_CHANNEL_ID: " "$LOG") - lines0))
ok "40 bad pushes in a burst: each refused ($(sort <<<"${codes// /$'\n'}" | uniq -c | tr -s ' \n' ' '))" \
	test "$(tr ' ' '\n' <<<"$codes" | grep -c '^403$')" = 40
ok "…each counted on the health panel" test "$(health "$P_CHANNEL_ID" signature_failures)" = $((sigb + 40))
ok "…and a few log lines written, not 40 ($lines)" test "$lines" -le 12

# two closes of one chat at once: one closes it, the other is told by whom
. "$WXDESK_VAR/demo-credentials.txt.env"
"$SIM" push "$BASE/wechat/$WEBHOOK_KEY" "$TOKEN" --to "$ORIGINAL_ID" --from oCloseTwice --retry-gap 0 \
	text "close me twice" >"$WXDESK_VAR/push.out"
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = 'oCloseTwice' AND c.state <> 'closed'")
ok "a chat to close" test -n "$chat"
sign_in op operator "$(demo_pw operator)"
get op "/console/chats/$chat"
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/pickup"
get op "/console/chats/$chat"; t1=$(csrf)
get adm "/console/chats/$chat"; t2=$(csrf)
curl -s -o /dev/null -b "$JARS/op" -c "$JARS/op" -d "csrf=$t1" "$BASE/console/chats/$chat/close" &
curl -s -o /dev/null -b "$JARS/adm" -c "$JARS/adm" -d "csrf=$t2" "$BASE/console/chats/$chat/close" &
wait
get op "/console/chats/$chat"; f1=$BODY
get adm "/console/chats/$chat"; f2=$BODY
closes=$(printf '%s\n%s\n' "$f1" "$f2" | grep -c "Chat closed\.")
already=$(printf '%s\n%s\n' "$f1" "$f2" | grep -c "This chat was already closed by ")
ok "one close says \"Chat closed.\" ($closes)" test "$closes" = 1
ok "…the other that it was already closed, and by whom ($already)" test "$already" = 1
ok "one system line" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND event = 'closed'")" = 1
closer=$(sqlq "SELECT u.name FROM chats c JOIN users u ON u.id = c.closed_by WHERE c.id = $chat")
ok "…naming the closer, who is recorded ($closer)" grep -qF "already closed by $closer at" <<<"$f1$f2"
done_tests
