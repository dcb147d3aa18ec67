package io.thumbctl.image;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Where the native libraries come from. On Lambda the deployment jar is unzipped into the task
 * root ({@code /var/task}), so the bundled libraries are already files there and are loaded in
 * place: no copy to {@code /tmp}, and JNA neither extracts its own dispatch library nor runs
 * {@code ldconfig -p} to build a search path it would not use (both cost every cold start). From
 * a jar ({@code java -jar}, the CLI) the library is copied to a temporary file, as dlopen needs a
 * file.
 */
final class NativeFiles {

    private static final Logger LOG = LoggerFactory.getLogger(NativeFiles.class);

    /** JNA closes a library it no longer references: these are referenced only by what needs them. */
    private static final List<NativeLibrary> DEPENDENCIES = new CopyOnWriteArrayList<>();

    private NativeFiles() {
    }

    /**
     * Binds the bundled {@code name}.so for this platform, next to {@code owner} under
     * {@code native/<platform>/}, and checks it; empty, with the reason in the log, where there is
     * none for this platform or it does not load or pass the check.
     *
     * @param check     makes the caller's object from the bound library, throwing if the library
     *                  is unusable (a call that returns NULL)
     * @param otherwise what happens instead, for the log ("JPEGs use the pure-Java decoder")
     */
    static <A extends Library, T> Optional<T> bind(Class<?> owner, String name, Class<A> api,
                                                   Function<A, T> check, String otherwise) {
        return bind(owner, name, List.of(), api, check, otherwise);
    }

    /**
     * As {@link #bind(Class, String, Class, Function, String)}, loading the bundled libraries
     * {@code name} needs first, in order (each {@code NAME.so} in the same folder). dlopen resolves
     * a library's needs by soname, and a library already loaded under that soname counts, wherever
     * its file is: a temporary copy or {@code /var/task}. Nothing is searched for on the system.
     */
    static <A extends Library, T> Optional<T> bind(Class<?> owner, String name, List<String> needed, Class<A> api,
                                                   Function<A, T> check, String otherwise) {
        Optional<String> folder = TurboJpeg.platformFolder();
        if (folder.isEmpty()) {
            LOG.info("no bundled {} for {} {}; {}", name, System.getProperty("os.name"),
                    System.getProperty("os.arch"), otherwise);
            return Optional.empty();
        }
        try {
            preferUnpackedJna(owner.getClassLoader());
            for (String dependency : needed) {
                Optional<Path> file = bundled(owner, folder.get(), dependency, otherwise);
                if (file.isEmpty()) {
                    return Optional.empty();
                }
                DEPENDENCIES.add(NativeLibrary.getInstance(file.get().toAbsolutePath().toString()));
            }
            Optional<Path> file = bundled(owner, folder.get(), name, otherwise);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(check.apply(Native.load(file.get().toAbsolutePath().toString(), api)));
        } catch (IOException | LinkageError | RuntimeException e) {
            LOG.warn("cannot load the bundled {} ({}); {}", name, e.toString(), otherwise, e);
            return Optional.empty();
        }
    }

    private static Optional<Path> bundled(Class<?> owner, String folder, String name, String otherwise)
            throws IOException {
        String resource = "native/" + folder + "/" + name + ".so";
        URL bundled = owner.getResource(resource);
        if (bundled == null) {
            LOG.warn("{} is missing from the jar; {}", resource, otherwise);
            return Optional.empty();
        }
        return Optional.of(library(bundled, name));
    }

    /**
     * The bundled library behind {@code resource} as a file: itself where it is one, else a
     * temporary copy whose name starts with {@code thumbctl-} and {@code name}.
     */
    static Path library(URL resource, String name) throws IOException {
        Optional<Path> inPlace = asFile(resource);
        if (inPlace.isPresent()) {
            return inPlace.get();
        }
        // dlopen needs a file; on Lambda /tmp is the writable place, and java.io.tmpdir points there.
        Path file = Files.createTempFile("thumbctl-" + name, ".so");
        file.toFile().deleteOnExit();
        try (InputStream in = resource.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** The resource as a regular file, when the class path is a directory (a task root, target/classes). */
    static Optional<Path> asFile(URL resource) {
        if (!"file".equals(resource.getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(resource.toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Points JNA at its dispatch library where that is a file next to the classes, and gives it a
     * platform search path so that it does not start {@code ldconfig -p}: this JVM loads native
     * code only by absolute path. Must run before JNA's classes initialise; settings made by the
     * user ({@code -Djna.boot.library.path}, {@code -Djna.platform.library.path}) are kept.
     *
     * @param loader the class loader JNA is loaded by
     */
    static void preferUnpackedJna(ClassLoader loader) {
        jnaPlatformFolder().map(folder -> loader.getResource("com/sun/jna/" + folder + "/libjnidispatch.so"))
                .flatMap(NativeFiles::asFile)
                .ifPresent(dispatch -> {
                    setIfAbsent("jna.boot.library.path", dispatch.getParent().toString());
                    setIfAbsent("jna.platform.library.path", "/usr/lib64:/lib64:/usr/lib:/lib");
                });
    }

    /** JNA's name for this platform's folder in its jar ({@code linux-x86-64}, {@code linux-aarch64}). */
    static Optional<String> jnaPlatformFolder() {
        return TurboJpeg.platformFolder().map(folder -> folder.replace("x86_64", "x86-64").toLowerCase(Locale.ROOT));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
