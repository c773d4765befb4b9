package org.ae4j.search;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Brute-force k-nearest neighbours: a block of queries times the codes in one gemm ({@code Q·Cᵀ}), then each query's
 * row of dot products scanned for its k best on all cores. L2 uses {@code ‖q‖² + ‖c‖² − 2 q·c}; cosine expects unit
 * rows (see {@link CodeIndex}) and uses {@code 1 − q·c}. The answers are exact up to float rounding.
 */
final class ExactSearch {

    /** Dot products held at once per block: 8 M floats (32 MB). */
    private static final long BLOCK_VALUES = 8L << 20;

    private final INDArray codes;
    private final float[] values;
    private final float[] squaredNorms;
    private final Metric metric;
    private final DistanceScan scan;
    private final int size;
    private final int dimension;

    /** @param codes row-major {@code [size][dimension]}, unit rows for {@link Metric#COSINE} */
    ExactSearch(float[] codes, int size, int dimension, Metric metric) {
        this.codes = Nd4j.createFromArray(codes).reshape(size, dimension);
        this.values = codes;
        this.size = size;
        this.dimension = dimension;
        this.metric = metric;
        this.scan = DistanceScan.best();
        this.squaredNorms = new float[size];                          // zeros for cosine
        if (metric == Metric.L2) {
            for (int r = 0; r < size; r++) {
                squaredNorms[r] = squaredNorm(codes, r * dimension, dimension);
            }
        }
    }

    /** The k nearest rows of each query (row-major {@code [count][dimension]}, prepared like the codes). */
    TopK[] search(float[] queries, int count, int k) {
        TopK[] answers = new TopK[count];
        int block = (int) Math.max(1, Math.min(count, BLOCK_VALUES / size));
        INDArray products = Nd4j.create(DataType.FLOAT, block, size);
        float[] dots = new float[block * size];
        for (int from = 0; from < count; from += block) {
            int rows = Math.min(block, count - from);
            INDArray q = Nd4j.createFromArray(java.util.Arrays.copyOfRange(queries, from * dimension, (from + rows) * dimension))
                    .reshape(rows, dimension);
            INDArray out = rows == block ? products : products.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            Nd4j.gemm(q, codes, out, false, true, 1.0, 0.0);
            FloatBuffer buffer = products.data().asNioFloat();
            buffer.get(dots, 0, rows * size);
            int offset = from;
            IntStream.range(0, rows).parallel().forEach(i -> answers[offset + i] = scan(dots, queries, i, offset + i,
                    metric == Metric.L2 ? squaredNorm(queries, (offset + i) * dimension, dimension) : 0, k));
        }
        return answers;
    }

    /**
     * The k best of one query's dot products, ranked by squared Euclidean distance or by {@code 1 − cos}; the winners'
     * distances are then computed directly ({@code ‖q‖² + ‖c‖² − 2 q·c} loses digits when q is close to c).
     */
    private TopK scan(float[] dots, float[] queries, int query, int queryRow, float queryNorm, int k) {
        TopK top = new TopK(k);
        if (metric == Metric.L2) {
            scan.scan(dots, query * size, squaredNorms, queryNorm, -2f, size, top);
        } else {
            scan.scan(dots, query * size, squaredNorms, 1f, -1f, size, top);
        }
        TopK exact = new TopK(k);
        int[] rows = top.rows();
        java.util.Arrays.sort(rows);
        for (int r : rows) {
            exact.offer(r, distance(queries, queryRow * dimension, values, r * dimension, dimension, metric));
        }
        return exact;
    }

    /** The squared Euclidean distance, or {@code 1 − a·b} for cosine (unit rows), of two stored vectors. */
    static float distance(float[] a, int aFrom, float[] b, int bFrom, int dimension, Metric metric) {
        float sum = 0;
        if (metric == Metric.L2) {
            for (int i = 0; i < dimension; i++) {
                float d = a[aFrom + i] - b[bFrom + i];
                sum += d * d;
            }
            return sum;
        }
        for (int i = 0; i < dimension; i++) {
            sum += a[aFrom + i] * b[bFrom + i];
        }
        return 1 - sum;
    }

    private static float squaredNorm(float[] values, int from, int length) {
        float sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += values[i] * values[i];
        }
        return sum;
    }
}
