#!/usr/bin/env bash
# Generates the images at thumbctl's limits (100 MP, and sources near 100 MB) with libvips,
# streaming, so the machine needs far less memory than the images would take decoded.
# Existing files are kept; delete the directory to make them again.
#
# usage: bench/limits/images.sh DIR
# needs: libvips-tools (Debian: apt-get install -y libvips-tools)
#
#   jpeg-100mp.jpg              10000x10000, photo-like (smooth colour fields plus sensor-like
#                               noise), quality 90, 4:2:0, baseline
#   jpeg-100mp-progressive.jpg  the same pixels, progressive
#   jpeg-100mp-cmyk.jpg         10000x10000 CMYK (no profile: the ImageIO path and its default
#                               CMYK profile), quality 90
#   png-100mp.png               10000x10000 RGB, smooth colour fields (what stays under 100 MB at
#                               100 MP: PNG compresses a photo's grain far worse than JPEG)
#   png-100mp-interlaced.png    10000x10000, smoother still, Adam7 interlaced (interlacing costs size)
#   jpeg-100mb.jpg              5500x5500 of colour noise at quality 100, 4:4:4: ~96 MB
#   png-100mb.png               5800x5800 of colour noise: ~97 MB
set -euo pipefail
DIR=${1:?usage: $0 DIR}
command -v vips >/dev/null || { echo "vips not found (apt-get install -y libvips-tools)" >&2; exit 2; }
mkdir -p "$DIR"
TMP=$(mktemp -d "$DIR/.tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# noise BANDS W H SIGMA MEAN SEED OUT: BANDS independent gaussian-noise bands, as float
noise() {
  local bands=$1 w=$2 h=$3 sigma=$4 mean=$5 seed=$6 out=$7 parts=()
  for b in $(seq 1 "$bands"); do
    vips gaussnoise "$TMP/n$b.v" "$w" "$h" --sigma "$sigma" --mean "$mean" --seed $((seed + b))
    parts+=("$TMP/n$b.v")
  done
  vips bandjoin "${parts[*]}" "$out"
  rm -f "${parts[@]}"
}

# photo BANDS OUT: 10000x10000 smooth colour fields (noise upscaled 32x) plus noise of sigma 3
photo() {
  local bands=$1 out=$2
  noise "$bands" 313 313 50 128 100 "$TMP/coarse.v"
  vips resize "$TMP/coarse.v" "$TMP/smooth.v" 32 --kernel cubic
  vips extract_area "$TMP/smooth.v" "$TMP/field.v" 0 0 10000 10000
  noise "$bands" 10000 10000 3 0 200 "$TMP/grain.v"
  vips add "$TMP/field.v" "$TMP/grain.v" "$TMP/sum.v"
  vips cast "$TMP/sum.v" "$out" uchar
  rm -f "$TMP/coarse.v" "$TMP/smooth.v" "$TMP/field.v" "$TMP/grain.v" "$TMP/sum.v"
}

missing() {  # missing NAME...: whether any of them is still to be made
  local name
  for name in "$@"; do [[ -s $DIR/$name ]] || return 0; done
  return 1
}
save() {  # save NAME IMAGE SAVER OPTIONS...: writes IMAGE as NAME unless NAME exists (whole, or not at all)
  local name=$1 image=$2 saver=$3; shift 3
  [[ -s $DIR/$name ]] && return 0
  echo "making $name" >&2
  vips "$saver" "$image" "$TMP/$name" "$@"   # vips picks the format from the extension
  mv "$TMP/$name" "$DIR/$name"
}

if missing jpeg-100mp.jpg jpeg-100mp-progressive.jpg; then
  photo 3 "$TMP/rgb.v"
  save jpeg-100mp.jpg "$TMP/rgb.v" jpegsave --Q 90 --subsample-mode on
  save jpeg-100mp-progressive.jpg "$TMP/rgb.v" jpegsave --Q 90 --subsample-mode on --interlace
  rm -f "$TMP/rgb.v"
fi
if missing jpeg-100mp-cmyk.jpg; then
  photo 4 "$TMP/cmyk4.v"
  vips copy "$TMP/cmyk4.v" "$TMP/cmyk.v" --interpretation cmyk
  save jpeg-100mp-cmyk.jpg "$TMP/cmyk.v" jpegsave --Q 90
  rm -f "$TMP/cmyk4.v" "$TMP/cmyk.v"
fi
# field SCALE OUT: 10000x10000 RGB colour fields, noise upscaled SCALE times (smoother when larger)
field() {
  noise 3 $(( 10000 / $1 + 1 )) $(( 10000 / $1 + 1 )) 50 128 300 "$TMP/coarse.v"
  vips resize "$TMP/coarse.v" "$TMP/smooth.v" "$1" --kernel cubic
  vips extract_area "$TMP/smooth.v" "$TMP/field.v" 0 0 10000 10000
  vips cast "$TMP/field.v" "$2" uchar
  rm -f "$TMP/coarse.v" "$TMP/smooth.v" "$TMP/field.v"
}
if missing png-100mp.png; then
  field 32 "$TMP/png.v"
  save png-100mp.png "$TMP/png.v" pngsave --filter all
  rm -f "$TMP/png.v"
fi
if missing png-100mp-interlaced.png; then
  field 64 "$TMP/png.v"
  save png-100mp-interlaced.png "$TMP/png.v" pngsave --filter all --interlace
  rm -f "$TMP/png.v"
fi
if missing jpeg-100mb.jpg; then
  noise 3 5500 5500 40 128 400 "$TMP/f.v"
  vips cast "$TMP/f.v" "$TMP/u.v" uchar
  save jpeg-100mb.jpg "$TMP/u.v" jpegsave --Q 100 --subsample-mode off
  rm -f "$TMP/f.v" "$TMP/u.v"
fi
if missing png-100mb.png; then
  noise 3 5800 5800 40 128 500 "$TMP/f.v"
  vips cast "$TMP/f.v" "$TMP/u.v" uchar
  save png-100mb.png "$TMP/u.v" pngsave --filter all
  rm -f "$TMP/f.v" "$TMP/u.v"
fi
for f in "$DIR"/*; do
  (( $(stat -c %s "$f") > 104857600 )) && echo "warning: ${f##*/} is over 100 MiB: the function skips it (too-large)" >&2
  printf '%-28s %6.1f MB  %s\n' "${f##*/}" "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)" \
    "$(vipsheader "$f" 2>/dev/null | sed 's/^[^:]*: //')" >&2
done
