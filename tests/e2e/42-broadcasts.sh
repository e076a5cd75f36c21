# 42-broadcasts.sh: broadcasts within WeChat's quotas. A supervisor sends a
# text to every follower or to a tag's, after a preview on one phone; the
# page says how many of each audience can still receive one this month (4
# each) and refuses a broadcast that would reach nobody; the worker sends it
# with a clientmsgid (a retried call is not a second broadcast) and records
# WeChat's later result; the follower's page counts what they have left.
. "$(dirname "$0")/lib.sh"
own_channel "Broadcast Brand"
worker_stop	# the worker's sends, a tick at a time
F1=oCast1$(openssl rand -hex 3) F2=oCast2$(openssl rand -hex 3) F3=oCast3$(openssl rand -hex 3)
for f in "$F1" "$F2" "$F3"; do sim_phone "$f" -F action=text -F "text=你好"; done
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "openid=$F2" --data-urlencode "tag=会员" "$SIMURL/sim/dashboard"
sqlq "UPDATE wx_syncs SET tags_due = '1000-01-01', followers_due = '1000-01-01' WHERE channel_id = $CH"
tick
casts() { curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$1" | grep -o '"msgtype":"mass"' | wc -l; }
row() { sqlq "SELECT CONCAT_WS(':', state, wx_errcode) FROM broadcasts WHERE id = $1"; }
last() { sqlq "SELECT MAX(id) FROM broadcasts WHERE channel_id = $CH"; }
TAG=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND name = '会员'")

sign_in op operator "$(demo_pw operator)"
get op "/console/broadcasts"
ok "an operator cannot broadcast" test "$STATUS" = 403
sign_in sv admin "$(demo_pw admin)"
get sv "/console/broadcasts?account=$CH"
ok "the page says how many of each audience can still receive one" eval 'has "Every follower (3; 3 can still receive one this month)" && has "Tag “会员” (1; not counted toward their 4)" && has "at most 4 broadcasts to everyone a month"'

TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts/preview account=$CH openid=oNobodyHere "content=预览"
ok "a preview to an OpenID the account does not have: refused beside it" eval 'test "$STATUS" = 422 && has "No follower of this account has that OpenID"'
TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts/preview account=$CH "openid=$F1" "content=双十二活动预告"
tick
ok "a preview reaches one phone, and counts toward nothing" test "$(casts "$F1"):$(casts "$F2"):$(row "$(last)"):$(sqlq "SELECT COUNT(*) FROM mass_receipts r JOIN followers f ON f.id = r.follower_id WHERE f.channel_id = $CH")" = "1:0:sent:0"

TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=all "content=双十二活动预告"
B=$(last)
ok "a broadcast to everyone is queued" test "$STATUS:$(row "$B")" = "303:queued"
tick
ok "…the worker sends it: every phone has it, each counted for the month" test "$(casts "$F1"):$(casts "$F2"):$(casts "$F3"):$(row "$B"):$(sqlq "SELECT SUM(r.received) FROM mass_receipts r JOIN followers f ON f.id = r.follower_id WHERE f.channel_id = $CH")" = "2:1:1:sent:3"
finished() { test "$(sqlq "SELECT x.status FROM broadcasts b JOIN broadcast_results x ON x.channel_id = b.channel_id AND x.msg_id = b.wx_msg_id WHERE b.id = $1")" = "send success"; }
ok "WeChat's result comes later and is recorded" eventually finished "$B"
get sv "/console/broadcasts?account=$CH"
ok "…and shown" has "WeChat reports send success: sent to 3 of 3"

# a worker that died after WeChat took it: sent again with its clientmsgid
ID1=$(sqlq "SELECT wx_msg_id FROM broadcasts WHERE id = $B")
sqlq "UPDATE broadcasts SET state = 'sending', lease_until = NULL, wx_msg_id = NULL WHERE id = $B; DELETE r FROM mass_receipts r JOIN followers f ON f.id = r.follower_id WHERE f.channel_id = $CH; DELETE FROM report_events WHERE kind = 'broadcast_sent' AND channel_id = $CH"
tick
ok "a broadcast sent again is not a second one (45065: WeChat's first, counted once)" test "$(casts "$F2"):$(row "$B"):$(sqlq "SELECT wx_msg_id FROM broadcasts WHERE id = $B"):$(sqlq "SELECT SUM(r.received) FROM mass_receipts r JOIN followers f ON f.id = r.follower_id WHERE f.channel_id = $CH")" = "1:sent:$ID1:3"

TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH "audience=$TAG" "content=会员专享"
tick
ok "a broadcast to a tag reaches its followers only" test "$(casts "$F1"):$(casts "$F2"):$(casts "$F3")" = "2:2:1"
TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=list "openids=$F1" "content=名单"
ok "a broadcast to a list of one: refused beside the list (2 to 10,000)" eval 'test "$STATUS" = 422 && has "List between 2 and 10000 OpenIDs"'
TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=list "openids=$F1
$F3 oNotAFollower" "content=名单专享"
ok "…to a list: its followers who follow, queued" test "$STATUS:$(sqlq "SELECT CONCAT(audience, ':', to_list) FROM broadcasts WHERE id = $(last)")" = "303:2:1"
tick
ok "…sent with mass/send to them alone" test "$(casts "$F1"):$(casts "$F2"):$(casts "$F3"):$(row "$(last)")" = "3:2:2:sent"

TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=all "content=to be cancelled"
TOKEN_PAGE="/console/broadcasts?account=$CH" post sv "/console/broadcasts/$(last)/cancel?account=$CH"
tick
ok "a broadcast cancelled before it went does not go" test "$(row "$(last)"):$(casts "$F3")" = "cancelled:2"

for i in 1 2 3; do
	TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=all "content=第 $i 次"
	tick
done
ok "each follower has had this month's 4 broadcasts to everyone (a tag's and a list's not counted)" test "$(casts "$F1"):$(casts "$F2"):$(casts "$F3"):$(sqlq "SELECT GROUP_CONCAT(r.received) FROM mass_receipts r JOIN followers f ON f.id = r.follower_id WHERE f.channel_id = $CH")" = "6:5:5:4,4,4"
get sv "/console/broadcasts?account=$CH"
ok "the page says nobody can receive another this month" has "Every follower (3; 0 can still receive one this month)"
N=$(sqlq "SELECT COUNT(*) FROM broadcasts WHERE channel_id = $CH")
TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=all "content=浪费"
ok "…and refuses a broadcast that would be wasted" eval 'test "$STATUS" = 409 && has "WeChat would drop it" && test "$(sqlq "SELECT COUNT(*) FROM broadcasts WHERE channel_id = $CH")" = "$N"'
FID=$(sqlq "SELECT id FROM followers WHERE openid = '$F3'")
get sv "/console/followers/$FID"
ok "the follower's page: no broadcast left this month, and today's template messages" eval 'has "They can receive 0 more of their 4 broadcasts to everyone this month" && has "can send 100000 more template messages today"'
ok "the reports count each broadcast sent" test "$(sqlq "SELECT COUNT(*) FROM report_events WHERE kind = 'broadcast_sent' AND channel_id = $CH")" = 6
# a count here that WeChat does not share (a broadcast from WeChat's own dashboard): WeChat filters
sqlq "DELETE FROM mass_receipts WHERE follower_id = (SELECT id FROM followers WHERE openid = '$F2')"
TOKEN_PAGE="/console/broadcasts?account=$CH" post sv /console/broadcasts account=$CH audience=all "content=第 5 次"
tick
counts() { sqlq "SELECT CONCAT(x.total_count, ':', x.sent_count) FROM broadcasts b JOIN broadcast_results x ON x.channel_id = b.channel_id AND x.msg_id = b.wx_msg_id WHERE b.id = $1"; }
ok "WeChat drops a 5th in a month: the phone never gets it, and WeChat's result says so" eval 'test "$(casts "$F2")" = 5 && eventually finished "$(last)" && test "$(counts "$(last)")" = "3:0"'
ok "the audit trail records them" test "$(sqlq "SELECT COUNT(*) FROM audit_log WHERE action = 'broadcast.send'")" -ge 5
done_tests
