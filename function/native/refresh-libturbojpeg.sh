#!/usr/bin/env bash
# Refreshes the libturbojpeg builds bundled in the function jar from Debian's libturbojpeg0
# packages (amd64 and arm64). Run as root on a Debian/Ubuntu machine with apt; commit the result.
# Debian's builds need only glibc >= 2.14, so they load on Amazon Linux 2 and 2023 (Lambda).
set -euo pipefail
exec "$(dirname "$0")/refresh-debian-library.sh" libturbojpeg0 libturbojpeg 'libturbojpeg.so.0.*.*' \
  LICENSE-libjpeg-turbo.txt SOURCE.txt 'TurboJPEG C API of libjpeg-turbo' refresh-libturbojpeg.sh
