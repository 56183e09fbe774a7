package dev.paramscope.count;

import java.util.EnumMap;
import java.util.Map;

/** Running per-component sums; every addition is overflow-checked. */
final class Tally {
  private final EnumMap<Component, Long> sums = new EnumMap<>(Component.class);

  Tally() {
    for (Component c : Component.values()) {
      sums.put(c, 0L);
    }
  }

  void add(Component component, long params) {
    sums.put(component, Math.addExact(sums.get(component), params));
  }

  long get(Component component) {
    return sums.get(component);
  }

  long total() {
    long total = 0;
    for (long v : sums.values()) {
      total = Math.addExact(total, v);
    }
    return total;
  }

  Map<Component, Long> asMap() {
    return new EnumMap<>(sums);
  }
}
