package dev.paramscope.bench;

import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.safetensors.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Header-only reading: a sparse Llama-3.1-405B-shaped safetensors set (128 shards, 811.7 GB
 * apparent) against a 1 MB file. Only headers are read, so the cost follows the number of tensors
 * and shards, not the bytes of weights.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderOnlyBenchmark {
  @Param({BenchFixtures.SPARSE_SET, BenchFixtures.SMALL_FILE})
  public String input;

  private Path path;

  @Setup
  public void locate() {
    path = BenchPaths.resolve(input);
  }

  @Benchmark
  public CheckpointSummary readHeaders() throws IOException {
    return SafetensorsReader.read(path);
  }
}
