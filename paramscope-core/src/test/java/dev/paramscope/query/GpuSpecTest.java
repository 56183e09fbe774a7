package dev.paramscope.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paramscope.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way the README and users write {@code --gpu}. */
class GpuSpecTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      h100              | h100-sxm   | 1
      H100              | h100-sxm   | 1
      h100x8            | h100-sxm   | 8
      h100 x8           | h100-sxm   | 8
      h100-sxm x8       | h100-sxm   | 8
      h100 × 8          | h100-sxm   | 8
      h100*8            | h100-sxm   | 8
      8xh100            | h100-sxm   | 8
      8×h100            | h100-sxm   | 8
      8 x h100          | h100-sxm   | 8
      8xH100-SXM        | h100-sxm   | 8
      h100sxm           | h100-sxm   | 1
      h100sxmx2         | h100-sxm   | 2
      rtx4090           | rtx-4090   | 1
      rtx4090x2         | rtx-4090   | 2
      RTX-4090          | rtx-4090   | 1
      4090x2            | rtx-4090   | 2
      2x4090            | rtx-4090   | 2
      rtx5090           | rtx-5090   | 1
      mi300x            | mi300x     | 1
      mi300x x8         | mi300x     | 8
      8xmi300x          | mi300x     | 8
      a100-80gb-sxm x2  | a100-80gb-sxm | 2
      a10080gbsxm       | a100-80gb-sxm | 1
      h200x8            | h200-sxm   | 8
      h100x16384        | h100-sxm   | 16384
      16384xh100        | h100-sxm   | 16384
      h100x100000       | h100-sxm   | 100000
      """)
  void readsEveryForm(String text, String id, int count) {
    GpuSpec spec = GpuSpec.parse(text);
    assertThat(spec.gpu().id()).isEqualTo(id);
    assertThat(spec.count()).isEqualTo(count);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtx4090"})
  void aNameThatIsAGpuIsNeverSplitIntoACount(String text) {
    assertThat(GpuSpec.parse(text).count()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      h1000           | unknown GPU 'h1000'
      rt x4090        | unknown GPU 'rt x4090'
      h100x0          | between 1 and 1000000, got 0
      h100x1000001    | between 1 and 1000000, got 1000001
      0xh100          | between 1 and 1000000, got 0
      '   '           | names no GPU
      """)
  void refusesWithTheReason(String text, String message) {
    assertThatThrownBy(() -> GpuSpec.parse(text))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("--gpu")
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h100x9999999999", "h100x"})
  void refusesCountsThatAreNotNumbersItCanHold(String text) {
    assertThatThrownBy(() -> GpuSpec.parse(text)).isInstanceOf(BadInputException.class);
  }
}
