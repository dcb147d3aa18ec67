package io.thumbctl.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template as CloudFormation would see it for one set of parameter values: conditions decided,
 * {@code Ref}s to parameters and pseudo parameters, {@code Fn::Sub}, {@code Fn::If} and
 * {@code AWS::NoValue} resolved, rules evaluated. References to resources ({@code Ref} of a
 * resource, {@code Fn::GetAtt}) stay as they are, so tests can check what points where.
 *
 * <p>Only what a test of our template needs; not a CloudFormation implementation.
 */
final class ResolvedTemplate {

    static final String ACCOUNT = "123456789012";
    private static final Object NO_VALUE = new Object();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> template;
    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, Boolean> conditions = new HashMap<>();

    ResolvedTemplate(Map<String, Object> template, Map<String, String> overrides) {
        this.template = template;
        section("Parameters").forEach((name, spec) -> {
            Object fallback = ((Map<?, ?>) spec).get("Default");
            if (fallback != null) {
                parameters.put(name, String.valueOf(fallback));
            }
        });
        parameters.putAll(overrides);
        parameters.put("AWS::Partition", "aws");
        parameters.put("AWS::AccountId", ACCOUNT);
        parameters.put("AWS::Region", "eu-west-1");
        parameters.put("AWS::StackName", "thumbctl");
    }

    /** The resources this parameter set creates, resolved; absent when their condition is false. */
    Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> created = new LinkedHashMap<>();
        section("Resources").forEach((name, raw) -> {
            Map<?, ?> resource = (Map<?, ?>) raw;
            Object condition = resource.get("Condition");
            if (condition == null || condition((String) condition)) {
                created.put(name, asMap(resolve(resource)));
            }
        });
        return created;
    }

    Map<String, Object> resource(String name) {
        Map<String, Object> resource = resources().get(name);
        if (resource == null) {
            throw new AssertionError("no resource " + name + " with these parameters");
        }
        return resource;
    }

    /** The outputs this parameter set has, resolved; absent when their condition is false. */
    Map<String, Map<String, Object>> outputs() {
        Map<String, Map<String, Object>> present = new LinkedHashMap<>();
        section("Outputs").forEach((name, raw) -> {
            Object condition = ((Map<?, ?>) raw).get("Condition");
            if (condition == null || condition((String) condition)) {
                present.put(name, asMap(resolve(raw)));
            }
        });
        return present;
    }

    /** The descriptions of the rule assertions that fail for this parameter set. */
    List<String> failedRules() {
        List<String> failed = new ArrayList<>();
        section("Rules").forEach((name, raw) -> {
            Map<?, ?> rule = (Map<?, ?>) raw;
            Object when = rule.get("RuleCondition");
            if (when != null && !truth(when)) {
                return;
            }
            for (Object item : (List<?>) rule.get("Assertions")) {
                Map<?, ?> assertion = (Map<?, ?>) item;
                if (!truth(assertion.get("Assert"))) {
                    failed.add(name + ": " + assertion.get("AssertDescription"));
                }
            }
        });
        return failed;
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = section("Conditions").get(name);
            if (definition == null) {
                throw new AssertionError("undefined condition " + name);
            }
            known = truth(definition);
            conditions.put(name, known);
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        Object section = template.get(name);
        return section == null ? Map.of() : (Map<String, Object>) section;
    }

    private boolean truth(Object expression) {
        Object value = resolve(expression);
        if (!(value instanceof Boolean)) {
            throw new AssertionError("not a condition: " + expression);
        }
        return (Boolean) value;
    }

    private Object resolve(Object node) {
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        if (map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            Object function = function(String.valueOf(only.getKey()), only.getValue());
            if (function != null) {
                return function;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object resolved = resolve(v);
            if (resolved != NO_VALUE) {
                out.put(String.valueOf(k), resolved);
            }
        });
        return out;
    }

    /** The value of an intrinsic function, or null when it stays unresolved (resource references). */
    private Object function(String name, Object argument) {
        switch (name) {
            case "Ref": {
                String target = (String) argument;
                if (target.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                return parameters.get(target);
            }
            case "Condition":
                return condition((String) argument);
            case "Fn::If": {
                List<?> args = (List<?>) argument;
                return resolve(condition((String) args.get(0)) ? args.get(1) : args.get(2));
            }
            case "Fn::Equals": {
                List<?> args = (List<?>) argument;
                return String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            }
            case "Fn::Not":
                return !truth(((List<?>) argument).get(0));
            case "Fn::And":
                return ((List<?>) argument).stream().allMatch(this::truth);
            case "Fn::Or":
                return ((List<?>) argument).stream().anyMatch(this::truth);
            case "Fn::Sub":
                return substitute(argument);
            default:
                return null;
        }
    }

    private String substitute(Object argument) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> args) {
            text = (String) args.get(0);
            asMap(args.get(1)).forEach((k, v) -> variables.put(k, resolve(v)));
        } else {
            text = (String) argument;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            Object value = variables.containsKey(variable) ? variables.get(variable) : parameters.get(variable);
            // Resource attributes (${Queue.Arn}) stay as written.
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
