package io.thumbctl.cli.job;

import jakarta.inject.Provider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outputs of thumbctl's CloudFormation stack ({@code template.yaml}) that a Batch Operations
 * backfill needs, so that the runbook names the stack instead of three ARNs.
 */
public class StackOutputs {

    /** The function's alias, which the job invokes. */
    public static final String FUNCTION_ALIAS_ARN = "FunctionAliasArn";
    /** The role S3 Batch Operations assumes. */
    public static final String ROLE_ARN = "BatchOperationsRoleArn";
    /** {@code s3://BUCKET/thumbctl-batch-operations/}: where manifests and reports go. */
    public static final String REPORT_URI = "BatchOperationsReportUri";

    private final Provider<CloudFormationClient> cloudFormation;

    public StackOutputs(Provider<CloudFormationClient> cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    /**
     * All outputs of the stack, by key.
     *
     * @throws JobRefusedException when the stack does not exist, may not be described, or no answer comes
     */
    public Map<String, String> read(String stackName) {
        CloudFormationClient client = cloudFormation.get();
        Stack stack;
        try {
            stack = client.describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst()
                    .orElseThrow(() -> new JobRefusedException(notFound(stackName, client)));
        } catch (CloudFormationException e) {
            if (e.statusCode() == 403) {
                throw new JobRefusedException("cloudformation:DescribeStacks denied on stack " + stackName
                        + ": " + AwsMessages.of(e), e);
            }
            if (e.statusCode() == 400 && AwsMessages.of(e).contains("does not exist")) {
                throw new JobRefusedException(notFound(stackName, client), e);
            }
            throw JobRefusedException.failed("CloudFormation DescribeStacks " + stackName, e);
        } catch (SdkException e) {
            throw JobRefusedException.failed("CloudFormation DescribeStacks " + stackName, e);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        return outputs;
    }

    /**
     * @throws JobRefusedException when the stack lacks the output (a stack deployed from an older
     *                             template)
     */
    public static String require(Map<String, String> outputs, String key, String stackName, String flag) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new JobRefusedException("stack " + stackName + " has no output " + key
                    + " (deployed from an older template.yaml?); update the stack or give " + flag);
        }
        return value;
    }

    private static String notFound(String stackName, CloudFormationClient client) {
        return "stack " + stackName + " does not exist in " + client.serviceClientConfiguration().region()
                + " (check --region and --profile)";
    }
}
