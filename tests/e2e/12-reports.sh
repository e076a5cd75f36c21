# 12-reports.sh: a scripted day of traffic through the simulator, on a day of
# its own (the shifted clock), and every report's figures checked exactly
# against what was sent: follows by QR scene, chats answered, missed, closed
# for each reason, a failed delivery; time zones, filters, CSV, role limits,
# and the worker's roll-up folding each event once. The daemon worker is
# stopped so each timer tick happens at an exact time; it is restarted at the end.
. "$(dirname "$0")/lib.sh"
own_channel "Reports Brand"
worker_stop
# at T: every program's clock stands at T (durations come out to the second)
at() { echo "@$1" >"$WXDESK_VAR/clock-offset"; }
R=$(openssl rand -hex 4)
say() { sim_phone "oRep$1$R" -F action=text -F "text=$2"; }
follow() { sim_phone "oRep$1$R" -F action=follow ${2:+-F "scene=$2"}; }
chat_of() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = 'oRep$1$R' ORDER BY c.id DESC LIMIT 1"; }
reply() { TOKEN_PAGE="/console/chats/$1" post op "/console/chats/$1/send" "text=$2"; }
pickup() { TOKEN_PAGE="/console/chats/$1" post op "/console/chats/$1/pickup"; }

echo "report-sup-pass-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user repsup "Rita Supervisor" supervisor >/dev/null
echo "report-op2-pass-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user repop2 "Otto Second" operator >/dev/null
OP=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
OP2=$(sqlq "SELECT id FROM users WHERE login = 'repop2'")

# the day: 60 days ahead, 12:00 UTC (Asia/Shanghai 20:00, Pacific/Kiritimati
# 02:00 the next day); whatever earlier tests left open is closed the day before
DAY0=$(( ($(date +%s) / 86400 + 60) * 86400 ))
D=$(date -u -d "@$DAY0" +%F)
NEXT=$(date -u -d "@$((DAY0 + 86400))" +%F)
T0=$((DAY0 + 12 * 3600))
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = FROM_UNIXTIME($DAY0 - 3600) WHERE state <> 'closed'"
sqlq "UPDATE channel_prefs SET missed_after_minutes = 3, missed_close_minutes = 15, idle_close_minutes = 30, bot_enabled = 0 WHERE channel_id = $CH"

# --- the scripted day (seconds after 12:00)
at $T0
sign_in op operator "$(demo_pw operator)"
sign_in sup repsup "report-sup-pass-1"
sign_in op2 repop2 "report-op2-pass-1"
follow A poster
at $((T0 + 5)); follow B
at $((T0 + 10)); follow C poster
at $((T0 + 15)); follow E "=SUM(A1)"
at $((T0 + 20)); say A "hello"; a=$(chat_of A)
at $((T0 + 30)); say B "anyone?"; b=$(chat_of B)
at $((T0 + 40)); say C "a question"; c=$(chat_of C)
at $((T0 + 50)); say D "hi"; d=$(chat_of D)
ok "four chats opened" test -n "$a" -a -n "$b" -a -n "$c" -a -n "$d"
at $((T0 + 60)); pickup "$d"; reply "$d" "d1"
at $((T0 + 70)); pickup "$c"; fault 45015; reply "$c" "c1"
failed=$(sqlq "SELECT id FROM messages WHERE chat_id = $c AND direction = 'out' AND delivery_state = 'failed'")
ok "a delivery failed (45015)" test -n "$failed"
at $((T0 + 75)); TOKEN_PAGE="/console/chats/$c" post op "/console/chats/$c/retry" "message=$failed"
ok "…and the retry was delivered" test "$(sqlq "SELECT delivery_state FROM messages WHERE id = $failed")" = delivered
at $((T0 + 80)); pickup "$a"; reply "$a" "a1"
at $((T0 + 90)); say A "thanks"
at $((T0 + 100)); reply "$a" "a2"; TOKEN_PAGE="/console/chats/$a" post op "/console/chats/$a/close"
at $((T0 + 120)); sim_phone "oRepC$R" -F action=unfollow
at $((T0 + 30 + 180)); tick
ok "B's chat was missed" test "$(sqlq "SELECT state FROM chats WHERE id = $b")" = missed
at $((T0 + 210 + 900)); tick
at $((T0 + 60 + 1800)); tick
ok "the day's chats are closed: operator, unfollowed, missed timeout, idle timeout" test \
	"$(sqlq "SELECT GROUP_CONCAT(close_reason ORDER BY id) FROM chats WHERE id IN ($a, $c, $b, $d)")" = \
	"operator,missed_timeout,unfollowed,idle_timeout"
# one more event after the last roll-up: the reports read it unfolded
at $((T0 + 1900)); say B "one more"; b2=$(chat_of B)
# (its chat_started event, and its message, which the worker's fold has not
# made an event of yet: report_pending holds both)
ok "a new chat for B, not folded yet" test "$(sqlq "SELECT COUNT(*) FROM report_pending WHERE chat_id = $b2 AND rolled = 0")" = 2

Q="from=$D&to=$D&tz=UTC&brand=$BRAND"
fig() { sed -n "s/.*id=\"fig-$1\">\([0-9]*\)<.*/\1/p" <<<"$BODY"; }
row() { grep -o "<tr id=\"t-$1\">.*</tr>" <<<"$BODY" | sed "s/<[^>]*>/|/g; s/||*/|/g; s/&#39;/'/g"; }  # the text, as a browser shows it

# --- overview, read in one snapshot that ends with the request
sqlq "SET GLOBAL log_output = 'TABLE', general_log = 1"
get sup "/reports/?$Q"
sqlq "SET GLOBAL general_log = 0"
gl=$(sqlq "SELECT thread_id, LEFT(argument, 60) FROM mysql.general_log WHERE command_type = 'Query' ORDER BY event_time, thread_id")
sqlq "TRUNCATE TABLE mysql.general_log"
snap=$(awk -F'\t' '$2 ~ /^START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY/ { print $1; exit }' <<<"$gl")
ok "a report page reads in a read-only snapshot" test -n "$snap"
ok "…rolled back when the request ends" grep -q "^$snap	ROLLBACK" <<<"$gl"
ok "overview: 200" status_is 200
ok "received 5 (four chats, and B's new one)" test "$(fig received)" = 5
ok "answered 3" test "$(fig answered)" = 3
ok "missed 1" test "$(fig missed)" = 1
ok "picked up 3" test "$(fig picked)" = 3
ok "closed 4" test "$(fig closed)" = 4
ok "messages in 6" test "$(fig in)" = 6
ok "messages out 4 (the failed one once delivered)" test "$(fig out)" = 4
ok "delivery failures 1" test "$(fig failed)" = 1
ok "first response: median 30 s, 90th percentile 1 min (10, 30, 60 s)" test "$(row first)" = "|First response (from the follower's first message to the first reply)|30 s|1 min|3|"
ok "wait: median 30 s, 90th 1 min" test "$(row wait)" = "|Wait (in the queue until picked up)|30 s|1 min|3|"
ok "duration: median 1 min 20 s, 90th 30 min (80, 80, 1080, 1810 s)" test "$(row duration)" = "|Chat duration (start to close)|1 min 20 s|30 min|4|"
for reason in operator missed_timeout unfollowed idle_timeout; do
	ok "closed by $reason: 1" grep -q "<tr data-reason=\"$reason\"><td>[^<]*</td><td>1</td>" <<<"$BODY"
done
ok "failures by errcode: 45015 once, with WeChat's meaning" grep -q '<tr data-errcode="45015" data-kind="delivery_failed"><td>45015</td><td>[^<]\+</td><td>1</td>' <<<"$BODY"
ok "the reasons chart is SVG drawn on the server" has '<svg viewBox="0 0 760'

# --- the roll-up: every event folded once, figures unchanged
# built [CONFIG]: worker ticks until every zone's levels are built (each
# tick builds a second's worth, a week of hours a step)
built() {
	local i
	for i in $(seq 1 60); do
		[ "$(sqlq "SELECT COUNT(*) FROM report_state WHERE built_to IS NOT NULL")" = 0 ] && return 0
		WXDESK_CONFIG=${1:-$WXDESK_CONFIG} "$WORKER" --once 2>>"$WXDESK_VAR/worker-zone.err"
	done
	return 1
}
tick & tick & wait
built
ok "every event folded" test "$(sqlq "SELECT COUNT(*) FROM report_events WHERE rolled = 0")" = 0
ok "…once (two workers at once)" test "$(sqlq "SELECT SUM(n) FROM report_hours WHERE hour >= FROM_UNIXTIME($DAY0) AND hour < FROM_UNIXTIME($DAY0 + 86400)")" = \
	"$(sqlq "SELECT COUNT(*) FROM report_events WHERE at >= FROM_UNIXTIME($DAY0) AND at < FROM_UNIXTIME($DAY0 + 86400)")"
EV=$(sqlq "SELECT COUNT(*) FROM report_events WHERE at >= FROM_UNIXTIME($DAY0) AND at < FROM_UNIXTIME($DAY0 + 86400)")
ok "the day level (in UTC, the configured zone) holds each event once" test "$(sqlq "SELECT zone FROM report_state WHERE id = 1"):$(sqlq "SELECT SUM(n) FROM report_day_counts WHERE zid = 1 AND day = '$D'")" = "UTC:$EV"
ok "…and the hour-of-day level, by day and by month" test "$(sqlq "SELECT SUM(n) FROM report_hod_counts WHERE zid = 1 AND span = 'day' AND start = '$D'"):$(sqlq "SELECT SUM(n) FROM report_hod_counts WHERE zid = 1 AND span = 'month' AND start = DATE_FORMAT('$D', '%Y-%m-01') AND hod = 12")" = "$EV:$(sqlq "SELECT SUM(n) FROM report_hod_counts WHERE zid = 1 AND span = 'day' AND start BETWEEN DATE_FORMAT('$D', '%Y-%m-01') AND LAST_DAY('$D') AND hod = 12")"
# the levels' zone (tz=UTC) and the same time under another name (Etc/UTC)
# must agree, for whole months and the days around them
M1=$(date -u -d "$D" +%Y-%m-01) M2=$(date -u -d "$D + 1 month" +%Y-%m-01)
ML=$(date -u -d "$M2 + 1 month - 1 day" +%F)
same_csv() {	# PAGE ARGS: the CSV in UTC from the levels and from report_hours
	local a
	get sup "/reports/$1?$2&tz=UTC&format=csv"
	a=$BODY
	get sup "/reports/$1?$2&tz=Etc/UTC&format=csv"
	[ -n "$a" ] && [ "$a" = "$BODY" ]
}
for page in "" days hours operators departments followers; do
	ok "levels and hourly roll-up agree: ${page:-overview} over ${M1%-01} and ${M2%-01}" same_csv "$page" "from=$M1&to=$ML"
done
ok "…hours of day, from the day before the month to its last day" same_csv hours "from=$(date -u -d "$M1 - 1 day" +%F)&to=$(date -u -d "$M2 - 1 day" +%F)"
ok "…an operator's hours of day (report_hours)" same_csv hours "from=$M1&to=$ML&operator=$OP"
ok "…a department's days" same_csv days "from=$M1&to=$ML&department=$SALES&brand=$BRAND"
get sup "/reports/hours?from=$M1&to=$ML&tz=UTC&brand=$BRAND"
ok "hours of day over whole months: everything at 12:00 UTC" grep -q '<tr data-bucket="12:00"><td>12:00</td><td>5</td><td>3</td><td>1</td>' <<<"$BODY"
# another reporting zone: the worker rebuilds the levels from report_hours
sed 's/^Reports\.TimeZone = .*//' "$WXDESK_CONFIG" >"$WXDESK_VAR/shanghai.hdf"
echo "Reports.TimeZone = Asia/Shanghai" >>"$WXDESK_VAR/shanghai.hdf"
WXDESK_CONFIG="$WXDESK_VAR/shanghai.hdf" "$WORKER" --once 2>>"$WXDESK_VAR/worker-zone.err"
ok "…built a step at a time" built "$WXDESK_VAR/shanghai.hdf"
# $D in Shanghai: from 16:00 UTC the day before (the chats closed before the day began are in it)
EVSH=$(sqlq "SELECT COUNT(*) FROM report_events WHERE at >= FROM_UNIXTIME($DAY0 - 8 * 3600) AND at < FROM_UNIXTIME($DAY0 + 16 * 3600)")
ok "Reports.TimeZone changed: the levels are rebuilt in Asia/Shanghai" test "$(sqlq "SELECT zone FROM report_state WHERE id = 1")" = Asia/Shanghai
ok "…each event once, on its day in Shanghai" test "$(sqlq "SELECT SUM(n) FROM report_day_counts WHERE zid = 1 AND day = '$D'")" = "$EVSH"
get sup "/reports/hours?from=$M1&to=$ML&tz=Asia/Shanghai&brand=$BRAND"
ok "…hours of day in Shanghai from them: everything at 20:00" grep -q '<tr data-bucket="20:00"><td>20:00</td><td>5</td><td>3</td><td>1</td>' <<<"$BODY"
# a viewer in another zone: a whole range from the levels in Shanghai (their
# months, their days, report_hours around them), days and hours of day from
# the team's hourly counts; each as report_hours alone has it (the levels
# marked unbuilt for the second read). 2,000 events two years back, about one
# an hour for 93 days, over months and their edges.
W1=$(date -u -d "$(date -u +%Y-%m-01) - 23 months" +%F)
Y2=$(($(date -u -d "$W1" +%s) - 10 * 86400))
WF=$(date -u -d "$W1 - 3 days" +%F) WT=$(date -u -d "$W1 + 2 months - 1 day" +%F)
sqlq "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id,
	value, vbin, detail) SELECT FROM_UNIXTIME($Y2 + s.seq * 4019),
	ELT(1 + s.seq % 5, 'chat_started', 'picked_up', 'first_response', 'closed', 'message_out'),
	e.brand_id, e.channel_id, e.department_id, IF(s.seq % 5 = 0, 0, IF(s.seq % 2, $OP, $OP2)),
	IF(s.seq % 5 IN (1, 2, 3), 10 + s.seq * 37 % 900, NULL),
	report_vbin(IF(s.seq % 5 IN (1, 2, 3), 10 + s.seq * 37 % 900, NULL)),
	IF(s.seq % 5 = 3, ELT(1 + s.seq % 3, 'operator', 'idle_timeout', 'unfollowed'), '')
	FROM seq_0_to_1999 s JOIN (SELECT brand_id, channel_id, department_id FROM report_events
	WHERE kind = 'chat_started' AND brand_id = $BRAND LIMIT 1) e"
WXDESK_CONFIG="$WXDESK_VAR/shanghai.hdf" "$WORKER" --once 2>>"$WXDESK_VAR/worker-zone.err"
built "$WXDESK_VAR/shanghai.hdf"
ok "…the events of two years ago folded" test "$(sqlq "SELECT COUNT(*) FROM report_events WHERE rolled = 0"):$(sqlq "SELECT COUNT(*) > 0 FROM report_month_counts WHERE month = '$W1'")" = 0:1
# a rebuild a step a tick (Reports.BuildSeconds = 0): events folded while it
# is half done, before and after how far it came, are each counted once
cp "$WXDESK_VAR/shanghai.hdf" "$WXDESK_VAR/step.hdf"
echo "Reports.BuildSeconds = 0" >>"$WXDESK_VAR/step.hdf"
sqlq "UPDATE report_state SET zone = '' WHERE id = 1"
step() { WXDESK_CONFIG="$WXDESK_VAR/step.hdf" "$WORKER" --once 2>>"$WXDESK_VAR/worker-zone.err"; }
# (ten thousand rows a level a step cleared first)
for i in $(seq 1 20); do
	step
	[ "$(sqlq "SELECT built_to > '1000-01-01' FROM report_state WHERE id = 1")" = 1 ] && break
done
H0=$(sqlq "SELECT UNIX_TIMESTAMP(built_to) FROM report_state WHERE id = 1")
ok "a rebuild clears the zone's levels, then starts at the first hour there is" test "$H0:$(sqlq "SELECT COUNT(*) FROM report_tday_counts WHERE zid = 1")" = "$(sqlq "SELECT UNIX_TIMESTAMP(MIN(hour)) FROM report_hours"):0"
step
step
ok "…and goes a week of hours a step" test "$(sqlq "SELECT zone, built_to >= FROM_UNIXTIME($H0 + 14 * 86400) FROM report_state WHERE id = 1")" = "Asia/Shanghai	1"
BT=$(sqlq "SELECT UNIX_TIMESTAMP(built_to) FROM report_state WHERE id = 1")
sqlq "INSERT INTO report_events (at, kind, brand_id, channel_id, department_id, operator_id, detail)
	SELECT FROM_UNIXTIME(t.at), 'chat_started', e.brand_id, e.channel_id, e.department_id, 0, ''
	FROM (SELECT $BT - 86400 at UNION ALL SELECT $BT + 20 * 86400) t
	JOIN (SELECT brand_id, channel_id, department_id FROM report_events
	WHERE kind = 'chat_started' AND brand_id = $BRAND LIMIT 1) e"
WXDESK_CONFIG="$WXDESK_VAR/step.hdf" "$WORKER" --once 2>>"$WXDESK_VAR/worker-zone.err"
ok "…events folded meanwhile, behind it and ahead of it" test "$(sqlq "SELECT COUNT(*) FROM report_events WHERE rolled = 0"):$(sqlq "SELECT built_to IS NOT NULL FROM report_state WHERE id = 1")" = 0:1
ok "…then built to the end" built "$WXDESK_VAR/shanghai.hdf"
ok "…each event once, in every level" test "$(sqlq "SELECT CONCAT_WS(',', (SELECT SUM(n) FROM report_day_counts WHERE zid = 1), (SELECT SUM(n) FROM report_tday_counts WHERE zid = 1), (SELECT SUM(n) FROM report_month_counts WHERE zid = 1), (SELECT SUM(n) FROM report_hod_counts WHERE zid = 1 AND span = 'week'), (SELECT SUM(n) FROM report_hour_counts))")" = \
	"$(sqlq "SELECT CONCAT_WS(',', COUNT(*), COUNT(*), COUNT(*), COUNT(*), COUNT(*)) FROM report_events")"
ok "…and each binned one once" test "$(sqlq "SELECT CONCAT_WS(',', (SELECT SUM(n) FROM report_day_bins WHERE zid = 1), (SELECT SUM(n) FROM report_tday_bins WHERE zid = 1), (SELECT SUM(n) FROM report_month_bins WHERE zid = 1), (SELECT SUM(n) FROM report_hod_bins WHERE zid = 1 AND span = 'day'))")" = \
	"$(sqlq "SELECT CONCAT_WS(',', COUNT(*), COUNT(*), COUNT(*), COUNT(*)) FROM report_events WHERE kind IN ('picked_up', 'first_response', 'closed', 'first_response_bh')")"
as_hours() {	# ZONE PAGE [ARGS]: the CSV from the levels, and as report_hours has it
	local a
	get sup "/reports/$2?from=$WF&to=$WT&tz=$1${3:-}&format=csv"
	a=$BODY
	sqlq "UPDATE report_state SET zone = CONCAT('-', zone) WHERE zone <> ''"
	get sup "/reports/$2?from=$WF&to=$WT&tz=$1${3:-}&format=csv"
	sqlq "UPDATE report_state SET zone = SUBSTRING(zone, 2) WHERE zone LIKE '-%'"
	[ -n "$a" ] && [ "$a" = "$BODY" ] && grep -q "[1-9]" <<<"$a"
}
# first from the levels in Shanghai (a whole range: their months and days,
# and report_hours around them), then from the viewers' own
every_page() {	# WHOSE: every page in UTC and New York, from the levels in WHOSE zone
	local zone page
	for zone in UTC America/New_York; do
		for page in "" days hours operators departments; do
			ok "$zone, ${page:-overview}: the levels in ${1:-$zone} agree with report_hours" as_hours "$zone" "$page"
		done
	done
}
every_page Shanghai
ok "…a department's days in UTC" as_hours UTC days "&department=$SALES"
ok "…an operator's overview in UTC" as_hours UTC "" "&operator=$OP"
ok "the zones viewed in are noted" test "$(sqlq "SELECT COUNT(*) FROM report_views WHERE zone IN ('UTC', 'America/New_York', 'Asia/Shanghai')")" = 3
WXDESK_CONFIG="$WXDESK_VAR/shanghai.hdf" "$WORKER" --once 2>>"$WXDESK_VAR/worker-zone.err"
ok "…the worker gives the latest but the reporting zone levels of their own" test "$(sqlq "SELECT COUNT(*) FROM report_state WHERE id > 1 AND zone IN ('UTC', 'America/New_York')"):$(sqlq "SELECT COUNT(*) FROM report_state WHERE zone = 'Asia/Shanghai'")" = 2:1
ok "…built a step at a time" built "$WXDESK_VAR/shanghai.hdf"
ok "…each event once in each zone" test "$(sqlq "SELECT GROUP_CONCAT(n ORDER BY zid) FROM (SELECT zid, SUM(n) n FROM report_month_counts GROUP BY zid) x")" = \
	"$(sqlq "SELECT GROUP_CONCAT(n) FROM (SELECT SUM(n) n FROM report_hours JOIN report_state s ON s.zone <> '' GROUP BY s.id ORDER BY s.id) x")"
every_page
ok "…a department's days in UTC" as_hours UTC days "&department=$SALES"
ok "…an operator's days in UTC" as_hours UTC days "&operator=$OP"
ok "…a department's hours in New York, over 3 days, 2 months and 3 weeks" as_hours America/New_York hours "&department=$SALES"
get sup "/reports/?from=$WF&to=$WT&tz=UTC&format=csv"
ok "…the chats received counted once" grep -qx "Chats received,,$(sqlq "SELECT COUNT(*) FROM report_events WHERE kind = 'chat_started' AND at >= '$WF' AND at < '$WT' + INTERVAL 1 DAY")" <<<"$(tr -d '\r' <<<"$BODY")"
tick 2>>"$WXDESK_VAR/worker-zone.err"
built
ok "…and back in UTC with the configured zone" test "$(sqlq "SELECT zone FROM report_state WHERE id = 1"):$(sqlq "SELECT SUM(n) FROM report_day_counts WHERE zid = 1 AND day = '$D'")" = "UTC:$EV"
ok "…and the viewers' levels in UTC give way to the reporting zone's" test "$(sqlq "SELECT COUNT(*) FROM report_state WHERE zone = 'UTC'")" = 1
sed 's/^Reports\.TimeZone = .*//' "$WXDESK_CONFIG" >"$WXDESK_VAR/mars.hdf"
echo "Reports.TimeZone = Mars/Olympus" >>"$WXDESK_VAR/mars.hdf"
WXDESK_CONFIG="$WXDESK_VAR/mars.hdf" "$WORKER" --once 2>"$WXDESK_VAR/worker-zone.err"
ok "a zone the database does not know leaves the levels as they are, and says so" test "$(sqlq "SELECT zone FROM report_state WHERE id = 1")" = UTC
ok "…in the worker's log" grep -q "does not know the time zone Mars/Olympus" "$WXDESK_VAR/worker-zone.err"
get sup "/reports/?$Q"
ok "the overview is the same from the roll-up" test "$(fig received):$(fig answered):$(fig missed):$(fig out):$(row first)" = "5:3:1:4:|First response (from the follower's first message to the first reply)|30 s|1 min|3|"

# --- per day, per hour of day, time zones
get sup "/reports/days?$Q"
ok "per day: the day's row" grep -q "<tr data-bucket=\"$D\"><td>$D</td><td>5</td><td>3</td><td>1</td><td>4</td><td>30 s</td><td>1 min</td><td>6</td><td>4</td><td>1</td></tr>" <<<"$BODY"
ok "…with a stacked bar chart and the first-response line" grep -q '<polyline class="line"' <<<"$BODY"
get sup "/reports/hours?from=$D&to=$D&tz=Asia/Shanghai&brand=$BRAND"
ok "per hour, Shanghai: everything at 20:00" grep -q '<tr data-bucket="20:00"><td>20:00</td><td>5</td><td>3</td><td>1</td>' <<<"$BODY"
ok "…and nothing at 12:00" grep -q '<tr data-bucket="12:00"><td>12:00</td><td>0</td><td>0</td><td>0</td>' <<<"$BODY"
get sup "/reports/?from=$D&to=$D&tz=Pacific/Kiritimati&brand=$BRAND"
ok "Kiritimati (UTC+14): nothing on $D" test "$(fig received)" = 0
get sup "/reports/?from=$NEXT&to=$NEXT&tz=Pacific/Kiritimati&brand=$BRAND"
ok "…it was all on $NEXT there" test "$(fig received):$(fig answered)" = 5:3
get sup "/reports/?from=$D&to=$D&tz=Mars/Olympus"
ok "an unknown time zone is said, and UTC used" has "The time zone “Mars/Olympus” is not known here; the figures are in UTC."
get sup "/reports/?from=2026-02-30&to=$D"
ok "an impossible date is said" has "Enter a date as YYYY-MM-DD"
get sup "/reports/?from=$NEXT&to=$D"
ok "a reversed range is said" has "The first day is after the last day."

# --- filters
get sup "/reports/?$Q&department=$SALES"
ok "department filter: Sales has them all" test "$(fig received)" = 5
other=$(sqlq "SELECT id FROM departments WHERE brand_id = $BRAND AND id <> $SALES LIMIT 1")
get sup "/reports/?$Q&department=$other"
ok "…another department none" test "$(fig received)" = 0
get sup "/reports/?from=$D&to=$D&tz=UTC&brand=999999"
ok "another brand: none" test "$(fig received)" = 0
get sup "/reports/?$Q&channel=$CH&operator=$OP"
ok "operator filter: that operator's answers and messages" test "$(fig answered):$(fig out):$(fig received)" = 3:4:0

# --- per operator, per department, followers
get sup "/reports/operators?$Q"
ok "per operator: Demo Operator picked up 3, answered 3, closed 3, sent 4" grep -q "<tr data-id=\"$OP\"><td>Demo Operator</td><td>3</td><td>3</td><td>3</td><td>30 s</td><td>1 min 20 s</td><td>4</td><td>0</td></tr>" <<<"$BODY"
get sup "/reports/departments?$Q"
ok "per department: Sales received 5, missed 1" grep -q "<tr data-id=\"$SALES\"><td>Reports Brand · Sales</td><td>5</td><td>3</td><td>3</td><td>1</td><td>4</td>" <<<"$BODY"
get sup "/reports/followers?$Q"
ok "followers: 4 follows, 1 unfollow on the day" grep -q "<tr data-bucket=\"$D\"><td>$D</td><td>4</td><td>1</td><td>3</td></tr>" <<<"$BODY"
ok "…by QR scene: poster 2 follows, 1 unfollow" grep -q '<tr data-scene="poster"><td>poster</td><td>2</td><td>1</td></tr>' <<<"$BODY"
ok "…no QR code: 1" grep -q '<tr data-scene=""><td><i>no QR code</i></td><td>1</td><td>0</td></tr>' <<<"$BODY"

# --- CSV
get sup "/reports/days?$Q&format=csv"
ok "CSV: a download" hdr "content-disposition: attachment; filename=\"wxdesk-days-$D-$D.csv\""
ok "…UTF-8 with a byte-order mark (Excel on a Chinese Windows)" test "$(head -c 3 <<<"$BODY" | od -An -tx1 | tr -d ' ')" = efbbbf
ok "…a header row in words" test "$(head -1 <<<"$BODY" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" = "Date,Received,Answered,Missed,Closed,\"First response, median (seconds)\",\"First response, 90th percentile (seconds)\",Messages in,Messages out,Delivery failures"
ok "…the day's figures" test "$(sed -n 2p <<<"$BODY" | tr -d '\r')" = "$D,5,3,1,4,30,60,6,4,1"
get sup "/reports/?$Q&format=csv"
ok "overview CSV: answered" grep -q '^Chats answered,,3' <<<"$BODY"
ok "…closed by reason, in words" grep -q '^"Chats closed, by reason",Idle timeout,1' <<<"$BODY"
get sup "/reports/followers?$Q&format=csv"
ok "followers CSV: a scene starting with = is quoted, not a formula" grep -q "^$D,\"'=SUM(A1)\",1,0" <<<"$BODY"
get sup "/reports/operators?$Q&format=csv"
ok "operators CSV" grep -q '^Demo Operator,0,3,3,0,3,30,80,4,0' <<<"$BODY"

# --- role limits
get op "/reports/?$Q"
ok "an operator sees reports: their own figures" has "Your own figures."
ok "…answered 3, received none of theirs" test "$(fig answered):$(fig received)" = 3:0
get op "/reports/?$Q&operator=$OP2"
ok "…and cannot ask for someone else's" test "$(fig answered)" = 3
get op2 "/reports/?$Q"
ok "another operator: nothing of the day" test "$(fig answered):$(fig out)" = 0:0
get op2 "/reports/operators?$Q&format=csv"
ok "…their per-operator CSV has no one else" test "$(grep -c 'Demo Operator' <<<"$BODY")" = 0
get op "/reports/departments?$Q"
ok "operators: no department report" status_is 403
get op "/reports/followers?$Q"
ok "…and no follower report" status_is 403
rm -f "$JARS/anon"
get anon "/reports/?$Q"
ok "signed out: to the sign-in page" test "$STATUS" = 303 -o "$STATUS" = 302

sqlq "UPDATE channel_prefs SET missed_after_minutes = 3, missed_close_minutes = 1440, idle_close_minutes = 1440 WHERE channel_id = $CH"
# the clock runs again, from where the day ended
echo $((T0 + 2000 - $(date +%s))) >"$WXDESK_VAR/clock-offset"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
