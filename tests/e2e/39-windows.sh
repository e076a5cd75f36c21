# 39-windows.sh: every window WeChat allows. A follower's message lets the
# account send 5 messages within 48 hours; a follow, a scan of a parametric
# QR code or a click of a menu button lets it send 3 within a minute. The
# latest action's allowance holds: they do not add up. The meter, the
# composer and the server-side check follow the one rule, and so does the
# simulator, so a message past it gets WeChat's errcode too. A payment
# (forwarded by the business's server through the API) allows any number
# for 48 hours.
. "$(dirname "$0")/lib.sh"
own_channel "Windows Brand"
sign_in op operator "$(demo_pw operator)"
FROM=oWin$(openssl rand -hex 3)
say "你好，请问发货了吗"
C=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
TOKEN_PAGE=/console/ post op "/console/chats/$C/pickup"
send() { TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/send" "text=$1"; }
state() { sqlq "SELECT CONCAT(delivery_state, ':', IFNULL(wx_errcode, 0)) FROM messages WHERE chat_id = $C AND body = '$1'"; }
send "one"
send "two"
ok "two sent in the follower's 48 hours" test "$(received):$(sqlq "SELECT consecutive_out FROM chats WHERE id = $C")" = "2:2"

# --- a scan: 3 within a minute, instead of what was left of the 5 (a
# second later: an action in the same second as a message is taken as before it)
shift_clock 2
phone -F action=scan -F scene=poster
ok "a scan opens WeChat's short window on the chat, its count from 0" test "$(sqlq "SELECT CONCAT(grant_at IS NOT NULL, ':', consecutive_out) FROM chats WHERE id = $C")" = "1:0"
get op "/console/chats/$C"
ok "the meter says so: the minute a scan gives, 0 of 3" eval 'has "of the minute a follow, scan or menu click gives" && has "0 of 3 sent"'
send "a"; send "b"; send "c"
ok "3 delivered within the minute" test "$(received)" = 5
send "d"
ok "a 4th is refused before WeChat is called, in words" eval 'test "$STATUS" = 409 && has "WeChat allows 3 messages within a minute"'
ok "…nothing stored or sent" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $C AND body = 'd'"):$(received)" = "0:5"
# past wxdesk's own check, WeChat (the simulator) holds the same rule
sqlq "UPDATE chats SET consecutive_out = 0 WHERE id = $C"
send "e"
ok "…and WeChat refuses a 4th too (45047), shown in words" eval 'test "$(state e)" = "failed:45047" && get op "/console/chats/$C" && has "3 after a follow, a scan or a menu click (45047)"'
sqlq "UPDATE chats SET consecutive_out = 3 WHERE id = $C"

# --- the follower writes: 5 within 48 hours again
say "好的，谢谢"
send "f"
ok "the follower's message gives back the 5 of 48 hours" test "$(state f)" = "delivered:0"
get op "/console/chats/$C"
ok "…the meter says so" eval 'has "1 of 5 sent" && ! has "of the minute"'

# --- a menu click, then the minute passes
shift_clock 2
phone -F action=click -F key=NOTHING_BOUND
get op "/console/chats/$C"
ok "a menu click opens the short window too" has "0 of 3 sent"
shift_clock 61
sign_in op operator "$(demo_pw operator)"
send "g"
ok "after its minute a reply is refused in words, though 48 hours have not passed" eval 'test "$STATUS" = 409 && has "lets the account write for one minute only"'
get op "/console/chats/$C"
ok "…the composer says why" has "the minute a follow, scan or menu click gives has passed"
sqlq "UPDATE chats SET grant_at = NULL WHERE id = $C"
send "h"
ok "…and WeChat refuses it too (45015)" test "$(state h)" = "failed:45015"
say "在吗？"
sqlq "UPDATE chats SET consecutive_out = 0 WHERE id = $C"
send "i"
ok "the follower's next message opens the 48 hours again" test "$(state i)" = "delivered:0"

# --- a follow (WeChat pushes it again when a follower follows anew): 3 within a minute
shift_clock 2
phone -F action=follow
for x in j k l m; do send "$x"; done
ok "a follow gives 3 within a minute: the 4th is refused" test "$(state j):$(state l):$(state m)" = "delivered:0:delivered:0:"

# --- a payment: any number of messages for 48 hours. WeChat Pay tells the
# business's payment server, which forwards it to wxdesk through the API
# with a token of the payments scope
sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE=/admin/api post adm /admin/api/tokens name=payserver scope=payments "brand=$BRAND"
PAYTOKEN=$(sed -n 's/.*id="new-token">\(wxd_[0-9a-f]*\)<.*/\1/p' <<<"$BODY")
ok "an administrator makes the payment server's token: shown once, kept as its hash" eval 'test "${#PAYTOKEN}" = 44 && test "$(sqlq "SELECT COUNT(*) FROM api_tokens WHERE token_hash = SHA2('"'"'$PAYTOKEN'"'"', 256)")" = 1'
TOKEN_PAGE=/admin/api post adm /admin/api/tokens name=reader scope=chats.read
READTOKEN=$(sed -n 's/.*id="new-token">\(wxd_[0-9a-f]*\)<.*/\1/p' <<<"$BODY")
get adm "/admin/channels/$CH"
ok "the account page says where payments go" has "/api/v1/channels/$CH/payments"
# pay BODY [TOKEN]: the business's server forwarding a payment
pay() {
	curl -s -o "$WXDESK_VAR/pay-body" -w '%{http_code}' -H "Authorization: Bearer ${2:-$PAYTOKEN}" \
		-H 'Content-Type: application/json' --data-binary "$1" "$BASE/api/v1/channels/$CH/payments"
}
for i in 1 2 3 4 5 6; do send "more $i"; done
ok "the 5 of the follower's message used up" test "$(state 'more 6')" = ""
shift_clock 2
phone -F action=pay
NOW=$(wx_clock)
ok "a payment with a wrong token is refused (401), in words" eval 'test "$(pay "{\"openid\":\"$FROM\",\"transaction_id\":\"4200001\",\"paid_at\":$NOW}" wxd_0123456789abcdef)" = 401 && grep -q "not known" "$WXDESK_VAR/pay-body"'
ok "…and one from a token without the payments scope (403)" eval 'test "$(pay "{\"openid\":\"$FROM\",\"transaction_id\":\"4200001\",\"paid_at\":$NOW}" "$READTOKEN")" = 403 && grep -q "payments" "$WXDESK_VAR/pay-body"'
ok "…a follower the account does not have (404)" test "$(pay "{\"openid\":\"oNobody\",\"transaction_id\":\"4200001\",\"paid_at\":$NOW}")" = 404
ok "…a payment three days old opens no window (409)" test "$(pay "{\"openid\":\"$FROM\",\"transaction_id\":\"4200000\",\"paid_at\":$((NOW - 3 * 86400))}")" = 409
ok "…malformed JSON (400) and a payment without its fields (422)" eval 'test "$(pay "{\"openid\":")" = 400 && test "$(pay "{\"openid\":\"$FROM\"}")" = 422'
ok "the business forwards the payment: taken" eval 'test "$(pay "{\"openid\":\"$FROM\",\"transaction_id\":\"4200001\",\"amount\":1990,\"paid_at\":$NOW}")" = 200 && grep -q "\"new\":true" "$WXDESK_VAR/pay-body"'
ok "…told again, it changes nothing" eval 'test "$(pay "{\"openid\":\"$FROM\",\"transaction_id\":\"4200001\",\"amount\":1990,\"paid_at\":$NOW}")" = 200 && grep -q "\"new\":false" "$WXDESK_VAR/pay-body" && test "$(sqlq "SELECT COUNT(*) FROM payments WHERE channel_id = $CH")" = 1'
sign_in op operator "$(demo_pw operator)"
get op "/console/chats/$C"
ok "the meter: 48 hours after the payment, no limit" has "of the 48 hours after a payment"
for i in 1 2 3 4 5 6 7; do send "paid $i"; done
ok "after a payment WeChat takes more than 5 in a row, and so does the simulator" test "$(state 'paid 7')" = "delivered:0"
shift_clock $((48 * 3600 + 10))
sign_in op operator "$(demo_pw operator)"
sqlq "UPDATE chats SET state = 'active' WHERE id = $C"
send "too late"
ok "48 hours after the payment nothing more" eval 'test "$STATUS" = 409 && test -z "$(state "too late")"'
done_tests
