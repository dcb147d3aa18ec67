package io.thumbctl.cli.local.jobs;

/** An S3 Control error answer: HTTP status, error code and message, written as S3 Control's error XML. */
final class JobApiException extends RuntimeException {

    private final int status;
    private final String code;

    JobApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static JobApiException invalid(String message) {
        return new JobApiException(400, "InvalidRequest", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
