package dev.paramscope.model;

/** The feed-forward block of one decoder layer: a dense MLP or a mixture of experts. */
public sealed interface FeedForward permits DenseMlp, MixtureOfExperts {}
