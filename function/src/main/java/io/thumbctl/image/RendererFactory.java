package io.thumbctl.image;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The renderer bean of the function and the CLI: this environment's {@link RenderSettings}, read once. */
@Factory
final class RendererFactory {

    @Singleton
    ThumbnailRenderer renderer() {
        return new ThumbnailRenderer(RenderSettings.fromEnvironment());
    }
}
