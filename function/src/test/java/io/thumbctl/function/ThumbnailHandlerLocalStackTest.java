package io.thumbctl.function;

import cloud.localstack.Localstack;
import cloud.localstack.docker.LocalstackDockerExtension;
import cloud.localstack.docker.annotation.LocalstackDockerProperties;
import io.thumbctl.testing.DockerAvailable;
import io.thumbctl.testing.S3TestServer;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

/**
 * The same end-to-end scenarios against LocalStack's S3, for machines with a Docker engine.
 * Without one, {@link DockerAvailable} skips the class (and says why) before LocalStack is tried.
 */
@ExtendWith({DockerAvailable.class, LocalstackDockerExtension.class})
@LocalstackDockerProperties(services = {"s3"})
class ThumbnailHandlerLocalStackTest extends ThumbnailHandlerScenarios {

    @Override
    S3TestServer startServer() {
        return S3TestServer.external(URI.create(Localstack.INSTANCE.getEndpointS3()));
    }
}
