package io.thumbctl.config;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks the raw text of every {@code thumbnail.*} setting before the settings are used. Micronaut
 * quietly falls back to a property's default when its value does not convert, so without this
 * {@code THUMBNAIL_WIDTH=abc} would make 128-pixel thumbnails and {@code THUMBNAIL_FORMAT=tiff}
 * keep the source's format, with nothing said. Runs when {@link ThumbnailSettings} is created:
 * at the function's init (so a bad value fails the cold start) and before a CLI command's first
 * use of the settings.
 */
@Singleton
public class RawSettingsCheck implements BeanCreatedEventListener<ThumbnailSettings> {

    private record Rule(String property, String expected, Predicate<String> accepts) {
        String environmentVariable() {
            return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("thumbnail.width", "a whole number of pixels such as 128", RawSettingsCheck::isInt),
            new Rule("thumbnail.height", "a whole number of pixels such as 128", RawSettingsCheck::isInt),
            new Rule("thumbnail.format", "same, jpeg or png", v -> isEnum(v, OutputFormat.class)),
            new Rule("thumbnail.manifest", "true or false", RawSettingsCheck::isBoolean),
            new Rule("thumbnail.heic", "true or false", RawSettingsCheck::isBoolean),
            new Rule("thumbnail.max-source-bytes", "a number of bytes such as 104857600", RawSettingsCheck::isLong),
            new Rule("thumbnail.max-pixels", "a whole number such as 100000000", RawSettingsCheck::isLong),
            new Rule("thumbnail.jpeg-quality", "a number such as 0.85", RawSettingsCheck::isFloat),
            new Rule("thumbnail.s3.call-timeout", "a duration such as 20s", RawSettingsCheck::isDuration),
            new Rule("thumbnail.s3.attempt-timeout", "a duration such as 10s", RawSettingsCheck::isDuration));

    private final Environment environment;

    public RawSettingsCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public ThumbnailSettings onCreated(BeanCreatedEvent<ThumbnailSettings> event) {
        for (Rule rule : RULES) {
            Optional<String> raw = environment.getProperty(rule.property(), String.class);
            if (raw.isPresent() && !rule.accepts().test(raw.get().trim())) {
                throw new InvalidSettingsException(rule.environmentVariable() + " (" + rule.property() + ") is '"
                        + raw.get() + "', which is not " + rule.expected());
            }
        }
        return event.getBean();
    }

    private static boolean isInt(String v) {
        try {
            Integer.parseInt(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isBoolean(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    private static boolean isLong(String v) {
        try {
            Long.parseLong(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isFloat(String v) {
        try {
            return Float.isFinite(Float.parseFloat(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <E extends Enum<E>> boolean isEnum(String v, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    /** Micronaut's forms: {@code 20s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT20S}). */
    private static boolean isDuration(String v) {
        if (v.matches("\\d+(ns|ms|s|m|h|d)")) {
            return true;
        }
        try {
            Duration.parse(v);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
