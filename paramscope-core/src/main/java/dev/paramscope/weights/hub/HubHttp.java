package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP to the Hugging Face hub (or a mirror at {@code HF_ENDPOINT}): timeouts, redirects followed
 * (the hub sends {@code /resolve/} to a CDN), bounded retries with exponential backoff on 429 and
 * 5xx and on dropped connections, one clear error for 401/403 (gated or private: set HF_TOKEN) and
 * 404. The token travels only in the Authorization header and is never part of a message.
 */
final class HubHttp {
  static final int MAX_ATTEMPTS = 4;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final String token;
  private final long backoffMillis;

  HubHttp(String token, long backoffMillis) {
    this.client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.backoffMillis = backoffMillis;
  }

  /**
   * Sends a GET (with a byte range when {@code rangeHeader} is not null) and returns the response
   * with its body as a stream, after retries. Statuses other than 200 and 206 become errors.
   */
  HttpResponse<InputStream> get(URI uri, String rangeHeader) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET()
          .header("User-Agent", "paramscope");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (rangeHeader != null) {
        request.header("Range", rangeHeader);
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(uri + ": interrupted", e);
      } catch (IOException e) {
        last = new IOException(uri + ": " + describe(e), e);
        pause(attempt, Optional.empty());
        continue;
      }
      int status = response.statusCode();
      if (status == 200 || status == 206) {
        return response;
      }
      response.body().close();
      if (status == 429 || status >= 500) {
        last = new IOException(uri + ": HTTP " + status + " after " + attempt + " attempts");
        pause(attempt, response.headers().firstValue("Retry-After"));
        continue;
      }
      throw statusError(uri, status);
    }
    throw last;
  }

  static BadInputException statusError(URI uri, int status) {
    switch (status) {
      case 401:
      case 403:
        return new BadInputException(uri.toString(), "access denied (HTTP " + status
            + "): the repo is gated or private; set HF_TOKEN to a token that may read it");
      case 404:
        return new BadInputException(uri.toString(), "not found (HTTP 404): check the repo id, revision and file name");
      default:
        return new BadInputException(uri.toString(), "unexpected HTTP status " + status);
    }
  }

  private void pause(int attempt, Optional<String> retryAfter) throws IOException {
    if (attempt == MAX_ATTEMPTS) {
      return;
    }
    long millis = backoffMillis << (attempt - 1);
    if (retryAfter.isPresent()) {
      try {
        millis = Math.min(10_000, Math.max(millis, Long.parseLong(retryAfter.get().trim()) * 1000));
      } catch (NumberFormatException ignored) {
        // an HTTP date: keep the exponential backoff
      }
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
