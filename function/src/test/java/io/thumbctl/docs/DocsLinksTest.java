package io.thumbctl.docs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the pages under docs/ (at the top of the repository, read from this module's
 * parent directory): every relative link leads to a file and heading that exist, and the README
 * stays short. The checker itself is tested on small files of its own, so a checker that finds
 * nothing cannot pass for documentation that is all right.
 */
class DocsLinksTest {

    static final Path ROOT = Path.of("..");
    static final Path README = ROOT.resolve("README.md");
    static final int README_MAX_LINES = 200;

    static List<Path> pages;

    @BeforeAll
    static void findPages() throws IOException {
        assertThat(README).as("README.md next to the parent pom").exists();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            pages = docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        assertThat(pages).as("pages under docs/").isNotEmpty();
    }

    @Test
    void everyRelativeLinkInReadmeAndDocs_leadsToAnExistingFileAndHeading() {
        List<Path> files = new ArrayList<>(pages);
        files.add(0, README);

        assertThat(new MarkdownLinks().brokenLinks(files)).isEmpty();
    }

    @Test
    void readme_isAtMostTwoHundredLines() throws IOException {
        assertThat(Files.readAllLines(README)).hasSizeLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void readme_linksToEveryPageUnderDocs() throws IOException {
        String readme = Files.readString(README);

        for (Path page : pages) {
            assertThat(readme).as("README links to " + page.getFileName())
                    .contains("](docs/" + page.getFileName() + ")");
        }
    }

    @Test
    void linkToMissingFile_isReported(@TempDir Path dir) throws IOException {
        Path page = write(dir, "page.md", "# Page", "", "See [the other page](other.md) and [this](#page).");

        assertThat(new MarkdownLinks().brokenLinks(List.of(page)))
                .singleElement().satisfies(b -> {
                    assertThat(b.target()).isEqualTo("other.md");
                    assertThat(b.line()).isEqualTo(3);
                });
    }

    @Test
    void linkToMissingHeading_isReported_inThisFileAndInAnother(@TempDir Path dir) throws IOException {
        write(dir, "other.md", "# Other", "", "## Deploy with SAM");
        Path page = write(dir, "page.md", "# Page",
                "[ok](other.md#deploy-with-sam) [gone](other.md#deploy-with-cdk) [self](#pages)");

        assertThat(new MarkdownLinks().brokenLinks(List.of(page)))
                .extracting(MarkdownLinks.Broken::target)
                .containsExactly("other.md#deploy-with-cdk", "#pages");
    }

    @Test
    void anchorIntoAFileThatIsNotMarkdown_isReported(@TempDir Path dir) throws IOException {
        write(dir, "template.yaml", "Resources: {}");
        Path page = write(dir, "page.md", "[template](template.yaml) [line](template.yaml#L1)");

        assertThat(new MarkdownLinks().brokenLinks(List.of(page)))
                .extracting(MarkdownLinks.Broken::target).containsExactly("template.yaml#L1");
    }

    @Test
    void linksInCodeAndWithASchemeAreNotChecked(@TempDir Path dir) throws IOException {
        Path page = write(dir, "page.md",
                "Code: `[not a link](missing.md)` and [AWS](https://aws.amazon.com/missing.md).",
                "```md",
                "[also not a link](missing.md)",
                "```");

        assertThat(new MarkdownLinks().brokenLinks(List.of(page))).isEmpty();
    }

    @Test
    void referenceLinksAndLinksToDirectories_areChecked(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("bench"));
        Path page = write(dir, "page.md", "[bench](bench/) [x][y]", "", "[y]: missing.md");

        assertThat(new MarkdownLinks().brokenLinks(List.of(page)))
                .extracting(MarkdownLinks.Broken::target).containsExactly("missing.md");
    }

    @Test
    void anchor_isGitHubs_lowerCasePunctuationDroppedSpacesToHyphens() {
        assertThat(MarkdownLinks.anchor("What gets a thumbnail (the key policy)"))
                .isEqualTo("what-gets-a-thumbnail-the-key-policy");
        assertThat(MarkdownLinks.anchor("guard: what would the function do with these keys?"))
                .isEqualTo("guard-what-would-the-function-do-with-these-keys");
        assertThat(MarkdownLinks.anchor("The function: `function/src/main/java/io/thumbctl/`"))
                .isEqualTo("the-function-functionsrcmainjavaiothumbctl");
        assertThat(MarkdownLinks.anchor("s3:TestEvent")).isEqualTo("s3testevent");
        assertThat(MarkdownLinks.anchor("Deploy with [SAM](https://aws.amazon.com/serverless/sam/)"))
                .isEqualTo("deploy-with-sam");
        assertThat(MarkdownLinks.anchor("Café ☕ and snake_case")).isEqualTo("café--and-snake_case");
    }

    @Test
    void repeatedHeadings_getNumberedAnchors_andHeadingsInCodeGetNone(@TempDir Path dir) throws IOException {
        Path page = write(dir, "page.md", "# Notes", "## Notes", "```sh", "# a shell comment", "```", "## Notes ##");

        assertThat(MarkdownLinks.anchors(page)).containsExactly("notes", "notes-1", "notes-2");
    }

    private static Path write(Path dir, String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
