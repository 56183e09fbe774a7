package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole renderings compared with the files in {@code src/test/resources/golden/}. After an intended
 * change, rewrite them with {@code mvn test -Dparamscope.golden.update=true} and review the diff.
 */
class GoldenOutputTest {
  private static final Path GOLDEN = SharedTestData.projectRoot()
      .resolve("paramscope-cli/src/test/resources/golden");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      seed-en.txt              | --lang en
      seed-zh.txt              | --lang zh
      seed.md                  | --lang en --format markdown
      count-llama-3.1-8b.json  | count llama-3.1-8b --format json
      count-deepseek-v3-zh.txt | count deepseek-v3 --lang zh
      size-gpt-4o.md           | size gpt-4o --format markdown --lang en
      compare-seed.csv         | compare gpt-4o gpt-4o-mini claude-3.5-sonnet llama-3.1-8b --format csv
      compare-seed-gib.txt     | compare gpt-4o gpt-4o-mini claude-3.5-sonnet --units gib --lang en
      catalog.csv              | catalog --format csv
      memory-gpt-oss-120b-h100-en.txt       | memory gpt-oss-120b --gpu h100 --lang en
      memory-gpt-oss-120b-h100-zh.txt       | memory gpt-oss-120b --gpu h100 --lang zh
      memory-deepseek-v3-128k-h200x8-en.txt | memory deepseek-v3 --context 131072 --batch 8 --gpu h200x8 --lang en
      memory-deepseek-v3-128k-h200x8-zh.txt | memory deepseek-v3 --context 131072 --batch 8 --gpu h200x8 --lang zh
      speed-deepseek-v3-h200x8-en.txt       | speed deepseek-v3 --gpu 8xh200 --lang en
      speed-deepseek-v3-h200x8-zh.txt       | speed deepseek-v3 --gpu h200 x8 --lang zh
      count-llama-3.1-8b.csv   | count llama-3.1-8b --format csv
      memory-llama-3.1-8b.csv  | memory llama-3.1-8b --context 32768 --batch 8 --gpu h100 --format csv
      memory-notes-en.txt      | memory llama-3.1-8b --context 1M --overhead 2GiB --gpu a100 --lang en
      memory-notes-zh.txt      | memory llama-3.1-8b --context 1M --overhead 2GiB --gpu a100 --lang zh
      train-no-fit-en.txt      | train llama-3.1-70b --tokens 1T --gpu h100x8 --lang en
      train-no-fit-zh.txt      | train llama-3.1-70b --tokens 1T --gpu h100x8 --lang zh
      hardware-en.txt          | hardware --lang en
      hardware-zh.md           | hardware --lang zh --format markdown
      """)
  void renderingMatchesItsGoldenFile(String file, String args) throws IOException {
    CliRun run = CliRun.of(args.trim().split(" +"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("paramscope.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
    }
    assertThat(run.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
