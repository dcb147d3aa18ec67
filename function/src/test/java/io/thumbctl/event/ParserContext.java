package io.thumbctl.event;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * For parser tests: one Micronaut context per class (no S3 call is made), its {@link EventReader},
 * and the event fixtures.
 */
abstract class ParserContext {

    static ApplicationContext context;
    static EventReader reader;

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.builder().deduceEnvironment(false).start();
        reader = context.getBean(EventReader.class);
    }

    @AfterAll
    static void stopContext() {
        context.close();
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
