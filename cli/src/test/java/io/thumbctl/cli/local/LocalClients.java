package io.thumbctl.cli.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/** SDK clients for a local endpoint, written the way a user would write them. */
final class LocalClients {

    private LocalClients() {
    }

    /**
     * Only the endpoint, a region and some credentials: no path-style switch (the SDK picks path
     * style for an IP address endpoint) and a key pair local mode never suggested.
     */
    static S3Client plain(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("some-user", "some-secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
