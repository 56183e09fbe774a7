package dev.paramscope.forensics;

import java.util.List;

/**
 * What the singular values of a centred logit matrix say about the model's hidden width.
 *
 * @param rows logit vectors read
 * @param vocabulary length of each vector
 * @param rank the number of singular values above the largest gap: the rank of the output layer
 * @param widthLow the smallest hidden width that rank allows (the rank itself)
 * @param widthHigh the largest: the rank plus one, as a normalisation that centres the hidden state
 *     can leave one direction unused (Carlini et al. 2024, arXiv:2403.06634, §4)
 * @param gapRatio σ[rank] / σ[rank+1], the gap the rank was read at
 * @param secondGapRatio the largest ratio of neighbours elsewhere in the spectrum
 * @param confidence {@code high}, {@code medium} or {@code low}, read from the two ratios
 * @param saturated true when the rank is as large as the matrix allows (rows or vocabulary too
 *     few): the width is then only known to be at least the rank
 * @param leadingSingularValues the largest singular values, at most 8, largest first
 */
public record LogitRank(int rows, int vocabulary, int rank, int widthLow, int widthHigh, double gapRatio,
    double secondGapRatio, String confidence, boolean saturated, List<Double> leadingSingularValues) {
  public LogitRank {
    leadingSingularValues = List.copyOf(leadingSingularValues);
  }
}
