package dev.paramscope.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Builds a {@link JsonNode} tree from a jackson-core streaming parser, with the node types
 * {@code ObjectMapper.readTree} gives under its defaults (int, long or BigInteger nodes by size,
 * double nodes for fractions, the last of duplicate keys unless the parser rejects them), from a
 * parser the caller configured. Not through {@code ObjectMapper.readTree}: its initialisation made
 * a whole {@code ./paramscope count} ~60 ms slower (interleaved runs, 2026-12-04), above the 50 ms
 * that issue 16 set for keeping such code. Limits —
 * nesting depth, string and number length, duplicate keys — are the parser factory's.
 */
public final class JsonTrees {
  /** A parser factory with jackson-core's default limits, for the project's own resources. */
  public static final JsonFactory DEFAULT_FACTORY = new JsonFactory();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /**
   * A parser over a document already in memory that keeps no table of field names, for JSON with
   * very many distinct names such as a safetensors index's weight_map (~92,000 in DeepSeek-V3's).
   * jackson-core's name table grows its long-name area 4,096 ints at a time: DeepSeek-V3's 8.5 MB
   * index took 320–850 ms to parse through it against 65–100 ms without (C1, this project's
   * machine). The non-blocking parser, fed the whole array, still reports byte offsets; the
   * blocking one without the table would read through a Reader, which has none. Limits and
   * duplicate detection are {@code factory}'s.
   */
  public static JsonParser withoutNameTable(JsonFactory factory, byte[] json) throws IOException {
    JsonParser parser = factory.rebuild().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build()
        .createNonBlockingByteArrayParser();
    com.fasterxml.jackson.core.async.ByteArrayFeeder feeder =
        (com.fasterxml.jackson.core.async.ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    feeder.feedInput(json, 0, json.length);
    feeder.endOfInput();
    return parser;
  }

  /**
   * Reads the next JSON value from {@code parser}; null when the input holds none. Content after
   * the value is left for the caller to check.
   */
  public static JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    return token == null ? null : value(parser, token);
  }

  /** Reads the value that starts at the parser's current token (a container is read to its end). */
  public static JsonNode readCurrent(JsonParser parser) throws IOException {
    return value(parser, parser.currentToken());
  }

  /** Reads one JSON value from {@code in} (closed after); null when it holds none. */
  public static JsonNode read(JsonFactory factory, InputStream in) throws IOException {
    try (JsonParser parser = factory.createParser(in)) {
      return read(parser);
    }
  }

  /** Reads one JSON value from {@code bytes}; null when they hold none. */
  public static JsonNode read(JsonFactory factory, byte[] bytes) throws IOException {
    try (JsonParser parser = factory.createParser(bytes)) {
      return read(parser);
    }
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new JsonParseException(parser, "unexpected end of input");
    }
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          object.set(name, value(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(value(parser, t));
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT: return NODES.numberNode(parser.getIntValue());
          case LONG: return NODES.numberNode(parser.getLongValue());
          default: return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected JSON token " + token);
    }
  }
}
