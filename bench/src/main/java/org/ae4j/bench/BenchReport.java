package org.ae4j.bench;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A whole benchmark run.
 *
 * @param command   how it was run
 * @param machine   processor, cores, JVM and OS
 * @param data      the data set and its sizes
 * @param training  how each model was trained, e.g. "5 epochs"
 * @param date      ISO-8601 start time
 * @param results   one entry per model, PCA baselines included
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record BenchReport(String command, String machine, String data, String training, String date, List<ModelResult> results) {

    public BenchReport {
        results = List.copyOf(results);
    }
}
