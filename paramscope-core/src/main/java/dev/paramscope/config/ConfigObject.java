package dev.paramscope.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A config.json object with typed, validated accessors. Every failure is a
 * {@link BadInputException} naming the source, the key and the offending value.
 *
 * <p>A key that is absent or JSON {@code null} is "not set" and takes the caller's default.
 */
final class ConfigObject {
  /** Largest size any dimension may have; larger values are surely not a real model. */
  static final int MAX_SIZE = 1 << 30;
  /** Largest layer count accepted (one record is built per layer). */
  static final int MAX_LAYERS = 10_000;

  private final JsonNode node;
  private final String source;

  ConfigObject(JsonNode node, String source) {
    this.node = node;
    this.source = source;
  }

  String source() {
    return source;
  }

  JsonNode node() {
    return node;
  }

  /** True when the key is present and not null. */
  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  BadInputException problem(String message) {
    return new BadInputException(source, message);
  }

  /** The first set key of {@code keys} as a positive int, or {@code fallback} when none is set. */
  int positive(int fallback, String... keys) {
    for (String key : keys) {
      if (has(key)) {
        return integer(key, 1);
      }
    }
    return fallback;
  }

  /** The first set key of {@code keys} as a positive int; fails when none is set. */
  int required(String... keys) {
    for (String key : keys) {
      if (has(key)) {
        return integer(key, 1);
      }
    }
    throw problem("missing required key " + String.join(" or ", keys));
  }

  /** A non-negative int (e.g. {@code first_k_dense_replace}); null or absent gives {@code fallback}. */
  int nonNegative(String key, int fallback) {
    return has(key) ? integer(key, 0) : fallback;
  }

  /** A layer count: positive and at most {@link #MAX_LAYERS}. */
  int layerCount(String... keys) {
    int layers = required(keys);
    if (layers > MAX_LAYERS) {
      throw problem(String.format(Locale.ROOT, "%s (%d) exceeds the supported maximum of %d layers",
          keys[0], layers, MAX_LAYERS));
    }
    return layers;
  }

  private int integer(String key, int min) {
    JsonNode value = node.get(key);
    if (!value.isNumber() || !value.canConvertToExactIntegral()) {
      throw problem(key + ": expected an integer, got " + shortText(value));
    }
    if (!value.canConvertToLong() || value.asLong() < min || value.asLong() > MAX_SIZE) {
      throw problem(String.format(Locale.ROOT, "%s: %s is out of range (%d..%d)",
          key, shortText(value), min, MAX_SIZE));
    }
    return (int) value.asLong();
  }

  /** A boolean key; absent or null gives {@code fallback}. */
  boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isBoolean()) {
      throw problem(key + ": expected true or false, got " + shortText(value));
    }
    return value.booleanValue();
  }

  /** A string key, or null when absent, null or not a string. */
  String text(String key) {
    JsonNode value = node.get(key);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  /**
   * Layer {@code layer}'s value of a key that is one integer or a list with one per layer
   * (Hunyuan's {@code num_experts}/{@code moe_topk}, Gemma 3n's {@code intermediate_size}), at
   * least {@code min} (0 or 1); {@code fallback} when not set.
   */
  int perLayerInt(String key, int fallback, int numLayers, int layer, int min) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isArray()) {
      return min == 0 ? nonNegative(key, fallback) : positive(fallback, key);
    }
    if (value.size() != numLayers) {
      throw problem(String.format(Locale.ROOT, "%s lists %d values but num_hidden_layers is %d",
          key, value.size(), numLayers));
    }
    JsonNode item = value.get(layer);
    if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < min
        || item.intValue() > MAX_SIZE) {
      throw problem(String.format(Locale.ROOT, "%s[%d]: expected an integer of at least %d, got %s",
          key, layer, min, shortText(item)));
    }
    return item.intValue();
  }

  /** An array of non-negative ints (e.g. {@code mlp_only_layers}); empty when not set. */
  List<Integer> intList(String key) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode item : array(key)) {
      if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 0) {
        throw problem(key + ": expected non-negative integers, got " + shortText(item));
      }
      out.add(item.intValue());
    }
    return out;
  }

  /**
   * An array of arrays of non-negative ints (e.g. Gemma 3n's {@code sscp_conv_kernel_size},
   * {@code [[3, 3], [3, 3]]}); empty when not set.
   */
  List<List<Integer>> intLists(String key) {
    List<List<Integer>> out = new ArrayList<>();
    for (JsonNode row : array(key)) {
      if (!row.isArray()) {
        throw problem(key + ": expected arrays of integers, got " + shortText(row));
      }
      List<Integer> ints = new ArrayList<>();
      for (JsonNode item : row) {
        if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() < 0) {
          throw problem(key + ": expected non-negative integers, got " + shortText(item));
        }
        ints.add(item.intValue());
      }
      out.add(List.copyOf(ints));
    }
    return out;
  }

  /** An array of strings (e.g. {@code layer_types}); empty when not set. */
  List<String> textList(String key) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(key)) {
      if (!item.isTextual()) {
        throw problem(key + ": expected strings, got " + shortText(item));
      }
      out.add(item.textValue());
    }
    return out;
  }

  private Iterable<JsonNode> array(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonNode value = node.get(key);
    if (!value.isArray()) {
      throw problem(key + ": expected an array, got " + shortText(value));
    }
    return value;
  }

  /** A nested object (e.g. {@code text_config}), or null when not set. */
  ConfigObject child(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode value = node.get(key);
    if (!value.isObject()) {
      throw problem(key + ": expected an object, got " + shortText(value));
    }
    return new ConfigObject(value, source);
  }

  static String shortText(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
