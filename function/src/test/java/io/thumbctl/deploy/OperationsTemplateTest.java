package io.thumbctl.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.thumbctl.deploy.ResolvedTemplate.asMap;
import static io.thumbctl.deploy.Templates.everyLayout;
import static io.thumbctl.deploy.Templates.function;
import static io.thumbctl.deploy.Templates.functionStatements;
import static io.thumbctl.deploy.Templates.getAtt;
import static io.thumbctl.deploy.Templates.parameter;
import static io.thumbctl.deploy.Templates.photos;
import static io.thumbctl.deploy.Templates.properties;
import static io.thumbctl.deploy.Templates.ref;
import static io.thumbctl.deploy.Templates.roleStatements;
import static io.thumbctl.deploy.Templates.route;
import static io.thumbctl.deploy.Templates.statements;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the team on call relies on: data kept, requests bound to the account, alarms, the
 * emergency stop, and a new version for every configuration change.
 */
class OperationsTemplateTest {

    @Test
    void bucketsQueuesAndLogsTheStackCreates_areKept_whenDeletedOrReplaced() {
        Set<String> seen = new HashSet<>();
        everyLayout().forEach((layout, t) -> t.resources().forEach((name, resource) -> {
            if (List.of("AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::Logs::LogGroup").contains(resource.get("Type"))) {
                seen.add(name);
                assertThat(resource).as("%s in %s", name, layout)
                        .containsEntry("DeletionPolicy", "Retain")
                        .containsEntry("UpdateReplacePolicy", "Retain");
            }
        }));
        assertThat(seen).containsExactlyInAnyOrder("SourceBucket", "TargetBucket", "FailedEventQueue", "EventQueue",
                "EventDeadLetterQueue", "FunctionLogGroup");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCreatedBucket_refusesRequestsWithoutTls() {
        everyLayout().forEach((layout, t) -> t.resources().forEach((name, resource) -> {
            if (!"AWS::S3::Bucket".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> policy = t.resources().values().stream()
                    .filter(r -> "AWS::S3::BucketPolicy".equals(r.get("Type")))
                    .map(r -> asMap(r.get("Properties")))
                    .filter(p -> ref(name).equals(p.get("Bucket")))
                    .findFirst().orElseThrow(() -> new AssertionError("no bucket policy for " + name + " in " + layout));
            assertThat(statements(policy.get("PolicyDocument"))).as("%s in %s", name, layout).anySatisfy(s -> {
                assertThat(s).containsEntry("Effect", "Deny").containsEntry("Principal", "*")
                        .containsEntry("Action", "s3:*")
                        .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
                assertThat((List<Object>) s.get("Resource")).containsExactlyInAnyOrder(getAtt(name, "Arn"),
                        "${" + name + ".Arn}/*");
            });
        }));
    }

    @Test
    void everyS3Statement_ofTheFunctionAndTheBatchRole_holdsOnlyForBucketsOfThisAccount() {
        everyLayout().forEach((layout, t) -> {
            List<Map<String, Object>> statements = new ArrayList<>(functionStatements(t));
            statements.addAll(roleStatements(t, "BatchOperationsRole"));
            List<Map<String, Object>> s3 = statements.stream().filter(Templates::touchesS3).toList();
            assertThat(s3).as(layout).hasSizeGreaterThanOrEqualTo(6).allSatisfy(s -> assertThat(s.get("Condition"))
                    .as("%s in %s", s.get("Sid"), layout)
                    .isEqualTo(Map.of("StringEquals", Map.of("s3:ResourceAccount", ResolvedTemplate.ACCOUNT))));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "sqs", "eventbridge"})
    void alarms_watchFailedEvents_errors_throttles_droppedEvents_durationNearTheTimeout(String route) {
        ResolvedTemplate t = route(route);
        Map<String, Map<String, Object>> alarms = alarms(t);
        Set<String> watched = new HashSet<>();
        alarms.values().forEach(a -> watched.add(a.get("MetricName") + " " + dimension(a)));
        Set<String> expected = new HashSet<>(Set.of(
                "ApproximateNumberOfMessagesVisible " + getAtt("FailedEventQueue", "QueueName"),
                "Errors " + ref("ThumbnailFunction"),
                "Throttles " + ref("ThumbnailFunction"),
                "AsyncEventsDropped " + ref("ThumbnailFunction"),
                "Duration " + ref("ThumbnailFunction")));
        if (!route.equals("direct")) {
            expected.add("ApproximateNumberOfMessagesVisible " + getAtt("EventDeadLetterQueue", "QueueName"));
        }
        if (route.equals("sqs")) {
            expected.add("ApproximateAgeOfOldestMessage " + getAtt("EventQueue", "QueueName"));
        }
        assertThat(watched).isEqualTo(expected);

        Map<String, Object> duration = alarms.values().stream().filter(a -> "Duration".equals(a.get("MetricName")))
                .findFirst().orElseThrow();
        double timeoutMillis = ((Number) function(t).get("Timeout")).doubleValue() * 1000;
        assertThat(((Number) duration.get("Threshold")).doubleValue()).isBetween(0.5 * timeoutMillis, timeoutMillis);
        assertThat(duration).containsEntry("Statistic", "Maximum");
    }

    @Test
    void alarms_notifyTheTopic_onlyWhenOneIsGiven() {
        String topic = "arn:aws:sns:eu-west-1:123456789012:on-call";
        assertThat(alarms(route("sqs")).values()).isNotEmpty()
                .allSatisfy(a -> assertThat(a).doesNotContainKeys("AlarmActions", "OKActions"));
        assertThat(alarms(route("sqs", "AlarmTopicArn", topic)).values())
                .allSatisfy(a -> assertThat(a).containsEntry("AlarmActions", List.of(topic))
                        .containsEntry("OKActions", List.of(topic)));
        assertThat(Pattern.matches((String) parameter("AlarmTopicArn").get("AllowedPattern"), topic)).isTrue();
    }

    @Test
    void reservedConcurrency_acceptsNothingButEmptyOrAWholeNumber() {
        String pattern = (String) parameter("ReservedConcurrency").get("AllowedPattern");
        for (String accepted : List.of("", "0", "1", "25", "10000")) {
            assertThat(Pattern.matches(pattern, accepted)).as("'%s'", accepted).isTrue();
        }
        for (String refused : List.of("ten", "-1", "1.5", " 1", "1 ", "01", "1e3", "0x10")) {
            assertThat(Pattern.matches(pattern, refused)).as("'%s'", refused).isFalse();
        }
    }

    @Test
    void emergencyStopText_saysEventsGoToTheFailureQueue_notThatTheyWait() {
        String description = (String) parameter("ReservedConcurrency").get("Description");
        assertThat(description).contains("failure queue").contains("redriven").doesNotContain("6 hours");
    }

    @Test
    @SuppressWarnings("unchecked")
    void runtime_offersNoDeprecatedRuntime() {
        assertThat(parameter("Runtime")).containsEntry("Default", "java21");
        assertThat((List<Object>) parameter("Runtime").get("AllowedValues")).doesNotContain("java17", "java11", "java8", "java8.al2");
    }

    @Test
    void versionDescription_namesEveryParameterThatReachesTheFunctionsVersion_andNoOther() {
        // SAM names the version after the code only; CloudFormation replaces a version (so Lambda
        // publishes a new one) when its description changes. deploy/check-template.sh proves the
        // same through the SAM translator.
        Map<String, Object> raw = asMap(asMap(asMap(Templates.template().get("Resources")).get("ThumbnailFunction"))
                .get("Properties"));
        Set<String> reaching = new HashSet<>();
        raw.forEach((property, value) -> {
            if (!NOT_IN_A_VERSION.contains(property)) {
                reaching.addAll(parameterNames(value));
            }
        });
        assertThat(reaching).contains("ThumbnailPrefix", "TargetBucketName", "MemorySize", "Runtime");
        assertThat(parameterNames(raw.get("VersionDescription"))).isEqualTo(reaching);
    }

    @Test
    void versionDescription_differsForEveryChangeThatReachesTheFunction_andFitsLambdasLimit() {
        String base = (String) function(photos()).get("VersionDescription");
        Map<String, String> changes = new HashMap<>(Map.of("ThumbnailPrefix", "resized-", "TargetBucketName", "photos-resized",
                "ThumbnailWidth", "256", "ThumbnailHeight", "64", "MemorySize", "2048", "Runtime", "java25",
                "Architecture", "x86_64", "Renditions", "small:128x128", "HeicDecoding", "false"));
        changes.forEach((name, value) -> assertThat(function(photos(name, value)).get("VersionDescription"))
                .as(name).isNotEqualTo(base));
        // The longest values the parameters allow still fit the 256 characters of a version description.
        String longest = (String) function(photos("TargetBucketName", "t".repeat(63), "ThumbnailPrefix", "p".repeat(40),
                "MemorySize", "10240", "ThumbnailWidth", "10000", "ThumbnailHeight", "10000", "Architecture", "x86_64",
                "HeicDecoding", "false")).get("VersionDescription");
        assertThat(longest).hasSizeLessThanOrEqualTo(256);
        String longestRenditions = (String) function(photos("TargetBucketName", "t".repeat(63),
                "ThumbnailPrefix", "p".repeat(40), "MemorySize", "10240", "Architecture", "x86_64", "Runtime", "java25",
                "HeicDecoding", "false", "Renditions", "r".repeat(100))).get("VersionDescription");
        assertThat(longestRenditions).contains("r".repeat(100)).hasSizeLessThanOrEqualTo(256);
        assertThat(parameter("ThumbnailPrefix")).containsEntry("MaxLength", 40);
        assertThat(parameter("Renditions")).containsEntry("MaxLength", 100);
    }

    /** SAM function properties that are not part of a published version's configuration. */
    private static final Set<String> NOT_IN_A_VERSION = Set.of(
            "ReservedConcurrentExecutions", // the function's, for all versions at once
            "EventInvokeConfig",            // the alias's
            "Policies",                     // the role's; IAM applies them at once
            "AutoPublishAlias", "VersionDescription");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

    /** Template parameters that a (raw, unresolved) template node refers to. */
    static Set<String> parameterNames(Object node) {
        Set<String> names = new HashSet<>();
        Set<String> parameters = asMap(Templates.template().get("Parameters")).keySet();
        collect(node, names);
        names.retainAll(parameters);
        return names;
    }

    private static void collect(Object node, Set<String> names) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, names));
        } else if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key)) {
                    names.add(String.valueOf(value));
                } else if ("Fn::Sub".equals(key)) {
                    Matcher m = SUB_VARIABLE.matcher(String.valueOf(value instanceof List<?> l ? l.get(0) : value));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                    if (value instanceof List<?> l) {
                        collect(l.get(1), names);
                    }
                } else {
                    collect(value, names);
                }
            });
        }
    }

    static Map<String, Map<String, Object>> alarms(ResolvedTemplate t) {
        Map<String, Map<String, Object>> alarms = new HashMap<>();
        t.resources().forEach((name, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type"))) {
                alarms.put(name, asMap(resource.get("Properties")));
            }
        });
        return alarms;
    }

    private static Object dimension(Map<String, Object> alarm) {
        List<?> dimensions = (List<?>) alarm.get("Dimensions");
        assertThat(dimensions).hasSize(1);
        return asMap(dimensions.get(0)).get("Value");
    }
}
