package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.precision.GgmlType;
import dev.paramscope.weights.gguf.GgufFixtureWriter;
import dev.paramscope.weights.safetensors.SafetensorsDtype;
import dev.paramscope.weights.safetensors.SafetensorsFixtureWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DirectRun} against picocli: every form it runs gives the same exit code, stdout and
 * stderr as the picocli path, and every form it must leave to picocli is declined untouched.
 */
class DirectRunTest {
  @TempDir static Path dir;

  @BeforeAll
  static void writeFixtures() throws IOException {
    GgufFixtureWriter gguf = new GgufFixtureWriter(3)
        .kvString("general.architecture", "llama")
        .kvString("general.name", "tiny test")
        .kvRaw("tokenizer.ggml.tokens", 9, GgufFixtureWriter.concat(
            GgufFixtureWriter.le(8, 4), GgufFixtureWriter.le(2, 8),
            new GgufFixtureWriter(3).string("<s>"), new GgufFixtureWriter(3).string("héllo")))
        .tensor("token_embd.weight", GgmlType.F16, 64, 32)
        .tensor("blk.0.attn_q.weight", GgmlType.Q4_K, 256, 64);
    gguf.write(dir.resolve("tiny.gguf"));
    new SafetensorsFixtureWriter()
        .tensor("model.embed_tokens.weight", SafetensorsDtype.BF16, 32, 16)
        .tensor("lm_head.weight", SafetensorsDtype.BF16, 32, 16)
        .write(dir.resolve("tiny.safetensors"));
    Files.writeString(dir.resolve("unknown.json"), """
        {"model_type": "no-such-family", "hidden_size": 64, "num_hidden_layers": 2,
         "num_attention_heads": 4, "intermediate_size": 128, "vocab_size": 100}
        """);
    Files.writeString(dir.resolve("broken.json"), "{\"model_type\": \"llama\", ");
    Files.write(dir.resolve("bad.gguf"), "GGUF\u0003\u0000\u0000\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  private static String[] args(String line) {
    List<String> out = new ArrayList<>();
    for (String part : line.trim().split(" +")) {
      if (!part.isEmpty()) {
        out.add(part.replace("DIR", dir.toString()));
      }
    }
    return out.toArray(String[]::new);
  }

  private static CliRun direct(String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DirectRun.tryRun(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  private static CliRun picocli(String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.runWithPicocli(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "[{index}] paramscope {0}")
  @ValueSource(strings = {
      "",
      "--lang en",
      "--lang=zh --format markdown",
      "--units gib --format csv --lang en",
      "count llama-3.1-8b",
      "count llama-3.1-8b --format json",
      "count deepseek-v3 --lang zh --units GiB",
      "count --format=csv qwen3-30b-a3b --lang=en",
      "count DIR/unknown.json --assume llama --lang en",
      "count DIR/unknown.json --lang en",
      "count DIR/broken.json",
      "count no-such-model-anywhere",
      "size gpt-4o --units gib --lang en",
      "size llama-3.1-8b --format json",
      "size DIR/unknown.json --assume=llama --format markdown --lang zh",
      "inspect DIR/tiny.gguf --lang en",
      "inspect DIR/tiny.gguf --units=GiB --lang en",
      "inspect DIR/tiny.gguf --tensors --format csv",
      "inspect DIR/tiny.gguf --format json",
      "inspect DIR/tiny.safetensors --tensors --lang zh",
      "inspect DIR --format markdown --lang en",
      "inspect DIR/bad.gguf",
      "inspect DIR/missing.safetensors",
  })
  void runsWhatItHandlesExactlyAsPicocliDoes(String line) {
    CliRun direct = direct(args(line));
    CliRun picocli = picocli(args(line));
    assertThat(direct.exitCode()).as("handled directly: " + line).isNotEqualTo(-1);
    assertThat(direct).isEqualTo(picocli);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "--help", "-h", "--version", "-V", "count --help", "inspect DIR/tiny.gguf -h",
      "count llama-3.1-8b --verbose", "inspect DIR/tiny.gguf --verbose",
      "count", "inspect", "count a b", "llama-3.1-8b", "memory llama-3.1-8b", "compare gpt-4o",
      "count llama-3.1-8b --format", "count llama-3.1-8b --format yaml", "count llama-3.1-8b --lang fr",
      "count llama-3.1-8b --units kb", "count llama-3.1-8b --format json --format csv",
      "count llama-3.1-8b --tensors", "inspect DIR/tiny.gguf --assume llama", "inspect DIR/tiny.gguf --tensors=true",
      "count llama-3.1-8b --no-such-option", "count @DIR/args.txt", "count -- llama-3.1-8b",
      "count llama-3.1-8b --format --lang", "count -x", "--lang en extra",
  })
  void declinesEverythingElseWithoutWritingAnything(String line) {
    CliRun direct = direct(args(line));
    assertThat(direct).isEqualTo(new CliRun(-1, "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"count", "size", "inspect"})
  void picocliKnowsEveryOptionTheDirectPathAccepts(String command) {
    var spec = Main.commandLine(new String[] {command}).getSubcommands().get(command).getCommandSpec();
    List<String> accepted = new ArrayList<>(List.of("--format", "--lang", "--units"));
    accepted.add(command.equals("inspect") ? "--tensors" : "--assume");
    for (String option : accepted) {
      assertThat(spec.findOption(option)).as(command + " " + option).isNotNull();
    }
  }
}
