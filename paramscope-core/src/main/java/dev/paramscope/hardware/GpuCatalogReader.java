package dev.paramscope.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.json.JsonTrees;
import dev.paramscope.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the accelerator catalog ({@code gpus.json}): {@code {"decode_profiles": {name: {...}},
 * "accelerators": [ ... ]}}.
 *
 * <p>Per entry: {@code memory_gib} (the datasheet "GB" figure, read as GiB), {@code
 * memory_bandwidth_gb_per_s} (decimal GB/s), {@code dense_tflops} (dtype key to dense TFLOPS or
 * TOPS), {@code interconnect {name, gb_per_s}}, {@code price {usd_per_hour, provider, as_of,
 * source}}, {@code sources} (figure name to URL, see {@link Gpu#figureSources}), {@code
 * decode_profile} (a key of {@code decode_profiles}: {@code token_overhead_ms},
 * {@code bandwidth_efficiency}, {@code basis}, {@code source}); see {@link Gpu} for the units. Ids
 * and aliases must be unique across the file.
 */
final class GpuCatalogReader {
  private static final double GIGA = 1e9;
  private static final double TERA = 1e12;

  private GpuCatalogReader() {}

  static List<Gpu> read(InputStream in, String source) {
    JsonNode root;
    try {
      root = JsonTrees.read(JsonTrees.DEFAULT_FACTORY, in);
    } catch (IOException e) {
      throw new BadInputException(source, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (root == null || !root.path("accelerators").isArray()) {
      throw new BadInputException(source, "expected an object with an \"accelerators\" array");
    }
    Map<String, DecodeProfile> profiles = new HashMap<>();
    root.path("decode_profiles").fields().forEachRemaining(field -> {
      try {
        profiles.put(field.getKey(), profile(field.getKey(), field.getValue()));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(source, "decode_profiles." + field.getKey() + ": " + e.getMessage(), e);
      }
    });
    List<Gpu> gpus = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode node : root.get("accelerators")) {
      String where = "accelerators[" + index++ + "] (" + node.path("id").asText("?") + ")";
      Gpu gpu;
      try {
        gpu = gpu(node, profiles);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new BadInputException(source, where + ": " + e.getMessage(), e);
      }
      List<String> keys = new ArrayList<>(gpu.aliases());
      keys.add(gpu.id());
      for (String key : keys) {
        if (!names.add(key)) {
          throw new BadInputException(source, where + ": id or alias \"" + key + "\" is repeated");
        }
      }
      gpus.add(gpu);
    }
    return List.copyOf(gpus);
  }

  private static DecodeProfile profile(String key, JsonNode node) {
    return new DecodeProfile(key,
        positiveOrZero("token_overhead_ms", node.get("token_overhead_ms")) / 1e3,
        positive("bandwidth_efficiency", node.get("bandwidth_efficiency")),
        text(node, "basis"),
        text(node, "source"),
        node.path("borrowed_from").asText(""));
  }

  private static Gpu gpu(JsonNode node, Map<String, DecodeProfile> profiles) {
    Map<ComputeDtype, Double> flops = new EnumMap<>(ComputeDtype.class);
    node.path("dense_tflops").fields().forEachRemaining(field -> {
      ComputeDtype dtype = ComputeDtype.fromJsonKey(field.getKey()).orElseThrow(
          () -> new IllegalArgumentException("dense_tflops key \"" + field.getKey()
              + "\" is not a known dtype"));
      flops.put(dtype, positive("dense_tflops." + field.getKey(), field.getValue()) * TERA);
    });
    JsonNode link = node.path("interconnect");
    boolean hasLink = link.isObject();
    List<String> aliases = new ArrayList<>();
    node.path("aliases").forEach(alias -> aliases.add(alias.asText().toLowerCase(Locale.ROOT)));
    if (!node.path("sources").isObject() || node.path("sources").isEmpty()) {
      throw new IllegalArgumentException("sources must map each figure to a URL, e.g. {\"dense_tflops\": \"https://...\"}");
    }
    Map<String, String> sources = new LinkedHashMap<>();
    node.path("sources").fields().forEachRemaining(field -> sources.put(field.getKey(), field.getValue().asText()));
    String profileKey = node.path("decode_profile").asText("");
    DecodeProfile decode = profiles.get(profileKey);
    if (decode == null) {
      throw new IllegalArgumentException("decode_profile \"" + profileKey + "\" is not one of " + profiles.keySet());
    }
    return new Gpu(
        text(node, "id"),
        text(node, "name"),
        text(node, "vendor"),
        aliases,
        text(node, "memory_datasheet"),
        Math.multiplyExact(wholeNumber("memory_gib", node.get("memory_gib")), 1L << 30),
        node.has("usable_memory_fraction") ? node.get("usable_memory_fraction").asDouble() : 1.0,
        Math.round(positive("memory_bandwidth_gb_per_s", node.get("memory_bandwidth_gb_per_s"))
            * GIGA),
        flops,
        node.path("sparsity_in_datasheet").asBoolean(false),
        hasLink ? text(link, "name") : "",
        hasLink ? Math.round(positive("interconnect.gb_per_s", link.get("gb_per_s")) * GIGA) : 0L,
        price(node.path("price")),
        sources,
        decode,
        text(node, "note"));
  }

  private static Optional<CloudPrice> price(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new CloudPrice(
        positive("price.usd_per_hour", node.get("usd_per_hour")),
        text(node, "provider"),
        text(node, "as_of"),
        text(node, "source")));
  }

  private static long wholeNumber(String field, JsonNode value) {
    if (value == null || !value.canConvertToExactIntegral() || value.asLong() <= 0) {
      throw new IllegalArgumentException(field + " must be a positive whole number, got " + value);
    }
    return value.asLong();
  }

  private static double positive(String field, JsonNode value) {
    if (value == null || !value.isNumber() || !(value.asDouble() > 0)) {
      throw new IllegalArgumentException(field + " must be a positive number, got " + value);
    }
    return value.asDouble();
  }

  private static double positiveOrZero(String field, JsonNode value) {
    if (value == null || !value.isNumber() || !(value.asDouble() >= 0)) {
      throw new IllegalArgumentException(field + " must be a number, zero or more, got " + value);
    }
    return value.asDouble();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
