package io.thumbctl.cli.guard;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The keys {@code thumbctl guard} explains: its KEY arguments in order, where {@code -} stands for
 * the lines of standard input (UTF-8, one key a line, empty lines skipped). Input is read as the
 * keys are consumed, so a long list streams.
 */
final class KeySource {

    /** The argument that stands for standard input. */
    static final String STDIN = "-";

    private final List<String> arguments;
    private final Supplier<InputStream> stdin;

    private KeySource(List<String> arguments, Supplier<InputStream> stdin) {
        this.arguments = List.copyOf(arguments);
        this.stdin = stdin;
    }

    /** The arguments, with {@code -} read from this process's standard input. */
    static KeySource of(List<String> arguments) {
        return new KeySource(arguments, () -> System.in);
    }

    /** The arguments, with {@code -} read from {@code input}. */
    static KeySource of(List<String> arguments, InputStream input) {
        return new KeySource(arguments, () -> input);
    }

    Iterator<String> keys() {
        return arguments.stream().flatMap(k -> STDIN.equals(k) ? lines(stdin.get()) : Stream.of(k)).iterator();
    }

    private static Stream<String> lines(InputStream input) {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        return in.lines().filter(line -> !line.isEmpty());
    }
}
