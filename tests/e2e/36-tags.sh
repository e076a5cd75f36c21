# 36-tags.sh: an account's tags and blacklist kept in step with WeChat both
# ways. Tags made, renamed and deleted on the Tags page and given from the
# chat's follower panel are written to WeChat by the worker (many followers
# a call), within WeChat's limits said in words first, its quota errors
# retried; what WeChat's own dashboard changes (remarks, tags, the
# blacklist) is read back. A blocked follower's messages are stored once,
# open no chat, and are shown greyed on their page.
. "$(dirname "$0")/lib.sh"
own_channel "Tag Brand"
worker_stop	# the worker's writes and reads, a tick at a time
FROM=oTagA$(openssl rand -hex 3)
FROM2=oTagB$(openssl rand -hex 3)
sim_phone "$FROM2" -F action=follow
say "我想咨询会员的事"
F1=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
F2=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM2'")
CHAT=$(sqlq "SELECT id FROM chats WHERE follower_id = $F1 AND state <> 'closed'")
sign_in op operator "$(demo_pw operator)"
sign_in sup admin "$(demo_pw admin)"
simcalls() { simq "SELECT COUNT(*) FROM sim_calls WHERE appid = '$APP_ID' AND api = '$1' AND errcode = 0"; }
wx_tag() { simq "SELECT id FROM sim_tags WHERE appid = '$APP_ID' AND name = '$1'"; }
wx_tags_of() { simq "SELECT IFNULL(GROUP_CONCAT(t.name ORDER BY t.name), '-') FROM sim_user_tags u JOIN sim_tags t ON t.appid = u.appid AND t.id = u.tag_id WHERE u.appid = '$APP_ID' AND u.openid = '$1'"; }
tags_of() { sqlq "SELECT IFNULL(GROUP_CONCAT(t.name ORDER BY t.name), '-') FROM follower_tags ft JOIN wx_tags t ON t.id = ft.tag_id WHERE ft.follower_id = $1"; }
last_write() { sqlq "SELECT CONCAT(state, ':', IFNULL(errcode, 0)) FROM wx_writes WHERE api = '$1' AND channel_id = $CH ORDER BY id DESC LIMIT 1"; }
# (a second on: what wxdesk wrote in the second a pass begins counts as newer)
read_back() { shift_clock 1; sqlq "UPDATE wx_syncs SET tags_due = '1000-01-01', blacklist_due = '1000-01-01', followers_due = '1000-01-01' WHERE channel_id = $CH"; tick; }

# --- the Tags page: supervisors and admins
get op "/console/followers/tags?account=$CH"
ok "an operator cannot manage the account's tags" status_is 403
tick	# the first read of WeChat's tags: its own
get sup "/console/followers/tags?account=$CH"
ok "the Tags page shows WeChat's own tag, not to be changed" eval 'status_is 200 && has "星标组 <small class=\"hint\">WeChat&#39;s own</small>"'
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup /console/followers/tags "account=$CH" "name=VIP客户"
VIP=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND name = 'VIP客户'")
ok "a tag is made here at once" eval 'status_is 303 && test -n "$VIP"'
ok "…and queued for WeChat" test "$(last_write tags/create)" = "pending:0"
get sup "/console/followers/tags?account=$CH"
ok "…the page says it is on its way" has "Being written to WeChat."
tick
ok "the worker made it in WeChat (tags/create)" test -n "$(wx_tag VIP客户)"
ok "…and keeps WeChat's id" test "$(sqlq "SELECT wx_id FROM wx_tags WHERE id = $VIP")" = "$(wx_tag VIP客户)"
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup /console/followers/tags "account=$CH" "name=VIP客户"
ok "a second tag of the same name is refused in words" eval 'status_is 422 && has "already has a tag of that name"'
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup /console/followers/tags "account=$CH" "name=一二三四五六七八九十一"
ok "a name over 30 bytes (11 Chinese characters) is refused before WeChat would (45158)" eval 'status_is 422 && has "at most 30 bytes"'
sqlq "INSERT INTO wx_tags (channel_id, wx_id, name, created_at) SELECT $CH, 1000 + seq, CONCAT('t', seq), NOW() FROM seq_1_to_99"
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup /console/followers/tags "account=$CH" "name=一百零一"
ok "a 101st tag is refused before WeChat would (45056)" eval 'status_is 422 && has "The account has 100 tags"'
sqlq "DELETE FROM wx_tags WHERE channel_id = $CH AND wx_id > 1000"

# --- an operator tags followers from the chat's panel and the follower's page
get op "/console/chats/$CHAT"
ok "the chat's follower panel offers the account's tags" eval 'has "id=\"follower-tags\"" && has "<option value=\"$VIP\">VIP客户</option>" && ! has ">星标组</option>"'
TOKEN_PAGE="/console/chats/$CHAT" post op "/console/chats/$CHAT/tags" "tag=$VIP"
ok "a tag given from the chat is the follower's at once" eval 'status_is 303 && test "$(tags_of $F1)" = VIP客户'
TOKEN_PAGE="/console/followers/$F2" post op "/console/followers/$F2/tags" "tag=$VIP"
ok "…and from the follower's page" test "$(tags_of $F2)" = VIP客户
get op "/console/chats/$CHAT"
ok "…the panel shows it, on its way to WeChat" eval 'has "VIP客户 <form method=\"post\" action=\"/console/chats/$CHAT/tags\"" && has "Being written to WeChat."'
calls=$(simcalls tags_tagging)
tick
ok "the worker tagged both in WeChat" test "$(wx_tags_of "$FROM"):$(wx_tags_of "$FROM2")" = "VIP客户:VIP客户"
ok "…in one call (batchtagging takes up to 50)" test "$(simcalls tags_tagging)" = $((calls + 1))
get op "/console/followers?account=$CH&tag=$VIP"
ok "the Followers page filters by tag, each row with its tags" eval 'test "$(grep -c "<tr data-follower=" <<<"$BODY")" = 2 && test "$(grep -c "<ul class=\"words tags\"><li>VIP客户</li></ul>" <<<"$BODY")" = 2'

# --- limits of a follower, said before WeChat would
sqlq "INSERT INTO wx_tags (channel_id, wx_id, name, created_at) SELECT $CH, 2000 + seq, CONCAT('f', seq), NOW() FROM seq_1_to_20"
sqlq "INSERT INTO follower_tags (follower_id, tag_id) SELECT $F1, id FROM wx_tags WHERE channel_id = $CH AND wx_id BETWEEN 2001 AND 2019"
TOKEN_PAGE="/console/chats/$CHAT" post op "/console/chats/$CHAT/tags" "tag=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND wx_id = 2020")"
ok "a 21st tag of a follower is refused before WeChat would (45059)" eval 'status_is 422 && has "The follower has 20 tags"'
ok "…nothing queued" test "$(sqlq "SELECT COUNT(*) FROM wx_writes WHERE channel_id = $CH AND state = 'pending'")" = 0
sqlq "DELETE FROM wx_tags WHERE channel_id = $CH AND wx_id > 2000"

# --- WeChat's quotas: retried, never lost
curl -s -o /dev/null --data "appid=$APP_ID&api=tags_untagging&errcode=45011&count=1" "$SIMURL/sim/faults"
TOKEN_PAGE="/console/followers/$F2" post op "/console/followers/$F2/tags" "untag=$VIP"
ok "a tag taken away is gone here at once" test "$(tags_of $F2)" = -
tick
ok "WeChat's minute quota (45011): the write waits and is tried again" test "$(last_write tags/members/batchuntagging)" = "pending:45011"
get op "/console/followers/$F2"
ok "…the page says so, in words" has "Not in WeChat yet"
shift_clock 61
tick
ok "…and then sent" test "$(last_write tags/members/batchuntagging):$(wx_tags_of "$FROM2")" = "done:0:-"
curl -s -o /dev/null --data "appid=$APP_ID&api=tags_tagging&errcode=45009&count=1" "$SIMURL/sim/faults"
TOKEN_PAGE="/console/followers/$F2" post op "/console/followers/$F2/tags" "tag=$VIP"
tick
ok "the daily quota (45009): the write waits for WeChat's next day" test "$(sqlq "SELECT CONCAT(state, ':', errcode, ':', due_at > FROM_UNIXTIME($(wx_clock))) FROM wx_writes WHERE api = 'tags/members/batchtagging' ORDER BY id DESC LIMIT 1")" = "pending:45009:1"
get op "/console/followers/$F2"
ok "…said in words" has "daily API quota is used up"
shift_clock 86400
tick
sign_in op operator "$(demo_pw operator)"	# (a day later: signed in again)
sign_in sup admin "$(demo_pw admin)"
ok "…and is written the next day" test "$(wx_tags_of "$FROM2")" = VIP客户

# --- a batch WeChat refuses whole: each write goes alone, none is lost
F3OPEN=oTagC$(openssl rand -hex 3)
sim_phone "$F3OPEN" -F action=follow
F3=$(sqlq "SELECT id FROM followers WHERE openid = '$F3OPEN'")
TOKEN_PAGE="/console/followers/$F3" post op "/console/followers/$F3/tags" "tag=$VIP"
TOKEN_PAGE="/console/followers/$F1" post op "/console/followers/$F1/tags" "untag=$VIP"
TOKEN_PAGE="/console/followers/$F1" post op "/console/followers/$F1/tags" "tag=$VIP"
ok "a tag taken and given again before it was sent: only the last is sent" test "$(sqlq "SELECT GROUP_CONCAT(state ORDER BY id) FROM wx_writes WHERE follower_id = $F1 AND tag_id = $VIP AND id > (SELECT MAX(id) FROM wx_writes WHERE follower_id = $F1 AND state = 'done')")" = "superseded,pending"
simq "UPDATE sim_users SET subscribed = 0 WHERE appid = '$APP_ID' AND openid = '$F3OPEN'"
tick
ok "one follower WeChat refuses (43004) fails the batch: each is tried alone" test "$(sqlq "SELECT GROUP_CONCAT(CONCAT(state, ':', errcode) ORDER BY id) FROM wx_writes WHERE api = 'tags/members/batchtagging' AND follower_id IN ($F1, $F3) AND state = 'pending'")" = "pending:43004,pending:43004"
tick
ok "…the good one is written, the other fails with its reason" test "$(sqlq "SELECT GROUP_CONCAT(CONCAT(follower_id = $F1, ':', state, ':', errcode) ORDER BY follower_id = $F1) FROM wx_writes WHERE api = 'tags/members/batchtagging' AND follower_id IN ($F1, $F3) AND state <> 'superseded' AND id > (SELECT MAX(id) FROM wx_writes WHERE follower_id = $F2)")" = "0:failed:43004,1:done:0"
get op "/console/followers/$F3"
ok "…the follower's page says why, in words" has "WeChat refused it (the follower has unfollowed the account (43004))."
simq "UPDATE sim_users SET subscribed = 1 WHERE appid = '$APP_ID' AND openid = '$F3OPEN'"

# --- what WeChat's own dashboard changed is read back
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "openid=$FROM2" \
	--data-urlencode "remark=张总" --data-urlencode "tag=老客户" "$SIMURL/sim/dashboard"
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "openid=$FROM" \
	--data-urlencode "untag=VIP客户" "$SIMURL/sim/dashboard"
calls=$(simcalls user_batchget)
read_back
OLD=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND name = '老客户'")
ok "a tag made in WeChat appears here, with WeChat's count" test -n "$OLD" -a "$(sqlq "SELECT CONCAT(wx_id, ':', followers) FROM wx_tags WHERE id = '$OLD'")" = "$(wx_tag 老客户):1"
ok "the remark set in WeChat is read back (user/info/batchget)" test "$(sqlq "SELECT remark FROM followers WHERE id = $F2")" = 张总
ok "…with the followers' tags: one given there, one taken away there" test "$(tags_of $F2)/$(tags_of $F1)" = "VIP客户,老客户/-"
ok "…the account's followers in one call (100 a call)" test "$(simcalls user_batchget)" = $((calls + 1))
TOKEN_PAGE="/console/followers/$F1" post op "/console/followers/$F1/tags" "tag=$VIP"
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "openid=$FROM2" --data-urlencode "remark=王总" "$SIMURL/sim/dashboard"
TOKEN_PAGE="/console/followers/$F2" post op "/console/followers/$F2/name" "alias=张经理"
curl -s -o /dev/null --data "appid=$APP_ID&api=user_remark&errcode=-1&count=1" "$SIMURL/sim/faults"
curl -s -o /dev/null --data "appid=$APP_ID&api=tags_tagging&errcode=-1&count=1" "$SIMURL/sim/faults"
read_back
ok "a change of wxdesk's own still on its way is not undone by the read-back" test "$(tags_of $F1):$(sqlq "SELECT CONCAT(IFNULL(alias, '-'), '/', remark) FROM followers WHERE id = $F2")" = "VIP客户:张经理/张总"

# --- renamed and deleted here, in WeChat too
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup "/console/followers/tags/$VIP" "account=$CH" "name=金卡会员"
tick
ok "a tag renamed here is renamed in WeChat" test "$(wx_tag 金卡会员)" = "$(sqlq "SELECT wx_id FROM wx_tags WHERE id = $VIP")"
# WeChat refuses to delete a tag with too many followers (45057): it stays
curl -s -o /dev/null --data "appid=$APP_ID&api=tags_delete&errcode=45057&count=1" "$SIMURL/sim/faults"
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup "/console/followers/tags/$OLD/delete" "account=$CH"
tick
get sup "/console/followers/tags?account=$CH"
ok "a delete WeChat refuses (45057) leaves the tag the account's, and says why" eval 'test "$(sqlq "SELECT deleting FROM wx_tags WHERE id = $OLD")" = 0 && has "WeChat does not delete a tag with more than 100,000 followers (45057)"'
read_back
ok "…its followers read back from WeChat" test "$(tags_of $F2)" = "老客户,金卡会员"
TOKEN_PAGE="/console/followers/tags?account=$CH" post sup "/console/followers/tags/$OLD/delete" "account=$CH"
ok "a tag deleted here leaves its followers at once" eval 'status_is 303 && test "$(tags_of $F2)" = 金卡会员'
get sup "/console/followers/tags?account=$CH"
ok "…and shows as being deleted in WeChat" has "being deleted in WeChat"
tick
ok "…then WeChat deletes it, and it is gone here" test "$(wx_tag 老客户):$(sqlq "SELECT COUNT(*) FROM wx_tags WHERE id = $OLD")" = ":0"

# --- the blacklist
calls=$(received)
TOKEN_PAGE="/console/chats/$CHAT" post op "/console/chats/$CHAT/block" "blocked=1"
ok "blocked from the chat: on the blacklist at once, the chat closed as blocked" test "$STATUS:$(sqlq "SELECT blocked FROM followers WHERE id = $F1"):$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $CHAT")" = "303:1:closed:blocked"
tick
ok "…and on WeChat's blacklist (batchblacklist)" test "$(simq "SELECT blocked FROM sim_users WHERE appid = '$APP_ID' AND openid = '$FROM'")" = 1
say "为什么不理我"
ok "a blocked follower's message is stored once, in no chat" test "$(sqlq "SELECT CONCAT(COUNT(*), ':', IFNULL(MAX(chat_id), 'none')) FROM messages WHERE follower_id = $F1 AND body = '为什么不理我'")" = "1:none"
ok "…opens no chat and is answered nothing" test "$(sqlq "SELECT COUNT(*) FROM chats WHERE follower_id = $F1 AND state <> 'closed'"):$(received)" = "0:$calls"
get op /console/
ok "…nor is it in anyone's queue" eval '! has "为什么不理我"'
get op "/console/followers/$F1"
ok "their page shows the message, greyed under \"Sent while blocked\", and the way back" eval 'has "Sent while blocked" && has "为什么不理我" && has "Take off the blacklist"'
get op "/console/followers?account=$CH&state=blocked"
ok "the Followers page lists the blacklist, greyed" eval 'test "$(grep -c "<tr data-follower=\"$F1\" class=\"off\">" <<<"$BODY")" = 1 && test "$(grep -c "<tr data-follower=" <<<"$BODY")" = 1'
TOKEN_PAGE="/console/followers/$F1" post op "/console/followers/$F1/block" "blocked=0"
tick
ok "taken off the blacklist, here and in WeChat" test "$(sqlq "SELECT blocked FROM followers WHERE id = $F1"):$(simq "SELECT blocked FROM sim_users WHERE appid = '$APP_ID' AND openid = '$FROM'")" = "0:0"
say "现在可以了吗"
ok "…their next message opens a chat again" test "$(sqlq "SELECT COUNT(*) FROM chats WHERE follower_id = $F1 AND state <> 'closed'")" = 1
sim_phone "$FROM2" -F action=text -F "text=你好"
C2=$(sqlq "SELECT id FROM chats WHERE follower_id = $F2 AND state <> 'closed'")
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "openid=$FROM2" --data-urlencode "blocked=1" "$SIMURL/sim/dashboard"
read_back
ok "a follower blocked in WeChat's dashboard is blocked here (getblacklist)" test "$(sqlq "SELECT blocked FROM followers WHERE id = $F2")" = 1
ok "…and their open chat closes as blocked, the transcript saying where" test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $C2"):$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $C2 AND fields LIKE '%note.blocked_there%'")" = "closed:blocked:1"
curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "openid=$FROM2" --data-urlencode "blocked=0" "$SIMURL/sim/dashboard"
read_back
ok "…and unblocked when they leave WeChat's list" test "$(sqlq "SELECT blocked FROM followers WHERE id = $F2")" = 0

# --- an account WeChat has not verified may not tag (48001): said in words
simq "UPDATE sim_accounts SET verified = 0 WHERE appid = '$APP_ID'"
TOKEN_PAGE="/console/followers/$F3" post op "/console/followers/$F3/tags" "tag=$VIP"
tick
ok "no permission (48001): the write fails, the tag stays here" test "$(last_write tags/members/batchtagging):$(tags_of $F3)" = "failed:48001:金卡会员"
get op "/console/followers/$F3"
ok "…and the page says why" has "the account has no permission for this API (48001)"
simq "UPDATE sim_accounts SET verified = 1 WHERE appid = '$APP_ID'"
done_tests
