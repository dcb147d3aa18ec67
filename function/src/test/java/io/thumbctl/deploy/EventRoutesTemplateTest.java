package io.thumbctl.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.thumbctl.deploy.ResolvedTemplate.asMap;
import static io.thumbctl.deploy.Templates.ALIAS;
import static io.thumbctl.deploy.Templates.function;
import static io.thumbctl.deploy.Templates.functionStatements;
import static io.thumbctl.deploy.Templates.getAtt;
import static io.thumbctl.deploy.Templates.list;
import static io.thumbctl.deploy.Templates.parameter;
import static io.thumbctl.deploy.Templates.properties;
import static io.thumbctl.deploy.Templates.ref;
import static io.thumbctl.deploy.Templates.route;
import static io.thumbctl.deploy.Templates.statements;
import static org.assertj.core.api.Assertions.assertThat;

/** The EventRoute parameter: how S3 events reach the function (direct, sqs, eventbridge). */
class EventRoutesTemplateTest {

    static final List<String> EVENTS = List.of("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*");

    @Test
    void eventRoute_defaultsToDirect_andAllowsTheThreeRoutes() {
        assertThat(parameter("EventRoute")).containsEntry("Default", "direct")
                .containsEntry("AllowedValues", List.of("direct", "sqs", "eventbridge"));
    }

    @Test
    void direct_bucketNotifiesTheAlias_andNothingOfTheOtherRoutesExists() {
        ResolvedTemplate t = route("direct");
        Map<String, Object> notification = notification(t);
        assertThat(notification).containsOnlyKeys("LambdaConfigurations");
        assertThat((List<?>) notification.get("LambdaConfigurations")).extracting(n -> asMap(n).get("Event"))
                .containsExactlyElementsOf(EVENTS);
        assertThat(t.resources()).doesNotContainKeys("EventQueue", "EventQueueMapping", "EventDeadLetterQueue",
                "EventRule", "EventRuleInvokePermission");
        assertThat(functionStatements(t)).noneMatch(s -> list(s.get("Action")).stream().anyMatch(a -> a.startsWith("sqs:")));
    }

    // --- sqs ---------------------------------------------------------------------------------

    @Test
    void sqs_bucketNotifiesTheQueue_ofCreatedRemovedAndExpired_throughTheSourceKeyFilter() {
        Map<String, Object> notification = notification(route("sqs", "SourceKeyPrefix", "uploads/"));
        assertThat(notification).containsOnlyKeys("QueueConfigurations");
        List<?> queues = (List<?>) notification.get("QueueConfigurations");
        assertThat(queues).extracting(n -> asMap(n).get("Event")).containsExactlyElementsOf(EVENTS);
        assertThat(queues).allSatisfy(n -> assertThat(asMap(n))
                .containsEntry("Queue", getAtt("EventQueue", "Arn"))
                .containsEntry("Filter", Map.of("S3Key", Map.of("Rules", List.of(Map.of("Name", "prefix", "Value", "uploads/"))))));
        // S3 checks the queue policy when the notification is saved: the bucket waits for it.
        assertThat(asMap(route("sqs").resource("SourceBucket").get("Metadata")))
                .containsEntry("DeliveryAllowedBy", ref("EventQueuePolicy"));
    }

    @Test
    void sqs_queuePolicy_admitsOnlyS3_fromTheSourceBucket_inThisAccount() {
        Map<String, Object> policy = properties(route("sqs"), "EventQueuePolicy");
        assertThat(policy.get("Queues")).isEqualTo(List.of(ref("EventQueue")));
        List<Map<String, Object>> statements = statements(policy.get("PolicyDocument"));
        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("Effect", "Allow")
                    .containsEntry("Principal", Map.of("Service", "s3.amazonaws.com"))
                    .containsEntry("Action", "sqs:SendMessage")
                    .containsEntry("Resource", getAtt("EventQueue", "Arn"));
            assertThat(asMap(s.get("Condition")))
                    .containsEntry("ArnEquals", Map.of("aws:SourceArn", "arn:aws:s3:::photos"))
                    .containsEntry("StringEquals", Map.of("aws:SourceAccount", ResolvedTemplate.ACCOUNT));
        });
    }

    @Test
    void sqs_queue_isEncrypted_hidesMessagesForSixTimesTheTimeout_andParksThemAfterFiveReceives() {
        ResolvedTemplate t = route("sqs");
        Map<String, Object> queue = properties(t, "EventQueue");
        assertThat(queue).containsEntry("SqsManagedSseEnabled", true);

        int timeout = ((Number) function(t).get("Timeout")).intValue();
        Object window = properties(t, "EventQueueMapping").getOrDefault("MaximumBatchingWindowInSeconds", 0);
        assertThat(((Number) queue.get("VisibilityTimeout")).intValue())
                .isGreaterThanOrEqualTo(6 * timeout + Integer.parseInt(String.valueOf(window)));

        Map<String, Object> redrive = asMap(queue.get("RedrivePolicy"));
        assertThat(redrive).containsEntry("deadLetterTargetArn", getAtt("EventDeadLetterQueue", "Arn"));
        assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).isGreaterThanOrEqualTo(5);
        assertThat(properties(t, "EventDeadLetterQueue")).containsEntry("SqsManagedSseEnabled", true);
        // A message keeps its age when it moves to the dead-letter queue: that one must keep it longer.
        assertThat(((Number) properties(t, "EventDeadLetterQueue").get("MessageRetentionPeriod")).intValue())
                .isGreaterThan(((Number) queue.get("MessageRetentionPeriod")).intValue());
    }

    @Test
    void sqs_reader_invokesTheAlias_reportsBatchItemFailures_withBatchSizeAndMaximumConcurrencyFromParameters() {
        Map<String, Object> mapping = properties(route("sqs", "QueueBatchSize", "7", "QueueMaximumConcurrency", "3"),
                "EventQueueMapping");
        assertThat(mapping).containsEntry("EventSourceArn", getAtt("EventQueue", "Arn"))
                .containsEntry("FunctionName", ref(ALIAS))
                .containsEntry("BatchSize", "7")
                .containsEntry("ScalingConfig", Map.of("MaximumConcurrency", "3"))
                .containsEntry("Enabled", true);
        assertThat(list(mapping.get("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        // Lambda's own bounds for a standard queue without a batching window.
        assertThat(parameter("QueueMaximumConcurrency")).containsEntry("MinValue", 2).containsEntry("MaxValue", 1000);
        assertThat(parameter("QueueBatchSize")).containsEntry("MinValue", 1).containsEntry("MaxValue", 10);
    }

    @Test
    void sqs_emergencyStop_switchesTheReaderOff_soMessagesWaitInTheQueue() {
        assertThat(properties(route("sqs", "ReservedConcurrency", "0"), "EventQueueMapping"))
                .containsEntry("Enabled", false);
        assertThat(properties(route("sqs", "ReservedConcurrency", "5"), "EventQueueMapping"))
                .containsEntry("Enabled", true);
    }

    @Test
    void sqs_functionRole_mayReadAndDeleteOnlyTheEventQueue() {
        List<Map<String, Object>> sqs = functionStatements(route("sqs")).stream()
                .filter(s -> list(s.get("Action")).stream().anyMatch(a -> a.startsWith("sqs:"))).toList();
        assertThat(sqs).singleElement().satisfies(s -> {
            assertThat(list(s.get("Action"))).containsExactlyInAnyOrder("sqs:ReceiveMessage", "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes");
            assertThat(s.get("Resource")).isEqualTo(getAtt("EventQueue", "Arn"));
        });
        // The reader is created only after the role has these permissions.
        assertThat(route("sqs").resource("EventQueueMapping").get("DependsOn")).isEqualTo("ThumbnailFunctionRole");
    }

    // --- eventbridge -------------------------------------------------------------------------

    @Test
    void eventBridge_bucketSendsToEventBridge_andTheRuleMatchesCreatedAndDeletedObjectsOfTheSourceBucket() {
        ResolvedTemplate t = route("eventbridge");
        assertThat(notification(t)).containsOnlyKeys("EventBridgeConfiguration")
                .containsEntry("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true));
        Map<String, Object> pattern = pattern(t);
        assertThat(pattern).containsEntry("source", List.of("aws.s3"))
                .containsEntry("detail-type", List.of("Object Created", "Object Deleted"));
        assertThat(asMap(pattern.get("detail"))).containsEntry("bucket", Map.of("name", List.of("photos")));
    }

    @Test
    void eventBridge_thumbnailsInTheSourceBucket_areKeptOutByTheRule() {
        assertThat(asMap(pattern(route("eventbridge")).get("detail")))
                .containsEntry("object", Map.of("key", List.of(Map.of("anything-but", Map.of("prefix", "thumbnails/")))));
        assertThat(asMap(pattern(route("eventbridge", "TargetBucketName", "photos", "ThumbnailPrefix", "resized-"))
                .get("detail")))
                .containsEntry("object", Map.of("key", List.of(Map.of("anything-but", Map.of("prefix", "resized-")))));
    }

    @Test
    void eventBridge_thumbnailsInAnotherBucket_needNoKeyFilter_andASourceKeyPrefixIncludes() {
        assertThat(asMap(pattern(route("eventbridge", "TargetBucketName", "photos-resized")).get("detail")))
                .doesNotContainKey("object");
        assertThat(asMap(pattern(route("eventbridge", "SourceKeyPrefix", "uploads/")).get("detail")))
                .containsEntry("object", Map.of("key", List.of(Map.of("prefix", "uploads/"))));
    }

    @Test
    void eventBridge_ruleTargetsTheAlias_withRetries_andADeadLetterQueueOnlyTheRuleMayWriteTo() {
        ResolvedTemplate t = route("eventbridge");
        Map<String, Object> target = asMap(((List<?>) properties(t, "EventRule").get("Targets")).get(0));
        assertThat(target).containsEntry("Arn", ref(ALIAS))
                .containsEntry("DeadLetterConfig", Map.of("Arn", getAtt("EventDeadLetterQueue", "Arn")));
        assertThat(asMap(target.get("RetryPolicy"))).containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");

        Map<String, Object> policy = properties(t, "EventDeadLetterQueuePolicy");
        assertThat(policy.get("Queues")).isEqualTo(List.of(ref("EventDeadLetterQueue")));
        assertThat(statements(policy.get("PolicyDocument"))).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("Principal", Map.of("Service", "events.amazonaws.com"))
                    .containsEntry("Action", "sqs:SendMessage")
                    .containsEntry("Resource", getAtt("EventDeadLetterQueue", "Arn"))
                    .containsEntry("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", getAtt("EventRule", "Arn"))));
        });

        assertThat(properties(t, "EventRuleInvokePermission"))
                .containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("Principal", "events.amazonaws.com")
                .containsEntry("SourceArn", getAtt("EventRule", "Arn"))
                .containsEntry("FunctionName", ref(ALIAS));
    }

    // --- every route -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"sqs", "eventbridge"})
    void queuedAndEventBridgeRoutes_giveS3NoInvokePermission_onABucketTheStackOwns(String route) {
        assertThat(route(route).resources()).doesNotContainKey("S3InvokePermission");
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "sqs", "eventbridge"})
    void existingBucket_keepsS3sInvokePermission_andGetsTheRoutesDestination(String route) {
        // The stack cannot see an existing bucket's notifications: while its owner switches
        // routes, a direct notification must keep working.
        ResolvedTemplate t = route(route, "CreateBuckets", "false");
        assertThat(t.resources()).containsKey("S3InvokePermission").doesNotContainKey("SourceBucket");
        switch (route) {
            case "sqs" -> assertThat(t.resources()).containsKeys("EventQueue", "EventQueuePolicy", "EventQueueMapping");
            case "eventbridge" -> assertThat(t.resources()).containsKeys("EventRule", "EventRuleInvokePermission");
            default -> assertThat(t.resources()).doesNotContainKeys("EventQueue", "EventRule");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "sqs", "eventbridge"})
    void everyRoute_invokesTheFunctionThroughTheAlias_neverTheUnpublishedFunction(String route) {
        ResolvedTemplate t = route(route);
        t.resources().forEach((name, resource) -> {
            Map<String, Object> props = asMap(resource.getOrDefault("Properties", Map.of()));
            if (List.of("AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping").contains(resource.get("Type"))) {
                assertThat(props.get("FunctionName")).as(name).isEqualTo(ref(ALIAS));
            }
        });
    }

    static Map<String, Object> notification(ResolvedTemplate t) {
        return asMap(properties(t, "SourceBucket").get("NotificationConfiguration"));
    }

    static Map<String, Object> pattern(ResolvedTemplate t) {
        return asMap(properties(t, "EventRule").get("EventPattern"));
    }
}
