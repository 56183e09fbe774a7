package dev.paramscope.weights.hub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.BadInputException;
import dev.paramscope.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub's URLs for one repo at one revision: the file listing
 * ({@code GET /api/models/{repo}/revision/{rev}}, field {@code siblings[].rfilename}) and files
 * ({@code /{repo}/resolve/{rev}/{file}}, which the hub redirects to a CDN).
 */
final class HubRepo {
  static final int MAX_JSON_BYTES = 16 << 20;
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

  private final HubHttp http;
  private final String endpoint;
  private final HubSource source;

  HubRepo(HubHttp http, String endpoint, HubSource source) {
    this.http = http;
    this.endpoint = endpoint;
    this.source = source;
  }

  List<String> files() throws IOException {
    URI api = URI.create(endpoint + "/api/models/" + source.repo() + "/revision/" + encode(source.revision()));
    JsonNode info = json(read(api), HubHttp.shown(api));
    List<String> names = new ArrayList<>();
    info.path("siblings").forEach(s -> names.add(s.path("rfilename").asText()));
    return names;
  }

  URI resolve(String file) {
    if (!HubSource.safePath(file)) {
      throw new BadInputException("hf://" + source.repo(), "refusing the file name '" + file + "' (path segments)");
    }
    StringBuilder path = new StringBuilder();
    for (String part : file.split("/")) {
      path.append('/').append(encode(part));
    }
    return URI.create(endpoint + "/" + source.repo() + "/resolve/" + encode(source.revision()) + path);
  }

  /** A small file (JSON) whole, or empty when the hub says 404: fetched before we know it exists. */
  Optional<byte[]> smallIfPresent(String file) throws IOException {
    try {
      return Optional.of(read(resolve(file)));
    } catch (HubHttp.StatusException e) {
      if (e.status == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private byte[] read(URI uri) throws IOException {
    byte[] bytes = http.get(uri, -1, -1, MAX_JSON_BYTES + 1).body();
    if (bytes.length > MAX_JSON_BYTES) {
      throw new BadInputException(HubHttp.shown(uri), "more than " + MAX_JSON_BYTES + " bytes of JSON");
    }
    return bytes;
  }

  /**
   * Streams the {@code weight_map} of a {@code model.safetensors.index.json} (tensor name → shard)
   * to {@code entry}, without building a tree: DeepSeek-V3's index is 8.5 MB with 91,991 entries.
   */
  static void weightMap(byte[] bytes, String source, java.util.function.BiConsumer<String, String> entry) {
    try (com.fasterxml.jackson.core.JsonParser parser = JsonTrees.withoutNameTable(JSON, bytes)) {
      if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new BadInputException(source, "expected a JSON object");
      }
      while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
        if (!field.equals("weight_map") || value != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          String tensor = parser.currentName();
          if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            throw new BadInputException(source, "weight_map[" + tensor + "] is not a file name");
          }
          entry.accept(tensor, parser.getText());
        }
      }
    } catch (IOException e) {
      String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
          ? j.getOriginalMessage() : e.getMessage();
      throw new BadInputException(source, "malformed JSON: " + message, e);
    }
  }

  static JsonNode json(byte[] bytes, String source) {
    try {
      JsonNode node = JsonTrees.read(JSON, bytes);
      if (node == null || !node.isObject()) {
        throw new BadInputException(source, "expected a JSON object");
      }
      return node;
    } catch (IOException e) {
      String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
          ? j.getOriginalMessage() : e.getMessage();
      throw new BadInputException(source, "malformed JSON: " + message, e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
