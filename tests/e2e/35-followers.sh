# 35-followers.sh: the Followers page: an account's followers newest first,
# 50 a page, searched by the start of their name or OpenID (typed as it is:
# % and _ match themselves) or a word inside their name, filtered by QR code, language, state and follow
# date; a follower's page with their chats and their name, written to
# WeChat as the remark; an operator sees only the accounts they serve.
. "$(dirname "$0")/lib.sh"
own_channel "Other Follower Brand"
OTHER_CH=$CH
OP_ID=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
sqlq "DELETE m FROM department_members m JOIN departments d ON d.id = m.department_id WHERE d.brand_id = $BRAND AND m.user_id = $OP_ID"
sqlq "INSERT INTO followers (channel_id, openid, created_at) VALUES ($OTHER_CH, 'oNotYours000001', NOW())"
NOT_YOURS=$(sqlq "SELECT id FROM followers WHERE openid = 'oNotYours000001'")
own_channel "Follower Brand"
# 300 followers: every fifth named in wxdesk (王n), every seventh with a remark
# in WeChat (李n), every third from the expo's QR code, every tenth gone
sqlq "INSERT INTO followers (channel_id, openid, subscribed, subscribed_at, unsubscribed_at,
	qr_scene, language, alias, remark, created_at, info_due)
	SELECT $CH, CONCAT('oFl', LPAD(seq, 6, '0')), seq % 10 <> 0, '2026-01-01' + INTERVAL seq HOUR,
	IF(seq % 10 = 0, '2026-06-01', NULL), IF(seq % 3 = 0, 'expo2026', NULL),
	IF(seq % 2, 'zh_CN', 'en'), IF(seq % 5 = 0, CONCAT('王', seq), NULL),
	IF(seq % 7 = 0, CONCAT('李', seq), NULL), NOW(), 0 FROM seq_1_to_300"
sqlq "INSERT INTO followers (channel_id, openid, alias, created_at, info_due) VALUES ($CH, 'oWild%_1', '50%_off', NOW(), 0)"
FROM="oFlChat$(openssl rand -hex 3)"
say "你好，我想问一下"
FID=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
sign_in op operator "$(demo_pw operator)"
rows() { grep -c '<tr data-follower=' <<<"$BODY"; }

get op "/console/followers?account=$CH"
ok "the Followers page lists the account's followers, 50 a page" eval 'status_is 200 && test "$(rows)" = 50'
ok "…newest first: the one who just wrote, with their chat" grep -q "<tr data-follower=\"$FID\"><td><a href=\"/console/followers/$FID\" class=\"who\">" <<<"$(grep -m1 '<tr data-follower=' <<<"$BODY")"
ok "…and a link to the older ones" has "Older followers"
next=$(grep -o 'before=[0-9]*' <<<"$BODY" | head -1)
get op "/console/followers?account=$CH&$next"
ok "…which pages on without repeating one" eval 'test "$(rows)" = 50 && ! grep -q "data-follower=\"$FID\"" <<<"$BODY"'
ok "the menu names the page" has 'href="/console/followers" class="on">Followers</a>'

get op "/console/followers?account=$CH&q=%E7%8E%8B"
ok "search by the start of a name" eval 'test "$(rows)" = 50 && test "$(grep -c "\">王[0-9]*</a>" <<<"$BODY")" = 50'
get op "/console/followers?account=$CH&q=%E6%9D%8E"
ok "…the remark in WeChat is a name too (李…: 42, less the 8 named in wxdesk)" test "$(rows)" = 34
get op "/console/followers?account=$CH&q=oFl00012"
ok "…or of an OpenID" eval 'test "$(rows)" = 10 && has ">oFl000129…</a>"'
get op "/console/followers?account=$CH&q=50%25_"
ok "…a % or _ is matched as typed" eval 'test "$(rows)" = 1 && has "50%_off"'
get op "/console/followers?account=$CH&q=%25"
ok "…and alone matches no name that lacks it" eval 'test "$(rows)" = 0 && has "No follower matches these filters."'
get op "/console/followers?account=$CH&scene=expo2026"
ok "filtered by the QR code they came with" eval 'test "$(rows)" = 50 && test "$(grep -c "<td>expo2026</td>" <<<"$BODY")" = 50'
get op "/console/followers?account=$CH&state=unfollowed"
ok "…by state: those who left, greyed" eval 'test "$(rows)" = 30 && test "$(grep -c "<tr data-follower=\"[0-9]*\" class=\"off\">" <<<"$BODY")" = 30'
get op "/console/followers?account=$CH&language=en&q=oFl00000"
ok "…by language" eval 'test "$(rows)" = 4 && has ">oFl000002…</a>" && ! has ">oFl000001…</a>"'
get op "/console/followers?account=$CH&from=2026-01-02&to=2026-01-02"
ok "…by the day they followed (24 hours of them)" test "$(rows)" = 24
get op "/console/followers?account=$CH&from=2026-13-01"
ok "…a wrong date is said beside its field" has "Enter a date as YYYY-MM-DD"

get op "/console/followers?account=$OTHER_CH"
ok "an operator picks only among the accounts they serve" eval '! has "value=\"$OTHER_CH\"" && ! has "data-follower=\"$NOT_YOURS\""'
get op "/console/followers/$NOT_YOURS"
ok "…and cannot open another account's follower" eval 'status_is 404 && has "belongs to an account you do not serve"'
sign_in sup admin "$(demo_pw admin)"
get sup "/console/followers?account=$OTHER_CH"
ok "an administrator sees every account's" eval 'has "value=\"$OTHER_CH\" selected" && test "$(rows)" = 1'

get op "/console/followers/$FID"
ok "a follower's page: their OpenID and their chat" eval 'status_is 200 && has "<code>$FROM</code>" && has "Open the latest chat"'
TOKEN_PAGE="/console/followers/$FID" post op "/console/followers/$FID/name" "alias=陈女士"
ok "a name given there is saved" eval 'status_is 303 && test "$(sqlq "SELECT alias FROM followers WHERE id = $FID")" = 陈女士'
ok "…and written to WeChat as the remark" test "$(sqlq "SELECT COUNT(*) FROM wx_writes WHERE follower_id = $FID AND api = 'user/info/updateremark'")" = 1
get op "/console/followers/$FID"
ok "…the page is headed by it, and says so" eval 'has "<h1 class=\"who\">陈女士</h1>" && has "it is written to WeChat as their remark"'
TOKEN_PAGE="/console/followers/$FID" post op "/console/followers/$FID/name" "alias=$(printf 'x%.0s' $(seq 1 101))"
ok "a name too long is refused beside its field, on the page" eval 'status_is 422 && has "<h1 class=\"who\">陈女士</h1>"'
get op "/console/followers?account=$CH&q=%E9%99%88"
ok "…and the list finds them by it" test "$(rows)" = 1
get op "/console/followers?account=$CH&q=$(jq -rn '"女士"|@uri')"
ok "…and by a word inside it (063: this node's copy of the names)" eval 'test "$(rows)" = 1 && has "data-follower=\"$FID\""'
CHAT=$(sqlq "SELECT MAX(id) FROM chats WHERE follower_id = $FID")
get op "/console/?tab=$(sqlq "SELECT IF(state = 'active', 'mine', state) FROM chats WHERE id = $CHAT")&q=$(jq -rn '"女士"|@uri')"
ok "…so does the console's search, with their chat" has "href=\"/console/chats/$CHAT\""
TOKEN_PAGE="/console/followers/$FID" post op "/console/followers/$FID/name" "alias=陈先生"
get op "/console/followers?account=$CH&q=$(jq -rn '"女士"|@uri')"
ok "renamed: the old name's word finds them no more, the new one's does" eval 'test "$(rows)" = 0 && get op "/console/followers?account=$CH&q=$(jq -rn "\"先生\"|@uri")" && test "$(rows)" = 1'
ok "…the copy holds each follower once, at their name's time" test "$(sqlq "SELECT COUNT(*) FROM search_followers s JOIN followers f ON f.id = s.id AND f.name_at = s.name_at WHERE f.id = $FID AND s.names = '陈先生'")" = 1
# a remark set in WeChat's own dashboard: the box shows it, and saving it as
# it is leaves it alone
R=$(sqlq "SELECT id FROM followers WHERE openid = 'oFl000007'")
sqlq "UPDATE followers SET remark = '张经理' WHERE id = $R"
get op "/console/followers/$R"
ok "the name box holds the remark WeChat has" has 'name="alias" value="张经理"'
TOKEN_PAGE="/console/followers/$R" post op "/console/followers/$R/name" "alias=张经理"
ok "…saved as it is, nothing is written to WeChat" test "$(sqlq "SELECT COUNT(*) FROM wx_writes WHERE follower_id = $R"):$(sqlq "SELECT CONCAT(remark, IFNULL(alias, '-')) FROM followers WHERE id = $R")" = "0:张经理-"

# --- no chat open: the page says whether WeChat's window lets the team write
C=$(sqlq "SELECT id FROM chats WHERE follower_id = $FID")
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = FROM_UNIXTIME($(wx_clock)) WHERE id = $C"
get op "/console/followers/$FID"
ok "the follower wrote within 48 hours: the page offers to reopen their chat" eval 'has "id=\"follower-window\"" && has "reopen their latest chat" && has "action=\"/console/chats/$C/reopen\""'
ok "…and links the closed chat to view, not to open" eval 'has "View the latest chat" && ! has "Open the latest chat"'
TOKEN_PAGE="/console/followers/$FID" post op "/console/chats/$C/reopen"
ok "…reopened from there, the chat is the operator's" test "$STATUS:$(sqlq "SELECT CONCAT(state, ':', operator_id) FROM chats WHERE id = $C")" = "303:active:$OP_ID"
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = FROM_UNIXTIME($(wx_clock)) WHERE id = $C"
shift_clock $((49 * 3600))
sign_in op operator "$(demo_pw operator)"
get op "/console/followers/$FID"
ok "after 48 hours the page says WeChat accepts nothing until they write" eval 'has "more than 48 hours ago" && ! has "/reopen\""'
done_tests
