package io.thumbctl.cli.job;

import jakarta.inject.Provider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.S3ControlException;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads a job's progress (DescribeJob), once or until it ends. A job on a large bucket runs for
 * hours, so a lost answer now and then must not end the watch: only {@link #MAX_MISSED_LOOKS}
 * failed looks in a row do, and the job itself goes on regardless.
 */
public class JobWatcher {

    static final int MAX_MISSED_LOOKS = 5;

    private final Provider<S3ControlClient> s3Control;

    public JobWatcher(Provider<S3ControlClient> s3Control) {
        this.s3Control = s3Control;
    }

    /**
     * @throws JobRefusedException when there is no such job in the account, s3:DescribeJob is
     *                             denied, or no answer comes
     */
    public JobProgress look(String account, String jobId) {
        try {
            return describe(account, jobId);
        } catch (JobRefusedException e) {
            throw e;
        } catch (SdkException e) {
            throw JobRefusedException.failed("S3 Control DescribeJob " + jobId, e);
        }
    }

    /**
     * Looks every {@code interval} until the job is final or suspended, telling {@code progress}
     * each time.
     *
     * @throws InterruptedException when the wait is interrupted (the job goes on)
     * @throws JobRefusedException  as {@link #look}, or after {@link #MAX_MISSED_LOOKS} looks in a
     *                              row without an answer
     */
    public JobProgress await(String account, String jobId, Duration interval, Consumer<JobProgress> progress)
            throws InterruptedException {
        int missed = 0;
        while (true) {
            JobProgress now;
            try {
                now = describe(account, jobId);
                missed = 0;
            } catch (JobRefusedException e) {
                throw e;
            } catch (SdkException e) {
                if (++missed >= MAX_MISSED_LOOKS) {
                    throw JobRefusedException.failed("S3 Control DescribeJob " + jobId + " (" + missed
                            + " looks in a row; the job goes on)", e);
                }
                Thread.sleep(interval.toMillis());
                continue;
            }
            progress.accept(now);
            if (now.isFinal() || now.suspended()) {
                return now;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private JobProgress describe(String account, String jobId) {
        try {
            return JobProgress.of(s3Control.get().describeJob(b -> b.accountId(account).jobId(jobId)).job());
        } catch (S3ControlException e) {
            if (e.statusCode() == 404) {
                throw new JobRefusedException("no job " + jobId + " in account " + account
                        + " (S3 lists jobs for 90 days after they end; check --account-id, --region and --profile)", e);
            }
            if (e.statusCode() == 403) {
                throw new JobRefusedException("s3:DescribeJob denied in account " + account + " (" + AwsMessages.of(e)
                        + ")", e);
            }
            throw e;
        }
    }
}
