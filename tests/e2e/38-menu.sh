# 38-menu.sh: the account's custom menu. A menu the account already had is
# read first; the Menu page edits a draft checked against WeChat's rules,
# publishes it through the worker; click keys answer, open a chat with a
# department or hand over to a person; a conditional menu by tag is added,
# replaced and deleted in WeChat; "what menu does this follower see?" asks
# WeChat (menu/trymatch); a follower's clicks are on their page.
. "$(dirname "$0")/lib.sh"
own_channel "Custom Menu Brand"
worker_stop
jget() { curl -s "$@"; }
TOK=$(jget "$SIMURL/cgi-bin/token?grant_type=client_credential&appid=$APP_ID&secret=$APP_SECRET" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
wx_menu() { jget "$SIMURL/cgi-bin/menu/get?access_token=$TOK"; }
# the menu the business built before wxdesk
jget -d '{"button":[{"type":"click","name":"旧菜单","key":"OLD_KEY"},{"type":"view","name":"官网","url":"https://example.com/"}]}' "$SIMURL/cgi-bin/menu/create?access_token=$TOK" >/dev/null
sign_in adm admin "$(demo_pw admin)"
PAGE="/admin/channels/$CH/menu"
tick
ok "an account's existing menu is read first (menu/get), nothing lost" test "$(sqlq "SELECT buttons = published FROM wx_menus WHERE channel_id = $CH AND cond_key = ''"):$(sqlq "SELECT JSON_VALUE(buttons, '\$[0].name') FROM wx_menus WHERE channel_id = $CH")" = "1:旧菜单"
get adm "$PAGE"
ok "the Menu page shows it, drawn as on a phone" eval 'status_is 200 && has "<span>旧菜单</span>" && has "In WeChat since"'
get adm "/admin/channels/$CH"
ok "…and the account's page links to it" has "href=\"/admin/channels/$CH/menu\""

FORM=(b0_name=咨询 b0_type=sub b0s0_name=人工客服 b0s0_type=click b0s0_value=TALK b0s0_action=person
	b0s1_name=售后服务 b0s1_type=click b0s1_action=department "b0s1_dept=$SUPPORT"
	b1_name=营业时间 b1_type=click b1_value=HOURS b1_action=answer "b1_answer=每天 9:00-18:00 营业"
	b2_name=官网 b2_type=view b2_value=https://example.com/)
TOKEN_PAGE=$PAGE post adm "$PAGE" "${FORM[@]/#b2_name=官网/b2_name=我们的官方网站}"
ok "a name over 16 bytes is refused in words, before WeChat would (40018)" eval 'status_is 422 && has "Button 3: a button&#39;s name is 1 to 16 bytes"'
TOKEN_PAGE=$PAGE post adm "$PAGE" "${FORM[@]/#b2_value=https:\/\/example.com\//b2_value=ftp://example.com/}"
ok "…a link that is not http(s) too (40020)" eval 'status_is 422 && has "Button 3: a link starts with http:// or https://"'
TOKEN_PAGE=$PAGE post adm "$PAGE" "${FORM[@]}"
ok "a draft saved, not yet in WeChat" eval 'status_is 303 && test "$(sqlq "SELECT buttons <> published FROM wx_menus WHERE channel_id = $CH")" = 1'
ok "…its click keys bound (a key made for one left without)" test "$(sqlq "SELECT GROUP_CONCAT(CONCAT(click_key, '=', action) ORDER BY click_key) FROM menu_keys WHERE channel_id = $CH")" = "HOURS=answer,TALK=person,wxdesk_b0s1=department"
get adm "$PAGE"
ok "…the preview draws it, sub-buttons above their button" eval 'has "<ul class=\"phone-subs\"><li>人工客服</li><li>售后服务</li></ul><span>咨询</span>" && has "the draft has changes not published"'
TOKEN_PAGE=$PAGE post adm "$PAGE/publish"
tick
ok "published: WeChat has it (menu/create)" grep -q '"name":"咨询","sub_button":\[{"name":"人工客服","type":"click","key":"TALK"}' <<<"$(wx_menu)"
ok "…and it is kept as what WeChat has" test "$(sqlq "SELECT buttons = published FROM wx_menus WHERE channel_id = $CH AND cond_key = ''")" = 1

# --- clicks
FROM=oMenuA$(openssl rand -hex 3)
sim_phone "$FROM" -F action=follow
F=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM'")
phone -F action=click -F key=HOURS
ok "a click bound to an answer is answered at once" grep -q '每天 9:00-18:00 营业' <<<"$(jget "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM")"
ok "…and opens no chat" test "$(sqlq "SELECT COUNT(*) FROM chats WHERE follower_id = $F")" = 0
phone -F action=click -F key=TALK
C=$(sqlq "SELECT id FROM chats WHERE follower_id = $F AND state <> 'closed'")
ok "\"talk to a person\" opens a chat for the team, in the account's department" test -n "$C" -a "$(sqlq "SELECT CONCAT(state, ':', department_id) FROM chats WHERE id = '$C'")" = "waiting:$SALES"
ok "…the transcript says which button" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $C AND fields LIKE '%note.menu_click%' AND fields LIKE '%人工客服%'")" = 1
FROM2=oMenuB$(openssl rand -hex 3)
sim_phone "$FROM2" -F action=follow
sim_phone "$FROM2" -F action=click -F key=wxdesk_b0s1
ok "a button bound to a department opens the chat there" test "$(sqlq "SELECT c.department_id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM2' AND c.state <> 'closed'")" = "$SUPPORT"
sim_phone "$FROM2" -F action=click -F key=OLD_KEY
ok "an unbound key is stored and changes nothing" test "$(sqlq "SELECT COUNT(*) FROM messages m JOIN followers f ON f.id = m.follower_id WHERE f.openid = '$FROM2' AND m.event_key = 'OLD_KEY'"):$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM2'")" = "1:1"
sign_in op operator "$(demo_pw operator)"
get op "/console/followers/$F"
ok "the follower's clicks are on their page" eval 'has "id=\"menu-clicks\"" && has "人工客服" && has "营业时间"'

# --- a conditional menu by tag
TOKEN_PAGE="/console/followers/tags?account=$CH" post adm /console/followers/tags "account=$CH" "name=会员"
TAG=$(sqlq "SELECT id FROM wx_tags WHERE channel_id = $CH AND name = '会员'")
TOKEN_PAGE="/console/followers/$F" post op "/console/followers/$F/tags" "tag=$TAG"
tick
TOKEN_PAGE=$PAGE post adm "$PAGE/conditional" "tag=$TAG"
M=$(loc_id)
ok "a conditional menu for a tag begins as a copy of the default one" test -n "$M" -a "$(sqlq "SELECT buttons = (SELECT buttons FROM wx_menus WHERE channel_id = $CH AND cond_key = '') FROM wx_menus WHERE id = '$M'")" = 1
TOKEN_PAGE="$PAGE/$M" post adm "$PAGE/$M" "${FORM[@]/#b2_name=官网/b2_name=会员专区}"
TOKEN_PAGE="$PAGE/$M" post adm "$PAGE/$M/publish"
tick
ok "published as a conditional menu (menu/addconditional, the tag's WeChat id)" grep -q "\"matchrule\":{\"tag_id\":\"$(sqlq "SELECT wx_id FROM wx_tags WHERE id = $TAG")\"}" <<<"$(wx_menu)"
MID=$(sqlq "SELECT wx_menuid FROM wx_menus WHERE id = $M")
ok "…its menuid kept" test -n "$MID" -a "$MID" != NULL
TOKEN_PAGE="/console/followers/$F" post op "/console/followers/$F/menu"
get op "/console/followers/$F"
ok "\"what menu does this follower see?\": the tagged one's (menu/trymatch)" has "WeChat shows this follower the menu: 咨询 · 营业时间 · 会员专区"
TOKEN_PAGE="/console/chats/$C" post op "/console/chats/$C/menu"
ok "…asked from the chat's panel too" eval 'status_is 303'
F2=$(sqlq "SELECT id FROM followers WHERE openid = '$FROM2'")
TOKEN_PAGE="/console/followers/$F2" post op "/console/followers/$F2/menu"
get op "/console/followers/$F2"
ok "…an untagged follower sees the default one" has "WeChat shows this follower the menu: 咨询 · 营业时间 · 官网"
TOKEN_PAGE="$PAGE/$M" post adm "$PAGE/$M/publish"
tick
ok "publishing it again replaces it in WeChat (the old one deleted first)" test "$(wx_menu | grep -o '"menuid"' | wc -l):$(sqlq "SELECT wx_menuid <> '$MID' FROM wx_menus WHERE id = $M")" = "1:1"
TOKEN_PAGE="$PAGE/$M" post adm "$PAGE/$M/delete"
tick
ok "a conditional menu deleted here is deleted in WeChat" test "$(wx_menu | grep -c conditionalmenu):$(sqlq "SELECT COUNT(*) FROM wx_menus WHERE id = $M")" = "0:0"
done_tests
