package io.thumbctl.cli.job;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/** {@code --poll-interval SECONDS}: the time between two looks at a job, more than 0 and at most 10 minutes. */
final class PollInterval implements ITypeConverter<Duration> {

    static final String DEFAULT_SECONDS = "5";

    @Override
    public Duration convert(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (!(seconds > 0 && seconds <= 600)) {
            throw new TypeConversionException("must be more than 0 and at most 600 seconds, got " + value);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
