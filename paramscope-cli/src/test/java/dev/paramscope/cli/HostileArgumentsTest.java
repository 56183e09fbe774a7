package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments an attacker (or a careless script) passes: never a file read, never a crash. */
class HostileArgumentsTest {
  private static final String SECRET = "hf_secret_token_in_a_file";

  /** picocli would replace {@code @FILE} by the file's lines; with expansion off it is a plain value. */
  @Test
  void atFileArgumentsAreNotExpanded(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("args.txt");
    Files.writeString(file, "count\nllama-3.1-8b\n" + SECRET + "\n");
    CliRun whole = CliRun.of("@" + file);
    assertThat(whole.exitCode()).isEqualTo(2);
    CliRun filter = CliRun.of("catalog", "--filter", "@" + file);
    CliRun source = CliRun.of("count", "@" + file);
    assertThat(source.exitCode()).isEqualTo(2);
    for (CliRun run : new CliRun[] {whole, filter, source}) {
      assertThat(run.out() + run.err()).doesNotContain(SECRET).doesNotContain("llama-3.1-8b\n");
    }
  }
}
