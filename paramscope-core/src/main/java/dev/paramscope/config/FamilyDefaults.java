package dev.paramscope.config;

/**
 * The Hugging Face {@code PretrainedConfig} defaults of one family for the common decoder keys,
 * used when a config.json omits them ({@code hidden_size} and {@code num_hidden_layers} are
 * always required).
 *
 * @param vocabSize default {@code vocab_size}
 * @param intermediateSize default {@code intermediate_size}
 * @param numAttentionHeads default {@code num_attention_heads}
 * @param numKeyValueHeads default {@code num_key_value_heads}; 0 = same as the attention heads
 * @param headDim default {@code head_dim}; 0 = hidden_size / num_attention_heads
 * @param maxPositionEmbeddings default {@code max_position_embeddings}
 * @param tieWordEmbeddings default {@code tie_word_embeddings}
 */
record FamilyDefaults(
    int vocabSize,
    int intermediateSize,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int maxPositionEmbeddings,
    boolean tieWordEmbeddings) {}
