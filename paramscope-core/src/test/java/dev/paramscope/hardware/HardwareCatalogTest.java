package dev.paramscope.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HardwareCatalogTest {
  private static final HardwareCatalog HARDWARE = HardwareCatalog.builtIn();
  private static final long GIB = 1L << 30;

  /**
   * Datasheet facts. H100 SXM: NVIDIA H100 datasheet (3.35 TB/s) and Hopper whitepaper (989.4
   * dense BF16 TFLOPS; the datasheet's 1,979 counts sparsity). A100 80GB SXM: A100 datasheet
   * (2,039 GB/s; 312 BF16 TFLOPS dense, 624 with sparsity). MI300X: AMD spec page (192 GB HBM3,
   * 5.3 TB/s, 1,307.4 dense BF16 TFLOPS). RTX 4090: Ada whitepaper (24 GB, 1,008 GB/s, 165.2 BF16
   * TFLOPS with FP32 accumulate). TPU v5e: Google Cloud docs (16 GiB, 819 GB/s, 197 BF16 TFLOPS).
   */
  @ParameterizedTest
  @CsvSource({
    "h100-sxm,      80,  3350, 989.4",
    "a100-80gb-sxm, 80,  2039, 312",
    "mi300x,        192, 5300, 1307.4",
    "rtx-4090,      24,  1008, 165.2",
    "h200-sxm,      141, 4800, 989.5",
    "tpu-v5e,       16,  819,  197",
  })
  void datasheetFactsArePinned(String id, long gib, long gbPerSecond, double bf16Tflops) {
    Gpu gpu = HARDWARE.find(id).orElseThrow();
    assertThat(gpu.memoryBytes()).isEqualTo(gib * GIB);
    assertThat(gpu.memoryDatasheet()).startsWith(gib + " G");
    assertThat(gpu.memoryBandwidthBytesPerSecond()).isEqualTo(gbPerSecond * 1_000_000_000L);
    assertThat(gpu.denseFlopsPerSecond(ComputeDtype.BF16).orElseThrow())
        .isCloseTo(bf16Tflops * 1e12, within(1e9));
    assertThat(gpu.sources()).isNotEmpty().allMatch(url -> url.startsWith("https://"));
  }

  @Test
  void sparseDatasheetHeadlinesAreStoredDense() {
    Gpu h100 = HARDWARE.find("h100-sxm").orElseThrow();
    assertThat(h100.sparsityInDatasheet()).isTrue();
    // Datasheet: 1,979 BF16 TFLOPS "with sparsity"; dense is half.
    assertThat(h100.denseFlopsPerSecond(ComputeDtype.BF16).orElseThrow()).isLessThan(1.0e15);
    assertThat(h100.denseFlopsPerSecond(ComputeDtype.FP8).orElseThrow())
        .isCloseTo(2 * h100.denseFlopsPerSecond(ComputeDtype.BF16).orElseThrow(), within(1e12));
    assertThat(h100.interconnect()).isEqualTo("NVLink 4");
    assertThat(h100.interconnectBytesPerSecond()).isEqualTo(900_000_000_000L);
    assertThat(HARDWARE.find("v100").orElseThrow().sparsityInDatasheet()).isFalse();
    assertThat(HARDWARE.find("t4").orElseThrow().denseFlopsPerSecond(ComputeDtype.BF16)).isEmpty();
  }

  @Test
  void everyBriefedAcceleratorIsPresent() {
    List<String> ids = HARDWARE.all().stream().map(Gpu::id).toList();
    assertThat(ids).doesNotHaveDuplicates().contains("v100-sxm2-16gb", "v100-sxm2-32gb", "t4",
        "a10g", "l4", "l40s", "a100-40gb-sxm", "a100-80gb-sxm", "a100-40gb-pcie", "a100-80gb-pcie",
        "h100-sxm", "h100-pcie", "h100-nvl", "h200-sxm", "b200", "rtx-3090", "rtx-4090",
        "rtx-5090", "mi250x", "mi300x", "mi325x", "m2-ultra", "m3-max", "m4-max", "tpu-v5e",
        "tpu-v5p", "gaudi-3", "h200-nvl", "gh200", "dgx-spark", "rtx-pro-6000", "mi355x", "m3-ultra", "m4-pro",
        "tpu-v6e", "trainium2", "gb200", "b300", "gaudi-2");
  }

  @ParameterizedTest
  @CsvSource({
    "h100, h100-sxm", "H100, h100-sxm", "a100, a100-80gb-sxm", "4090, rtx-4090",
    "' RTX-4090 ', rtx-4090", "v5e, tpu-v5e", "gaudi3, gaudi-3",
  })
  void findAcceptsIdsAndCommonAliases(String query, String id) {
    assertThat(HARDWARE.find(query)).map(Gpu::id).contains(id);
  }

  @Test
  void closeMatchesSuggestForUnknownNames() {
    assertThat(HARDWARE.find("h1000")).isEmpty();
    assertThat(HARDWARE.closeMatches("h1000")).contains("h100-sxm").doesNotHaveDuplicates();
    assertThat(HARDWARE.closeMatches("rtx4090")).first().isEqualTo("rtx-4090");
    assertThat(HARDWARE.closeMatches("qqqqqqqqqqqq")).isEmpty();
  }

  /** Apple: 192 GB M2 Ultra; GPU working set about 75% by default on machines over 36 GB. */
  @Test
  void appleUnifiedMemoryHasADefaultGpuShare() {
    Gpu m2 = HARDWARE.find("m2-ultra").orElseThrow();
    assertThat(m2.memoryBytes()).isEqualTo(192 * GIB);
    assertThat(m2.usableMemoryFraction()).isEqualTo(0.75);
    assertThat(m2.usableMemoryBytes()).isEqualTo(144 * GIB);
    assertThat(m2.note()).contains("recommendedMaxWorkingSetSize");
    assertThat(HARDWARE.find("h100").orElseThrow().usableMemoryBytes()).isEqualTo(80 * GIB);
  }

  @Test
  void pricesCarryProviderDateAndSource() {
    CloudPrice v5p = HARDWARE.find("tpu-v5p").orElseThrow().price().orElseThrow();
    assertThat(v5p.usdPerHour()).isEqualTo(4.20);
    assertThat(v5p.source()).startsWith("https://cloud.google.com/tpu/pricing");
    assertThat(HARDWARE.all()).allSatisfy(gpu -> gpu.price().ifPresent(
        price -> assertThat(price.asOf()).matches("20\\d\\d-\\d\\d")));
  }

  /**
   * Issue 12's corrections. B200: NVIDIA's HGX B200 table gives 7.7 TB/s of HBM3e per GPU (not
   * 8.0) and FP32 75 TFLOPS. TPU: Google quotes ICI one way (v5e 1,600 Gbps = 200 GB/s, v5p 4,800
   * Gbps = 600 GB/s); every interconnect row counts both directions, as NVLink's 900 GB/s does.
   */
  @Test
  void correctedB200AndTpuFigures() {
    Gpu b200 = HARDWARE.find("b200").orElseThrow();
    assertThat(b200.memoryBandwidthBytesPerSecond()).isEqualTo(7_700_000_000_000L);
    assertThat(b200.denseFlopsPerSecond(ComputeDtype.FP32).orElseThrow()).isEqualTo(75e12);
    assertThat(b200.sourceOf("memory_bandwidth_gb_per_s")).hasValue("https://www.nvidia.com/en-us/data-center/hgx/");
    assertThat(HARDWARE.find("tpu-v5e").orElseThrow().interconnectBytesPerSecond()).isEqualTo(400_000_000_000L);
    assertThat(HARDWARE.find("tpu-v5p").orElseThrow().interconnectBytesPerSecond()).isEqualTo(1_200_000_000_000L);
    assertThat(HARDWARE.find("h100").orElseThrow().interconnectBytesPerSecond()).isEqualTo(900_000_000_000L);
  }

  /** Every figure an entry states names the https URL it was read from (the reader refuses one without). */
  @Test
  void everyFigureCarriesItsOwnSourceUrl() {
    assertThat(HARDWARE.all()).allSatisfy(gpu -> {
      assertThat(gpu.sourceOf("memory_gib")).get().asString().startsWith("https://");
      assertThat(gpu.sourceOf("memory_bandwidth_gb_per_s")).get().asString().startsWith("https://");
      gpu.denseFlopsPerSecond().keySet().forEach(dtype ->
          assertThat(gpu.sourceOf("dense_tflops." + dtype.jsonKey())).get().asString().startsWith("https://"));
      if (!gpu.interconnect().isEmpty()) {
        assertThat(gpu.sourceOf("interconnect")).get().asString().startsWith("https://");
      }
      assertThat(gpu.decode().source()).startsWith("https://");
    });
  }

  /** RTX 5090, Blackwell GeForce whitepaper: every tensor dtype, FP32-accumulate, sparse figures halved. */
  @Test
  void rtx5090HasEveryDtype() {
    Gpu g = HARDWARE.find("5090").orElseThrow();
    assertThat(g.denseFlopsPerSecond(ComputeDtype.BF16).orElseThrow()).isEqualTo(209.5e12);
    assertThat(g.denseFlopsPerSecond(ComputeDtype.FP8).orElseThrow()).isEqualTo(419e12);
    assertThat(g.denseFlopsPerSecond(ComputeDtype.FP4).orElseThrow()).isEqualTo(1676e12);
    assertThat(g.memoryBandwidthBytesPerSecond()).isEqualTo(1_792_000_000_000L);
  }
}
