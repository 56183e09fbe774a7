package dev.paramscope.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paramscope.json.JsonTrees;
import dev.paramscope.BadInputException;
import dev.paramscope.model.ModelArchitecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedSet;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelArchitecture}.
 *
 * <p>The file is size-checked (at most {@link #MAX_FILE_BYTES}) before it is read, and parsed
 * with bounded nesting depth, string and number lengths and duplicate-key detection. The
 * family is chosen by {@code model_type}; a multimodal config whose own type is unknown but
 * which nests a known {@code text_config} is counted as its language model only (with a
 * warning). An unknown type is counted as {@code assumeFamily} when one is given (with a
 * warning), else rejected with the list of supported types.
 */
public final class ConfigReader {
  /** Largest config file accepted: 16 MiB (real ones are a few KiB). */
  public static final long MAX_FILE_BYTES = 16L << 20;

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(100)
          .maxStringLength(1 << 20)
          .maxNumberLength(100)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private ConfigReader() {}

  /** Reads {@code config.json}, or {@code <dir>/config.json} when given a directory. */
  public static ModelArchitecture read(Path configJsonOrDirectory) {
    return read(configJsonOrDirectory, null);
  }

  /**
   * Like {@link #read(Path)}; an unknown {@code model_type} is counted as {@code assumeFamily}
   * (null: no assumption).
   */
  public static ModelArchitecture read(Path configJsonOrDirectory, String assumeFamily) {
    Path file = Files.isDirectory(configJsonOrDirectory)
        ? configJsonOrDirectory.resolve("config.json") : configJsonOrDirectory;
    return fromJson(readTree(file), file.toString(), assumeFamily);
  }

  /**
   * The JSON of a {@code config.json} file, checked as {@link #read(Path)} checks it (a regular
   * file of at most {@link #MAX_FILE_BYTES}, UTF-8, one JSON value), for callers that want more
   * from it than the architecture.
   */
  public static JsonNode readTree(Path file) {
    String source = file.toString();
    try {
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(source, "no such file");
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new BadInputException(source, String.format(Locale.ROOT,
            "file is %d bytes; a config.json may be at most %d", size, MAX_FILE_BYTES));
      }
      return parseTree(Files.readString(file, StandardCharsets.UTF_8), source);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new BadInputException(source, "not UTF-8 text (a config.json is JSON in UTF-8)", e);
    } catch (IOException e) {
      throw new BadInputException(source, "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses config JSON text.
   *
   * @param sourceName names the input in messages, and gives the display name when the config
   *     has no {@code _name_or_path} (the folder of a {@code .../config.json} path)
   */
  public static ModelArchitecture parse(String json, String sourceName, String assumeFamilyOrNull) {
    return fromJson(parseTree(json, sourceName), sourceName, assumeFamilyOrNull);
  }

  private static JsonNode parseTree(String json, String sourceName) {
    if (json.length() > MAX_FILE_BYTES) {
      throw new BadInputException(sourceName, "config text is longer than " + MAX_FILE_BYTES + " characters");
    }
    if (json.isBlank()) {
      throw new BadInputException(sourceName, "empty file; expected a JSON object");
    }
    JsonNode root;
    try (JsonParser parser = JSON.createParser(json)) {
      root = JsonTrees.read(parser);
      if (parser.nextToken() != null) {
        throw new BadInputException(sourceName, "unexpected content after the JSON object");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : String.format(Locale.ROOT, " at line %d, column %d",
          at.getLineNr(), at.getColumnNr());
      String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new BadInputException(sourceName, "malformed JSON" + where + ": " + detail, e);
    } catch (IOException e) {
      throw new BadInputException(sourceName, "cannot parse: " + e.getMessage(), e);
    }
    return root;
  }

  /** Reads an already parsed config object (the catalog's form). */
  public static ModelArchitecture fromJson(JsonNode config, String sourceName, String assumeFamilyOrNull) {
    String source = sourceName == null || sourceName.isBlank() ? "config.json" : sourceName;
    if (config == null || !config.isObject()) {
      String kind = config == null ? "nothing" : config.isArray() ? "a JSON array" : "a JSON " + config.getNodeType().name().toLowerCase(Locale.ROOT);
      throw new BadInputException(source, "expected a JSON object, got " + kind);
    }
    return FamilyResolver.resolve(new ConfigObject(config, source), assumeFamilyOrNull);
  }

  /** Every {@code model_type} this reader knows, sorted. */
  public static SortedSet<String> supportedModelTypes() {
    return FamilyRegistry.supportedModelTypes();
  }
}
