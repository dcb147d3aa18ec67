package io.thumbctl.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.thumbctl.deploy.ResolvedTemplate.asMap;
import static io.thumbctl.deploy.Templates.actions;
import static io.thumbctl.deploy.Templates.function;
import static io.thumbctl.deploy.Templates.functionStatements;
import static io.thumbctl.deploy.Templates.list;
import static io.thumbctl.deploy.Templates.parameter;
import static io.thumbctl.deploy.Templates.photos;
import static io.thumbctl.deploy.Templates.resourcesAllowing;
import static io.thumbctl.deploy.Templates.touchesS3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function, its role and the two layouts (same bucket, second bucket) with the default
 * route (direct). The other routes: {@link EventRoutesTemplateTest}.
 */
class TemplateTest {

    static ResolvedTemplate sameBucket() {
        return photos();
    }

    static ResolvedTemplate secondBucket() {
        return photos("TargetBucketName", "photos-resized", "ThumbnailPrefix", "");
    }

    @Test
    void templateIsNextToTheParentPom() {
        assertThat(Templates.TEMPLATE).exists();
    }

    @Test
    void function_deploysTheShadedJar_withTheHandlerOfTheDesign() {
        Map<String, Object> f = function(sameBucket());
        assertThat(f).containsEntry("Handler", "io.thumbctl.function.ThumbnailHandler::handleRequest")
                .containsEntry("CodeUri", "function/target/thumbctl-function.jar");
        // The path is the one the function pom's shade execution writes.
        assertThat(Path.of("pom.xml")).content().contains("${project.build.directory}/thumbctl-function.jar");
    }

    @Test
    void runtimeArchitectureAndMemory_defaultToJava21Arm64At1024_andAllowTheOthers() {
        Map<String, Object> f = function(sameBucket());
        assertThat(f).containsEntry("Runtime", "java21").containsEntry("Architectures", List.of("arm64"))
                .containsEntry("MemorySize", "1024");
        assertThat(parameter("Runtime").get("AllowedValues")).isEqualTo(List.of("java21", "java25"));
        assertThat(parameter("Architecture").get("AllowedValues")).isEqualTo(List.of("arm64", "x86_64"));

        Map<String, Object> x86 = function(photos("Runtime", "java25", "Architecture", "x86_64", "MemorySize", "2048"));
        assertThat(x86).containsEntry("Runtime", "java25").containsEntry("Architectures", List.of("x86_64"))
                .containsEntry("MemorySize", "2048");
    }

    @Test
    void environment_usesTheConfigurationNamesOfTheDesign() {
        assertThat(asMap(asMap(function(secondBucket()).get("Environment")).get("Variables")))
                .containsEntry("THUMBNAIL_TARGET_BUCKET", "photos-resized")
                .containsEntry("THUMBNAIL_PREFIX", "")
                .containsEntry("THUMBNAIL_WIDTH", "128")
                .containsEntry("THUMBNAIL_HEIGHT", "128");
        assertThat(asMap(asMap(function(sameBucket()).get("Environment")).get("Variables")))
                .containsEntry("THUMBNAIL_TARGET_BUCKET", "")
                .containsEntry("THUMBNAIL_PREFIX", "thumbnails/");
    }

    @Test
    void sameBucketLayout_writesAndDeletesOnlyUnderThePrefix_readsSources() {
        List<Map<String, Object>> statements = s3Statements(sameBucket());

        assertThat(resourcesAllowing(statements, "s3:PutObject")).containsExactly("arn:aws:s3:::photos/thumbnails/*");
        assertThat(resourcesAllowing(statements, "s3:DeleteObject")).containsExactly("arn:aws:s3:::photos/thumbnails/*");
        assertThat(resourcesAllowing(statements, "s3:GetObject"))
                .containsExactlyInAnyOrder("arn:aws:s3:::photos/*", "arn:aws:s3:::photos/thumbnails/*");
        assertThat(resourcesAllowing(statements, "s3:ListBucket")).containsExactly("arn:aws:s3:::photos");
        assertThat(actions(statements)).containsOnly("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket");
    }

    @Test
    void secondBucketLayout_writesOnlyToTheTargetBucket_neverToTheSource() {
        List<Map<String, Object>> statements = s3Statements(secondBucket());

        assertThat(resourcesAllowing(statements, "s3:PutObject")).containsExactly("arn:aws:s3:::photos-resized/*");
        assertThat(resourcesAllowing(statements, "s3:DeleteObject")).containsExactly("arn:aws:s3:::photos-resized/*");
        assertThat(resourcesAllowing(statements, "s3:GetObject"))
                .containsExactlyInAnyOrder("arn:aws:s3:::photos/*", "arn:aws:s3:::photos-resized/*");
        assertThat(resourcesAllowing(statements, "s3:ListBucket"))
                .containsExactlyInAnyOrder("arn:aws:s3:::photos", "arn:aws:s3:::photos-resized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"same", "second"})
    void noPolicyGrantsS3Wildcards(String layout) {
        ResolvedTemplate t = layout.equals("same") ? sameBucket() : secondBucket();
        List<Map<String, Object>> statements = functionStatements(t);
        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            assertThat(list(statement.get("Action"))).as("actions of %s", statement)
                    .noneMatch(a -> a.equals("*") || a.equals("s3:*") || (a.startsWith("s3:") && a.contains("*")));
            if (touchesS3(statement)) {
                assertThat(list(statement.get("Resource"))).as("resources of %s", statement)
                        .allMatch(r -> r.startsWith("arn:aws:s3:::photos"))
                        .noneMatch(r -> r.equals("*") || r.equals("arn:aws:s3:::*"));
            }
        }
        // Only inline statements: a managed policy (by name or ARN) would hide its grants from this test.
        // SAM adds the SQS send permission for the failure queue itself.
        assertThat((List<?>) function(t).get("Policies")).allMatch(p -> p instanceof Map);
    }

    @Test
    void invokePermission_isForS3_fromTheSourceBucketArn_inThisAccount_onTheAlias() {
        Map<String, Object> permission = Templates.properties(sameBucket(), "S3InvokePermission");
        assertThat(permission)
                .containsEntry("Action", "lambda:InvokeFunction")
                .containsEntry("Principal", "s3.amazonaws.com")
                .containsEntry("SourceArn", "arn:aws:s3:::photos")
                .containsEntry("SourceAccount", ResolvedTemplate.ACCOUNT)
                .containsEntry("FunctionName", Map.of("Ref", "ThumbnailFunction.Alias"));
        // Present whether or not the stack creates the bucket: an existing bucket needs it too.
        assertThat(photos("CreateBuckets", "false").resources())
                .containsKey("S3InvokePermission").doesNotContainKey("SourceBucket");
    }

    @Test
    void asyncFailures_areRetriedABoundedNumberOfTimes_thenKeptInTheQueue() {
        Map<String, Object> config = asMap(function(sameBucket()).get("EventInvokeConfig"));
        assertThat(config).containsEntry("MaximumRetryAttempts", "2");
        assertThat(asMap(parameter("MaximumRetryAttempts"))).containsEntry("MaxValue", 2);
        Map<String, Object> onFailure = asMap(asMap(config.get("DestinationConfig")).get("OnFailure"));
        assertThat(onFailure).containsEntry("Type", "SQS")
                .containsEntry("Destination", Map.of("Fn::GetAtt", List.of("FailedEventQueue", "Arn")));
        assertThat(sameBucket().resource("FailedEventQueue")).containsEntry("Type", "AWS::SQS::Queue");
    }

    @Test
    void snapStart_appliesToPublishedVersions_andS3InvokesThePublishedAlias() {
        ResolvedTemplate t = sameBucket();
        Map<String, Object> f = function(t);
        assertThat(f).containsEntry("AutoPublishAlias", "live")
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        for (Map<String, Object> notification : notifications(t)) {
            assertThat(notification).containsEntry("Function", Map.of("Ref", "ThumbnailFunction.Alias"));
        }
    }

    @Test
    void sourceBucket_triggersOnEveryCreateRemoveAndExpiry_withoutFilterByDefault() {
        ResolvedTemplate t = sameBucket();
        assertThat(Templates.properties(t, "SourceBucket")).containsEntry("BucketName", "photos");
        // S3 checks its permission when the notification is saved: the bucket waits for it.
        assertThat(asMap(t.resource("SourceBucket").get("Metadata")))
                .containsEntry("DeliveryAllowedBy", Map.of("Ref", "S3InvokePermission"));
        List<Map<String, Object>> notifications = notifications(t);
        assertThat(notifications).extracting(n -> n.get("Event"))
                .containsExactlyInAnyOrder("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:LifecycleExpiration:*");
        // No filter: in this layout the function's key policy is what skips its own thumbnails.
        assertThat(notifications).allMatch(n -> !n.containsKey("Filter"));
    }

    @Test
    void sourceKeyPrefix_becomesTheNotificationsPrefixFilter() {
        ResolvedTemplate t = photos("SourceKeyPrefix", "uploads/");
        assertThat(notifications(t)).hasSize(3).allSatisfy(n -> assertThat(n.get("Filter"))
                .isEqualTo(Map.of("S3Key", Map.of("Rules", List.of(Map.of("Name", "prefix", "Value", "uploads/"))))));
    }

    @Test
    void secondBucketLayout_createsTheTargetBucket_withoutATrigger() {
        ResolvedTemplate t = secondBucket();
        Map<String, Object> target = Templates.properties(t, "TargetBucket");
        assertThat(target).containsEntry("BucketName", "photos-resized").doesNotContainKey("NotificationConfiguration");
        assertThat(sameBucket().resources()).doesNotContainKey("TargetBucket");
        assertThat(photos("TargetBucketName", "photos").resources()).doesNotContainKey("TargetBucket");
    }

    @Test
    void emptyPrefixWithoutASecondBucket_isRefusedBeforeDeploying() {
        assertThat(sameBucket().failedRules()).isEmpty();
        assertThat(secondBucket().failedRules()).isEmpty();
        assertThat(photos("ThumbnailPrefix", "").failedRules()).isNotEmpty();
        assertThat(photos("ThumbnailPrefix", "", "TargetBucketName", "photos").failedRules()).isNotEmpty();
    }

    @Test
    void logs_useLambdasJsonFormat() {
        assertThat(asMap(function(sameBucket()).get("LoggingConfig"))).containsEntry("LogFormat", "JSON");
    }

    @Test
    void reservedConcurrency_isUnsetByDefault_andZeroStopsTheFunction() {
        assertThat(function(sameBucket())).doesNotContainKey("ReservedConcurrentExecutions");
        assertThat(function(photos("ReservedConcurrency", "0"))).containsEntry("ReservedConcurrentExecutions", "0");
    }

    static List<Map<String, Object>> notifications(ResolvedTemplate t) {
        Map<String, Object> notification = asMap(Templates.properties(t, "SourceBucket").get("NotificationConfiguration"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) notification.get("LambdaConfigurations")) {
            out.add(asMap(o));
        }
        return out;
    }

    static List<Map<String, Object>> s3Statements(ResolvedTemplate t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> s : functionStatements(t)) {
            assertThat(s).containsEntry("Effect", "Allow").doesNotContainKey("NotAction").doesNotContainKey("NotResource");
            if (touchesS3(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
