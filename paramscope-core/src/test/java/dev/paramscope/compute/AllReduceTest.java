package dev.paramscope.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import org.junit.jupiter.api.Test;

/** Ring all-reduce time: 2(n−1)/n × bytes / one-way link bandwidth + 2(n−1) hops of latency. */
class AllReduceTest {
  private static Gpu gpu(String id) {
    return HardwareCatalog.builtIn().find(id).orElseThrow();
  }

  @Test
  void oneGpuCommunicatesNothing() {
    assertThat(AllReduce.seconds(1e9, 1, gpu("h100"), 2e-6)).isZero();
    assertThat(AllReduce.forwardSeconds(1, 7168, 61, 1, gpu("h200"), 2e-6)).isZero();
  }

  /** H100 NVLink 4: 900 GB/s both ways, 450 each way. 1 GB over 8 GPUs: 1.75 × 1e9 / 450e9 + 14 × 2 µs. */
  @Test
  void ringTimeOnNvlink() {
    assertThat(AllReduce.linkBytesPerSecond(gpu("h100"))).isEqualTo(450e9);
    assertThat(AllReduce.seconds(1e9, 8, gpu("h100"), 2e-6)).isCloseTo(1.75 / 450 + 14 * 2e-6, within(1e-12));
  }

  /** No scale-up link (RTX 4090): PCIe 4.0 x16 at 32 GB/s each way. */
  @Test
  void withoutALinkThePcieAssumption() {
    assertThat(AllReduce.linkBytesPerSecond(gpu("rtx4090"))).isEqualTo(32e9);
    assertThat(AllReduce.seconds(64e6, 2, gpu("rtx4090"), 2e-6)).isCloseTo(1.0 * 64e6 / 32e9 + 2 * 2e-6, within(1e-12));
  }

  /** DeepSeek-V3 decode on 8 × H200: 2 × 61 all-reduces of 7,168 × 2 bytes per token. */
  @Test
  void forwardPassIsTwoAllReducesPerLayer() {
    double one = AllReduce.seconds(7168 * 2.0, 8, gpu("h200"), 2e-6);
    assertThat(AllReduce.forwardSeconds(1, 7168, 61, 8, gpu("h200"), 2e-6)).isCloseTo(122 * one, within(1e-12));
    assertThat(AllReduce.forwardSeconds(1, 7168, 61, 8, gpu("h200"), AllReduce.HOP_LATENCY_SECONDS))
        .isCloseTo(0.003423, within(1e-6));
  }
}
