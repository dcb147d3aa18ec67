package io.thumbctl.cli.job;

import io.thumbctl.config.InvalidSettingsException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ARNs a Batch Operations job names, checked before anything is sent, with the account they belong to. */
public final class Arns {

    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/.+");
    private static final Pattern FUNCTION =
            Pattern.compile("arn:(aws[a-z-]*):lambda:[a-z0-9-]+:(\\d{12}):function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?");

    /** An IAM role: the job runs as it, and the job belongs to its account. */
    public record Role(String arn, String partition, String account) {
    }

    private Arns() {
    }

    /** @throws InvalidSettingsException when {@code arn} is not an IAM role ARN */
    public static Role role(String arn, String from) {
        Matcher m = ROLE.matcher(arn);
        if (!m.matches()) {
            throw new InvalidSettingsException(from + " '" + arn + "' is not an IAM role ARN "
                    + "(arn:aws:iam::123456789012:role/NAME)");
        }
        return new Role(arn, m.group(1), m.group(2));
    }

    /** @throws InvalidSettingsException when {@code arn} is not a Lambda function ARN */
    public static String function(String arn, String from) {
        if (!FUNCTION.matcher(arn).matches()) {
            throw new InvalidSettingsException(from + " '" + arn + "' is not a Lambda function ARN "
                    + "(arn:aws:lambda:REGION:123456789012:function:NAME:ALIAS)");
        }
        return arn;
    }
}
