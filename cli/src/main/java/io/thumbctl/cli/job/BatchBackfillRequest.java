package io.thumbctl.cli.job;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * A backfill handed to S3 Batch Operations, as the command line gave it.
 *
 * @param functionArn {@code --function-arn}, else the stack's
 * @param roleArn     {@code --role-arn}, else the stack's
 * @param stack       {@code --stack}
 * @param reportTo    {@code --report-to}, else the stack's report location
 */
public record BatchBackfillRequest(String bucket, String prefix, @Nullable String functionArn,
                                   @Nullable String roleArn, @Nullable String stack, @Nullable S3Location reportTo,
                                   ReportScope reportScope, ManifestMode manifest, int priority, boolean await,
                                   Duration pollInterval) {
}
