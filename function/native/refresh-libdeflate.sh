#!/usr/bin/env bash
# Refreshes the libdeflate builds bundled in the function jar from Debian's libdeflate0 packages
# (amd64 and arm64). Run as root on a Debian/Ubuntu machine with apt; commit the result.
# Debian's builds need only glibc >= 2.14 and nothing else (no zlib), so they load on Amazon
# Linux 2 and 2023 (Lambda).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/main/resources/io/thumbctl/image/native"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -q >/dev/null
cd "$work"
apt-get download libdeflate0:amd64 libdeflate0:arm64

for arch in amd64:linux-x86_64:x86_64-linux-gnu arm64:linux-aarch64:aarch64-linux-gnu; do
  IFS=: read -r deb dir triplet <<<"$arch"
  pkg="$(ls libdeflate0_*_"$deb".deb)"
  dpkg-deb -x "$pkg" "x-$deb"
  mkdir -p "$dest/$dir"
  cp "x-$deb/usr/lib/$triplet/"libdeflate.so.0 "$dest/$dir/libdeflate.so"
  echo "$dir: $pkg sha256 $(sha256sum "$dest/$dir/libdeflate.so" | cut -d' ' -f1)"
done > sources.txt

cp x-amd64/usr/share/doc/libdeflate0/copyright "$dest/LICENSE-libdeflate.txt"
version="$(dpkg-deb -f libdeflate0_*_amd64.deb Version)"
{
  echo "libdeflate $version, taken unmodified from Debian's libdeflate0 packages"
  echo "by function/native/refresh-libdeflate.sh on $(date -u +%Y-%m-%d)."
  cat sources.txt
} > "$dest/SOURCE-libdeflate.txt"
cat "$dest/SOURCE-libdeflate.txt"
