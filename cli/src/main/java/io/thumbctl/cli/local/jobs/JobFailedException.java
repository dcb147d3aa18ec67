package io.thumbctl.cli.local.jobs;

/** A job that cannot go on, with the JobFailure code DescribeJob shows (ManifestNotFound, ...). */
final class JobFailedException extends Exception {

    private final String code;

    JobFailedException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    String code() {
        return code;
    }
}
