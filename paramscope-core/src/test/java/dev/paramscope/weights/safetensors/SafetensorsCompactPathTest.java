package dev.paramscope.weights.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.weights.MemorySource;
import dev.paramscope.weights.TensorInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The header parser's one-pass path for the crate's compact spelling of a tensor entry must read
 * exactly what the general JSON path reads: the same tensors, or the same error, on compact entries
 * and on every near miss (spaces, reordered or extra fields, escapes, signs, leading zeros, long
 * numbers, too many dimensions), each also mutated byte by byte.
 */
class SafetensorsCompactPathTest {

  private static String outcome(byte[] file, boolean compact) {
    try {
      MemorySource source = new MemorySource(file);
      SafetensorsFile parsed = compact ? SafetensorsHeaderParser.parse(source)
          : SafetensorsHeaderParser.parseGenerally(source);
      StringBuilder out = new StringBuilder(parsed.metadata().toString()).append(' ').append(parsed.file());
      for (TensorInfo t : parsed.tensors()) {
        out.append('\n').append(t);
      }
      return out.toString();
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static void sameBothWays(byte[] file, String shown) {
    assertThat(outcome(file, true)).as(shown).isEqualTo(outcome(file, false));
  }

  private static final String[] DTYPES = {"BF16", "F32", "F16", "I64", "U8", "F8_E4M3", "F4", "BOOL", "X9"};

  /** One entry: mostly the crate's compact spelling, now and then one of its near misses. */
  private static String entry(Random random, long begin, long[] end, boolean nearMisses) {
    String dtype = DTYPES[random.nextInt(DTYPES.length)];
    int rank = random.nextInt(4);
    StringBuilder shape = new StringBuilder();
    long elements = 1;
    for (int i = 0; i < rank; i++) {
      int dim = random.nextInt(5);
      elements *= dim;
      shape.append(i > 0 ? "," : "").append(dim);
    }
    SafetensorsDtype known = SafetensorsDtype.byHeaderName(dtype);
    long bytes = known == null ? 4 : (elements * known.bits() + 7) / 8;
    end[0] = begin + bytes;
    String dtypeText = "\"" + dtype + "\"";
    String offsets = begin + "," + end[0];
    String shapeText = shape.toString();
    if (nearMisses) {
      switch (random.nextInt(17)) {
        case 0: dtypeText = "\"\\u0042F16\""; break;
        case 1: shapeText = shapeText.isEmpty() ? "07" : "0" + shapeText; break;
        case 2: shapeText = "1234567890123456789"; break;
        case 3: offsets = "-0," + end[0]; break;
        case 4: return "{\"shape\":[" + shapeText + "],\"dtype\":" + dtypeText + ",\"data_offsets\":[" + offsets + "]}";
        case 5: return "{ \"dtype\": " + dtypeText + ", \"shape\": [" + shapeText + "], \"data_offsets\": [" + offsets + "] }";
        case 6: return "{\"dtype\":" + dtypeText + ",\"shape\":[" + shapeText + "],\"data_offsets\":[" + offsets + "],\"x\":1}";
        case 7: shapeText = "1" + ",1".repeat(63 + random.nextInt(3)); break;
        case 8: offsets = begin + "," + end[0] + ",9"; break;
        case 9: dtypeText = "\"bf16\""; break;
        case 10: shapeText = shapeText + ","; break;
        case 11: offsets = begin + ".0," + end[0]; break;
        case 12: dtypeText = "\"\""; break;
        case 13: return "{\n\t\"dtype\" :" + dtypeText + " ,\r\n\"shape\":[ " + shapeText + " ] ,\"data_offsets\":[" + offsets + " ]\n}";
        case 14: dtypeText = random.nextBoolean() ? "\"F8_E4M2\"" : "\"BF61\""; break; // a byte off a name
        case 15: dtypeText = "\"F6_E3M2\""; break;
        default: break;
      }
    }
    return "{\"dtype\":" + dtypeText + ",\"shape\":[" + shapeText + "],\"data_offsets\":[" + offsets + "]}";
  }

  /** A tensor name: mostly plain, now and then one the one-pass path must leave to the general path. */
  private static String name(Random random, int i, String previous) {
    switch (random.nextInt(12)) {
      case 0: return "t\\u0031" + i; // an escape
      case 1: return "t\u00e4" + i; // UTF-8
      case 2: return previous; // a duplicate
      case 3: return "";
      case 4: return "_abcdefghijk"; // twelve characters from '_', like __metadata__
      case 5: return "__metadata__";
      case 6: return "t\t" + i; // a raw control character
      default: return "t" + i;
    }
  }

  private static byte[] header(Random random, boolean nearMisses, long[] dataBytes) {
    StringBuilder json = new StringBuilder("{");
    if (random.nextInt(3) == 0) {
      json.append("\"__metadata__\":{\"format\":\"pt\"},");
    }
    long offset = 0;
    int tensors = 1 + random.nextInt(5);
    String previous = "t";
    for (int i = 0; i < tensors; i++) {
      long[] end = new long[1];
      String name = nearMisses ? name(random, i, previous) : "model.layers." + i + ".mlp.up_proj.weight";
      String separator = !nearMisses || random.nextInt(4) > 0 ? "," : random.nextBoolean() ? ", " : " ,\n  ";
      String colon = !nearMisses || random.nextInt(4) > 0 ? ":" : random.nextBoolean() ? ": " : " :\t";
      json.append(i > 0 ? separator : "").append('"').append(name).append('"').append(colon)
          .append(entry(random, offset, end, nearMisses));
      offset = end[0];
      previous = name;
    }
    dataBytes[0] = offset;
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void compactEntriesAndTheirNearMissesReadAsTheGeneralPathReadsThem() {
    Random random = new Random(11);
    int compactAccepted = 0;
    for (int i = 0; i < 4_000; i++) {
      long[] dataBytes = new long[1];
      byte[] header = header(random, i % 2 == 1, dataBytes);
      byte[] file = SafetensorsFixtureWriter.file(header, Math.min(dataBytes[0], 1 << 16));
      String shown = new String(header, StandardCharsets.UTF_8);
      sameBothWays(file, shown);
      if (!outcome(file, true).contains("Exception")) {
        compactAccepted++;
      }
      for (int m = 0; m < 3; m++) {
        byte[] mutated = file.clone();
        int at = 8 + random.nextInt(header.length);
        byte[] choices = "{}[],:\"0123456789 -.\\eE_AZ".getBytes(StandardCharsets.US_ASCII);
        mutated[at] = choices[random.nextInt(choices.length)];
        sameBothWays(mutated, new String(mutated, 8, header.length, StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(compactAccepted).as("files read without error").isGreaterThan(1_000);
  }

  @Test
  void theUsualSpellingsTakeTheOnePassPath() throws IOException {
    // What the crate writes: the one-pass path must take it (else it would only ever fall back).
    byte[] header = ("{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"BF16\",\"shape\":[2,3],"
        + "\"data_offsets\":[0,12]},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[12,16]}}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] file = SafetensorsFixtureWriter.file(header, 16);
    assertThat(outcome(file, true)).isEqualTo(outcome(file, false)).contains("shape=[2, 3]");
    assertThat(SafetensorsHeaderParser.compactEntries(new MemorySource(file))).isEqualTo(2);
    // Python's json.dumps spacing takes it too; another field order does not.
    String text = new String(header, StandardCharsets.UTF_8);
    byte[] spaced = SafetensorsFixtureWriter.file(text.replace(",", ", ").replace(":", ": ")
        .getBytes(StandardCharsets.UTF_8), 16);
    assertThat(outcome(spaced, true)).isEqualTo(outcome(spaced, false)).contains("shape=[2, 3]");
    assertThat(SafetensorsHeaderParser.compactEntries(new MemorySource(spaced))).isEqualTo(2);
    byte[] reordered = SafetensorsFixtureWriter.file(text.replace("\"dtype\":\"BF16\",\"shape\":[2,3]",
        "\"shape\":[2,3],\"dtype\":\"BF16\"").getBytes(StandardCharsets.UTF_8), 16);
    assertThat(outcome(reordered, true)).isEqualTo(outcome(reordered, false)).contains("shape=[2, 3]");
    assertThat(SafetensorsHeaderParser.compactEntries(new MemorySource(reordered))).isEqualTo(1);
  }
}
