#!/usr/bin/env bash
# apt-install.sh PACKAGE... — installs Debian packages for make targets and CI,
# saying what it does and roughly how long it takes, and waiting (bounded)
# for the dpkg lock that unattended-upgrades holds on a freshly booted cloud
# VM instead of failing with "Could not get lock /var/lib/dpkg/lock-frontend".
# The package lists are refreshed only when the first attempt fails (a fresh
# container has none). Needs root; prints the command to run otherwise.
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
	echo "missing $*: run \`sudo apt-get install -y $*\` and try again" >&2
	exit 1
fi

# How long apt waits for another package manager to finish (seconds).
lock_wait=${LEADFLOW_APT_LOCK_WAIT:-600}
locked() {
	command -v fuser >/dev/null && fuser /var/lib/dpkg/lock-frontend /var/lib/apt/lists/lock >/dev/null 2>&1
}
if locked; then
	echo "another package manager (unattended-upgrades?) holds the dpkg lock; waiting up to $((lock_wait / 60)) min for it" >&2
fi

export DEBIAN_FRONTEND=noninteractive
apt_get() {
	apt-get -o DPkg::Lock::Timeout="$lock_wait" "$@"
}
echo "installing $* with apt-get (usually 10 s to 2 min; chromium up to 4 min)" >&2
start=$SECONDS
if ! apt_get install -y "$@" >/dev/null; then
	echo "refreshing the package lists (apt-get update) and trying again" >&2
	apt_get update >/dev/null
	apt_get install -y "$@" >/dev/null
fi
echo "installed $* in $((SECONDS - start)) s" >&2
