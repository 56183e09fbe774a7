package dev.paramscope.model;

/**
 * The feed-forward block of a layer that has none: Nemotron-H's mixer-only blocks (Mamba-2
 * {@code M} or attention {@code *} in {@code hybrid_override_pattern}) hold one norm and the mixer.
 */
public record NoFeedForward() implements FeedForward {}
