# 10-profanity.sh: profanity management per brand: the settings page, the
# word list with import and export, counting in follower messages, closing
# at the limit, and the warning the worker sends once.
. "$(dirname "$0")/lib.sh"
own_channel "Profanity Brand"
FROM=oProfane$(openssl rand -hex 6)

sign_in a admin "$(demo_pw admin)"
demo=$BRAND
P=/admin/brands/$demo/profanity
get a "/admin/brands/$demo"
ok "the brand page links profanity management" has "$P"
get a "$P"
ok "the page" status_is 200
ok "…off by default, limit 3" has 'name="limit" min="1" max="100" value="3"'

# the word list
TOKEN_PAGE=$P post a "$P/words" "word=!!!"
ok "a word without letters is refused" status_is 422
TOKEN_PAGE=$P post a "$P/words" "word=傻瓜"
ok "a Chinese word added" test "$(sqlq "SELECT COUNT(*) FROM profanity_words WHERE brand_id = $demo AND word = '傻瓜'")" = 1
TOKEN_PAGE=$P post a "$P/words" "word=Damn"
TOKEN_PAGE=$P post a "$P/words" "word=damn"
ok "the same word in another case is a duplicate" status_is 409
printf 'word\nidiot,extra column\n"stupid, really"\n\n   \n!!!\n傻瓜\n\xff\xfe\n' >"$WXDESK_VAR/words.csv"
get a "$P"; t=$(csrf)
req a POST "$P/import" -F "csrf=$t" -F "file=@$WXDESK_VAR/words.csv"
ok "a file that is not UTF-8 is refused whole" has "The file is not UTF-8 text."
printf 'word\nidiot,extra column\n"stupid, really"\n\n   \n!!!\n傻瓜\n' >"$WXDESK_VAR/words.csv"
get a "$P"; t=$(csrf)
req a POST "$P/import" -F "csrf=$t" -F "file=@$WXDESK_VAR/words.csv"
ok "CSV import: bad rows reported by line" has "line 6: “!!!” is not a word"
ok "…the good ones added" test "$(sqlq "SELECT COUNT(*) FROM profanity_words WHERE brand_id = $demo AND word IN ('idiot', 'stupid, really')")" = 2
ok "…duplicates counted, not added twice" has "1 already in the list"
sqlq "INSERT INTO profanity_words (brand_id, word) VALUES ($demo, '=HYPERLINK(\"x\")')"
get a "$P/export"
ok "export is CSV" hdr "content-type: text/csv"
ok "…with every word" has "stupid, really"
ok "…formula-safe" has "\"'=HYPERLINK(\"\"x\"\")\""
sqlq "DELETE FROM profanity_words WHERE word LIKE '=%'"

# off: nothing counts
phone -F action=follow
say "你这个傻瓜"
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
ok "a chat" test -n "$chat"
ok "while off, nothing is counted" test "$(sqlq "SELECT abusive_count FROM chats WHERE id = $chat")" = 0

# on, limit 3, with a warning
TOKEN_PAGE=$P post a "$P" enabled=1 limit=0
ok "limit 0 is refused" status_is 422
TOKEN_PAGE=$P post a "$P" enabled=1 limit=3 "warning=Please keep it polite, or the chat will close."
ok "settings saved" test "$(sqlq "SELECT CONCAT(enabled, word_limit) FROM profanity_settings WHERE brand_id = $demo")" = 13
shift_clock 11	# past the webhook's 10-second list cache
say "DAMN this, you IDIOT"
ok "Latin words count in any case" test "$(sqlq "SELECT abusive_count FROM chats WHERE id = $chat")" = 2
ok "…noted in the transcript for staff" test "$(sqlq "SELECT body FROM messages WHERE chat_id = $chat AND event = 'abuse' ORDER BY id DESC LIMIT 1")" = "Abusive words: 2 of 3 (Damn, idiot)."
ok "…the warning came due, one word before the limit (the daemon may have sent it)" test "$(sqlq "SELECT profanity_warning IN ('due', 'sent') FROM chats WHERE id = $chat")" = 1
"$WXDESK_BUILD/bin/wxdesk-worker" --once
ok "the worker sent the warning" test "$(sqlq "SELECT profanity_warning FROM chats WHERE id = $chat")" = sent
ok "…the follower got it" test "$(curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -c 'keep it polite')" = 1
ok "…counted toward the 5" test "$(sqlq "SELECT consecutive_out FROM chats WHERE id = $chat")" = 1
"$WXDESK_BUILD/bin/wxdesk-worker" --once
ok "…once" test "$(curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -o 'keep it polite' | wc -l)" = 1
say "classy assessment, no idiots here"
ok "words inside longer words do not count" test "$(sqlq "SELECT abusive_count FROM chats WHERE id = $chat")" = 2
say "傻瓜！"
ok "the limit reached: the chat closes" test "$(sqlq "SELECT CONCAT(state, ':', close_reason) FROM chats WHERE id = $chat")" = "closed:profanity"
ok "…and the transcript says which limit" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND body LIKE 'The abusive-word limit of 3 was reached (傻瓜)%'")" = 1
say "sorry"
ok "the next message opens a new chat" test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'waiting'")" = 1

# voice recognition text counts too
"$WXDESK_BUILD/bin/wxdesk-wxsim" push "$BASE/wechat/$WEBHOOK_KEY" "$TOKEN" --to "$ORIGINAL_ID" \
	--from "$FROM" --retry-gap 0 voice no_such_media "你是傻瓜" >/dev/null
chat2=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state = 'waiting'")
ok "a voice message's recognised text counts" test "$(sqlq "SELECT abusive_count FROM chats WHERE id = $chat2")" = 1

# a warning that WeChat's rules no longer allow is skipped, and said
sqlq "UPDATE chats SET profanity_warning = 'due', consecutive_out = 5 WHERE id = $chat2"
"$WXDESK_BUILD/bin/wxdesk-worker" --once
ok "no room for the warning: skipped" test "$(sqlq "SELECT profanity_warning FROM chats WHERE id = $chat2")" = skipped
ok "…the transcript says so" test "$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat2 AND event = 'warning'")" = 1
sqlq "UPDATE chats SET consecutive_out = 0 WHERE id = $chat2"

# off again: the list is kept, not applied
TOKEN_PAGE=$P post a "$P" limit=3
shift_clock 11
say "傻瓜"
ok "disabled: ignored" test "$(sqlq "SELECT abusive_count FROM chats WHERE id = $chat2")" = 1
ok "…the list kept" test "$(sqlq "SELECT COUNT(*) FROM profanity_words WHERE brand_id = $demo")" -ge 4
wid=$(sqlq "SELECT id FROM profanity_words WHERE word = 'Damn'")
TOKEN_PAGE=$P post a "$P/words/$wid/delete"
ok "a word removed" test "$(sqlq "SELECT COUNT(*) FROM profanity_words WHERE id = $wid")" = 0
done_tests
