package io.thumbctl.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.thumbctl.deploy.ResolvedTemplate.asMap;
import static io.thumbctl.deploy.Templates.ALIAS;
import static io.thumbctl.deploy.Templates.actions;
import static io.thumbctl.deploy.Templates.getAtt;
import static io.thumbctl.deploy.Templates.list;
import static io.thumbctl.deploy.Templates.photos;
import static io.thumbctl.deploy.Templates.properties;
import static io.thumbctl.deploy.Templates.ref;
import static io.thumbctl.deploy.Templates.resourcesAllowing;
import static io.thumbctl.deploy.Templates.roleStatements;
import static io.thumbctl.deploy.Templates.statements;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role S3 Batch Operations assumes for {@code thumbctl backfill --engine batch-operations}.
 * Its key layout is a contract with thumbctl: {@code thumbctl-batch-operations/manifests/} and
 * {@code thumbctl-batch-operations/reports/} in the Batch Operations bucket.
 */
class BatchOperationsRoleTest {

    @Test
    void trust_onlyBatchOperations_onlyForJobsOfThisAccount() {
        Map<String, Object> role = properties(photos(), "BatchOperationsRole");
        assertThat(statements(role.get("AssumeRolePolicyDocument"))).singleElement().satisfies(s -> {
            assertThat(s).containsEntry("Effect", "Allow")
                    .containsEntry("Principal", Map.of("Service", "batchoperations.s3.amazonaws.com"))
                    .containsEntry("Action", "sts:AssumeRole")
                    .containsEntry("Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", ResolvedTemplate.ACCOUNT)));
        });
        assertThat(role).doesNotContainKey("ManagedPolicyArns");
    }

    @Test
    void invokes_theFunctionsAliasOnly() {
        List<Map<String, Object>> statements = roleStatements(photos(), "BatchOperationsRole");
        assertThat(actions(statements)).filteredOn(a -> a.startsWith("lambda:")).containsExactly("lambda:InvokeFunction");
        assertThat(statements).filteredOn(s -> list(s.get("Action")).contains("lambda:InvokeFunction"))
                .singleElement().satisfies(s -> assertThat(s.get("Resource")).isEqualTo(ref(ALIAS)));
    }

    @Test
    void sameBucket_readsManifests_writesReportsAndGeneratedManifests_listsTheSources_andNothingElse() {
        List<Map<String, Object>> statements = roleStatements(photos(), "BatchOperationsRole");
        assertThat(statements).allSatisfy(s -> assertThat(s).containsEntry("Effect", "Allow")
                .doesNotContainKeys("NotAction", "NotResource"));
        assertThat(actions(statements)).containsExactlyInAnyOrder("lambda:InvokeFunction",
                "s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:ListBucket");
        assertThat(resourcesAllowing(statements, "s3:GetObject"))
                .containsExactly("arn:aws:s3:::photos/thumbctl-batch-operations/manifests/*");
        assertThat(resourcesAllowing(statements, "s3:GetObjectVersion"))
                .containsExactly("arn:aws:s3:::photos/thumbctl-batch-operations/manifests/*");
        assertThat(resourcesAllowing(statements, "s3:PutObject")).containsExactlyInAnyOrder(
                "arn:aws:s3:::photos/thumbctl-batch-operations/reports/*",
                "arn:aws:s3:::photos/thumbctl-batch-operations/manifests/*");
        assertThat(resourcesAllowing(statements, "s3:ListBucket")).containsExactly("arn:aws:s3:::photos");
    }

    @Test
    void batchOperationsBucket_defaultsToTheThumbnailsBucket_andCanBeNamed() {
        assertThat(resourcesAllowing(roleStatements(photos("TargetBucketName", "photos-resized"), "BatchOperationsRole"),
                "s3:PutObject")).allMatch(r -> r.startsWith("arn:aws:s3:::photos-resized/thumbctl-batch-operations/"));
        List<Map<String, Object>> named = roleStatements(photos("TargetBucketName", "photos-resized",
                "BatchOperationsBucket", "ops"), "BatchOperationsRole");
        assertThat(resourcesAllowing(named, "s3:PutObject"))
                .allMatch(r -> r.startsWith("arn:aws:s3:::ops/thumbctl-batch-operations/"));
        assertThat(resourcesAllowing(named, "s3:GetObject"))
                .containsExactly("arn:aws:s3:::ops/thumbctl-batch-operations/manifests/*");
        // The manifest generator still lists the source bucket.
        assertThat(resourcesAllowing(named, "s3:ListBucket")).containsExactly("arn:aws:s3:::photos");
    }

    @Test
    void outputs_nameTheRoleTheReportLocationAndTheAlias_forThumbctlStack() {
        Map<String, Map<String, Object>> outputs = photos().outputs();
        assertThat(outputs.get("BatchOperationsRoleArn")).containsEntry("Value", getAtt("BatchOperationsRole", "Arn"));
        assertThat(outputs.get("BatchOperationsReportUri"))
                .containsEntry("Value", "s3://photos/thumbctl-batch-operations/");
        assertThat(outputs.get("FunctionAliasArn")).containsEntry("Value", ref(ALIAS));
        assertThat(photos("TargetBucketName", "photos-resized").outputs().get("BatchOperationsReportUri"))
                .containsEntry("Value", "s3://photos-resized/thumbctl-batch-operations/");
        assertThat(photos("BatchOperationsBucket", "ops").outputs().get("BatchOperationsReportUri"))
                .containsEntry("Value", "s3://ops/thumbctl-batch-operations/");
        // Every route and bucket setting has them.
        assertThat(photos("EventRoute", "sqs", "CreateBuckets", "false").outputs())
                .containsKeys("BatchOperationsRoleArn", "BatchOperationsReportUri", "FunctionAliasArn");
        assertThat(asMap(photos().outputs().get("BatchOperationsRoleArn"))).doesNotContainKey("Condition");
    }
}
