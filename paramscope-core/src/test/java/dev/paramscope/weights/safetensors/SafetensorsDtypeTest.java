package dev.paramscope.weights.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafetensorsDtypeTest {

  @Test
  void namesAreTheHeaderSpellings() {
    for (SafetensorsDtype dtype : SafetensorsDtype.values()) {
      assertThat(SafetensorsDtype.byHeaderName(dtype.name())).isSameAs(dtype);
    }
    assertThat(SafetensorsDtype.values()).hasSize(20);
    assertThat(SafetensorsDtype.byHeaderName("bf16")).isNull();
    assertThat(SafetensorsDtype.byHeaderName("F8_E4M2")).isNull();
  }

  @Test
  void bitsFollowTheCrate() {
    assertThat(SafetensorsDtype.BF16.bytesFor(4096L * 4096)).isEqualTo(33_554_432L);
    assertThat(SafetensorsDtype.F4.bytesFor(3 * 2)).isEqualTo(3);
    assertThat(SafetensorsDtype.F6_E2M3.bytesFor(4)).isEqualTo(3);
    assertThat(SafetensorsDtype.C64.bits()).isEqualTo(64);
  }
}
