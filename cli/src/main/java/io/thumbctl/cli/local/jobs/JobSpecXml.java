package io.thumbctl.cli.local.jobs;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.cli.local.jobs.S3ControlXml.Members;

import java.util.List;

/** A job's request as DescribeJob shows it again: the parts of a {@link JobSpec} in S3 Control's shapes. */
final class JobSpecXml {

    private JobSpecXml() {
    }

    static JobModel.Manifest manifest(@Nullable JobSpec.Manifest manifest) {
        if (manifest == null) {
            return null;
        }
        return new JobModel.Manifest(new JobModel.ManifestSpec(manifest.format(), Members.of(manifest.fields())),
                new JobModel.ManifestLocation(manifest.objectArn(), manifest.versionId(), manifest.etag()));
    }

    static JobModel.Report report(JobSpec.Report report) {
        return new JobModel.Report(report.bucketArn(), report.format(), Boolean.toString(report.enabled()),
                report.prefix(), report.scope());
    }

    static JobModel.ManifestGenerator generator(@Nullable JobSpec.Generator generator) {
        if (generator == null) {
            return null;
        }
        JobModel.ManifestOutputLocation output = generator.outputBucketArn() == null ? null
                : new JobModel.ManifestOutputLocation(generator.outputBucketArn(), generator.outputPrefix(),
                generator.outputFormat());
        boolean filtered = generator.matchAnyPrefix() != null || generator.matchAnySuffix() != null
                || generator.matchAnySubstring() != null;
        JobModel.Filter filter = !filtered ? null : new JobModel.Filter(new JobModel.KeyNameConstraint(
                one(generator.matchAnyPrefix()), one(generator.matchAnySuffix()), one(generator.matchAnySubstring())));
        return new JobModel.ManifestGenerator(new JobModel.S3JobManifestGenerator(generator.expectedBucketOwner(),
                generator.sourceBucketArn(), output, filter, Boolean.toString(generator.enableManifestOutput())));
    }

    private static Members<String> one(@Nullable String value) {
        return value == null ? null : Members.of(List.of(value));
    }
}
