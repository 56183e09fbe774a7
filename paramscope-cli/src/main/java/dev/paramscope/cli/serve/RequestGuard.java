package dev.paramscope.cli.serve;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs before every handler. Sets the browser's protections on every response and refuses
 * requests that a hostile web page could make through the user's browser:
 * <ul>
 *   <li>a {@code Host} other than this server's loopback names (or {@code --host}) with its port:
 *       403 — a DNS-rebinding page reaches 127.0.0.1 under its own name and is refused;
 *   <li>an {@code Origin} other than this server's own: 403 — a cross-site request;
 *   <li>a POST without {@code Content-Type: application/json}: 415 — the only bodies a cross-site
 *       form may send without a CORS preflight are form and text types.
 * </ul>
 * Headers: a Content-Security-Policy with scripts from this server only (no inline script, no
 * eval), no framing ({@code X-Frame-Options: DENY}, {@code frame-ancestors 'none'}), no MIME
 * sniffing, no referrer. (OWASP HTML5 Security and DNS-rebinding cheat sheets.)
 */
final class RequestGuard extends Filter {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final Set<String> hosts;

  /** @param bindHost the address the server is bound to ({@code --host}); @param port the served port */
  RequestGuard(String bindHost, int port) {
    String bound = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    Set<String> names = new HashSet<>(List.of("127.0.0.1", "localhost", "[::1]", bound.toLowerCase(Locale.ROOT)));
    this.hosts = names.stream().map(name -> name + ":" + port).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Headers response = exchange.getResponseHeaders();
    response.set("Content-Security-Policy", CSP);
    response.set("X-Frame-Options", "DENY");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "no-referrer");
    Refusal refusal = refusal(exchange);
    if (refusal != null) {
      try (exchange) {
        ApiServer.error(exchange, refusal.status(), refusal.message());
      }
      return;
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "Host, Origin and Content-Type checks; security headers";
  }

  /** Why a request is refused, and the HTTP status to answer. */
  record Refusal(int status, String message) {}

  /** Null when the request may go on, else why not. */
  Refusal refusal(HttpExchange exchange) {
    Headers request = exchange.getRequestHeaders();
    String host = request.getFirst("Host");
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return new Refusal(403, "Host '" + host + "' is not this server's (open it as http://127.0.0.1 or http://localhost)");
    }
    String origin = request.getFirst("Origin");
    boolean sameOrigin = origin != null && origin.regionMatches(true, 0, "http://", 0, 7)
        && hosts.contains(origin.substring(7).toLowerCase(Locale.ROOT));
    if (origin != null && !sameOrigin) {
      return new Refusal(403, "cross-site request from Origin '" + origin + "' refused");
    }
    if (exchange.getRequestMethod().equals("POST")) {
      String type = request.getFirst("Content-Type");
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        return new Refusal(415, "POST bodies must be sent as Content-Type: application/json");
      }
    }
    return null;
  }
}
