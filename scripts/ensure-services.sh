#!/usr/bin/env bash
# Makes sure the server binaries that internal/localsvc starts are installed:
# redis-server, and the PostgreSQL server binaries (initdb, pg_ctl). As root
# it installs what is missing with apt-get; otherwise it prints the command
# and fails, because sudo prompts do not belong in a make recipe.
set -euo pipefail

# install PACKAGE: apt-get install through apt-install.sh, which waits for
# the dpkg lock and says how long things take.
install() {
	"$(dirname "$0")/apt-install.sh" "$1"
}

# Same search order as localsvc.FindPostgresBin.
have_postgres() {
	if [[ -n ${LEADFLOW_PG_BIN:-} ]]; then
		[[ -x $LEADFLOW_PG_BIN/initdb && -x $LEADFLOW_PG_BIN/pg_ctl ]]
		return
	fi
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null
}

have_redis() {
	if [[ -n ${LEADFLOW_REDIS_BIN:-} ]]; then
		[[ -x $LEADFLOW_REDIS_BIN ]]
		return
	fi
	command -v redis-server >/dev/null
}

have_redis || install redis-server
have_postgres || install postgresql
