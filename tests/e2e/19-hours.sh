# 19-hours.sh: a brand's business hours: the page's checks; a chat that
# opens while the brand is closed (no hours that day, or a holiday) gets the
# off-hours answer once, as a passive reply, and is marked after hours; the
# missed timer waits for the opening; open hours answer nothing.
. "$(dirname "$0")/lib.sh"
own_channel "Hours Brand"
worker_stop
got() { simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'"; }
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
wxnow() { echo $(($(date +%s) + $(cat "$WXDESK_VAR/clock-offset" 2>/dev/null || echo 0))); }
sign_in adm admin "$(demo_pw admin)"
hours() { TOKEN_PAGE="/admin/brands/$BRAND/hours" post adm "/admin/brands/$BRAND/hours" "$@"; }
all_day() { local a=() w; for w in 0 1 2 3 4 5 6; do a+=("opens_$w=00:00" "closes_$w=24:00"); done; echo "${a[@]}"; }

get adm "/admin/brands/$BRAND/hours"
ok "the business hours page" eval 'status_is 200 && has "Keep business hours for this brand"'
hours hours_enabled=1 time_zone=Mars/Base_One
ok "an unknown time zone is refused, beside the field" eval 'status_is 422 && has "Use a time zone the server knows"'
hours hours_enabled=1 time_zone=Asia/Shanghai opens_0=18:00 closes_0=09:00
ok "a day that closes before it opens is refused" eval 'status_is 422 && has "the closing after the opening"'
hours hours_enabled=1 time_zone=Asia/Shanghai holidays=2026-02-31
ok "a holiday that is not a date is refused" eval 'status_is 422 && has "is not a date"'

# closed every day: a new chat gets the off-hours answer, once
hours hours_enabled=1 time_zone=Asia/Shanghai offhours_text=
ok "hours saved: none, so closed" test "$(sqlq "SELECT CONCAT(hours_enabled, ':', time_zone, ':', (SELECT COUNT(*) FROM brand_hours WHERE brand_id = $BRAND)) FROM brands WHERE id = $BRAND")" = "1:Asia/Shanghai:0"
FROM=oHours$(openssl rand -hex 4)
say "anyone there at night?"
c1=$(chat_of)
ok "a chat that opens while closed: the off-hours answer on the phone" test "$(last_got)" = "感谢您的留言。我们现在不在营业时间，营业后会第一时间回复您。"
ok "…marked as arrived after hours" test "$(sqlq "SELECT after_hours FROM chats WHERE id = $c1")" = 1
n=$(got)
say "hello?"
ok "…once per chat" test "$(got)" = "$n"
get adm "/console/chats/$c1"
ok "the chat page says it arrived after hours" has "arrived after hours"
get adm "/console/"
ok "the console says which brands are closed now" has "Outside business hours now: Hours Brand."

# the missed timer waits for the opening (it does not run outside hours)
shift_clock $((5 * 60))
tick
ok "closed: the wait time passes, the chat still waits" test "$(sqlq "SELECT state FROM chats WHERE id = $c1")" = waiting
# shellcheck disable=SC2046
hours hours_enabled=1 time_zone=Asia/Shanghai $(all_day)
get adm "/console/"
ok "open: the console says nothing of it" eval '! has "Outside business hours now"'
ok "open all week" test "$(sqlq "SELECT COUNT(*) FROM brand_hours WHERE brand_id = $BRAND")" = 7
tick
ok "open: the wait starts now" test "$(sqlq "SELECT CONCAT(state, ':', after_hours, ':', UNIX_TIMESTAMP(state_since) >= $(wxnow) - 5) FROM chats WHERE id = $c1")" = "waiting:2:1"
shift_clock $((4 * 60))
tick
ok "…and the missed timer runs from there" test "$(sqlq "SELECT state FROM chats WHERE id = $c1")" = missed

# open: no answer; a holiday: closed again
FROM=oHoursDay$(openssl rand -hex 4)
say "hello by day"
ok "while open, no automatic answer" test "$(got)" = 0
today=$(sqlq "SELECT DATE(CONVERT_TZ(FROM_UNIXTIME($(wxnow)), '+00:00', 'Asia/Shanghai'))")
# shellcheck disable=SC2046
hours hours_enabled=1 time_zone=Asia/Shanghai $(all_day) "holidays=$today" "offhours_text=Closed for the holiday."
FROM=oHoursHoliday$(openssl rand -hex 4)
say "are you open today?"
ok "a holiday is closed: the brand's own off-hours answer" test "$(last_got)" = "Closed for the holiday."

sqlq "UPDATE brands SET hours_enabled = 0 WHERE id = $BRAND"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
