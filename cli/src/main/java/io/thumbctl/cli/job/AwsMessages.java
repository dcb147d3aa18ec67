package io.thumbctl.cli.job;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The part of an AWS error a user reads: the service's message, without the SDK's request ids. */
final class AwsMessages {

    private AwsMessages() {
    }

    static String of(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : e.awsErrorDetails().errorCode();
    }
}
