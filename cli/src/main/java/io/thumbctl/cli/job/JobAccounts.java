package io.thumbctl.cli.job;

import io.micronaut.core.annotation.Nullable;
import io.thumbctl.config.InvalidSettingsException;
import jakarta.inject.Provider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The account a job belongs to, for {@code thumbctl job}: S3 Control finds a job only in its own
 * account. {@code --account-id} first, then the account of the stack's role, then the caller's own
 * (STS GetCallerIdentity, which needs no permission).
 */
public class JobAccounts {

    private final StackOutputs stacks;
    private final Provider<StsClient> sts;

    public JobAccounts(StackOutputs stacks, Provider<StsClient> sts) {
        this.stacks = stacks;
        this.sts = sts;
    }

    /**
     * @throws InvalidSettingsException  when {@code --account-id} is not 12 digits
     * @throws JobRefusedException       when neither the stack nor STS can tell
     */
    public String resolve(@Nullable String accountId, @Nullable String stack) {
        if (accountId != null) {
            if (!accountId.matches("\\d{12}")) {
                throw new InvalidSettingsException("--account-id must be 12 digits, got '" + accountId + "'");
            }
            return accountId;
        }
        if (stack != null) {
            String role = StackOutputs.require(stacks.read(stack), StackOutputs.ROLE_ARN, stack, "--account-id");
            return Arns.role(role, "stack output " + StackOutputs.ROLE_ARN).account();
        }
        try {
            return sts.get().getCallerIdentity().account();
        } catch (SdkException e) {
            throw new JobRefusedException("cannot tell which account the job is in (STS GetCallerIdentity: "
                    + AwsMessages.firstLine(e) + "); give --account-id", e);
        }
    }
}
