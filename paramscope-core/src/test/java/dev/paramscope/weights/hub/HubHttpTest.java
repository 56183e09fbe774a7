package dev.paramscope.weights.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Origins (RFC 6454 §4), Retry-After (RFC 9110 §10.2.3) and what is retried. */
class HubHttpTest {
  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @CsvSource({
      "https://huggingface.co/a, https://huggingface.co/b, true",
      "https://huggingface.co/a, https://HuggingFace.co:443/b, true",
      "https://huggingface.co/a, http://huggingface.co/a, false",
      "https://huggingface.co/a, https://cdn-lfs.huggingface.co/a, false",
      "https://huggingface.co/a, https://huggingface.co:8443/a, false",
      "http://127.0.0.1:8080/a, http://127.0.0.1:8081/a, false",
      "http://127.0.0.1/a, http://127.0.0.1:80/a, true",
      "http://127.0.0.1/a, http://localhost/a, false"
  })
  void sameOriginIsSchemeHostAndPort(String a, String b, boolean same) {
    assertThat(HubHttp.sameOrigin(URI.create(a), URI.create(b))).isEqualTo(same);
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource({"0, 0", "7, 7000", "'Thu, 01 Jan 1970 00:00:10 GMT', 9000", "'Thu, 01 Jan 1970 00:00:00 GMT', 0", "soon, 0"})
  void retryAfterIsSecondsOrADate(String value, long millis) {
    assertThat(RetryAfter.millis(value, 1000)).isEqualTo(millis);
  }

  @ParameterizedTest(name = "HTTP {0} retried: {1}")
  @CsvSource({"429, true", "502, true", "503, true", "504, true", "500, false", "404, false", "401, false", "403, false"})
  void onlyTransientStatusesAreRetried(int status, boolean retried) {
    assertThat(HubHttp.retried(status)).isEqualTo(retried);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a/b.safetensors, true", "../x, false", "a/../b, false", "./a, false", "a//b, false", "/a, false",
      "a\\b, false", "a/, false", "model-00001-of-00002.safetensors, true"})
  void safePathsArePlainNames(String path, boolean safe) {
    assertThat(HubSource.safePath(path)).isEqualTo(safe);
  }
}
