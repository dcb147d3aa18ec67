#!/usr/bin/env bash
# Refreshes the libwebp builds bundled in the function jar from Debian's libwebp7 packages (amd64
# and arm64). Run as root on a Debian/Ubuntu machine with apt; commit the result.
# Bookworm's libwebp 1.2.4 keeps its sharp-YUV conversion inside libwebp.so (1.3 split it out as
# libsharpyuv), so this one file is all it needs besides glibc (libc, libm). Unlike libturbojpeg and libdeflate it
# needs GLIBC_2.34 (pthread_create moved into libc there): it loads on Amazon Linux 2023 (Lambda's
# java21 and java25) but not on Amazon Linux 2.
set -euo pipefail
exec "$(dirname "$0")/refresh-debian-library.sh" libwebp7 libwebp 'libwebp.so.7.*.*' \
  LICENSE-libwebp.txt SOURCE-libwebp.txt 'WebP encoder and decoder' refresh-libwebp.sh
