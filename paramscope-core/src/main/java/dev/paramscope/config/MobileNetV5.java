package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gemma 3n's vision encoder, timm's {@code MobileNetV5Encoder} ({@code mobilenetv5_300m_enc},
 * timm/models/mobilenetv5.py), counted from its block table. The config names only the timm
 * architecture ({@code vision_config.architecture}); the shapes live in timm's
 * {@code _gen_mobilenet_v5} block strings, carried here as data.
 *
 * <p>Stem: a biased 3×3 Conv2d (3 → 64) and an RMSNorm. Blocks ({@code _efficientnet_blocks.py};
 * no conv has a bias, every norm is a weight-only {@code RmsNorm2d}):
 * <ul>
 *   <li>{@code EdgeResidual} (er): a full k×k conv in → mid, norm, a 1×1 conv mid → out, norm;
 *   <li>{@code UniversalInvertedResidual} (uir): an optional depthwise start conv (a×a) with norm,
 *       a 1×1 expansion in → mid with norm, an optional depthwise middle conv (k×k) with norm, a
 *       1×1 projection mid → out with norm, and a layer scale (out);
 *   <li>{@code MobileAttention} with {@code MultiQueryAttention2d} (mqa): a norm, a query 1×1
 *       conv in → heads·d, key and value 1×1 convs in → d each, each after a depthwise k×k
 *       down-sampling conv with norm when the kv stride exceeds 1, an output 1×1 conv
 *       heads·d → out, and a layer scale (out).
 * </ul>
 * mid = in·expansion rounded to a multiple of 8 ({@code make_divisible}). The multi-scale fusion
 * adapter ({@code MobileNetV5MultiScaleFusionAdapter}) concatenates the last two stages (640 + 1280
 * channels) into a uir block (no depthwise convs, expansion 2, no layer scale) to 2048 channels,
 * then an RMSNorm.
 */
final class MobileNetV5 {
  /** The timm architecture Gemma 3n's {@code vision_config} names. */
  static final String ARCHITECTURE = "mobilenetv5_300m_enc";

  private static final int STEM = 64;
  private static final int FEATURES = 2048;

  private MobileNetV5() {}

  /** timm's block kinds, by their block-string prefix. */
  private enum Kind {
    /** {@code er}: EdgeResidual. */
    EDGE_RESIDUAL,
    /** {@code uir}: UniversalInvertedResidual. */
    UNIVERSAL_INVERTED_RESIDUAL,
    /** {@code mqa}: MobileAttention with multi-query attention. */
    MULTI_QUERY_ATTENTION
  }

  /** One block of the table: kind, kernels, expansion, output channels, attention heads and widths. */
  private record Block(Kind kind, int startKernel, int kernel, int expansion, int out, int heads, int keyDim,
      int kvStride) {
    static Block er(int kernel, int expansion, int out) {
      return new Block(Kind.EDGE_RESIDUAL, 0, kernel, expansion, out, 0, 0, 0);
    }

    static Block uir(int startKernel, int kernel, int expansion, int out) {
      return new Block(Kind.UNIVERSAL_INVERTED_RESIDUAL, startKernel, kernel, expansion, out, 0, 0, 0);
    }

    static Block mqa(int heads, int keyDim, int kvStride, int out) {
      return new Block(Kind.MULTI_QUERY_ATTENTION, 0, 3, 0, out, heads, keyDim, kvStride);
    }
  }

  /** Learned parameters of {@code mobilenetv5_300m_enc}: 294,126,912. */
  static long params() {
    List<List<Block>> stages = stages();
    long params = addExact(addExact(multiplyExact(3L * STEM, 9), STEM), STEM);
    int channels = STEM;
    for (List<Block> stage : stages) {
      for (Block b : stage) {
        params = addExact(params, block(b, channels));
        channels = b.out();
      }
    }
    int fused = stages.get(stages.size() - 2).get(0).out() + channels;
    long mid = makeDivisible(2L * fused);
    long adapter = addExact(addExact(multiplyExact(fused, mid), mid), addExact(multiplyExact(mid, FEATURES), FEATURES));
    return addExact(params, addExact(adapter, FEATURES));
  }

  private static long block(Block b, long in) {
    long out = b.out();
    switch (b.kind()) {
      case EDGE_RESIDUAL: {
        long mid = makeDivisible(in * b.expansion());
        return addExact(addExact(multiplyExact(multiplyExact(in, mid), (long) b.kernel() * b.kernel()), mid),
            addExact(multiplyExact(mid, out), out));
      }
      case UNIVERSAL_INVERTED_RESIDUAL: {
        long mid = makeDivisible(in * b.expansion());
        long start = b.startKernel() == 0 ? 0 : addExact(multiplyExact(in, (long) b.startKernel() * b.startKernel()), in);
        long middle = b.kernel() == 0 ? 0 : addExact(multiplyExact(mid, (long) b.kernel() * b.kernel()), mid);
        long pointwise = addExact(addExact(multiplyExact(in, mid), mid), addExact(multiplyExact(mid, out), out));
        return addExact(addExact(start, middle), addExact(pointwise, out));
      }
      default: {
        long width = (long) b.heads() * b.keyDim();
        long downsample = b.kvStride() > 1 ? addExact(multiplyExact(in, (long) b.kernel() * b.kernel()), in) : 0;
        long keyOrValue = addExact(downsample, multiplyExact(in, b.keyDim()));
        return addExact(addExact(addExact(in, multiplyExact(in, width)), multiplyExact(2, keyOrValue)),
            addExact(multiplyExact(width, out), out));
      }
    }
  }

  /** timm's {@code make_divisible(v, 8)}: v rounded to the nearest multiple of 8, never below 90% of v. */
  private static long makeDivisible(long v) {
    long rounded = Math.max(8, (v + 4) / 8 * 8);
    return rounded < 0.9 * v ? rounded + 8 : rounded;
  }

  /** The four stages of {@code _gen_mobilenet_v5} for the 300M variant. */
  private static List<List<Block>> stages() {
    List<Block> stage0 = List.of(Block.er(3, 4, 128), Block.er(3, 4, 128), Block.er(3, 4, 128));
    List<Block> stage1 = List.of(Block.uir(3, 5, 6, 256), Block.uir(5, 0, 4, 256), Block.uir(3, 0, 4, 256),
        Block.uir(5, 0, 4, 256), Block.uir(3, 0, 4, 256));
    List<Block> stage2 = new ArrayList<>();
    stage2.add(Block.uir(5, 5, 6, 640));
    stage2.addAll(Collections.nCopies(7, Block.uir(5, 0, 4, 640)));
    stage2.add(Block.uir(0, 0, 1, 640));
    for (int i = 0; i < 14; i++) {
      stage2.add(Block.mqa(12, 64, 2, 640));
      stage2.add(Block.uir(0, 0, 2, 640));
    }
    List<Block> stage3 = new ArrayList<>();
    stage3.add(Block.uir(5, 5, 6, 1280));
    for (int i = 0; i < 19; i++) {
      stage3.add(Block.mqa(16, 96, 1, 1280));
      stage3.add(Block.uir(0, 0, 2, 1280));
    }
    return List.of(stage0, stage1, stage2, stage3);
  }
}
