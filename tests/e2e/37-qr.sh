# 37-qr.sh: parametric QR codes that route. An administrator makes a
# temporary and a permanent code (WeChat makes them through the worker's
# queue; the picture is kept, downloaded and printed); a follower who
# follows or scans with one gets its welcome and tag, their next chat goes
# to its department, offered to its operator first, the transcript naming
# the code; the QR codes report counts scans, follows, chats and ratings.
. "$(dirname "$0")/lib.sh"
own_channel "QR Brand"
worker_stop
OP_ID=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
ADM_ID=$(sqlq "SELECT id FROM users WHERE login = 'admin'")
sign_in adm admin "$(demo_pw admin)"
PAGE="/admin/channels/$CH/qr"
tick	# WeChat's own tags read
TOKEN_PAGE="/console/followers/tags?account=$CH" post adm /console/followers/tags "account=$CH" "name=展会客户"
TAG=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND name = '展会客户'")
tick

get adm "$PAGE"
ok "the QR codes page warns that permanent codes are spent for good" eval 'status_is 200 && has "never deletes one" && has "(0 / 100000)"'
get adm "/admin/channels/$CH"
ok "…and the account's page links to it" has "href=\"/admin/channels/$CH/qr\""
TOKEN_PAGE=$PAGE post adm "$PAGE" scene=expo2026 kind=temporary days=7 "name=展会海报" "campaign=秋季展会" \
	"department=$SUPPORT" "operator=$OP_ID" "tag=$TAG" "welcome=欢迎来到展会！客服马上为您服务。"
QR=$(sqlq "SELECT id FROM qr_codes WHERE channel_id = $CH AND scene = 'expo2026'")
ok "a temporary code is made here and queued for WeChat" eval 'status_is 303 && test -n "$QR" && test "$(sqlq "SELECT state FROM wx_writes WHERE qr_code_id = $QR")" = pending'
get adm "$PAGE/$QR"
ok "…its page says WeChat is making it" has "Being made by WeChat"
tick
ok "the worker had WeChat make it (QR_STR_SCENE, 7 days)" test "$(simq "SELECT CONCAT(scene, ':', permanent, ':', expires_at - created_at) FROM sim_qrcodes WHERE appid = '$APP_ID'")" = "expo2026:0:604800"
ok "…and kept its ticket and picture" test "$(sqlq "SELECT CONCAT(ticket = '$(simq "SELECT ticket FROM sim_qrcodes WHERE appid = '$APP_ID'")', ':', HEX(LEFT(png, 4)))  FROM qr_codes WHERE id = $QR")" = "1:89504E47"
get adm "$PAGE/$QR/png"
ok "the picture downloads as a PNG" eval 'status_is 200 && hdr "content-type: image/png" && hdr "content-disposition: attachment; filename=\"qr-expo2026.png\"" && test "$(head -c 4 "$WXDESK_VAR/last-body" | od -An -tx1 | tr -d " ")" = 89504e47'
get adm "$PAGE/$QR/print"
ok "…and a page prints it with its name" eval 'status_is 200 && has "<p class=\"qr-name\">展会海报</p>" && has "/qr/$QR/png"'
get adm "$PAGE"
ok "the list shows it: routing, tag, kind" eval 'has "展会海报" && has "Support · Demo Operator" && has "展会客户" && has "Download PNG"'

# --- checked before WeChat is asked
TOKEN_PAGE=$PAGE post adm "$PAGE" "scene=expo 2026" kind=temporary days=7 name=x
ok "a scene of other characters is refused beside its field" eval 'status_is 422 && has "A scene is 1 to 64 letters"'
TOKEN_PAGE=$PAGE post adm "$PAGE" scene=expo2026 kind=temporary days=7 name=again
ok "…so is a scene the account has" eval 'status_is 422 && has "already has a QR code with this scene"'
TOKEN_PAGE=$PAGE post adm "$PAGE" scene=long kind=temporary days=31 name=x
ok "…and a temporary code of more than 30 days" eval 'status_is 422 && has "lasts 1 to 30 days"'
TOKEN_PAGE=$PAGE post adm "$PAGE" scene=solo kind=temporary days=7 name=x "department=$SALES" "operator=$ADM_ID"
ok "…and an operator who is not in the department" eval 'status_is 422 && has "member of the department"'

# --- permanent
TOKEN_PAGE=$PAGE post adm "$PAGE" scene=store-door kind=permanent "name=门店" "department=$SALES"
tick
ok "a permanent code (QR_LIMIT_STR_SCENE): no end" test "$(simq "SELECT CONCAT(permanent, ':', IFNULL(expires_at, 'none')) FROM sim_qrcodes WHERE appid = '$APP_ID' AND scene = 'store-door'")" = "1:none"
get adm "$PAGE"
ok "…counted against the 100,000" has "(1 / 100000)"

# --- a follower follows with the code
NEW=oQrNew$(openssl rand -hex 3)
sim_phone "$NEW" -F action=follow -F scene=expo2026
F=$(sqlq "SELECT id FROM followers WHERE openid = '$NEW'")
ok "the follow is answered with the code's welcome" grep -q '欢迎来到展会！客服马上为您服务。' <<<"$(curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$NEW")"
ok "…the follower has the code's tag (written to WeChat next)" test "$(sqlq "SELECT COUNT(*) FROM follower_tags WHERE follower_id = $F AND tag_id = $TAG"):$(sqlq "SELECT state FROM wx_writes WHERE follower_id = $F AND tag_id = $TAG")" = "1:pending"
ok "…the follow is counted for the code" test "$(sqlq "SELECT GROUP_CONCAT(kind) FROM qr_events WHERE qr_code_id = $QR")" = follow
sqlq "UPDATE departments SET routing = 'round_robin' WHERE id = $SUPPORT"
sqlq "INSERT IGNORE INTO department_members (department_id, user_id) VALUES ($SUPPORT, $ADM_ID)"
sqlq "UPDATE department_members SET turn = IF(user_id = $OP_ID, 99, 0) WHERE department_id = $SUPPORT"
sqlq "UPDATE users SET presence = 'available', console_seen_at = FROM_UNIXTIME($(wx_clock) + 3600) WHERE id IN ($OP_ID, $ADM_ID)"
FROM=$NEW
say "我想了解一下展会的优惠"
C=$(sqlq "SELECT id FROM chats WHERE follower_id = $F AND state <> 'closed'")
ok "their chat goes to the code's department, the code kept on it" test "$(sqlq "SELECT CONCAT(department_id, ':', qr_code_id, ':', preferred_user_id) FROM chats WHERE id = $C")" = "$SUPPORT:$QR:$OP_ID"
ok "…the follower's route is used up" test "$(sqlq "SELECT IFNULL(route_qr_id, 'none') FROM followers WHERE id = $F")" = none
tick
ok "…offered to the code's operator first, though it is not their turn" test "$(sqlq "SELECT offer_user_id FROM chats WHERE id = $C")" = "$OP_ID"
sign_in op operator "$(demo_pw operator)"
get op "/console/chats/$C"
ok "the transcript names the code and its campaign" has "The follower came with the QR code “展会海报” (campaign 秋季展会)."
# a follower already following scans
OLD=oQrOld$(openssl rand -hex 3)
sim_phone "$OLD" -F action=follow
sim_phone "$OLD" -F action=scan -F scene=expo2026
ok "a scan while following is answered with the welcome and counted" test "$(curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$OLD" | grep -c '欢迎来到展会'):$(sqlq "SELECT GROUP_CONCAT(kind ORDER BY id) FROM qr_events WHERE qr_code_id = $QR")" = "1:follow,scan"
sim_phone "$OLD" -F action=scan -F scene=nobody-knows
ok "…a scene the account has no code for changes nothing" test "$(sqlq "SELECT COUNT(*) FROM qr_events WHERE follower_id = (SELECT id FROM followers WHERE openid = '$OLD')")" = 1

# --- the report
sqlq "UPDATE chats SET csat_rating = 5 WHERE id = $C"
get adm "/reports/qr?from=$(date -u -d @"$(wx_clock)" +%F)&to=$(date -u -d @"$(wx_clock)" +%F)&tz=UTC"
ok "the QR codes report: scans, follows, chats and ratings per code" eval 'status_is 200 && grep -q "展会海报 <small><code>expo2026</code> · 秋季展会</small></td><td>1</td><td>1</td><td>1</td><td>1</td><td>5.0</td>" <<<"$BODY"'
ok "…and per campaign" eval 'grep -q "<tr><td>秋季展会</td><td>1</td><td>1</td><td>1</td><td>1</td><td>5.0</td>" <<<"$BODY"'
get adm "/reports/qr?from=$(date -u -d @"$(wx_clock)" +%F)&to=$(date -u -d @"$(wx_clock)" +%F)&tz=UTC&format=csv"
ok "…as CSV" grep -q "展会海报,秋季展会,expo2026,1,1,1,1,5.0" <<<"$(tr -d '\r' <<<"$BODY")"

# --- every report narrowed to a code or a campaign
OTHER=oQrOther$(openssl rand -hex 3)
FROM=$OTHER
say "没有扫码，直接来咨询"
D=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$OTHER'")
tick	# the roll-up folds the events so far
FROM=$NEW
say "展位在几号馆？"	# C's second message, not folded yet
DAY=$(date -u -d @"$(wx_clock)" +%F)
Q="from=$DAY&to=$DAY&tz=UTC&channel=$CH"
CAMP=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("秋季展会"))')
fig() { sed -n "s/.*id=\"fig-$1\">\([0-9]*\)<.*/\1/p" <<<"$BODY"; }
get adm "/reports/?$Q"
ok "the overview counts the account's two chats and three messages" test "$(fig received):$(fig in)" = "2:3"
ok "…and offers the codes and campaigns as filters" eval 'has "<option value=\"$QR\">展会海报</option>" && has "<option value=\"秋季展会\">秋季展会</option>"'
get adm "/reports/?$Q&qr=$QR"
ok "narrowed to the code: its chat and its two messages, one not folded yet" test "$(fig received):$(fig in)" = "1:2"
ok "…says so, and keeps the code chosen" eval 'has "id=\"qr-hint\"" && has "<option value=\"$QR\" selected>"'
ok "…and its tabs carry it" has "href=\"/reports/days?from=$DAY&amp;to=$DAY&amp;tz=UTC&amp;channel=$CH&amp;qr=$QR\""
get adm "/reports/?$Q&campaign=$CAMP"
ok "by its campaign, the same" eval 'test "$(fig received):$(fig in)" = "1:2" && has "<option value=\"秋季展会\" selected>秋季展会</option>"'
get adm "/reports/days?$Q&qr=$QR&format=csv"
ok "the per-day CSV is narrowed too" grep -q "^$DAY,1," <<<"$(tr -d '\r' <<<"$BODY")"
get adm "/reports/operators?$Q&qr=$QR"
ok "…and the per-operator report" status_is 200
get adm "/reports/followers?$Q"
ok "the followers report counts both follows" grep -q "<tr data-bucket=\"$DAY\"><td>$DAY</td><td>2</td>" <<<"$BODY"
get adm "/reports/followers?$Q&qr=$QR"
ok "…narrowed to the code: the follow with it" grep -q "<tr data-bucket=\"$DAY\"><td>$DAY</td><td>1</td>" <<<"$BODY"
NOW=$(wx_clock)
sqlq "UPDATE chats SET csat_state = 'rated', csat_rating = IF(id = $C, 5, 1), closed_at = FROM_UNIXTIME($NOW) WHERE id IN ($C, $D)"
get adm "/reports/csat?$Q&format=csv"
ok "satisfaction: two chats rated, 3.0 on average" grep -q "^$DAY,2,2,.*3.00" <<<"$(tr -d '\r' <<<"$BODY")"
get adm "/reports/csat?$Q&qr=$QR&format=csv"
ok "…narrowed to the code: its chat's 5" grep -q "^$DAY,1,1,.*5.00" <<<"$(tr -d '\r' <<<"$BODY")"
sqlq "UPDATE chats SET csat_state = NULL, csat_rating = NULL, closed_at = NULL WHERE id IN ($C, $D)"
sqlq "UPDATE chats SET csat_rating = 5 WHERE id = $C"
get adm "/reports/qr?$Q&campaign=$CAMP"
ok "the QR codes report narrowed to the campaign leaves out the code of none" eval 'has "<code>expo2026</code>" && ! has "<code>store-door</code>"'
get adm "/reports/presence?$Q&qr=$QR"
ok "presence has no codes to filter by: kept for the other tabs, and said" eval 'has "id=\"kept-hint\"" && has "<input type=\"hidden\" name=\"qr\" value=\"$QR\">"'

# --- a temporary code lapses, and is made again
OLDT=$(sqlq "SELECT ticket FROM qr_codes WHERE id = $QR")
shift_clock $((8 * 86400))
sign_in adm admin "$(demo_pw admin)"
get adm "$PAGE/$QR"
ok "a lapsed temporary code says so" has "has lapsed"
ok "…WeChat no longer shows its picture" test "$(curl -s -o /dev/null -w '%{http_code}' "$SIMURL/cgi-bin/showqrcode?ticket=$OLDT")" = 404
TOKEN_PAGE="$PAGE/$QR" post adm "$PAGE/$QR/reissue"
tick
ok "made again: a new ticket and picture, the same scene" test "$(sqlq "SELECT CONCAT(ticket <> '$OLDT', ':', png IS NOT NULL, ':', scene) FROM qr_codes WHERE id = $QR")" = "1:1:expo2026"
get adm "$PAGE/$QR"
ok "…and it no longer says lapsed" eval '! has "has lapsed" && has "Download PNG"'
TOKEN_PAGE="$PAGE/$QR" post adm "$PAGE/$QR" "name=展会海报（第二版）" "campaign=秋季展会" "department=$SALES" operator= tag= welcome=
ok "its routing changed on its page" test "$STATUS:$(sqlq "SELECT CONCAT(name, ':', department_id, ':', IFNULL(operator_id, '-'), ':', IFNULL(welcome, '-')) FROM qr_codes WHERE id = $QR")" = "303:展会海报（第二版）:$SALES:-:-"
done_tests
