package org.ae4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ae4j.data.table.Table;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableReader;
import org.apiguardian.api.API;

/**
 * Times the ingestion of one table — both passes of {@link TableReader#fit}: profiling the columns, fitting the
 * schema, encoding every row into native floats — and prints one JSON line: bytes, rows, seconds, MB/s, rows/s,
 * the features made and the peak heap used. {@code scripts/ingest-bench.sh} runs it with the heap capped at
 * 512 MB next to pandas' {@code read_csv} on the same file.
 *
 * <pre>{@code java -Xmx512m -Dorg.bytedeco.javacpp.maxbytes=8G -cp cli/target/ae4j.jar org.ae4j.bench.TableIngest FILE.csv}</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TableIngest {

    private TableIngest() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: TableIngest FILE.csv");
        }
        Path file = Path.of(args[0]);
        long bytes = Files.size(file);
        long start = System.nanoTime();
        Table table = TableReader.fit(file, TableOptions.defaults(), 0, 1).train();
        double seconds = (System.nanoTime() - start) / 1e9;
        long rows = table.data().size();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println(String.format(Locale.ROOT, "{\"reader\":\"ae4j\",\"bytes\":%d,\"rows\":%d,\"features\":%d,\"seconds\":%.2f,"
                + "\"mb_per_s\":%.1f,\"rows_per_s\":%.0f,\"peak_heap_mb\":%.0f,\"max_heap_mb\":%.0f}", bytes, rows, table.schema().width(),
                seconds, bytes / 1e6 / seconds, rows / seconds, peakHeap / 1e6, Runtime.getRuntime().maxMemory() / 1e6));
    }

}
