package dev.paramscope.plan;

import dev.paramscope.hardware.HardwareCatalog;
import dev.paramscope.memory.KvDtype;
import dev.paramscope.memory.WeightDtype;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.ResolvedModel;
import java.util.OptionalLong;

/** Builds plan contexts for catalog models, as {@link Planner} does, for tests of the policies' parts. */
final class PlanFixtures {
  private PlanFixtures() {}

  static PlanContext context(String catalogId, int tp, String dtype, KvDtype kv, PlanSettings settings) {
    ResolvedModel m = ModelSource.resolve(catalogId, null);
    var arch = m.architecture().orElseThrow();
    var count = m.count().orElseThrow();
    WeightDtype w = dtype == null ? WeightDtype.forModel(arch.torchDtype()) : WeightDtype.parse(dtype);
    Parallelism par = new Parallelism(tp, 1, false);
    return new PlanContext(catalogId, arch, count, new ModelShards(arch, count, w), par,
        kv == null ? KvDtype.forModel(arch.torchDtype()) : kv, settings);
  }

  static PlanContext context(String catalogId, int tp) {
    return context(catalogId, tp, null, null, settings(1));
  }

  static PlanSettings settings(int gpus) {
    return PlanSettings.defaults(HardwareCatalog.builtIn().find("h100-sxm").orElseThrow(), gpus);
  }

  static PlanSettings llamaCpp(long ubatch, boolean flashAttention) {
    PlanSettings d = settings(1);
    return new PlanSettings(d.gpu(), 1, d.tp(), d.pp(), false, null, null, null, d.context(),
        d.gpuMemoryUtilization(), d.maxNumBatchedTokens(), d.maxNumSeqs(), d.nonTorchBytes(), d.cudaGraphBytes(),
        d.blockSize(), d.ngl(), flashAttention, OptionalLong.of(ubatch), d.parallel(), 0, null, d.cpuRamBytes(),
        d.cpuBandwidthBytesPerSecond(), d.reserveBytes(), d.computeBufferBytes(), d.gpuMemoryBytes());
  }
}
