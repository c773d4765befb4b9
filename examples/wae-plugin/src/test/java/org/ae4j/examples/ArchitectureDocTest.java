package org.ae4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/architecture.md are this module's code, verbatim: each
 * {@code <!-- include: PATH -->} marker is followed by a Java block equal to the file at PATH, which the
 * reactor compiles and whose tests run. Edit the code, then the document, or this test fails.
 */
class ArchitectureDocTest {

    private static final Path ROOT = Path.of("../..");
    private static final Pattern INCLUDE = Pattern.compile("<!-- include: (\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void includedExamplesAreTheCompiledCode() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"));
        Matcher m = INCLUDE.matcher(doc);
        int included = 0;
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as(m.group(1)).exists();
            assertThat(m.group(2)).as("the block after the include of " + m.group(1)).isEqualTo(Files.readString(file));
            included++;
        }
        assertThat(included).as("includes in docs/architecture.md").isEqualTo(5);
    }

    @Test
    void theWaePluginIsAtMostThreeClassesAndOneHundredFiftyLines() throws IOException {
        Path sources = ROOT.resolve("examples/wae-plugin/src/main/java/org/ae4j/examples/wae");
        long lines = 0;
        long classes = 0;
        try (var files = Files.list(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                lines += Files.readAllLines(f).size();
                classes++;
            }
        }
        assertThat(classes).isLessThanOrEqualTo(3);
        assertThat(lines).isLessThanOrEqualTo(150);
    }
}
