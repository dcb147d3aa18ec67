package io.thumbctl.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a bundled shared library asks of the system that loads it, read from its ELF headers (64-bit,
 * little-endian: Lambda's x86_64 and arm64): its machine, its soname ({@code DT_SONAME}), the libraries
 * it needs ({@code DT_NEEDED})
 * and the symbol versions it needs from them ({@code .gnu.version_r}), such as {@code GLIBC_2.34}.
 */
public final class ElfFile {

    public static final int MACHINE_X86_64 = 62;
    public static final int MACHINE_AARCH64 = 183;

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NEEDED = 1;
    private static final long DT_SONAME = 14;

    private final int machine;
    private final List<String> needed = new ArrayList<>();
    private String soname;
    private final TreeSet<String> versions = new TreeSet<>();

    private ElfFile(byte[] bytes) {
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464c457f || bytes[4] != 2 || bytes[5] != 1) {
            throw new IllegalArgumentException("not a 64-bit little-endian ELF file");
        }
        machine = Short.toUnsignedInt(elf.getShort(18));
        long sectionTable = elf.getLong(40);
        int entrySize = Short.toUnsignedInt(elf.getShort(58));
        int count = Short.toUnsignedInt(elf.getShort(60));
        for (int i = 0; i < count; i++) {
            int at = (int) (sectionTable + (long) i * entrySize);
            int type = elf.getInt(at + 4);
            long offset = elf.getLong(at + 24);
            long size = elf.getLong(at + 32);
            int link = elf.getInt(at + 40);
            long strings = elf.getLong((int) (sectionTable + (long) link * entrySize) + 24);
            if (type == SHT_DYNAMIC) {
                for (long e = offset; e < offset + size; e += 16) {
                    long tag = elf.getLong((int) e);
                    if (tag == DT_NEEDED) {
                        needed.add(string(bytes, strings + elf.getLong((int) e + 8)));
                    } else if (tag == DT_SONAME) {
                        soname = string(bytes, strings + elf.getLong((int) e + 8));
                    }
                }
            } else if (type == SHT_GNU_VERNEED) {
                long need = offset;
                while (true) {
                    int auxCount = Short.toUnsignedInt(elf.getShort((int) need + 2));
                    long aux = need + elf.getInt((int) need + 8);
                    for (int a = 0; a < auxCount; a++) {
                        versions.add(string(bytes, strings + elf.getInt((int) aux + 8)));
                        aux += elf.getInt((int) aux + 12);
                    }
                    int next = elf.getInt((int) need + 12);
                    if (next == 0) {
                        break;
                    }
                    need += next;
                }
            }
        }
    }

    public static ElfFile read(byte[] bytes) {
        return new ElfFile(bytes);
    }

    public int machine() {
        return machine;
    }

    /** The name other libraries need this one by ({@code libaom.so.3}), where it has one. */
    public Optional<String> soname() {
        return Optional.ofNullable(soname);
    }

    public List<String> needed() {
        return needed;
    }

    /** Every symbol version needed, such as {@code GLIBC_2.17} or {@code GLIBCXX_3.4.29}. */
    public TreeSet<String> versions() {
        return versions;
    }

    /** The highest version needed with this prefix ({@code GLIBC_}), compared number by number. */
    public Optional<String> highest(String prefix) {
        return versions.stream().filter(v -> v.startsWith(prefix) && Character.isDigit(v.charAt(prefix.length())))
                .max(Comparator.comparing(v -> v.substring(prefix.length()), ElfFile::compareVersions));
    }

    /** Compares dotted version numbers ({@code 2.34} after {@code 2.4}). */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static String string(byte[] bytes, long at) {
        int end = (int) at;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, (int) at, end - (int) at, StandardCharsets.US_ASCII);
    }
}
