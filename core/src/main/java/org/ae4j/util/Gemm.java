package org.ae4j.util;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C ← α·op(A)·op(B) + β·C} by ND4J's {@code matmul} op — the op {@code Nd4j.gemm} runs, with the
 * same arguments and results — through an op context that each thread keeps and reuses.
 * {@code Nd4j.gemm} builds a new context (and registers it for deallocation) on every call: ~30 µs per
 * small product here against ~15 µs, and a dense training step makes 3 products per layer.
 *
 * <p>Each thread holds one native op context for its lifetime (a few hundred bytes), which also keeps
 * the last call's three arrays reachable until its next call. The context is purged after each call:
 * libnd4j otherwise keeps the native wrappers of every call's arrays until the context is closed, and
 * the process grew by ~0.5 KB per product (3–5 MB per epoch of the vanilla model).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Gemm {

    private record Call(DynamicCustomOp op, OpContext context) {
    }

    private static final ThreadLocal<Call> CALLS = ThreadLocal.withInitial(() -> {
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new Call(DynamicCustomOp.builder("matmul").build(), Nd4j.getExecutioner().buildContext());
        }
    });

    private Gemm() {
    }

    /** Input and output arrays the calling thread's context still holds (0 between calls), for tests. */
    static int heldArrays() {
        OpContext context = CALLS.get().context();
        return context.getInputArrays().size() + context.getOutputArrays().size();
    }

    /** Computes into {@code c} and returns it; shapes are checked by the op, as for {@code Nd4j.gemm}. */
    public static INDArray into(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha,
                                double beta) {
        Call call = CALLS.get();
        OpContext context = call.context();
        context.setInputArrays(a, b);
        context.setOutputArrays(c);
        context.setIArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0);
        context.setTArguments(alpha, beta);
        try {
            Nd4j.getExecutioner().exec(call.op(), context);
        } finally {
            context.purge();                              // else libnd4j keeps each call's array wrappers: ~0.5 KB a call
        }
        return c;
    }
}
