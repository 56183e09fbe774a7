package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KV cache of sliding-window and chunked models under each runtime's policy (issue 17 item 4),
 * worked by hand from the published configs.
 */
class SlidingWindowPolicyTest {
  private static long kv(String model, long context, long batch, String runtime) {
    ModelArchitecture arch = ModelSource.resolve(model, null).architecture().orElseThrow();
    return new KvCache(arch).bytes(context, batch, KvDtype.FP16, InferenceRuntime.parse(runtime).windowPolicy());
  }

  @ParameterizedTest(name = "{0} at {1} × {2} under {3}")
  @CsvSource({
      // Mistral-7B-v0.1: 32 layers × 2 × 8 KV heads × 128 × 2 bytes = 131,072 bytes per token, window 4096.
      // llama.cpp runs it as llama (no SWA): the full 8192; vLLM V1 and transformers keep 4096.
      "mistral-7b-v0.1, 8192, 1, llama.cpp, 1073741824",
      "mistral-7b-v0.1, 8192, 1, vllm, 536870912",
      "mistral-7b-v0.1, 8192, 1, transformers, 536870912",
      "mistral-7b-v0.1, 8192, 1, vllm-0.5, 1073741824",
      // Phi-3-mini-4k: 32 layers × 2 × 32 heads × 96 × 2 = 393,216 bytes per token, window 2047;
      // llama.cpp disables Phi SWA (full 4096), vLLM V1 keeps 2047.
      "phi-3-mini-4k, 4096, 1, llama.cpp, 1610612736",
      "phi-3-mini-4k, 4096, 1, vllm, 804913152",
      // Gemma-2-9B: 42 layers alternating window 4096 / global, 8 KV heads × 256 → 8,192 bytes per
      // token per layer. llama.cpp: 21 global × 8192 + 21 × pad(min(8192, 4096 + 512), 256) = 4608 cells.
      "gemma-2-9b, 8192, 1, llama.cpp, 2202009600",
      // vLLM V1: 21 × 8192 + 21 × 4096
      "gemma-2-9b, 8192, 1, vllm, 2113929216",
      // --swa-full, ik_llama.cpp, vLLM 0.5: 42 × 8192
      "gemma-2-9b, 8192, 1, llama.cpp-swa-full, 2818572288",
      "gemma-2-9b, 8192, 1, ik_llama.cpp, 2818572288",
      "gemma-2-9b, 8192, 1, vllm-0.5, 2818572288",
      // 4 sequences in llama.cpp: n_ctx 32768; window cells pad(min(32768, 4096 × 4 + 512), 256) = 16,896
      "gemma-2-9b, 8192, 4, llama.cpp, 8543797248",
      // Llama 4 Scout: 48 layers × 2 × 8 × 128 × 2 = 4,096 bytes per token per layer; 36 chunked at 8192.
      // transformers keeps one chunk; vLLM (hybrid manager off for chunks) the whole context;
      // llama.cpp 36 × pad(8192 + 512, 256) = 8704 cells.
      "llama-4-scout, 32768, 1, transformers, 2818572288",
      "llama-4-scout, 32768, 1, vllm, 6442450944",
      "llama-4-scout, 32768, 1, llama.cpp, 2894069760",
  })
  void eachRuntimeSizesWindowsItsOwnWay(String model, long context, long batch, String runtime, long bytes) {
    assertThat(kv(model, context, batch, runtime)).isEqualTo(bytes);
  }
}
