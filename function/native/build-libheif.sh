#!/usr/bin/env bash
# Builds the HEIC/HEIF/AVIF decoder bundled in the function jar: a decoder-only libheif from
# Debian bookworm's source package (pinned below, checked by sha256), for Linux x86_64 (native gcc)
# and aarch64 (gcc-aarch64-linux-gnu), with HEVC decoding through libde265 and AV1 decoding through
# dav1d, and nothing else: no encoder (x265, aom, rav1e, SVT-AV1), no aom decoder, no plugin
# loading, no examples, no gdk-pixbuf loader, no zlib. libde265 and libdav1d themselves are taken
# unmodified from Debian's packages (refresh-debian-library.sh), as libturbojpeg is.
# Run as root on Debian bookworm with apt; commit the result. Repeatable: the same pins give the
# same libraries (modulo the build date in SOURCE-libheif.txt).
#
# libstdc++: Debian's gcc 12 links libheif against GLIBCXX symbols of at most 3.4.29 (checked below,
# the build fails otherwise), which Amazon Linux 2023 (GCC 11's libstdc++) provides; libde265 needs
# libstdc++ anyway, so libheif links it dynamically like libde265 does.
set -euo pipefail

# Debian bookworm's libheif. The mirror reachable when this was written serves the source of
# 1.15.1-1+deb12u1 (three CVE patches); bookworm-security's 1.15.1-1+deb12u3 (more fixes, see
# docs/images.md) lists debian.tar.xz sha256
# 001a7da9c5c3b14750d86171f1de48eae69b8915552a9e29a7e814383e595027 but was not downloadable.
# To move on: set DEBIAN_VERSION, DEBIAN_POOL and DEBIAN_SHA256, run, commit.
UPSTREAM_VERSION=1.15.1
UPSTREAM_SHA256=28d5a376fe7954d2d03453f983aaa0b7486f475c27c7806bda31df9102325556
DEBIAN_VERSION=1.15.1-1+deb12u1
DEBIAN_POOL=http://deb.debian.org/debian/pool/main/libh/libheif
DEBIAN_SHA256=f3a042fce4231e8feddd032bf93b808a6db96614c20888b78d1042a15e378817

here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/main/resources/io/thumbctl/image/native"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The two decoders, unmodified from Debian, for both platforms (they also bring their licences).
"$here/refresh-debian-library.sh" libde265-0 libde265 'libde265.so.0.*.*' LICENSE-libde265.txt \
  SOURCE-libde265.txt 'HEVC decoder, used by libheif' build-libheif.sh
"$here/refresh-debian-library.sh" libdav1d6 libdav1d 'libdav1d.so.6.*.*' LICENSE-libdav1d.txt \
  SOURCE-libdav1d.txt 'AV1 decoder, used by libheif' build-libheif.sh

# Build tools, and the decoders' headers for both architectures (the -dev packages of the same
# versions as the libraries just bundled).
DEBIAN_FRONTEND=noninteractive apt-get install -y -q cmake make g++ g++-aarch64-linux-gnu pkg-config \
  curl xz-utils patch libde265-dev:amd64 libdav1d-dev:amd64 libde265-dev:arm64 libdav1d-dev:arm64 >/dev/null

cd "$work"
orig="libheif_${UPSTREAM_VERSION}.orig.tar.gz"
debian="libheif_${DEBIAN_VERSION}.debian.tar.xz"
curl -fsSL -o "$orig" "$DEBIAN_POOL/$orig"
curl -fsSL -o "$debian" "$DEBIAN_POOL/${debian//+/%2B}"
sha256sum -c - <<EOF
$UPSTREAM_SHA256  $orig
$DEBIAN_SHA256  $debian
EOF
tar xzf "$orig"
src="$work/libheif-$UPSTREAM_VERSION"
tar xJf "$debian" -C "$src"
while read -r patch; do
  [[ -z "$patch" || "$patch" == \#* ]] && continue
  patch -d "$src" -p1 --quiet < "$src/debian/patches/$patch"
done < "$src/debian/patches/series"

for arch in amd64:linux-x86_64:x86_64-linux-gnu:x86_64 arm64:linux-aarch64:aarch64-linux-gnu:aarch64; do
  IFS=: read -r deb dir triplet cpu <<<"$arch"
  prefix=""
  [[ "$deb" == arm64 ]] && prefix="$triplet-"
  build="$work/build-$deb"
  # PKG_CONFIG_LIBDIR: the decoders' .pc files of the target architecture only.
  PKG_CONFIG_LIBDIR="/usr/lib/$triplet/pkgconfig:/usr/share/pkgconfig" cmake -S "$src" -B "$build" \
    -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="$cpu" -DCMAKE_LIBRARY_ARCHITECTURE="$triplet" \
    -DCMAKE_C_COMPILER="${prefix}gcc" -DCMAKE_CXX_COMPILER="${prefix}g++" \
    -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY -DCMAKE_FIND_ROOT_PATH=/ \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DBUILD_TESTING=OFF \
    -DENABLE_PLUGIN_LOADING=OFF -DWITH_EXAMPLES=OFF -DWITH_DEFLATE_HEADER_COMPRESSION=OFF \
    -DWITH_LIBDE265=ON -DWITH_LIBDE265_PLUGIN=OFF -DWITH_DAV1D=ON -DWITH_DAV1D_PLUGIN=OFF \
    -DWITH_X265=OFF -DWITH_AOM_ENCODER=OFF -DWITH_AOM_DECODER=OFF -DWITH_RAV1E=OFF -DWITH_SvtEnc=OFF \
    -DLIBDE265_LIBRARY="/usr/lib/$triplet/libde265.so" -DDAV1D_LIBRARY="/usr/lib/$triplet/libdav1d.so" \
    -DCMAKE_SHARED_LINKER_FLAGS="-Wl,--as-needed -Wl,-z,relro -Wl,-z,now -s" >"$work/cmake-$deb.log" 2>&1
  grep -q "Compiling 'libde265' as built-in backend" "$work/cmake-$deb.log"
  grep -q "Compiling 'dav1d' as built-in backend" "$work/cmake-$deb.log"
  cmake --build "$build" --target heif -j "${JOBS:-2}" >/dev/null
  library="$build/libheif/libheif.so.$UPSTREAM_VERSION"

  # What it asks of the system: the two bundled decoders and Amazon Linux 2023's base only.
  "${prefix}objdump" -p "$library" | awk '/NEEDED/ {print $2}' | sort > "needed-$deb.txt"
  printf '%s\n' ld-linux-aarch64.so.1 ld-linux-x86-64.so.2 libc.so.6 libdav1d.so.6 libde265.so.0 libgcc_s.so.1 libm.so.6 libstdc++.so.6 | sort > allowed.txt
  extra="$(comm -23 "needed-$deb.txt" allowed.txt | xargs)"
  if [[ -n "$extra" ]]; then
    echo "libheif ($deb) needs $extra besides the bundled decoders and the base system" >&2; exit 1
  fi
  glibcxx="$("${prefix}objdump" -T "$library" | grep -o 'GLIBCXX_[0-9.]*' | sort -uV | tail -1)"
  glibc="$("${prefix}objdump" -T "$library" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
  if [[ "$(printf '%s\n' "${glibcxx#GLIBCXX_}" 3.4.29 | sort -V | tail -1)" != 3.4.29 ||
        "$(printf '%s\n' "${glibc#GLIBC_}" 2.34 | sort -V | tail -1)" != 2.34 ]]; then
    echo "libheif ($deb) needs $glibc / $glibcxx, more than Amazon Linux 2023 has" >&2; exit 1
  fi
  install -m 644 "$library" "$dest/$dir/libheif.so"
  echo "$dir: libheif.so sha256 $(sha256sum "$dest/$dir/libheif.so" | cut -d' ' -f1) (needs $glibc, $glibcxx)"
done > built.txt

cp "$src/debian/copyright" "$dest/LICENSE-libheif.txt"
{
  echo "libheif $DEBIAN_VERSION (HEIF/AVIF container, decode only), built from Debian's source package"
  echo "by function/native/build-libheif.sh on $(date -u +%Y-%m-%d) with $(g++ --version | head -1)."
  echo "$orig sha256 $UPSTREAM_SHA256"
  echo "$debian sha256 $DEBIAN_SHA256 (patches: $(grep -v '^#' "$src/debian/patches/series" | xargs))"
  echo "Decoders built in: libde265 (HEVC), dav1d (AV1); see SOURCE-libde265.txt and SOURCE-libdav1d.txt."
  cat built.txt
} > "$dest/SOURCE-libheif.txt"
cat "$dest/SOURCE-libheif.txt"
