#!/usr/bin/env bash
# Refreshes the libdeflate builds bundled in the function jar from Debian's libdeflate0 packages
# (amd64 and arm64). Run as root on a Debian/Ubuntu machine with apt; commit the result.
# Debian's builds need only glibc >= 2.14 and nothing else (no zlib), so they load on Amazon
# Linux 2 and 2023 (Lambda).
set -euo pipefail
exec "$(dirname "$0")/refresh-debian-library.sh" libdeflate0 libdeflate 'libdeflate.so.0' \
  LICENSE-libdeflate.txt SOURCE-libdeflate.txt 'DEFLATE decompression' refresh-libdeflate.sh
