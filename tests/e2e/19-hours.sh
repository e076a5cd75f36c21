# 19-hours.sh: a brand's business hours: the page's checks (a time zone from
# a list, spans around a lunch break, Monday copied to the weekdays,
# make-up working days); a chat that
# opens while the brand is closed (no hours that day, or a holiday) gets the
# off-hours answer and the offer to leave a message once, as a passive
# reply, and is marked after hours; the missed timer waits for the opening;
# open hours answer nothing (28-follower-texts.sh has the rest of what
# followers are told).
. "$(dirname "$0")/lib.sh"
own_channel "Hours Brand"
worker_stop
got() { simq "SELECT COUNT(*) FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'"; }
last_got() { simq "SELECT content FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM' ORDER BY id DESC LIMIT 1"; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'"; }
wxnow() { wx_clock; }
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
get adm "/admin/brands/$BRAND/hours"
ok "the time zone is chosen from a list, Beijing time first" eval 'has "<select name=\"time_zone\" required><option value=\"Asia/Shanghai\" selected>Beijing time (Asia/Shanghai)</option>"'
hours hours_enabled=1 time_zone=Asia/Shanghai opens_0=09:00 closes_0=14:00 opens_0_1=13:30 closes_0_1=18:00
ok "spans of a day that overlap are refused" eval 'status_is 422 && has "must not overlap"'
hours hours_enabled=1 time_zone=Asia/Shanghai opens_0=09:00 closes_0=12:00 opens_0_1=13:30 closes_0_1=18:00 copy=1
ok "a lunch break: two spans, Monday's copied to Tuesday–Friday" test \
	"$(sqlq "SELECT GROUP_CONCAT(weekday, ' ', TIME_FORMAT(opens, '%H:%i'), '-', TIME_FORMAT(closes, '%H:%i') ORDER BY weekday, opens SEPARATOR ',') FROM brand_hours WHERE brand_id = $BRAND")" = \
	"0 09:00-12:00,0 13:30-18:00,1 09:00-12:00,1 13:30-18:00,2 09:00-12:00,2 13:30-18:00,3 09:00-12:00,3 13:30-18:00,4 09:00-12:00,4 13:30-18:00"
get adm "/admin/brands/$BRAND/hours"
ok "…shown again as two spans" eval 'has "name=\"opens_2_1\" value=\"13:30\""'
hours hours_enabled=1 time_zone=Asia/Shanghai holidays=2026-10-01 workdays=2026-10-01
ok "a day both a holiday and a make-up working day is refused" eval 'status_is 422 && has "is both a holiday and a make-up working day"'
hours hours_enabled=1 time_zone=Asia/Shanghai holidays=2026-10-01 workdays=2026-10-11
ok "make-up working days (调休) kept apart from the holidays" test \
	"$(sqlq "SELECT GROUP_CONCAT(day, ':', workday ORDER BY day) FROM brand_holidays WHERE brand_id = $BRAND")" = "2026-10-01:0,2026-10-11:1"

# closed every day: a new chat gets the off-hours answer, once
hours hours_enabled=1 time_zone=Asia/Shanghai
ok "hours saved: none, so closed" test "$(sqlq "SELECT CONCAT(hours_enabled, ':', time_zone, ':', (SELECT COUNT(*) FROM brand_hours WHERE brand_id = $BRAND)) FROM brands WHERE id = $BRAND")" = "1:Asia/Shanghai:0"
FROM=oHours$(openssl rand -hex 4)
say "anyone there at night?"
c1=$(chat_of)
ok "a chat that opens while closed: the off-hours answer and the offer to leave a message on the phone" \
	test "$(last_got)" = '您好，现在是非营业时间（或节假日），暂时没有客服为您服务。\n您可以给我们留言：直接发送您的问题，客服会在这里尽快回复您。'
ok "…marked as arrived after hours" test "$(sqlq "SELECT after_hours FROM chats WHERE id = $c1")" = 1
# the off-hours answer once per chat: the next message is the message the
# follower leaves (confirmed), and after it nothing more is said
FROM=oHoursOnce$(openssl rand -hex 4)
say "anyone?"
say "please call me back"
say "thanks"
ok "…once per chat: then the message left is confirmed, and nothing more is said" test \
	"$(simq "SELECT GROUP_CONCAT(LEFT(content, 9) ORDER BY id SEPARATOR '|') FROM sim_received WHERE appid = '$APP_ID' AND openid = '$FROM'")" = "您好，现在是非营业|已收到您的留言，客"
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
ok "while open, no automatic answer (an account without the bot)" test "$(got)" = 0
today=$(sqlq "SELECT DATE(CONVERT_TZ(FROM_UNIXTIME($(wxnow)), '+00:00', 'Asia/Shanghai'))")
# shellcheck disable=SC2046
hours hours_enabled=1 time_zone=Asia/Shanghai $(all_day) "holidays=$today"
TOKEN_PAGE="/admin/brands/$BRAND" post adm "/admin/brands/$BRAND/texts" "text_offhours=Closed for the holiday."
FROM=oHoursHoliday$(openssl rand -hex 4)
say "are you open today?"
ok "a holiday is closed: the brand's own off-hours answer (on the brand's page), then the offer" \
	test "$(last_got)" = 'Closed for the holiday.\n您可以给我们留言：直接发送您的问题，客服会在这里尽快回复您。'

# reports: first response in business hours only. The seconds a brand is
# open, Monday to Friday 09:00-18:00 in Shanghai:
sqlq "DELETE FROM brand_hours WHERE brand_id = $BRAND; DELETE FROM brand_holidays WHERE brand_id = $BRAND;
	INSERT INTO brand_hours (brand_id, weekday, opens, closes) SELECT $BRAND, seq, '09:00', '18:00' FROM seq_0_to_4;
	UPDATE brands SET hours_enabled = 1, time_zone = 'Asia/Shanghai' WHERE id = $BRAND"
bos() { sqlq "SELECT brand_open_seconds($BRAND, '$1', '$2')"; }
ok "open seconds: Friday 17:00 to Monday 10:00 is two hours" test "$(bos '2026-11-27 09:00:00' '2026-11-30 02:00:00')" = 7200
ok "…a weekend alone, none" test "$(bos '2026-11-28 02:00:00' '2026-11-29 12:00:00')" = 0
ok "…within a day's span, all of it" test "$(bos '2026-12-01 02:00:00' '2026-12-01 03:00:00')" = 3600
sqlq "INSERT INTO brand_holidays (brand_id, day) VALUES ($BRAND, '2026-11-30')"
ok "…a holiday Monday: only Friday's hour" test "$(bos '2026-11-27 09:00:00' '2026-11-30 02:00:00')" = 3600
sqlq "INSERT INTO brand_holidays (brand_id, day, workday) VALUES ($BRAND, '2026-11-28', 1)"
ok "…a make-up working Saturday keeps Monday's hours (08:00-20:00 there: 9 hours)" test "$(bos '2026-11-28 00:00:00' '2026-11-28 12:00:00')" = 32400
sqlq "DELETE FROM brand_hours WHERE brand_id = $BRAND AND weekday = 0; INSERT INTO brand_hours (brand_id, weekday, opens, closes) VALUES ($BRAND, 0, '09:00', '12:00'), ($BRAND, 0, '13:30', '18:00')"
ok "…with Monday's lunch break: 7.5 hours" test "$(bos '2026-11-28 00:00:00' '2026-11-28 12:00:00')" = 27000
sqlq "UPDATE brands SET time_zone = 'Europe/Berlin' WHERE id = $BRAND; INSERT INTO brand_hours VALUES ($BRAND, 6, '00:00', '24:00')"
ok "…the Sunday clocks go forward in Berlin has 23 hours" test "$(bos '2026-03-28 00:00:00' '2026-03-30 00:00:00')" = 82800
sqlq "UPDATE brands SET hours_enabled = 0 WHERE id = $BRAND"
ok "…a brand that keeps no hours is always open" test "$(bos '2026-11-28 02:00:00' '2026-11-29 12:00:00')" = 122400

# a chat that opens while closed and is answered ten minutes later: ten
# minutes in all, nothing in business hours
hours hours_enabled=1 time_zone=Asia/Shanghai
FROM=oHoursRep$(openssl rand -hex 4)
say "a question for the morning"
c2=$(chat_of)
sign_in op operator "$(demo_pw operator)"
shift_clock 600
TOKEN_PAGE="/console/chats/$c2" post op "/console/chats/$c2/pickup"
TOKEN_PAGE="/console/chats/$c2" post op "/console/chats/$c2/send" "text=Good morning"
ok "the answer was delivered" test "$(sqlq "SELECT delivery_state FROM messages WHERE chat_id = $c2 AND direction = 'out' AND author_id IS NOT NULL")" = delivered
ok "two first-response events: 10 min in all, none in business hours" test "$(sqlq "SELECT GROUP_CONCAT(kind, '=', value DIV 10 * 10 ORDER BY kind SEPARATOR ' ') FROM report_events WHERE chat_id = $c2 AND kind LIKE 'first%'")" = "first_response=600 first_response_bh=0"
row() { tr -d '\n' <<<"$BODY" | grep -o '<tr id="t-first">.*</tr>' | sed 's|</tr>.*||; s|<td>|\||g; s|</td>||g; s|<[^>]*>||g; s|&#39;|'"'"'|g'; }
get adm "/reports/?brand=$BRAND"
ok "the overview: first response 10 min" test "$(row)" = "|First response (from the follower's first message to the first reply)|10 min|10 min|1"
ok "…a switch for business hours only" has 'name="bh" value="1"'
get adm "/reports/?brand=$BRAND&bh=1"
ok "business hours only: 0 s, and the page says what it counts" eval 'test "$(row)" = "|First response in business hours (the time the brand was open, from the follower'"'"'s first message to the first reply)|0 s|0 s|1" && has "First responses count only the time each brand was open"'
ok "…the tabs keep the switch" grep -q 'href="/reports/days?[^"]*bh=1"' <<<"$BODY"
get adm "/reports/days?brand=$BRAND&bh=1&format=csv"
ok "…and the CSV says so in its name" hdr 'filename="wxdesk-days-business-hours-'

sqlq "UPDATE brands SET hours_enabled = 0 WHERE id = $BRAND"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
