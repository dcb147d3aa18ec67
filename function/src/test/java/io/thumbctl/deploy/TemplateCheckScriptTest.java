package io.thumbctl.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.thumbctl.deploy.ResolvedTemplate.asMap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs deploy/check-template.sh: cfn-lint and AWS's SAM translator over every documented
 * parameter combination. Needs a Python with cfn-lint and aws-sam-translator (the build machines
 * have them); skips, saying why, where they are missing.
 */
class TemplateCheckScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The parameters that reach the function's published version (TemplateTest checks the template says so). */
    private static final List<String> REACHING_THE_VERSION = List.of("TargetBucketName", "ThumbnailPrefix",
            "ThumbnailWidth", "ThumbnailHeight", "MemorySize", "Runtime", "Architecture");

    @Test
    void everyDocumentedCombination_transformsAndLintsClean_andEveryConfigurationChangePublishesAVersion(
            @TempDir Path kept) throws Exception {
        Run run = check("--keep", kept.toString());

        assertThat(run.exit).as(run.output).isZero();
        Matcher ok = Pattern.compile("OK: (\\d+) combinations transformed and linted").matcher(run.output);
        assertThat(ok.find()).as(run.output).isTrue();
        // 3 routes x 3 layouts x created/existing buckets x alarm topic or not x stopped or not, and more.
        assertThat(Integer.parseInt(ok.group(1))).isGreaterThanOrEqualTo(72);
        for (String parameter : REACHING_THE_VERSION) {
            assertThat(run.output).contains("  " + parameter + ": reaches the function -> new version");
        }
        assertThat(run.output).contains("  SourceBucketName: does not reach the version -> same version")
                .contains("  EventRoute: does not reach the version -> same version")
                .contains("  new code (CodeUri): new logical id");

        List<Map<String, Object>> transformed = transformed(kept);
        assertThat(transformed).isNotEmpty();
        for (Map<String, Object> template : transformed) {
            everyInvokerUsesThePublishedAlias(asMap(template.get("Resources")));
        }
    }

    @Test
    void aTemplateThatPublishesNoVersionOnAParameterChange_fails(@TempDir Path dir) throws Exception {
        String template = Files.readString(Templates.TEMPLATE);
        Matcher description = Pattern.compile("      VersionDescription: !If\n(        .*\n)+").matcher(template);
        assertThat(description.find()).isTrue();
        Path broken = dir.resolve("template.yaml");
        Files.writeString(broken, description.replaceFirst(""));

        Run run = check("--template", broken.toString());

        assertThat(run.exit).as(run.output).isEqualTo(1);
        assertThat(run.output).contains("FAILED publishing: changing ThumbnailPrefix (it reaches the function) "
                + "publishes no new version");
    }

    /** SAM turned every "ThumbnailFunction.Alias" into its alias resource: nothing invokes $LATEST. */
    private static void everyInvokerUsesThePublishedAlias(Map<String, Object> resources) {
        List<String> aliases = resources.entrySet().stream()
                .filter(e -> "AWS::Lambda::Alias".equals(asMap(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
        assertThat(aliases).containsExactly("ThumbnailFunctionAliaslive");
        Map<String, Object> alias = Map.of("Ref", "ThumbnailFunctionAliaslive");
        resources.forEach((name, raw) -> {
            Map<String, Object> resource = asMap(raw);
            Map<String, Object> props = asMap(resource.getOrDefault("Properties", Map.of()));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Lambda::Permission", "AWS::Lambda::EventSourceMapping" ->
                        assertThat(props.get("FunctionName")).as(name).isEqualTo(alias);
                case "AWS::Events::Rule" ->
                        assertThat(asMap(((List<?>) props.get("Targets")).get(0)).get("Arn")).as(name).isEqualTo(alias);
                default -> { }
            }
        });
        Map<String, Object> batchRole = asMap(asMap(resources.get("BatchOperationsRole")).get("Properties"));
        String policies = String.valueOf(batchRole.get("Policies"));
        assertThat(policies).contains("Resource={Ref=ThumbnailFunctionAliaslive}").doesNotContain("ThumbnailFunction.Alias");
    }

    private static List<Map<String, Object>> transformed(Path dir) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                // JSON is YAML: the template tests' YAML reader needs no JSON library.
                out.add(new Yaml().load(Files.readString(file)));
            }
        }
        return out;
    }

    private record Run(int exit, String output) {
    }

    private static Run check(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/check-template.sh"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("check-template", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                return skip("cannot run bash: " + e.getMessage());
            }
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("deploy/check-template.sh ran for more than 10 minutes:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() == 3) {
                return skip(output.strip());
            }
            return new Run(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Run skip(String why) {
        System.out.println("TemplateCheckScriptTest skipped: " + why);
        Assumptions.abort(why);
        return null;
    }
}
