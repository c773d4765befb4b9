package org.ae4j.testkit;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Counts what ND4J registers for deallocation while some code runs — every native buffer it
 * creates outside a workspace passes there — and sorts it: array buffers (real allocations),
 * scalar operand buffers (one value, made by ND4J's scalar ops), buffers in a workspace (no
 * allocation), views of existing buffers (no allocation) and ND4J's own per-op bookkeeping (op
 * contexts, shape descriptors).
 *
 * <p>Test-only: it swaps ND4J's deallocator service for a counting wrapper through reflection
 * for the duration of {@link #during}, on one thread at a time.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NativeAllocations {

    /** What was registered, by kind; {@code arrays} lists each detached array buffer's type and length. */
    public record Counts(int arrays, int scalars, int inWorkspace, int views, int bookkeeping, Map<String, Integer> arrayKinds) {
        @Override
        public String toString() {
            return arrays + " array buffers " + arrayKinds + ", " + scalars + " scalar buffers, " + inWorkspace
                    + " in the workspace, " + views + " views, " + bookkeeping + " bookkeeping objects";
        }
    }

    private NativeAllocations() {
    }

    /** Runs {@code work} and counts the native buffers ND4J made meanwhile. */
    public static synchronized Counts during(Runnable work) {
        Field field;
        DeallocatorService original;
        try {
            Nd4j.getDeallocatorService();
            field = Nd4j.class.getDeclaredField("deallocatorService");
            field.setAccessible(true);
            original = (DeallocatorService) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this ND4J version keeps its deallocator service elsewhere", e);
        }
        int[] counts = new int[5];
        Map<String, Integer> kinds = new TreeMap<>();
        DeallocatorService original0 = original;
        DeallocatorService counting = new DeallocatorService() {
            @Override
            public void pickObject(Deallocatable d) {
                if (!(d instanceof DataBuffer buffer) || buffer.dataType().isIntType()) {
                    counts[4]++;                         // op contexts, shape and TAD descriptors
                } else if (buffer.isAttached()) {
                    counts[2]++;
                } else if (buffer.originalDataBuffer() != null || buffer.underlyingDataBuffer() != null) {
                    counts[3]++;
                } else if (buffer.length() == 1) {
                    counts[1]++;
                } else {
                    counts[0]++;
                    kinds.merge(buffer.dataType() + "[" + buffer.length() + "]", 1, Integer::sum);
                }
                original0.pickObject(d);
            }
        };
        try {
            field.set(null, counting);
            work.run();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                field.set(null, original);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Counts(counts[0], counts[1], counts[2], counts[3], counts[4], kinds);
    }
}
