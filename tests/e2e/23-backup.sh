# 23-backup.sh: wxdesk-ctl backup and restore, round trip: data made here
# (a chat with a picture, an operator's reply, a WeChat account's secrets),
# backed up from the running stack, restored into a fresh installation on
# other ports; its console, account page (secrets readable) and reports
# show the same. A restore refuses an installation with data.
. "$(dirname "$0")/lib.sh"
own_channel "Backup Brand"
ROOT_DIR=$WXDESK_ROOT
CTL=$ROOT_DIR/bin/wxdesk-ctl
wxnow() { wx_clock; }
FROM=oBackup$(openssl rand -hex 3)
say "please keep this conversation"
printf '\x89PNG\r\n\x1a\n' >"$WXDESK_VAR/bk.png"
head -c 2000 /dev/urandom >>"$WXDESK_VAR/bk.png"
phone -F action=media -F "file=@$WXDESK_VAR/bk.png;type=image/png" >/dev/null
chat=$(sqlq "SELECT c.id FROM chats c JOIN followers f ON f.id = c.follower_id WHERE f.openid = '$FROM' AND c.state <> 'closed'")
pic=$(sqlq "SELECT id FROM messages WHERE chat_id = $chat AND msg_type = 'image'")
for i in $(seq 1 100); do [ "$(sqlq "SELECT media_state FROM messages WHERE id = $pic")" = fetched ] && break; sleep 0.1; done
sign_in op operator "$(demo_pw operator)"
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/pickup"
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/send" "text=kept safe"
ok "the data: a chat, its picture fetched, a reply" test "$(sqlq "SELECT media_state FROM messages WHERE id = $pic"):$(sqlq "SELECT COUNT(*) FROM messages WHERE chat_id = $chat AND direction = 'out'")" = "fetched:1"

BK=$WXDESK_VAR/backup-$(openssl rand -hex 3)
out=$("$CTL" backup "$BK" 2>&1)
ok "a backup: the dump, the files, the key apart, and a warning about the key" eval \
	'test -s "$BK/wxdesk.sql" -a -s "$BK/media.tar" -a -s "$BK/secrets/secret.key" && grep -q "WARNING" <<<"$out"'
ok "…the key readable by its owner only" test "$(stat -c %a "$BK/secrets/secret.key")" = 600
ok "…the dump is one transaction's snapshot (--single-transaction), with the triggers" \
	grep -q "TRIGGER audit_log_bu" "$BK/wxdesk.sql"
ok "…into an empty directory only" eval '! "$CTL" backup "$BK" >/dev/null 2>&1'
ok "restoring into this installation (it has data): refused" eval '! "$CTL" restore "$BK" >/dev/null 2>&1'

# a fresh installation on other ports, the same clock
. "$ROOT_DIR/tests/stack.sh"
T2=$WXDESK_VAR/restored
mkdir -p "$T2"
cp "$WXDESK_VAR/clock-offset" "$T2/clock-offset" 2>/dev/null
P2=$(free_port)
two() { env -u WXDESK_CONFIG WXDESK_VAR="$T2" WXDESK_PORT="$P2" WXDESK_SIM=0 WXDESK_WORKER=0 WXDESK_DEMO=0 "$CTL" "$@"; }
out=$(two restore "$BK" 2>&1)
ok "restored into a fresh installation" eval 'grep -q "restored from" <<<"$out"'
two start >"$T2/start.log" 2>&1
# whatever happens below, the fresh installation stops with the script
t2pids=$(cat "$T2/run/lighttpd.pid" "$T2/run/mysqld.pid" 2>/dev/null | tr '\n' ' ')
t2stop() {
	two stop >>"$T2/stop.log" 2>&1
	# shellcheck disable=SC2086
	kill $t2pids 2>/dev/null && echo "still running after stop: $t2pids" >>"$T2/stop.log"
}
trap t2stop EXIT
B2="http://$WXDESK_HOST:$P2"
ok "…which starts" test "$(curl -s -o /dev/null -w '%{http_code}' "$B2/healthz")" -ge 200
# the same pages on both: sign-ins and sessions come from the database
page() {	# BASE JAR PATH: the page's main part
	curl -s -c "$2" -b "$2" "$1$3" | tr -d '\n' | sed 's/.*<main[^>]*>//; s|</main>.*||; s/name="csrf" value="[0-9a-f]*"//g'
}
login() {	# BASE JAR LOGIN PASSWORD
	local tok
	tok=$(curl -s -c "$2" -b "$2" "$1/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -c "$2" -b "$2" --data-urlencode "csrf=$tok" --data-urlencode "login=$3" \
		--data-urlencode "password=$4" "$1/login"
}
j1=$JARS/bk-one j2=$JARS/bk-two
login "$BASE" "$j1" admin "$(demo_pw admin)"
login "$B2" "$j2" admin "$(demo_pw admin)"
# (the chat's transcript: the inbox beside it moves with the first
# installation's worker, which the fresh one does not run)
transcript() { sed 's|.*<ol class="transcript" id="transcript">||; s|</ol>.*||'; }
c1=$(page "$BASE" "$j1" "/console/chats/$chat" | transcript)
c2=$(page "$B2" "$j2" "/console/chats/$chat" | transcript)
ok "the console: the same chat, message for message" eval 'test -n "$c1" && grep -q "kept safe" <<<"$c2" && test "$c1" = "$c2"'
img=$(grep -o '/console/media/[0-9]*' <<<"$c2" | head -1)
ok "…its picture, the same bytes" eval 'test -n "$img" && cmp -s <(curl -s -b "$j1" "$BASE$img") <(curl -s -b "$j2" "$B2$img")'
rev() {	# BASE JAR: the account page after Reveal
	local tok
	tok=$(curl -s -c "$2" -b "$2" "$1/admin/channels/$CH" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -c "$2" -b "$2" --data-urlencode "csrf=$tok" --data-urlencode "password=$(demo_pw admin)" "$1/admin/channels/$CH/reveal"
}
ok "the account page: the App Secret readable after Reveal (the key came along)" eval 'rev "$B2" "$j2" | grep -q "$APP_SECRET"'
day=$(date -u -d "@$(wxnow)" +%F)
rq="/reports/?tz=UTC&from=$day&to=$day&channel=$CH"
r1=$(page "$BASE" "$j1" "$rq" | grep -o 'id="fig-[a-z]*">[0-9]*' | tr '\n' ' ')
r2=$(page "$B2" "$j2" "$rq" | grep -o 'id="fig-[a-z]*">[0-9]*' | tr '\n' ' ')
ok "the reports: the same figures ($r2)" eval 'test -n "$r1" && test "$r1" = "$r2"'
TOKEN_PAGE="/console/chats/$chat" post op "/console/chats/$chat/close"
# stop waits for each process by its pid: none of the installation's is left
dbpid=$(cat "$T2/run/mysqld.pid" 2>/dev/null)
two stop >>"$T2/stop.log" 2>&1
left=""
for p in /proc/[0-9]*; do
	# (a process that ends meanwhile has no environ left to read)
	{ tr '\0' '\n' <"$p/environ"; } 2>/dev/null | grep -qxF "WXDESK_VAR=$T2" && left="$left ${p#/proc/}"
done
ok "stop returns when every process of the installation has ended, MariaDB too (left:${left:- none})" \
	eval 'test -z "$left" && test -n "$dbpid" && ! kill -0 "$dbpid" 2>/dev/null'
done_tests
