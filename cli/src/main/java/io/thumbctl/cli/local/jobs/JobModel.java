package io.thumbctl.cli.local.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.thumbctl.cli.local.jobs.S3ControlXml.Members;
import io.thumbctl.cli.local.jobs.S3ControlXml.NoNamespace;

import java.util.List;

/**
 * The shapes of S3 Control's job API that local mode reads and writes, element for element as
 * its model names them (CreateJobRequest, JobDescriptor, JobListDescriptor, ...), in
 * {@link S3ControlXml}'s mapping. Values stay text where S3 Control's rules, not XML's, judge
 * them ({@code Priority}, the booleans). Elements left out are {@code null}.
 */
final class JobModel {

    private JobModel() {
    }

    @JacksonXmlRootElement(localName = "CreateJobRequest")
    record CreateJobRequest(@JsonProperty("ClientRequestToken") String clientRequestToken,
                            @JsonProperty("ConfirmationRequired") String confirmationRequired,
                            @JsonProperty("Description") String description,
                            @JsonProperty("Manifest") Manifest manifest,
                            @JsonProperty("ManifestGenerator") ManifestGenerator manifestGenerator,
                            @JsonProperty("Operation") Operation operation,
                            @JsonProperty("Priority") String priority,
                            @JsonProperty("Report") Report report,
                            @JsonProperty("RoleArn") String roleArn) {
    }

    @JacksonXmlRootElement(localName = "CreateJobResult")
    record CreateJobResult(@JsonProperty("JobId") String jobId) {
    }

    @JacksonXmlRootElement(localName = "DescribeJobResult")
    record DescribeJobResult(@JsonProperty("Job") JobDescriptor job) {
    }

    @JacksonXmlRootElement(localName = "ListJobsResult")
    record ListJobsResult(@JsonProperty("NextToken") String nextToken,
                          @JsonProperty("Jobs") Members<JobListDescriptor> jobs) {
    }

    record JobDescriptor(@JsonProperty("JobId") String jobId,
                         @JsonProperty("ConfirmationRequired") String confirmationRequired,
                         @JsonProperty("Description") String description,
                         @JsonProperty("JobArn") String jobArn,
                         @JsonProperty("Status") String status,
                         @JsonProperty("Manifest") Manifest manifest,
                         @JsonProperty("Operation") Operation operation,
                         @JsonProperty("Priority") String priority,
                         @JsonProperty("ProgressSummary") ProgressSummary progressSummary,
                         @JsonProperty("FailureReasons") Members<JobFailure> failureReasons,
                         @JsonProperty("Report") Report report,
                         @JsonProperty("CreationTime") String creationTime,
                         @JsonProperty("TerminationDate") String terminationDate,
                         @JsonProperty("RoleArn") String roleArn,
                         @JsonProperty("SuspendedCause") String suspendedCause,
                         @JsonProperty("ManifestGenerator") ManifestGenerator manifestGenerator) {
    }

    record JobListDescriptor(@JsonProperty("JobId") String jobId,
                             @JsonProperty("Description") String description,
                             @JsonProperty("Operation") String operation,
                             @JsonProperty("Priority") String priority,
                             @JsonProperty("Status") String status,
                             @JsonProperty("CreationTime") String creationTime,
                             @JsonProperty("TerminationDate") String terminationDate,
                             @JsonProperty("ProgressSummary") ProgressSummary progressSummary) {
    }

    record Manifest(@JsonProperty("Spec") ManifestSpec spec, @JsonProperty("Location") ManifestLocation location) {
    }

    record ManifestSpec(@JsonProperty("Format") String format, @JsonProperty("Fields") Members<String> fields) {
    }

    record ManifestLocation(@JsonProperty("ObjectArn") String objectArn,
                            @JsonProperty("ObjectVersionId") String objectVersionId,
                            @JsonProperty("ETag") String eTag) {
    }

    record Operation(@JsonProperty("LambdaInvoke") LambdaInvoke lambdaInvoke) {
    }

    record LambdaInvoke(@JsonProperty("FunctionArn") String functionArn,
                        @JsonProperty("InvocationSchemaVersion") String invocationSchemaVersion,
                        @JsonProperty("UserArguments") UserArguments userArguments) {
    }

    /** A map of S3 Control's model: {@code <entry><key/><value/></entry>} elements. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserArguments(@JsonProperty("entry") @JacksonXmlElementWrapper(useWrapping = false)
                         @JacksonXmlProperty(localName = "entry") List<Entry> entry) {
    }

    record Entry(@JsonProperty("key") String key, @JsonProperty("value") String value) {
    }

    record ProgressSummary(@JsonProperty("TotalNumberOfTasks") long totalNumberOfTasks,
                           @JsonProperty("NumberOfTasksSucceeded") long numberOfTasksSucceeded,
                           @JsonProperty("NumberOfTasksFailed") long numberOfTasksFailed,
                           @JsonProperty("Timers") Timers timers) {
    }

    record Timers(@JsonProperty("ElapsedTimeInActiveSeconds") long elapsedTimeInActiveSeconds) {
    }

    record JobFailure(@JsonProperty("FailureCode") String failureCode,
                      @JsonProperty("FailureReason") String failureReason) {
    }

    record Report(@JsonProperty("Bucket") String bucket, @JsonProperty("Format") String format,
                  @JsonProperty("Enabled") String enabled, @JsonProperty("Prefix") String prefix,
                  @JsonProperty("ReportScope") String reportScope) {
    }

    record ManifestGenerator(@JsonProperty("S3JobManifestGenerator") S3JobManifestGenerator s3JobManifestGenerator) {
    }

    record S3JobManifestGenerator(@JsonProperty("ExpectedBucketOwner") String expectedBucketOwner,
                                  @JsonProperty("SourceBucket") String sourceBucket,
                                  @JsonProperty("ManifestOutputLocation") ManifestOutputLocation manifestOutputLocation,
                                  @JsonProperty("Filter") Filter filter,
                                  @JsonProperty("EnableManifestOutput") String enableManifestOutput) {
    }

    record ManifestOutputLocation(@JsonProperty("Bucket") String bucket,
                                  @JsonProperty("ManifestPrefix") String manifestPrefix,
                                  @JsonProperty("ManifestFormat") String manifestFormat) {
    }

    record Filter(@JsonProperty("KeyNameConstraint") KeyNameConstraint keyNameConstraint) {
    }

    record KeyNameConstraint(@JsonProperty("MatchAnyPrefix") Members<String> matchAnyPrefix,
                             @JsonProperty("MatchAnySuffix") Members<String> matchAnySuffix,
                             @JsonProperty("MatchAnySubstring") Members<String> matchAnySubstring) {
    }

    /** S3 Control's error document: {@code <ErrorResponse><Error><Code>...}, outside its namespace. */
    @NoNamespace
    @JacksonXmlRootElement(localName = "ErrorResponse")
    record ErrorResponse(@JsonProperty("Error") Error error, @JsonProperty("RequestId") String requestId,
                         @JsonProperty("HostId") String hostId) {
    }

    @NoNamespace
    record Error(@JsonProperty("Code") String code, @JsonProperty("Message") String message) {
    }
}
