package dev.paramscope.weights.gguf;

import static dev.paramscope.weights.gguf.GgufFixtureWriter.concat;
import static dev.paramscope.weights.gguf.GgufFixtureWriter.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import dev.paramscope.precision.GgmlType;
import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.MemorySource;
import dev.paramscope.weights.TensorInfo;
import dev.paramscope.weights.TypeTotals;
import dev.paramscope.weights.WeightFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufReaderTest {

  static CheckpointSummary read(byte[] file) throws IOException {
    return GgufReader.read(new MemorySource(file));
  }

  static GgufFixtureWriter tiny(int version) {
    return new GgufFixtureWriter(version)
        .kvString("general.architecture", "llama")
        .tensor("token_embd.weight", GgmlType.Q4_0, 64, 3)
        .tensor("output_norm.weight", GgmlType.F32, 64);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void readsEveryVersion(int version) throws IOException {
    byte[] file = tiny(version).bytes();
    CheckpointSummary summary = read(file);
    assertThat(summary.version()).isEqualTo(version);
    assertThat(summary.kvCount()).isEqualTo(1);
    assertThat(summary.architecture()).isEqualTo("llama");
    TensorInfo embd = summary.tensors().get(0);
    assertThat(embd.shape()).containsExactly(3L, 64L); // PyTorch order: GGUF dims reversed
    assertThat(embd.params()).isEqualTo(192);
    assertThat(embd.bytes()).isEqualTo(6 * 18); // 6 Q4_0 blocks of 18 bytes
    assertThat(summary.tensors().get(1).offset() - embd.offset()).isEqualTo(128); // 108 -> 32-aligned
    assertThat(summary.byType()).containsEntry("F32", new TypeTotals(1, 64, 256));
    assertThat(summary.fileBytes()).isEqualTo(file.length);
  }

  @Test
  void readsEveryValueTypeAndNestedArrays() throws IOException {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    w.kvRaw("u8", 0, le(200, 1)).kvRaw("i8", 1, le(-3, 1)).kvRaw("u16", 2, le(65535, 2))
        .kvRaw("i16", 3, le(-2, 2)).kvRaw("u32", 4, le(0xffffffffL, 4)).kvRaw("i32", 5, le(-7, 4))
        .kvRaw("f32", 6, le(Float.floatToIntBits(1.5f), 4)).kvRaw("bool", 7, le(1, 1))
        .kvRaw("u64", 10, le(-1, 8)).kvRaw("i64", 11, le(-9, 8))
        .kvRaw("f64", 12, le(Double.doubleToLongBits(0.25), 8))
        .kvRaw("nested", 9, concat(le(9, 4), w.length(1), le(5, 4), w.length(2), le(1, 4), le(2, 4)));
    CheckpointSummary summary = read(w.bytes());
    assertThat(summary.metadata()).containsEntry("u8", 200L).containsEntry("i8", -3L)
        .containsEntry("u16", 65535L).containsEntry("i16", -2L).containsEntry("u32", 0xffffffffL)
        .containsEntry("i32", -7L).containsEntry("f32", 1.5).containsEntry("bool", true)
        .containsEntry("u64", new java.math.BigInteger("18446744073709551615"))
        .containsEntry("i64", -9L).containsEntry("f64", 0.25);
    GgufArray outer = (GgufArray) summary.metadata().get("nested");
    assertThat(outer.elementType()).isEqualTo("ARRAY");
    assertThat(((GgufArray) outer.values().get(0)).values()).containsExactly(1L, 2L);
  }

  @Test
  void longArraysKeepTheirLengthButOnlyTheirHead() throws IOException {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    byte[][] parts = new byte[3002][];
    parts[0] = le(8, 4);
    parts[1] = w.length(3000);
    for (int i = 0; i < 3000; i++) {
      parts[i + 2] = w.string("t" + i);
    }
    w.kvRaw("tokenizer.ggml.tokens", 9, concat(parts));
    GgufArray tokens = (GgufArray) read(w.bytes()).metadata().get("tokenizer.ggml.tokens");
    assertThat(tokens.length()).isEqualTo(3000);
    assertThat(tokens.values()).hasSize(GgufArray.KEPT).startsWith("t0", "t1");
    assertThat(tokens.complete()).isFalse();
  }

  @Test
  void longStringValuesKeepAPrefixOfWholeCharacters() throws IOException {
    int kept = GgufMetadataParser.KEPT_VALUE_BYTES;
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    String whole = "a".repeat(kept);
    String accented = "a".repeat(kept - 1) + "\u00e9"; // é is two bytes: cut before it
    w.kvString("whole", whole).kvString("longer", whole + "b").kvString("accented", accented);
    var metadata = read(w.bytes()).metadata();
    assertThat(metadata.get("whole")).isEqualTo(whole);
    assertThat(metadata.get("longer")).isEqualTo(new dev.paramscope.weights.CutText(whole, kept + 1L));
    assertThat(metadata.get("accented")).isEqualTo(new dev.paramscope.weights.CutText("a".repeat(kept - 1), kept + 1L));
    byte[] cjk = "\u4e2d".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(GgufMetadataParser.wholeCharacters(java.util.Arrays.copyOf(cjk, 2))).isZero();
    assertThat(GgufMetadataParser.wholeCharacters(cjk)).isEqualTo(3);
  }

  private static void rejects(byte[] file, String... fragments) {
    assertThatThrownBy(() -> read(file)).isInstanceOf(WeightFormatException.class)
        .hasMessageStartingWith("memory: ")
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  @Test
  void rejectsHugeStringLength() {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    w.kvRaw("k", 8, le(Long.MAX_VALUE - 5, 8));
    rejects(w.bytes(), "kv[k].value", "truncated");
  }

  @Test
  void rejectsHugeArrayLengthBeforeAllocating() {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    w.kvRaw("k", 9, concat(le(0, 4), le(1L << 60, 8)));
    rejects(w.bytes(), "truncated");
    GgufFixtureWriter strings = new GgufFixtureWriter(3);
    strings.kvRaw("k", 9, concat(le(8, 4), le(1L << 40, 8)));
    rejects(strings.bytes(), "truncated");
    GgufFixtureWriter overflow = new GgufFixtureWriter(3);
    overflow.kvRaw("k", 9, concat(le(10, 4), le(-2, 8)));
    rejects(overflow.bytes(), "too large");
  }

  @Test
  void checksEveryStringOfAVocabularyPastTheKeptElements() throws Exception {
    // 2,000 tokens: the first KEPT are decoded, the rest skipped; a bad length at 1,500 still fails
    // and names its element.
    java.io.ByteArrayOutputStream tokens = new java.io.ByteArrayOutputStream();
    tokens.write(le(8, 4));
    tokens.write(le(2000, 8));
    GgufFixtureWriter strings = new GgufFixtureWriter(3);
    for (int i = 0; i < 2000; i++) {
      tokens.write(i == 1500 ? le(1L << 40, 8) : strings.string("t" + i));
    }
    rejects(new GgufFixtureWriter(3).kvRaw("tokenizer.ggml.tokens", 9, tokens.toByteArray()).bytes(),
        "kv[tokenizer.ggml.tokens].value[1500]", "truncated");
    java.io.ByteArrayOutputStream negative = new java.io.ByteArrayOutputStream();
    negative.write(le(8, 4));
    negative.write(le(2000, 8));
    for (int i = 0; i < 2000; i++) {
      negative.write(i == 1999 ? le(-1, 8) : strings.string("t" + i));
    }
    rejects(new GgufFixtureWriter(3).kvRaw("v", 9, negative.toByteArray()).bytes(),
        "kv[v].value[1999].length", "too large");
  }

  /** A string array value: u32 element type 8, the count, then each string (u32 lengths in v1). */
  private static byte[] stringArray(int version, byte[]... strings) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(le(8, 4));
    out.write(le(strings.length, version == 1 ? 4 : 8));
    for (byte[] string : strings) {
      out.write(le(string.length, version == 1 ? 4 : 8));
      out.write(string);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void keepsTheFirstStringsOfALongArrayAcrossReadWindowsExactly(int version) throws IOException {
    // 3,000 strings of ~100 bytes (300 kB, several 64 kB read windows), some not ASCII.
    byte[][] strings = new byte[3000][];
    for (int i = 0; i < strings.length; i++) {
      String text = (i % 7 == 0 ? "héllo-" : "token-") + i + "-" + "x".repeat(90);
      strings[i] = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    byte[] file = new GgufFixtureWriter(version).kvRaw("tokenizer.ggml.tokens", 9, stringArray(version, strings))
        .kvString("after", "still read").bytes();
    CheckpointSummary summary = read(file);
    GgufArray tokens = (GgufArray) summary.metadata().get("tokenizer.ggml.tokens");
    assertThat(tokens.length()).isEqualTo(3000);
    assertThat(tokens.values()).hasSize(GgufArray.KEPT);
    for (int i = 0; i < GgufArray.KEPT; i++) {
      assertThat(tokens.values().get(i))
          .isEqualTo(new String(strings[i], java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(summary.metadata()).containsEntry("after", "still read");
  }

  @Test
  void namesTheKeptStringThatBreaks() throws IOException {
    byte[] ok = "ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] badUtf8 = {'a', (byte) 0xC3, '('};
    rejects(new GgufFixtureWriter(3).kvRaw("v", 9, stringArray(3, ok, ok, badUtf8, ok)).bytes(),
        "kv[v].value[2]", "not valid UTF-8");
    byte[] truncated = concat(le(8, 4), le(3, 8), le(2, 8), ok, le(1000, 8), ok);
    rejects(new GgufFixtureWriter(3).kvRaw("v", 9, truncated).bytes(), "kv[v].value[1]", "truncated");
    byte[] cutLength = concat(le(8, 4), le(2, 8), le(2, 8), ok, new byte[] {1, 0, 0});
    rejects(new GgufFixtureWriter(3).kvRaw("v", 9, cutLength).bytes(), "kv[v].value[1].length", "truncated");
  }

  @Test
  void rejectsCountsBeyondTheFile() {
    rejects(concat("GGUF".getBytes(), le(3, 4), le(1L << 40, 8), le(0, 8)), "tensor_count");
    rejects(concat("GGUF".getBytes(), le(3, 4), le(0, 8), le(500, 8)), "metadata_kv_count",
        "truncated");
  }

  @Test
  void rejectsUnknownValueType() {
    rejects(new GgufFixtureWriter(3).kvRaw("k", 13, le(0, 4)).bytes(), "unknown value type 13");
    GgufFixtureWriter array = new GgufFixtureWriter(3);
    rejects(array.kvRaw("k", 9, concat(le(99, 4), le(0, 8))).bytes(), "unknown value type 99");
  }

  @Test
  void rejectsBadBoolDuplicateKeyAndBadAlignment() {
    rejects(new GgufFixtureWriter(3).kvRaw("b", 7, le(2, 1)).bytes(), "bool value 2");
    rejects(new GgufFixtureWriter(3).kvString("a", "x").kvString("a", "y").bytes(),
        "duplicate key 'a'");
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    w.kvRaw("general.alignment", 4, le(3, 4));
    rejects(w.bytes(), "general.alignment", "power of two");
  }

  @Test
  void rejectsDeepArrayNesting() {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    byte[] value = concat(le(0, 4), w.length(0));
    for (int i = 0; i < 12; i++) {
      value = concat(le(9, 4), w.length(1), value);
    }
    rejects(w.kvRaw("deep", 9, value).bytes(), "nested deeper than 8");
  }

  @Test
  void rejectsNonUtf8Strings() {
    GgufFixtureWriter w = new GgufFixtureWriter(3);
    w.kvRaw("k", 8, w.string(new byte[] {'a', (byte) 0xc3, (byte) 0x28}));
    rejects(w.bytes(), "kv[k].value", "not valid UTF-8");
  }

  @Test
  void rejectsUnknownAndRemovedTensorTypes() {
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {32}, 99, 0).bytes(),
        "tensor_infos[t].type", "unknown id 99");
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {32}, 31, 0).bytes(),
        "Q4_0_4_4", "removed");
  }

  @Test
  void rejectsBadDimensions() {
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {1L << 40, 1L << 40}, 0, 0)
        .bytes(), "overflows");
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {-1}, 0, 0).bytes(),
        "18446744073709551615", "out of range");
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {1, 1, 1, 1, 1}, 0, 0).bytes(),
        "at most 4");
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {16}, 2, 0).bytes(),
        "block size 32");
  }

  @Test
  void rejectsBadOffsets() {
    GgufFixtureWriter overlap = new GgufFixtureWriter(3).tensor("a", GgmlType.F32, 64);
    overlap.tensorRaw("b", new long[] {8}, 0, 0);
    rejects(overlap.bytes(), "tensor_infos[b].offset", "overlaps tensor 'a'");
    rejects(new GgufFixtureWriter(3).tensorRaw("t", new long[] {8}, 0, 1L << 40).bytes(),
        "runs past the end");
    rejects(new GgufFixtureWriter(3).tensor("a", GgmlType.F32, 64)
        .tensorRaw("b", new long[] {1}, 0, 260).bytes(), "alignment");
    rejects(new GgufFixtureWriter(3).tensor("a", GgmlType.F32, 8).tensor("a", GgmlType.F32, 8)
        .bytes(), "duplicate tensor name 'a'");
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] file = tiny(3).bytes();
    for (int cut = 0; cut < file.length; cut++) {
      MemorySource source = new MemorySource(file, cut, new int[0], new byte[0]);
      assertThatThrownBy(() -> GgufReader.read(source)).as("cut at %d", cut)
          .isInstanceOf(WeightFormatException.class);
    }
  }

  @Test
  void badMagicSaysWhatTheFileIs() {
    byte[] rest = new byte[32];
    rejects(concat("tjgg".getBytes(), rest), "legacy GGML format", "convert it with llama.cpp");
    rejects(concat("lmgg".getBytes(), rest), "legacy GGML format");
    rejects(concat("FUGG".getBytes(), rest), "byte-swapped");
    rejects(concat(new byte[] {'P', 'K', 3, 4}, rest), "zip archive");
    rejects(concat(le(2, 8), "{}".getBytes(), rest), "safetensors file");
    rejects(new byte[] {'G', 'G'}, "too short");
    rejects(concat("GGUF".getBytes(), le(4, 4), rest), "unsupported GGUF version 4");
    rejects(concat("GGUF".getBytes(), le(3L << 24, 4), rest), "big-endian");
  }

  @Test
  void readsEverySplitPartFromAnyPart(@TempDir Path dir) throws IOException {
    for (int i = 0; i < 2; i++) {
      new GgufFixtureWriter(3).kvString("general.architecture", "llama")
          .kvU16("split.no", i).kvU16("split.count", 2).kvRaw("split.tensors.count", 5, le(2, 4))
          .tensor("t" + i, GgmlType.F32, 8)
          .write(dir.resolve(String.format("m-%05d-of-00002.gguf", i + 1)));
    }
    for (int i = 1; i <= 2; i++) {
      CheckpointSummary summary = GgufReader.read(dir.resolve("m-0000" + i + "-of-00002.gguf"));
      assertThat(summary.tensors()).extracting(TensorInfo::name).containsExactly("t0", "t1");
      assertThat(summary.files()).hasSize(2);
      assertThat(summary.kvCount()).isEqualTo(4);
    }
  }

  @Test
  void splitWithAMissingPartFails(@TempDir Path dir) throws IOException {
    Path first = dir.resolve("m-00001-of-00002.gguf");
    new GgufFixtureWriter(3).kvU16("split.no", 0).kvU16("split.count", 2)
        .tensor("t", GgmlType.F32, 8).write(first);
    assertThatThrownBy(() -> GgufReader.read(first)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("m-00002-of-00002.gguf").hasMessageContaining("no such file");
  }

  @Test
  void tensorInfoRejectsInconsistentValues() {
    assertThatThrownBy(() -> new TensorInfo("t", "F32", List.of(2L, 3L), 5, 20, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
