package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GPU and a count as users write them: {@code h100}, {@code h100x8}, {@code h100-sxm x8},
 * {@code 8xh100}, {@code 8×h100}, {@code rtx4090}, {@code mi300x}. A name that is a catalog id
 * or alias on its own is never split, so {@code rtx4090} is one RTX 4090 and {@code mi300x} one
 * MI300X.
 */
public record GpuSpec(Gpu gpu, int count) {
  /**
   * The most accelerators one spec may name: well above the largest published training runs
   * (Llama 3.1 405B used 16,384 H100s, arXiv:2407.21783 section 3.3) and small enough that byte
   * and FLOP totals stay far from overflow.
   */
  public static final int MAX_COUNT = 1_000_000;

  private static final Pattern TIMES_AFTER = Pattern.compile("(.+?)\\s*[x×*]\\s*(\\d{1,9})", Pattern.CASE_INSENSITIVE);
  private static final Pattern TIMES_BEFORE = Pattern.compile("(\\d{1,9})\\s*[x×*]\\s*(.+)", Pattern.CASE_INSENSITIVE);

  public GpuSpec {
    if (count <= 0 || count > MAX_COUNT) {
      throw new BadInputException("--gpu", "the GPU count must be between 1 and " + MAX_COUNT + ", got " + count);
    }
  }

  /** Reads {@code ID}, {@code IDxN}, {@code ID xN}, {@code ID × N}, {@code NxID} or {@code N×ID}. */
  public static GpuSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new BadInputException("--gpu", "names no GPU (see 'paramscope hardware')");
    }
    String t = text.trim();
    Optional<Gpu> whole = find(t);
    if (whole.isPresent()) {
      return new GpuSpec(whole.get(), 1);
    }
    Matcher after = TIMES_AFTER.matcher(t);
    if (after.matches() && find(after.group(1)).isPresent()) {
      return new GpuSpec(find(after.group(1)).get(), Integer.parseInt(after.group(2)));
    }
    Matcher before = TIMES_BEFORE.matcher(t);
    if (before.matches() && find(before.group(2)).isPresent()) {
      return new GpuSpec(find(before.group(2)).get(), Integer.parseInt(before.group(1)));
    }
    String name = after.matches() ? after.group(1) : before.matches() ? before.group(2) : t;
    List<String> close = HardwareCatalog.builtIn().closeMatches(name);
    throw new BadInputException("--gpu", "unknown GPU '" + t + "'"
        + (close.isEmpty() ? " (see 'paramscope hardware')" : "; did you mean: " + String.join(", ", close)));
  }

  private static Optional<Gpu> find(String name) {
    return HardwareCatalog.builtIn().find(name.trim());
  }

  public String label() {
    return count == 1 ? gpu.id() : count + " × " + gpu.id();
  }
}
