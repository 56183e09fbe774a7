package dev.paramscope.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonReader} against Jackson, the reference: the same values for every valid document,
 * a rejection for every document Jackson rejects (and the converse), on hand-picked cases and on
 * thousands of generated and mutated ones.
 */
class JsonReaderTest {
  private static final JsonFactory JACKSON = JsonFactory.builder()
      .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();
  private static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** The document as plain values through this reader (numbers as their text); an exception if it is rejected. */
  private static Object ours(byte[] json) throws JsonSyntaxException {
    return ours(json, false);
  }

  /**
   * {@code fused}: through nextNameOrNull, nextStringOrNull and nextNonNegativeLongs instead of
   * hasNext, nextName, nextString and nextNonNegativeLong; numbers then read as their values where
   * they are non-negative longs (the fused array call keeps no text), else as their text.
   */
  private static Object ours(byte[] json, boolean fused) throws JsonSyntaxException {
    JsonReader reader = new JsonReader(json, 0, json.length, 64);
    Object value = value(reader, fused);
    reader.endDocument();
    return value;
  }

  private static Object value(JsonReader reader, boolean fused) throws JsonSyntaxException {
    if (fused) {
      String text = reader.nextStringOrNull();
      if (text != null) {
        return text;
      }
    }
    switch (reader.peek()) {
      case OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        reader.beginObject();
        if (fused) {
          for (String name; (name = reader.nextNameOrNull()) != null; ) {
            object.put(name, value(reader, true));
          }
        } else {
          while (reader.hasNext()) {
            String name = reader.nextName();
            object.put(name, value(reader, false));
          }
        }
        reader.endObject();
        return object;
      }
      case ARRAY: {
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        if (fused) {
          long[] leading = new long[3]; // small, so that stopping when full is exercised too
          int n = reader.nextNonNegativeLongs(leading);
          for (int i = 0; i < n; i++) {
            array.add("#" + leading[i]);
          }
        }
        while (reader.hasNext()) {
          array.add(value(reader, fused));
        }
        reader.endArray();
        return array;
      }
      case STRING:
        return reader.nextString();
      case NUMBER: {
        long value = reader.nextNonNegativeLong();
        String text = reader.numberText();
        java.math.BigInteger exact = text.matches("-?[0-9]+") ? new java.math.BigInteger(text) : null;
        boolean inRange = exact != null && exact.signum() >= 0 && exact.bitLength() < 64;
        assertThat(value).as(text).isEqualTo(inRange ? exact.longValueExact() : -1);
        return "#" + (fused && value >= 0 ? Long.toString(value) : text);
      }
      case TRUE:
      case FALSE: {
        boolean truth = reader.peek() == JsonReader.Kind.TRUE;
        reader.skipValue();
        return truth;
      }
      default:
        reader.skipValue();
        return NULL;
    }
  }

  /** The same through Jackson; null when Jackson rejects the document. */
  private static Object jackson(byte[] json) {
    try (JsonParser parser = JACKSON.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Object value = jacksonValue(parser, first);
      return parser.nextToken() == null ? value : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Object jacksonValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          object.put(name, jacksonValue(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(jacksonValue(parser, t));
        }
        return array;
      }
      case VALUE_STRING: return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT: return "#" + parser.getText();
      case VALUE_TRUE: return true;
      case VALUE_FALSE: return false;
      default: return NULL;
    }
  }

  private static void agreesWithJackson(byte[] json) {
    Object expected = jackson(json);
    String shown = new String(json, StandardCharsets.ISO_8859_1);
    fusedCallsReadTheSame(json, shown);
    if (expected == null) {
      Object accepted;
      try {
        accepted = ours(json);
      } catch (JsonSyntaxException e) {
        return;
      }
      throw new AssertionError("Jackson rejects " + shown + " but this reader reads " + accepted);
    } else {
      try {
        assertThat(String.valueOf(ours(json))).as(shown).isEqualTo(String.valueOf(expected));
      } catch (JsonSyntaxException e) {
        // The one intended difference: a lone escaped surrogate, which Jackson keeps in values
        // (not in names) and serde_json, like this reader, rejects.
        if (!e.getMessage().startsWith("lone surrogate")) {
          throw new AssertionError("Jackson accepts " + shown + " but this reader says: " + e.getMessage(), e);
        }
      }
    }
  }

  /** Plain results with non-negative integer numbers as their values ("#-0" as "#0"). */
  private static Object valuesAsFusedReadsThem(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, valuesAsFusedReadsThem(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(valuesAsFusedReadsThem(v)));
      return out;
    }
    if (value instanceof String text && text.startsWith("#") && text.substring(1).matches("-?[0-9]+")) {
      java.math.BigInteger exact = new java.math.BigInteger(text.substring(1));
      return exact.signum() >= 0 && exact.bitLength() < 64 ? "#" + exact : text;
    }
    return value;
  }

  /** The fused calls accept and reject the same documents, with the same message and offset. */
  private static void fusedCallsReadTheSame(byte[] json, String shown) {
    Object plain;
    try {
      plain = valuesAsFusedReadsThem(ours(json, false));
    } catch (JsonSyntaxException e) {
      assertThatThrownBy(() -> ours(json, true)).as(shown).isInstanceOf(JsonSyntaxException.class)
          .hasMessage(e.getMessage())
          .satisfies(f -> assertThat(((JsonSyntaxException) f).offset()).isEqualTo(e.offset()));
      return;
    }
    try {
      assertThat(String.valueOf(ours(json, true))).as(shown).isEqualTo(String.valueOf(plain));
    } catch (JsonSyntaxException e) {
      throw new AssertionError("fused calls reject " + shown + ": " + e.getMessage(), e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}", "[]", " { } ", "{\"a\":1}", "{\"a\" : [1, -2, 3.5, -0, 0.25e-3, 1E+9, 12345678901234567890123]}",
      "[true,false,null]", "\"text\"", "42", "-0.0", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"]",
      "{\"é\": \"中文\", \"emoji\": \"😀\"}", "[[[[[]]]]]", "{\"a\":{\"b\":{\"c\":[]}}}", "\t\r\n[1]\n",
      // rejected by both
      "", " ", "{", "}", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}", "[01]", "[1.]",
      "[.5]", "[+1]", "[1e]", "[1e+]", "[-]", "[NaN]", "[Infinity]", "[tru]", "[truex]", "[nul]",
      "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"unterminated]", "[1]]", "{}{}", "{} x", "[1}", "{]",
      "[\"tab\there\"]", "/* c */ []", "[1,,2]", "[,1]", "{\"a\":1 \"b\":2}", "[1x]", "[-x]", "[0x10]",
  })
  void agreesWithJacksonOnHandPickedDocuments(String json) {
    agreesWithJackson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void agreesWithJacksonOnGeneratedAndMutatedDocuments() {
    Random random = new Random(20261128);
    for (int i = 0; i < 3000; i++) {
      StringBuilder doc = new StringBuilder();
      generate(random, doc, 0);
      byte[] json = doc.toString().getBytes(StandardCharsets.UTF_8);
      agreesWithJackson(json);
      // ASCII-only mutations: Jackson does not reject overlong UTF-8, so bytes above 0x7F are left alone.
      for (int m = 0; m < 4; m++) {
        byte[] mutated = mutate(random, json);
        agreesWithJackson(mutated);
      }
    }
  }

  private static final String PIECES = "{}[]\",:-+.eE0123456789 \t\ntruefalsn\\u/x";

  private static byte[] mutate(Random random, byte[] json) {
    if (json.length == 0) {
      return json;
    }
    int at = random.nextInt(json.length);
    byte piece = (byte) PIECES.charAt(random.nextInt(PIECES.length()));
    switch (random.nextInt(3)) {
      case 0: { // replace
        byte[] out = json.clone();
        if (out[at] >= 0) {
          out[at] = piece;
        }
        return out;
      }
      case 1: { // insert
        byte[] out = new byte[json.length + 1];
        System.arraycopy(json, 0, out, 0, at);
        out[at] = piece;
        System.arraycopy(json, at, out, at + 1, json.length - at);
        return out;
      }
      default: { // delete an ASCII byte
        if (json[at] < 0) {
          return json;
        }
        byte[] out = new byte[json.length - 1];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(json, at + 1, out, at, json.length - at - 1);
        return out;
      }
    }
  }

  private static void generate(Random random, StringBuilder out, int depth) {
    int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(7);
    String space = random.nextInt(4) == 0 ? " " : "";
    switch (kind) {
      case 0:
        out.append('{').append(space);
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          if (i > 0) {
            out.append(',').append(space);
          }
          string(random, out);
          out.append(space).append(':').append(space);
          generate(random, out, depth + 1);
        }
        out.append(space).append('}');
        break;
      case 1:
        out.append('[');
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          if (i > 0) {
            out.append(',').append(space);
          }
          generate(random, out, depth + 1);
        }
        out.append(']');
        break;
      case 2:
        string(random, out);
        break;
      case 3: {
        String[] numbers = {"0", "-0", "7", "-12", "3.25", "1e9", "-2.5E-3", "9223372036854775807",
            "9223372036854775808", "123456789012345678901", "0.000001"};
        out.append(numbers[random.nextInt(numbers.length)]);
        break;
      }
      case 4:
        out.append(random.nextBoolean() ? "true" : "false");
        break;
      case 6: {
        // A shape-like array: mostly non-negative integers, now and then something else.
        String[] elements = {"0", "16384", "53248", "9223372036854775807", "1744830464", " 8", "-0",
            "-1", "2.0", "9223372036854775808", "\"x\"", "[]", "null", "1e3", "07"};
        out.append('[');
        for (int i = 0, n = random.nextInt(6); i < n; i++) {
          if (i > 0) {
            out.append(',').append(space);
          }
          out.append(elements[random.nextInt(4) == 0 ? random.nextInt(elements.length) : random.nextInt(6)]);
        }
        out.append(']');
        break;
      }
      default:
        out.append("null");
    }
  }

  private static void string(Random random, StringBuilder out) {
    String[] parts = {"a", "model.layers.0.mlp", "BF16", "é", "中", "😀", "\\n", "\\\"", "\\\\", "\\u0041",
        "\\uD83D\\uDE00", "\\/", " ", "__metadata__"};
    out.append('"');
    for (int i = 0, n = random.nextInt(5); i < n; i++) {
      out.append(parts[random.nextInt(parts.length)]);
    }
    out.append('"');
  }

  @Test
  void acceptsOnlyWellFormedUtf8() {
    assertThat(String.valueOf(valueOf(bytes('"', 0xF0, 0x9F, 0x98, 0x80, '"')))).isEqualTo("😀");
    assertThat(String.valueOf(valueOf(bytes('"', 0xC3, 0xA9, '"')))).isEqualTo("é");
    int[][] bad = {
        {'"', 0xC0, 0x80, '"'},             // overlong NUL
        {'"', 0xE0, 0x80, 0x80, '"'},       // overlong 3-byte
        {'"', 0xED, 0xA0, 0x80, '"'},       // an encoded surrogate
        {'"', 0xF4, 0x90, 0x80, 0x80, '"'}, // above U+10FFFF
        {'"', 0xF5, 0x80, 0x80, 0x80, '"'}, // no such lead byte
        {'"', 0x80, '"'},                   // a lone continuation byte
        {'"', 0xC3, '"'},                   // a truncated sequence
        {'"', 0xE2, 0x82},                  // truncated at the end of input
    };
    for (int[] b : bad) {
      assertThatThrownBy(() -> ours(bytes(b))).isInstanceOf(JsonSyntaxException.class)
          .hasMessageContaining("UTF-8");
    }
  }

  @Test
  void rejectsLoneSurrogatesAsSerdeJsonDoes() throws JsonSyntaxException {
    assertThat(ours("[\"\\uD83D\\uDE00\"]".getBytes(StandardCharsets.US_ASCII)).toString()).isEqualTo("[😀]");
    for (String lone : new String[] {"[\"\\uD800\"]", "[\"\\uDE00\"]", "[\"\\uD800x\"]", "[\"\\uD800\\u0041\"]",
        "{\"\\uDE00\":1}"}) {
      assertThatThrownBy(() -> ours(lone.getBytes(StandardCharsets.US_ASCII))).as(lone)
          .isInstanceOf(JsonSyntaxException.class).hasMessageStartingWith("lone surrogate");
    }
  }

  @Test
  void limitsNestingAndReportsWhere() {
    byte[] deep = ("[".repeat(9) + "]".repeat(9)).getBytes(StandardCharsets.US_ASCII);
    JsonReader reader = new JsonReader(deep, 0, deep.length, 8);
    assertThatThrownBy(reader::skipValue).isInstanceOf(JsonSyntaxException.class)
        .hasMessage("nesting depth 9 exceeds the maximum of 8")
        .satisfies(e -> assertThat(((JsonSyntaxException) e).offset()).isEqualTo(8));
    byte[] bad = "{\"a\": [1, 2,, 3]}".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> ours(bad)).isInstanceOf(JsonSyntaxException.class)
        .hasMessage("unexpected ',', expected a value")
        .satisfies(e -> assertThat(((JsonSyntaxException) e).offset()).isEqualTo(12));
  }

  @Test
  void fusedNamesTellWhereTheyStart() throws JsonSyntaxException {
    byte[] json = "{\"a\": 1,\n  \"bc\" : [2]}".getBytes(StandardCharsets.US_ASCII);
    JsonReader reader = new JsonReader(json, 0, json.length, 4);
    reader.beginObject();
    assertThat(reader.nextNameOrNull()).isEqualTo("a");
    assertThat(reader.namePosition()).isEqualTo(1);
    assertThat(reader.nextStringOrNull()).isNull();
    assertThat(reader.nextNonNegativeLong()).isEqualTo(1);
    assertThat(reader.nextNameOrNull()).isEqualTo("bc");
    assertThat(reader.namePosition()).isEqualTo(11);
    reader.skipValue();
    assertThat(reader.nextNameOrNull()).isNull();
    reader.endObject();
    reader.endDocument();
  }

  @Test
  void readsNonNegativeLongsExactly() throws JsonSyntaxException {
    String[] texts = {"0", "-0", "9223372036854775807", "9223372036854775808", "-1", "1.0", "1e3", "18446744073709551616",
        "9223372036854775806", "9223372036854775810", "99999999999999999999", "922337203685477580", "1744830464"};
    long[] expected = {0, 0, Long.MAX_VALUE, -1, -1, -1, -1, -1, Long.MAX_VALUE - 1, -1, -1, Long.MAX_VALUE / 10, 1744830464};
    for (int i = 0; i < texts.length; i++) {
      byte[] json = texts[i].getBytes(StandardCharsets.US_ASCII);
      JsonReader reader = new JsonReader(json, 0, json.length, 4);
      assertThat(reader.nextNonNegativeLong()).as(texts[i]).isEqualTo(expected[i]);
      assertThat(reader.numberText()).isEqualTo(texts[i]);
    }
  }

  private static Object valueOf(byte[] json) {
    try {
      return ours(json);
    } catch (JsonSyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
