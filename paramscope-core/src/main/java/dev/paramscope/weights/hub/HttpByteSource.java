package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import dev.paramscope.weights.ByteSource;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote file read with HTTP Range requests (RFC 9110 §14). The first request asks for
 * {@code firstRead} bytes (enough, in the common case, for a whole header: one request per file);
 * later reads ask for what the reader wants, or with read-ahead for a window doubling from 64 KiB
 * to 16 MiB (GGUF headers are read in many small pieces). Every 206's {@code Content-Range} must
 * match the request; a server that ignores {@code Range} (200) is cut off at the bytes needed.
 * The first request may have begun already ({@link HubHttp#firstHop}): its redirect is followed
 * from there, or its answer is the first window. Later requests go where the last answer came
 * from, so a second read of a header skips the hub's redirect.
 */
final class HttpByteSource implements ByteSource {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
  static final int FIRST_WINDOW = 64 * 1024;
  static final int MAX_WINDOW = 16 * 1024 * 1024;
  /** A server without ranges is read from byte 0 up to at most this, to reach a later offset. */
  static final int MAX_PREFIX_WITHOUT_RANGES = 128 * 1024 * 1024;

  private final HubHttp http;
  /** Where the next request goes: the file's URL, then where its last answer came from (a CDN's signed URL). */
  private URI uri;
  private final String name;
  private final int firstRead;
  private final boolean readAhead;
  private long size = -1;
  private long bytesRead;
  private byte[] window = new byte[0];
  private long windowStart;
  private int nextWindow = FIRST_WINDOW;
  /** The first request's first hop, until the first fetch uses it; null when none began. */
  private HubHttp.Hop started;

  HttpByteSource(HubHttp http, URI uri, String name, int firstRead, boolean readAhead) {
    this(http, uri, name, firstRead, readAhead, null);
  }

  /** @param started the first hop of the first request (to {@code uri}), or null */
  HttpByteSource(HubHttp http, URI uri, String name, int firstRead, boolean readAhead, HubHttp.Hop started) {
    this.http = http;
    this.started = started;
    this.uri = uri;
    this.name = name;
    this.firstRead = Math.max(16, Math.min(firstRead, MAX_WINDOW));
    this.readAhead = readAhead;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() throws IOException {
    if (size < 0) {
      fetch(0, firstRead);
    }
    return size;
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    if (size >= 0 && offset >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (offset < windowStart || offset >= windowStart + window.length) {
      int asked = Math.min(dst.remaining(), MAX_WINDOW);
      int want = size < 0 ? Math.max(firstRead, asked) : readAhead ? Math.max(nextWindow, asked) : asked;
      fetch(offset, want);
      if (readAhead) {
        nextWindow = Math.min(MAX_WINDOW, nextWindow * 2);
      }
      if (offset >= size) {
        return -1;
      }
    }
    int from = (int) (offset - windowStart);
    int n = Math.min(dst.remaining(), window.length - from);
    dst.put(window, from, n);
    bytesRead += n;
    return n;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public void close() {
    window = new byte[0];
  }

  private void fetch(long offset, int length) throws IOException {
    HubHttp.Hop hop = started;
    started = null;
    if (hop != null && hop.answer() != null) {
      // Answered at once, for the bytes the first hop asked for; enough when it holds the offset.
      accept(hop.answer(), hop.first(), hop.last(), (int) (hop.last() - hop.first() + 1));
      if (offset >= windowStart && offset < windowStart + window.length || offset >= size) {
        return;
      }
      hop = null;
    }
    long end = offset + length - 1;
    if (size >= 0) {
      end = Math.min(end, size - 1);
    }
    int count = (int) (end - offset + 1);
    accept(hop != null ? http.rest(hop, offset, end, count) : http.get(uri, offset, end, count), offset, end, count);
  }

  /** Takes an answer to a request for bytes {@code [offset, end]} ({@code count} of them) as the window. */
  private void accept(HubHttp.Response response, long offset, long end, int count) throws IOException {
    uri = response.uri();
    if (response.status() == 200) {
      wholeFile(response, offset, count);
      return;
    }
    String header = response.headers().firstValue("Content-Range").orElse("");
    Matcher m = CONTENT_RANGE.matcher(header.trim().toLowerCase(Locale.ROOT));
    if (!m.matches() || m.group(3).equals("*")) {
      throw new BadInputException(name, "bad Content-Range '" + header + "' for bytes " + offset + "-" + end);
    }
    long start = Long.parseLong(m.group(1));
    long last = Long.parseLong(m.group(2));
    long total = Long.parseLong(m.group(3));
    if (start != offset || last < start || last > end || last >= total || (size >= 0 && total != size)) {
      throw new BadInputException(name, "the server's Content-Range disagrees with the request: asked for bytes "
          + offset + "-" + end + ", got '" + header + "'");
    }
    int expected = (int) (last - start + 1);
    if (response.body().length < expected) {
      throw new BadInputException(name, "the connection ended after " + response.body().length + " of " + expected
          + " bytes at byte " + offset);
    }
    size = total;
    window = response.body();
    windowStart = offset;
  }

  /** A 200 to a Range request: the body is the file from byte 0, kept only up to what we need. */
  private void wholeFile(HubHttp.Response response, long offset, int count) throws IOException {
    byte[] body = response.body();
    if (offset > 0) {
      long needed = offset + count;
      if (needed > MAX_PREFIX_WITHOUT_RANGES) {
        throw new BadInputException(name, "the server ignores Range requests (HTTP 200) and byte " + offset
            + " is too far into the file to read from its start");
      }
      body = http.get(uri, 0, needed - 1, (int) needed).body();
    }
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    long kept = body.length;
    if (length.isPresent()) {
      size = length.getAsLong();
    } else if (kept < offset + count) {
      size = kept; // the whole file came, and it is shorter than what we asked for
    } else {
      throw new BadInputException(name, "the server ignores Range requests and gives no Content-Length");
    }
    if (kept < Math.min(size, offset + count)) {
      throw new BadInputException(name, "the connection ended after " + kept + " bytes");
    }
    int from = (int) Math.min(offset, kept);
    int to = (int) Math.min(kept, offset + count);
    window = java.util.Arrays.copyOfRange(body, from, to);
    windowStart = offset;
  }
}
