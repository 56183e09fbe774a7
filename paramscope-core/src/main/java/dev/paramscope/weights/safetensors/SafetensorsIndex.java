package dev.paramscope.weights.safetensors;

import dev.paramscope.json.JsonReader;
import dev.paramscope.json.JsonSyntaxException;
import dev.paramscope.weights.ByteSource;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json} (transformers'
 * SAFE_WEIGHTS_INDEX_NAME): {@code {"metadata": {"total_size": N, ...}, "weight_map":
 * {tensor: shard file name}}}. Shard names must be plain file names in the index's folder.
 *
 * @param weightMap tensor name to shard file name, in file order
 * @param metadata the index's {@code metadata} entries as text (e.g. total_size)
 * @param shards the distinct shard names the weight_map gives, sorted
 */
record SafetensorsIndex(Map<String, String> weightMap, Map<String, String> metadata,
    List<String> shards) {
  /** Far above the largest published index (a few MB). */
  static final long MAX_INDEX_BYTES = 64L << 20;

  /** Made only by {@link #read}, which hands over maps it no longer touches: wrapped, not copied. */
  SafetensorsIndex {
    weightMap = Collections.unmodifiableMap(weightMap);
    metadata = Collections.unmodifiableMap(metadata);
    shards = Collections.unmodifiableList(shards);
  }

  static SafetensorsIndex read(Path path) throws IOException {
    String file = path.toString();
    byte[] bytes;
    // Through ByteSource (a RandomAccessFile): it also refuses what is not a regular file.
    try (ByteSource source = ByteSource.ofFile(path)) {
      long size = source.size();
      if (size > MAX_INDEX_BYTES) {
        throw new WeightFormatException(file, "index", -1, size + " bytes exceeds the "
            + MAX_INDEX_BYTES + "-byte limit for an index");
      }
      // Read whole (bounded above) and parsed by the strict reader the shard headers use.
      bytes = new byte[(int) size];
      source.readFully(0, bytes, 0, bytes.length);
    }
    Map<String, String> weightMap = null;
    Map<String, String> metadata = new LinkedHashMap<>();
    List<String> shards = new ArrayList<>();
    try {
      JsonReader json = new JsonReader(bytes, 0, bytes.length, HeaderJson.MAX_DEPTH);
      if (json.peek() == JsonReader.Kind.OBJECT) {
        json.beginObject();
        Set<String> keys = new HashSet<>();
        while (json.hasNext()) {
          String key = json.nextName(keys);
          if (key.equals("weight_map") && json.peek() == JsonReader.Kind.OBJECT) {
            weightMap = weightMap(file, json, bytes, shards);
          } else if (key.equals("metadata") && json.peek() == JsonReader.Kind.OBJECT) {
            metadata = metadata(json, bytes);
          } else {
            json.skipValue();
          }
        }
        json.endObject();
      }
    } catch (JsonSyntaxException e) {
      throw new WeightFormatException(file, "index", e.offset(), "invalid JSON: " + e.getMessage(), e);
    }
    if (weightMap == null) {
      throw new WeightFormatException(file, "weight_map", -1, "index has no weight_map object");
    }
    // Collected as each shard name first appears (the index's own parse, where a hash set of the
    // map's values and a sort took 2 ms cold), then put in name order: a key-sorted index names its
    // last shard first (lm_head), a model-order one is in order already and needs no sort.
    if (!sorted(shards)) {
      Collections.sort(shards);
    }
    return new SafetensorsIndex(weightMap, metadata, shards);
  }

  /** The weight_map; each distinct shard name is added to {@code shardNames} once. */
  private static Map<String, String> weightMap(String file, JsonReader json, byte[] bytes,
      List<String> shardNames) throws JsonSyntaxException {
    WeightMapReader reader = new WeightMapReader(file, json, bytes, shardNames);
    json.beginObject();
    while (reader.entry()) {
      // one call an entry: compiled after the first couple of hundred, where a loop body in this
      // method, entered once, would be interpreted for every entry of a cold JVM (issue 6)
    }
    json.endObject();
    return reader.map;
  }

  /** Reads the weight_map's entries one at a time. */
  private static final class WeightMapReader {
    private final String file;
    private final JsonReader json;
    private final byte[] bytes;
    private final List<String> shardNames;
    /**
     * Sized from the file so the map does not rehash its way up to a 1,000-tensor index: an entry
     * takes 60-100 bytes as transformers writes it, so one per 48 bytes is room enough (capped).
     */
    final Map<String, String> map;
    /**
     * Each distinct shard name once: checked once, and one String instance shared by its entries,
     * so later comparisons with it are by reference (a 405B index has 1,137 entries naming 128
     * shards).
     */
    private final Map<String, String> shards = new HashMap<>();
    /**
     * Consecutive entries mostly name the same shard: when a value's bytes repeat the previous
     * value's exactly, it is that shard, with no new String, hash or check.
     */
    private String previous;
    private int previousStart;
    private int previousLength = -1;

    WeightMapReader(String file, JsonReader json, byte[] bytes, List<String> shardNames) {
      this.file = file;
      this.json = json;
      this.bytes = bytes;
      this.shardNames = shardNames;
      this.map = new LinkedHashMap<>(Math.min(bytes.length / 48, 1 << 16));
    }

    /** Reads the next entry into the map; false at the end of the object. */
    boolean entry() throws JsonSyntaxException {
      String tensor = json.nextNameOrNull();
      if (tensor == null) {
        return false;
      }
      int at = json.namePosition();
      json.peek(); // past any whitespace, to the value's first byte
      int quote = json.position();
      String shard;
      if (previous != null && sameBytes(bytes, quote, previousStart, previousLength)) {
        json.skipPastValue(quote + previousLength + 2);
        shard = previous;
      } else {
        shard = shard(tensor, quote);
        previous = shard;
        previousStart = quote + 1;
        previousLength = json.position() - quote - 2;
      }
      if (map.put(tensor, shard) != null) {
        throw JsonSyntaxException.duplicateName(tensor, at);
      }
      return true;
    }

    /** The shard named by the string at {@code quote}: the shared instance, checked when first seen. */
    private String shard(String tensor, int quote) throws JsonSyntaxException {
      String shard = json.nextStringOrNull();
      String known = shard == null ? null : shards.get(shard);
      if (known != null) {
        return known;
      }
      // indexOf of a char, not contains: the substring search behind contains was 5% of an
      // interpreted index read, for 128 distinct names (issue 6)
      if (shard == null || shard.isEmpty() || shard.indexOf('/') >= 0 || shard.indexOf('\\') >= 0
          || shard.equals("..") || shard.equals(".")) {
        String shown;
        if (shard != null) {
          shown = "\"" + shard + "\"";
        } else {
          json.skipValue();
          shown = new String(bytes, quote, json.position() - quote, StandardCharsets.UTF_8);
        }
        throw new WeightFormatException(file, "weight_map." + tensor, quote, "shard " + shown
            + " is not a plain file name in the index's folder");
      }
      shards.put(shard, shard);
      shardNames.add(shard);
      return shard;
    }
  }

  /**
   * True when a string starts at {@code quote} whose raw bytes are {@code bytes[start, start +
   * length)}, a string already read: the same bytes between quotes are the same string.
   */
  private static boolean sameBytes(byte[] bytes, int quote, int start, int length) {
    int close = quote + 1 + length;
    if (close >= bytes.length || bytes[quote] != '"' || bytes[close] != '"') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[quote + 1 + i] != bytes[start + i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean sorted(List<String> names) {
    for (int i = 1; i < names.size(); i++) {
      if (names.get(i - 1).compareTo(names.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The index's metadata as text: strings as they are, other values as their JSON text. */
  private static Map<String, String> metadata(JsonReader json, byte[] bytes) throws JsonSyntaxException {
    Map<String, String> map = new LinkedHashMap<>();
    json.beginObject();
    while (json.hasNext()) {
      int at = json.position();
      String key = json.nextName();
      String value;
      if (json.peek() == JsonReader.Kind.STRING) {
        value = json.nextString();
      } else {
        int start = json.position();
        json.skipValue();
        value = new String(bytes, start, json.position() - start, StandardCharsets.UTF_8);
      }
      if (map.put(key, value) != null) {
        throw JsonSyntaxException.duplicateName(key, at);
      }
    }
    json.endObject();
    return map;
  }

}
