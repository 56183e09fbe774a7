package dev.paramscope.cli;

import dev.paramscope.BadInputException;
import dev.paramscope.query.ModelSource;
import dev.paramscope.query.PlanQuery;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "A launch as the engine would do it: its own memory arithmetic, what fits, the binding term and "
        + "the command line to run.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  paramscope plan llama-3.1-8b --engine vllm --gpu rtx-4090x2",
      "  paramscope plan qwen3-30b-a3b --engine sglang --gpu h100x2 --kv-dtype fp8",
      "  paramscope plan llama-3.1-70b --engine llama.cpp --gpu rtx-4090 --cpu-ram 128GiB -ctk q8_0"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin OutputOptions output;
  @Mixin ModelOptions model;

  @Parameters(paramLabel = "SOURCE", description = "A config.json, a directory holding one, a catalog id, a cached repo (org/name[@rev]) or hf://org/name (its config.json only).")
  String source;

  @Option(names = "--engine", paramLabel = "NAME", required = true,
      description = "vllm, sglang, llama.cpp or transformers.")
  String engine;

  @Option(names = "--gpu", paramLabel = "ID[xN]", parameterConsumer = GpuArgument.class, required = true,
      description = "A GPU from 'paramscope hardware', optionally times N.")
  String gpu;

  @Option(names = "--gpu-memory", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "Memory of one GPU as the engine sees it, e.g. 23.58GiB (default: the catalog's).")
  Long gpuMemory;

  @Option(names = "--tp", paramLabel = "N", description = "Tensor-parallel size (default: every GPU for vllm/sglang).")
  Long tp;

  @Option(names = "--pp", paramLabel = "N", description = "Pipeline-parallel size (default: 1).")
  Long pp;

  @Option(names = "--ep", description = "Expert parallel: MoE experts whole on the TP ranks.")
  boolean expertParallel;

  @Option(names = "--dtype", paramLabel = "DTYPE",
      description = "Weights: bf16, fp8, int4, a GGUF type or Q4_K_M (default: the model's; Q4_K_M for llama.cpp).")
  String dtype;

  @Option(names = {"--kv-dtype", "-ctk"}, paramLabel = "DTYPE",
      description = "KV cache (llama.cpp K): fp16, bf16, fp8, q8_0, q4_0 (default: the model's; f16 for llama.cpp).")
  String kvDtype;

  @Option(names = "-ctv", paramLabel = "DTYPE", description = "llama.cpp V cache type (default: as -ctk).")
  String kvDtypeV;

  @Option(names = {"--context", "--max-model-len", "-c"}, paramLabel = "N", converter = Converters.Count.class,
      description = "Context to plan for (default: the model's max_position_embeddings; 4096 for llama.cpp and transformers).")
  Long context;

  @Option(names = {"--gpu-memory-utilization", "--mem-fraction-static"}, paramLabel = "F",
      description = "vLLM gpu_memory_utilization (default 0.90) or SGLang mem_fraction_static (default by TP).")
  Double memoryFraction;

  @Option(names = "--max-num-batched-tokens", paramLabel = "N", converter = Converters.Count.class,
      description = "vLLM profiling batch (default: 8192 on GPUs of 70 GiB and more except A100, else 2048).")
  Long maxNumBatchedTokens;

  @Option(names = "--max-num-seqs", paramLabel = "N",
      description = "vLLM max_num_seqs (default: 1024 on GPUs of 70 GiB and more except A100, else 256).")
  Long maxNumSeqs;

  @Option(names = "--vllm-engine", paramLabel = "V0|V1",
      description = "vLLM engine whose profiling pass to mirror: v1 (default, vLLM 0.8 and later) or v0.")
  String vllmEngine;

  @Option(names = "--sampler-bytes-per-logit", paramLabel = "N",
      description = "Bytes vLLM V1's profiled sampler holds per logit (default: 38, its PyTorch top-k/top-p path).")
  Long samplerBytesPerLogit;

  @Option(names = "--non-torch", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "vLLM non-torch memory / SGLang CUDA context / transformers overhead (default: stated per engine).")
  Long nonTorch;

  @Option(names = "--cuda-graphs", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "vLLM CUDA-graph memory, 0 for --enforce-eager (default: 0.5GiB).")
  Long cudaGraphs;

  @Option(names = {"--block-size", "--page-size"}, paramLabel = "N", description = "vLLM block size / SGLang page size.")
  Long blockSize;

  @Option(names = {"-ngl", "--n-gpu-layers"}, paramLabel = "N",
      description = "llama.cpp layers on the GPU (default: the most that fit).")
  Long ngl;

  @Option(names = {"-fa", "--flash-attn"}, description = "llama.cpp flash attention (pads the context to 256 cells).")
  boolean flashAttention;

  @Option(names = {"-ub", "--ubatch-size"}, paramLabel = "N", description = "llama.cpp micro-batch (default: 512).")
  Long ubatch;

  @Option(names = {"-np", "--parallel"}, paramLabel = "N", description = "llama.cpp parallel sequences (default: 1).")
  Long parallel;

  @Option(names = "--mmproj", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "Size of the multimodal projector file, e.g. 600MiB.")
  Long mmproj;

  @Option(names = {"-md", "--draft"}, paramLabel = "SOURCE", description = "Draft model (config or catalog id) for llama.cpp.")
  String draft;

  @Option(names = "--cpu-ram", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "System RAM for offloaded layers, e.g. 64GiB (default: not checked).")
  Long cpuRam;

  @Option(names = "--cpu-bandwidth", paramLabel = "GB/S", description = "System RAM bandwidth in GB/s (default: 60).")
  Double cpuBandwidth;

  @Option(names = "--reserve", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "llama.cpp memory left free per GPU (default: 0.5GiB).")
  Long reserve;

  @Option(names = "--compute-buffer", paramLabel = "BYTES", converter = Converters.ByteSize.class,
      description = "llama.cpp compute buffer per GPU (default: paramscope's estimate).")
  Long computeBuffer;

  @Override
  public Integer call() {
    positive("--tp", tp);
    positive("--pp", pp);
    positive("--context", context);
    positive("--max-num-batched-tokens", maxNumBatchedTokens);
    positive("--max-num-seqs", maxNumSeqs);
    positive("--block-size", blockSize);
    positive("--sampler-bytes-per-logit", samplerBytesPerLogit);
    positive("--ubatch-size", ubatch);
    positive("--parallel", parallel);
    if (ngl != null && ngl < 0) {
      throw new BadInputException("-ngl", "must not be negative, got " + ngl);
    }
    if (cpuBandwidth != null && !(cpuBandwidth > 0 && cpuBandwidth < 1e5)) {
      throw new BadInputException("--cpu-bandwidth", "must be between 0 and 100000 GB/s, got " + cpuBandwidth);
    }
    PlanQuery.Options o = new PlanQuery.Options(engine, gpu, opt(tp), opt(pp), expertParallel, dtype, kvDtype,
        kvDtypeV, opt(context), memoryFraction == null ? OptionalDouble.empty() : OptionalDouble.of(memoryFraction),
        opt(maxNumBatchedTokens), opt(maxNumSeqs), opt(nonTorch), opt(cudaGraphs), opt(blockSize), opt(ngl),
        flashAttention, opt(ubatch), opt(parallel), mmproj == null ? 0 : mmproj, draft, opt(cpuRam),
        cpuBandwidth == null ? OptionalDouble.empty() : OptionalDouble.of(cpuBandwidth * 1e9), opt(reserve),
        opt(computeBuffer), opt(gpuMemory), vllmEngine, opt(samplerBytesPerLogit));
    output.print(spec.commandLine().getOut(), PlanQuery.report(ModelSource.resolve(source, model.assumeFamily), o));
    return 0;
  }

  private static void positive(String option, Long value) {
    if (value != null) {
      Checks.positive(option, value);
    }
  }

  private static OptionalLong opt(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
