# 33-bot-menu.sh: the chatbot's numbered menu, built as a menu (its words, its
# intro, its items each with an answer or a hand-off) on the bot page: the
# form's checks; the follower asks for it, picks an item by number or by its
# words, or is handed over; the menu edited again from its form, and removed.
. "$(dirname "$0")/lib.sh"
own_channel "Menu Brand"
sign_in adm admin "$(demo_pw admin)"
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
menu() { TOKEN_PAGE="/admin/channels/$CH/bot" post adm "/admin/channels/$CH/bot/menu" "$@"; }

get adm "/admin/channels/$CH/bot"
ok "the bot page has a numbered menu's form" eval 'status_is 200 && has "id=\"menu\"" && has "name=\"item_9_label\""'
menu "menu_words=服务|menu" "menu_intro=您好，请回复数字：" item_1_label=查订单 item_1_answer= 
ok "an item that neither answers nor hands over is refused" eval 'status_is 422 && has "Write an answer, or tick"'
menu "menu_words=服务|menu" "menu_intro=您好，请回复数字：" item_1_label=查订单 "item_1_answer=请发订单号" \
	item_3_label=找人工 item_3_handoff=1
ok "…and items with a gap" eval 'status_is 422 && has "without a gap"'
menu "menu_words=服务|menu" "menu_intro=您好，请回复数字：" item_1_label=查订单 "item_1_answer=请发订单号" \
	item_2_label=找人工 item_2_handoff=1
ok "a menu saved: three rules, first in the list" test \
	"$(sqlq "SELECT GROUP_CONCAT(menu_item, ':', match_mode ORDER BY position, id) FROM bot_rules WHERE channel_id = $CH")" = "0:contains,1:exact,2:exact"

FROM="oMenu$(openssl rand -hex 4)"
say "有什么服务"
ok "the follower asks for it: the intro and the numbered list" test "$(last_got)" = '您好，请回复数字：\n1. 查订单\n2. 找人工'
say "1"
ok "…picks an item by number" test "$(last_got)" = "请发订单号"
say "查订单"
ok "…or by its words" test "$(last_got)" = "请发订单号"
say "2"
ok "…and an item that hands over puts the chat in the queue" test "$(sqlq "SELECT state FROM chats WHERE id = $(chat_of)")" = waiting

get adm "/admin/channels/$CH/bot"
ok "the form shows the menu as built" eval 'has "name=\"menu_intro\" rows=\"2\" maxlength=\"2000\">您好，请回复数字：</textarea>" && has "name=\"item_2_label\" value=\"找人工\"" && grep -q "name=\"item_2_handoff\" value=\"1\" checked" <<<"$BODY"'
ok "…and its rules in the list are marked as the menu's" has "part of the menu"
menu "menu_words=服务|menu" "menu_intro=请选择：" item_1_label=查订单 "item_1_answer=请发订单号给我们" \
	item_2_label=退换货 "item_2_answer=七天无理由退换" item_3_label=找人工 item_3_handoff=1
ok "edited again: its rules replaced, in one piece" test \
	"$(sqlq "SELECT GROUP_CONCAT(menu_item ORDER BY position, id) FROM bot_rules WHERE channel_id = $CH")" = "0,1,2,3"
FROM="oMenu2$(openssl rand -hex 4)"
say "menu"
ok "…the follower sees the new list" test "$(last_got)" = '请选择：\n1. 查订单\n2. 退换货\n3. 找人工'
say "2"
ok "…and its new answers" test "$(last_got)" = "七天无理由退换"
menu "menu_words=服务|menu" "menu_intro=请选择："
ok "no items: the menu removed" test "$(sqlq "SELECT COUNT(*) FROM bot_rules WHERE channel_id = $CH")" = 0
done_tests
