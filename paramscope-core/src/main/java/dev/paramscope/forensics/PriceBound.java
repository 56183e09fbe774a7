package dev.paramscope.forensics;

import dev.paramscope.BadInputException;

/**
 * A loose interval on active parameters from an API price. Serving one token costs about
 * {@code 2 × active} FLOPs (Kaplan et al. 2020, arXiv:2001.08361, §2.1); a GPU-hour buys
 * {@code peak × utilisation × 3600} FLOPs; the price covers the cost and a margin:
 * {@code price × (1 - margin) = GPU-hour price × 2 × active / (peak × utilisation × 3600)}. Solved
 * for active at the range ends: the high end takes the highest utilisation, the lowest margin and
 * the cheapest GPU-hour, the low end the opposite. Loose by construction: each range spans
 * an order of magnitude, and pricing follows the market as much as the cost.
 *
 * @param usdPerMillionTokens the API price of a million output tokens
 * @param flopsPerSecond one accelerator's dense peak
 * @param gpuHourUsd the range of an accelerator-hour's cost to the provider
 * @param utilisation the range of achieved share of the peak while serving
 * @param margin the range of the provider's margin as a share of the price, in [0, 1)
 */
public record PriceBound(double usdPerMillionTokens, double flopsPerSecond, ValueRange gpuHourUsd,
    ValueRange utilisation, ValueRange margin) {

  public PriceBound {
    if (!(usdPerMillionTokens > 0) || Double.isInfinite(usdPerMillionTokens)) {
      throw new BadInputException("--price-per-mtok", "must be a positive number, got " + usdPerMillionTokens);
    }
    if (!(gpuHourUsd.low() > 0)) {
      throw new BadInputException("--gpu-hour-price", "must be positive, got " + gpuHourUsd);
    }
    if (!(utilisation.low() > 0) || utilisation.high() > 1) {
      throw new BadInputException("--utilisation", "must lie in (0, 1], got " + utilisation);
    }
    if (margin.high() >= 1) {
      throw new BadInputException("--margin", "must lie in [0, 1), got " + margin);
    }
  }

  /** Active parameters at one end of the ranges. */
  static double activeParams(double usdPerMillionTokens, double flopsPerSecond, double gpuHourUsd,
      double utilisation, double margin) {
    double usdPerToken = usdPerMillionTokens / 1e6;
    return usdPerToken * (1 - margin) * flopsPerSecond * utilisation * 3600 / (2 * gpuHourUsd);
  }

  public double activeParamsLow() {
    return activeParams(usdPerMillionTokens, flopsPerSecond, gpuHourUsd.high(), utilisation.low(), margin.high());
  }

  public double activeParamsHigh() {
    return activeParams(usdPerMillionTokens, flopsPerSecond, gpuHourUsd.low(), utilisation.high(), margin.low());
  }
}
