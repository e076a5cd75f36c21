# 43-api.sh: the REST API (src/api.h). An administrator makes tokens with
# scopes (shown once, kept as their hash, revocable); each route answers a
# token with its scope and refuses one without (403) or none (401); the
# OpenAPI file documents exactly the route table; lists page by cursor
# with nothing skipped or repeated while chats are made; writes go through
# the console's own rules (window, 5 in a row) with the same words;
# Idempotency-Key makes a write once; the rate limit answers 429 with
# Retry-After; every call is on the audit trail; a brand's token sees its
# brand only.
. "$(dirname "$0")/lib.sh"
own_channel "API Brand"
sign_in adm admin "$(demo_pw admin)"
# token NAME FIELD…: a token made on the admin page; its value
token() {
	TOKEN_PAGE=/admin/api post adm /admin/api/tokens "name=$1" "${@:2}"
	sed -n 's/.*id="new-token">\(wxd_[0-9a-f]*\)<.*/\1/p' <<<"$BODY"
}
ADMIN_T=$(token "crm sync" scope=admin)
READ_T=$(token reader scope=chats.read)
WRITE_T=$(token writer scope=messages.write scope=chats.read)
FOLLOW_T=$(token marketing scope=followers)
REPORT_T=$(token bi scope=reports)
BRAND_T=$(token "brand only" scope=admin "brand=$BRAND")
ok "tokens are made on the admin page, each shown once" eval 'test "${#ADMIN_T}" = 44 && test "${#BRAND_T}" = 44 && test "$ADMIN_T" != "$READ_T"'
ok "…and kept as their hash only" test "$(sqlq "SELECT COUNT(*) FROM api_tokens WHERE token_hash = SHA2('$ADMIN_T', 256)"):$(sqlq "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '$ADMIN_T' OR prefix = '$ADMIN_T'")" = "1:0"
get adm /admin/api
ok "the page lists them by name and first characters, never whole" eval 'has "crm sync" && has "${ADMIN_T:0:10}…" && ! has "$ADMIN_T"'
TOKEN_PAGE=/admin/api post adm /admin/api/tokens name=nothing
ok "a token without a scope is refused beside the field" eval 'test "$STATUS" = 422 && has "Tick at least one scope"'

# api METHOD PATH TOKEN [curl args…]: the answer's status in $STATUS, its body in $BODY
api() {
	local m=$1 p=$2 t=$3
	shift 3
	local auth=()
	[ -n "$t" ] && auth=(-H "Authorization: Bearer $t")
	STATUS=$(curl -s -o "$WXDESK_VAR/api-body" -D "$WXDESK_VAR/api-headers" -w '%{http_code}' \
		-X "$m" "${auth[@]}" "$@" "$BASE/api/v1$p")
	BODY=$(cat "$WXDESK_VAR/api-body")
	HEADERS=$(tr -d '\r' <"$WXDESK_VAR/api-headers")
	# a failure shows the answer
	{ echo "<main>"; cat "$WXDESK_VAR/api-body"; echo; } >"$WXDESK_VAR/last-body"
}
jpost() { api POST "$1" "$2" -H 'Content-Type: application/json' --data-binary "$3" "${@:4}"; }
code() { jq -r '.error.code' <<<"$BODY"; }

api GET /me ""
ok "no token: 401, said in words, with WWW-Authenticate" eval 'test "$STATUS" = 401 && test "$(code)" = token_missing && hdr "WWW-Authenticate: Bearer"'
api GET /me wxd_00000000000000000000
ok "an unknown token: 401" test "$STATUS:$(code)" = "401:token_unknown"
api GET /me "$READ_T" -H 'Accept-Language: zh-CN,zh;q=0.9'
ok "the token reads itself" eval 'test "$STATUS" = 200 && test "$(jq -r ".name,.scopes[0]" <<<"$BODY" | tr "\n" :)" = "reader:chats.read:"'
api GET /nothing "$READ_T" -H 'Accept-Language: zh-CN'
ok "errors are JSON with a stable code, in the caller's language" test "$STATUS:$(code):$(jq -r .error.message <<<"$BODY")" = "404:not_found:该地址不存在。"
api DELETE /chats "$READ_T"
ok "a method a route does not take: 405 with Allow" eval 'test "$STATUS:$(code)" = "405:method_not_allowed" && hdr "^Allow: GET"'

# --- the OpenAPI file and the route table, each route with each kind of token
ROUTES=$(sed -n 's/^\t{ "\(GET\|POST\)", *"\/api\/v1\([^"]*\)".*R_SCOPE(SC_\([A-Z_]*\)).*/\1 \2 \3/p; s/^\t{ "\(GET\|POST\)", *"\/api\/v1\([^"]*\)", *API, .*/\1 \2 ANY/p' cgi-bin/api.c | sort)
DOC=$(jq -r '.paths | to_entries[] | .key as $p | .value | to_entries[] | "\(.key | ascii_upcase) \($p) \(.value["x-scope"])"' static/openapi.json |
	sed 's/ chats.read$/ CHATS_READ/; s/ messages.write$/ MESSAGES_WRITE/; s/ followers$/ FOLLOWERS/; s/ reports$/ REPORTS/; s/ admin$/ ADMIN/; s/ payments$/ PAYMENTS/; s/ $/ ANY/' | sort)
ok "the OpenAPI file documents every route, each with its scope, and nothing else" test "$ROUTES" = "$DOC"
ok "…and it is served with the static files" eval 'curl -sf "$BASE/static/openapi.json" | jq -e ".openapi == \"3.0.3\"" >/dev/null'
scope_token() { case $1 in CHATS_READ) echo "$READ_T";; MESSAGES_WRITE) echo "$WRITE_T";; FOLLOWERS) echo "$FOLLOW_T";; REPORTS) echo "$REPORT_T";; *) echo "$ADMIN_T";; esac; }
wrong_token() { case $1 in REPORTS|FOLLOWERS) echo "$READ_T";; *) echo "$REPORT_T";; esac; }
bad=""
while read -r m p s; do
	path=${p//\{id\}/999999999}
	call() { if [ "$m" = GET ]; then api GET "$path" "$1"; else jpost "$path" "$1" '{}'; fi; }
	call ""
	[ "$STATUS" = 401 ] || bad="$bad $m$p:none=$STATUS"
	if [ "$s" != ANY ]; then
		call "$(wrong_token "$s")"
		[ "$STATUS" = 403 ] && [ "$(code)" = scope ] || bad="$bad $m$p:wrong=$STATUS"
	fi
	call "$(scope_token "$s")"
	case $STATUS in 200|404|422) ;; *) bad="$bad $m$p:right=$STATUS";; esac
done <<<"$ROUTES"
ok "every route: 401 without a token, 403 without its scope, answered with it ($bad)" test -z "$bad"
api GET /brands "$ADMIN_T"
ok "an admin token reads everything (admin holds every scope)" eval 'test "$STATUS" = 200 && jq -e ".data | map(.name) | index(\"API Brand\")" <<<"$BODY" >/dev/null'

# --- chats: paging by cursor while chats are made
for i in 1 2 3 4 5; do FROM=oApi$i$(openssl rand -hex 3) say "问题 $i"; done
BEFORE=$(sqlq "SELECT GROUP_CONCAT(c.id ORDER BY c.id) FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE ch.brand_id = $BRAND")
seen="" cursor="" pages=0
while :; do
	api GET "/chats?limit=2&cursor=$cursor" "$BRAND_T"
	[ "$STATUS" = 200 ] || break
	seen="$seen $(jq -r '.data[].id' <<<"$BODY" | tr '\n' ' ')"
	pages=$((pages + 1))
	# a chat made while the list is read: later in id order
	[ $pages = 1 ] && FROM=oApiLate$(openssl rand -hex 3) say "路过"
	cursor=$(jq -r '.next_cursor // empty' <<<"$BODY")
	[ -n "$cursor" ] || break
done
SEEN=$(tr ' ' '\n' <<<"$seen" | grep . | sort -n | tr '\n' ',' | sed 's/,$//')
ALL=$(sqlq "SELECT GROUP_CONCAT(c.id ORDER BY c.id) FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE ch.brand_id = $BRAND")
ok "a cursor walks every chat once, the one made meanwhile too (nothing skipped or repeated)" eval 'test "$SEEN" = "$ALL" && test "$(tr " " "\n" <<<"$seen" | grep . | sort | uniq -d)" = "" && test "${ALL#$BEFORE}" != "$ALL"'
api GET "/chats?state=nonsense" "$READ_T"
ok "a filter it does not know: 400 in words" eval 'test "$STATUS:$(code)" = "400:bad_filter" && grep -q "not a chat state" <<<"$BODY"'
api GET "/chats?limit=0" "$READ_T"
ok "…a limit out of range: 400" test "$STATUS:$(code)" = "400:bad_limit"

# --- a chat: read, assign, send under the rules, notes, transfer, close
FROM=oApiChat$(openssl rand -hex 3)
say "我的订单还没到"
C=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM'")
OP=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
api GET "/chats/$C" "$READ_T"
ok "a chat reads with its messages" eval 'test "$STATUS" = 200 && test "$(jq -r ".state,.follower.openid,.messages[0].text" <<<"$BODY" | tr "\n" :)" = "waiting:$FROM:我的订单还没到:"'
jpost "/chats/$C/messages" "$WRITE_T" '{"text": "您好"}'
ok "a reply to a chat nobody picked up is refused with the console's rule and words" eval 'test "$STATUS:$(code)" = "409:not_picked_up" && grep -q "Pick this chat up" <<<"$BODY"'
jpost "/chats/$C/assign" "$WRITE_T" "{\"operator_id\": $OP}"
ok "assigned to the operator: theirs, active" eval 'test "$STATUS" = 200 && test "$(jq -r ".state,.operator_id" <<<"$BODY" | tr "\n" :)" = "active:$OP:"'
jpost "/chats/$C/messages" "$WRITE_T" '{"text": "您好，我来查一下"}'
author_of() { sqlq "SELECT author_id FROM messages WHERE chat_id = $C AND body = '$1'"; }
ok "a reply is queued as the chat's operator (202)" eval 'test "$STATUS" = 202 && test "$(author_of 您好，我来查一下)" = "$OP"'
sent
ok "…and delivered to the follower's phone" test "$(received)" = 1
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/api.png"; head -c 3000 /dev/urandom >>"$WXDESK_VAR/api.png"
api POST "/chats/$C/messages" "$WRITE_T" -F "file=@$WXDESK_VAR/api.png;type=image/png" -F "text=这是物流单"
ok "a file and a text in one call (multipart): the file first" eval 'test "$STATUS" = 202 && test "$(jq -r "[.messages[].type] | join(\",\")" <<<"$BODY")" = "image,text"'
printf 'not a picture' >"$WXDESK_VAR/api-fake.png"
api POST "/chats/$C/messages" "$WRITE_T" -F "file=@$WXDESK_VAR/api-fake.png;type=image/png"
ok "…a file WeChat would not take: 422 in words" eval 'test "$STATUS:$(code)" = "422:bad_file"'
for x in 4 5; do jpost "/chats/$C/messages" "$WRITE_T" "{\"text\": \"第$x条\"}"; done
jpost "/chats/$C/messages" "$WRITE_T" '{"text": "第6条"}'
ok "a 6th in a row is refused (409 five_in_row) in the console's words, nothing stored" eval 'test "$STATUS:$(code)" = "409:five_in_row" && grep -q "messages in a row" <<<"$BODY" && test -z "$(author_of 第6条)"'
sent
# the console's rules on who changes a chat hold for the staff a change is made as
echo 'a-long-password-for-api' | "$WXDESK_BUILD/bin/wxdesk-admin" user apistranger "API Stranger" operator >/dev/null
STR=$(sqlq "SELECT id FROM users WHERE login = 'apistranger'")
jpost "/chats/$C/notes" "$WRITE_T" "{\"text\": \"x\", \"as\": $STR}"
ok "made as an operator outside the chat's department: 403" test "$STATUS:$(code)" = "403:not_member"
sqlq "INSERT INTO department_members (department_id, user_id) VALUES ($SALES, $STR)"
jpost "/chats/$C/close" "$WRITE_T" "{\"as\": $STR}"
ok "…a colleague closing a chat that is not theirs: 403, still open" eval 'test "$STATUS:$(code)" = "403:not_yours" && test "$(sqlq "SELECT state FROM chats WHERE id = $C")" = active'
# Idempotency-Key: a note sent twice is one note
notes() { sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $C AND event = 'staff_note'"; }
jpost "/chats/$C/notes" "$WRITE_T" '{"text": "客户很着急"}' -H 'Idempotency-Key: note-1'
FIRST=$BODY
jpost "/chats/$C/notes" "$WRITE_T" '{"text": "客户很着急"}' -H 'Idempotency-Key: note-1'
ok "a write with an Idempotency-Key, sent twice, is done once and answered the same" eval 'test "$STATUS" = 200 && hdr "Idempotent-Replayed: true" && test "$BODY" = "$FIRST" && test "$(notes)" = 1'
jpost "/chats/$C/notes" "$WRITE_T" '{"text": "别的"}' -H 'Idempotency-Key: note-1'
ok "…the same key with another request: 422" test "$STATUS:$(code)" = "422:idempotency_key_reused"
jpost "/chats/$C/transfer" "$WRITE_T" "{\"department_id\": $SUPPORT, \"note\": \"物流问题\"}"
ok "transferred to another department's queue" eval 'test "$STATUS" = 200 && test "$(jq -r ".department_id,.state" <<<"$BODY" | tr "\n" :)" = "$SUPPORT:waiting:"'
jpost "/chats/$C/close" "$WRITE_T" '{"summary": "已解决"}'
ok "closed with its summary" eval 'test "$STATUS" = 200 && test "$(jq -r ".state,.summary" <<<"$BODY" | tr "\n" :)" = "closed:已解决:"'
jpost "/chats/$C/close" "$WRITE_T" '{}'
ok "…closed twice: 409" test "$STATUS:$(code)" = "409:chat_closed"
api GET "/chats/$C/messages?limit=2" "$READ_T"
ok "a chat's messages page by cursor too" eval 'test "$STATUS" = 200 && test "$(jq ".data | length" <<<"$BODY")" = 2 && test "$(jq -r .next_cursor <<<"$BODY")" != null'

# --- followers: read, remark, tags (here and queued for WeChat)
F=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
sqlq "INSERT INTO wx_tags (channel_id, wx_id, name, created_at) VALUES ($CH, 300, 'VIP', NOW())"
TAGID=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND name = 'VIP'")
jpost "/followers/$F/remark" "$FOLLOW_T" '{"remark": "王女士"}'
writes() { sqlq "SELECT COUNT(*) FROM wx_writes WHERE follower_id = $F"; }
ok "a remark set through the API, and queued for WeChat" eval 'test "$STATUS" = 200 && test "$(jq -r ".alias // .remark" <<<"$BODY")" = 王女士 && test "$(writes)" -ge 1'
jpost "/followers/$F/tags" "$FOLLOW_T" "{\"add\": [$TAGID]}"
ok "…a tag given" eval 'test "$STATUS" = 200 && test "$(jq -r ".tags[0].name" <<<"$BODY")" = VIP'
api GET "/followers?tag_id=$TAGID" "$FOLLOW_T"
ok "followers listed by tag" test "$(jq -r '.data | map(.openid) | join(",")' <<<"$BODY")" = "$FROM"

# --- reports: the overview's figures
api GET "/reports/overview" "$REPORT_T"
ok "the overview's figures as JSON" eval 'test "$STATUS" = 200 && jq -e ".figures.chats_received >= 1 and .figures.messages_in >= 1" <<<"$BODY" >/dev/null'

# --- a brand's token sees its brand only
OTHER=$(sqlq "SELECT c.id FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE ch.brand_id <> $BRAND LIMIT 1")
if [ -n "$OTHER" ]; then api GET "/chats/$OTHER" "$BRAND_T"; else STATUS=404; fi
api2=$STATUS
api GET /brands "$BRAND_T"
ok "a brand's token: another brand's chat is not found, lists hold its brand only" eval 'test "$api2" = 404 && test "$(jq -r "[.data[].id] | join(\",\")" <<<"$BODY")" = "$BRAND"'

# --- the rate limit, then revoking
LIM_T=$(token limited scope=chats.read rate=3)
for i in 1 2 3; do api GET /me "$LIM_T"; done
ok "within the token's rate" test "$STATUS" = 200
api GET /me "$LIM_T"
ok "past it: 429 with Retry-After, in words" eval 'test "$STATUS:$(code)" = "429:rate_limited" && hdr "^Retry-After: [0-9]"'
LID=$(sqlq "SELECT id FROM api_tokens WHERE name = 'limited'")
TOKEN_PAGE=/admin/api post adm "/admin/api/tokens/$LID/revoke"
api GET /me "$LIM_T"
ok "a revoked token is refused at once" test "$STATUS:$(code)" = "401:token_revoked"

# --- the audit trail
audited() { sqlq "SELECT COUNT(*) FROM audit_log WHERE login = 'api:$1' AND action = 'api.$2' AND target LIKE '$3%'"; }
ok "every call is on the audit trail, by token" eval 'test "$(audited writer write "POST /api/v1/chats/")" -ge 8 && test "$(audited reader read "GET /api/v1/chats/")" -ge 1'
done_tests
