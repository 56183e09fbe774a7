package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** Products of huge options overflow a long: exit 2 naming the options, never "internal error". */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      memory llama-3.1-8b --context 9000T --batch 9000T                          | --context 9000T, --batch 9000T
      train llama-3.1-8b --tokens 1T --micro-batch 2147483647 --seq 2147483647   | --seq 2147483647
      """)
  void overflowingOptionsExitTwoNamingThem(String args, String named) {
    CliRun run = CliRun.of(args.trim().split(" +"));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("paramscope: ").contains(named).contains("too large").doesNotContain("internal error")
        .doesNotContain("ArithmeticException");
    assertThat(run.err().strip().lines().count()).isEqualTo(1);
  }

  /** Numbers are ASCII decimal, finite, and without locale grouping; anything else is a usage error naming the option. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "scale --compute Infinity", "scale --compute NaN", "scale --compute 1e309", "scale --compute 0x1p80",
      "scale --compute 1e24d", "train llama-3.1-8b --tokens 1,000", "train llama-3.1-8b --tokens \u0661\u0660\u0660",
      "train llama-3.1-8b --tokens 1T --seq \u0664\u0660\u0669\u0666", "train llama-3.1-8b --tokens 1e999999999",
      "train llama-3.1-8b --tokens 1T --mfu Infinity", "train llama-3.1-8b --tokens 1T --lora-rank 99999999999",
      "speed llama-3.1-8b --gpu h100 --efficiency NaN", "memory llama-3.1-8b --context \uFF14\uFF10\uFF19\uFF16",
      "memory llama-3.1-8b --overhead 1,5GB"})
  void numbersAreParsedStrictly(String args) {
    String[] argv = args.split(" "); // javac turns the backslash-u escapes into the characters
    CliRun run = CliRun.of(argv);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("paramscope: Invalid value for option '" + argv[argv.length - 2] + "'");
    assertThat(run.out()).isEmpty();
  }

  /** A bad value is one line naming the option and the accepted values, never a Java class name. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "memory llama-3.1-8b --units MB", "count llama-3.1-8b --format xml", "count llama-3.1-8b --lang fr",
      "memory llama-3.1-8b --context -5", "memory llama-3.1-8b --dtype fp7", "memory llama-3.1-8b --runtime foo",
      "memory llama-3.1-8b --gpu nosuchgpu", "train llama-3.1-8b --tokens 1T --method dpo"})
  void badValuesNameNoJavaClass(String args) {
    CliRun run = CliRun.of(args.split(" "));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("paramscope: ").doesNotContain("Exception").doesNotContain("java.")
        .doesNotContain("cannot convert");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void plainNumbersStillParse() {
    assertThat(CliRun.of("scale", "--compute", "1e24").exitCode()).isZero();
    assertThat(CliRun.of("train", "llama-3.1-8b", "--tokens", "1_000_000", "--mfu", ".45", "--price", "2.5").exitCode()).isZero();
    assertThat(CliRun.of("memory", "llama-3.1-8b", "--context", "8K", "--overhead", "1.5GiB").exitCode()).isZero();
  }

  /**
   * Control characters in a checkpoint's metadata and tensor names (a screen clear, a window
   * title, an OSC 52 clipboard write, a right-to-left override) reach no output as raw bytes:
   * tables, Markdown and CSV print them as backslash-u escapes, and so do error messages.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"table", "markdown", "csv"})
  void controlCharactersFromFilesAreEscaped(String format, @TempDir Path dir) throws IOException {
    Path file = dir.resolve("evil.safetensors");
    Files.write(file, safetensors("{\"__metadata__\": {\"note\": \"a\\u001b[2Jb\\u001b]52;c;ZXZpbA==\\u0007\\u202e\"},"
        + " \"w\\u001b]0;title\\u0007\": {\"dtype\": \"F32\", \"shape\": [2, 2], \"data_offsets\": [0, 16]}}"));
    CliRun run = CliRun.of("inspect", file.toString(), "--tensors", "--format", format);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("w\\u001B]0;title\\u0007");
    assertNoControlCharacters(run.out());
  }

  @Test
  void controlCharactersInErrorsAreEscaped(@TempDir Path dir) throws IOException {
    CliRun missing = CliRun.of("count", "x\u001b[2J\u009b31m");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).startsWith("paramscope: x\\u001B[2J\\u009B31m: ");
    assertNoControlCharacters(missing.err());
    CliRun usage = CliRun.of("count", "llama-3.1-8b", "--assume\u001b[2J", "x");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertNoControlCharacters(usage.err());
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"model_type\": \"evil\\u001b]52;c;ZXZpbA==\\u0007\", \"hidden_size\": 8}");
    CliRun unknown = CliRun.of("count", config.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("evil\\u001B]52;c;ZXZpbA==\\u0007");
    assertNoControlCharacters(unknown.err());
  }

  private static void assertNoControlCharacters(String text) {
    assertThat(text.chars().filter(c -> c != '\n' && (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x202e)).count())
        .as(text).isZero();
  }

  private static byte[] safetensors(String header) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + json.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json);
    return b.array();
  }
}
