package dev.paramscope.model;

/** The feed-forward block of one decoder layer: a dense MLP, a mixture of experts, or none (a mixer-only layer). */
public sealed interface FeedForward permits DenseMlp, MixtureOfExperts, NoFeedForward {}
