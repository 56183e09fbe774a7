package dev.paramscope.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paramscope.config.ConfigReader;
import dev.paramscope.model.ModelArchitecture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact totals of the architectures people download in late 2026, each from its published
 * config.json (typed as a test resource under {@code published/}, hyperparameters only) against
 * the parameter count of its Hugging Face checkpoint (safetensors index {@code total_size} / 2
 * for BF16, or the Hub's safetensors parameter count).
 */
class CurrentArchitecturesTest {

  static Stream<Arguments> checkpoints() {
    return Stream.of(
        // https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct/blob/main/config.json;
        // Hub safetensors BF16 parameters 108,641,793,536 (the card's "109B total"): text
        // 107,769,861,120 + vision encoder 850,960,896 + projector 20,971,520. Active: 17,172,894,720
        // (the card's "17B activated": one of 16 experts plus the shared expert per layer).
        Arguments.of("llama4", "llama-4-scout-17b-16e-instruct.json", 108_641_793_536L, 17_172_894_720L,
            850_960_896L, 20_971_520L, 0L),
        // https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct/blob/main/config.json;
        // Hub safetensors BF16 parameters 401,583,781,376 (card: "400B total"); MoE every other layer.
        Arguments.of("llama4", "llama-4-maverick-17b-128e-instruct.json", 401_583_781_376L, 17_184_691_200L,
            850_960_896L, 20_971_520L, 0L),
        // https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json; the 48 layers
        // hold 79,674,391,296 parameters, which is the whole safetensors index of Qwen/Qwen3-Coder-Next
        // (same qwen3_next dimensions, no MTP stored). The 80B-A3B checkpoint's index says
        // 81,324,862,720 (total_size / 2): the extra 1,650,471,424 are its mtp.* module (fc 2h→h, three
        // norms, one gated-attention MoE layer), which Qwen3NextForCausalLM does not load and the
        // config does not describe, so the checkpoint's body total is asserted here. Active: the total
        // less 502 idle experts of 3·2048·512 in each of 48 layers (the card's "3B activated").
        Arguments.of("qwen3_next", "qwen3-next-80b-a3b-instruct.json", 79_674_391_296L, 3_874_929_408L,
            0L, 0L, 0L),
        // https://huggingface.co/deepseek-ai/DeepSeek-V3.2/blob/main/config.json; Hub parameter count
        // 685,355,329,792 = 61 layers 671,877,944,064 (DeepSeek-V3's 671,026,419,200 plus a lightning
        // indexer of 13,959,424 per layer) + one MTP module 13,477,385,728 (the card's "685B").
        Arguments.of("deepseek_v32", "deepseek-v3.2.json", 671_877_944_064L, null, 0L, 0L, 13_477_385_728L),
        // https://huggingface.co/allenai/Olmo-3-1025-7B/blob/main/config.json; the repo declares
        // 7,298,011,136 parameters (safetensors); three sliding layers in four change no count.
        Arguments.of("olmo3", "olmo-3-1025-7b.json", 7_298_011_136L, null, 0L, 0L, 0L),
        // https://huggingface.co/HuggingFaceTB/SmolLM3-3B/blob/main/config.json; Hub safetensors total
        // 3,075,098,624 (tied head: the embedding counted once).
        Arguments.of("smollm3", "smollm3-3b.json", 3_075_098_624L, null, 0L, 0L, 0L),
        // https://huggingface.co/ByteDance-Seed/Seed-OSS-36B-Instruct/blob/main/config.json; Hub
        // safetensors total 36,151,104,512 (q/k/v biases, none on o).
        Arguments.of("seed_oss", "seed-oss-36b-instruct.json", 36_151_104_512L, null, 0L, 0L, 0L),
        // https://huggingface.co/ibm-granite/granite-4.0-h-micro/blob/main/config.json: 36 Mamba-2 and
        // 4 attention layers; 3,191,396,096 parameters (the official GGUF's general.parameter_count).
        Arguments.of("granitemoehybrid", "granite-4.0-h-micro.json", 3_191_396_096L, null, 0L, 0L, 0L),
        // https://huggingface.co/ibm-granite/granite-4.0-micro/blob/main/config.json: all 40 layers
        // attention; Hub safetensors total 3,402,836,480.
        Arguments.of("granitemoehybrid", "granite-4.0-micro.json", 3_402_836_480L, null, 0L, 0L, 0L),
        // https://huggingface.co/LGAI-EXAONE/EXAONE-4.0-32B/blob/main/config.json; safetensors index
        // total_size / 2 = 32,003,216,384 (the card's "30.95B without embeddings" plus 2 × 102,400 × 5,120).
        Arguments.of("exaone4", "exaone-4.0-32b.json", 32_003_216_384L, null, 0L, 0L, 0L),
        // https://huggingface.co/MiniMaxAI/MiniMax-M2/blob/main/config.json; Hub total 228,689,764,864
        // (the card's "230B"), e_score_correction_bias included, no MTP tensors stored.
        Arguments.of("minimax_m2", "minimax-m2.json", 228_689_764_864L, null, 0L, 0L, 0L),
        // https://huggingface.co/moonshotai/Kimi-Linear-48B-A3B-Instruct/blob/main/config.json: 20 KDA
        // and 7 MLA layers; Hub safetensors total 49,122,681,728 (the card's "48B").
        Arguments.of("kimi_linear", "kimi-linear-48b-a3b-instruct.json", 49_122_681_728L, null, 0L, 0L, 0L),
        // https://huggingface.co/LiquidAI/LFM2-1.2B/blob/main/config.json: 10 short-convolution and 6
        // attention layers, MLP width 2/3 of block_ff_dim 12288 = 8192; 1,170,340,608 parameters
        // (Lfm2ForCausalLM's parameter sum and the official GGUF's general.parameter_count).
        Arguments.of("lfm2", "lfm2-1.2b.json", 1_170_340_608L, null, 0L, 0L, 0L),
        // https://huggingface.co/Qwen/Qwen3-VL-8B-Instruct/blob/main/config.json; Hub safetensors BF16
        // 8,767,123,696 = Qwen3-8B's language model 8,190,735,360 + vision encoder 415,891,440 +
        // merger and three DeepStack mergers 160,496,896.
        Arguments.of("qwen3_vl", "qwen3-vl-8b-instruct.json", 8_767_123_696L, 8_190_735_360L, 415_891_440L,
            160_496_896L, 0L),
        // https://huggingface.co/Qwen/Qwen3-VL-30B-A3B-Instruct/blob/main/config.json; 31,070,754,032
        // parameters = Qwen3-30B-A3B's 30,532,122,624 + vision 415,891,440 + mergers into 2048 122,739,968.
        Arguments.of("qwen3_vl_moe", "qwen3-vl-30b-a3b-instruct.json", 31_070_754_032L, 3_353_032_704L, 415_891_440L,
            122_739_968L, 0L),
        // https://huggingface.co/zai-org/GLM-4.5-Air/blob/main/config.json; Hub safetensors total
        // 110,468,824,832 = 46 layers 106,852,251,264 (e_score_correction_bias included) + the stored
        // MTP layer 46 with its embedding and head copies 3,616,573,568, reported as extra. Active: the
        // body less 120 idle experts of 3·4096·1408 in each of 45 MoE layers (the card's "12B active").
        Arguments.of("glm4_moe", "glm-4.5-air.json", 106_852_251_264L, 13_424_129_664L, 0L, 0L, 3_616_573_568L),
        // https://huggingface.co/zai-org/GLM-4.5V/blob/main/config.json; 107,710,933,120 parameters, the
        // sum over the checkpoint's 18,106 tensors in its 46 safetensors files (a published per-tensor
        // listing of zai-org/GLM-4.5V; the Hub shows "108B params"; not total_size / 2, as the routers'
        // e_score_correction_bias are F32). No MTP layer is stored (layers 0-45 only). = GLM-4.5-Air's
        // body 106,852,251,264 + vision encoder 682,246,656 (positions 576·1536, Conv3d patch embedding,
        // 24 blocks, two RMSNorms) + projector 176,435,200 (downsample Conv2d 1536→4096 over 2×2 and the
        // merger: proj 4096², LayerNorm, SwiGLU of 10944). Active: the body's 13,424,129,664.
        Arguments.of("glm4v_moe", "glm-4.5v.json", 107_710_933_120L, 13_424_129_664L, 682_246_656L,
            176_435_200L, 0L),
        // https://huggingface.co/google/gemma-3-4b-it/blob/main/config.json (most text keys left to
        // Gemma3TextConfig's defaults: 8 heads, 4 KV heads, head_dim 256, vocab 262,208, tied). Hub
        // safetensors BF16 parameters 4,300,079,472 (HF API expand[]=safetensors) = language model
        // 3,880,263,168 + SigLIP encoder 416,866,032 (Conv2d 3·14²·1152 + 1152, 64² positions, 27 layers
        // of 15,239,504, post_layernorm; no pooling head) + projector 1152·2560 + 1152 (soft-embedding
        // norm) = 2,950,272.
        Arguments.of("gemma3", "gemma-3-4b-it.json", 4_300_079_472L, 3_880_263_168L, 416_866_032L,
            2_950_272L, 0L),
        // https://huggingface.co/google/gemma-3-12b-it/blob/main/config.json; Hub 12,187,325,040 =
        // 11,766,034,176 + the same encoder + 1152·3840 + 1152.
        Arguments.of("gemma3", "gemma-3-12b-it.json", 12_187_325_040L, 11_766_034_176L, 416_866_032L,
            4_424_832L, 0L),
        // https://huggingface.co/google/gemma-3-27b-it/blob/main/config.json; Hub 27,432,406,640 =
        // 27,009,346,304 + the same encoder + 1152·5376 + 1152.
        Arguments.of("gemma3", "gemma-3-27b-it.json", 27_432_406_640L, 27_009_346_304L, 416_866_032L,
            6_194_304L, 0L),
        // https://huggingface.co/mistralai/Mistral-Small-3.2-24B-Instruct-2506/blob/main/config.json
        // (3.1-2503's has the same keys); Hub safetensors BF16 24,011,361,280 = Mistral Small 3's text
        // model 23,572,403,200 (the 24B-Base-2501 count) + Pixtral encoder 403,305,472 (patch conv
        // 3·14²·1024, ln_pre, 24 layers of 4·1024² + 3·1024·4096 + 2 norms) + projector 35,652,608 (norm
        // 1024, patch merger 4096·1024, linear_1 1024·5120, linear_2 5120², no biases).
        Arguments.of("mistral3", "mistral-small-3.2-24b-instruct-2506.json", 24_011_361_280L, 23_572_403_200L,
            403_305_472L, 35_652_608L, 0L),
        // https://huggingface.co/moonshotai/Kimi-VL-A3B-Instruct/blob/main/config.json (revision 398eede).
        // The checkpoint's 5,679 tensors, summed from its seven safetensors headers, hold 16,407,657,776
        // elements in 32,815,315,552 bytes (all 2-byte, so also index total_size / 2; a published census
        // of that revision, joshuahickscorp/hawking workspace/campaign/odyssey/patients/O003/census.json).
        // Less the 27 stored rotary buffers self_attn.rotary_emb.inv_freq (1,728 elements, 64 a layer:
        // not parameters) = 16,407,656,048 learned = Moonlight-shaped language model 15,960,110,208 (MLA
        // with a plain q_proj, layer 0 dense, 26 layers of 64 experts + 2 shared and the router's
        // e_score_correction_bias) + MoonViT encoder 416,866,032 (biased Conv2d 3·14²·1152, 64×64×1152
        // positions, 27 blocks of 15,239,504, final LayerNorm) + projector 30,679,808 (LayerNorm 1152,
        // linear_1 4608² + 4608, linear_2 4608·2048 + 2048). The census's per-name buckets agree (e.g.
        // expert 26 · 64 · 3·2048·1408). Active: the language model less 58 idle experts (top 6 of 64) of
        // 3·2048·1408 in each of 26 MoE layers.
        Arguments.of("kimi_vl", "kimi-vl-a3b-instruct.json", 16_407_656_048L, 2_914_776_192L, 416_866_032L,
            30_679_808L, 0L),
        // https://huggingface.co/google/gemma-3n-E2B-it/blob/main/config.json; Hub safetensors BF16
        // parameters 5,439,438,272 (HF API expand[]=safetensors) = language model 4,456,156,768 (30 layers
        // with AltUp, LAuReL and per-layer inputs; per-layer embeddings 262,144 × 30·256) + MobileNetV5-300M
        // vision encoder 294,126,912 (timm mobilenetv5_300m_enc's block table; KerasHub's preset says
        // 294,284,096 for its own port) + vision projector 4,460,544 + audio encoder and projector
        // 684,694,048 (checked in gemma3nTowersAndSharedKeyValues). Active: the language model.
        Arguments.of("gemma3n", "gemma-3n-e2b-it.json", 5_439_438_272L, 4_456_156_768L, 294_126_912L,
            4_460_544L, 0L),
        // https://huggingface.co/google/gemma-3n-E4B-it/blob/main/config.json; Hub safetensors BF16
        // parameters 7,849,978,192 = 35 layers of MLP width 16,384: language model 6,866,696,688 + the
        // same vision and audio towers.
        Arguments.of("gemma3n", "gemma-3n-e4b-it.json", 7_849_978_192L, 6_866_696_688L, 294_126_912L,
            4_460_544L, 0L),
        // https://huggingface.co/nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16/blob/main/config.json (revision
        // cbd3fa9f933d55ef16a84236559f4ee2a0526848): 23 Mamba-2, 6 attention and 23 MoE blocks. 31,577,940,288
        // stored elements: the checkpoint's model.safetensors.index.json gives total_size 63,155,886,464 bytes
        // and total_parameters 31,577,937,344 (the Hub's safetensors total); total_size = 2 x 31,577,937,344
        // (BF16) + 4 x 2,944 (F32: the 23 routers' e_score_correction_bias of 128, a buffer that
        // total_parameters leaves out and we count, as for MiniMax-M2 and GLM-4.5), and llama.cpp reports
        // n_params 31,577,940,288 for its GGUF conversions. Hand-worked: embedding and head 2 x 131,072 x
        // 2688 = 704,643,072; Mamba blocks 38,742,208 (see nemotron3MoeBlocks...); attention 23,396,352;
        // MoE 1,297,465,472 (128 experts of up and down 2 x 2688 x 1856 = 9,977,856, shared expert 2 x
        // 2688 x 3712, router 128 x 2688 + 128); 53 norms of 2688. Active: less 23 x 122 idle experts of
        // 9,977,856 = 3,580,076,352 (the card's "3.6B active with embeddings", 3.2B without the input
        // embedding; its "31.6B total" rounds the total).
        Arguments.of("nemotron_h", "nvidia-nemotron-3-nano-30b-a3b-bf16.json", 31_577_940_288L, 3_580_076_352L,
            0L, 0L, 0L),
        // https://huggingface.co/MiniMaxAI/MiniMax-Text-01/blob/main/config.json (70 lightning and 10
        // softmax layers); MiniMax-M1 keeps this architecture and its Hub total is 456,089,655,296.
        Arguments.of("minimax_text_01", "minimax-text-01.json", 456_089_655_296L, null, 0L, 0L, 0L),
        // https://huggingface.co/MiniMaxAI/MiniMax-Text-01-hf/blob/main/config.json: the same weights
        // for transformers' minimax type, its layers listed in layer_types.
        Arguments.of("minimax", "minimax-text-01-hf.json", 456_089_655_296L, null, 0L, 0L, 0L),
        // https://huggingface.co/swiss-ai/Apertus-8B-2509/blob/main/config.json: 8,053,338,176 learned
        // parameters as ApertusForCausalLM loads them (two xIELU scalars per layer included; the
        // checkpoint's beta/eps buffers are not parameters).
        Arguments.of("apertus", "apertus-8b-2509.json", 8_053_338_176L, null, 0L, 0L, 0L),
        // https://huggingface.co/baidu/ERNIE-4.5-21B-A3B-PT/blob/main/config.json: layer 0 dense, 1-27 mixtures
        // of 64 experts (top 6) plus 2 shared, tied head. Body 21,825,437,888 = the Hub's safetensors count of
        // baidu/ERNIE-4.5-21B-A3B-Thinking, the same dimensions without MTP tensors (BF16 21,821,012,480 +
        // F32 4,425,408: the FP32 routers and 27 x 64 e_score_correction_bias). The -PT repo also stores one
        // MTP module (a dense layer, mtp_linear_proj, two norms): 123,217,920 hand-worked, and the Hub's count
        // of -PT, 21.95B as measured to two decimals (hfl tests/test_moe_params.py), agrees with
        // 21,825,437,888 + 123,217,920; no exact -PT figure was found. Active: less 27 x 58 idle experts of
        // 3 x 2560 x 1536 (the card's "3B activated").
        Arguments.of("ernie4_5_moe", "ernie-4.5-21b-a3b-pt.json", 21_825_437_888L, 3_352_150_208L, 0L, 0L,
            123_217_920L),
        // https://huggingface.co/baidu/ERNIE-4.5-0.3B-PT/blob/main/config.json (head_dim 128, tied head);
        // 360,748,032 parameters: ERNIEKit's "Number of trainable parameters" for ERNIE-4.5-0.3B
        // (PaddlePaddle/ERNIE#1291).
        Arguments.of("ernie4_5", "ernie-4.5-0.3b-pt.json", 360_748_032L, 360_748_032L, 0L, 0L, 0L),
        // https://huggingface.co/tencent/Hunyuan-A13B-Instruct/blob/main/config.json: 32 layers, each 64
        // experts (top 8) plus one shared of 3072, per-head query/key RMS norms, tied head, no CLA.
        // 80,393,183,232 parameters: the Hub's safetensors count, 80.39B to two decimals in hfl's
        // tests/test_moe_params.py and given in full as matching the safetensors headers in a published
        // parameter ledger (a13b-params.tsx); no first-party exact figure was found. Active: less 32 x 56
        // idle experts of 3 x 4096 x 3072 (the card's "13B activated").
        Arguments.of("hunyuan_v1_moe", "hunyuan-a13b-instruct.json", 80_393_183_232L, 12_747_448_320L, 0L, 0L,
            0L),
        // https://huggingface.co/tiiuae/Falcon-H1-0.5B-Base/blob/main/config.json (sizes as the 0.5B
        // config is copied in Megatron-Bridge's Falcon-H1 bridge test and mlx-lm's falcon_h1 defaults:
        // 36 parallel hybrid layers, mamba_d_ssm 1536, mamba_rms_norm false, so no gated norm);
        // 521,411,104 parameters, all BF16, as FalconH1ForCausalLM loads the published checkpoint
        // (third-party audits that load it with transformers 5.8.1). The checkpoint is one
        // model.safetensors, so there is no index total_size to quote.
        Arguments.of("falcon_h1", "falcon-h1-0.5b-base.json", 521_411_104L, null, 0L, 0L, 0L),
        // https://huggingface.co/tiiuae/Falcon-H1-1.5B-Instruct/blob/main/config.json (24 layers,
        // mamba_rms_norm true); its single model.safetensors holds 411 BF16 tensors (24 x 17 + 3)
        // whose header byte sizes add to 2 x 1,554,863,488 (third-party pinned-revision receipts that
        // read the header and also sum numel over the loaded model's parameters).
        Arguments.of("falcon_h1", "falcon-h1-1.5b-instruct.json", 1_554_863_488L, null, 0L, 0L, 0L),
        // https://huggingface.co/tiiuae/Falcon-H1-7B-Base/blob/main/config.json (44 layers,
        // mamba_rms_norm true); 7,585,648,736 = safetensors index total_size 15,171,297,472 / 2 (BF16)
        // of tiiuae/Falcon-H1R-7B, the same falcon_h1 shape (751 tensors = 44 x 17 + embedding, head
        // and final norm), and the parameter sum measured on Falcon-H1-7B-Base itself.
        Arguments.of("falcon_h1", "falcon-h1-7b-base.json", 7_585_648_736L, null, 0L, 0L, 0L),
        // https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-9B-v2/blob/main/config.json: 27 Mamba-2, 4
        // attention and 25 MLP blocks (each held to its formula in nemotronHBlocksHoldOneMixerOrOneMlp);
        // 8,888,227,328 parameters, the Hub's safetensors count (HF API expand[]=safetensors), all BF16.
        Arguments.of("nemotron_h", "nvidia-nemotron-nano-9b-v2.json", 8_888_227_328L, 8_888_227_328L, 0L, 0L,
            0L));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("checkpoints")
  void countsTheCheckpoint(String modelType, String resource, long total, Long active, long vision, long projector,
      long extra) throws IOException {
    ModelArchitecture arch = read(resource);
    ParameterCount count = ParameterCounter.count(arch);
    assertThat(arch.modelType()).isEqualTo(modelType);
    assertThat(count.totalParams()).isEqualTo(total);
    if (active != null) {
      assertThat(count.activeParams()).isEqualTo(active);
    }
    assertThat(count.params(Component.VISION)).isEqualTo(vision);
    assertThat(count.params(Component.PROJECTOR)).isEqualTo(projector);
    assertThat(count.extraParams()).isEqualTo(extra);
  }

  @org.junit.jupiter.api.Test
  void nemotronHBlocksHoldOneMixerOrOneMlp() throws IOException {
    // NVIDIA-Nemotron-Nano-9B-v2 (nemotron_h), worked from NemotronHBlock (modular_nemotron_h.py):
    // each block is one RMS norm and one mixer. The checkpoint's total is asserted in checkpoints(); the
    // blocks are also held to their formulas:
    // Mamba (M, 27): in_proj 4480 x (2 x 10240 + 2 x 8 x 128 + 128) = 101,498,880, conv1d 12,288 x 4
    // + 12,288 bias, dt_bias/A_log/D 3 x 128, gated norm 10,240, out_proj 10,240 x 4480 = 45,875,200:
    // 147,446,144. Attention (*, 4): 4480 x 5120 x 2 + 4480 x 1024 x 2 = 55,050,240. MLP (-, 25):
    // up and down 2 x 4480 x 15680 = 140,492,800; Mamba and attention blocks have none.
    ModelArchitecture arch = read("nvidia-nemotron-nano-9b-v2.json");
    ParameterCount count = ParameterCounter.count(arch);
    assertThat(arch.numLayers()).isEqualTo(56);
    assertThat(count.params(Component.ATTENTION)).isEqualTo(27L * 147_446_144 + 4L * 55_050_240);
    assertThat(count.params(Component.MLP)).isEqualTo(25L * 140_492_800);
    assertThat(count.params(Component.NORMS)).isEqualTo(57L * 4480);
    assertThat(count.params(Component.LM_HEAD)).isEqualTo(131_072L * 4480);
    // A pattern that disagrees with num_hidden_layers, or names a block we do not read, is one clear error.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"nemotron_h","hidden_size":64,"num_hidden_layers":3,"hybrid_override_pattern":"M-"}""",
        "config.json", null)).hasMessageContaining("hybrid_override_pattern names 2 blocks but num_hidden_layers is 3");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"nemotron_h","hidden_size":64,"num_hidden_layers":2,"hybrid_override_pattern":"MX"}""",
        "config.json", null)).hasMessageContaining("hybrid_override_pattern[1]: unknown block \"X\"");
  }

  @org.junit.jupiter.api.Test
  void nemotron3MoeBlocksHoldNonGatedExpertsAndAShare() throws IOException {
    // NVIDIA-Nemotron-3-Nano-30B-A3B, worked from NemotronHMoE, NemotronHTopkRouter and NemotronHExperts
    // (modular_nemotron_h.py) and vLLM's NemotronHMoE (nemotron_h.py). Per MoE block (E, 23): routed
    // experts up and down only, 128 x 2 x 2688 x 1856 = 1,277,165,568; one shared expert 2 x 2688 x 3712
    // = 19,955,712; router 128 x 2688 + e_score_correction_bias 128 = 344,192. Mamba (M, 23): in_proj
    // 2688 x (2 x 4096 + 2 x 8 x 128 + 64) = 27,697,152, conv1d 6144 x 4 + 6144, dt_bias/A_log/D 3 x 64,
    // gated norm 4096, out_proj 4096 x 2688 = 11,010,048: 38,742,208. Attention (*, 6): 2688 x 4096 x 2
    // + 2688 x 256 x 2 = 23,396,352.
    ModelArchitecture arch = read("nvidia-nemotron-3-nano-30b-a3b-bf16.json");
    ParameterCount count = ParameterCounter.count(arch);
    assertThat(count.params(Component.ROUTED_EXPERTS)).isEqualTo(23L * 1_277_165_568);
    assertThat(count.params(Component.SHARED_EXPERTS)).isEqualTo(23L * 19_955_712);
    assertThat(count.params(Component.ROUTER)).isEqualTo(23L * 344_192);
    assertThat(count.params(Component.ATTENTION)).isEqualTo(23L * 38_742_208 + 6L * 23_396_352);
    assertThat(count.params(Component.MLP)).isZero();
    assertThat(count.params(Component.OTHER)).isZero();
    assertThat(count.params(Component.NORMS)).isEqualTo(53L * 2688);

    // Latent MoE (moe_latent_size, NemotronHMoE's fc1/fc2_latent_proj) with mlp_bias, worked by hand:
    // experts 4 x 2 x 32 x 16 = 4096 at the latent width; shared 64 x 24 + 24 + 24 x 64 + 64 = 3160;
    // router 4 x 64 + 4 = 260; latent projections 64 x 32 + 32 + 32 x 64 + 64 = 4192 (always active).
    ParameterCount latent = ParameterCounter.count(ConfigReader.parse("""
        {"model_type":"nemotron_h","hidden_size":64,"num_hidden_layers":1,"hybrid_override_pattern":"E",
         "vocab_size":10,"n_routed_experts":4,"num_experts_per_tok":1,"moe_intermediate_size":16,
         "moe_shared_expert_intermediate_size":24,"n_shared_experts":1,"moe_latent_size":32,"mlp_bias":true}""",
        "config.json", null));
    assertThat(latent.params(Component.ROUTED_EXPERTS)).isEqualTo(4096);
    assertThat(latent.params(Component.SHARED_EXPERTS)).isEqualTo(3160);
    assertThat(latent.params(Component.ROUTER)).isEqualTo(260);
    assertThat(latent.params(Component.OTHER)).isEqualTo(4192);
    assertThat(latent.totalParams() - latent.activeParams()).isEqualTo(3 * 1024);

    // One MTP step of an attention block then an MoE block (vLLM's nemotron_h_mtp.py): 23,396,352 +
    // 1,297,465,472 + two block norms + enorm, hnorm, final_layernorm 3 x 2688 + eh_proj 2 x 2688 x 2688 =
    // 1,335,325,952, which is what nvidia/NVIDIA-Nemotron-3.5-Lightning-30B-A3B-BF16 (this shape with
    // that step) stores beyond the body: the Hub's safetensors BF16 32,913,263,168 + F32 3072 less
    // 31,577,940,288.
    String withMtp = new String(CurrentArchitecturesTest.class.getResourceAsStream(
        "published/nvidia-nemotron-3-nano-30b-a3b-bf16.json").readAllBytes(), StandardCharsets.UTF_8)
        .replace("\"num_hidden_layers\"", "\"num_nextn_predict_layers\": 1, "
            + "\"mtp_layers_block_type\": [\"attention\", \"moe\"], \"num_hidden_layers\"");
    assertThat(ParameterCounter.count(ConfigReader.parse(withMtp, "config.json", null)).extraParams())
        .isEqualTo(1_335_325_952L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse(withMtp.replace(
        "[\"attention\", \"moe\"]", "[\"moe\"]"), "config.json", null))
        .hasMessageContaining("multi-token prediction of 1 step(s) of blocks \"E\" is not supported");
  }

  @org.junit.jupiter.api.Test
  void falconH1LayersHoldAttentionAndMambaSideBySide() throws IOException {
    // Falcon-H1-7B-Base, worked from FalconH1DecoderLayer (modeling_falcon_h1.py): attention q 3072 x
    // 12 x 128 + k, v 2 x 3072 x 2 x 128 + o 1536 x 3072 = 11,010,048; Mamba in_proj 3072 x (2 x 3072
    // + 2 x 256 + 24) = 20,520,960, conv1d (3072 + 512) x 4 + 3584 bias = 17,920, dt_bias/A_log/D 72,
    // gated norm 3072, out_proj 3072 x 3072 = 9,437,184: 29,979,208; SwiGLU 3 x 3072 x 12,288 =
    // 113,246,208; input_layernorm and pre_ff_layernorm 2 x 3072.
    ModelArchitecture arch = read("falcon-h1-7b-base.json");
    ParameterCount count = ParameterCounter.count(arch);
    assertThat(count.params(Component.ATTENTION)).isEqualTo(44L * (11_010_048 + 29_979_208));
    assertThat(count.params(Component.MLP)).isEqualTo(44L * 113_246_208);
    assertThat(count.params(Component.NORMS)).isEqualTo(89L * 3072);
    assertThat(count.params(Component.LM_HEAD)).isEqualTo(130_048L * 3072);
    // Without mamba_rms_norm the gated norm is not stored; a head dim that does not split the
    // inner width is one clear error, as FalconH1Config.validate_architecture raises it.
    String tiny = """
        {"model_type":"falcon_h1","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,
         "num_key_value_heads":2,"head_dim":16,"intermediate_size":128,"vocab_size":100,
         "mamba_d_ssm":128,"mamba_n_heads":4,"mamba_d_head":"auto","mamba_d_state":8,"mamba_rms_norm":%s}""";
    long withNorm = ParameterCounter.count(ConfigReader.parse(tiny.formatted("true"), "config.json", null))
        .params(Component.ATTENTION);
    long withoutNorm = ParameterCounter.count(ConfigReader.parse(tiny.formatted("false"), "config.json", null))
        .params(Component.ATTENTION);
    assertThat(withNorm - withoutNorm).isEqualTo(128);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"falcon_h1","hidden_size":64,"num_hidden_layers":1,"mamba_d_ssm":128,"mamba_n_heads":4,
         "mamba_d_head":48}""", "config.json", null))
        .hasMessageContaining("mamba_d_head (48) × mamba_n_heads (4) must equal the Mamba inner width");
  }

  @org.junit.jupiter.api.Test
  void miniCpm3LayersAreLlamaWithLatentAttention() throws IOException {
    // MiniCPM3-4B (minicpm3), worked from MiniCPMAttention/MiniCPMMLP (modeling_minicpm.py, the
    // checkpoint's remote code; MiniCPM3Attention in transformers). No exact checkpoint total was at
    // hand (the card says "4B"), so the blocks are held to their formulas: q_a_proj 2560 x 768 +
    // q_a_layernorm 768 + q_b_proj 768 x 40 x 96 + kv_a_proj_with_mqa 2560 x (256 + 32) +
    // kv_a_layernorm 256 + kv_b_proj 256 x 40 x (64 + 64) + o_proj 40 x 64 x 2560 = 13,517,824 per
    // layer (v_head_dim = 2560 / 40); gated MLP 3 x 2560 x 6400 = 49,152,000; tied head (MiniCPM3Config
    // default); scale_emb, scale_depth and dim_model_base are scalars, not parameters.
    ModelArchitecture arch = read("minicpm3-4b.json");
    ParameterCount count = ParameterCounter.count(arch);
    assertThat(arch.numLayers()).isEqualTo(62);
    assertThat(count.params(Component.ATTENTION)).isEqualTo(62L * 13_517_824);
    assertThat(count.params(Component.MLP)).isEqualTo(62L * 49_152_000);
    assertThat(count.params(Component.NORMS)).isEqualTo(125L * 2560);
    assertThat(count.params(Component.EMBEDDINGS)).isEqualTo(73_448L * 2560);
    assertThat(count.params(Component.LM_HEAD)).isZero();
    // A null q_lora_rank is a plain q_proj (hidden -> heads x 96), as MiniCPM3Config documents.
    ModelArchitecture plain = ConfigReader.parse("""
        {"model_type":"minicpm3","hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,
         "intermediate_size":32,"vocab_size":10,"q_lora_rank":null,"kv_lora_rank":8,"qk_nope_head_dim":8,
         "qk_rope_head_dim":4}""", "config.json", null);
    // q_proj 64 x 48 + kv_a 64 x 12 + norm 8 + kv_b 8 x 4 x 24 + o 4 x 16 x 64.
    assertThat(ParameterCounter.count(plain).params(Component.ATTENTION))
        .isEqualTo(64L * 48 + 64 * 12 + 8 + 8 * 4 * 24 + 4 * 16 * 64);
  }

  @org.junit.jupiter.api.Test
  void siglipPoolingHeadAndPixtralProjectorOptions() {
    // SigLIP with its attention-pooling head (vision_use_head absent = true, SiglipVisionTransformer):
    // hidden 8, intermediate 16, one layer, image 4 / patch 2. Encoder: conv 3·2²·8 + 8, 2² positions·8,
    // layer 4·(64 + 8) + (2·8·16 + 16 + 8) + 4·8, post_layernorm 16; head: probe 8, in_proj 3·64 + 24,
    // out_proj 64 + 8, LayerNorm 16, MLP 2·8·16 + 16 + 8. Projector 8·16 + 8 into text width 16.
    ModelArchitecture gemma = ConfigReader.parse("""
        {"model_type":"gemma3","text_config":{"hidden_size":16,"intermediate_size":32,"num_hidden_layers":1,
         "num_attention_heads":2,"num_key_value_heads":1,"head_dim":8,"vocab_size":10},
         "vision_config":{"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"image_size":4,
         "patch_size":2}}""", "config.json", null);
    long layer = 4 * (64 + 8) + (2 * 8 * 16 + 16 + 8) + 4 * 8;
    long head = 8 + (3 * 64 + 24) + (64 + 8) + 16 + (2 * 8 * 16 + 16 + 8);
    assertThat(ParameterCounter.count(gemma).params(Component.VISION))
        .isEqualTo((3 * 4 * 8 + 8) + 4 * 8 + layer + 16 + head);
    assertThat(ParameterCounter.count(gemma).params(Component.PROJECTOR)).isEqualTo(8 * 16 + 8);
    // Mistral3 with two feature layers and projector biases: norm 8, merger 8·2²·8, linear_1 2·8·16 + 16,
    // linear_2 16² + 16. Pixtral: conv 3·2²·8 (no bias), ln_pre 8, layer 4·64 + 3·8·16 + 2·8.
    ModelArchitecture mistral = ConfigReader.parse("""
        {"model_type":"mistral3","vision_feature_layer":[-1,-2],"multimodal_projector_bias":true,
         "text_config":{"model_type":"mistral","hidden_size":16,"intermediate_size":32,"num_hidden_layers":1,
         "num_attention_heads":2,"num_key_value_heads":1,"vocab_size":10},
         "vision_config":{"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"patch_size":2}}""",
        "config.json", null);
    assertThat(ParameterCounter.count(mistral).params(Component.VISION))
        .isEqualTo(3 * 4 * 8 + 8 + (4 * 64 + 3 * 8 * 16 + 2 * 8));
    assertThat(ParameterCounter.count(mistral).params(Component.PROJECTOR))
        .isEqualTo(8 + 8 * 4 * 8 + (2 * 8 * 16 + 16) + (16 * 16 + 16));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"mistral3","text_config":{"model_type":"ministral3","hidden_size":16}}""", "config.json", null))
        .hasMessageContaining("'ministral3' text_config is not read yet");
  }

  @org.junit.jupiter.api.Test
  void moonVitBlocksAndKimiVlProjector() {
    // Worked from the remote modeling_kimi_vl.py. MoonViT with hidden 8, intermediate 16, one block,
    // patch 2, a 3 x 2 position table: Conv2d 3·2²·8 + 8, positions 3·2·8, block = norm0/norm1 4·8 +
    // wqkv 8·24 + 24 + wo 64 + 8 + fc0 8·16 + 16 + fc1 16·8 + 8, final LayerNorm 16. Projector with a
    // 1 x 2 merge (m = 16) into text width 32: pre_norm 16, linear_1 16² + 16, linear_2 16·32 + 32.
    // The text_config's explicit null q_lora_rank is a plain q_proj: 32 x 2·(4 + 2) beside kv_a_proj
    // 32 x (4 + 2), kv_a_layernorm 4, kv_b_proj 4 x 2·(4 + 4) and o_proj 2·4 x 32.
    ModelArchitecture arch = ConfigReader.parse("""
        {"model_type":"kimi_vl","text_config":{"hidden_size":32,"intermediate_size":64,"num_hidden_layers":1,
         "num_attention_heads":2,"num_key_value_heads":2,"vocab_size":10,"q_lora_rank":null,"kv_lora_rank":4,
         "qk_nope_head_dim":4,"qk_rope_head_dim":2,"v_head_dim":4,"n_routed_experts":4,"num_experts_per_tok":2,
         "moe_intermediate_size":8,"first_k_dense_replace":1},
         "vision_config":{"hidden_size":8,"intermediate_size":16,"num_hidden_layers":1,"patch_size":2,
         "init_pos_emb_height":3,"init_pos_emb_width":2,"merge_kernel_size":[1,2]}}""", "config.json", null);
    ParameterCount count = ParameterCounter.count(arch);
    long block = 4 * 8 + (8 * 24 + 24) + (64 + 8) + (8 * 16 + 16) + (16 * 8 + 8);
    assertThat(count.params(Component.VISION)).isEqualTo((3 * 4 * 8 + 8) + 3 * 2 * 8 + block + 16);
    assertThat(count.params(Component.PROJECTOR)).isEqualTo(16 + (16 * 16 + 16) + (16 * 32 + 32));
    assertThat(count.params(Component.ATTENTION))
        .isEqualTo(32 * 2 * 6 + 32 * 6 + 4 + 4 * 2 * 8 + 2 * 4 * 32);
    // Defaults are MoonViTConfig's: an empty vision_config is Kimi-VL's own encoder.
    ModelArchitecture defaults = ConfigReader.parse("""
        {"model_type":"kimi_vl","text_config":{"hidden_size":2048,"num_hidden_layers":1,"num_attention_heads":16,
         "vocab_size":10,"q_lora_rank":null,"n_routed_experts":4,"num_experts_per_tok":2,
         "first_k_dense_replace":1},
         "vision_config":{}}""", "config.json", null);
    assertThat(ParameterCounter.count(defaults).params(Component.VISION)).isEqualTo(416_866_032L);
    assertThat(ParameterCounter.count(defaults).params(Component.PROJECTOR)).isEqualTo(30_679_808L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"kimi_vl","text_config":{"hidden_size":16,"num_hidden_layers":1,"num_attention_heads":2,
         "vocab_size":10,"n_routed_experts":0},"vision_config":{"merge_kernel_size":[2]}}""",
        "config.json", null)).hasMessageContaining("merge_kernel_size: expected two positive integers");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"kimi_vl","text_config":{"model_type":"llama","hidden_size":16}}""", "config.json", null))
        .hasMessageContaining("'llama' text_config is not read yet (only 'deepseek_v3')");
  }

  @org.junit.jupiter.api.Test
  void gemma3nTowersAndSharedKeyValues() throws IOException {
    // gemma-3n-E2B-it, worked from modeling_gemma3n.py. Audio (Gemma3nAudioEncoder, D = 1536): the
    // sub-sample convs 1·128·9 + 128 and 128·32·9 + 32, input_proj 32·32·1536 (128 mel bins halved
    // twice) = 1,611,040; 12 conformer blocks of 24·D² + 9·D + 192 + 5·D = 56,644,800; embed_audio
    // 128·1536 + 2·1536 + 1536·2048 = 3,345,408: together 684,694,048.
    ModelArchitecture arch = read("gemma-3n-e2b-it.json");
    ParameterCount count = ParameterCounter.count(arch);
    assertThat(count.params(Component.AUDIO)).isEqualTo(1_611_040L + 12L * 56_644_800 + 3_345_408L);
    // Embeddings: 262,400 × 2048 tokens plus the per-layer table 262,144 × 30·256 = 2,550,661,120; the
    // rest of the language model is 1,905,495,648, Google's "just under 2 billion (1.91B)" effective.
    assertThat(count.params(Component.EMBEDDINGS)).isEqualTo(262_400L * 2048 + 262_144L * 30 * 256);
    assertThat(count.activeParamsExclEmbeddings()).isEqualTo(1_905_495_648L);
    // The last 10 of 30 layers reuse the caches of layers 18 (sliding) and 19 (full): 20 layers cache,
    // 4 full (all 32,768 tokens) and 16 sliding (512), each 2 KV heads × 256 × (k, v) in BF16.
    assertThat(arch.layers().stream().filter(l -> l.sharesKeyValues()).count()).isEqualTo(10);
    long perToken = 2L * 2 * 256 * 2;
    assertThat(new dev.paramscope.memory.KvCache(arch).bytes(32_768, 1, dev.paramscope.memory.KvDtype.BF16))
        .isEqualTo(4 * 32_768 * perToken + 16 * 512 * perToken);
    // The text_config alone (gemma3n_text, as Gemma3nForCausalLM checkpoints store it) is the language model.
    try (InputStream in = CurrentArchitecturesTest.class.getResourceAsStream("published/gemma-3n-e2b-it.json")) {
      String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).get("text_config").toString();
      assertThat(ParameterCounter.count(ConfigReader.parse(text, "text_config", null)).totalParams())
          .isEqualTo(4_456_156_768L);
    }
    // A timm architecture we do not carry is one clear error, not a guessed vision count.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"gemma3n","text_config":{"hidden_size":64,"num_hidden_layers":5,"head_dim":16,
         "intermediate_size":32,"vocab_size":10,"vocab_size_per_layer_input":10,"num_kv_shared_layers":0},
         "vision_config":{"architecture":"resnet50"}}""", "config.json", null))
        .hasMessageContaining("timm architecture 'resnet50' is not known");
  }

  @org.junit.jupiter.api.Test
  void absurdSizesAreOneClearErrorNotAWrongCount() {
    // A vision tower of 2^30-wide layers with 2^30-pixel patches overflows 64 bits: the reader says so.
    String json = """
        {"model_type":"llama4","text_config":{"hidden_size":64,"num_hidden_layers":1,"num_attention_heads":4,
         "num_key_value_heads":4,"head_dim":16,"intermediate_size":32,"intermediate_size_mlp":64,"vocab_size":10},
         "vision_config":{"hidden_size":1073741824,"patch_size":1073741824,"num_channels":1073741824}}""";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse(json, "config.json", null))
        .isInstanceOf(dev.paramscope.BadInputException.class).hasMessageContaining("overflow");
    // layer_types must name one layer per layer, in the family's vocabulary.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigReader.parse("""
        {"model_type":"qwen3_next","hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,
         "num_key_value_heads":2,"head_dim":16,"layer_types":["full_attention","mamba"]}""", "config.json", null))
        .hasMessageContaining("layer_types[1]: unknown layer type \"mamba\" (expected one of full_attention, linear_attention)");
  }

  static ModelArchitecture read(String resource) throws IOException {
    try (InputStream in = CurrentArchitecturesTest.class.getResourceAsStream("published/" + resource)) {
      if (in == null) {
        throw new IOException("missing test resource published/" + resource);
      }
      return ConfigReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, null);
    }
  }
}
