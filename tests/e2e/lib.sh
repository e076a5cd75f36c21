# lib.sh: helpers for the end-to-end tests, sourced by each tests/e2e/NN-*.sh.
# tests/e2e/run starts the real stack once and exports WXDESK_* for it.
set -u
BASE="http://$WXDESK_HOST:$WXDESK_PORT"
JARS=$WXDESK_VAR/jars
mkdir -p "$JARS"
PASS=0
FAIL=0

ok() {
	local desc=$1; shift
	if "$@"; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1))
		echo "FAIL: $desc (last HTTP status ${STATUS:-none})"
		[ -f "$WXDESK_VAR/last-body" ] && sed -n '/<main>/,$p' "$WXDESK_VAR/last-body" |
			sed 's/<[^>]*>//g' | grep -v '^\s*$' | head -8 | sed 's/^/    /'
	fi
}
done_tests() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}

# req ACTOR METHOD PATH [curl args…]: STATUS, BODY (text) and HEADERS are set.
req() {
	local actor=$1 method=$2 path=$3; shift 3
	STATUS=$(curl -s -o "$WXDESK_VAR/last-body" -D "$WXDESK_VAR/last-headers" \
		-w '%{http_code}' -b "$JARS/$actor" -c "$JARS/$actor" -X "$method" \
		"$@" "$BASE$path")
	BODY=$(cat "$WXDESK_VAR/last-body")
	HEADERS=$(tr -d '\r' <"$WXDESK_VAR/last-headers")
}
get() { req "$1" GET "$2" "${@:3}"; }

# The CSRF token of the actor's most recent page.
csrf() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$WXDESK_VAR/last-body" | head -1; }

# post ACTOR PATH field=value…: sends the form with the actor's CSRF token
# (read from PATH_FOR_TOKEN, or the last page when unset).
post() {
	local actor=$1 path=$2; shift 2
	local tok
	get "$actor" "${TOKEN_PAGE:-/login}"
	tok=$(csrf)
	local args=(--data-urlencode "csrf=$tok")
	local kv
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	req "$actor" POST "$path" "${args[@]}"
	# a reply is queued and returns at once; the senders deliver it
	case $path in */send|*/retry|*/close) sent ;; esac
}
# sent: waits until every queued reply is delivered or refused (one
# sender pass after another, as the worker's senders do; src/outbox.h)
sent() { "$WORKER" --send >/dev/null 2>&1; }

# eventually CMD…: true once CMD is, within 15 seconds (what WeChat pushes
# after its answer, such as a template message's result; what the worker in
# the background does on its next tick)
eventually() {
	local i
	for i in $(seq 1 300); do "$@" && return 0; sleep 0.05; done
	return 1
}

# sign_in ACTOR LOGIN PASSWORD: a fresh session for ACTOR.
sign_in() {
	rm -f "$JARS/$1"
	TOKEN_PAGE=/login post "$1" /login "login=$2" "password=$3"
}

has() { grep -qF -- "$1" <<<"$BODY"; }
hdr() { grep -qi -- "$1" <<<"$HEADERS"; }
status_is() { [ "$STATUS" = "$1" ]; }
location_is() { grep -qi "^location: $1\$" <<<"$HEADERS"; }

demo_pw() { awk -v u="$1" '$1 == u { print $NF }' "$WXDESK_VAR/demo-credentials.txt"; }

# shift_clock SECONDS: moves every wxdesk process's clock forward (a
# stopped clock, "@T", stays stopped, at T + SECONDS).
shift_clock() {
	local cur=0
	[ -f "$WXDESK_VAR/clock-offset" ] && cur=$(cat "$WXDESK_VAR/clock-offset")
	case $cur in
	@*) echo "@$((${cur#@} + $1))" >"$WXDESK_VAR/clock-offset" ;;
	*) echo $((cur + $1)) >"$WXDESK_VAR/clock-offset" ;;
	esac
}
# wx_clock: the time every wxdesk process reads now (clock.c)
wx_clock() {
	local cur=0
	[ -f "$WXDESK_VAR/clock-offset" ] && cur=$(cat "$WXDESK_VAR/clock-offset")
	case $cur in
	@*) echo "${cur#@}" ;;
	*) echo $(($(date +%s) + cur)) ;;
	esac
}
# stop_clock: every clock stops where it is, so durations checked to the
# second do not depend on how fast the machine is; start_clock: they run on
stop_clock() { echo "@$(wx_clock)" >"$WXDESK_VAR/clock-offset"; }
start_clock() { echo $(($(wx_clock) - $(date +%s))) >"$WXDESK_VAR/clock-offset"; }

# the simulator's own database (what WeChat recorded)
simq() {
	mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$WXDESK_VAR/run/mysqld.sock" -uroot -N -B wxsim -e "$1"
}

sqlq() {
	mariadb --no-defaults --default-character-set=utf8mb4 \
		--socket="$WXDESK_VAR/run/mysqld.sock" -uroot -N -B wxdesk -e "$1"
}

# an id from the Location header: /admin/brands/12 -> 12
loc_id() { sed -n 's|^location: .*/\([0-9][0-9]*\)$|\1|Ip' <<<"$HEADERS"; }

# sim_phone OPENID field…: an action on the simulator's phone page as that
# follower of the account $APP_ID (a test sources the demo credentials), so
# the simulator knows the follower as WeChat would
SIMURL="http://$WXDESK_HOST:$WXDESK_SIM_PORT"
sim_phone() {
	local who=$1 tok
	shift
	tok=$(curl -s -c "$JARS/phone-$who" -b "$JARS/phone-$who" "$SIMURL/phone?appid=$APP_ID&openid=$who" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -c "$JARS/phone-$who" -b "$JARS/phone-$who" \
		-F "csrf=$tok" -F "appid=$APP_ID" -F "openid=$who" "$@" "$SIMURL/phone"
}

# ---- the follower $FROM (set by the script) of the account $APP_ID
phone() { sim_phone "$FROM" "$@"; }
say() { phone -F action=text -F "text=$1"; }
# how many messages the follower's phone has received
received() { curl -s "$SIMURL/sim/received?appid=$APP_ID&openid=$FROM" | grep -o '"msgtype"' | wc -l; }
# fault ERRCODE [COUNT]: the next COUNT custom/send calls answer ERRCODE
fault() { curl -s -o /dev/null --data "appid=$APP_ID&api=custom_send&errcode=$1&count=${2:-1}" "$SIMURL/sim/faults"; }

# worker_pause [NAME] / worker_resume [NAME]: the background worker (or its
# child process NAME, e.g. wxdesk-hooks) stopped between its transactions
# (stopped inside one it would hold its locks), and going again
worker_proc() {
	local wpid
	wpid=$(cat "$WXDESK_VAR/run/worker.pid")
	if [ -n "${1:-}" ]; then pgrep -P "$wpid" -x "$1"; else echo "$wpid"; fi
}
worker_pause() {
	local i wpid
	wpid=$(worker_proc "${1:-}")
	[ -n "$wpid" ] || { echo "worker_pause: no process ${1:-worker}" >&2; return 1; }
	for i in $(seq 1 50); do
		kill -STOP $wpid	# (NAME may be several processes)
		[ "$(sqlq "SELECT COUNT(*) FROM information_schema.innodb_trx")" = 0 ] && return 0
		kill -CONT $wpid
		sleep 0.1
	done
	kill -STOP $wpid
}
worker_resume() { kill -CONT $(worker_proc "${1:-}"); }

# ---- commit order is not id order: late_begin SQL runs SQL in a
# transaction of its own and keeps it open (the rows have their ids, nobody
# else sees them); late_commit commits it
late_begin() {
	local i
	rm -f "$WXDESK_VAR/late.in" "$WXDESK_VAR/late.out"
	mkfifo "$WXDESK_VAR/late.in"
	mariadb --no-defaults --socket="$WXDESK_VAR/run/mysqld.sock" -uroot -N -B wxdesk \
		<"$WXDESK_VAR/late.in" >"$WXDESK_VAR/late.out" 2>&1 &
	LATE_PID=$!
	exec 7>"$WXDESK_VAR/late.in"
	printf 'START TRANSACTION;\n%s\nSELECT '"'taken'"';\n' "$1" >&7
	for i in $(seq 1 200); do grep -q taken "$WXDESK_VAR/late.out" && return 0; sleep 0.05; done
	return 1
}
late_commit() {
	local i
	echo "COMMIT; SELECT 'committed';" >&7
	for i in $(seq 1 200); do grep -q committed "$WXDESK_VAR/late.out" && break; sleep 0.05; done
	exec 7>&-
	wait "$LATE_PID"
}

# ---- the worker: a script that times its ticks stops the daemon and ticks by hand
WORKER="$WXDESK_BUILD/bin/wxdesk-worker"
tick() { "$WORKER" --once; }
worker_stop() {
	local pid i
	pid=$(cat "$WXDESK_VAR/run/worker.pid" 2>/dev/null) || return 0
	kill "$pid" 2>/dev/null
	for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
}

# own_channel NAME: a brand of the script's own, NAME, with the departments
# Sales and Support (the demo operator a member of both), and an active
# plain-mode WeChat account routed to Sales, registered with the simulator
# as WeChat knows an account. Sets BRAND, SALES, SUPPORT, CH and the
# account's APP_ID, APP_SECRET, TOKEN, AES_KEY, ORIGINAL_ID, WEBHOOK_KEY.
own_channel() {
	sqlq "INSERT INTO brands (name, created_at) VALUES ('$1', NOW())"
	BRAND=$(sqlq "SELECT id FROM brands WHERE name = '$1'")
	sqlq "INSERT INTO departments (brand_id, name, created_at) VALUES ($BRAND, 'Sales', NOW()), ($BRAND, 'Support', NOW())"
	SALES=$(sqlq "SELECT id FROM departments WHERE brand_id = $BRAND AND name = 'Sales'")
	SUPPORT=$(sqlq "SELECT id FROM departments WHERE brand_id = $BRAND AND name = 'Support'")
	sqlq "INSERT INTO department_members (department_id, user_id) SELECT d.id, u.id FROM departments d, users u WHERE d.brand_id = $BRAND AND u.login = 'operator'"
	# a draft until WeChat knows the account, so the worker's first token
	# request finds it
	eval "$("$WXDESK_BUILD/bin/wxdesk-admin" channel "$BRAND" "$SALES" plain draft)"
	CH=$CHANNEL_ID
	curl -s -o /dev/null --data-urlencode "appid=$APP_ID" --data-urlencode "secret=$APP_SECRET" \
		--data-urlencode "original_id=$ORIGINAL_ID" --data-urlencode "token=$TOKEN" \
		--data-urlencode "aes_key=$AES_KEY" --data-urlencode "mode=plain" \
		--data-urlencode "webhook_url=$BASE/wechat/$WEBHOOK_KEY" \
		--data-urlencode "name=$1" "$SIMURL/sim/accounts"
	sqlq "UPDATE channels SET state = 'active' WHERE id = $CH"
}
