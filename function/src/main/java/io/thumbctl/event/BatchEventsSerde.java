package io.thumbctl.event;

import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Serde for AWS's S3 Batch Operations schema 2.0 event: micronaut-aws-lambda-events-serde imports
 * the 1.0 types ({@code S3BatchEvent}) and the response, but not {@link S3BatchEventV2}.
 */
@SerdeImport(S3BatchEventV2.class)
@SerdeImport(S3BatchEventV2.Job.class)
@SerdeImport(S3BatchEventV2.Task.class)
final class BatchEventsSerde {

    private BatchEventsSerde() {
    }
}
