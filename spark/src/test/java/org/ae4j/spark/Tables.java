package org.ae4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** A generated table like a user's: an id, numbers, text categories, a yes/no column and missing cells. */
final class Tables {

    private Tables() {
    }

    static Path transactions(Path dir, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        String[] merchants = {"grocer", "fuel", "travel", "online", "cafe"};
        String[] countries = {"FR", "DE", "IT", "ES"};
        StringBuilder csv = new StringBuilder("txn_id,amount,merchant,country,hour,contactless\n");
        for (int i = 0; i < rows; i++) {
            int m = random.nextInt(merchants.length);
            double amount = 10 + 20 * m + 5 * random.nextGaussian();
            boolean odd = i % 50 == 49;                       // a few unusual rows
            csv.append("t").append(1000 + i).append(',')
                    .append(random.nextInt(20) == 0 ? "" : String.format(Locale.ROOT, "%.2f", odd ? amount * 8 : amount)).append(',')
                    .append(random.nextInt(25) == 0 ? "" : merchants[m]).append(',')
                    .append(countries[odd ? 3 : random.nextInt(3)]).append(',')
                    .append(odd ? 3 : 8 + random.nextInt(12)).append(',')
                    .append(m == 1 ? "no" : "yes").append('\n');
        }
        Path file = dir.resolve("transactions.csv");
        Files.writeString(file, csv);
        return file;
    }
}
