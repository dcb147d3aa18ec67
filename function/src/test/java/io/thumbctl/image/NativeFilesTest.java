package io.thumbctl.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the bundled native libraries are loaded from: in place when unpacked, else a temporary copy. */
class NativeFilesTest {

    @TempDir
    Path dir;

    @Test
    void libraryUnpackedInTheTaskRoot_isLoadedInPlace() throws Exception {
        Path so = Files.write(dir.resolve("libturbojpeg.so"), new byte[]{1, 2, 3});

        assertThat(NativeFiles.library(so.toUri().toURL(), "libtest")).isEqualTo(so);
    }

    @Test
    void libraryInsideAJar_isCopiedToATemporaryFile() throws Exception {
        Path jar = dir.resolve("function.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("native/libturbojpeg.so"));
            out.write(new byte[]{4, 5, 6});
        }
        URL inJar = new URL("jar:" + jar.toUri() + "!/native/libturbojpeg.so");

        Path copy = NativeFiles.library(inJar, "libtest");

        assertThat(copy).isNotEqualTo(jar).isRegularFile();
        assertThat(copy.getFileName().toString()).startsWith("thumbctl-libtest");
        assertThat(Files.readAllBytes(copy)).containsExactly(4, 5, 6);
    }

    @Test
    void jnaDispatchLibraryUnpackedNextToTheClasses_isWhereJnaLooks() throws Exception {
        assumeTrue(NativeFiles.jnaPlatformFolder().isPresent(), "JNA's dispatch library is not bundled for this platform");
        Path folder = Files.createDirectories(dir.resolve("com/sun/jna/" + NativeFiles.jnaPlatformFolder().get()));
        try (OutputStream out = Files.newOutputStream(folder.resolve("libjnidispatch.so"))) {
            out.write(7);
        }
        String bootPath = System.clearProperty("jna.boot.library.path");
        String platformPath = System.clearProperty("jna.platform.library.path");
        try (URLClassLoader taskRoot = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            NativeFiles.preferUnpackedJna(taskRoot);

            assertThat(System.getProperty("jna.boot.library.path")).isEqualTo(folder.toString());
            assertThat(System.getProperty("jna.platform.library.path")).as("so JNA does not run ldconfig").isNotBlank();
        } finally {
            restore("jna.boot.library.path", bootPath);
            restore("jna.platform.library.path", platformPath);
        }
    }

    @Test
    void jnaFromAJar_isLeftToExtractItsOwnLibrary() throws Exception {
        String bootPath = System.clearProperty("jna.boot.library.path");
        try (URLClassLoader empty = new URLClassLoader(new URL[]{dir.toUri().toURL()}, null)) {
            NativeFiles.preferUnpackedJna(empty);

            assertThat(System.getProperty("jna.boot.library.path")).isNull();
        } finally {
            restore("jna.boot.library.path", bootPath);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
