package dev.paramscope.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One accelerator (GPU, TPU chip, Gaudi, Apple SoC) and its datasheet figures.
 *
 * <p>Units: memory in bytes, where the datasheet's "GB" of DRAM is taken as GiB (2^30 bytes):
 * memory is built from binary-sized dies and stacks (an 80 GB H100 has five 16 GiB HBM3 stacks
 * and {@code nvidia-smi} reports 81,559 MiB of it usable). Bandwidths are decimal (1 TB/s =
 * 10^12 bytes/s), as datasheets mean them. Throughput is dense (no structured sparsity) peak
 * operations per second; {@code sparsityInDatasheet} says the datasheet headline counts 2:4
 * sparsity and was halved here. FP64/FP32 are the non-tensor (vector) rates.
 *
 * @param id lowercase slug, e.g. {@code h100-sxm}
 * @param name display name
 * @param vendor maker, e.g. "NVIDIA"
 * @param aliases other names accepted by {@link HardwareCatalog#find}, lowercase
 * @param memoryDatasheet the memory as the datasheet prints it, e.g. "80 GB HBM3"
 * @param memoryBytes memory capacity in bytes (datasheet GB x 2^30); positive
 * @param usableMemoryFraction share of {@code memoryBytes} a model may use by default (1 for
 *     discrete accelerators; about 0.75 for Apple unified memory, see the entry's note)
 * @param memoryBandwidthBytesPerSecond peak memory bandwidth; positive
 * @param denseFlopsPerSecond dense peak per dtype; a dtype the datasheet does not quote is absent
 * @param sparsityInDatasheet true when the datasheet's tensor figures include 2:4 sparsity
 * @param interconnect scale-up link name ("NVLink 4", "Infinity Fabric", "ICI"), "" when none
 * @param interconnectBytesPerSecond the link's total bandwidth per accelerator counting both
 *     directions (NVLink 4's 900 GB/s is 450 each way; one-way vendor figures are doubled); 0 when
 *     none
 * @param price a public on-demand price, when known
 * @param figureSources the URL each figure was read from, keyed by its {@code gpus.json} name:
 *     {@code memory_gib}, {@code memory_bandwidth_gb_per_s}, {@code interconnect}, and {@code
 *     dense_tflops.<dtype>} or {@code dense_tflops} for all of them; every figure present has one
 * @param decode the batch-1 decode profile of the runtime usually run on it
 * @param note assumptions and caveats; "" when none
 */
public record Gpu(
    String id,
    String name,
    String vendor,
    List<String> aliases,
    String memoryDatasheet,
    long memoryBytes,
    double usableMemoryFraction,
    long memoryBandwidthBytesPerSecond,
    Map<ComputeDtype, Double> denseFlopsPerSecond,
    boolean sparsityInDatasheet,
    String interconnect,
    long interconnectBytesPerSecond,
    Optional<CloudPrice> price,
    Map<String, String> figureSources,
    DecodeProfile decode,
    String note) {

  private static final Pattern ID_SLUG = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  public Gpu {
    if (id == null || !ID_SLUG.matcher(id).matches()) {
      throw new IllegalArgumentException("id \"" + id + "\" must be a lowercase slug like h100-sxm");
    }
    requireText("name", name);
    requireText("vendor", vendor);
    aliases = List.copyOf(aliases);
    requireText("memory_datasheet", memoryDatasheet);
    if (memoryBytes <= 0 || memoryBandwidthBytesPerSecond <= 0) {
      throw new IllegalArgumentException("memory and memory bandwidth must be positive");
    }
    if (!(usableMemoryFraction > 0 && usableMemoryFraction <= 1)) {
      throw new IllegalArgumentException(
          "usable_memory_fraction (" + usableMemoryFraction + ") must be in (0, 1]");
    }
    EnumMap<ComputeDtype, Double> flops = new EnumMap<>(ComputeDtype.class);
    denseFlopsPerSecond.forEach((dtype, value) -> {
      if (value == null || !(value > 0) || value.isInfinite()) {
        throw new IllegalArgumentException(
            dtype.jsonKey() + " peak (" + value + ") must be positive");
      }
      flops.put(Objects.requireNonNull(dtype), value);
    });
    denseFlopsPerSecond = Collections.unmodifiableMap(flops);
    interconnect = interconnect == null ? "" : interconnect;
    if (interconnectBytesPerSecond < 0) {
      throw new IllegalArgumentException("interconnect bandwidth must not be negative");
    }
    Objects.requireNonNull(price, "price");
    figureSources = Collections.unmodifiableMap(new LinkedHashMap<>(figureSources));
    Objects.requireNonNull(decode, "decode");
    note = note == null ? "" : note;
    for (String figure : figures(flops.keySet(), !interconnect.isEmpty())) {
      String url = sourceOf(figureSources, figure);
      if (url == null || !url.startsWith("https://")) {
        throw new IllegalArgumentException("figure " + figure + " has no https source");
      }
    }
  }

  /** The figures an entry states, by their {@code gpus.json} names. */
  private static List<String> figures(Iterable<ComputeDtype> dtypes, boolean hasInterconnect) {
    List<String> names = new ArrayList<>(List.of("memory_gib", "memory_bandwidth_gb_per_s"));
    dtypes.forEach(dtype -> names.add("dense_tflops." + dtype.jsonKey()));
    if (hasInterconnect) {
      names.add("interconnect");
    }
    return names;
  }

  private static String sourceOf(Map<String, String> sources, String figure) {
    String url = sources.get(figure);
    if (url == null && figure.startsWith("dense_tflops.")) {
      url = sources.get("dense_tflops");
    }
    return url;
  }

  /** The URL a figure was read from ({@code memory_bandwidth_gb_per_s}, {@code dense_tflops.bf16}, ...). */
  public Optional<String> sourceOf(String figure) {
    return Optional.ofNullable(sourceOf(figureSources, figure));
  }

  /** Every distinct source URL, in the order the entry lists them. */
  public List<String> sources() {
    return figureSources.values().stream().distinct().toList();
  }

  /** Dense peak operations per second for {@code dtype}, if the datasheet quotes one. */
  public OptionalDouble denseFlopsPerSecond(ComputeDtype dtype) {
    Double value = denseFlopsPerSecond.get(dtype);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** Driver reservation on NVIDIA: a fixed part and a share of the memory (see {@link #runtimeVisibleBytes}). */
  static final long NVIDIA_RESERVED_FIXED_BYTES = 279_172_874L; // 0.26 GiB
  static final double NVIDIA_RESERVED_FRACTION = 0.0065;

  /**
   * Bytes the CUDA runtime reports as the device's total ({@code torch.cuda.mem_get_info}), which
   * serving engines size their pools from. On a discrete NVIDIA GPU that is the memory less about
   * 0.26 GiB and 0.65% kept by the driver, fitted to three reports: 23.58 GiB of a 24 GB RTX 3090
   * (vllm-project/vllm#10517, {@code total_gpu_memory=23.58GiB}), 79.2 GiB of an 80 GB H100 (vLLM
   * logs quoted in paramscope issue 17) and 150,109,880,320 bytes of a 141 GB H200 (paramscope's
   * calibration run); each within 0.05%. Other accelerators: {@link #usableMemoryBytes}.
   */
  public long runtimeVisibleBytes() {
    if (!"NVIDIA".equals(vendor) || usableMemoryFraction < 1) {
      return usableMemoryBytes();
    }
    return memoryBytes - NVIDIA_RESERVED_FIXED_BYTES - (long) Math.ceil(memoryBytes * NVIDIA_RESERVED_FRACTION);
  }

  /** Bytes a model may use by default: {@code memoryBytes x usableMemoryFraction}, rounded down. */
  public long usableMemoryBytes() {
    return (long) Math.floor(memoryBytes * usableMemoryFraction);
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
