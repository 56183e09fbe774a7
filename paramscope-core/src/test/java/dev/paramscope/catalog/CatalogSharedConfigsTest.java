package dev.paramscope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.testing.SharedTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every published config in {@code ../shared/testdata/configs/} has a catalog entry whose config
 * agrees with it: every key we store has the file's value, and every shape key the file has, we
 * have. (The catalog states these facts itself; the files only check our transcription.)
 */
class CatalogSharedConfigsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Keys that change a parameter count; if the published file has one, the catalog must too. */
  private static final Set<String> SHAPE_KEYS = Set.of(
      "vocab_size", "hidden_size", "n_embd", "intermediate_size", "n_inner", "ffn_dim",
      "num_hidden_layers", "n_layer", "num_attention_heads", "n_head", "num_key_value_heads",
      "head_dim", "tie_word_embeddings", "num_local_experts", "num_experts", "num_experts_per_tok",
      "moe_intermediate_size", "shared_expert_intermediate_size", "n_routed_experts",
      "n_shared_experts", "first_k_dense_replace", "moe_layer_freq", "q_lora_rank", "kv_lora_rank",
      "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim", "attention_bias", "mlp_bias",
      "use_qkv_bias", "qk_layernorm", "n_positions", "max_position_embeddings", "layer_types",
      "mlp_only_layers", "decoder_sparse_step", "partial_rotary_factor", "rotary_pct");

  @Test
  void everySharedConfigIsInTheCatalogWithTheSameValues() throws IOException {
    Path configs = SharedTestData.require("configs");
    List<Path> folders;
    try (Stream<Path> list = Files.list(configs)) {
      folders = list.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(folders).isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (Path folder : folders) {
      String repo = folder.getFileName().toString().replace("--", "/");
      JsonNode published = MAPPER.readTree(folder.resolve("config.json").toFile());
      List<CatalogEntry> matches = Catalog.builtIn().entries().stream()
          .filter(entry -> entry.hfRepo().equals(repo)).toList();
      if (matches.size() != 1) {
        problems.add(repo + ": " + matches.size() + " catalog entries");
        continue;
      }
      compare(repo, matches.get(0).config().orElseThrow(), published, problems);
    }
    assertThat(problems).isEmpty();
  }

  private static void compare(String repo, JsonNode ours, JsonNode published, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = ours.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode theirs = published.get(field.getKey());
      if (theirs == null) {
        // A key the transcribed file dropped may only be stated as null (e.g. q_lora_rank).
        if (!field.getValue().isNull()) {
          out.add(repo + ": " + field.getKey() + " is not in the published file");
        }
      } else if (!sameValue(field.getValue(), theirs)) {
        out.add(repo + ": " + field.getKey() + " " + field.getValue() + " != " + theirs);
      }
    }
    published.fieldNames().forEachRemaining(key -> {
      if (SHAPE_KEYS.contains(key) && !ours.has(key)) {
        out.add(repo + ": shape key " + key + " missing from the catalog");
      }
    });
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
