package dev.paramscope.weights.hub;

import java.io.ByteArrayOutputStream;
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
 * asked costs no more than what we need. Every byte received is added to a counter.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int limit;
  private final AtomicLong received;
  private Flow.Subscription subscription;

  LimitedBody(int limit, AtomicLong received) {
    this.limit = limit;
    this.received = received;
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
      int keep = Math.min(n, limit - kept.size());
      byte[] bytes = new byte[keep];
      buffer.get(bytes);
      kept.write(bytes, 0, keep);
    }
    if (kept.size() >= limit) {
      subscription.cancel();
      result.complete(kept.toByteArray());
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(kept.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
