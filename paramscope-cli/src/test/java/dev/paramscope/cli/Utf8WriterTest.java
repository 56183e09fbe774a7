package dev.paramscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {

  private static byte[] viaJdk(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      w.write(text);
    }
    return bytes.toByteArray();
  }

  @Test
  void encodesAsTheJdkEncoderDoes() throws Exception {
    String[] texts = {"", "plain ASCII {\"a\" : 1}\n", "参数规模 · 1,137 tensors", "emoji \uD83D\uDE00 end",
        "lone high \uD83D end", "lone low \uDE00 end", "ends high \uD83D", "\u00e9\u00df\u20ac"};
    for (String text : texts) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (Utf8Writer w = new Utf8Writer(bytes)) {
        w.write(text);
      }
      assertThat(bytes.toByteArray()).as(text).isEqualTo(viaJdk(text));
    }
  }

  /** Text cut into random pieces, a surrogate pair sometimes split between two writes. */
  @Test
  void piecesMakeTheSameBytesAsTheWhole() throws Exception {
    Random random = new Random(3);
    StringBuilder whole = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      switch (random.nextInt(4)) {
        case 0: whole.append("\uD83D\uDE00"); break; // a pair
        case 1: whole.append('参'); break;
        default: whole.append((char) ('a' + random.nextInt(26)));
      }
    }
    String text = whole.toString();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintWriter w = new PrintWriter(new Utf8Writer(bytes), true)) {
      for (int at = 0; at < text.length(); ) {
        int len = Math.min(1 + random.nextInt(7), text.length() - at);
        if (random.nextBoolean()) {
          w.write(text, at, len);
        } else {
          w.write(text.toCharArray(), at, len);
        }
        at += len;
      }
    }
    assertThat(new String(bytes.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(bytes.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }
}
