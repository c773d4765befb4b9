package org.ae4j.bench;

import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * What a suite on the UCI tables needs: the tables, the Python that runs its scikit-learn peer, the peers' folder and
 * where its sets, results and report go ({@code ae4j bench --suite tabular|imputation}).
 *
 * @param mlbench   the UCI tables as CSV (scripts/mlbench-tables.sh)
 * @param python    a Python 3 with scikit-learn and pandas
 * @param reference the folder of the peer scripts ({@code bench/reference})
 * @param out       where the sets, the results and the report go
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record TableSuiteOptions(Path mlbench, String python, Path reference, Path out) {
}
