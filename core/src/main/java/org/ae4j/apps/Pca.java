package org.ae4j.apps;

import java.util.List;
import org.ae4j.data.Dataset;
import org.ae4j.loss.MeanSquaredError;
import org.ae4j.model.Autoencoder;
import org.ae4j.nn.Dense;
import org.ae4j.nn.Identity;
import org.ae4j.nn.IdentityBottleneck;
import org.ae4j.nn.Sequential;
import org.ae4j.spi.Kernels;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Principal component analysis, the linear reference autoencoders are compared with (a linear
 * autoencoder trained with MSE spans the same subspace; Baldi &amp; Hornik, 1989). Fitted in closed
 * form from the eigen-decomposition of the covariance, in double precision ({@link SymmetricEigen});
 * {@link #autoencoder}
 * expresses the projection on the first {@code k} components as an {@link Autoencoder}
 * ({@code z = (x − μ)V_k}, {@code x̂ = z V_kᵀ + μ}) so it is measured exactly like the learned models.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Pca {

    private final INDArray mean;
    private final INDArray components;
    private final double[] variances;

    private Pca(INDArray mean, INDArray components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /** Fits every component of the (flattened) training data. */
    public static Pca fit(Dataset train) {
        long d = train.exampleLength();
        INDArray x = train.features().reshape('c', train.size(), d).castTo(DataType.DOUBLE);
        INDArray mean = x.mean(true, 0);
        INDArray centered = x.subRowVector(mean);
        INDArray covariance = Nd4j.createUninitialized(DataType.DOUBLE, d, d);
        Nd4j.gemm(centered, centered, covariance, true, false, 1.0 / Math.max(1, train.size() - 1), 0.0);
        double[] variances = new double[(int) d];
        double[][] components = leading(new SymmetricEigen(covariance.toDoubleMatrix()), (int) d, variances);
        return new Pca(mean, Nd4j.create(components), variances);
    }

    /**
     * Fits the leading {@code k} components only, by subspace iteration on the covariance (products with the centred
     * data, {@code k + 8} directions, orthonormalised each round, then the exact eigenvectors within the subspace):
     * for a few components of wide data — the scatter plot of a 1,568-number code — where {@link #fit}'s full
     * eigen-decomposition costs O(d³). Components agree with {@link #fit}'s up to sign where the spectrum has gaps.
     *
     * @throws IllegalArgumentException unless 1 ≤ k ≤ the data's width
     */
    public static Pca fitLeading(Dataset train, int k, long seed) {
        long d = train.exampleLength();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA of " + d + "-dimensional data has 1 to " + d + " components, not " + k);
        }
        int width = (int) Math.min(d, k + 8L);
        INDArray x = train.features().reshape('c', train.size(), d).castTo(DataType.DOUBLE);
        INDArray mean = x.mean(true, 0);
        INDArray centered = x.subRowVector(mean);
        double scale = 1.0 / Math.max(1, train.size() - 1);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] start = new double[(int) d][width];
        for (double[] row : start) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextDouble() - 0.5;
            }
        }
        INDArray q = orthonormal(Nd4j.create(start));
        for (int round = 0; round < 40; round++) {
            q = orthonormal(centered.transpose().mmul(centered.mmul(q)));
        }
        INDArray projected = centered.mmul(q);                               // the covariance within the subspace
        INDArray small = projected.transpose().mmul(projected).muli(scale);
        double[] variances = new double[k];
        double[][] rotation = leading(new SymmetricEigen(small.toDoubleMatrix()), width, variances);
        return new Pca(mean, q.mmul(Nd4j.create(rotation)), variances);
    }

    /**
     * The {@code variances.length} largest eigenpairs of {@code eigen} (of an {@code n × n} matrix, ascending), largest
     * first: the eigenvectors as the columns of the returned {@code [n][k]} matrix, the eigenvalues (clipped at 0) in
     * {@code variances}.
     */
    private static double[][] leading(SymmetricEigen eigen, int n, double[] variances) {
        int k = variances.length;
        double[][] vectors = eigen.vectors();
        double[][] columns = new double[n][k];
        for (int i = 0; i < k; i++) {
            variances[i] = Math.max(0, eigen.values()[n - 1 - i]);
            for (int r = 0; r < n; r++) {
                columns[r][i] = vectors[r][n - 1 - i];
            }
        }
        return columns;
    }

    /** The columns of {@code a} made orthonormal (modified Gram–Schmidt, in place). */
    private static INDArray orthonormal(INDArray a) {
        for (long j = 0; j < a.columns(); j++) {
            INDArray column = a.getColumn(j);
            for (long i = 0; i < j; i++) {
                INDArray previous = a.getColumn(i);
                column.subi(previous.mul(previous.mul(column).sumNumber().doubleValue()));
            }
            double norm = column.norm2Number().doubleValue();
            column.divi(norm > 0 ? norm : 1);
        }
        return a;
    }

    /** Variance along each component, largest first. */
    public double[] explainedVariance() {
        return variances.clone();
    }

    /** The projection on the first {@code k} components as an autoencoder with float parameters, computing with {@code kernels}. */
    public Autoencoder autoencoder(int k, Kernels kernels) {
        long d = components.size(0);
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA of " + d + "-dimensional data has 1 to " + d + " components, not " + k);
        }
        INDArray vk = components.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).dup('c');
        INDArray encoderBias = mean.mmul(vk).negi();
        Dense encode = new Dense("encoder.0", new Identity(), vk.castTo(DataType.FLOAT), encoderBias.castTo(DataType.FLOAT), kernels);
        Dense decode = new Dense("decoder.0", new Identity(), vk.transpose().dup('c').castTo(DataType.FLOAT),
                mean.dup().castTo(DataType.FLOAT), kernels);
        return new Autoencoder(kernels, new Sequential("encoder", List.of(encode)), new IdentityBottleneck(k),
                new Sequential("decoder", List.of(decode)), new MeanSquaredError(kernels));
    }
}
