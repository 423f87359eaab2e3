#!/bin/sh
# Writes third_party/etcd-server: etcd's server module at the version pinned below,
# as the Go module proxy serves it (its checksum checked), without its tests, with
# etcd-server.patch applied. go.mod replaces go.etcd.io/etcd/server/v3 with it.
#
#   third_party/etcd-server.sh          rewrite the copy (after changing the patch or the version)
#   third_party/etcd-server.sh --check  fail if the copy differs from what it would write
set -eu

module=go.etcd.io/etcd/server/v3
version=v3.7.3
sum='h1:KcTZ/aEZrOiQe0/kdr7iYYcvyfbEoOwDOacHkz8xwZc='

here=$(cd "$(dirname "$0")" && pwd)
copy=$here/etcd-server
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

# Outside any module, so go.mod's replace does not apply to the download.
info=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$module@$version")
dir=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
got=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",*$/\1/p')
if [ "$got" != "$sum" ]; then
	echo "etcd-server.sh: $module@$version has checksum $got, want $sum" >&2
	exit 1
fi

out=$work/etcd-server
mkdir -p "$out"
(cd "$dir" && find . -type f ! -name '*_test.go' ! -path '*/testdata/*' | sort) | while read -r f; do
	mkdir -p "$out/$(dirname "$f")"
	cp "$dir/$f" "$out/$f"
done
chmod -R u+w "$out"
(cd "$out" && git apply -p1 "$here/etcd-server.patch")

if [ "${1:-}" = "--check" ]; then
	if ! diff -r "$out" "$copy" >"$work/diff" 2>&1; then
		cat "$work/diff" >&2
		echo "etcd-server.sh: third_party/etcd-server is not $module@$version with etcd-server.patch; run third_party/etcd-server.sh" >&2
		exit 1
	fi
	exit 0
fi

rm -rf "$copy"
cp -r "$out" "$copy"
echo "etcd-server.sh: wrote third_party/etcd-server ($module@$version with etcd-server.patch)"
