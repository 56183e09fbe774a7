package dev.paramscope.config;

import static java.lang.Math.addExact;
import static java.lang.Math.multiplyExact;

import dev.paramscope.model.VisionTower;
import java.util.Locale;

/**
 * The Qwen3-VL vision encoder and its mergers ({@code Qwen3VLVisionModel}, modeling_qwen3_vl.py),
 * counted as the checkpoint stores them. Encoder: a biased Conv3d patch embedding
 * (channels·temporal_patch·patch² → hidden), a learned position table of
 * {@code num_position_embeddings} rows, and {@code depth} blocks of two LayerNorms, a biased fused
 * qkv (hidden → 3·hidden) and output projection, and a biased MLP (hidden → intermediate →
 * hidden). Projector: the merger (LayerNorm over hidden, then merge² ·hidden → merge²·hidden →
 * {@code out_hidden_size}, biased) plus one DeepStack merger per {@code deepstack_visual_indexes}
 * entry (the same, with its LayerNorm over merge²·hidden).
 */
final class Qwen3VlVision {
  private Qwen3VlVision() {}

  static VisionTower read(ConfigObject v) {
    long hidden = v.positive(1152, "hidden_size");
    long depth = v.positive(27, "depth");
    long intermediate = v.positive(4304, "intermediate_size");
    long patch = v.positive(16, "patch_size");
    long temporal = v.positive(2, "temporal_patch_size");
    long channels = v.positive(3, "in_channels");
    long merge = v.positive(2, "spatial_merge_size");
    long out = v.positive(3584, "out_hidden_size");
    int deepstack = v.has("deepstack_visual_indexes") ? v.intList("deepstack_visual_indexes").size() : 3;
    long patchEmbedding = addExact(multiplyExact(multiplyExact(multiplyExact(channels, temporal), multiplyExact(patch, patch)), hidden), hidden);
    long positions = multiplyExact((long) v.positive(2304, "num_position_embeddings"), hidden);
    long qkv = addExact(multiplyExact(hidden, 3 * hidden), 3 * hidden);
    long proj = addExact(multiplyExact(hidden, hidden), hidden);
    long mlp = addExact(multiplyExact(2 * hidden, intermediate), intermediate + hidden);
    long block = addExact(addExact(4 * hidden, qkv), addExact(proj, mlp));
    long encoder = addExact(addExact(patchEmbedding, positions), multiplyExact(depth, block));
    long merged = multiplyExact(hidden, multiplyExact(merge, merge));
    long mergerLinears = addExact(addExact(multiplyExact(merged, merged), merged), addExact(multiplyExact(merged, out), out));
    long projector = addExact(addExact(2 * hidden, mergerLinears), multiplyExact(deepstack, addExact(2 * merged, mergerLinears)));
    return new VisionTower(encoder, projector, String.format(Locale.ROOT,
        "Qwen3-VL vision encoder, %d blocks of width %d, %d DeepStack mergers", depth, hidden, deepstack));
  }
}
