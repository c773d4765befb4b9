package org.ae4j.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shared read-only rows of ones, {@code [1, n]}: a column sum {@code Σ_rows G} is the product
 * {@code 1·G}, and gemm does it several times faster than ND4J's sum reduction. Made once per type
 * and length, outside any workspace; never write to them.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class OnesRow {

    private record Key(DataType type, long length) {
    }

    private static final Map<Key, INDArray> ROWS = new ConcurrentHashMap<>();

    private OnesRow() {
    }

    public static INDArray of(DataType type, long length) {
        return ROWS.computeIfAbsent(new Key(type, length), k -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.ones(k.type(), 1, k.length());
            }
        });
    }

    /** Adds the column sums of {@code g} ({@code [rows, n]}) to {@code target} ({@code [1, n]}). */
    public static void addColumnSums(INDArray g, INDArray target) {
        Gemm.into(of(g.dataType(), g.size(0)), g, target, false, false, 1.0, 1.0);
    }
}
