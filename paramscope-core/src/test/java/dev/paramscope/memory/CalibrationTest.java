package dev.paramscope.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paramscope.count.ParameterCounter;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Holds the estimator to measurements of a real runtime: {@code tools/calibrate.py} runs models built
 * from their configs on a CUDA GPU and writes {@code src/test/resources/calibration/*.json}; weights +
 * KV cache estimated here must be within 2% of weights + KV measured there. Skips, saying so, while
 * no measurement has been committed (no GPU was available to the session that wrote this).
 */
class CalibrationTest {
  @Test
  void weightsPlusKvCacheWithinTwoPercentOfMeasured() throws IOException, URISyntaxException {
    URL dir = CalibrationTest.class.getResource("/calibration");
    List<Path> files = List.of();
    if (dir != null) {
      try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
        files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
    }
    if (files.isEmpty()) {
      System.out.println("SKIPPED: no calibration measurements in src/test/resources/calibration "
          + "(run tools/calibrate.py on a CUDA machine to make them)");
      Assumptions.abort("no calibration measurements");
    }
    ObjectMapper json = new ObjectMapper();
    for (Path file : files) {
      JsonNode doc;
      try (InputStream in = Files.newInputStream(file)) {
        doc = json.readTree(in);
      }
      for (JsonNode run : doc.get("runs")) {
        ModelArchitecture arch = ModelSource.resolve(run.get("config").asText(), null).architecture().orElseThrow();
        MemoryEstimator m = new MemoryEstimator(arch, ParameterCounter.count(arch));
        MemoryEstimate e = m.estimate(run.get("context").asLong(), run.get("batch").asLong(),
            WeightDtype.parse("bf16"), KvDtype.BF16, InferenceRuntime.TRANSFORMERS, 0);
        long measured = run.get("weights_bytes").asLong() + run.get("kv_cache_bytes").asLong();
        assertThat((double) (e.weightsBytes() + e.kvCacheBytes()))
            .as(file.getFileName() + ": " + run)
            .isCloseTo(measured, Percentage.withPercentage(2));
      }
    }
  }
}
