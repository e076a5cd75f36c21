# 24-report-filters.sh: every report honours every filter the reports page
# offers where it applies, and does not offer one that cannot apply. Two
# brands on a day of their own, each with its WeChat account routed to
# Sales: A (Sales and Support round robin; business hours that end at
# 12:01 UTC) and B (Sales round robin); an operator of each and the demo
# operator in both. Chats are offered, declined, let pass, accepted,
# transferred, answered, missed, closed and rated; followers follow with QR
# scenes; a queue forms. Then each report's CSV (the queue: its page) under
# each filter is compared with the rows counted in MariaDB. The daemon
# worker is stopped: each tick is run by hand at an exact time.
. "$(dirname "$0")/lib.sh"
worker_stop
# at T: every program's clock stands at T (durations come out to the second)
at() { echo "@$1" >"$WXDESK_VAR/clock-offset"; }
R=$(openssl rand -hex 3)
off=$(cat "$WXDESK_VAR/clock-offset" 2>/dev/null || echo 0)
case $off in @*) wxnow=${off#@} ;; *) wxnow=$(($(date +%s) + off)) ;; esac
# the day: 30 days past wxdesk's clock (earlier scripts move it), 12:00 UTC;
# whatever earlier scripts left open is closed the day before
DAY0=$(((wxnow / 86400 + 30) * 86400))
D=$(date -u -d "@$DAY0" +%F)
T0=$((DAY0 + 12 * 3600))
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = FROM_UNIXTIME($DAY0 - 3600), offer_user_id = NULL, offer_until = NULL WHERE state <> 'closed'"

own_channel "Filters A $R"
BA=$BRAND A_SALES=$SALES A_SUPPORT=$SUPPORT CA1=$CH APP_A1=$APP_ID
own_channel "Filters B $R"
BB=$BRAND B_SALES=$SALES CB=$CH APP_B=$APP_ID
echo "filters-ann-pass-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user fltann "Ann Filters" operator >/dev/null
echo "filters-bob-pass-1" | "$WXDESK_BUILD/bin/wxdesk-admin" user fltbob "Bob Filters" operator >/dev/null
OP=$(sqlq "SELECT id FROM users WHERE login = 'operator'")
ANN=$(sqlq "SELECT id FROM users WHERE login = 'fltann'")
BOB=$(sqlq "SELECT id FROM users WHERE login = 'fltbob'")
sqlq "INSERT INTO department_members (department_id, user_id) VALUES ($A_SALES, $ANN), ($B_SALES, $BOB)"
sqlq "UPDATE departments SET routing = 'round_robin', offer_seconds = 30 WHERE id IN ($A_SALES, $A_SUPPORT, $B_SALES)"
sqlq "UPDATE channel_prefs SET csat_enabled = 1, missed_after_minutes = 3, missed_close_minutes = 1440, idle_close_minutes = 1440, bot_enabled = 0 WHERE channel_id IN ($CA1, $CB)"

# ---- the followers: oF<who><R> of account a1 (brand A's) or b
acct() { case $1 in a1) echo "$APP_A1" ;; b) echo "$APP_B" ;; esac; }
write() { APP_ID=$(acct "$1") FROM="oF$2$R" say "$3"; }
follow() { APP_ID=$(acct "$1") sim_phone "oF$2$R" -F action=follow ${3:+-F "scene=$3"}; }
chat() { sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = 'oF$1$R' ORDER BY c.id DESC LIMIT 1"; }
# act CHAT VERB field…: the chat's operator, or the one it is offered to, does VERB
actor() { case $1 in "$OP") echo op ;; "$ANN") echo ann ;; "$BOB") echo bob ;; esac; }
act() {
	local c=$1 verb=$2 u
	shift 2
	u=$(sqlq "SELECT IFNULL(operator_id, offer_user_id) FROM chats WHERE id = $c")
	TOKEN_PAGE="/console/chats/$c" post "$(actor "$u")" "/console/chats/$c/$verb" "$@"
}
# the three operators' consoles keep polling: the router offers them chats
tick_at() { at "$1"; sqlq "UPDATE users SET console_seen_at = FROM_UNIXTIME($T0 + 86400) WHERE id IN ($OP, $ANN, $BOB)"; tick; }
busy() { TOKEN_PAGE=/console/ post "$1" /console/presence presence=busy next=/console/; }

# ---- the day
at "$T0"
sign_in adm admin "$(demo_pw admin)"
sign_in op operator "$(demo_pw operator)"
sign_in ann fltann filters-ann-pass-1
sign_in bob fltbob filters-bob-pass-1
# brand A is open until 12:01 UTC: first responses after it differ in business hours
hrs=()
for w in 0 1 2 3 4 5 6; do hrs+=("opens_$w=00:00" "closes_$w=12:01"); done
TOKEN_PAGE="/admin/brands/$BA/hours" post adm "/admin/brands/$BA/hours" hours_enabled=1 time_zone=UTC offhours_text= "${hrs[@]}"
ok "brand A keeps hours until 12:01" test "$(sqlq "SELECT COUNT(*) FROM brand_hours WHERE brand_id = $BA AND closes = '12:01:00'")" = 7
at $((T0 + 1))
follow a1 a1 pa; follow a1 a2 pa; follow a1 a3; follow b b1 pb
at $((T0 + 5))
write a1 a1 "A one"; write a1 a2 "A two"; write a1 a3 "A three"
write b b1 "B one"; write b b2 "B two"; write b b3 "B three"
a1=$(chat a1) a2=$(chat a2) a3=$(chat a3) b1=$(chat b1) b2=$(chat b2) b3=$(chat b3)
ALL="$a1 $a2 $a3 $b1 $b2 $b3"
ok "six chats open" test "$(sqlq "SELECT COUNT(*) FROM chats WHERE id IN (${ALL// /,}) AND state = 'waiting'")" = 6
tick_at $((T0 + 10))
ok "…each offered to an operator of its department" test "$(sqlq "SELECT COUNT(*) FROM chats c JOIN department_members m ON m.department_id = c.department_id AND m.user_id = c.offer_user_id WHERE c.id IN (${ALL// /,})")" = 6
# the demo operator declines brand A's first offer to him, Bob lets his first pass, the rest accept
declined=$(sqlq "SELECT MIN(id) FROM chats WHERE id IN ($a1, $a2, $a3) AND offer_user_id = $OP")
passed=$(sqlq "SELECT MIN(id) FROM chats WHERE id IN ($b1, $b2, $b3) AND offer_user_id = $BOB")
at $((T0 + 20))
for c in $ALL; do
	if [ "$c" = "$declined" ]; then act "$c" decline
	elif [ "$c" != "$passed" ]; then act "$c" pickup; fi
done
tick_at $((T0 + 45))
at $((T0 + 50))
for c in $ALL; do [ "$(sqlq "SELECT state FROM chats WHERE id = $c")" = waiting ] && act "$c" pickup; done
ok "all six picked up, after a decline and an offer let pass" test "$(sqlq "SELECT CONCAT(SUM(c.state = 'active'), ':', (SELECT GROUP_CONCAT(outcome ORDER BY outcome) FROM offers WHERE chat_id IN ($declined, $passed) AND outcome <> 'accepted')) FROM chats c WHERE c.id IN (${ALL// /,})")" = "6:declined,timeout"
# a3 to brand A's Support, offered there to the demo operator, who takes it
at $((T0 + 55)); act "$a3" transfer "to=dept:$A_SUPPORT" keep_me=1	# (the demo operator may have had it)
tick_at $((T0 + 60))
at $((T0 + 65)); act "$a3" pickup
ok "a chat transferred to Support, offered and picked up there" test "$(sqlq "SELECT CONCAT(c.state, ':', c.department_id, ':', o.outcome) FROM chats c JOIN offers o ON o.chat_id = c.id AND o.department_id = $A_SUPPORT WHERE c.id = $a3")" = "active:$A_SUPPORT:accepted"
# answers after brand A closed (12:01); b2 gets none
at $((T0 + 90))
for c in $ALL; do [ "$c" != "$b2" ] && act "$c" send "text=answer to $c"; done
at $((T0 + 95)); write a1 a1 "thanks"; write b b1 "thanks"
at $((T0 + 98)); act "$a1" send "text=anything else?"
at $((T0 + 100))
act "$a1" close "closing=goodbye"; act "$b1" close closing=; act "$a3" close closing=; act "$b2" close closing=
tick_at $((T0 + 105))
ok "the answered chats closed are asked for a rating, the unanswered one not" test "$(sqlq "SELECT GROUP_CONCAT(IFNULL(csat_state, '-') ORDER BY id) FROM chats WHERE id IN ($a1, $a3, $b1, $b2)")" = "asked,asked,asked,-"
at $((T0 + 110)); write a1 a1 "5"; write b b1 "2"
ok "…two rate it" test "$(sqlq "SELECT GROUP_CONCAT(csat_rating ORDER BY id) FROM chats WHERE id IN ($a1, $a3, $b1)")" = "5,2"
# a chat nobody takes: Bob busy, the demo operator lets it pass; missed after 3 minutes
at $((T0 + 120)); busy bob; write b e1 "anyone?"
e1=$(chat e1)
tick_at $((T0 + 125))
tick_at $((T0 + 160))
tick_at $((T0 + 310))
ok "a missed chat in brand B" test "$(sqlq "SELECT CONCAT(state, ':', (SELECT outcome FROM offers WHERE chat_id = $e1)) FROM chats WHERE id = $e1")" = "missed:timeout"
# the queue at 14:00: everyone busy, one chat waiting in each brand, sampled once
at $((T0 + 7180)); busy ann; busy op
at $((T0 + 7190)); write a1 q1 "queue A"; write b q2 "queue B"
q1=$(chat q1) q2=$(chat q2)
tick_at $((T0 + 7230))
ok "…sampled while waiting" test "$(sqlq "SELECT COUNT(*) FROM load_samples WHERE at = FROM_UNIXTIME($(((T0 + 7230) / 60 * 60))) AND channel_id IN ($CA1, $CB)")" = 2
at $((T0 + 7260))

# ---- the reports, read at 14:01
Q="from=$D&to=$D&tz=UTC"
csv() { get adm "/reports/$1?$Q&$2&format=csv"; BODY=$(tr -d '\r' <<<"$BODY"); }
DAY="e.at >= FROM_UNIXTIME($DAY0) AND e.at < FROM_UNIXTIME($DAY0 + 86400)"
# the report events of the day under a filter (SQL on e: report_events)
evn() { sqlq "SELECT COUNT(*) FROM report_events e WHERE $DAY AND e.kind = '$1' AND $2"; }
# the nearest-rank median of a kind's values (exact: all are under two minutes)
median() {
	local v n
	v=$(sqlq "SELECT e.value FROM report_events e WHERE $DAY AND e.kind = '$1' AND $2 ORDER BY e.value")
	n=$(grep -c . <<<"$v")
	[ "$n" -gt 0 ] && sed -n "$(((n + 1) / 2))p" <<<"$v"
}
# each filter as the reports take it, and as SQL on report_events e
NAMES=(brand-A brand-B account department operator business-hours)
ARGS=("brand=$BA" "brand=$BB" "channel=$CA1" "department=$A_SALES" "operator=$OP" "brand=$BA&bh=1")
CONDS=("e.brand_id = $BA" "e.brand_id = $BB" "e.channel_id = $CA1" "e.department_id = $A_SALES" "e.operator_id = $OP" "e.brand_id = $BA")

ok "brand A received 4 chats, brand B 5, as the chats table says" test \
	"$(evn chat_started "e.brand_id = $BA"):$(evn chat_started "e.brand_id = $BB")" = "4:5" -a "4:5" = \
	"$(sqlq "SELECT CONCAT(SUM(ch.brand_id = $BA), ':', SUM(ch.brand_id = $BB)) FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE c.started_at >= FROM_UNIXTIME($DAY0) AND c.started_at < FROM_UNIXTIME($DAY0 + 86400)")"
ok "…brand A's first responses in business hours are shorter" test "$(median first_response_bh "e.brand_id = $BA")" -lt "$(median first_response "e.brand_id = $BA")"

# --- overview, per day, per hour of day, per operator, per department
for i in "${!NAMES[@]}"; do
	n=${NAMES[$i]} a=${ARGS[$i]} w=${CONDS[$i]}
	first=first_response
	[ "$n" = business-hours ] && first=first_response_bh
	csv "" "$a"
	got=$(awk -F, '$2 == "" && NR > 1 { printf "%s:", $3 } $1 == "First response (seconds)" && $2 == "Median" { printf "%s", $3 }' <<<"$BODY")
	want=""
	for k in chat_started picked_up "$first" missed closed transferred message_in message_out delivery_failed \
		follow unfollow followup_received followup_answered followup_expired held_sent held_expired \
		template_sent template_failed notice_sent notice_failed broadcast_sent first_in_window; do
		want+="$(evn "$k" "$w"):"
	done
	want+=$(median "$first" "$w")
	ok "overview, $n: every count and the median first response as in MariaDB" test "$got" = "$want"
	csv days "$a"
	ok "per day, $n" test "$(awk -F, -v d="$D" '$1 == d { print $2 ":" $3 ":" $4 ":" $5 ":" $6 ":" $8 ":" $9 }' <<<"$BODY")" = \
		"$(evn chat_started "$w"):$(evn "$first" "$w"):$(evn missed "$w"):$(evn closed "$w"):$(median "$first" "$w"):$(evn message_in "$w"):$(evn message_out "$w")"
	csv hours "$a"
	for h in 12 14; do
		ok "per hour of day, $n: $h:00" test "$(awk -F, -v h="$h:00" '$1 == h { print $2 ":" $3 ":" $4 ":" $5 ":" $8 ":" $9 }' <<<"$BODY")" = \
			"$(evn chat_started "$w AND HOUR(e.at) = $h"):$(evn "$first" "$w AND HOUR(e.at) = $h"):$(evn missed "$w AND HOUR(e.at) = $h"):$(evn closed "$w AND HOUR(e.at) = $h"):$(evn message_in "$w AND HOUR(e.at) = $h"):$(evn message_out "$w AND HOUR(e.at) = $h")"
	done
	csv operators "$a"
	ok "per operator, $n: each operator's chats picked up, answered, closed and messages sent" test \
		"$(awk -F, 'NR > 1 { print $1 ":" $3 ":" $4 ":" $6 ":" $9 }' <<<"$BODY" | sort)" = \
		"$(sqlq "SELECT CONCAT(u.name, ':', SUM(e.kind = 'picked_up'), ':', SUM(e.kind = '$first'), ':', SUM(e.kind = 'closed'), ':', SUM(e.kind = 'message_out')) FROM report_events e JOIN users u ON u.id = e.operator_id WHERE $DAY AND $w GROUP BY u.id, u.name" | sort)"
	csv departments "$a"
	ok "per department, $n: each department's chats received, picked up, answered, missed and closed" test \
		"$(awk -F, 'NR > 1 && $1 ~ / · / { print $1 ":" $2 ":" $3 ":" $4 ":" $5 ":" $6 }' <<<"$BODY" | sort)" = \
		"$(sqlq "SELECT CONCAT(b.name, ' · ', d.name, ':', SUM(e.kind = 'chat_started'), ':', SUM(e.kind = 'picked_up'), ':', SUM(e.kind = '$first'), ':', SUM(e.kind = 'missed'), ':', SUM(e.kind = 'closed')) FROM report_events e JOIN departments d ON d.id = e.department_id JOIN brands b ON b.id = d.brand_id WHERE $DAY AND $w GROUP BY d.id, b.name, d.name" | sort)"
done
csv "" "brand=$BA&bh=1"
ok "business hours only: the CSV says so in its name" hdr "filename=\"wxdesk-overview-business-hours-$D-$D.csv\""

# --- followers: an account's; no department, operator or first response to filter by
follows() { awk -F, 'NR > 1 { f += $3; u += $4 } END { print f + 0 ":" u + 0 }' <<<"$BODY"; }
follows_db() { sqlq "SELECT CONCAT(SUM(m.event = 'subscribe'), ':', SUM(m.event = 'unsubscribe')) FROM messages m JOIN channels ch ON ch.id = m.channel_id WHERE m.msg_type = 'event' AND m.created_at >= FROM_UNIXTIME($DAY0) AND m.created_at < FROM_UNIXTIME($DAY0 + 86400) AND $1"; }
csv followers "brand=$BA"
ok "followers, brand A: its accounts' follows (3)" test "$(follows)" = "$(follows_db "ch.brand_id = $BA")" -a "$(follows)" = 3:0
csv followers "channel=$CB"
ok "followers, account: that account's follows (1)" test "$(follows)" = "$(follows_db "ch.id = $CB")" -a "$(follows)" = 1:0
csv followers "brand=$BA&channel=$CB"
ok "…an account of another brand: none" test "$(follows)" = 0:0
for a in "department=$A_SALES" "operator=$OP" "bh=1"; do
	csv followers "brand=$BA&$a"
	ok "followers, ${a%%=*}: does not apply, the brand's follows all the same" test "$(follows)" = "$(follows_db "ch.brand_id = $BA")"
done
ok "…and a CSV not named for business hours" hdr "filename=\"wxdesk-followers-$D-$D.csv\""
get adm "/reports/days?$Q&brand=$BA"
choices() { sed -n "/<select name=\"$1\"/,/<\/select>/p" <<<"$BODY" | grep -o 'option value="[0-9]*"' | grep -v '"0"' | tr -dc '0-9\n' | sort -n | tr '\n' ' '; }
ok "a brand chosen narrows the account and department lists to its own" eval \
	'choices department | grep -qw "$A_SALES" && ! choices department | grep -qw "$B_SALES" && choices channel | grep -qw "$CA1" && ! choices channel | grep -qw "$CB"'
ok "…and the operators to those who serve it" eval 'choices operator | grep -qw "$ANN" && ! choices operator | grep -qw "$BOB"'
get ann "/reports/?$Q"
ok "an operator is offered only the brands they serve" eval 'choices brand | grep -qw "$BA" && ! choices brand | grep -qw "$BB"'
get adm "/reports/followers?$Q&brand=$BA&department=$A_SALES&operator=$OP&bh=1"
ok "the followers tab offers no department, operator or business-hours filter" eval \
	'! has "<select name=\"department\"" && ! has "<select name=\"operator\"" && ! has "id=\"bh\""'
ok "…keeps them for the other tabs, and says so" eval \
	'has "type=\"hidden\" name=\"department\" value=\"'"$A_SALES"'\"" && has "type=\"hidden\" name=\"bh\" value=\"1\"" && has "id=\"kept-hint\"" && grep -q "href=\"/reports/days?[^\"]*department=$A_SALES[^\"]*bh=1\"" <<<"$BODY"'

# --- satisfaction: the chats asked (the question delivered) and rated, their average
csat() { awk -F, 'NR > 1 { a += $2; r += $3; v = $4 } END { print a + 0 ":" r + 0 ":" v }' <<<"$BODY"; }
csat_db() { sqlq "SELECT CONCAT(COUNT(q.id), ':', COUNT(c.csat_rating), ':', IFNULL(ROUND(AVG(c.csat_rating), 2), '')) FROM chats c JOIN channels ch ON ch.id = c.channel_id LEFT JOIN messages q ON q.chat_id = c.id AND q.dedupe_key = CONCAT('s:', c.id) AND q.delivery_state = 'delivered' WHERE c.closed_at >= FROM_UNIXTIME($DAY0) AND c.closed_at < FROM_UNIXTIME($DAY0 + 86400) AND $1"; }
for f in "brand=$BA|ch.brand_id = $BA" "brand=$BB|ch.brand_id = $BB" "channel=$CB|c.channel_id = $CB" \
	"channel=$CA1|c.channel_id = $CA1" "department=$A_SALES|c.department_id = $A_SALES" \
	"department=$A_SUPPORT|c.department_id = $A_SUPPORT" "operator=$ANN|c.operator_id = $ANN" \
	"operator=$OP|c.operator_id = $OP"; do
	a=${f%%|*}
	csv csat "$a"
	ok "satisfaction, ${a%%=*} ${a#*=}: asked, rated and the average as in MariaDB" test "$(csat)" = "$(csat_db "${f#*|}")"
done
csv csat "brand=$BA"
ok "…brand A: 2 asked, 1 rated 5" test "$(csat)" = "2:1:5.00"
csv csat "brand=$BA&bh=1"
ok "satisfaction, business hours: does not apply, the same figures" test "$(csat)" = "$(csat_db "ch.brand_id = $BA")"
ok "…and a CSV not named for business hours" hdr "filename=\"wxdesk-satisfaction-$D-$D.csv\""
get adm "/reports/csat?$Q&brand=$BA&bh=1"
ok "the satisfaction tab offers no business-hours switch, and keeps it" eval \
	'! has "id=\"bh\"" && has "type=\"hidden\" name=\"bh\" value=\"1\"" && has "<select name=\"department\"" && has "id=\"kept-hint\""'

# --- presence and routing: the operators who serve the brand, account or
# department, their offers of its chats
people() { awk -F, 'NR > 1 { print $1 }' <<<"$BODY" | sort -u; }
members() { sqlq "SELECT DISTINCT u.name FROM department_members m JOIN departments d ON d.id = m.department_id JOIN users u ON u.id = m.user_id WHERE $1" | sort -u; }
offers() { awk -F, 'NR > 1 && $6 + $7 + $8 > 0 { print $1 ":" $6 ":" $7 ":" $8 }' <<<"$BODY" | sort; }
offers_db() { sqlq "SELECT CONCAT(u.name, ':', SUM(o.outcome = 'accepted'), ':', SUM(o.outcome = 'declined'), ':', SUM(o.outcome = 'timeout')) FROM offers o JOIN chats c ON c.id = o.chat_id JOIN channels ch ON ch.id = c.channel_id JOIN users u ON u.id = o.user_id WHERE o.offered_at >= FROM_UNIXTIME($DAY0) AND o.offered_at < FROM_UNIXTIME($DAY0 + 86400) AND $1 GROUP BY u.id, u.name" | sort; }
# a subset: every line of $1 is a line of $2
within() { [ -z "$(comm -23 <(sort -u <<<"$1") <(sort -u <<<"$2"))" ]; }
csv presence ""
ok "presence: Ann's day, 7180 s available and 80 s busy" grep -q "^Ann Filters,$D,7180,80,0," <<<"$BODY"
ok "…Bob's, 120 s available and 7140 s busy" grep -q "^Bob Filters,$D,120,7140,0," <<<"$BODY"
ok "…offers as in MariaDB" test "$(offers)" = "$(offers_db 1)"
for f in "brand=$BA|d.brand_id = $BA|ch.brand_id = $BA|Ann Filters" \
	"brand=$BB|d.brand_id = $BB|ch.brand_id = $BB|Bob Filters" \
	"channel=$CB|d.brand_id = $BB|c.channel_id = $CB|Bob Filters" \
	"department=$A_SUPPORT|d.id = $A_SUPPORT|o.department_id = $A_SUPPORT|Demo Operator" \
	"department=$A_SALES|d.id = $A_SALES|o.department_id = $A_SALES|Ann Filters" \
	"operator=$ANN|m.user_id = $ANN|o.user_id = $ANN|Ann Filters"; do
	IFS='|' read -r a mw ow who <<<"$f"
	csv presence "$a"
	ok "presence, ${a%%=*} ${a#*=}: only the operators who serve it, $who among them" eval \
		'within "$(people)" "$(members "$mw")" && people | grep -qx "$who"'
	ok "…their offers of its chats, as in MariaDB" test "$(offers)" = "$(offers_db "$ow")"
done
csv presence "brand=$BA"
ok "…a person's time is theirs under a brand: Ann's day unchanged" grep -q "^Ann Filters,$D,7180,80,0," <<<"$BODY"
csv presence "brand=$BB"
ok "…brand B: Bob's day, no Ann" eval 'grep -q "^Bob Filters,$D,120,7140,0," <<<"$BODY" && ! grep -q "^Ann Filters" <<<"$BODY"'
csv presence "bh=1"
a=$BODY
csv presence ""
ok "presence, business hours: does not apply, the same figures" test "$a" = "$BODY"
csv presence "bh=1"
ok "…and a CSV not named for business hours" hdr "filename=\"wxdesk-presence-$D-$D.csv\""
# the queue at 14:00 (the page): waiting chats and the longest wait, as in the chats table then
S=$(((T0 + 7230) / 60 * 60))
queue() { get adm "/reports/presence?$Q&$1"; grep -o '<tr data-hour="14:00" data-waiting="[^"]*" data-longest="[^"]*"' <<<"$BODY" | sed 's/.*data-waiting="\([^"]*\)" data-longest="\([^"]*\)"/\1:\2/'; }
# (the queue holds waiting and missed chats, each from when it took its place)
queue_db() { sqlq "SELECT IF(COUNT(*) = 0, '', CONCAT(COUNT(*), '.0:', MAX($S - UNIX_TIMESTAMP(IFNULL(c.queued_at, c.state_since))))) FROM chats c JOIN channels ch ON ch.id = c.channel_id WHERE c.state IN ('waiting', 'missed') AND ch.brand_id IN ($BA, $BB) AND $1"; }
for f in "brand=$BA|ch.brand_id = $BA" "brand=$BB|ch.brand_id = $BB" "channel=$CA1|c.channel_id = $CA1" \
	"department=$A_SALES|c.department_id = $A_SALES" \
	"department=$A_SUPPORT|c.department_id = $A_SUPPORT" \
	"operator=$ANN|c.department_id IN (SELECT department_id FROM department_members WHERE user_id = $ANN)" \
	"bh=1|1"; do
	a=${f%%|*}
	ok "the queue at 14:00, ${a%%=*} ${a#*=}: as in MariaDB" test "$(queue "$a")" = "$(queue_db "${f#*|}")"
done
ok "…brand A: its chats in the queue then, the new one among them" eval 'test "$(queue "brand=$BA")" = "$(queue_db "ch.brand_id = $BA")" && test "$(sqlq "SELECT state FROM chats WHERE id = $q1")" = waiting && test -n "$(queue "brand=$BA")"'
get adm "/reports/presence?$Q&brand=$BA&bh=1"
ok "the presence tab offers no business-hours switch, says whom it shows" eval \
	'! has "id=\"bh\"" && has "type=\"hidden\" name=\"bh\" value=\"1\"" && has "id=\"serves-hint\""'
get adm "/reports/?$Q&brand=$BA&bh=1"
ok "the overview offers every filter" eval \
	'has "id=\"bh\"" && has "<select name=\"department\"" && has "<select name=\"operator\"" && ! has "id=\"kept-hint\""'
# an operator's own, whatever the filters
sign_in ann fltann filters-ann-pass-1
get ann "/reports/csat?$Q&operator=$OP&format=csv"
BODY=$(tr -d '\r' <<<"$BODY")
ok "an operator's satisfaction report is their own" test "$(csat)" = "$(csat_db "c.operator_id = $ANN")"

sqlq "UPDATE channel_prefs SET csat_enabled = 0 WHERE channel_id IN ($CA1, $CB)"
sqlq "UPDATE users SET presence = 'away' WHERE id IN ($ANN, $BOB)"
sqlq "UPDATE chats SET state = 'closed', close_reason = 'operator', closed_at = FROM_UNIXTIME($T0 + 7260) WHERE state <> 'closed' AND id IN ($a2, $a3, $b3, $q1, $q2)"
# the clock runs again, from where the day ended
echo $((T0 + 7260 - $(date +%s))) >"$WXDESK_VAR/clock-offset"
setsid "$WORKER" </dev/null >>"$WXDESK_VAR/log/worker.out" 2>&1 &
echo $! >"$WXDESK_VAR/run/worker.pid"
done_tests
