package dev.paramscope.weights.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.CutText;
import dev.paramscope.weights.MemorySource;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {

  static CheckpointSummary read(byte[] file) throws IOException {
    return SafetensorsReader.read(new MemorySource(file));
  }

  private static void rejects(byte[] file, String... fragments) {
    assertThatThrownBy(() -> read(file)).isInstanceOf(WeightFormatException.class)
        .hasMessageStartingWith("memory: ")
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  private static String entry(String name, String dtype, String shape, long begin, long end) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
        + ",\"data_offsets\":[" + begin + "," + end + "]}";
  }

  @Test
  void readsEveryDtypeIncludingSubByteOnes() throws IOException {
    SafetensorsFixtureWriter w = new SafetensorsFixtureWriter().metadata("{\"format\":\"pt\"}");
    for (SafetensorsDtype dtype : SafetensorsDtype.values()) {
      w.tensor("t." + dtype.name(), dtype, 2, 4); // 8 elements: whole bytes for F4 and F6
    }
    CheckpointSummary summary = read(w.bytes());
    assertThat(summary.tensorCount()).isEqualTo(20);
    assertThat(summary.metadata()).containsEntry("format", "pt");
    assertThat(summary.version()).isZero();
    assertThat(summary.byType().get("F4").bytes()).isEqualTo(4); // 8 x 4 bits
    assertThat(summary.byType().get("F6_E2M3").bytes()).isEqualTo(6); // 8 x 6 bits
    assertThat(summary.byType().get("C64").bytes()).isEqualTo(64);
    TensorInfo first = summary.tensors().get(0);
    assertThat(first.shape()).containsExactly(2L, 4L);
    assertThat(first.offset()).isEqualTo(8 + w.headerJson().length());
    assertThat(summary.dataBytes()).isEqualTo(w.dataBytes());
  }

  @Test
  void acceptsSpacePaddingAndScalars() throws IOException {
    byte[] file = SafetensorsFixtureWriter.file("{" + entry("s", "F32", "[]", 0, 4) + "}    ", 4);
    assertThat(read(file).tensors().get(0).params()).isEqualTo(1);
  }

  @Test
  void rejectsBadHeaderLengths() {
    rejects(new byte[] {1, 0, 0}, "shorter than the 8-byte");
    ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001);
    rejects(huge.array(), "outside 2..100000000");
    ByteBuffer past = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
    rejects(past.array(), "runs past the end");
    rejects(SafetensorsFixtureWriter.file("[]", 0), "does not start with '{'");
  }

  @Test
  void rejectsBadJson() {
    rejects(SafetensorsFixtureWriter.file("{\"a\":", 0), "invalid JSON");
    rejects(SafetensorsFixtureWriter.file("{} {}", 0), "content after");
    rejects(SafetensorsFixtureWriter.file("{\"a\":1}", 0), "must be an object");
    String dup = "{" + entry("a", "U8", "[1]", 0, 1) + "," + entry("a", "U8", "[1]", 1, 2) + "}";
    rejects(SafetensorsFixtureWriter.file(dup, 2), "invalid JSON", "Duplicate field 'a'");
    // unknown fields are skipped, but Jackson's nesting limit still applies to them
    rejects(SafetensorsFixtureWriter.file("{\"t\":{\"x\":" + "[".repeat(5000)
        + "]".repeat(5000) + "}}", 0), "invalid JSON", "nesting depth");
    byte[] bad = SafetensorsFixtureWriter.file("{\"__metadata__\":{\"k\":\"ab\"}}", 0);
    bad[8 + 22] = (byte) 0xff; // inside the string "ab"
    rejects(bad, "invalid JSON", "UTF-8");
  }

  @Test
  void rejectsNonStringMetadata() {
    rejects(SafetensorsFixtureWriter.file("{\"__metadata__\":{\"k\":1}}", 0),
        "__metadata__.k", "must be a string");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 70_000}) // within the first 64 KiB read, and past it
  void namesTheFileOffsetOfAProblemWhereverTheHeaderIsRead(int padding) {
    String json = "{\"__metadata__\":{\"k\":\"" + "x".repeat(padding) + "\"},"
        + entry("t", "F32", "[-1]", 0, 4) + "}";
    long offset = 8 + json.indexOf("-1");
    rejects(SafetensorsFixtureWriter.file(json, 4), "tensors[t].shape at byte " + offset + ": '-1'");
    String broken = "{\"__metadata__\":{\"k\":\"" + "x".repeat(padding) + "\"},\"t\":{\"dtype\":\"F32\",,}}";
    rejects(SafetensorsFixtureWriter.file(broken, 0), "header at byte " + (8 + broken.indexOf(",,") + 1) + ": invalid JSON");
  }

  @Test
  void rejectsBadShapesAndDtypes() {
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32", "[-1]", 0, 4) + "}", 4),
        "tensors[t].shape", "'-1' is not a non-negative");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32", "[1.5]", 0, 4) + "}", 4),
        "not a non-negative");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32", "[1e30]", 0, 4) + "}", 4),
        "not a non-negative");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32",
        "[99999999999999999999999]", 0, 4) + "}", 4), "not a non-negative");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32",
        "[4611686018427387904,4]", 0, 4) + "}", 4), "overflows");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32",
        "[9223372036854775808]", 0, 4) + "}", 4), "'9223372036854775808' is not a non-negative 64-bit");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32",
        "[9999999999999999999]", 0, 4) + "}", 4), "'9999999999999999999' is not a non-negative 64-bit");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32",
        "[9223372036854775807]", 0, 4) + "}", 4), "element count of [9223372036854775807] overflows");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32", "[-0, 1]", 0, 4) + "}", 4),
        "byte range 4 != 0 elements"); // -0 reads as 0, as serde_json reads it
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F5", "[1]", 0, 1) + "}", 1),
        "unknown dtype 'F5'");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F4", "[3]", 0, 2) + "}", 2),
        "whole bytes");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "F32", "[2]", 0, 4) + "}", 4),
        "byte range 4 != 2 elements x 32 bits / 8 = 8");
    rejects(SafetensorsFixtureWriter.file("{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}", 0),
        "missing data_offsets");
    rejects(SafetensorsFixtureWriter.file("{" + entry("t", "U8", "[1]", 0, 1)
        .replace("[0,1]", "[0,1,2]") + "}", 1), "expected 2");
  }

  @Test
  void rejectsBadOffsets() {
    String a = entry("a", "U8", "[4]", 0, 4);
    rejects(SafetensorsFixtureWriter.file("{" + a + "," + entry("b", "U8", "[4]", 2, 6) + "}", 6),
        "tensors[b].data_offsets", "overlaps");
    rejects(SafetensorsFixtureWriter.file("{" + a + "," + entry("b", "U8", "[4]", 6, 10) + "}",
        10), "gap after byte 4");
    rejects(SafetensorsFixtureWriter.file("{" + entry("a", "U8", "[0]", 4, 2) + "}", 0),
        "end before begin");
    rejects(SafetensorsFixtureWriter.file("{" + a + "}", 5), "cover 4 bytes", "holds 5");
    rejects(SafetensorsFixtureWriter.file("{" + entry("a", "U8", "[8]", 0, 8) + "}", 4),
        "truncated");
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] file = new SafetensorsFixtureWriter().tensor("a", SafetensorsDtype.BF16, 3)
        .tensor("b", SafetensorsDtype.I64, 2).bytes();
    for (int cut = 0; cut < file.length; cut++) {
      MemorySource source = new MemorySource(file, cut, new int[0], new byte[0]);
      assertThatThrownBy(() -> SafetensorsReader.read(source)).as("cut at %d", cut)
          .isInstanceOf(WeightFormatException.class);
    }
  }

  @Test
  void rejectsLoneSurrogatesAsSerdeJsonDoes() throws IOException {
    for (String lone : new String[] {"\\uD800", "\\uDE00", "\\uD800x", "\\uD800\\u0041"}) {
      rejects(SafetensorsFixtureWriter.file("{\"t" + lone + "\":{\"dtype\":\"U8\",\"shape\":[1],"
          + "\"data_offsets\":[0,1]}}", 1), "invalid JSON", "surrogate"); // Jackson's own check for names
      rejects(SafetensorsFixtureWriter.file("{\"__metadata__\":{\"k\":\"" + lone + "\"}}", 0),
          "__metadata__.k", "lone surrogate");
    }
    // a pair is one character
    assertThat(readMetadata("\"\\uD83D\\uDE00\"")).isEqualTo("\uD83D\uDE00");
  }

  private static Object readMetadata(String valueJson) throws IOException {
    return read(SafetensorsFixtureWriter.file("{\"__metadata__\":{\"k\":" + valueJson + "}}", 0))
        .metadata().get("k");
  }

  @Test
  void longMetadataValuesKeepAPrefixAndSaySoWhole() throws IOException {
    int kept = SafetensorsHeaderParser.KEPT_VALUE_BYTES;
    String whole = "a".repeat(kept);
    assertThat(readMetadata("\"" + whole + "\"")).isEqualTo(whole);
    assertThat(readMetadata("\"" + whole + "b\"")).isEqualTo(new CutText(whole, kept + 1));
    // the cut never splits an escape or a UTF-8 sequence: the prefix ends before it
    String escaped = "a".repeat(kept - 3) + "\\u00e9tail";
    assertThat(readMetadata("\"" + escaped + "\"")).isEqualTo(new CutText("a".repeat(kept - 3), escaped.length()));
    String accented = "a".repeat(kept - 1) + "\u00e9tail"; // é is two bytes in UTF-8
    assertThat(readMetadata("\"" + accented + "\"")).isEqualTo(new CutText("a".repeat(kept - 1), kept + 5));
    assertThat(new CutText("ab", 9).toString()).isEqualTo("ab… [cut: 9 bytes in the file]");
  }

  @Test
  void boundsWhatJacksonWouldHoldForDuplicateChecks() {
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i <= SafetensorsHeaderParser.MAX_NAMES; i++) {
      fields.append(",\"x").append(i).append("\":0");
    }
    rejects(SafetensorsFixtureWriter.file("{\"t\":{\"dtype\":\"U8\"" + fields + "}}", 0),
        "tensors[t]", "more than 4096 fields");
    rejects(SafetensorsFixtureWriter.file("{\"t\":{\"x\":{" + fields.substring(1) + "}}}", 0),
        "an unknown field holds more than 4096 names");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= SafetensorsHeaderParser.MAX_METADATA_ENTRIES; i++) {
      many.append(i > 0 ? "," : "").append("\"k").append(i).append("\":\"\"");
    }
    rejects(SafetensorsFixtureWriter.file("{\"__metadata__\":{" + many + "}}", 0), "more than 65536 entries");
  }

  @Test
  void refusesHeadersJacksonWouldTakeForUtf16() {
    rejects(SafetensorsFixtureWriter.file("{\0\"\0}\0", 0), "header at byte 9", "NUL byte");
  }

  private static void shard(Path dir, String name, String... tensors) throws IOException {
    SafetensorsFixtureWriter w = new SafetensorsFixtureWriter();
    for (String tensor : tensors) {
      w.tensor(tensor, SafetensorsDtype.F16, 4);
    }
    w.write(dir.resolve(name));
  }

  @Test
  void readsIndexAndDirectory(@TempDir Path dir) throws IOException {
    shard(dir, "m-1.safetensors", "a", "b");
    shard(dir, "m-2.safetensors", "c");
    Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":"
        + "{\"total_size\":24},\"weight_map\":{\"a\":\"m-1.safetensors\",\"b\":"
        + "\"m-1.safetensors\",\"c\":\"m-2.safetensors\"}}");
    for (Path path : new Path[] {dir, dir.resolve("model.safetensors.index.json")}) {
      CheckpointSummary summary = SafetensorsReader.read(path);
      assertThat(summary.tensorCount()).isEqualTo(3);
      assertThat(summary.files()).hasSize(2);
      assertThat(summary.metadata()).containsEntry("index.total_size", "24");
    }
    Files.delete(dir.resolve("model.safetensors.index.json"));
    assertThat(SafetensorsReader.read(dir).tensorCount()).isEqualTo(3);
  }

  @Test
  void indexMustMatchShards(@TempDir Path dir) throws IOException {
    shard(dir, "m-1.safetensors", "a", "b");
    Path index = dir.resolve("x.safetensors.index.json");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .isInstanceOf(WeightFormatException.class).hasMessageContaining("weight_map.b")
        .hasMessageContaining("says nothing");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\",\"b\":\"m-1.safetensors\","
        + "\"z\":\"m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .hasMessageContaining("weight_map.z").hasMessageContaining("not in m-1.safetensors");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"../m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .hasMessageContaining("not a plain file name");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-9.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("m-9.safetensors: no such file");
    Files.writeString(index, "{\"metadata\":{}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("no weight_map");
    Files.writeString(index, "{\"weight_map\":[\"m-1.safetensors\"]}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("no weight_map");
    Files.writeString(index, "[{\"weight_map\":{\"a\":\"m-1.safetensors\"}}]");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("no weight_map");
    Files.writeString(index, "{\"weight_map\":{\"a\":5}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .hasMessageContaining("weight_map.a").hasMessageContaining("shard 5 is not a plain file name");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\"");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).isInstanceOf(WeightFormatException.class)
        .hasMessageContaining("index at byte 36: invalid JSON: Unexpected end-of-input: expected close marker for Object")
        .hasMessageNotContaining("Source");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\",\"a\":\"m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("Duplicate field 'a'");
    // Each distinct shard name is checked when first seen, a bad one after good ones too.
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\",\"b\":\"m-1.safetensors\","
        + "\"c\":\"..\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .hasMessageContaining("weight_map.c").hasMessageContaining("shard \"..\" is not a plain file name");
  }

  @Test
  void indexValuesReadTheSameHoweverTheyRepeat(@TempDir Path dir) throws IOException {
    // Repeated values are taken from the previous entry's bytes; escaped, spaced and
    // back-and-forth spellings of the same names must map exactly as the JSON says.
    shard(dir, "m-1.safetensors", "a", "b", "e");
    shard(dir, "m-2.safetensors", "c", "d");
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(index, "{\"weight_map\": {\"a\": \"m-1.safetensors\", \"b\":\"m\\u002d1.safetensors\",\n"
        + "  \"c\" :  \"m-2.safetensors\",\"d\":\"m-2.safetensors\", \"e\": \"m-1.safetensors\"}}");
    CheckpointSummary summary = SafetensorsReader.read(index);
    assertThat(summary.tensorCount()).isEqualTo(5);
    assertThat(summary.files()).extracting(f -> Path.of(f.path()).getFileName().toString())
        .containsExactly("m-1.safetensors", "m-2.safetensors");
    Files.writeString(index, "{\"weight_map\": {\"a\": \"m-1.safetensors\", \"b\": \"m-1.safetensors\", "
        + "\"c\": \"m-1.safetensors\", \"d\": \"m-2.safetensors\", \"e\": \"m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("weight_map.c")
        .hasMessageContaining("tensor is in m-2.safetensors but the weight_map says m-1.safetensors");
    Files.writeString(index, "{\"weight_map\": {\"a\": \"m-1.safetensors\", \"b\": \"m-1.safetensors\", "
        + "\"b\": \"m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("Duplicate field 'b'");
    Files.writeString(index, "{\"weight_map\": {\"a\": \"m-1.safetensors\", \"b\": 7}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).hasMessageContaining("shard 7 is not a plain file name");
  }

  @Test
  void aTensorInTwoShardsFailsAgainstTheIndex(@TempDir Path dir) throws IOException {
    // The index counts matches instead of collecting names; a tensor stored twice must still fail.
    shard(dir, "m-1.safetensors", "a", "b");
    shard(dir, "m-2.safetensors", "a", "c");
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\",\"b\":\"m-1.safetensors\","
        + "\"c\":\"m-2.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).isInstanceOf(WeightFormatException.class)
        .hasMessageContaining("weight_map.a").hasMessageContaining("tensor is in m-2.safetensors but the"
            + " weight_map says m-1.safetensors");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\",\"b\":\"m-1.safetensors\","
        + "\"c\":\"m-2.safetensors\",\"d\":\"m-2.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .hasMessageContaining("weight_map.a").hasMessageContaining("tensor is in m-2.safetensors");
    Files.writeString(index, "{\"weight_map\":{\"b\":\"m-1.safetensors\",\"c\":\"m-2.safetensors\","
        + "\"d\":\"m-2.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index))
        .hasMessageContaining("weight_map.a").hasMessageContaining("says nothing");
  }

  @Test
  void aBrokenShardIsReportedBeforeItsTensorsAreCheckedAgainstTheIndex(@TempDir Path dir) throws IOException {
    // Tensors are looked up in the weight_map while the header is read; a problem with the header
    // itself still comes first, and of two misplaced tensors the first in the header is named.
    shard(dir, "m-1.safetensors", "a", "b");
    shard(dir, "m-2.safetensors", "c", "d", "e");
    Path index = dir.resolve("model.safetensors.index.json");
    Files.writeString(index, "{\"weight_map\":{\"a\":\"m-1.safetensors\",\"b\":\"m-1.safetensors\","
        + "\"c\":\"m-2.safetensors\",\"d\":\"m-1.safetensors\",\"e\":\"m-1.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsReader.read(index)).isInstanceOf(WeightFormatException.class)
        .hasMessageContaining("weight_map.d").hasMessageContaining("tensor is in m-2.safetensors but the"
            + " weight_map says m-1.safetensors");
    // The same shard, truncated by one byte: its tensors no longer fill its data section.
    Path second = dir.resolve("m-2.safetensors");
    byte[] bytes = Files.readAllBytes(second);
    Files.write(second, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> SafetensorsReader.read(index)).isInstanceOf(WeightFormatException.class)
        .hasMessageContaining("m-2.safetensors").hasMessageContaining("truncated file?")
        .hasMessageNotContaining("weight_map");
  }

  @Test
  void emptyDirectoryIsBadInput(@TempDir Path dir) {
    assertThatThrownBy(() -> SafetensorsReader.read(dir)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("no .safetensors files");
  }
}
