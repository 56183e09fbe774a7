package dev.paramscope.forensics;

import dev.paramscope.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The hidden width of a language model from its full-vocabulary outputs (Carlini et al., "Stealing
 * Part of a Production Language Model", arXiv:2403.06634, §4.1; Finlayson et al., "Logits of
 * API-Protected LLMs Leak Proprietary Information", arXiv:2403.09539, §3).
 *
 * <p>Every logit vector is {@code W·h}: the output matrix W (vocabulary × width) times a hidden
 * state h, so n vectors span at most {@code width} dimensions. Log-probabilities add a constant per
 * vector (the log-partition); subtracting each row's mean over the vocabulary (centring) removes it.
 * The singular values of the centred n × V matrix then fall off a cliff after index {@code width}:
 * the rank is read at the largest ratio σ[i]/σ[i+1]. It needs n and V both larger than the width.
 *
 * <p>Singular values come from EJML's dense SVD (values only); the cost grows as n·V·min(n, V).
 */
public final class LogitRankEstimator {
  /** A gap at least this large (σ[r]/σ[r+1]) counts as a cliff for "high" confidence. */
  static final double HIGH_GAP = 100;
  /** A gap at least this large, and this many times the runner-up, gives "medium". */
  static final double MEDIUM_GAP = 10;

  private LogitRankEstimator() {}

  public static LogitRank estimate(LogitMatrix m, String source) {
    int n = m.rows();
    int v = m.cols();
    if (n < 3 || v < 3) {
      throw new BadInputException(source, "a " + n + " × " + v
          + " matrix is too small: give more logit vectors (rows) than the width you expect, each over the vocabulary");
    }
    DMatrixRMaj centred = new DMatrixRMaj(n, v);
    double[] in = m.values();
    double[] out = centred.data;
    for (int r = 0; r < n; r++) {
      double mean = 0;
      for (int c = 0; c < v; c++) {
        mean += in[r * v + c];
      }
      mean /= v;
      for (int c = 0; c < v; c++) {
        out[r * v + c] = in[r * v + c] - mean;
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, v, false, false, true);
    if (!svd.decompose(centred)) {
      throw new BadInputException(source, "the singular value decomposition did not converge");
    }
    double[] sigma = Arrays.copyOf(svd.getSingularValues(), Math.min(n, v));
    Arrays.sort(sigma);
    reverse(sigma);
    return fromSpectrum(sigma, n, v);
  }

  /** The rank and confidence read from singular values sorted largest first. */
  static LogitRank fromSpectrum(double[] sigma, int rows, int vocabulary) {
    // Centring over the vocabulary removes one direction, so at most min(n, V - 1) values carry signal.
    int usable = Math.min(sigma.length, Math.min(rows, vocabulary - 1));
    double floor = sigma[0] * 1e-13; // below this a singular value is round-off
    int best = usable;
    double bestRatio = 1;
    double second = 1;
    for (int i = 1; i < usable; i++) {
      double ratio = sigma[i - 1] / Math.max(sigma[i], floor);
      if (ratio > bestRatio) {
        second = Math.max(second, bestRatio);
        bestRatio = ratio;
        best = i;
      } else {
        second = Math.max(second, ratio);
      }
    }
    boolean saturated = bestRatio < MEDIUM_GAP || best == usable;
    int rank = saturated ? usable : best;
    String confidence = saturated ? "low"
        : bestRatio >= HIGH_GAP && bestRatio >= MEDIUM_GAP * second ? "high"
        : bestRatio >= 2 * second ? "medium" : "low";
    List<Double> leading = new ArrayList<>();
    for (int i = 0; i < Math.min(8, sigma.length); i++) {
      leading.add(sigma[i]);
    }
    return new LogitRank(rows, vocabulary, rank, rank, saturated ? Integer.MAX_VALUE : rank + 1,
        saturated ? 1 : bestRatio, second, confidence, saturated, leading);
  }

  private static void reverse(double[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
