package dev.paramscope.query;

import dev.paramscope.BadInputException;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A GPU and a count as users write them: {@code h100}, {@code h100-sxm x8}, {@code 4090x2}, {@code mi300x}. */
public record GpuSpec(Gpu gpu, int count) {
  private static final Pattern COUNTED = Pattern.compile("(.+?)\\s*[x×*]\\s*(\\d{1,4})");

  public GpuSpec {
    if (count <= 0) {
      throw new BadInputException("--gpu", "the GPU count must be positive, got " + count);
    }
  }

  public static GpuSpec parse(String text) {
    String t = text.trim();
    Optional<Gpu> whole = HardwareCatalog.builtIn().find(t);
    if (whole.isPresent()) {
      return new GpuSpec(whole.get(), 1);
    }
    Matcher m = COUNTED.matcher(t);
    if (m.matches()) {
      Optional<Gpu> gpu = HardwareCatalog.builtIn().find(m.group(1));
      if (gpu.isPresent()) {
        return new GpuSpec(gpu.get(), Integer.parseInt(m.group(2)));
      }
      t = m.group(1);
    }
    List<String> close = HardwareCatalog.builtIn().closeMatches(t);
    throw new BadInputException("--gpu", "unknown GPU '" + t + "'"
        + (close.isEmpty() ? " (see 'paramscope hardware')" : "; did you mean: " + String.join(", ", close)));
  }

  public String label() {
    return count == 1 ? gpu.id() : count + " × " + gpu.id();
  }
}
