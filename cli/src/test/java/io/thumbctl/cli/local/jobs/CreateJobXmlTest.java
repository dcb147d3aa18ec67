package io.thumbctl.cli.local.jobs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateJob bodies the SDK does not send: what a hand-made or hostile request gets. */
class CreateJobXmlTest {

    static final String ACCOUNT = "123456789012";

    static String request(String inside) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateJobRequest xmlns=\"" + S3ControlXml.NAMESPACE + "\">"
                + "<ClientRequestToken>t-1</ClientRequestToken><Priority>5</Priority>"
                + "<RoleArn>arn:aws:iam::" + ACCOUNT + ":role/r</RoleArn>"
                + "<Operation><LambdaInvoke><FunctionArn>arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:f</FunctionArn>"
                + "<InvocationSchemaVersion>2.0</InvocationSchemaVersion></LambdaInvoke></Operation>"
                + "<Report><Enabled>false</Enabled></Report>" + inside + "</CreateJobRequest>";
    }

    static JobSpec parse(String body) {
        return CreateJobXml.parse(body.getBytes(StandardCharsets.UTF_8), ACCOUNT);
    }

    @Test
    void generatorRequest_withElementsLocalModeDoesNotUse_isRead() {
        JobSpec spec = parse(request("<Tags><member><Key>k</Key><Value>v</Value></member></Tags>"
                + "<ManifestGenerator><S3JobManifestGenerator><SourceBucket>arn:aws:s3:::photos</SourceBucket>"
                + "<Filter><KeyNameConstraint><MatchAnyPrefix><member>cam/</member></MatchAnyPrefix></KeyNameConstraint>"
                + "</Filter><EnableManifestOutput>false</EnableManifestOutput></S3JobManifestGenerator></ManifestGenerator>"));

        assertThat(spec.clientRequestToken()).isEqualTo("t-1");
        assertThat(spec.priority()).isEqualTo(5);
        assertThat(spec.generator().sourceBucketArn()).isEqualTo("arn:aws:s3:::photos");
        assertThat(spec.generator().matchAnyPrefix()).isEqualTo("cam/");
        assertThat(spec.invocationSchemaVersion()).isEqualTo("2.0");
    }

    @Test
    void externalEntity_isRefused_andNothingIsRead() {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + request("").substring(request("").indexOf("<CreateJobRequest")).replace("t-1", "&e;");

        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(JobApiException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void notXml_isMalformedXml() {
        assertThatThrownBy(() -> parse("<CreateJobRequest><Priority>1</Prio")).isInstanceOfSatisfying(
                JobApiException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void twoPrefixes_areRefusedAsS3RefusesThem() {
        assertThatThrownBy(() -> parse(request("<ManifestGenerator><S3JobManifestGenerator>"
                + "<SourceBucket>arn:aws:s3:::photos</SourceBucket><Filter><KeyNameConstraint><MatchAnyPrefix>"
                + "<member>a/</member><member>b/</member></MatchAnyPrefix></KeyNameConstraint></Filter>"
                + "<EnableManifestOutput>false</EnableManifestOutput></S3JobManifestGenerator></ManifestGenerator>")))
                .isInstanceOfSatisfying(JobApiException.class,
                        e -> assertThat(e.getMessage()).contains("MatchAnyPrefix takes exactly one string, got 2"));
    }
}
