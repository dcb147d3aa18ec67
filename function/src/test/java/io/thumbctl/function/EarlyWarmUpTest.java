package io.thumbctl.function;

import io.thumbctl.thumbnail.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cold-start warm-up runs a first upload's whole path offline, and init waits for it. */
class EarlyWarmUpTest {

    @Test
    void makesTheBundledPhotosThumbnail_throughTheRealServiceOffline() {
        Outcome outcome = EarlyWarmUp.makeThumbnailOffline();

        assertThat(outcome).isInstanceOf(Outcome.Created.class);
    }

    @Test
    void await_returnsOnceTheWarmUpHasEnded() {
        EarlyWarmUp warmUp = EarlyWarmUp.start();

        warmUp.await();

        assertThat(warmUp.ended()).isTrue();
    }
}
