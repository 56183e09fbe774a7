package dev.paramscope.weights.hub;

import java.time.Duration;

/**
 * How a remote read behaves: the per-request {@code timeout} (connecting, then headers and body of
 * one response), the {@code deadline} of the whole read, and how many requests run at once.
 */
public record RemoteOptions(Duration timeout, Duration deadline, int connections) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_CONNECTIONS = 16;
  /** The whole read may take this many per-request timeouts. */
  public static final int DEADLINE_TIMEOUTS = 10;
  public static final int MAX_CONNECTIONS = 256;

  public static final RemoteOptions DEFAULT = of(DEFAULT_TIMEOUT, DEFAULT_CONNECTIONS);

  public RemoteOptions {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, not " + timeout.toMillis() + " ms");
    }
    if (deadline.compareTo(timeout) < 0) {
      throw new IllegalArgumentException("the total deadline must be at least the per-request timeout");
    }
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException("--connections must be 1.." + MAX_CONNECTIONS + ", not " + connections);
    }
  }

  /** A per-request timeout, a whole-read deadline of {@link #DEADLINE_TIMEOUTS} of them, and a concurrency. */
  public static RemoteOptions of(Duration timeout, int connections) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, not " + timeout.toMillis() + " ms");
    }
    return new RemoteOptions(timeout, timeout.multipliedBy(DEADLINE_TIMEOUTS), connections);
  }
}
