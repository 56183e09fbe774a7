package dev.paramscope.weights.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.CutText;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json} (transformers'
 * SAFE_WEIGHTS_INDEX_NAME): {@code {"metadata": {"total_size": N, ...}, "weight_map":
 * {tensor: shard file name}}}. Shard names must be plain file names in the index's folder.
 *
 * @param weightMap tensor name to shard file name, in file order
 * @param metadata the index's {@code metadata} entries as text (e.g. total_size)
 * @param shards the distinct shard names the weight_map gives, sorted
 */
record SafetensorsIndex(Map<String, String> weightMap, Map<String, Object> metadata, List<String> shards) {
  /** Far above the largest published index (a few MB). */
  static final long MAX_INDEX_BYTES = 64L << 20;
  /** The longest structured metadata value kept as its JSON text. */
  static final int KEPT_JSON_BYTES = 1 << 16;

  SafetensorsIndex {
    weightMap = java.util.Collections.unmodifiableMap(weightMap);
    metadata = java.util.Collections.unmodifiableMap(metadata);
    shards = List.copyOf(shards);
  }

  static SafetensorsIndex read(Path path) throws IOException {
    String file = path.toString();
    // Through ByteSource (a RandomAccessFile): it also refuses what is not a regular file.
    try (ByteSource source = ByteSource.ofFile(path)) {
      long size = source.size();
      if (size > MAX_INDEX_BYTES) {
        throw new WeightFormatException(file, "index", -1, size + " bytes exceeds the "
            + MAX_INDEX_BYTES + "-byte limit for an index");
      }
      byte[] bytes = new byte[(int) size]; // at most MAX_INDEX_BYTES, checked above
      source.readFully(0, bytes, 0, bytes.length);
      try (JsonParser json = HeaderJson.parser(bytes)) {
        return read(source, json);
      } catch (JsonProcessingException e) {
        throw HeaderJson.invalid(file, "index", 0, e);
      }
    }
  }

  private static SafetensorsIndex read(ByteSource source, JsonParser json) throws IOException {
    Map<String, String> weightMap = null;
    Map<String, Object> metadata = new LinkedHashMap<>();
    List<String> shards = new ArrayList<>();
    if (json.nextToken() == JsonToken.START_OBJECT) {
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String key = json.currentName();
        JsonToken value = json.nextToken();
        if (key.equals("weight_map") && value == JsonToken.START_OBJECT) {
          weightMap = weightMap(source.name(), json, shards);
        } else if (key.equals("metadata") && value == JsonToken.START_OBJECT) {
          metadata = metadata(source, json);
        } else {
          json.skipChildren();
        }
      }
    }
    if (weightMap == null) {
      throw new WeightFormatException(source.name(), "weight_map", -1, "index has no weight_map object");
    }
    shards.sort(null);
    return new SafetensorsIndex(weightMap, metadata, shards);
  }

  /** The weight_map; each distinct shard name is added to {@code shardNames} once, checked. */
  private static Map<String, String> weightMap(String file, JsonParser json, List<String> shardNames)
      throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    Map<String, String> shards = new HashMap<>(); // one String per shard, shared by its entries
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String tensor = HeaderJson.text(json, file, "weight_map", 0);
      JsonToken value = json.nextToken();
      long at = json.currentTokenLocation().getByteOffset();
      String shard = value == JsonToken.VALUE_STRING ? HeaderJson.text(json, file, "weight_map." + tensor, 0) : null;
      String known = shard == null ? null : shards.get(shard);
      if (known == null) {
        if (shard == null || shard.isEmpty() || shard.contains("/") || shard.contains("\\")
            || shard.equals("..") || shard.equals(".")) {
          String shown = shard != null ? "\"" + shard + "\"" : value.isScalarValue() ? json.getText() : "of " + value;
          throw new WeightFormatException(file, "weight_map." + tensor, at, "shard " + shown
              + " is not a plain file name in the index's folder");
        }
        shards.put(shard, shard);
        shardNames.add(shard);
        known = shard;
      }
      map.put(tensor, known);
    }
    return map;
  }

  /** The index's metadata: strings as they are, other values as their JSON text. */
  private static Map<String, Object> metadata(ByteSource source, JsonParser json) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = HeaderJson.text(json, source.name(), "metadata", 0);
      JsonToken value = json.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        map.put(key, HeaderJson.text(json, source.name(), "metadata." + key, 0));
      } else if (value.isScalarValue()) {
        map.put(key, json.getText());
      } else {
        long start = json.currentTokenLocation().getByteOffset();
        json.skipChildren();
        long end = json.currentLocation().getByteOffset();
        map.put(key, jsonText(source, start, end));
      }
    }
    return map;
  }

  /** The file's bytes {@code [start, end)} as text, cut to {@link #KEPT_JSON_BYTES}. */
  private static Object jsonText(ByteSource source, long start, long end) throws IOException {
    byte[] bytes = new byte[(int) Math.min(end - start, KEPT_JSON_BYTES)];
    source.readFully(start, bytes, 0, bytes.length);
    String text = new String(bytes, StandardCharsets.UTF_8);
    return bytes.length == end - start ? text : new CutText(text, end - start);
  }
}
