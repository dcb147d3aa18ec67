package io.thumbctl.cli.local.jobs;

import io.thumbctl.cli.testing.Await;
import io.thumbctl.cli.testing.LogCapture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3control.model.JobStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.thumbctl.cli.local.jobs.LocalJobEndpoint.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local mode stopping in the middle of jobs leaves no thread waiting, and no job half made. */
class LocalJobsShutdownTest {

    /** A function that holds every invocation until it is interrupted. */
    static final class HeldFunction implements BatchFunction {
        final AtomicInteger running = new AtomicInteger();
        private final CountDownLatch never = new CountDownLatch(1);

        @Override
        public byte[] invoke(byte[] event) throws Exception {
            running.incrementAndGet();
            never.await();
            throw new IllegalStateException("unreachable");
        }
    }

    static String job(LocalJobEndpoint local, String name, int tasks) {
        String manifest = IntStream.range(0, tasks).mapToObj(i -> "photos," + name + i + ".jpg\n")
                .collect(Collectors.joining());
        String etag = local.put("photos", "manifests/" + name + ".csv", manifest);
        return local.s3Control().createJob(JobApiTest.csvJob(name + ".csv", etag, r -> { })).jobId();
    }

    @Test
    void closeMidJob_withTasksRunningAndQueued_leavesNoThreadBlocked_andEndsTheJobsStopped() throws Exception {
        HeldFunction function = new HeldFunction();
        try (LocalJobEndpoint local = LocalJobEndpoint.start(new LocalJobs.Settings(2, 1, Duration.ZERO), Map.of(),
                function)) {
            local.createBucket("photos");
            local.createBucket("reports");
            // The pool's two threads take the first job's tasks; the second job's wait in its queue.
            String first = job(local, "first", 10);
            Await.until("the first job's tasks to hold both threads", Duration.ofSeconds(30),
                    () -> function.running.get() == 2);
            String second = job(local, "second", 10);
            Await.until("the second job's tasks to queue", Duration.ofSeconds(30),
                    () -> local.jobs().queuedTasks() == 2);

            try (LogCapture runnerLog = new LogCapture(TaskScheduler.class)) {
                local.jobs().close();

                Await.until("every job thread to end", Duration.ofSeconds(30), () -> local.jobs().terminated());
                // The queued tasks gave their slots back when the pool dropped them: no job waited
                // out its stop time for tasks that would never run.
                assertThat(runnerLog.events()).extracting(e -> e.getFormattedMessage())
                        .noneMatch(m -> m.contains("still running"));
            }
            for (String id : List.of(first, second)) {
                var job = local.s3Control().describeJob(b -> b.accountId(ACCOUNT).jobId(id)).job();
                assertThat(job.status()).as(id).isEqualTo(JobStatus.FAILED);
                assertThat(job.failureReasons()).as(id).anySatisfy(f -> assertThat(f.failureCode()).isEqualTo("Stopped"));
            }
        }
    }

    @Test
    void createAfterClose_isRefused_andLeavesNoJobBehind() {
        LocalJobs jobs = new LocalJobs(LocalJobs.Settings.defaults());
        jobs.close();
        JobSpec spec = new JobSpec(ACCOUNT, UUID.randomUUID().toString(), null, 10, LocalJobEndpoint.ROLE, false,
                LocalJobEndpoint.FUNCTION, "2.0", Map.of(), new JobSpec.Report(false, null, null, null, null), null,
                new JobSpec.Generator("arn:aws:s3:::photos", ACCOUNT, false, null, null, null, null, null, null));

        assertThatThrownBy(() -> jobs.create(spec)).isInstanceOfSatisfying(JobApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));
        // No job without its token: the one made is listed as failed, and the same request gets it again.
        assertThat(jobs.list(ACCOUNT, Set.of())).singleElement().satisfies(
                view -> assertThat(view.status()).isEqualTo(LocalJob.Status.FAILED));
        assertThat(jobs.create(spec).status()).isEqualTo(LocalJob.Status.FAILED);
    }
}
