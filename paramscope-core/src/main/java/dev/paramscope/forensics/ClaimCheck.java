package dev.paramscope.forensics;

import java.util.ArrayList;
import java.util.List;

/**
 * Tests a published parameter figure against the intervals. A figure without an active count is
 * read as dense (active = total) by the speed and price methods, which bound active parameters. The
 * logit-rank method gives a dense and a mixture-of-experts reading of the same width; a figure
 * passes it when it fits either reading whole (total, and active when stated).
 */
public final class ClaimCheck {
  private ClaimCheck() {}

  /** The methods whose intervals the figure falls outside, in the intervals' order; empty when inside all. */
  public static List<String> outside(long total, Long active, List<SizeInterval> intervals) {
    double activeOrTotal = active == null ? total : active;
    List<String> out = new ArrayList<>();
    boolean rankTested = false;
    boolean rankPasses = false;
    for (String reading : List.of("logit_rank_dense", "logit_rank_moe")) {
      boolean tested = false;
      boolean passes = true;
      for (SizeInterval i : intervals) {
        if (!i.method().equals(reading)) {
          continue;
        }
        tested = true;
        double value = i.quantity().equals("total_params") ? total
            : active != null ? active : reading.equals("logit_rank_dense") ? total : Double.NaN;
        passes &= Double.isNaN(value) || i.contains(value);
      }
      rankTested |= tested;
      rankPasses |= tested && passes;
    }
    if (rankTested && !rankPasses) {
      out.add("logit_rank");
    }
    for (SizeInterval i : intervals) {
      if (i.method().startsWith("logit_rank") || !i.quantity().equals("active_params")) {
        continue;
      }
      if (!i.contains(activeOrTotal) && !out.contains(i.method())) {
        out.add(i.method());
      }
    }
    return out;
  }
}
