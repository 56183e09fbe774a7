package dev.paramscope.cli;

import dev.paramscope.BadInputException;

/** Option values that parse but make no sense. */
final class Checks {
  private Checks() {}

  static void positive(String option, long value) {
    if (value <= 0) {
      throw new BadInputException(option, "must be positive, got " + value);
    }
  }
}
