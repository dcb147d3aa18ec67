package io.thumbctl.function;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable jar as the shade filters left it (runs after {@code package}): every bean
 * definition, configuration and introspection Micronaut lists in {@code META-INF/micronaut} is
 * in the jar, and micronaut-aws-sdk-v2's factories for services this function has no SDK for
 * are not (they cost every cold start; function/pom.xml).
 */
class ShadedJarIT {

    private static final Path JAR = Path.of("target", "thumbctl-function.jar");

    @Test
    void everyMicronautServiceEntry_namesAClassInTheJar() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Set<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                    .collect(Collectors.toSet());
            List<String> entries = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("META-INF/micronaut/") && n.chars().filter(c -> c == '/').count() == 3
                            && !n.endsWith("/"))
                    .toList();
            List<String> dangling = new ArrayList<>();
            for (String entry : entries) {
                String type = entry.substring(entry.lastIndexOf('/') + 1);
                if (!classes.contains(type.replace('.', '/') + ".class")) {
                    dangling.add(entry);
                }
            }

            assertThat(entries).as("Micronaut's service entries").isNotEmpty()
                    .anyMatch(e -> e.endsWith("io.micronaut.aws.sdk.v2.service.s3.$S3ClientFactory$SyncClient1$Definition"))
                    .anyMatch(e -> e.endsWith("io.micronaut.aws.sdk.v2.client.apache.$ApacheClientFactory$ApacheClient0$Definition"));
            assertThat(dangling).as("entries whose class the shade filters removed").isEmpty();
        }
    }

    @Test
    void clientFactoriesForServicesWithoutTheirSdk_areLeftOut() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .noneMatch(n -> n.contains("aws/sdk/v2/service/sqs/") || n.contains("aws.sdk.v2.service.sqs."))
                    .noneMatch(n -> n.contains("aws/sdk/v2/client/netty/") || n.contains("aws.sdk.v2.client.netty."))
                    .anyMatch(n -> n.equals("io/micronaut/aws/sdk/v2/service/s3/S3ClientFactory.class"));
        }
    }
}
