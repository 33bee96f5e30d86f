#!/usr/bin/env bash
# Runs every Fuzz* target in the repository, each for FUZZTIME (default 60s),
# one after another, and prints a summary line per target. Targets are
# discovered, not listed: every package with a func Fuzz* in a _test.go file
# is asked for its targets with `go test -list`, so a new fuzzer runs here
# without editing this script. Not part of CI: it is a time budget, not a
# check. A failure leaves its crasher under the package's
# testdata/fuzz/<Target>/, which then runs as a regular test case in
# `make test` once committed.
#
#   FUZZTIME=30s scripts/fuzz.sh                 # every target
#   FUZZPKGS="./lead ./email" scripts/fuzz.sh    # only these packages
#   FUZZMATCH='^FuzzParse' scripts/fuzz.sh       # only matching targets
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-60s}
FUZZMATCH=${FUZZMATCH:-'^Fuzz'}
GO=${GO:-go}
if [[ -z ${FUZZPKGS:-} ]]; then
	FUZZPKGS=$(grep -rl --include='*_test.go' -E '^func Fuzz[A-Z0-9_]' . |
		grep -v -e '^./.leadflow/' -e '^./bin/' | xargs -n1 dirname | sort -u | tr '\n' ' ')
fi
failed=0
summary=()
for pkg in $FUZZPKGS; do
	# -list runs no test, but a package that does not compile fails here:
	# report it instead of skipping its fuzzers silently.
	if ! targets=$($GO test -list "$FUZZMATCH" "$pkg" 2>&1); then
		echo "$targets" | tail -20
		summary+=("$(printf '%-5s %-22s %-28s' FAIL "$pkg" '(does not build)')")
		failed=1
		continue
	fi
	for target in $(grep '^Fuzz' <<<"$targets" || true); do
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
		summary+=("$(printf '%-5s %-22s %-28s %s execs' "$status" "$pkg" "$target" "${execs:-?}")")
		rm -f "$log"
	done
done
echo
printf '%s\n' "${summary[@]}"
exit $failed
