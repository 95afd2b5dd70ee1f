package dev.perfmon.jdbc.pool;

import dev.perfmon.testsupport.Promtool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert rules this module's README tells users to copy are valid Prometheus rules. */
class ReadmeAlertRulesTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void theReadmeDocumentsBothPoolAlerts() throws Exception {
        List<String> ruleFiles = ruleBlocks(Files.readString(Path.of("README.md")));
        assertThat(ruleFiles).as("rule groups in README.md").isNotEmpty();
        assertThat(String.join("\n", ruleFiles))
                .contains("alert: HikariPoolExhausted", "for: 2m", "alert: HikariConnectionTimeouts");
    }

    /** Part of the full check ({@code -Pfull}), which needs promtool ({@code apt-get install -y prometheus}). */
    @Test
    @Tag("full")
    void theReadmesPoolAlertRulesPassPromtool() throws Exception {
        List<String> ruleFiles = ruleBlocks(Files.readString(Path.of("README.md")));
        assertThat(ruleFiles).isNotEmpty();
        String promtool = Promtool.require();
        for (int i = 0; i < ruleFiles.size(); i++) {
            Path file = dir.resolve("readme-rules-" + i + ".yml");
            Files.writeString(file, ruleFiles.get(i));
            Promtool.Result result = Promtool.run(promtool, dir, "check", "rules", file.toString());
            assertThat(result.exit()).as(result.output() + "\n--- rules:\n" + ruleFiles.get(i)).isZero();
            assertThat(result.output()).contains("SUCCESS: 2 rules found");
        }
    }

    private static List<String> ruleBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(markdown);
        while (m.find()) {
            if (m.group(1).startsWith("groups:")) {
                blocks.add(m.group(1));
            }
        }
        return blocks;
    }
}
