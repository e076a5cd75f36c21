# 48-kb.sh: a brand's knowledge base (src/kb.h, 061). A supervisor writes
# articles (refused beside the field when wrong), edits one (a version
# kept), tests a message and sees each article's score, exports and
# imports CSV (a bad line adds nothing); the chatbot answers from an article
# at the threshold, offers the nearest questions below it and answers the
# one picked by number, and counts a miss; the page reports it all; an
# article's picture follows its text (064); an operator is refused.
. "$(dirname "$0")/lib.sh"
own_channel "KB Brand"
echo "kb-super-password-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user kbsup "Kay Supervisor" supervisor >/dev/null 2>&1 || true
sign_in sup kbsup "kb-super-password-1"
sign_in op operator "$(demo_pw operator)"
sign_in adm admin "$(demo_pw admin)"
KB=/console/kb/$BRAND
add() { TOKEN_PAGE=$KB post sup "$KB/articles" "$@"; }

get op "$KB"
ok "an operator may not edit the knowledge base" status_is 403
get sup "$KB"
ok "a supervisor's page, empty" eval 'status_is 200 && has "No articles yet"'
add question= "answer=x" enabled=1
ok "an article without a question: refused beside the field" eval 'test "$STATUS" = 422 && has "Question is required"'
add "question=怎么申请退款？" "alternatives=退款怎么办理
我要退钱" "answer=在订单页点“申请退款”，1-3 个工作日原路退回。" "category=售后" enabled=1
A1=$(sqlq "SELECT id FROM kb_articles WHERE brand_id = $BRAND AND question = '怎么申请退款？'")
ok "an article written, version 1 kept" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT CONCAT(version, what) FROM kb_history WHERE article_id = $A1")" = 1created'
add "question=会员积分怎么用" "alternatives=积分兑换" "answer=积分可在结算时抵扣，100 积分抵 1 元。" "category=会员" enabled=1
A2=$(sqlq "SELECT id FROM kb_articles WHERE brand_id = $BRAND AND question = '会员积分怎么用'")
TOKEN_PAGE=$KB/articles/$A2 post sup "$KB/articles/$A2" "question=会员积分怎么用？" "alternatives=积分兑换
积分过期了吗" "answer=积分可在结算时抵扣，100 积分抵 1 元。" "category=会员" enabled=1
get sup "$KB/articles/$A2"
ok "edited: version 2, both versions listed" eval 'test "$(sqlq "SELECT version FROM kb_articles WHERE id = $A2")" = 2 && has "积分过期了吗" && test "$(sqlq "SELECT COUNT(*) FROM kb_history WHERE article_id = $A2")" = 2'

# the test box
TOKEN_PAGE=$KB post sup "$KB/test" "try=你好，请问退款怎么办理呀"
ok "the test box: the bot would answer with the article, its score shown" eval 'has "The bot answers with the best article" && has "原路退回" && grep -q "class=\"score\">[0-9]*<" <<<"$BODY"'
TOKEN_PAGE=$KB post sup "$KB/test" "try=今天天气不错"
ok "…and a message near nothing: a miss" has "Nothing is near"
get sup "$KB?q=%E9%80%80%E6%AC%BE"
ok "finding articles by a Chinese word, scored" eval 'has "怎么申请退款" && ! has "会员积分怎么用"'

# CSV out and in
get sup "$KB/export"
ok "the export: every article as CSV" eval 'has "question,alternatives,answer,category,enabled" && has "会员积分怎么用？"'
printf 'question,alternatives,answer,category,enabled\n快递多久能到？,什么时候发货,下单后 48 小时内发货。,物流,1\n,,,\n' >"$WXDESK_VAR/kb-bad.csv"
upload() { get sup "$KB"; req sup POST "$KB/import" -F "csrf=$(csrf)" -F "file=@$1;type=text/csv"; }
upload "$WXDESK_VAR/kb-bad.csv"
ok "an import with a bad line: refused, the line named, nothing added" eval 'test "$STATUS" = 422 && has "lines 3" && test "$(sqlq "SELECT COUNT(*) FROM kb_articles WHERE brand_id = $BRAND")" = 2'
printf 'question,alternatives,answer,category,enabled\n快递多久能到？,"什么时候发货\n物流查询",下单后 48 小时内发货。,物流,1\n可以开发票吗？,发票怎么开,可以，在订单页申请电子发票。,发票,1\n' >"$WXDESK_VAR/kb.csv"
upload "$WXDESK_VAR/kb.csv"
ok "a good import: both articles added, each an imported version" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT COUNT(*) FROM kb_history h JOIN kb_articles a ON a.id = h.article_id WHERE a.brand_id = $BRAND AND h.what = '"'imported'"'")" = 2'

# the chatbot answers from it
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=1 bot_idle=15
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
FROM=oKb1$(openssl rand -hex 3)
say "你好，请问退款怎么办理呀"
ok "a follower's question near an article: its answer is the bot's reply" test "$(last_got)" = "在订单页点“申请退款”，1-3 个工作日原路退回。"
say "我想问下积分"
ok "below the threshold: the nearest questions offered, numbered" eval 'last_got | grep -q "^您是不是想问：" && last_got | grep -qF "1. 会员积分怎么用？"'
say "1"
ok "…a number picks one: its answer" test "$(last_got)" = "积分可在结算时抵扣，100 积分抵 1 元。"
say "今天天气不错"
ok "a message near nothing: the bot's fallback, a miss counted" eval 'test "$(sqlq "SELECT n FROM kb_misses WHERE brand_id = $BRAND AND text = '"'今天天气不错'"'")" = 1'
get sup "$KB"
ok "the report: answered, picked, offered and missed, the question missed listed" eval 'grep -q "id=\"kb-answered\">1<" <<<"$BODY" && grep -q "id=\"kb-picked\">1<" <<<"$BODY" && grep -q "id=\"kb-offered\">1<" <<<"$BODY" && grep -q "id=\"kb-missed\">1<" <<<"$BODY" && has "今天天气不错"'

# an article with a picture (064): the text is the passive reply, the
# picture follows from the worker as a customer-service image
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/kb.png"; head -c 3000 /dev/urandom >>"$WXDESK_VAR/kb.png"
echo "not a picture" >"$WXDESK_VAR/kb.txt"
with_file() { get sup "$KB"; req sup POST "$KB/articles" -F "csrf=$(csrf)" -F "question=$1" -F "answer=$2" -F enabled=1 -F "picture=@$3"; }
with_file "门店地址在哪里" "上海市南京西路 100 号，地图见下图。" "$WXDESK_VAR/kb.txt;type=text/plain"
ok "an article whose picture is not one: refused beside the field, in a picture's words, nothing added" eval 'test "$STATUS" = 422 && has "id=\"picture-error\">An article&#39;s picture must be a JPEG or PNG file." && test "$(sqlq "SELECT COUNT(*) FROM kb_articles WHERE brand_id = $BRAND AND question = '"'门店地址在哪里'"'")" = 0'
with_file "门店地址在哪里" "上海市南京西路 100 号，地图见下图。" "$WXDESK_VAR/kb.png;type=image/png"
A3=$(sqlq "SELECT id FROM kb_articles WHERE brand_id = $BRAND AND question = '门店地址在哪里'")
ok "an article with a picture: kept as an attachment, the list says so" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT COUNT(*) FROM kb_articles a JOIN attachments t ON t.id = a.attachment_id WHERE a.id = $A3 AND t.mime = '"'image/png'"'")" = 1 && get sup "$KB" && has "门店地址在哪里</a> <img class=\"thumb\" src=\"$KB/articles/$A3/picture?v=$(sqlq "SELECT attachment_id FROM kb_articles WHERE id = $A3")\""'
# (the worker's clean-up keeps a file any row refers to: 067)
sqlq "UPDATE attachments SET created_at = NOW() - INTERVAL 2 HOUR WHERE id = (SELECT attachment_id FROM kb_articles WHERE id = $A3)"
tick
ok "…kept by the worker's clean-up of old files, though no follower has been sent it yet" eval 'test "$(sqlq "SELECT COUNT(*) FROM kb_articles a JOIN attachments t ON t.id = a.attachment_id WHERE a.id = $A3")" = 1 && test -f "$WXDESK_VAR/media/$(sqlq "SELECT t.path FROM kb_articles a JOIN attachments t ON t.id = a.attachment_id WHERE a.id = $A3")"'
FROM=oKbP$(openssl rand -hex 3)
say "门店地址在哪里"
ok "the bot answers with the article's text" test "$(last_got)" = "上海市南京西路 100 号，地图见下图。"
ok "…then the worker sends its picture, as the bot's, in the transcript" eventually eval 'test "$(simq "SELECT msgtype FROM sim_received WHERE appid = '"'$APP_ID'"' AND openid = '"'$FROM'"' ORDER BY id DESC LIMIT 1")" = image && test "$(sqlq "SELECT COUNT(*) FROM messages m JOIN chats c ON c.id = m.chat_id JOIN followers f ON f.id = c.follower_id WHERE f.openid = '"'$FROM'"' AND m.msg_type = '"'image'"' AND m.direction = '"'out'"' AND JSON_VALUE(m.fields, '"'\$.bot'"') = 1")" = 1'
ok "…once, and the bot service's card does not count it" test "$(sqlq "SELECT CONCAT(COUNT(*), outcome) FROM bot_asks a JOIN chats c ON c.id = a.chat_id JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND a.attachment_id IS NOT NULL GROUP BY outcome")" = 1late
get sup "$KB/articles/$A3"
ok "the article's page says it has a picture, and shows it" eval 'has "id=\"kb-picture\"" && has "src=\"$KB/articles/$A3/picture?v="'
get sup "$KB/articles/$A3/picture"
ok "…the picture itself, as stored" eval 'test "$STATUS" = 200 && grep -qi "^content-type: image/png" <<<"$HEADERS" && cmp -s "$WXDESK_VAR/last-body" "$WXDESK_VAR/kb.png"'
get op "$KB/articles/$A3/picture"
ok "…not to an operator" test "$STATUS" = 403
get sup "$KB/articles/$A1/picture"
ok "…and an article without one: not found, said so" eval 'test "$STATUS" = 404 && has "There is no picture here"'
req sup POST "$KB/articles/$A3" -F "csrf=$(csrf)" -F "question=门店地址在哪里" -F "answer=上海市南京西路 100 号。" -F enabled=1 -F picture_remove=1
ok "…which can be removed (a version more)" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT CONCAT(IFNULL(attachment_id, 0), version) FROM kb_articles WHERE id = $A3")" = 02 && test "$(sqlq "SELECT COUNT(*) FROM kb_history WHERE article_id = $A3 AND attachment_id IS NOT NULL")" = 1'

# the threshold, a deleted article
TOKEN_PAGE=$KB post sup "$KB/settings" threshold=101
ok "a threshold over 100: refused beside the field" eval 'test "$STATUS" = 422 && has "from 1 to 100"'
TOKEN_PAGE=$KB post sup "$KB/articles/$A1/delete"
ok "an article deleted: its versions stay" eval 'test "$STATUS" = 303 && test "$(sqlq "SELECT GROUP_CONCAT(what ORDER BY id) FROM kb_history WHERE article_id = $A1")" = created,deleted'
ok "…and the audit record names it" test "$(sqlq "SELECT JSON_VALUE(detail, '$.question') FROM audit_log WHERE action = 'kb.delete' ORDER BY id DESC LIMIT 1")" = "怎么申请退款？"
FROM=oKb2$(openssl rand -hex 3)
say "你好，请问退款怎么办理呀"
ok "…and the bot answers with it no more" test "$(last_got)" != "在订单页点“申请退款”，1-3 个工作日原路退回。"
TOKEN_PAGE="/admin/channels/$CH" post adm "/admin/channels/$CH/prefs" missed_after=3 missed_close=1440 \
	idle_close=1440 bot_enabled=0 bot_idle=15

# suggestions beside the composer: an article, and an operator's past reply
OPID=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
sqlq "INSERT INTO followers (channel_id, openid, created_at, info_due) VALUES ($CH, 'oKbPast', NOW(), 0)" >/dev/null
PF=$(sqlq "SELECT id FROM followers WHERE channel_id = $CH AND openid = 'oKbPast'")
sqlq "INSERT INTO chats (channel_id, follower_id, department_id, operator_id, state, started_at, last_user_msg_at, last_activity_at, state_since, closed_at, close_reason) SELECT $CH, $PF, department_id, $OPID, 'closed', NOW(), NOW(), NOW(), NOW(), NOW(), 'operator' FROM channels WHERE id = $CH" >/dev/null
PC=$(sqlq "SELECT MAX(id) FROM chats WHERE follower_id = $PF")
sqlq "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, dedupe_key, created_at) VALUES ($CH, $PF, $PC, 'in', 'text', '运费多少钱？偏远地区加不加钱', 'kbp1', NOW())" >/dev/null
sqlq "INSERT INTO messages (channel_id, follower_id, chat_id, direction, msg_type, body, dedupe_key, author_id, delivery_state, created_at) VALUES ($CH, $PF, $PC, 'out', 'text', '运费 10 元，满 99 包邮，偏远地区另加 5 元。', 'kbp2', $OPID, 'delivered', NOW())" >/dev/null
FROM=oKb3$(openssl rand -hex 3)
say "请问发票怎么开"
C3=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
TOKEN_PAGE="/console/chats/$C3" post op "/console/chats/$C3/pickup"
get op "/console/chats/$C3"
ok "beside the composer, the article that answers the follower's question, marked as the knowledge base's" eval 'has "id=\"suggestions\"" && has "可以，在订单页申请电子发票。" && has "Knowledge base · 可以开发票吗？"'
say "那运费多少钱"
get op "/console/chats/$C3"
ok "…and for the next question, the reply an operator gave a similar one" eval 'has "运费 10 元，满 99 包邮，偏远地区另加 5 元。" && has "A past reply to · 运费多少钱？偏远地区加不加钱"'
REPLY=$(sqlq "SELECT id FROM messages WHERE dedupe_key = 'kbp2'")
TOKEN_PAGE="/console/chats/$C3" post op "/console/chats/$C3/suggestions/pick" kind=reply "ref=$REPLY"
ok "a pick is counted, so the ranking learns" eval 'test "$STATUS" = 200 && test "$(sqlq "SELECT COUNT(*) FROM suggestion_picks WHERE kind = '"'reply'"' AND ref_id = $REPLY AND user_id = $OPID")" = 1'
TOKEN_PAGE="/console/chats/$C3" post op "/console/chats/$C3/suggestions/pick" kind=nonsense "ref=$REPLY"
ok "…a pick that names no kind: refused" test "$STATUS" = 422
done_tests
