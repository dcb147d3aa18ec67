package io.thumbctl.cli.bench;

import io.thumbctl.cli.local.jobs.LocalJobEndpoint;
import io.thumbctl.cli.local.jobs.LocalJobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The job API of {@code thumbctl local} over an in-memory s3proxy holding the runbook's small
 * bucket, with the test stand-in behind the jobs ({@code ScriptedFunction}: it answers as the
 * function does, by key name, without reading the objects). For trying
 * {@code backfill --engine batch-operations} and {@code thumbctl job} by hand. Prints the
 * endpoint, then serves until killed.
 */
public final class BatchRunbookDemo {

    private BatchRunbookDemo() {
    }

    public static void main(String[] args) throws Exception {
        LocalJobEndpoint local = LocalJobEndpoint.start(new LocalJobs.Settings(4, 4, Duration.ofMillis(200)), Map.of());
        local.createBucket("photos");
        for (String key : List.of("2024/beach.jpg", "2024/IMG_0001.JPG", "2024/My Photo (1).jpg", "2024/",
                "café ☕.png", "docs/notes.txt", "broken.jpg")) {
            local.put("photos", key, "bytes");
        }
        System.out.println(local.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
