package org.ae4j.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CodeIndexTest {

    private static float[] clustered(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[20][d];
        for (float[] c : centres) {
            for (int i = 0; i < d; i++) {
                c[i] = (float) (random.nextGaussian() * 3);
            }
        }
        float[] out = new float[n * d];
        for (int r = 0; r < n; r++) {
            float[] c = centres[random.nextInt(centres.length)];
            for (int i = 0; i < d; i++) {
                out[r * d + i] = c[i] + (float) random.nextGaussian();
            }
        }
        return out;
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "item-" + i).toList();
    }

    /** The k nearest rows by a plain double-precision scan. */
    private static int[] bruteForce(float[] codes, int n, int d, float[] query, int k, Metric metric) {
        double[] dist = new double[n];
        for (int r = 0; r < n; r++) {
            double dot = 0, qq = 0, cc = 0, l2 = 0;
            for (int i = 0; i < d; i++) {
                double a = query[i], b = codes[r * d + i];
                dot += a * b;
                qq += a * a;
                cc += b * b;
                l2 += (a - b) * (a - b);
            }
            dist[r] = metric == Metric.L2 ? Math.sqrt(l2) : 1 - dot / Math.sqrt(qq * cc);
        }
        return IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(r -> dist[r])).limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void exactSearchFindsWhatABruteForceScanFinds() {
        int n = 3000, d = 12, q = 40, k = 7;
        float[] codes = clustered(n, d, 1);
        float[] queries = clustered(q, d, 2);
        for (Metric metric : Metric.values()) {
            CodeIndex index = CodeIndex.build(codes, n, d, ids(n), CodeIndex.Options.defaults().withMetric(metric));
            assertThat(index.hasGraph()).isFalse();
            List<List<Neighbor>> found = index.search(queries, q, k, CodeIndex.Mode.AUTO);
            int agree = 0;
            for (int i = 0; i < q; i++) {
                int[] expected = bruteForce(codes, n, d, Arrays.copyOfRange(queries, i * d, (i + 1) * d), k, metric);
                int[] rows = found.get(i).stream().mapToInt(Neighbor::row).toArray();
                agree += Arrays.equals(rows, expected) ? 1 : 0;
                assertThat(found.get(i).get(0).id()).isEqualTo("item-" + rows[0]);
                for (int j = 1; j < k; j++) {
                    assertThat(found.get(i).get(j).distance()).isGreaterThanOrEqualTo(found.get(i).get(j - 1).distance());
                }
            }
            assertThat(agree).as(metric + ": queries whose k nearest match exactly").isGreaterThanOrEqualTo(q - 1);
        }
    }

    @Test
    void anItemIsItsOwnNearestNeighbourAtDistanceZero() {
        int n = 500, d = 8;
        float[] codes = clustered(n, d, 3);
        CodeIndex index = CodeIndex.build(codes, n, d, ids(n), CodeIndex.Options.defaults());
        List<List<Neighbor>> found = index.search(Arrays.copyOfRange(codes, 42 * d, 43 * d), 1, 3, CodeIndex.Mode.EXACT);
        assertThat(found.get(0).get(0).row()).isEqualTo(42);
        assertThat(found.get(0).get(0).distance()).isZero();
    }

    @Test
    void theHnswGraphRecallsNearlyAllOfTheExactNeighbours() {
        int n = 8000, d = 8, q = 200, k = 10;
        float[] codes = clustered(n, d, 4);
        float[] queries = clustered(q, d, 5);
        for (Metric metric : Metric.values()) {
            CodeIndex index = CodeIndex.build(codes, n, d, ids(n),
                    CodeIndex.Options.defaults().withMetric(metric).withGraph(CodeIndex.Graph.ALWAYS));
            assertThat(index.hasGraph()).isTrue();
            List<List<Neighbor>> exact = index.search(queries, q, k, CodeIndex.Mode.EXACT);
            List<List<Neighbor>> approximate = index.search(queries, q, k, CodeIndex.Mode.AUTO);
            assertThat(recall(exact, approximate)).as(metric + " recall@10").isGreaterThanOrEqualTo(0.95);
        }
    }

    static double recall(List<List<Neighbor>> exact, List<List<Neighbor>> approximate) {
        long hit = 0, total = 0;
        for (int i = 0; i < exact.size(); i++) {
            var truth = exact.get(i).stream().map(Neighbor::row).collect(java.util.stream.Collectors.toSet());
            hit += approximate.get(i).stream().filter(nb -> truth.contains(nb.row())).count();
            total += truth.size();
        }
        return (double) hit / total;
    }

    @Test
    void badQueriesAndCodesAreRefusedWithClearMessages() {
        int n = 50, d = 4;
        float[] codes = clustered(n, d, 6);
        CodeIndex index = CodeIndex.build(codes, n, d, ids(n), CodeIndex.Options.defaults());
        float[] query = Arrays.copyOf(codes, d);
        assertThatThrownBy(() -> index.search(query, 1, 0, CodeIndex.Mode.AUTO)).hasMessageContaining("k must be in [1, 50]");
        assertThatThrownBy(() -> index.search(query, 1, 51, CodeIndex.Mode.AUTO)).hasMessageContaining("got 51");
        assertThatThrownBy(() -> index.search(new float[5], 1, 3, CodeIndex.Mode.AUTO)).hasMessageContaining("need 4 values, got 5");
        assertThatThrownBy(() -> index.search(org.nd4j.linalg.factory.Nd4j.zeros(2, 5), 3, CodeIndex.Mode.AUTO))
                .hasMessageContaining("codes of size 5, the index holds codes of size 4");
        assertThatThrownBy(() -> index.search(query, 1, 3, CodeIndex.Mode.APPROXIMATE)).hasMessageContaining("no HNSW graph");
        float[] nan = query.clone();
        nan[2] = Float.NaN;
        assertThatThrownBy(() -> index.search(nan, 1, 3, CodeIndex.Mode.AUTO)).hasMessageContaining("NaN at position 2");
        assertThatThrownBy(() -> CodeIndex.build(codes, n, d, ids(n - 1), CodeIndex.Options.defaults()))
                .hasMessageContaining("50 codes but 49 ids");
        assertThatThrownBy(() -> Metric.parse("manhattan")).hasMessageContaining("known: [cosine, l2]");
    }

    @Test
    void aZeroCodeIsAtCosineDistanceOneFromEverything() {
        float[] codes = {1, 0, 0, 1, 0, 0};
        CodeIndex index = CodeIndex.build(codes, 3, 2, ids(3), CodeIndex.Options.defaults().withMetric(Metric.COSINE));
        List<Neighbor> found = index.search(new float[] {1, 0}, 1, 3, CodeIndex.Mode.EXACT).get(0);
        assertThat(found).extracting(Neighbor::row).containsExactly(0, 1, 2);
        assertThat(found).extracting(Neighbor::distance).containsExactly(0f, 1f, 1f);
    }

    @Test
    void theVectorScanKeepsWhatTheScalarScanKeeps() {
        SplittableRandom random = new SplittableRandom(8);
        int size = 1003;
        float[] dots = new float[2 * size];
        float[] addend = new float[size];
        for (int i = 0; i < dots.length; i++) {
            dots[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < size; i++) {
            addend[i] = (float) Math.abs(random.nextGaussian());
        }
        for (int query = 0; query < 2; query++) {
            TopK scalar = new TopK(9);
            TopK vector = new TopK(9);
            DistanceScan.scalar().scan(dots, query * size, addend, 0.5f, -2f, size, scalar);
            new VectorDistanceScan().scan(dots, query * size, addend, 0.5f, -2f, size, vector);
            assertThat(vector.rows()).containsExactly(scalar.rows());
            assertThat(vector.distances()).containsExactly(scalar.distances());
        }
    }
}
