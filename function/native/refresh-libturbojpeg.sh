#!/usr/bin/env bash
# Refreshes the libturbojpeg builds bundled in the function jar from Debian's libturbojpeg0
# packages (amd64 and arm64). Run as root on a Debian/Ubuntu machine with apt; commit the result.
# Debian's builds need only glibc >= 2.14, so they load on Amazon Linux 2 and 2023 (Lambda).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/main/resources/io/thumbctl/image/native"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -q >/dev/null
cd "$work"
apt-get download libturbojpeg0:amd64 libturbojpeg0:arm64

for arch in amd64:linux-x86_64:x86_64-linux-gnu arm64:linux-aarch64:aarch64-linux-gnu; do
  IFS=: read -r deb dir triplet <<<"$arch"
  pkg="$(ls libturbojpeg0_*_"$deb".deb)"
  dpkg-deb -x "$pkg" "x-$deb"
  mkdir -p "$dest/$dir"
  cp "x-$deb/usr/lib/$triplet/"libturbojpeg.so.0.*.* "$dest/$dir/libturbojpeg.so"
  echo "$dir: $pkg sha256 $(sha256sum "$dest/$dir/libturbojpeg.so" | cut -d' ' -f1)"
done > sources.txt

cp x-amd64/usr/share/doc/libturbojpeg0/copyright "$dest/LICENSE-libjpeg-turbo.txt"
version="$(dpkg-deb -f libturbojpeg0_*_amd64.deb Version)"
{
  echo "libturbojpeg $version (TurboJPEG C API of libjpeg-turbo), taken unmodified from Debian's"
  echo "libturbojpeg0 packages by function/native/refresh-libturbojpeg.sh on $(date -u +%Y-%m-%d)."
  cat sources.txt
} > "$dest/SOURCE.txt"
cat "$dest/SOURCE.txt"
