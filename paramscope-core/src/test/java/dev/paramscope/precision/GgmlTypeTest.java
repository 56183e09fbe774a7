package dev.paramscope.precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GgmlTypeTest {

  /**
   * Id and bytes of a 1024-element tensor, as gguf-py 0.19.0 wrote them in the shared
   * all-types-layout.gguf (one [2,512] tensor per type; EXPECTED.jsonl by_type).
   */
  @ParameterizedTest
  @CsvSource({
      "F32,0,4096", "F16,1,2048", "Q4_0,2,576", "Q4_1,3,640", "Q5_0,6,704", "Q5_1,7,768",
      "Q8_0,8,1088", "Q8_1,9,1152", "Q2_K,10,336", "Q3_K,11,440", "Q4_K,12,576",
      "Q5_K,13,704", "Q6_K,14,840", "Q8_K,15,1168", "IQ2_XXS,16,264", "IQ2_XS,17,296",
      "IQ3_XXS,18,392", "IQ1_S,19,200", "IQ4_NL,20,576", "IQ3_S,21,440", "IQ2_S,22,328",
      "IQ4_XS,23,544", "I8,24,1024", "I16,25,2048", "I32,26,4096", "I64,27,8192",
      "F64,28,8192", "IQ1_M,29,224", "BF16,30,2048", "TQ1_0,34,216", "TQ2_0,35,264",
      "MXFP4,39,544", "NVFP4,40,576", "Q1_0,41,144", "Q2_0,42,288"})
  void idAndLayoutMatchGgufPy(String name, int id, long bytesFor1024) {
    GgmlType type = GgmlType.byName(name);
    assertThat(type.id()).isEqualTo(id);
    assertThat(GgmlType.byId(id)).isSameAs(type);
    assertThat(type.bytesFor(1024)).isEqualTo(bytesFor1024);
  }

  @Test
  void everyTypeIsInTheTable() {
    assertThat(GgmlType.values()).hasSize(35);
    assertThat(Arrays.stream(GgmlType.values()).mapToInt(GgmlType::id).distinct().count())
        .isEqualTo(35);
  }

  @Test
  void bitsPerWeight() {
    assertThat(GgmlType.Q8_0.bitsPerWeight()).isEqualTo(8.5);
    assertThat(GgmlType.Q4_K.bitsPerWeight()).isEqualTo(4.5);
    assertThat(GgmlType.Q6_K.bitsPerWeight()).isEqualTo(6.5625);
    assertThat(GgmlType.BF16.bitsPerWeight()).isEqualTo(16.0);
    assertThat(GgmlType.MXFP4.bitsPerWeight()).isEqualTo(4.25);
    assertThat(GgmlType.TQ1_0.bitsPerWeight()).isEqualTo(1.6875);
  }

  @Test
  void bytesForRejectsPartialBlocksAndOverflow() {
    assertThatThrownBy(() -> GgmlType.Q4_K.bytesFor(255))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block size 256");
    assertThatThrownBy(() -> GgmlType.F32.bytesFor(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GgmlType.F64.bytesFor(Long.MAX_VALUE / 2))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void namesAreCaseInsensitive() {
    assertThat(GgmlType.byName("q4_k")).isEqualTo(GgmlType.Q4_K);
    assertThat(GgmlType.byName("Bf16")).isEqualTo(GgmlType.BF16);
  }

  @Test
  void removedAndUnknownIdsAreRejected() {
    for (int id : new int[] {4, 5, 31, 32, 33, 36, 37, 38}) {
      assertThatThrownBy(() -> GgmlType.byId(id))
          .isInstanceOf(BadInputException.class).hasMessageContaining("removed");
    }
    assertThatThrownBy(() -> GgmlType.byId(43))
        .isInstanceOf(BadInputException.class).hasMessageContaining("unknown id 43");
    assertThatThrownBy(() -> GgmlType.byId(-1)).isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> GgmlType.byName("Q4_0_4_4")).hasMessageContaining("removed");
    assertThatThrownBy(() -> GgmlType.byName("Q9")).hasMessageContaining("unknown type name");
  }
}
