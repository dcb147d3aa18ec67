package io.thumbctl.function;

import io.thumbctl.testing.ElfFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every native library in the deployable jar loads on Lambda's Amazon Linux 2023 (glibc 2.34, GCC
 * 11's libstdc++ with GLIBCXX_3.4.29), for the architecture its place says: what each needs is read
 * from its own ELF headers. arm64 cannot be run here, so this is what checks its libraries.
 */
class BundledLibrariesIT {

    private static final Path JAR = Path.of("target", "thumbctl-function.jar");
    /** What Amazon Linux 2023's base provides to every library (glibc's parts, libstdc++, libgcc). */
    private static final Set<String> BASE = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
            "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "libstdc++.so.6", "libgcc_s.so.1");

    @Test
    void everyBundledLibrary_needsNoMoreThanAmazonLinux2023Has() throws IOException {
        Map<String, ElfFile> libraries = libraries();

        assertThat(libraries.keySet()).as("bundled libraries").contains(
                "com/amazon/corretto/crypto/provider/libamazonCorrettoCryptoProvider.so",
                "lib/libamazonCorrettoCryptoProvider.so",
                "io/thumbctl/image/native/linux-x86_64/libturbojpeg.so",
                "io/thumbctl/image/native/linux-aarch64/libturbojpeg.so",
                "io/thumbctl/image/native/linux-x86_64/libwebp.so",
                "io/thumbctl/image/native/linux-aarch64/libwebp.so",
                "io/thumbctl/image/native/linux-x86_64/libheif.so",
                "io/thumbctl/image/native/linux-aarch64/libheif.so",
                "io/thumbctl/image/native/linux-x86_64/libde265.so",
                "io/thumbctl/image/native/linux-aarch64/libde265.so",
                "io/thumbctl/image/native/linux-x86_64/libdav1d.so",
                "io/thumbctl/image/native/linux-aarch64/libdav1d.so",

                "io/thumbctl/image/native/linux-x86_64/libthumbctl_avif.so",
                "io/thumbctl/image/native/linux-aarch64/libthumbctl_avif.so",
                "io/thumbctl/image/native/linux-x86_64/libaom.so",
                "io/thumbctl/image/native/linux-aarch64/libaom.so");
        libraries.forEach((name, elf) -> {
            assertThat(elf.highest("GLIBC_")).as(name + " needs glibc").hasValueSatisfying(
                    v -> assertThat(ElfFile.compareVersions(v.substring(6), "2.34")).as(name + ": " + v).isLessThanOrEqualTo(0));
            elf.highest("GLIBCXX_").ifPresent(v -> assertThat(ElfFile.compareVersions(v.substring(8), "3.4.29"))
                    .as(name + ": " + v).isLessThanOrEqualTo(0));
            assertThat(elf.needed()).as(name + " needs").allMatch(lib -> BASE.contains(lib)
                    || bundledNextTo(name, lib, libraries));
        });
    }

    @Test
    void eachLibrary_isBuiltForTheArchitectureItsPlaceNames() throws IOException {
        libraries().forEach((name, elf) -> {
            int expected = name.contains("x86_64") || name.contains("x86-64")
                    || name.startsWith("com/amazon/corretto/") ? ElfFile.MACHINE_X86_64 : ElfFile.MACHINE_AARCH64;
            assertThat(elf.machine()).as(name).isEqualTo(expected);
        });
    }

    /**
     * Whether the jar carries {@code lib} in the same folder as {@code name}: as a file of that
     * name, or under another file name with that SONAME (libheif needs {@code libde265.so.0}, bundled
     * as {@code libde265.so} and loaded first, which glibc then matches by its SONAME).
     */
    private static boolean bundledNextTo(String name, String lib, Map<String, ElfFile> libraries) {
        String folder = name.substring(0, name.lastIndexOf('/') + 1);
        return libraries.entrySet().stream().anyMatch(other -> other.getKey().startsWith(folder)
                && other.getKey().indexOf('/', folder.length()) < 0
                && (other.getKey().endsWith("/" + lib) || other.getValue().soname().filter(lib::equals).isPresent()));
    }

    /**
     * From a jar each library is copied to its own temporary file, so libthumbctl_avif.so finds
     * the libaom.so.3 it needs only because AvifEncoder loads libaom first: checked here on the
     * jar itself, in a class loader of its own, where this machine can run the library.
     */
    @Test
    void avifEncoder_loadsFromTheJarWithTheLibraryItNeeds() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && Set.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch")), "no library for here");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Method instance = Class.forName("io.thumbctl.image.AvifEncoder", true, loader).getDeclaredMethod("instance");
            instance.setAccessible(true);

            assertThat((Optional<?>) instance.invoke(null)).as("AvifEncoder.instance() from the jar").isPresent();
            // This machine may have a libaom.so.3 of its own in /usr/lib: the bundled copy must be the one used.
            assertThat(Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("libaom")))
                    .as("libaom mapped from").isNotEmpty().allMatch(l -> l.contains("/thumbctl-libaom"));
        }
    }

    private static Map<String, ElfFile> libraries() throws IOException {
        Map<String, ElfFile> libraries = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".so")).toList()) {
                libraries.put(entry.getName(), ElfFile.read(jar.getInputStream(entry).readAllBytes()));
            }
        }
        return libraries;
    }
}
