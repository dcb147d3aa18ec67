package io.thumbctl.cli.local;

import io.thumbctl.config.Rendition;
import io.thumbctl.config.ThumbnailSettings;

import java.io.PrintWriter;

/**
 * What local mode says when it is ready (where to send requests, with which credentials, and how)
 * and when it has stopped.
 */
final class Banner {

    private Banner() {
    }

    static void print(PrintWriter out, LocalPipeline pipeline) {
        String endpoint = pipeline.endpoint().toString();
        String bucket = pipeline.buckets().get(0);
        ThumbnailSettings settings = pipeline.settings();
        String thumbnailBucket = settings.targetBucketFor(bucket);

        out.println("thumbctl local: S3-compatible endpoint with the thumbnail function behind it");
        out.println("  endpoint     " + endpoint);
        out.println("  buckets      " + String.join(", ", pipeline.buckets()));
        out.println("  data         " + pipeline.dataDir().toAbsolutePath().normalize()
                + " (objects are files here and survive a restart)");
        out.println("  thumbnails   " + where(settings) + ", " + what(settings)
                + " (THUMBNAIL_* environment variables change this, as on Lambda)");
        out.println("  credentials  any key pair is accepted; for example:");
        out.println("    export AWS_ACCESS_KEY_ID=" + LocalPipeline.ACCESS_KEY_ID
                + " AWS_SECRET_ACCESS_KEY=" + LocalPipeline.SECRET_ACCESS_KEY
                + " AWS_REGION=" + LocalPipeline.REGION);
        out.println("  jobs         S3 Batch Operations (CreateJob, DescribeJob, ListJobs) on the same endpoint, invoking "
                + "this function; kept in memory until local mode stops");
        out.println("Try:");
        out.println("  aws s3 cp photo.jpg s3://" + bucket + "/ --endpoint-url " + endpoint);
        out.println("  aws s3 ls s3://" + thumbnailBucket + "/" + settings.prefix() + " --recursive --endpoint-url "
                + endpoint);
        out.println("  thumbctl --endpoint-url " + endpoint + " backfill --bucket " + bucket
                + " --engine batch-operations --function-arn " + LocalPipeline.FUNCTION_ARN + " --role-arn "
                + LocalPipeline.ROLE_ARN + " --wait");
        out.println("Waiting for uploads; Ctrl-C stops.");
        out.flush();
    }

    /** The last line: what remains after a stop. */
    static void stopped(PrintWriter out, LocalPipeline pipeline) {
        out.println("thumbctl local: stopped; the data stays in " + pipeline.dataDir().toAbsolutePath().normalize());
        out.flush();
    }

    private static String what(ThumbnailSettings settings) {
        if (!settings.hasRenditions()) {
            return "fit in " + settings.width() + "x" + settings.height();
        }
        return "renditions " + String.join(", ", settings.renditionList().stream().map(Rendition::spelledOut).toList())
                + (settings.manifest() ? ", a manifest each under '" + settings.prefix() + "_manifest/'" : "");
    }

    private static String where(ThumbnailSettings settings) {
        String prefix = "'" + settings.prefix() + "'";
        return settings.targetBucket() == null
                ? "same bucket, key prefix " + prefix
                : "bucket " + settings.targetBucket() + ", key prefix " + prefix;
    }
}
