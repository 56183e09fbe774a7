package dev.paramscope.bench;

import dev.paramscope.count.ParameterCounter;
import dev.paramscope.hardware.Gpu;
import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.memory.InferenceRuntime;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.MemoryEstimator;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.model.ModelArchitecture;
import dev.paramscope.query.ModelSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine behind {@code fit}: configurations evaluated per second on one thread, a configuration
 * being (model × GPU × GPU count × weights dtype × context × batch) → total memory per GPU and
 * whether it fits. 5 models × 27 GPUs × 4 counts × 4 dtypes × 8 contexts × 7 batches = 120,960 per
 * invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SweepBenchmark {
  static final int CONFIGS = 5 * 27 * 4 * 4 * 8 * 7;

  private MemoryEstimator[] models;
  private Gpu[] gpus;
  private long[] available;
  private final int[] counts = {1, 2, 4, 8};
  private WeightDtype[] dtypes;
  private final long[] contexts = {1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072};
  private final long[] batches = {1, 2, 4, 8, 16, 32, 64};

  @Setup
  public void build() {
    List<String> ids = List.of("llama-3.1-8b", "llama-3.1-70b", "mixtral-8x7b", "deepseek-v3", "qwen3-30b-a3b");
    models = new MemoryEstimator[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      ModelArchitecture arch = ModelSource.resolve(ids.get(i), null).architecture().orElseThrow();
      models[i] = new MemoryEstimator(arch, ParameterCounter.count(arch));
    }
    gpus = HardwareCatalog.builtIn().all().toArray(new Gpu[0]);
    available = new long[gpus.length];
    for (int g = 0; g < gpus.length; g++) {
      available[g] = MemoryEstimator.availableBytes(gpus[g], InferenceRuntime.VLLM);
    }
    dtypes = new WeightDtype[] {WeightDtype.parse("bf16"), WeightDtype.parse("fp8"), WeightDtype.parse("q8_0"),
        WeightDtype.parse("q4_k")};
  }

  @Benchmark
  @OperationsPerInvocation(CONFIGS)
  public long sweep() {
    long fitting = 0;
    for (MemoryEstimator m : models) {
      for (WeightDtype d : dtypes) {
        for (long context : contexts) {
          for (long batch : batches) {
            var e = m.estimate(context, batch, d, KvDtype.BF16, InferenceRuntime.VLLM, -1);
            for (int g = 0; g < gpus.length; g++) {
              for (int count : counts) {
                if (e.perGpuBytes(count) <= available[g]) {
                  fitting++;
                }
              }
            }
          }
        }
      }
    }
    return fitting;
  }

  /** The same grid with the memory estimate recomputed for every configuration (no hoisting). */
  @Benchmark
  @OperationsPerInvocation(CONFIGS)
  public long sweepRecomputingEachEstimate() {
    long fitting = 0;
    for (MemoryEstimator m : models) {
      for (WeightDtype d : dtypes) {
        for (long context : contexts) {
          for (long batch : batches) {
            for (int g = 0; g < gpus.length; g++) {
              for (int count : counts) {
                if (m.estimate(context, batch, d, KvDtype.BF16, InferenceRuntime.VLLM, -1).perGpuBytes(count)
                    <= available[g]) {
                  fitting++;
                }
              }
            }
          }
        }
      }
    }
    return fitting;
  }
}
