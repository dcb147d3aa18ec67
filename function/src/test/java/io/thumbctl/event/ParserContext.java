package io.thumbctl.event;

import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A Micronaut context for parser tests (no S3 call is made), and the event fixtures. */
final class ParserContext {

    private ParserContext() {
    }

    static ApplicationContext start() {
        return ApplicationContext.builder().deduceEnvironment(false).start();
    }

    static byte[] fixture(String name) {
        try (InputStream in = ParserContext.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
