package io.thumbctl.cli.local.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.thumbctl.cli.local.jobs.JobModel.CreateJobRequest;
import io.thumbctl.cli.local.jobs.S3ControlXml.Members;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a CreateJob request body ({@code <CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">})
 * into a {@link JobSpec}, refusing what S3 would refuse (missing required fields, a manifest and a
 * generator at once) and what local mode cannot run (operations other than LambdaInvoke, S3
 * Inventory manifests), each with S3 Control's InvalidRequest error. The body is untrusted input:
 * Jackson's XML parser (Woodstox) reads no DTD and resolves no external entity.
 */
final class CreateJobXml {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final int MAX_TOKEN = 64;

    private CreateJobXml() {
    }

    static JobSpec parse(byte[] body, String account) {
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw JobApiException.invalid("x-amz-account-id must be a 12-digit account id, got '" + account + "'");
        }
        CreateJobRequest request = read(body);
        String token = required(request.clientRequestToken(), "ClientRequestToken", "CreateJobRequest");
        if (token.length() > MAX_TOKEN) {
            throw JobApiException.invalid("ClientRequestToken is longer than " + MAX_TOKEN + " characters");
        }
        if (request.operation() == null) {
            throw JobApiException.invalid("Operation is required");
        }
        JobModel.LambdaInvoke lambda = request.operation().lambdaInvoke();
        if (lambda == null) {
            throw new JobApiException(501, "NotImplemented",
                    "thumbctl local runs LambdaInvoke jobs only (it invokes the local thumbnail function)");
        }
        String schema = lambda.invocationSchemaVersion() == null ? "1.0" : lambda.invocationSchemaVersion().trim();
        if (!"1.0".equals(schema) && !"2.0".equals(schema)) {
            throw JobApiException.invalid("InvocationSchemaVersion must be 1.0 or 2.0, got " + schema);
        }
        Map<String, String> userArguments = new LinkedHashMap<>();
        if (lambda.userArguments() != null && lambda.userArguments().entry() != null) {
            for (JobModel.Entry entry : lambda.userArguments().entry()) {
                userArguments.put(required(entry.key(), "key", "entry"), required(entry.value(), "value", "entry"));
            }
        }
        JobSpec.Manifest manifest = manifest(request.manifest());
        JobSpec.Generator generator = generator(request.manifestGenerator());
        if ((manifest == null) == (generator == null)) {
            throw JobApiException.invalid("give either Manifest or ManifestGenerator, not both and not neither");
        }
        String priority = required(request.priority(), "Priority", "CreateJobRequest");
        int priorityValue;
        try {
            priorityValue = Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            throw JobApiException.invalid("Priority must be a number, got " + priority);
        }
        return new JobSpec(account, token, trim(request.description()), priorityValue,
                required(request.roleArn(), "RoleArn", "CreateJobRequest"),
                "true".equals(trim(request.confirmationRequired())),
                required(lambda.functionArn(), "FunctionArn", "LambdaInvoke"), schema, Map.copyOf(userArguments),
                report(request.report()), manifest, generator);
    }

    private static CreateJobRequest read(byte[] body) {
        try {
            CreateJobRequest request = S3ControlXml.MAPPER.readValue(body, CreateJobRequest.class);
            if (request == null) {
                throw JobApiException.invalid("expected a CreateJobRequest, got an empty body");
            }
            return request;
        } catch (MismatchedInputException e) {
            throw JobApiException.invalid("not a CreateJobRequest: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new JobApiException(400, "MalformedXML", "the request body is not well-formed XML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new JobApiException(400, "MalformedXML", "the request body cannot be read: " + e.getMessage());
        }
    }

    private static JobSpec.Report report(JobModel.Report report) {
        if (report == null) {
            throw JobApiException.invalid("Report is required (Enabled false for none)");
        }
        boolean enabled = "true".equals(required(report.enabled(), "Enabled", "Report"));
        String bucket = trim(report.bucket());
        if (enabled && bucket == null) {
            throw JobApiException.invalid("an enabled Report needs a Bucket");
        }
        if (bucket != null) {
            JobSpec.bucketOf(bucket);
        }
        return new JobSpec.Report(enabled, bucket, trim(report.prefix()), trim(report.format()),
                trim(report.reportScope()));
    }

    private static JobSpec.Manifest manifest(JobModel.Manifest manifest) {
        if (manifest == null) {
            return null;
        }
        if (manifest.spec() == null || manifest.location() == null) {
            throw JobApiException.invalid("a Manifest needs a Spec and a Location");
        }
        String format = required(manifest.spec().format(), "Format", "Spec");
        if (!"S3BatchOperations_CSV_20180820".equals(format)) {
            throw new JobApiException(501, "NotImplemented", "thumbctl local reads S3BatchOperations_CSV_20180820 "
                    + "manifests and the manifest generator, not " + format);
        }
        List<String> fields = manifest.spec().fields() == null ? List.of()
                : manifest.spec().fields().values().stream().map(String::trim).toList();
        if (!fields.contains("Bucket") || !fields.contains("Key")) {
            throw JobApiException.invalid("a CSV manifest's Fields must name Bucket and Key, got " + fields);
        }
        String objectArn = required(manifest.location().objectArn(), "ObjectArn", "Location");
        JobSpec.keyOf(objectArn);
        return new JobSpec.Manifest(format, fields, objectArn, trim(manifest.location().eTag()),
                trim(manifest.location().objectVersionId()));
    }

    private static JobSpec.Generator generator(JobModel.ManifestGenerator generator) {
        if (generator == null) {
            return null;
        }
        JobModel.S3JobManifestGenerator s3 = generator.s3JobManifestGenerator();
        if (s3 == null) {
            throw JobApiException.invalid("a ManifestGenerator needs an S3JobManifestGenerator");
        }
        String source = required(s3.sourceBucket(), "SourceBucket", "S3JobManifestGenerator");
        JobSpec.bucketOf(source);
        boolean output = "true".equals(required(s3.enableManifestOutput(), "EnableManifestOutput",
                "S3JobManifestGenerator"));
        JobModel.ManifestOutputLocation location = s3.manifestOutputLocation();
        if (output && location == null) {
            throw JobApiException.invalid("EnableManifestOutput needs a ManifestOutputLocation");
        }
        JobModel.KeyNameConstraint names = s3.filter() == null ? null : s3.filter().keyNameConstraint();
        return new JobSpec.Generator(source, trim(s3.expectedBucketOwner()), output,
                location == null ? null : required(location.bucket(), "Bucket", "ManifestOutputLocation"),
                location == null ? null : trim(location.manifestPrefix()),
                location == null ? null : trim(location.manifestFormat()),
                names == null ? null : single(names.matchAnyPrefix(), "MatchAnyPrefix"),
                names == null ? null : single(names.matchAnySuffix(), "MatchAnySuffix"),
                names == null ? null : single(names.matchAnySubstring(), "MatchAnySubstring"));
    }

    /** KeyNameConstraint's lists take exactly one string each (S3's rule). */
    private static String single(Members<String> list, String name) {
        if (list == null) {
            return null;
        }
        if (list.values().size() != 1) {
            throw JobApiException.invalid(name + " takes exactly one string, got " + list.values().size());
        }
        return list.values().get(0);
    }

    private static String required(String value, String name, String parent) {
        String trimmed = trim(value);
        if (trimmed == null) {
            throw JobApiException.invalid(name + " is required in " + parent);
        }
        return trimmed;
    }

    /** Text as the DOM reader took it: trimmed; an absent element stays {@code null}. */
    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
