package dev.paramscope.weights.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.json.JsonTrees;
import dev.paramscope.BadInputException;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json} (transformers'
 * SAFE_WEIGHTS_INDEX_NAME): {@code {"metadata": {"total_size": N, ...}, "weight_map":
 * {tensor: shard file name}}}. Shard names must be plain file names in the index's folder.
 *
 * @param weightMap tensor name to shard file name, in file order
 * @param metadata the index's {@code metadata} entries as text (e.g. total_size)
 */
record SafetensorsIndex(Map<String, String> weightMap, Map<String, String> metadata) {
  /** Far above the largest published index (a few MB). */
  static final long MAX_INDEX_BYTES = 64L << 20;
  /** Indexes up to this size (all real ones) are read whole. */
  static final long WHOLE_INDEX_BYTES = 8L << 20;

  SafetensorsIndex {
    weightMap = Collections.unmodifiableMap(new LinkedHashMap<>(weightMap));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  static SafetensorsIndex read(Path path) throws IOException {
    String file = path.toString();
    if (!Files.isRegularFile(path)) {
      throw new BadInputException(file, "no such file");
    }
    long size = Files.size(path);
    if (size > MAX_INDEX_BYTES) {
      throw new WeightFormatException(file, "index", -1, size + " bytes exceeds the "
          + MAX_INDEX_BYTES + "-byte limit for an index");
    }
    // Streamed: a weight map has thousands of entries, and a tree of them only to copy it out
    // cost a cold run more than reading the shards' headers.
    Map<String, String> weightMap = null;
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonParser json = size <= WHOLE_INDEX_BYTES
        // Decoded here (malformed bytes replaced, as a reader would) and parsed from chars: the
        // stream path decodes through a reader a few bytes at a time.
        ? HeaderJson.FACTORY.createParser(new String(Files.readAllBytes(path), StandardCharsets.UTF_8).toCharArray())
        : HeaderJson.FACTORY.createParser(Files.newInputStream(path))) {
      if (json.nextToken() == JsonToken.START_OBJECT) {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String key = json.currentName();
          JsonToken value = json.nextToken();
          if (key.equals("weight_map") && value == JsonToken.START_OBJECT) {
            weightMap = weightMap(file, json);
          } else if (key.equals("metadata")) {
            metadata = metadata(JsonTrees.readCurrent(json));
          } else {
            json.skipChildren();
          }
        }
      }
    } catch (JsonProcessingException e) {
      throw new WeightFormatException(file, "index", -1, "invalid JSON: " + e.getOriginalMessage(),
          e);
    }
    if (weightMap == null) {
      throw new WeightFormatException(file, "weight_map", -1, "index has no weight_map object");
    }
    return new SafetensorsIndex(weightMap, metadata);
  }

  private static Map<String, String> weightMap(String file, JsonParser json) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String tensor = json.currentName();
      String shard = json.nextToken() == JsonToken.VALUE_STRING ? json.getText() : null;
      if (shard == null || shard.isEmpty() || shard.contains("/") || shard.contains("\\")
          || shard.equals("..") || shard.equals(".")) {
        throw new WeightFormatException(file, "weight_map." + tensor, -1, "shard "
            + JsonTrees.readCurrent(json) + " is not a plain file name in the index's folder");
      }
      map.put(tensor, shard);
    }
    return map;
  }

  private static Map<String, String> metadata(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        map.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText()
            : entry.getValue().toString());
      }
    }
    return map;
  }
}
