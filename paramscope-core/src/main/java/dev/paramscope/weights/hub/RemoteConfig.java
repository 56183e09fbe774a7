package dev.paramscope.weights.hub;

import dev.paramscope.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The {@code config.json} of an {@code hf://org/name[@revision]} repo, alone: what the estimate
 * commands need, one small request with the same checks, token handling, redirects and limits as
 * {@link RemoteCheckpoint} (no file listing, no weight headers).
 */
public final class RemoteConfig {
  private RemoteConfig() {}

  /**
   * @param env {@code HF_ENDPOINT} and {@code HF_TOKEN}, as for {@link RemoteCheckpoint#open}
   * @return the config's text
   * @throws BadInputException when the source is malformed, names a file other than a config.json,
   *     or the repo has no config.json
   */
  public static String read(String source, Map<String, String> env) throws IOException {
    HubSource hf = HubSource.parse(source);
    String file = hf.file() == null ? "config.json" : hf.file();
    if (!(file.equals("config.json") || file.endsWith("/config.json"))) {
      throw new BadInputException(source, "estimates read a config.json: give hf://org/name or hf://org/name/config.json");
    }
    String endpoint = env.getOrDefault("HF_ENDPOINT", "https://huggingface.co").replaceAll("/+$", "");
    HubHttp http = new HubHttp(RemoteCheckpoint.endpointUri(endpoint), env.get("HF_TOKEN"), RemoteOptions.DEFAULT, 500);
    byte[] json = new HubRepo(http, endpoint, hf).smallIfPresent(file)
        .orElseThrow(() -> new BadInputException(source, "the repo has no " + file));
    return new String(json, StandardCharsets.UTF_8);
  }
}
