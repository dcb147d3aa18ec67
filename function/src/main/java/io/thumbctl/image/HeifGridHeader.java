package io.thumbctl.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The output size a HEIF file's primary {@code grid} item declares in its own ImageGrid header.
 *
 * <p>Why this exists: the pixel limit is checked from the primary image's {@code ispe}, but
 * libheif 1.15 allocates a grid image from the grid item's own header (and its size limit is per
 * side only). A file whose {@code ispe} says 32768x1 and whose grid says 32767x32767 would pass the
 * check and make libheif allocate a gigapixel: the process is killed before any error can be
 * reported. So the grid header is read here, before libheif decodes anything, and checked too.
 *
 * <p>Reads only: {@code meta} &rarr; {@code pitm} (the primary item), {@code iinf}/{@code infe}
 * (its type), {@code iloc} (versions 0-2; construction method 0, file offsets, or 1, inside
 * {@code idat}) and the ImageGrid payload. Every read is bounds-checked; malformed or unexpected
 * input gives an empty answer, never an exception.
 */
final class HeifGridHeader {

    /** A declared grid output size; a 32-bit side beyond {@code int} range is clamped to {@link Integer#MAX_VALUE}. */
    record Size(int width, int height) {
    }

    /** Thrown inside the reader for anything it cannot read; never leaves this class. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private final byte[] b;

    private HeifGridHeader(byte[] bytes) {
        this.b = bytes;
    }

    /** The primary item's declared grid size; empty when the primary is not a grid or the file cannot be read. */
    static Optional<Size> outputSize(byte[] file) {
        try {
            return new HeifGridHeader(file).read();
        } catch (Malformed | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The primary item's type ({@code hvc1}, {@code av01}, {@code grid}, {@code iovl}, ...); empty
     * when the file cannot be read that far.
     */
    static Optional<String> primaryItemType(byte[] file) {
        try {
            return Optional.ofNullable(new HeifGridHeader(file).primaryType());
        } catch (Malformed | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private String primaryType() {
        long[] meta = child(0, b.length, "meta");
        long start = meta[0] + 4; // FullBox
        long end = meta[1];
        long[] pitm = child(start, end, "pitm");
        long primary = u(pitm[0], 1) == 0 ? u(pitm[0] + 4, 2) : u(pitm[0] + 4, 4);
        return itemType(child(start, end, "iinf"), primary);
    }

    private Optional<Size> read() {
        if (!"grid".equals(primaryType())) {
            return Optional.empty();
        }
        long[] meta = child(0, b.length, "meta");
        long start = meta[0] + 4; // FullBox
        long end = meta[1];
        long[] pitm = child(start, end, "pitm");
        long primary = u(pitm[0], 1) == 0 ? u(pitm[0] + 4, 2) : u(pitm[0] + 4, 4);
        byte[] grid = itemData(child(start, end, "iloc"), primary, start, end);
        if (grid.length < 8) {
            return Optional.empty();
        }
        HeifGridHeader payload = new HeifGridHeader(grid);
        int n = (grid[1] & 1) != 0 ? 4 : 2;
        return Optional.of(new Size(clamp(payload.u(4, n)), clamp(payload.u(4 + n, n))));
    }

    private String itemType(long[] iinf, long item) {
        int version = (int) u(iinf[0], 1);
        long at = iinf[0] + 4 + (version == 0 ? 2 : 4);
        for (long[] infe = box(at, iinf[1]); infe != null; infe = box(infe[1], iinf[1])) {
            int v = (int) u(infe[0], 1);
            if (fourcc(infe[2]).equals("infe") && v >= 2) {
                int idSize = v == 2 ? 2 : 4;
                if (u(infe[0] + 4, idSize) == item) {
                    return fourcc(infe[0] + 4 + idSize + 2);
                }
            }
        }
        return null;
    }

    /** The item's bytes (at most 64, all a grid header needs), its extents concatenated. */
    private byte[] itemData(long[] iloc, long item, long metaStart, long metaEnd) {
        int version = (int) u(iloc[0], 1);
        if (version > 2) {
            throw new Malformed();
        }
        long at = iloc[0] + 4;
        int offsetSize = size((int) u(at, 1) >> 4);
        int lengthSize = size((int) u(at, 1) & 15);
        int baseSize = size((int) u(at + 1, 1) >> 4);
        int indexSize = version == 0 ? 0 : size((int) u(at + 1, 1) & 15);
        int idSize = version < 2 ? 2 : 4;
        long count = u(at + 2, idSize);
        at += 2 + idSize;
        for (long i = 0; i < count; i++) {
            long id = u(at, idSize);
            at += idSize;
            int method = 0;
            if (version > 0) {
                method = (int) u(at, 2) & 15;
                at += 2;
            }
            long base = u(at + 2, baseSize);
            long extents = u(at + 2 + baseSize, 2);
            at += 4 + baseSize;
            int entrySize = indexSize + offsetSize + lengthSize;
            if (id != item) {
                at += extents * entrySize;
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (long e = 0; e < extents && out.size() < 64; e++) {
                long offset = u(at + indexSize, offsetSize);
                long length = u(at + indexSize + offsetSize, lengthSize);
                at += entrySize;
                long origin;
                long limit;
                if (method == 0) {
                    origin = 0;
                    limit = b.length;
                } else if (method == 1) {
                    long[] idat = child(metaStart, metaEnd, "idat");
                    origin = idat[0];
                    limit = idat[1];
                } else {
                    throw new Malformed();
                }
                long from = Math.addExact(origin, Math.addExact(base, offset));
                long to = length == 0 ? limit : Math.addExact(from, length);
                if (from < origin || to > limit || from > to) {
                    throw new Malformed();
                }
                out.write(b, (int) from, (int) Math.min(to - from, 64 - out.size()));
            }
            return out.toByteArray();
        }
        throw new Malformed();
    }

    /** The first child box of that type in [start, end): {body start, end, type offset}. */
    private long[] child(long start, long end, String type) {
        for (long[] box = box(start, end); box != null; box = box(box[1], end)) {
            if (fourcc(box[2]).equals(type)) {
                return box;
            }
        }
        throw new Malformed();
    }

    /** The box at {@code at}: {body start, end, type offset}, or null where none fits before {@code end}. */
    private long[] box(long at, long end) {
        if (at + 8 > end) {
            return null;
        }
        long size = u(at, 4);
        long body = at + 8;
        if (size == 1) {
            size = u(at + 8, 8);
            body = at + 16;
        } else if (size == 0) {
            size = end - at;
        }
        if (size < body - at || size > end - at) {
            throw new Malformed();
        }
        return new long[]{body, at + size, at + 4};
    }

    private static int size(int n) {
        if (n != 0 && n != 4 && n != 8) {
            throw new Malformed();
        }
        return n;
    }

    private static int clamp(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private String fourcc(long at) {
        u(at, 4);
        return new String(b, (int) at, 4, StandardCharsets.ISO_8859_1);
    }

    /** The big-endian unsigned number of {@code n} bytes at {@code at}; 8 bytes must fit in 63 bits. */
    private long u(long at, int n) {
        if (at < 0 || n < 0 || at > b.length - n) {
            throw new Malformed();
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | (b[(int) at + i] & 0xff);
        }
        if (v < 0) {
            throw new Malformed();
        }
        return v;
    }
}
