#!/bin/sh
# Installs sitelint's build and test dependencies (the Debian packages
# given as arguments) if any is missing.  As root on Debian/Ubuntu it runs
# apt-get; elsewhere it prints the command and fails, so nothing is
# installed behind the user's back.
missing=
if command -v dpkg-query >/dev/null 2>&1; then
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
else
	command -v pkg-config >/dev/null 2>&1 || missing=pkg-config
	for m in libarchive libxml-2.0 icu-uc icu-i18n cmocka; do
		pkg-config --exists "$m" 2>/dev/null || missing="$missing $m"
	done
fi
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends $*"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "sitelint: installing missing dependencies:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null || {
		echo "sitelint: '$cmd' failed" >&2; exit 1; }
else
	echo "sitelint: missing dependencies:$missing; install them with:" >&2
	echo "  sudo $cmd" >&2
	exit 1
fi
