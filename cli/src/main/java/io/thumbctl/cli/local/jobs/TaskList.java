package io.thumbctl.cli.local.jobs;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.cli.job.BatchCsv;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A job's tasks in a temporary file, one CSV line each ({@code Bucket,Key,VersionId}, the key
 * URL-encoded as in a manifest), so memory does not grow with the job and the total is known
 * before the first task runs. The file is also the manifest S3's generator writes out
 * ({@code EnableManifestOutput}). Closing deletes it.
 */
final class TaskList implements AutoCloseable {

    /** One task: the object as the manifest names it. */
    record Task(String bucket, String encodedKey, @Nullable String version) {
    }

    /** Adds tasks to the list; closing it ends the writing. */
    final class Writer implements AutoCloseable {
        private final CSVPrinter out;

        private Writer() throws IOException {
            out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), BatchCsv.WRITE);
        }

        void add(String bucket, String encodedKey, @Nullable String version) throws IOException {
            out.printRecord(bucket, encodedKey, version == null ? "" : version);
            size++;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** The tasks in order; closing it ends the reading. */
    final class Reader implements AutoCloseable, Iterable<Task> {
        private final java.io.Reader in;
        private final Iterator<CSVRecord> records;

        private Reader() throws IOException {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            records = BatchCsv.READ.parse(in).iterator();
        }

        @Override
        public Iterator<Task> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public Task next() {
                    CSVRecord r = records.next();
                    return new Task(r.get(0), r.get(1), r.get(2).isEmpty() ? null : r.get(2));
                }
            };
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TaskList.class);

    private final Path file;
    private long size;

    TaskList(String jobId) throws IOException {
        file = Files.createTempFile("thumbctl-job-" + jobId + "-", ".tasks");
    }

    Writer writer() throws IOException {
        return new Writer();
    }

    Reader reader() throws IOException {
        return new Reader();
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    /** Deletes the file; a file left behind is only logged (the job's outcome stands). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete the task list {}", file, e);
        }
    }
}
