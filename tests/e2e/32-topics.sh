# 32-topics.sh: the close summary (会话小结): an admin keeps a brand's topics
# and says whether closing a chat needs one; an operator closing a chat
# picks a topic and writes a note, or is told to; the chat keeps both and
# the reports count closed chats by topic, in the page and in its CSV.
. "$(dirname "$0")/lib.sh"
own_channel "Topic Brand"
sign_in adm admin "$(demo_pw admin)"
sign_in op operator "$(demo_pw operator)"
topic() { TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/topics" "topic=$1"; }
topic "订单查询"
ok "an admin adds a topic on the brand's page" eval 'status_is 303 && test "$(sqlq "SELECT name FROM close_topics WHERE brand_id = $BRAND")" = 订单查询'
topic "退换货"
topic "订单查询"
ok "…not the same one twice, said beside the field" eval 'status_is 409 && has "There is already a topic “订单查询”."'
topic ""
ok "…not an empty one" status_is 422
T1=$(sqlq "SELECT id FROM close_topics WHERE brand_id = $BRAND AND name = '订单查询'")
T2=$(sqlq "SELECT id FROM close_topics WHERE brand_id = $BRAND AND name = '退换货'")
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/topics/required" topic_required=1
ok "a topic can be required when a chat closes" test "$(sqlq "SELECT topic_required FROM brands WHERE id = $BRAND")" = 1
get adm "/admin/brands/$BRAND"
ok "the brand page lists the topics, the box ticked" eval 'has "退换货" && has "name=\"topic_required\" value=\"1\" checked"'

chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
FROM="oTopic$(openssl rand -hex 3)"
say "我的订单到哪了？"
C=$(chat_of)
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/pickup"
get op "/console/chats/$C"
ok "the close form offers the brand's topics, required" eval 'has "<select name=\"topic\" required>" && has "<option value=\"$T2\">退换货</option>"'
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/close" closing= topic= summary=
ok "closing without a topic is refused, saying why" eval 'status_is 422 && has "topic: this brand asks for one when a chat closes."'
ok "…and the chat stays open" test "$(sqlq "SELECT state FROM chats WHERE id = $C")" = active
other=$(sqlq "INSERT INTO brands (name, created_at) VALUES ('Topic Other $(openssl rand -hex 3)', NOW()) RETURNING id")
sqlq "INSERT INTO close_topics (brand_id, name) VALUES ($other, 'elsewhere')"
T3=$(sqlq "SELECT id FROM close_topics WHERE brand_id = $other")
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/close" closing= "topic=$T3" summary=
ok "…and so is another brand's topic" eval 'status_is 422 && has "That topic is no longer on the brand"'
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/close" closing= "topic=$T1" "summary=快递延误，已催促仓库"
ok "closed with a topic and a note" test "$(sqlq "SELECT CONCAT(state, ':', topic_id, ':', summary) FROM chats WHERE id = $C")" = "closed:$T1:快递延误，已催促仓库"
get op "/console/chats/$C"
ok "…the closed chat's page shows its summary" has "Summary: 订单查询 · 快递延误，已催促仓库"

say "换货怎么办"
C2=$(chat_of)
TOKEN_PAGE="/console/chats/$C2" post op "/console/chats/$C2/pickup"
TOKEN_PAGE="/console/chats/$C2" post op "/console/chats/$C2/close" closing= "topic=$T2" summary=
ok "another, with a topic alone" test "$(sqlq "SELECT CONCAT(state, ':', topic_id, ':', IFNULL(summary, '-')) FROM chats WHERE id = $C2")" = "closed:$T2:-"

TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/topics/required" topic_required=
say "再问一下"
C3=$(chat_of)
TOKEN_PAGE="/console/chats/$C3" post op "/console/chats/$C3/pickup"
TOKEN_PAGE="/console/chats/$C3" post op "/console/chats/$C3/close" closing= topic= summary=
ok "a topic made optional: a chat closes without one" test "$(sqlq "SELECT CONCAT(state, ':', IFNULL(topic_id, '-')) FROM chats WHERE id = $C3")" = "closed:-"

# the day as wxdesk's clock has it (earlier tests may have moved it on)
D=$(date -u -d "@$(wx_clock)" +%F)
get adm "/reports/?brand=$BRAND&from=$D&to=$D&tz=UTC"
ok "the overview counts closed chats by topic" eval 'grep -q "<tr><td>Topic Brand · 订单查询</td><td>1</td></tr>" <<<"$BODY" && grep -q "<tr><td>Topic Brand · 退换货</td><td>1</td></tr>" <<<"$BODY"'
get adm "/reports/?brand=$BRAND&from=$D&to=$D&tz=UTC&format=csv"
ok "…and so does its CSV" grep -q '^"Chats closed, by topic",Topic Brand · 退换货,1' <<<"$(tr -d '\r' <<<"$BODY")"
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/topics/$T2/delete"
ok "a topic deleted" test "$(sqlq "SELECT COUNT(*) FROM close_topics WHERE id = $T2")" = 0
ok "…its chats keep their place in the reports, as a deleted topic" eval 'get adm "/reports/?brand=$BRAND&from=$D&to=$D&tz=UTC" && has "<tr><td>(a topic deleted since)</td><td>1</td></tr>"'
done_tests
