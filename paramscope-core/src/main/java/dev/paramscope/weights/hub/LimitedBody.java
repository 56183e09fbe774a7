package dev.paramscope.weights.hub;

import java.util.Arrays;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response body kept up to a limit: once that many bytes are in, the subscription is cancelled
 * (the client closes the connection), so a server that ignores {@code Range} or sends more than
 * asked costs no more than what we need. A body whose announced length fits the limit is read to
 * its end instead, so the connection goes back to the pool: a Range answer is exactly as long as
 * the limit, and cancelling it made every shard read open a new connection. Every byte received is
 * added to a counter.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final int limit;
  private final long expected;
  private byte[] kept;
  private int size;
  private final AtomicLong received;
  private Flow.Subscription subscription;

  /**
   * @param expected the body's announced length ({@code Content-Length}), or -1: the buffer starts
   *     at that size (up to the limit), so a Range answer is kept without copies
   */
  LimitedBody(int limit, long expected, AtomicLong received) {
    this.limit = limit;
    this.expected = expected;
    this.received = received;
    this.kept = new byte[(int) Math.min(limit, expected >= 0 ? expected : 8192)];
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      int n = buffer.remaining();
      received.addAndGet(n);
      int keep = Math.min(n, limit - size);
      if (size + keep > kept.length) {
        kept = Arrays.copyOf(kept, (int) Math.min(limit, Math.max(size + keep, 2L * kept.length)));
      }
      buffer.get(kept, size, keep);
      size += keep;
    }
    if (size >= limit && (expected < 0 || expected > limit)) {
      subscription.cancel();
      result.complete(bytes());
    } else {
      subscription.request(1); // the rest, or the end of a body that fits
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(bytes());
  }

  private byte[] bytes() {
    return size == kept.length ? kept : Arrays.copyOf(kept, size);
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
