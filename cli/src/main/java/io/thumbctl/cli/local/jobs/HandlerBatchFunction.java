package io.thumbctl.cli.local.jobs;

import io.thumbctl.function.ThumbnailHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * The real function: the event goes through {@link ThumbnailHandler#handleRequest}, the entry
 * point Lambda calls, so a local job exercises the same code path as a job on AWS. The handler is
 * shared with local mode's S3 notifications; it is safe to call from several threads (Lambda runs
 * one invocation per execution environment, but nothing in the handler holds per-invocation state).
 */
public final class HandlerBatchFunction implements BatchFunction {

    private final ThumbnailHandler handler;

    public HandlerBatchFunction(ThumbnailHandler handler) {
        this.handler = handler;
    }

    @Override
    public byte[] invoke(byte[] event) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, null);
        return answer.toByteArray();
    }
}
