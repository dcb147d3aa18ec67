package io.thumbctl.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.thumbctl.deploy.ResolvedTemplate.asMap;

/**
 * The SAM template at the top of the repository (it deploys this module's jar, so it is tested
 * here), and what the template tests ask of it: resolved for a parameter set, its function, its
 * policy statements.
 */
final class Templates {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final String ALIAS = "ThumbnailFunction.Alias";
    static final List<String> ROUTES = List.of("direct", "sqs", "eventbridge");

    private static Map<String, Object> template;

    private Templates() {
    }

    static synchronized Map<String, Object> template() {
        if (template == null) {
            try {
                template = CloudFormationYaml.read(TEMPLATE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return template;
    }

    /** The template resolved for SourceBucketName=photos plus these parameters (name, value, ...). */
    static ResolvedTemplate photos(String... overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("SourceBucketName", "photos");
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        return new ResolvedTemplate(template(), values);
    }

    static ResolvedTemplate route(String route, String... overrides) {
        List<String> values = new ArrayList<>(List.of(overrides));
        values.add("EventRoute");
        values.add(route);
        return photos(values.toArray(String[]::new));
    }

    /** The three layouts the docs describe, for one route. */
    static Map<String, ResolvedTemplate> layouts(String route, String... overrides) {
        Map<String, ResolvedTemplate> layouts = new LinkedHashMap<>();
        layouts.put(route + " same bucket", route(route, overrides));
        layouts.put(route + " target bucket", route(route, concat(overrides, "TargetBucketName", "photos-resized")));
        layouts.put(route + " target bucket, empty prefix", route(route,
                concat(overrides, "TargetBucketName", "photos-resized", "ThumbnailPrefix", "")));
        return layouts;
    }

    /** Every route and layout, with created and with existing buckets. */
    static Map<String, ResolvedTemplate> everyLayout() {
        Map<String, ResolvedTemplate> all = new LinkedHashMap<>();
        for (String route : ROUTES) {
            all.putAll(layouts(route));
            layouts(route, "CreateBuckets", "false").forEach((name, t) -> all.put(name + ", existing buckets", t));
        }
        return all;
    }

    static Map<String, Object> parameter(String name) {
        return asMap(asMap(template().get("Parameters")).get(name));
    }

    static Map<String, Object> properties(ResolvedTemplate t, String resource) {
        return asMap(t.resource(resource).get("Properties"));
    }

    static Map<String, Object> function(ResolvedTemplate t) {
        return properties(t, "ThumbnailFunction");
    }

    static Map<String, Object> ref(String name) {
        return Map.of("Ref", name);
    }

    static Map<String, Object> getAtt(String resource, String attribute) {
        return Map.of("Fn::GetAtt", List.of(resource, attribute));
    }

    /** The statements of the SAM function's inline policies. */
    static List<Map<String, Object>> functionStatements(ResolvedTemplate t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object policy : (List<?>) function(t).get("Policies")) {
            out.addAll(statements(policy));
        }
        return out;
    }

    /** The statements of an IAM role's inline policies. */
    static List<Map<String, Object>> roleStatements(ResolvedTemplate t, String role) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object policy : (List<?>) properties(t, role).get("Policies")) {
            out.addAll(statements(asMap(policy).get("PolicyDocument")));
        }
        return out;
    }

    static List<Map<String, Object>> statements(Object policyDocument) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object statement : (List<?>) asMap(policyDocument).get("Statement")) {
            out.add(asMap(statement));
        }
        return out;
    }

    static boolean touchesS3(Map<String, Object> statement) {
        return list(statement.get("Action")).stream().anyMatch(a -> a.startsWith("s3:"));
    }

    static List<String> resourcesAllowing(List<Map<String, Object>> statements, String action) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> s : statements) {
            if ("Allow".equals(s.get("Effect")) && list(s.get("Action")).contains(action)) {
                out.addAll(list(s.get("Resource")));
            }
        }
        return out;
    }

    static List<String> actions(List<Map<String, Object>> statements) {
        List<String> out = new ArrayList<>();
        statements.forEach(s -> out.addAll(list(s.get("Action"))));
        return out;
    }

    /** A value that may be one item or a list of them, as strings. */
    static List<String> list(Object value) {
        if (value instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(item -> out.add(String.valueOf(item)));
            return out;
        }
        return List.of(String.valueOf(value));
    }

    private static String[] concat(String[] first, String... second) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(String[]::new);
    }
}
