package org.ae4j.vanilla;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ae4j.Ae4j;
import org.ae4j.apps.TableDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDetectorTest {

    @TempDir
    Path dir;

    private Path table(String name, int rows, long seed, boolean withOddRows) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("id,a,b,c,kind\n");
        for (int r = 0; r < rows; r++) {
            double x = rng.nextGaussian();
            double c = withOddRows && r % 50 == 0 ? 8 : 2 * x + 0.1 * rng.nextGaussian();
            text.append("row").append(r).append(',').append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f", x, -x + 0.1 * rng.nextGaussian(), c))
                    .append(',').append(x > 0 ? "up" : "down").append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text.toString());
        return file;
    }

    /** Two calls: fit on a table, score another; the odd rows are flagged and explained by their odd column. */
    @Test
    void fitsScoresAndExplainsInTwoCalls() throws IOException {
        TableDetector detector = TableDetector.fit(table("train.csv", 3000, 1, false), TableDetector.Options.defaults(),
                Ae4j.registry());
        List<TableDetector.Scored> scored = detector.score(table("new.csv", 500, 2, true), 2);
        assertThat(scored).hasSize(500);
        assertThat(scored.get(0).id()).isEqualTo("row0");
        List<TableDetector.Scored> odd = scored.stream().filter(s -> s.row() % 50 == 0).toList();
        assertThat(odd).allMatch(TableDetector.Scored::anomaly);
        assertThat(odd).allMatch(s -> s.columns().keySet().iterator().next().equals("c"));
        long flagged = scored.stream().filter(TableDetector.Scored::anomaly).count();
        assertThat(flagged).isBetween(10L, 60L);
    }

    /** Sixteen threads scoring single rows and batches at once get exactly the single-threaded scores. */
    @Test
    void scoringFromManyThreadsGivesTheSameScores() throws Exception {
        TableDetector detector = TableDetector.fit(table("train.csv", 2000, 3, false), TableDetector.Options.defaults(),
                Ae4j.registry());
        var rows = org.ae4j.data.table.TableReader.read(table("new.csv", 200, 4, true), detector.schema(), java.util.Optional.empty()).data();
        double[] expected = detector.score(rows, List.of(), 0).stream().mapToDouble(TableDetector.Scored::score).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                checks.add(pool.submit(() -> {
                    for (int k = 0; k < 100; k++) {
                        int i = (thread * 37 + k * 11) % rows.size();
                        double one = detector.score(rows.slice(i, i + 1), List.of(), 0).get(0).score();
                        if (one != expected[i]) {
                            return false;
                        }
                        if (k % 20 == 0) {
                            double[] all = detector.score(rows, List.of(), 0).stream().mapToDouble(TableDetector.Scored::score).toArray();
                            if (!java.util.Arrays.equals(all, expected)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
