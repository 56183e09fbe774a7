package dev.paramscope.hardware;

/**
 * A public on-demand price for one accelerator for one hour.
 *
 * @param usdPerHour US dollars per accelerator-hour; positive
 * @param provider who charges it, e.g. "Google Cloud"
 * @param asOf when the price was read, {@code YYYY-MM}
 * @param source URL of the price list
 */
public record CloudPrice(double usdPerHour, String provider, String asOf, String source) {
  public CloudPrice {
    if (!(usdPerHour > 0) || Double.isInfinite(usdPerHour)) {
      throw new IllegalArgumentException("usd_per_hour (" + usdPerHour + ") must be positive");
    }
    if (provider == null || provider.isBlank() || source == null || source.isBlank()) {
      throw new IllegalArgumentException("a price needs a provider and a source");
    }
    if (asOf == null || !asOf.matches("20\\d\\d-(0[1-9]|1[0-2])")) {
      throw new IllegalArgumentException("as_of \"" + asOf + "\" must be YYYY-MM");
    }
  }
}
