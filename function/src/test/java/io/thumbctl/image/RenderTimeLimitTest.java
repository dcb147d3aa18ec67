package io.thumbctl.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The render's time bound follows the CPU share Lambda gives the function's memory size. */
class RenderTimeLimitTest {

    @ParameterizedTest(name = "memory {0} MB: {1} ms")
    @CsvSource(nullValues = "none", value = {
            "128,   138203",
            "512,   34550",
            "1024,  17275",
            "1769,  10000",
            "3008,  10000",
            "10240, 10000",
            "none,  10000", // not on Lambda
            "abc,   10000",
            "0,     10000"})
    void boundIsTenSecondsOfAWholeVcpu(String memoryMb, long millis) {
        assertThat(RenderTimeLimit.forMemorySize(memoryMb)).isEqualTo(Duration.ofMillis(millis));
    }
}
