#!/bin/sh
# Install missing Debian packages.  Arguments are CHECK:PACKAGE pairs where
# CHECK is "bin/NAME" (a command on PATH) or a pkg-config module name.
# As root: apt-get update once, then apt-get install -y what is missing.
# Otherwise: print the exact command and fail.
missing=""
for pair in "$@"; do
	check=${pair%%:*}
	pkg=${pair#*:}
	case $check in
	bin/*)	command -v "${check#bin/}" >/dev/null 2>&1 && continue ;;
	pkg-config)	command -v pkg-config >/dev/null 2>&1 && continue ;;
	*)	command -v pkg-config >/dev/null 2>&1 &&
			pkg-config --exists "$check" 2>/dev/null && continue ;;
	esac
	missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "anker: missing packages:$missing" >&2
	echo "run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q || exit 1
# shellcheck disable=SC2086
apt-get install -y -q $missing || exit 1
