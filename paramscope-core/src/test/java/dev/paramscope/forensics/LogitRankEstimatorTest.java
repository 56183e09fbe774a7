package dev.paramscope.forensics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogitRankEstimatorTest {

  /**
   * Log-probability-like rows of rank r: the first r rows are independent Gaussian vectors over
   * the vocabulary (rank r), the rest sums of three of them; each row gets its own constant (the
   * log-partition a log-softmax subtracts) and Gaussian noise at 1e-3 of the signal's RMS.
   */
  static LogitMatrix syntheticRank(int rank, int rows, int vocabulary, long seed) {
    Random random = new Random(seed);
    double[] values = new double[rows * vocabulary];
    for (int i = 0; i < rank * vocabulary; i++) {
      values[i] = random.nextGaussian();
    }
    for (int r = rank; r < rows; r++) {
      for (int k = 0; k < 3; k++) {
        int from = random.nextInt(rank);
        for (int c = 0; c < vocabulary; c++) {
          values[r * vocabulary + c] += values[from * vocabulary + c] / Math.sqrt(3);
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      double logPartition = 10 * random.nextDouble();
      for (int c = 0; c < vocabulary; c++) {
        values[r * vocabulary + c] += 1e-3 * random.nextGaussian() - logPartition;
      }
    }
    return LogitMatrix.of(rows, vocabulary, values);
  }

  /** Rank 1024 over a 2048-token vocabulary: a 1056 × 2048 SVD, about two seconds. */
  @Test
  void recoversWidth1024() {
    assertRecovered(1024);
  }

  /**
   * Ranks 2048 and 4096 need SVDs of 2080 × 4096 and 4128 × 8192 matrices (the cost grows as
   * rows² × vocabulary): tens of seconds and minutes on two cores, so they run on request
   * ({@code -Dparamscope.forensics.large=true}).
   */
  @ParameterizedTest(name = "rank {0}")
  @ValueSource(ints = {2048, 4096})
  @EnabledIfSystemProperty(named = "paramscope.forensics.large", matches = "true")
  void recoversLargeWidths(int rank) {
    assertRecovered(rank);
  }

  private static void assertRecovered(int rank) {
    LogitRank result = LogitRankEstimator.estimate(syntheticRank(rank, rank + 32, 2 * rank, rank), "synthetic");
    assertThat(result.rank()).isEqualTo(rank);
    assertThat(result.widthLow()).isEqualTo(rank);
    assertThat(result.widthHigh()).isEqualTo(rank + 1);
    assertThat(result.confidence()).isEqualTo("high");
    assertThat(result.gapRatio()).isGreaterThan(100);
  }

  @Test
  void smallMatrixWithExactRank() {
    LogitRank result = LogitRankEstimator.estimate(syntheticRank(64, 100, 300, 1), "synthetic");
    assertThat(result.rank()).isEqualTo(64);
    assertThat(result.saturated()).isFalse();
    assertThat(result.leadingSingularValues()).hasSize(8).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void fullRankNoiseHasNoGapAndSaysSo() {
    Random random = new Random(7);
    double[] values = new double[60 * 200];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    LogitRank result = LogitRankEstimator.estimate(LogitMatrix.of(60, 200, values), "noise");
    assertThat(result.saturated()).isTrue();
    assertThat(result.confidence()).isEqualTo("low");
    assertThat(result.rank()).isEqualTo(60);
  }

  @Test
  void fewerRowsThanTheWidthIsSaturated() {
    // 50 rows of a rank-80 model: the rank is capped by the rows, so the width is only ≥ 50.
    LogitRank result = LogitRankEstimator.estimate(syntheticRank(50, 50, 400, 3), "synthetic");
    assertThat(result.saturated()).isTrue();
    assertThat(result.widthLow()).isEqualTo(50);
  }

  @Test
  void spectrumWithACliff() {
    double[] sigma = {100, 90, 80, 70, 0.05, 0.04, 0.03};
    LogitRank result = LogitRankEstimator.fromSpectrum(sigma, 7, 100);
    assertThat(result.rank()).isEqualTo(4);
    assertThat(result.gapRatio()).isEqualTo(1400);
    assertThat(result.confidence()).isEqualTo("high");
  }
}
