package dev.paramscope.count;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The exact learned-parameter count of a model, as its official checkpoint stores it.
 *
 * @param totalParams every learned parameter of the model body and head (a tied head once);
 *     excludes buffers and {@link #extraParams()}
 * @param activeParams parameters touched per token: everything except routed experts, plus
 *     {@code numExpertsPerTok} routed experts per MoE layer, without the vision tower and projector;
 *     equals the total for dense text models
 * @param activeParamsExclEmbeddings {@code activeParams} minus the embeddings and LM head components
 * @param breakdown every {@link Component} in enum order (zeros included), summing to the total
 * @param tiedEmbeddings whether the head shares the embedding matrix (counted once, in embeddings)
 * @param extraParams modules stored beside the body and not in the total (MTP layers); 0 if none
 * @param extraDescription what {@code extraParams} is, "" when it is 0
 */
public record ParameterCount(
    long totalParams,
    long activeParams,
    long activeParamsExclEmbeddings,
    Map<Component, Long> breakdown,
    boolean tiedEmbeddings,
    long extraParams,
    String extraDescription) {
  public ParameterCount {
    Objects.requireNonNull(extraDescription, "extraDescription");
    EnumMap<Component, Long> ordered = new EnumMap<>(Component.class);
    for (Component c : Component.values()) {
      Long value = breakdown.get(c);
      if (value == null || value < 0) {
        throw new IllegalArgumentException("breakdown lacks a non-negative " + c.jsonKey());
      }
      ordered.put(c, value);
    }
    long sum = ordered.values().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact);
    if (sum != totalParams) {
      throw new IllegalArgumentException("breakdown sums to " + sum + ", not " + totalParams);
    }
    if (activeParams < 0 || activeParams > totalParams || activeParamsExclEmbeddings < 0
        || activeParamsExclEmbeddings > activeParams || extraParams < 0) {
      throw new IllegalArgumentException("inconsistent active/extra counts");
    }
    breakdown = Collections.unmodifiableMap(ordered);
  }

  /** One component of the breakdown. */
  public long params(Component component) {
    return breakdown.get(component);
  }

  /** True when only some parameters are active per token (a mixture of experts). */
  public boolean isSparse() {
    return activeParams != totalParams;
  }
}
