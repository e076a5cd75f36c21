# count.sh: a test program's closing line, "N passed, N failed", read in one
# place. Sourced by tests/run-all, run-unit, e2e/run, browser/run and the
# e2e scripts that run a program of their own.
#
# counted OUTPUT [EXIT]: sets P and F from OUTPUT's last line, which LAST
# holds. No such line counts as one failure, and so does a non-zero EXIT
# with no failure counted.
counted() {
	LAST=$(printf '%s\n' "$1" | tail -1)
	if [[ $LAST =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		P=${BASH_REMATCH[1]} F=${BASH_REMATCH[2]}
	else
		P=0 F=1
	fi
	if [ "${2:-0}" -ne 0 ] && [ "$F" -eq 0 ]; then F=1; fi
	return 0
}
