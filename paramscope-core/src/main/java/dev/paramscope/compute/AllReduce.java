package dev.paramscope.compute;

import dev.paramscope.hardware.Gpu;

/**
 * Time of the all-reduces tensor parallelism adds to every forward pass.
 *
 * <p>Megatron-style tensor parallelism (Shoeybi et al. 2019, "Megatron-LM", arXiv:1909.08053 §3,
 * Figure 3) all-reduces the activations twice per transformer layer in the forward pass: after
 * the attention output projection and after the MLP's down projection. Each carries {@code tokens ×
 * hidden} values at 16 bits.
 *
 * <p>A ring all-reduce over {@code n} GPUs (Patarasuk and Yuan 2009, "Bandwidth optimal all-reduce
 * algorithms for clusters of workstations", JPDC 69(2)) sends {@code 2(n − 1)/n × bytes} from every
 * GPU in {@code 2(n − 1)} steps, so it takes {@code 2(n − 1)/n × bytes / link bandwidth + 2(n − 1) ×
 * per-hop latency} (NCCL's "bus bandwidth" is the same {@code 2(n − 1)/n} factor, nccl-tests
 * doc/PERFORMANCE.md). The link bandwidth is one direction of the catalog's interconnect (its figure
 * counts both directions); with no scale-up link the GPUs talk over PCIe 4.0 x16, 32 GB/s each way
 * (stated assumption). The default per-hop latency, {@value #HOP_LATENCY_SECONDS} s, is a paramscope
 * assumption of the order NCCL's small-message all-reduces show on NVLink ({@code speed
 * --hop-latency-us} overrides it).
 */
public final class AllReduce {
  /** Per-hop latency of one ring step (stated assumption). */
  public static final double HOP_LATENCY_SECONDS = 2e-6;
  /** One direction of PCIe 4.0 x16, used when the catalog lists no scale-up link. */
  public static final double PCIE4_X16_BYTES_PER_SECOND = 32e9;
  /** All-reduces per transformer layer in the forward pass (Megatron-LM §3). */
  public static final int PER_LAYER = 2;
  private static final long ACTIVATION_BYTES = 2;

  private AllReduce() {}

  /** One direction of the GPU's scale-up link, bytes per second. */
  public static double linkBytesPerSecond(Gpu gpu) {
    return gpu.interconnectBytesPerSecond() > 0 ? gpu.interconnectBytesPerSecond() / 2.0 : PCIE4_X16_BYTES_PER_SECOND;
  }

  /** Seconds of one ring all-reduce of {@code bytes} over {@code gpus} GPUs; 0 for one GPU. */
  public static double seconds(double bytes, int gpus, Gpu gpu, double hopLatencySeconds) {
    if (gpus <= 1) {
      return 0;
    }
    double steps = 2.0 * (gpus - 1);
    return steps / gpus * bytes / linkBytesPerSecond(gpu) + steps * hopLatencySeconds;
  }

  /** Seconds of one forward pass's all-reduces: {@code 2 × layers} of {@code tokens × hidden × 2} bytes. */
  public static double forwardSeconds(long tokens, int hiddenSize, int layers, int gpus, Gpu gpu,
      double hopLatencySeconds) {
    double bytes = (double) tokens * hiddenSize * ACTIVATION_BYTES;
    return (double) PER_LAYER * layers * seconds(bytes, gpus, gpu, hopLatencySeconds);
  }
}
