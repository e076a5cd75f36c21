# stack.sh: starts and stops a private wxdesk stack (MariaDB, lighttpd and
# the FastCGI programs) for a test suite. Sourced by tests/e2e/run,
# tests/browser/run and tests/bench/run.
#   stack_start NAME   state in build/NAME-<build>, lighttpd on a free port
#                      (STACK_RESTORE=DIR: from a backup's data)
#   stack_stop         stops it; returns 1 if a sanitizer wrote a report

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${WXDESK_BUILD:-build}

# free_port: a port nothing listens on, outside the kernel's range for
# outgoing connections (net.ipv4.ip_local_port_range), so that no client
# connection can hold it by the time a server binds it
free_port() {
	local lo=32768 hi=60999 p i
	read -r lo hi </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null
	for i in $(seq 1 100); do
		if [ "$lo" -gt 12000 ]; then
			p=$((10000 + RANDOM % (lo - 10000)))
		else
			p=$((hi + 1 + RANDOM % (65535 - hi)))
		fi
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
	return 1
}

# cluster_ports: ports for bin/wxdesk-cluster, all below the kernel's range
# for outgoing connections and free now: CL_PORT (haproxy; the web nodes
# +11, +12), CL_SIM_PORT, CL_BASE (Galera: +1..3, +11381..3, +12601..3,
# +12611..3)
cluster_ports() {
	local lo attempt busy p
	lo=$(awk '{ print $1 }' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
	for attempt in $(seq 1 50); do
		CL_BASE=$((10000 + RANDOM % (lo - 10000 - 12700)))
		CL_PORT=$((10000 + RANDOM % (lo - 10000 - 20)))
		CL_SIM_PORT=$((CL_PORT + 1))
		busy=0
		local galera="$((CL_BASE + 1)) $((CL_BASE + 2)) $((CL_BASE + 3)) $((CL_BASE + 11381))
			$((CL_BASE + 11382)) $((CL_BASE + 11383)) $((CL_BASE + 12601)) $((CL_BASE + 12602))
			$((CL_BASE + 12603)) $((CL_BASE + 12611)) $((CL_BASE + 12612)) $((CL_BASE + 12613))"
		local web="$CL_PORT $CL_SIM_PORT $((CL_PORT + 11)) $((CL_PORT + 12))"
		# (free now is not enough: Galera starts first and must not take a web port)
		for p in $web; do
			[[ " $(echo $galera) " == *" $p "* ]] && busy=1
		done
		for p in $galera $web; do
			[ "$busy" = 1 ] && break
			(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && busy=1 && break
		done
		[ "$busy" = 0 ] && return 0
	done
	return 1
}

stack_start() {
	T=$ROOT/build/$1-$(echo "$BUILD" | tr / -)
	local attempt
	export WXDESK_VAR=$T WXDESK_BUILD=$BUILD WXDESK_HOST=127.0.0.1
	export WXDESK_TEST_CLOCK=${STACK_CLOCK:-1}
	export WXDESK_PROCS=${WXDESK_PROCS:-2}
	export ASAN_OPTIONS="log_path=$T/asan:detect_leaks=1"
	export UBSAN_OPTIONS="print_stacktrace=1:log_path=$T/ubsan"
	export WXDESK_ROOT=$ROOT WXDESK_CONFIG=$T/wxdesk.hdf WXDESK_DEMO=1
	# a reverse proxy on this machine is trusted (tests/e2e/26-proxy.sh runs one)
	export WXDESK_TRUSTED_PROXIES=127.0.0.1
	# the demo account's chatbot is off: the tests' chats start with the
	# operators (tests/e2e/17-bot.sh switches it on)
	export WXDESK_DEMO_BOT=${WXDESK_DEMO_BOT:-0}
	# a port can still be taken between the check and the bind: start again
	# on other ports
	for attempt in 1 2 3; do
		rm -rf "$T"
		mkdir -p "$T"
		export WXDESK_PORT=${STACK_PORT:-$(free_port)}
		export WXDESK_SIM_PORT=$(free_port)
		# STACK_RESTORE=DIR: the data of a backup (an older release's, for
		# the upgrade test) restored first; start then migrates it
		# STACK_OLD_CONFIG=1: a configuration as the previous release wrote
		# it (one database account, the schema's owner); start turns it
		# into two (the upgrade test)
		if [ "${STACK_OLD_CONFIG:-0}" = 1 ]; then
			"$ROOT/bin/wxdesk-ctl" init >/dev/null
			local opw
			opw=$(sed -n 's/^Database.Password = //p' "$T/owner.hdf")
			sed -i -e '/^Database.OwnerFile/d' -e 's/^Database.User = .*/Database.User = wxdesk/' \
				-e "s/^Database.Password = .*/Database.Password = $opw/" "$T/wxdesk.hdf"
			rm -f "$T/owner.hdf"
		fi
		if [ -n "${STACK_RESTORE:-}" ]; then
			"$ROOT/bin/wxdesk-ctl" restore "$STACK_RESTORE" >"$T/restore.log" 2>&1 || {
				cat "$T/restore.log"; return 1; }
			cp "$STACK_RESTORE"/demo-credentials.txt* "$T/"
		fi
		"$ROOT/bin/wxdesk-ctl" start >"$T/start.log" 2>&1 && return 0
		grep -qs "Address already in use" "$T"/log/*.log "$T/start.log" || break
		echo "stack_start: a port was taken; starting again on others" >&2
		"$ROOT/bin/wxdesk-ctl" stop >/dev/null 2>&1
	done
	cat "$T/start.log"
	# what did start (the database, when a migration failed) is stopped:
	# left running it would hold the lock a caller's flock(1) passed on
	"$ROOT/bin/wxdesk-ctl" stop >/dev/null 2>&1
	return 1
}

stack_stop() {
	"$ROOT/bin/wxdesk-ctl" stop >/dev/null 2>&1
	sleep 0.5
	local reports
	reports=$(ls "$T"/asan.* "$T"/ubsan.* 2>/dev/null)
	if [ -n "$reports" ]; then
		echo "sanitizer reports:"
		for r in $reports; do echo "== $r"; head -40 "$r"; done
		return 1
	fi
	return 0
}
