package io.thumbctl.cli.local.jobs;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The local job API's answers in S3 Control's wire format (REST-XML, namespace
 * {@code http://awss3control.amazonaws.com/doc/2018-08-20/}): CreateJobResult, DescribeJobResult,
 * ListJobsResult and the error document. Lists use {@code member} elements, as S3 Control's model
 * names them (the API reference's examples show the shape names instead).
 */
final class JobXml {

    static final String NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private JobXml() {
    }

    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    static byte[] created(String jobId) {
        return document("CreateJobResult", xml -> element(xml, "JobId", jobId));
    }

    static byte[] described(LocalJob.View job, String region) {
        return document("DescribeJobResult", xml -> {
            xml.writeStartElement("Job");
            descriptor(xml, job, region);
            xml.writeEndElement();
        });
    }

    static byte[] listed(List<LocalJob.View> jobs, String nextToken) {
        return document("ListJobsResult", xml -> {
            if (nextToken != null) {
                element(xml, "NextToken", nextToken);
            }
            xml.writeStartElement("Jobs");
            for (LocalJob.View job : jobs) {
                xml.writeStartElement("member");
                element(xml, "JobId", job.id());
                if (job.spec().description() != null) {
                    element(xml, "Description", job.spec().description());
                }
                element(xml, "Operation", "LambdaInvoke");
                element(xml, "Priority", Integer.toString(job.spec().priority()));
                element(xml, "Status", job.status().word);
                element(xml, "CreationTime", timestamp(job.created()));
                if (job.terminated() != null) {
                    element(xml, "TerminationDate", timestamp(job.terminated()));
                }
                progress(xml, job);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    static byte[] error(String code, String message, String requestId) {
        // S3 Control wraps its errors (unlike S3): <ErrorResponse><Error><Code>..., which is where
        // the SDK's XML protocol looks for the code that picks the exception class.
        return document("ErrorResponse", null, xml -> {
            xml.writeStartElement("Error");
            element(xml, "Code", code);
            element(xml, "Message", message);
            xml.writeEndElement();
            element(xml, "RequestId", requestId);
            element(xml, "HostId", "thumbctl-local");
        });
    }

    private static void descriptor(XMLStreamWriter xml, LocalJob.View job, String region) throws XMLStreamException {
        JobSpec spec = job.spec();
        element(xml, "JobId", job.id());
        element(xml, "ConfirmationRequired", Boolean.toString(spec.confirmationRequired()));
        if (spec.description() != null) {
            element(xml, "Description", spec.description());
        }
        element(xml, "JobArn", "arn:aws:s3:" + region + ":" + spec.account() + ":job/" + job.id());
        element(xml, "Status", job.status().word);
        if (spec.manifest() != null) {
            manifest(xml, spec.manifest());
        }
        xml.writeStartElement("Operation");
        xml.writeStartElement("LambdaInvoke");
        element(xml, "FunctionArn", spec.functionArn());
        element(xml, "InvocationSchemaVersion", spec.invocationSchemaVersion());
        if (!spec.userArguments().isEmpty()) {
            xml.writeStartElement("UserArguments");
            for (Map.Entry<String, String> argument : spec.userArguments().entrySet()) {
                xml.writeStartElement("entry");
                element(xml, "key", argument.getKey());
                element(xml, "value", argument.getValue());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
        element(xml, "Priority", Integer.toString(spec.priority()));
        progress(xml, job);
        if (!job.failures().isEmpty()) {
            xml.writeStartElement("FailureReasons");
            for (LocalJob.Failure failure : job.failures()) {
                xml.writeStartElement("member");
                element(xml, "FailureCode", failure.code());
                element(xml, "FailureReason", failure.reason());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        report(xml, spec.report());
        element(xml, "CreationTime", timestamp(job.created()));
        if (job.terminated() != null) {
            element(xml, "TerminationDate", timestamp(job.terminated()));
        }
        element(xml, "RoleArn", spec.roleArn());
        if (job.status() == LocalJob.Status.SUSPENDED) {
            element(xml, "SuspendedCause", "the job waits for a confirmation, which thumbctl local cannot give");
        }
        if (spec.generator() != null) {
            generator(xml, spec.generator());
        }
    }

    private static void manifest(XMLStreamWriter xml, JobSpec.Manifest manifest) throws XMLStreamException {
        xml.writeStartElement("Manifest");
        xml.writeStartElement("Spec");
        element(xml, "Format", manifest.format());
        xml.writeStartElement("Fields");
        for (String field : manifest.fields()) {
            element(xml, "member", field);
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement("Location");
        element(xml, "ObjectArn", manifest.objectArn());
        if (manifest.versionId() != null) {
            element(xml, "ObjectVersionId", manifest.versionId());
        }
        if (manifest.etag() != null) {
            element(xml, "ETag", manifest.etag());
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void generator(XMLStreamWriter xml, JobSpec.Generator generator) throws XMLStreamException {
        xml.writeStartElement("ManifestGenerator");
        xml.writeStartElement("S3JobManifestGenerator");
        if (generator.expectedBucketOwner() != null) {
            element(xml, "ExpectedBucketOwner", generator.expectedBucketOwner());
        }
        element(xml, "SourceBucket", generator.sourceBucketArn());
        if (generator.outputBucketArn() != null) {
            xml.writeStartElement("ManifestOutputLocation");
            element(xml, "Bucket", generator.outputBucketArn());
            if (generator.outputPrefix() != null) {
                element(xml, "ManifestPrefix", generator.outputPrefix());
            }
            if (generator.outputFormat() != null) {
                element(xml, "ManifestFormat", generator.outputFormat());
            }
            xml.writeEndElement();
        }
        if (generator.matchAnyPrefix() != null || generator.matchAnySuffix() != null
                || generator.matchAnySubstring() != null) {
            xml.writeStartElement("Filter");
            xml.writeStartElement("KeyNameConstraint");
            constraint(xml, "MatchAnyPrefix", generator.matchAnyPrefix());
            constraint(xml, "MatchAnySuffix", generator.matchAnySuffix());
            constraint(xml, "MatchAnySubstring", generator.matchAnySubstring());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        element(xml, "EnableManifestOutput", Boolean.toString(generator.enableManifestOutput()));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void constraint(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement(name);
            element(xml, "member", value);
            xml.writeEndElement();
        }
    }

    private static void report(XMLStreamWriter xml, JobSpec.Report report) throws XMLStreamException {
        xml.writeStartElement("Report");
        if (report.bucketArn() != null) {
            element(xml, "Bucket", report.bucketArn());
        }
        if (report.format() != null) {
            element(xml, "Format", report.format());
        }
        element(xml, "Enabled", Boolean.toString(report.enabled()));
        if (report.prefix() != null) {
            element(xml, "Prefix", report.prefix());
        }
        if (report.scope() != null) {
            element(xml, "ReportScope", report.scope());
        }
        xml.writeEndElement();
    }

    private static void progress(XMLStreamWriter xml, LocalJob.View job) throws XMLStreamException {
        xml.writeStartElement("ProgressSummary");
        element(xml, "TotalNumberOfTasks", Long.toString(job.total()));
        element(xml, "NumberOfTasksSucceeded", Long.toString(job.succeeded()));
        element(xml, "NumberOfTasksFailed", Long.toString(job.failed()));
        if (job.activeSeconds() != null) {
            xml.writeStartElement("Timers");
            element(xml, "ElapsedTimeInActiveSeconds", Long.toString(job.activeSeconds()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static byte[] document(String root, Body body) {
        return document(root, NAMESPACE, body);
    }

    private static byte[] document(String root, String namespace, Body body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(root);
            if (namespace != null) {
                xml.writeDefaultNamespace(namespace);
            }
            body.write(xml);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    static String timestamp(Instant instant) {
        return instant.toString();
    }
}
