package dev.paramscope.bench;

import dev.paramscope.weights.CheckpointSummary;
import dev.paramscope.weights.gguf.GgufReader;
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
 * GGUF header parse, in-process: the metadata-heavy vocab files of the shared test data (3-4 MB of
 * string arrays) and a generated file with a 150k-token vocabulary and Llama-3-8B's tensor table.
 * The peer is {@code @huggingface/gguf} 0.4.6 on the same files (bench/gguf-peer.mjs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GgufHeaderBenchmark {
  @Param({
    "shared:ggml-vocab-llama-spm.gguf",
    "shared:ggml-vocab-gpt-2.gguf",
    "shared:ggml-vocab-phi-3.gguf",
    BenchFixtures.VOCAB_GGUF
  })
  public String file;

  private Path path;

  @Setup
  public void locate() {
    path = BenchPaths.resolve(file);
  }

  @Benchmark
  public CheckpointSummary parseHeader() throws IOException {
    return GgufReader.read(path);
  }
}
