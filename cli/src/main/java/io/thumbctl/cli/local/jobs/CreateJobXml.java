package io.thumbctl.cli.local.jobs;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a CreateJob request body ({@code <CreateJobRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">})
 * into a {@link JobSpec}, refusing what S3 would refuse (missing required fields, a manifest and a
 * generator at once) and what local mode cannot run (operations other than LambdaInvoke, S3
 * Inventory manifests), each with S3 Control's InvalidRequest error.
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
        Element request = document(body).getDocumentElement();
        if (!"CreateJobRequest".equals(request.getLocalName())) {
            throw JobApiException.invalid("expected a CreateJobRequest, got " + request.getLocalName());
        }
        String token = required(request, "ClientRequestToken");
        if (token.length() > MAX_TOKEN) {
            throw JobApiException.invalid("ClientRequestToken is longer than " + MAX_TOKEN + " characters");
        }
        Element operation = child(request, "Operation");
        if (operation == null) {
            throw JobApiException.invalid("Operation is required");
        }
        Element lambda = child(operation, "LambdaInvoke");
        if (lambda == null) {
            throw new JobApiException(501, "NotImplemented",
                    "thumbctl local runs LambdaInvoke jobs only (it invokes the local thumbnail function)");
        }
        String schema = text(lambda, "InvocationSchemaVersion");
        schema = schema == null ? "1.0" : schema;
        if (!"1.0".equals(schema) && !"2.0".equals(schema)) {
            throw JobApiException.invalid("InvocationSchemaVersion must be 1.0 or 2.0, got " + schema);
        }
        Map<String, String> userArguments = new LinkedHashMap<>();
        Element arguments = child(lambda, "UserArguments");
        if (arguments != null) {
            for (Element entry : children(arguments, "entry")) {
                userArguments.put(required(entry, "key"), required(entry, "value"));
            }
        }
        JobSpec.Manifest manifest = manifest(child(request, "Manifest"));
        JobSpec.Generator generator = generator(child(request, "ManifestGenerator"));
        if ((manifest == null) == (generator == null)) {
            throw JobApiException.invalid("give either Manifest or ManifestGenerator, not both and not neither");
        }
        String priority = required(request, "Priority");
        int priorityValue;
        try {
            priorityValue = Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            throw JobApiException.invalid("Priority must be a number, got " + priority);
        }
        return new JobSpec(account, token, text(request, "Description"), priorityValue, required(request, "RoleArn"),
                "true".equals(text(request, "ConfirmationRequired")), required(lambda, "FunctionArn"), schema,
                Map.copyOf(userArguments), report(child(request, "Report")), manifest, generator);
    }

    private static JobSpec.Report report(Element report) {
        if (report == null) {
            throw JobApiException.invalid("Report is required (Enabled false for none)");
        }
        boolean enabled = "true".equals(required(report, "Enabled"));
        String bucket = text(report, "Bucket");
        if (enabled && bucket == null) {
            throw JobApiException.invalid("an enabled Report needs a Bucket");
        }
        if (bucket != null) {
            JobSpec.bucketOf(bucket);
        }
        return new JobSpec.Report(enabled, bucket, text(report, "Prefix"), text(report, "Format"),
                text(report, "ReportScope"));
    }

    private static JobSpec.Manifest manifest(Element manifest) {
        if (manifest == null) {
            return null;
        }
        Element spec = child(manifest, "Spec");
        Element location = child(manifest, "Location");
        if (spec == null || location == null) {
            throw JobApiException.invalid("a Manifest needs a Spec and a Location");
        }
        String format = required(spec, "Format");
        if (!"S3BatchOperations_CSV_20180820".equals(format)) {
            throw new JobApiException(501, "NotImplemented", "thumbctl local reads S3BatchOperations_CSV_20180820 "
                    + "manifests and the manifest generator, not " + format);
        }
        List<String> fields = new ArrayList<>();
        Element fieldList = child(spec, "Fields");
        if (fieldList != null) {
            for (Element member : children(fieldList, "member")) {
                fields.add(member.getTextContent().trim());
            }
        }
        if (!fields.contains("Bucket") || !fields.contains("Key")) {
            throw JobApiException.invalid("a CSV manifest's Fields must name Bucket and Key, got " + fields);
        }
        String objectArn = required(location, "ObjectArn");
        JobSpec.keyOf(objectArn);
        return new JobSpec.Manifest(format, List.copyOf(fields), objectArn, text(location, "ETag"),
                text(location, "ObjectVersionId"));
    }

    private static JobSpec.Generator generator(Element generator) {
        if (generator == null) {
            return null;
        }
        Element s3 = child(generator, "S3JobManifestGenerator");
        if (s3 == null) {
            throw JobApiException.invalid("a ManifestGenerator needs an S3JobManifestGenerator");
        }
        String source = required(s3, "SourceBucket");
        JobSpec.bucketOf(source);
        boolean output = "true".equals(required(s3, "EnableManifestOutput"));
        Element location = child(s3, "ManifestOutputLocation");
        if (output && location == null) {
            throw JobApiException.invalid("EnableManifestOutput needs a ManifestOutputLocation");
        }
        Element filter = child(s3, "Filter");
        Element names = filter == null ? null : child(filter, "KeyNameConstraint");
        return new JobSpec.Generator(source, text(s3, "ExpectedBucketOwner"), output,
                location == null ? null : required(location, "Bucket"),
                location == null ? null : text(location, "ManifestPrefix"),
                location == null ? null : text(location, "ManifestFormat"),
                single(names, "MatchAnyPrefix"), single(names, "MatchAnySuffix"), single(names, "MatchAnySubstring"));
    }

    /** KeyNameConstraint's lists take exactly one string each (S3's rule). */
    private static String single(Element constraint, String name) {
        Element list = constraint == null ? null : child(constraint, name);
        if (list == null) {
            return null;
        }
        List<Element> members = children(list, "member");
        if (members.size() != 1) {
            throw JobApiException.invalid(name + " takes exactly one string, got " + members.size());
        }
        return members.get(0).getTextContent();
    }

    private static Document document(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A request body is untrusted input: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new JobApiException(400, "MalformedXML", "the request body is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
        }
    }

    private static String required(Element parent, String name) {
        String value = text(parent, name);
        if (value == null) {
            throw JobApiException.invalid(name + " is required in " + parent.getLocalName());
        }
        return value;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
