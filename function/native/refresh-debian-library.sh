#!/usr/bin/env bash
# Refreshes one C library bundled in the function jar from Debian's packages (amd64 and arm64),
# taken unmodified. Run as root on a Debian/Ubuntu machine with apt; commit the result. Called by
# refresh-libturbojpeg.sh and refresh-libdeflate.sh, which name the package and files.
#
# usage: refresh-debian-library.sh PACKAGE LIBRARY SONAME_GLOB LICENSE_FILE SOURCE_FILE DESCRIPTION CALLER
#   e.g. libdeflate0 libdeflate 'libdeflate.so.0' LICENSE-libdeflate.txt SOURCE-libdeflate.txt \
#        'libdeflate' refresh-libdeflate.sh
set -euo pipefail
package=$1 library=$2 soname=$3 license=$4 source=$5 description=$6 caller=$7

here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/main/resources/io/thumbctl/image/native"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dpkg --print-foreign-architectures | grep -qx arm64 || dpkg --add-architecture arm64
apt-get update -q >/dev/null
cd "$work"
apt-get download "$package:amd64" "$package:arm64"

for arch in amd64:linux-x86_64:x86_64-linux-gnu arm64:linux-aarch64:aarch64-linux-gnu; do
  IFS=: read -r deb dir triplet <<<"$arch"
  pkg="$(ls "${package}"_*_"$deb".deb)"
  dpkg-deb -x "$pkg" "x-$deb"
  mkdir -p "$dest/$dir"
  # shellcheck disable=SC2086  # the soname is a glob
  cp "x-$deb/usr/lib/$triplet/"$soname "$dest/$dir/$library.so"
  echo "$dir: $pkg sha256 $(sha256sum "$dest/$dir/$library.so" | cut -d' ' -f1)"
done > sources.txt

cp "x-amd64/usr/share/doc/$package/copyright" "$dest/$license"
version="$(dpkg-deb -f "${package}"_*_amd64.deb Version)"
{
  echo "$library $version ($description), taken unmodified from Debian's"
  echo "$package packages by function/native/$caller on $(date -u +%Y-%m-%d)."
  cat sources.txt
} > "$dest/$source"
cat "$dest/$source"
