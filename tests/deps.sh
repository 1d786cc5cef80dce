#!/bin/sh
# Install missing Debian packages.  Arguments are CHECK:PACKAGE pairs where
# CHECK is "bin/NAME" (a command on PATH), "file/PATH" (a file, /PATH, that
# the package brings: a LaTeX package, a locale source), "fuzzer" (clang
# links a -fsanitize=fuzzer program: libFuzzer's runtime) or a pkg-config
# module name.
# As root: apt-get update once, then apt-get install -y what is missing.
# Otherwise: print the exact command and fail.
fuzz_ok() {
	command -v clang >/dev/null 2>&1 || return 1
	tmp=$(mktemp -d) || return 1
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ return (void)d, (void)n, 0; }\n' >"$tmp/f.c"
	clang -fsanitize=fuzzer -o "$tmp/f" "$tmp/f.c" >/dev/null 2>&1
	rc=$?
	rm -rf "$tmp"
	return $rc
}
missing=""
for pair in "$@"; do
	check=${pair%%:*}
	pkg=${pair#*:}
	case $check in
	bin/*)	command -v "${check#bin/}" >/dev/null 2>&1 && continue ;;
	file/*)	[ -e "/${check#file/}" ] && continue ;;
	pkg-config)	command -v pkg-config >/dev/null 2>&1 && continue ;;
	fuzzer)	fuzz_ok && continue ;;
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
