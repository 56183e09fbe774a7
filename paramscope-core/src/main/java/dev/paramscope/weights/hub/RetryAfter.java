package dev.paramscope.weights.hub;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wait a {@code Retry-After} header asks for: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {
  private RetryAfter() {}

  /** Milliseconds to wait from {@code nowMillis}; 0 when the value is neither form or already past. */
  static long millis(String value, long nowMillis) {
    if (value.matches("\\d{1,9}")) {
      return Long.parseLong(value) * 1000;
    }
    try {
      long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
      return Math.max(0, at - nowMillis);
    } catch (DateTimeParseException e) {
      return 0;
    }
  }
}
