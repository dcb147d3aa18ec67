package io.thumbctl.cli.job;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for CloudFormation's DescribeStacks (query protocol: a form POST to {@code /}),
 * answering with the outputs of the stacks it was given and CloudFormation's ValidationError for
 * any other stack. Served on the test endpoint, so that {@code --endpoint-url} reaches it as it
 * reaches S3 and S3 Control. Records the stack names asked for.
 */
final class CloudFormationStandIn extends HttpServlet {

    private final Map<String, Map<String, String>> stacks;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    CloudFormationStandIn(Map<String, Map<String, String>> stacks) {
        this.stacks = stacks;
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String form = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String action = field(form, "Action");
        String name = field(form, "StackName");
        asked.add(action + " " + name);
        String body;
        if (!"DescribeStacks".equals(action)) {
            response.setStatus(400);
            body = error("InvalidAction", "the stand-in answers DescribeStacks only");
        } else if (!stacks.containsKey(name)) {
            response.setStatus(400);
            body = error("ValidationError", "Stack with id " + name + " does not exist");
        } else {
            StringBuilder outputs = new StringBuilder();
            stacks.get(name).forEach((key, value) -> outputs.append("<member><OutputKey>").append(key)
                    .append("</OutputKey><OutputValue>").append(value).append("</OutputValue></member>"));
            body = "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                    + "<DescribeStacksResult><Stacks><member><StackName>" + name + "</StackName>"
                    + "<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/1</StackId>"
                    + "<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>"
                    + "<Outputs>" + outputs + "</Outputs></member></Stacks></DescribeStacksResult>"
                    + "<ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></DescribeStacksResponse>";
            response.setStatus(200);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/xml");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>stand-in</RequestId></ErrorResponse>";
    }

    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
