#!/bin/sh
# tests/install.sh DESTDIR VERSION: what `make install DESTDIR=… PREFIX=/usr`
# put there works: the binary and its version, the man page with the same
# version, and both shell completions.
set -eu
d=$1 v=$2
fail() { echo "install: $*" >&2; exit 1; }
test -x "$d/usr/bin/anker" || fail "no $d/usr/bin/anker"
got=$("$d/usr/bin/anker" --version)
[ "$got" = "anker $v" ] || fail "--version says '$got', VERSION says '$v'"
man=$d/usr/share/man/man1/anker.1
test -f "$man" || fail "no man page"
sed -n 1p "$man" | grep -q "\"anker $v\"" || fail "man page version: $(head -1 "$man")"
grep -q '@VERSION@' "$man" && fail "man page still says @VERSION@"
test -f "$d/usr/share/bash-completion/completions/anker" || fail "no bash completion"
test -f "$d/usr/share/zsh/vendor-completions/_anker" || fail "no zsh completion"
bash -n "$d/usr/share/bash-completion/completions/anker" || fail "bash completion does not parse"
echo "$got, man page, bash and zsh completion installed"
