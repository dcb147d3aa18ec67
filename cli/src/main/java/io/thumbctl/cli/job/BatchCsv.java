package io.thumbctl.cli.job;

import io.micronaut.core.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;

/**
 * The CSV of S3 Batch Operations, through Apache Commons CSV: manifests ({@code Bucket,Key[,VersionId]},
 * keys URL-encoded) and completion reports (RFC 4180; a quoted ResultMessage may hold commas,
 * quotes and line breaks). Written as AWS writes it: lines end with {@code \n}, a field is quoted
 * only where it must be, except a report's ResultMessage, which is quoted whenever there is one.
 */
public final class BatchCsv {

    /** Reading: RFC 4180 records, blank lines skipped, CR LF or LF. */
    public static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** Writing manifests and the fields of a report row. */
    public static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator('\n')
            .setQuoteMode(QuoteMode.MINIMAL).get();

    /** A report's ResultMessage: always in quotes, nothing at all when there is none. */
    private static final CSVFormat MESSAGE = WRITE.builder().setQuoteMode(QuoteMode.ALL).get();

    private BatchCsv() {
    }

    /**
     * One completion report row: Bucket, Key, VersionId, TaskStatus, the HTTP status, the error
     * code, then ResultMessage, as in AWS's example reports.
     */
    public static void reportRow(Appendable out, String bucket, String key, @Nullable String version, String status,
                                 String httpStatus, String code, @Nullable String message) throws IOException {
        WRITE.print(bucket, out, true);
        for (String field : new String[]{key, version == null ? "" : version, status, httpStatus, code}) {
            WRITE.print(field, out, false);
        }
        MESSAGE.print(message == null || message.isEmpty() ? null : message, out, false);
        WRITE.println(out);
    }
}
