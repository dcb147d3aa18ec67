package io.thumbctl.function;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.RenderSettings;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.thumbnail.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cold-start warm-up runs priming's context-free part (a first upload's whole path, offline), and init waits for it. */
class EarlyWarmUpTest {

    @Test
    void primingWithoutContext_makesTheBundledPhotosThumbnail_withTheDefaultSettings() {
        Outcome outcome = SnapStartPriming.primeWithoutContext(new KeyPolicy(ThumbnailSettings.defaults()),
                new ThumbnailRenderer(RenderSettings.fromEnvironment()));

        assertThat(outcome).isInstanceOf(Outcome.Created.class);
    }

    @Test
    void await_returnsOnceTheWarmUpHasRunToItsEnd_havingMadeTheBundledPhotosThumbnail() {
        EarlyWarmUp warmUp = EarlyWarmUp.start();

        warmUp.await();

        assertThat(warmUp.ended()).isTrue();
        assertThat(warmUp.outcome()).as("the warm-up ran to its end, not stopped early")
                .hasValueSatisfying(outcome -> assertThat(outcome).isInstanceOf(Outcome.Created.class));
    }
}
