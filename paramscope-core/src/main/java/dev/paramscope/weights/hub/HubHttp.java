package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP to the Hugging Face hub (or a mirror at {@code HF_ENDPOINT}). Redirects are followed here,
 * not by the client, so that {@code Authorization} goes only to the exact origin (scheme, host,
 * port) of the endpoint: the hub sends {@code resolve/} to a CDN with a signed URL, and the CDN
 * must never see the token (RFC 9110 §15.4 leaves header forwarding on redirects to the client).
 * Each request has a deadline covering headers and body; the whole read has one too. Retries
 * (at most {@link #MAX_ATTEMPTS} tries, exponential backoff with jitter, {@code Retry-After}
 * honoured) only on 429, 502, 503, 504 and connections dropped before an answer; a timeout is not
 * retried. The token is never part of a message.
 */
final class HubHttp {
  static final int MAX_ATTEMPTS = 4;
  static final int MAX_REDIRECTS = 5;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Bodies of redirects and errors are read up to this, so the connection can be reused. */
  private static final int SMALL_BODY = 64 * 1024;

  /** One answer: the final status, the URI that gave it, its headers and (a prefix of) its body. */
  record Response(int status, URI uri, HttpHeaders headers, byte[] body) {}

  private final HttpClient client;
  private final URI endpoint;
  private final String token;
  private final RemoteOptions options;
  private final long backoffMillis;
  private final long deadlineNanos;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong exchanges = new AtomicLong();
  final AtomicLong bytesFetched = new AtomicLong();

  HubHttp(URI endpoint, String token, RemoteOptions options, long backoffMillis) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT.compareTo(options.timeout()) < 0 ? CONNECT_TIMEOUT : options.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/2 where the server offers it through TLS ALPN; cleartext stays HTTP/1.1 (no h2c upgrade).
        .version("https".equalsIgnoreCase(endpoint.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .build();
    this.endpoint = endpoint;
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.options = options;
    this.backoffMillis = backoffMillis;
    this.deadlineNanos = System.nanoTime() + options.deadline().toNanos();
  }

  /**
   * Closes the client where the JDK can (21 and later: {@code HttpClient} is {@code AutoCloseable}),
   * so its selector thread ends: the JVM waits up to 300 ms at exit for threads still in native
   * code, as that thread is in epoll ({@code VM_Exit::wait_for_threads_in_native_to_block}). On JDK
   * 17 the client has no close and nothing happens. Call once every request has completed.
   */
  void close() {
    if (client instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // best effort: the process is about to end
      }
    }
  }

  /**
   * GETs {@code uri} (bytes {@code [first, last]} when {@code first >= 0}), following redirects
   * and retrying as the class comment says, and keeps at most {@code maxBytes} of the body: a
   * server that sends more is cut off there. Statuses other than 200 and 206 become errors.
   */
  Response get(URI uri, long first, long last, int maxBytes) throws IOException {
    requests.incrementAndGet();
    return withRetries(uri, first, last, maxBytes, MAX_REDIRECTS, false);
  }

  /**
   * Where a GET for {@code uri} goes: the first hop of a request as {@link #get} makes it,
   * stopping at the first redirect instead of following it. The hub answers {@code resolve/} of a
   * large file with a redirect to a CDN; finding it needs no Range size yet, so it can start
   * before the index that sizes the Range is read. A server that answers at once (a mirror
   * without a CDN) gives its answer for bytes {@code [first, last]}, kept as {@link #get} keeps it.
   */
  Hop firstHop(URI uri, long first, long last, int maxBytes) throws IOException {
    requests.incrementAndGet();
    Response response = withRetries(uri, first, last, maxBytes, 0, true);
    if (response.status() == 200 || response.status() == 206) {
      return new Hop(null, MAX_REDIRECTS, response, first, last);
    }
    return new Hop(redirectTarget(uri, uri, response), MAX_REDIRECTS - 1, null, first, last);
  }

  /**
   * The rest of the request {@code hop} began: the GET from its redirect's target, with the
   * redirects left, retried as {@link #get} retries (from that target); not a new request.
   */
  Response rest(Hop hop, long first, long last, int maxBytes) throws IOException {
    if (hop.next() == null) {
      throw new IllegalStateException("the request was answered at its first hop");
    }
    return withRetries(hop.next(), first, last, maxBytes, hop.redirectsLeft(), false);
  }

  /**
   * A request's first hop: the redirect's target with the redirects still allowed, or the answer
   * when there was no redirect ({@code answer}, to the request for bytes {@code [first, last]}).
   */
  record Hop(URI next, int redirectsLeft, Response answer, long first, long last) {}

  /**
   * Tries the request up to {@link #MAX_ATTEMPTS} times, following at most {@code redirects}
   * redirects; with {@code stopAtRedirect}, a redirect is the answer.
   */
  private Response withRetries(URI uri, long first, long last, int maxBytes, int redirects, boolean stopAtRedirect)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      Response response;
      try {
        response = follow(uri, first, last, maxBytes, redirects, stopAtRedirect);
      } catch (HttpTimeoutException e) {
        if (System.nanoTime() - deadlineNanos >= 0) {
          throw new IOException(shown(uri) + ": the whole read's deadline of " + seconds(options.deadline())
              + " (10 × --timeout) passed", e);
        }
        throw new IOException(shown(uri) + ": no answer within " + seconds(options.timeout())
            + " (--timeout)" + (e instanceof HttpConnectTimeoutException ? ", connecting" : ""), e);
      } catch (ConnectException e) {
        throw new IOException(shown(uri) + ": cannot connect (" + e.getMessage() + ")", e);
      } catch (IOException e) {
        if (attempt == MAX_ATTEMPTS) {
          throw new IOException(shown(uri) + ": " + describe(e) + " (after " + attempt + " tries)", e);
        }
        pause(uri, attempt, null);
        continue;
      }
      int status = response.status();
      if (status == 200 || status == 206 || stopAtRedirect && isRedirect(status)) {
        return response;
      }
      if (!retried(status)) {
        throw statusError(uri, status, response.headers());
      }
      if (attempt == MAX_ATTEMPTS) {
        throw new IOException(shown(uri) + ": HTTP " + status + " after " + attempt + " tries");
      }
      pause(uri, attempt, response.headers().firstValue("Retry-After").orElse(null));
    }
  }

  static boolean retried(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /**
   * One try: the request and up to {@code redirects} redirects, each hop its own exchange; with
   * {@code stopAtRedirect}, the first redirect is returned.
   */
  private Response follow(URI start, long first, long last, int maxBytes, int redirects, boolean stopAtRedirect)
      throws IOException {
    URI uri = start;
    for (int hop = 0; ; hop++) {
      Response response = exchange(uri, first, last, maxBytes);
      int status = response.status();
      if (!isRedirect(status) || stopAtRedirect) {
        return response;
      }
      if (hop == redirects) {
        throw new BadInputException(shown(start), "more than " + MAX_REDIRECTS + " redirects");
      }
      uri = redirectTarget(start, uri, response);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Where a redirect answer to a request for {@code current} (begun at {@code start}) points: http(s) only. */
  private static URI redirectTarget(URI start, URI current, Response redirect) {
    String location = redirect.headers().firstValue("Location").orElseThrow(() -> new BadInputException(shown(start),
        "HTTP " + redirect.status() + " redirect without a Location"));
    URI next;
    try {
      next = current.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(shown(start), "redirect to a malformed Location");
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
      throw new BadInputException(shown(start), "redirect to an unsupported location (" + scheme + ")");
    }
    return next;
  }

  private Response exchange(URI uri, long first, long last, int maxBytes) throws IOException {
    long leftNanos = deadlineNanos - System.nanoTime();
    if (leftNanos <= 0) {
      throw new HttpTimeoutException("total deadline of " + seconds(options.deadline()) + " passed");
    }
    Duration timeout = Duration.ofNanos(Math.min(leftNanos, options.timeout().toNanos()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
        .header("User-Agent", "paramscope");
    if (token != null && sameOrigin(uri, endpoint)) {
      if (!uri.normalize().getRawPath().equals(uri.getRawPath())) {
        throw new BadInputException(shown(uri), "refusing a path with '.' or '..' segments");
      }
      request.header("Authorization", "Bearer " + token);
    }
    if (first >= 0) {
      request.header("Range", "bytes=" + first + "-" + last);
    }
    exchanges.incrementAndGet();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(),
        info -> new LimitedBody(info.statusCode() == 200 || info.statusCode() == 206 ? maxBytes : SMALL_BODY,
            announcedLength(info.headers()), bytesFetched));
    try {
      HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Response(response.statusCode(), uri, response.headers(), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("no answer");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException(shown(uri) + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(shown(uri) + ": " + cause, cause);
    }
  }

  /** Content-Length when it is a plain number, else -1 (it only sizes a buffer). */
  private static long announcedLength(HttpHeaders headers) {
    String value = headers.firstValue("Content-Length").orElse("");
    return value.matches("\\d{1,12}") ? Long.parseLong(value) : -1;
  }

  /** Same scheme, host and port (RFC 6454 §4), the default port filled in from the scheme. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && b.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** An answer that will not change by asking again (401, 403, 404, ...). */
  static final class StatusException extends BadInputException {
    private static final long serialVersionUID = 1L;
    final int status;

    StatusException(String source, int status, String problem) {
      super(source, problem);
      this.status = status;
    }
  }

  static StatusException statusError(URI uri, int status, HttpHeaders headers) {
    boolean gated = headers.firstValue("X-Error-Code").map("GatedRepo"::equals).orElse(false);
    switch (status) {
      case 401:
        return new StatusException(shown(uri), status, "authentication required (HTTP 401): the repo is "
            + (gated ? "gated" : "private, gated or absent") + "; set HF_TOKEN to a token that may read it");
      case 403:
        return new StatusException(shown(uri), status, "access denied (HTTP 403): " + (gated
            ? "the repo is gated; accept its terms on the Hub, then set HF_TOKEN to your token"
            : "HF_TOKEN's token may not read this repo"));
      case 404:
        return new StatusException(shown(uri), status, "not found (HTTP 404): check the repo id, revision and file name");
      default:
        return new StatusException(shown(uri), status, "unexpected HTTP status " + status);
    }
  }

  /** Waits before try {@code attempt + 1}: base × 2^(attempt-1), jittered to 50–100 %, or Retry-After. */
  private void pause(URI uri, int attempt, String retryAfter) throws IOException {
    long millis = (long) ((backoffMillis << (attempt - 1)) * (0.5 + 0.5 * ThreadLocalRandom.current().nextDouble()));
    if (retryAfter != null) {
      millis = Math.max(millis, RetryAfter.millis(retryAfter.trim(), System.currentTimeMillis()));
    }
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (millis >= leftMillis) {
      throw new IOException(shown(uri) + ": the server asks to wait " + millis / 1000 + " s, past the total deadline of "
          + seconds(options.deadline()));
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }

  /** A URI as messages show it: no query (a CDN's signed URL carries credentials there). */
  static String shown(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
