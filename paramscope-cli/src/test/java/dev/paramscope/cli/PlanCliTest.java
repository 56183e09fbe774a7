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
 * {@code paramscope plan}: whole renderings for the engines on catalog models, compared with
 * {@code src/test/resources/golden/plan-*} (rewrite with {@code -Dparamscope.golden.update=true} and
 * review the diff), and one line on stderr with exit code 2 for bad input.
 */
class PlanCliTest {
  private static final Path GOLDEN = SharedTestData.projectRoot().resolve("paramscope-cli/src/test/resources/golden");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plan-vllm-llama-3.1-8b-en.txt       | plan llama-3.1-8b --engine vllm --gpu rtx-4090x2 --lang en
      plan-vllm-llama-3.1-8b-zh.txt       | plan llama-3.1-8b --engine vllm --gpu rtx-4090x2 --lang zh
      plan-vllm-qwen3-30b-a3b.json        | plan qwen3-30b-a3b --engine vllm --gpu h100-sxmx2 --kv-dtype fp8 --format json
      plan-vllm-gemma-2-9b-en.txt         | plan gemma-2-9b --engine vllm --gpu l4 --lang en
      plan-sglang-deepseek-v2-lite-en.txt | plan deepseek-v2-lite --engine sglang --gpu a100-80gb-sxm --lang en
      plan-sglang-deepseek-v2-lite-zh.txt | plan deepseek-v2-lite --engine sglang --gpu a100-80gb-sxm --lang zh
      plan-llamacpp-llama-3.1-70b-en.txt  | plan llama-3.1-70b --engine llama.cpp --gpu rtx-4090 --cpu-ram 64GiB -ctk q8_0 --lang en
      plan-llamacpp-llama-3.1-70b-zh.txt  | plan llama-3.1-70b --engine llama.cpp --gpu rtx-4090 --cpu-ram 64GiB -ctk q8_0 --lang zh
      plan-llamacpp-gpt-oss-20b.csv       | plan gpt-oss-20b --engine llama.cpp --gpu rtx-3090 -c 32768 -fa --format csv
      plan-llamacpp-draft-mmproj-en.txt   | plan qwen2.5-7b --engine llama.cpp --gpu rtx-4090 -md qwen2.5-0.5b --mmproj 600MiB -c 16384 --lang en
      plan-transformers-qwen3-8b.md       | plan qwen3-8b --engine transformers --gpu a10g --format markdown --lang en
      """)
  void planRenderingMatchesItsGoldenFile(String file, String args) throws IOException {
    CliRun run = CliRun.of(args.trim().split(" +"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("paramscope.golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
    }
    assertThat(run.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plan llama-3.1-8b --engine tgi --gpu h100                         | --engine: unknown engine 'tgi'
      plan llama-3.1-8b --engine vllm --gpu h100x8 --tp 3               | --tp 3 must divide num_attention_heads (32)
      plan llama-3.1-8b --engine vllm --gpu h100 --tp 2                 | --tp 2 × --pp 1 needs 2 GPUs, --gpu gives 1
      plan llama-3.1-8b --engine vllm --gpu h100 --gpu-memory-utilization 1.5 | --gpu-memory-utilization must be in (0, 1]
      plan llama-3.1-8b --engine llama.cpp --gpu rtx-4090 -ctk fp8      | llama.cpp has no fp8 KV cache
      plan llama-3.1-8b --engine sglang --gpu h100 --kv-dtype q4_0      | sglang has no q4_0 KV cache
      plan llama-3.1-8b --engine vllm --gpu h100 --context 0            | --context: must be positive, got 0
      plan llama-3.1-8b --engine llama.cpp --gpu rtx-4090 -ngl -1       | -ngl: must not be negative, got -1
      plan llama-3.1-8b --engine vllm --gpu nosuchgpu                   | --gpu: unknown GPU 'nosuchgpu'
      plan gpt-4o --engine vllm --gpu h100                              | gpt-4o
      plan llama-3.1-8b --engine llama.cpp --gpu rtx-4090 -c 1000000000000000 | --context must be between 1 and 134217728
      plan llama-3.1-8b --engine vllm --gpu h100 --max-num-batched-tokens 999999999999 | --max-num-batched-tokens must be between
      plan llama-3.1-8b --engine llama.cpp --gpu rtx-4090 --mmproj 2000TiB      | --mmproj must be at most 1 PiB
      plan llama-3.1-8b --engine vllm --gpu h100 --tp 99999             | --tp must be between 1 and 4096
      plan llama-3.1-8b --engine vllm --gpu h100 --vllm-engine v9       | --vllm-engine: unknown vLLM engine 'v9'
      plan llama-3.1-8b --engine vllm --gpu h100 --sampler-bytes-per-logit 0 | --sampler-bytes-per-logit: must be positive
      plan llama-3.1-8b --engine vllm --gpu h100 --sampler-bytes-per-logit 5000 | --sampler-bytes-per-logit must be between 1 and 1024
      """)
  void badInputIsOneLineAndExitCode2(String args, String message) {
    CliRun run = CliRun.of(args.trim().split(" +"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theVllmEngineAndSamplerFlagsOverrideTheProfilingPass() throws IOException {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    // V1 on an H100 with 14 bytes per logit: 1024 × 128,256 × 14 + 8192 × 4096 × 2
    var v1 = mapper.readTree(CliRun.of("plan", "llama-3.1-8b", "--engine", "vllm", "--gpu", "h100",
        "--sampler-bytes-per-logit", "14", "--format", "json").out());
    assertThat(activation(v1)).isEqualTo(1024L * 128_256 * 14 + 8192L * 4096 * 2);
    // V0 at the 131,072-token default context: 2048-token chunks, 2048 × (3·14336 + 3·4096) × 2
    var v0 = mapper.readTree(CliRun.of("plan", "llama-3.1-8b", "--engine", "vllm", "--gpu", "h100",
        "--vllm-engine", "V0", "--format", "json").out());
    assertThat(activation(v0)).isEqualTo(226_492_416L);
  }

  private static long activation(com.fasterxml.jackson.databind.JsonNode plan) {
    for (var row : plan.get("memory")) {
      if (row.get("term").asText().equals("activation_peak_bytes")) {
        return row.get("bytes").asLong();
      }
    }
    throw new AssertionError("no activation_peak_bytes in " + plan);
  }
}
