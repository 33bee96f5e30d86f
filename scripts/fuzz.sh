#!/usr/bin/env bash
# Runs every Fuzz* target of the packages that parse outside input, each for
# FUZZTIME (default 60s), one after another, and prints a summary line per
# target. Not part of CI: it is a time budget, not a check. A failure leaves
# its crasher under the package's testdata/fuzz/<Target>/, which then runs as
# a regular test case in `make test` once committed.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-60s}
PKGS=${FUZZPKGS:-"./connectors ./lead ./scoring ./scoring/bant ./scoring/learn"}
GO=${GO:-go}
failed=0
summary=()
for pkg in $PKGS; do
	for target in $($GO test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		echo "== $pkg $target ($FUZZTIME)"
		log=$(mktemp)
		if $GO test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" >"$log" 2>&1; then
			status=ok
		else
			status=FAIL
			failed=1
		fi
		grep -v '^fuzz: elapsed' "$log" | tail -40 || true
		# The last progress line carries the execution count.
		execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
		summary+=("$(printf '%-5s %-16s %-28s %s execs' "$status" "$pkg" "$target" "${execs:-?}")")
		rm -f "$log"
	done
done
echo
printf '%s\n' "${summary[@]}"
exit $failed
