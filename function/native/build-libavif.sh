#!/usr/bin/env bash
# Builds the AVIF encoder bundled in the function jar, for linux-x86_64 and linux-aarch64:
#
#   native/<platform>/libthumbctl_avif.so  libavif (Debian bookworm's source, patches applied),
#                                          built with libaom as its only AV1 codec, linked
#                                          statically together with native/avif/thumbctl_avif.c
#   native/<platform>/libaom.so            Debian's libaom3, unmodified (refresh-debian-library.sh)
#
# Debian's own libavif15 links aom, dav1d, rav1e, SVT-AV1 and libyuv: about 17 MB a platform
# where this needs about 6. Left out here: dav1d, libgav1, rav1e, SVT-AV1 (aom encodes and decodes),
# libyuv and libsharpyuv (libavif's own C converts RGB to YUV; a few ms at thumbnail sizes), and
# the apps. docs/images.md ("AVIF output") has the measurements behind the choice of aom.
#
# Run as root on Debian bookworm (apt, cmake, gcc; gcc-aarch64-linux-gnu is installed if missing)
# and commit the result. A second run writes the same files, byte for byte, but for the date
# refresh-debian-library.sh writes into SOURCE-libaom.txt.
#
# The source is pinned: the .dsc, the upstream tarball and Debian's patches must match the
# sha256 below. Where deb.debian.org does not serve the upstream tarball, LIBAVIF_GIT may point at
# a clone of https://github.com/AOMediaCodec/libavif: Debian's tarball is exactly
# `git archive --prefix=libavif-0.11.1/ v0.11.1 | gzip -n`, and is checked against the same sha256.
set -euo pipefail

LIBAVIF_VERSION=0.11.1
DEBIAN_REVISION=1+deb12u1
DSC_SHA256=87b4faee8aba6052663493f484f7b58754f727fdc33024e5bbb6e821f5de58bd
ORIG_SHA256=0eb49965562a0e5e5de58389650d434cff32af84c34185b6c9b7b2fccae06d4e
DEBIAN_SHA256=1c8169da17c31882c0e008e661152bbb697ff49c97fd94a9565a5053cd72c21c
POOL=http://deb.debian.org/debian/pool/main/liba/libavif

here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../src/main/resources/io/thumbctl/image/native"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in cmake gcc aarch64-linux-gnu-gcc dpkg-source curl; do
  if ! command -v "$tool" >/dev/null; then
    apt-get install -y -q cmake gcc gcc-aarch64-linux-gnu dpkg-dev curl >/dev/null
    break
  fi
done

# 1. libaom: Debian's shared library, bundled as it is (this also runs apt-get update).
"$here/refresh-debian-library.sh" libaom3 libaom 'libaom.so.3.*.*' LICENSE-libaom.txt SOURCE-libaom.txt \
  'AV1 codec library, for libthumbctl_avif' build-libavif.sh
aom_version="$(apt-cache policy libaom3 | awk '/Candidate:/ {print $2}')"

# 2. libavif's source as Debian ships it, checked.
cd "$work"
orig="libavif_${LIBAVIF_VERSION}.orig.tar.gz"
dsc="libavif_${LIBAVIF_VERSION}-${DEBIAN_REVISION}.dsc"
patches="libavif_${LIBAVIF_VERSION}-${DEBIAN_REVISION}.debian.tar.xz"
curl -fsS -O "$POOL/$dsc" -O "$POOL/$patches"
if ! curl -fsS -O "$POOL/$orig" 2>/dev/null; then
  : "${LIBAVIF_GIT:?$POOL/$orig is not served here; set LIBAVIF_GIT to a clone of AOMediaCodec/libavif}"
  echo "$orig is not served here; making it from $LIBAVIF_GIT" >&2
  git -C "$LIBAVIF_GIT" archive --format=tar --prefix="libavif-${LIBAVIF_VERSION}/" "v${LIBAVIF_VERSION}" \
    | gzip -n > "$orig"
fi
sha256sum -c --quiet - <<EOF
$DSC_SHA256  $dsc
$ORIG_SHA256  $orig
$DEBIAN_SHA256  $patches
EOF
# The checksums above stand in for the .dsc's signature (no Debian keyring needed).
dpkg-source --no-check -x "$dsc" src >/dev/null

# 3. Build per platform, against the libaom just bundled and libaom-dev's headers.
apt-get download -q "libaom-dev:amd64=$aom_version" "libaom-dev:arm64=$aom_version" >/dev/null
for arch in amd64:linux-x86_64:x86_64-linux-gnu:gcc arm64:linux-aarch64:aarch64-linux-gnu:aarch64-linux-gnu-gcc; do
  IFS=: read -r deb dir triplet cc <<<"$arch"
  dpkg-deb -x libaom-dev_*_"$deb".deb "aom-$deb"
  cp "$dest/$dir/libaom.so" "aom-$deb/libaom.so.3"
  # Relative file names in whatever the compiler embeds, so the output does not depend on $work.
  flags="-O2 -ffile-prefix-map=$work/= -fno-ident"
  cmake -S src -B "build-$deb" -G 'Unix Makefiles' -Wno-dev \
    -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="${triplet%%-*}" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="$flags -DNDEBUG" \
    -DBUILD_SHARED_LIBS=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DAVIF_ENABLE_WERROR=OFF \
    -DAVIF_CODEC_AOM=ON -DAVIF_CODEC_AOM_ENCODE=ON -DAVIF_CODEC_AOM_DECODE=ON \
    -DAVIF_CODEC_DAV1D=OFF -DAVIF_CODEC_LIBGAV1=OFF -DAVIF_CODEC_RAV1E=OFF -DAVIF_CODEC_SVT=OFF \
    -DCMAKE_DISABLE_FIND_PACKAGE_libyuv=ON -DCMAKE_DISABLE_FIND_PACKAGE_libsharpyuv=ON \
    -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON \
    -DAOM_INCLUDE_DIR="$work/aom-$deb/usr/include" -DAOM_LIBRARY="$work/aom-$deb/libaom.so.3" >/dev/null
  cmake --build "build-$deb" -j2 >/dev/null
  # One library: the shim's four functions are all it exports (libavif is built with hidden
  # visibility); it needs libaom.so.3, which AvifEncoder loads first.
  cp "$here/avif/thumbctl_avif.c" .
  "$cc" $flags -shared -fPIC -fvisibility=hidden -Isrc/include -o "libthumbctl_avif-$deb.so" \
    thumbctl_avif.c "build-$deb/libavif.a" "aom-$deb/libaom.so.3" -lm \
    -Wl,-soname,libthumbctl_avif.so -Wl,--as-needed -Wl,-z,noexecstack -Wl,-z,relro -Wl,-z,now -s
  install -m 644 "libthumbctl_avif-$deb.so" "$dest/$dir/libthumbctl_avif.so"
  echo "$dir: libthumbctl_avif.so sha256 $(sha256sum "$dest/$dir/libthumbctl_avif.so" | cut -d' ' -f1)" \
    "($($cc --version | head -1))"
done > built.txt

cp src/debian/copyright "$dest/LICENSE-libavif.txt"
{
  echo "libthumbctl_avif: libavif ${LIBAVIF_VERSION}-${DEBIAN_REVISION} (Debian bookworm's source package,"
  echo "its patches applied) built with libaom as the only AV1 codec, and function/native/avif/thumbctl_avif.c,"
  echo "by function/native/build-libavif.sh. Needs libaom.so.3 (see SOURCE-libaom.txt)."
  echo "source: $dsc sha256 $DSC_SHA256"
  echo "source: $orig sha256 $ORIG_SHA256"
  echo "source: $patches sha256 $DEBIAN_SHA256"
  echo "headers: libaom-dev $aom_version"
  cat built.txt
} > "$dest/SOURCE-libavif.txt"
cat "$dest/SOURCE-libavif.txt"
