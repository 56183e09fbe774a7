package dev.paramscope.scores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Benchmark scores and training compute for catalog models, from {@code dev/paramscope/scores/scores.json}:
 * published figures under licences that allow shipping them, each dataset with its attribution.
 */
public final class ScoreData {
  static final String RESOURCE = "scores.json";

  /** A dataset the figures come from, with the attribution its licence requires. */
  public record Dataset(String key, String attribution, String licence) {}

  /**
   * One model's figures; a missing figure is empty.
   *
   * @param mmlu MMLU accuracy in percent
   * @param gpqaDiamond GPQA Diamond accuracy in percent
   * @param trainingComputeFlop training compute in FLOP
   */
  public record ModelScores(String id, OptionalDouble mmlu, OptionalDouble gpqaDiamond,
      OptionalDouble trainingComputeFlop, Optional<Dataset> scoresFrom, Optional<Dataset> computeFrom) {}

  private final Map<String, Dataset> datasets;
  private final Map<String, ModelScores> models;

  private ScoreData(Map<String, Dataset> datasets, Map<String, ModelScores> models) {
    this.datasets = Collections.unmodifiableMap(datasets);
    this.models = Collections.unmodifiableMap(models);
  }

  public static ScoreData builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** The datasets in file order. */
  public List<Dataset> datasets() {
    return List.copyOf(datasets.values());
  }

  public Optional<ModelScores> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(models.get(id));
  }

  static ScoreData read(JsonNode root) {
    Map<String, Dataset> datasets = new LinkedHashMap<>();
    root.path("datasets").fields().forEachRemaining(e -> {
      String attribution = e.getValue().path("attribution").asText("");
      String licence = e.getValue().path("licence").asText("");
      if (attribution.isBlank() || licence.isBlank()) {
        throw new IllegalStateException("scores.json: dataset " + e.getKey() + " needs an attribution and a licence");
      }
      datasets.put(e.getKey(), new Dataset(e.getKey(), attribution, licence));
    });
    Map<String, ModelScores> models = new LinkedHashMap<>();
    for (JsonNode m : root.path("models")) {
      String id = m.path("id").asText();
      OptionalDouble mmlu = percent(m, "mmlu");
      OptionalDouble gpqa = percent(m, "gpqa_diamond");
      OptionalDouble compute = m.has("training_compute_flop")
          ? OptionalDouble.of(m.get("training_compute_flop").asDouble()) : OptionalDouble.empty();
      Optional<Dataset> scoresFrom = dataset(datasets, m, "scores_from", mmlu.isPresent() || gpqa.isPresent());
      Optional<Dataset> computeFrom = dataset(datasets, m, "compute_from", compute.isPresent());
      if (models.put(id, new ModelScores(id, mmlu, gpqa, compute, scoresFrom, computeFrom)) != null) {
        throw new IllegalStateException("scores.json: id " + id + " is repeated");
      }
    }
    return new ScoreData(datasets, models);
  }

  private static OptionalDouble percent(JsonNode m, String key) {
    if (!m.has(key)) {
      return OptionalDouble.empty();
    }
    double v = m.get(key).asDouble(-1);
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalStateException("scores.json: " + m.path("id").asText() + " " + key + " must be a percentage");
    }
    return OptionalDouble.of(v);
  }

  private static Optional<Dataset> dataset(Map<String, Dataset> datasets, JsonNode m, String key, boolean needed) {
    if (!needed) {
      return Optional.empty();
    }
    Dataset d = datasets.get(m.path(key).asText());
    if (d == null) {
      throw new IllegalStateException("scores.json: " + m.path("id").asText() + " needs " + key + " naming a dataset");
    }
    return Optional.of(d);
  }

  /** Holder idiom: the resource is read on first use. */
  private static final class BuiltIn {
    static final ScoreData INSTANCE = load();

    private static ScoreData load() {
      try (InputStream in = ScoreData.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource missing: dev/paramscope/scores/" + RESOURCE);
        }
        return read(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Datasets used by the given models' figures, in file order. */
  public List<Dataset> usedBy(List<ModelScores> scores) {
    List<Dataset> used = new ArrayList<>();
    for (Dataset d : datasets.values()) {
      boolean any = scores.stream().anyMatch(s -> s.scoresFrom().filter(d::equals).isPresent()
          || s.computeFrom().filter(d::equals).isPresent());
      if (any) {
        used.add(d);
      }
    }
    return used;
  }
}
