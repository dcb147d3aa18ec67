package io.thumbctl.function;

import io.thumbctl.testing.S3TestServer;

/** The end-to-end scenarios against s3proxy, in-process. */
class ThumbnailHandlerTest extends ThumbnailHandlerScenarios {

    @Override
    S3TestServer startServer() {
        return S3TestServer.start();
    }
}
