package dev.paramscope.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.model.Quantization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code quantization_config}, the block transformers' quantizers write into config.json
 * (transformers {@code utils/quantization_config.py}): {@code quant_method} names the scheme; GPTQ
 * and AWQ state {@code bits} (AWQ's older {@code w_bit}); llm-compressor's {@code
 * compressed-tensors} states {@code format}, {@code config_groups.*.weights} (num_bits, type,
 * group_size, symmetric) and {@code ignore};
 * ModelOpt states {@code quant_algo}; bitsandbytes {@code load_in_4bit}/{@code load_in_8bit}.
 */
final class QuantizationConfig {
  private QuantizationConfig() {}

  /** The checkpoint's quantization, or null when the config has no {@code quantization_config}. */
  static Quantization read(ConfigObject config) {
    ConfigObject q = config.child("quantization_config");
    if (q == null) {
      return null;
    }
    String method = q.text("quant_method");
    if (method == null) {
      throw config.problem("quantization_config: missing quant_method");
    }
    String m = method.toLowerCase(Locale.ROOT);
    return switch (m) {
      case "fp8", "fbgemm_fp8" -> new Quantization(m, 8, true);
      case "mxfp4" -> new Quantization(m, 4, true);
      case "gptq", "awq" -> new Quantization(m, bits(q, "bits", "w_bit"), false);
      case "bitsandbytes" -> new Quantization(m, q.bool("load_in_4bit", false) ? 4 : q.bool("load_in_8bit", false) ? 8 : 0,
          false);
      case "modelopt" -> modelopt(q);
      case "compressed-tensors" -> compressedTensors(q);
      default -> new Quantization(m, bits(q, "bits"), false);
    };
  }

  private static Quantization modelopt(ConfigObject q) {
    String algo = q.text("quant_algo") == null ? "" : q.text("quant_algo").toLowerCase(Locale.ROOT);
    return algo.equals("nvfp4") ? new Quantization("nvfp4", 4, true)
        : algo.equals("fp8") ? new Quantization("fp8", 8, true) : new Quantization("modelopt", 0, false);
  }

  /** Longest {@code ignore} list read; published ones name a few patterns or every module of a model. */
  static final int MAX_IGNORE = 1 << 16;

  /**
   * llm-compressor: the first config group's weight scheme (bits, int or float, {@code group_size},
   * {@code symmetric}) and the {@code ignore} list of modules left unquantized; the NVFP4 packing has
   * its own format.
   */
  private static Quantization compressedTensors(ConfigObject q) {
    if ("nvfp4-pack-quantized".equals(q.text("format"))) {
      return new Quantization("nvfp4", 4, true);
    }
    List<String> ignore = ignore(q);
    JsonNode groups = q.node().path("config_groups");
    for (JsonNode group : groups) {
      JsonNode weights = group.path("weights");
      int bits = weights.path("num_bits").canConvertToInt() ? weights.path("num_bits").intValue() : 0;
      if (bits < 0 || bits > 64) {
        throw q.problem("quantization_config.config_groups: num_bits (" + bits + ") must be in [0, 64]");
      }
      JsonNode groupSize = weights.path("group_size");
      int size = groupSize.canConvertToInt() && groupSize.intValue() > 0 ? groupSize.intValue() : 0;
      return new Quantization("compressed-tensors", bits, "float".equals(weights.path("type").asText()), size,
          weights.path("symmetric").asBoolean(false), ignore);
    }
    return new Quantization("compressed-tensors", 0, false, 0, false, ignore);
  }

  /**
   * {@code ignore}: module names, or {@code re:} and a Python regular expression (matched from the
   * start), as Java regular expressions. Python's named groups are rewritten for Java; an entry Java
   * still cannot compile is skipped (the scheme then reads as covering that module).
   */
  private static List<String> ignore(ConfigObject q) {
    List<String> entries = q.textList("ignore");
    if (entries.size() > MAX_IGNORE) {
      throw q.problem("quantization_config.ignore: more than " + MAX_IGNORE + " entries");
    }
    List<String> patterns = new ArrayList<>(entries.size());
    for (String entry : entries) {
      String regex = entry.startsWith("re:") ? entry.substring(3).replace("(?P<", "(?<") : Pattern.quote(entry) + "$";
      try {
        Pattern.compile(regex);
        patterns.add(regex);
      } catch (PatternSyntaxException unreadable) {
        // skipped, as the comment says
      }
    }
    return patterns;
  }

  private static int bits(ConfigObject q, String... keys) {
    for (String key : keys) {
      if (q.has(key)) {
        int bits = q.nonNegative(key, 0);
        if (bits > 64) {
          throw q.problem("quantization_config." + key + " (" + bits + ") must be at most 64");
        }
        return bits;
      }
    }
    return 0;
  }
}
