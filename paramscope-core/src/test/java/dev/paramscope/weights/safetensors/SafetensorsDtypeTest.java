package dev.paramscope.weights.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SafetensorsDtypeTest {

  /** The bytes' dtype as the name map gives it: the reference for the byte lookup. */
  private static SafetensorsDtype byName(byte[] bytes) {
    return SafetensorsDtype.byHeaderName(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private static SafetensorsDtype fromAsciiInside(byte[] name) {
    byte[] padded = new byte[name.length + 6];
    Arrays.fill(padded, (byte) '"');
    System.arraycopy(name, 0, padded, 3, name.length);
    return SafetensorsDtype.fromAscii(padded, 3, 3 + name.length);
  }

  @Test
  void everyNameReadsBackFromItsBytes() {
    for (SafetensorsDtype dtype : SafetensorsDtype.values()) {
      assertThat(fromAsciiInside(dtype.name().getBytes(StandardCharsets.US_ASCII))).isSameAs(dtype);
    }
    assertThat(SafetensorsDtype.values()).hasSize(20);
  }

  /** Every name with any one byte changed, cut short or extended: the same answer as the name map. */
  @Test
  void nearMissesAgreeWithTheNameMap() {
    int checked = 0;
    for (SafetensorsDtype dtype : SafetensorsDtype.values()) {
      byte[] name = dtype.name().getBytes(StandardCharsets.US_ASCII);
      for (int at = 0; at < name.length; at++) {
        for (int b = 0; b < 256; b++) {
          byte[] changed = name.clone();
          changed[at] = (byte) b;
          assertThat(fromAsciiInside(changed)).as(new String(changed, StandardCharsets.ISO_8859_1))
              .isSameAs(byName(changed));
          checked++;
        }
      }
      for (int length = 0; length < name.length; length++) {
        byte[] cut = Arrays.copyOf(name, length);
        assertThat(fromAsciiInside(cut)).isSameAs(byName(cut));
      }
      for (int b = 0; b < 256; b++) {
        byte[] longer = Arrays.copyOf(name, name.length + 1);
        longer[name.length] = (byte) b;
        assertThat(fromAsciiInside(longer)).isNull();
      }
    }
    assertThat(checked).isEqualTo(79 * 256); // 79 name bytes in all
    assertThat(fromAsciiInside("bf16".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  @Test
  void bitsFollowTheCrate() {
    assertThat(SafetensorsDtype.BF16.bytesFor(4096L * 4096)).isEqualTo(33_554_432L);
    assertThat(SafetensorsDtype.F4.bytesFor(3 * 2)).isEqualTo(3);
    assertThat(SafetensorsDtype.F6_E2M3.bytesFor(4)).isEqualTo(3);
    assertThat(SafetensorsDtype.C64.bits()).isEqualTo(64);
  }
}
