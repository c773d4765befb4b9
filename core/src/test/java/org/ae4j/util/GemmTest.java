package org.ae4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.ae4j.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GemmTest {

    @Test
    void computesEveryTranspositionWithAlphaAndBetaLikeAPlainProduct() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = TestArrays.gaussian(1, 1.0, 7, 5).castTo(type);
            INDArray b = TestArrays.gaussian(2, 1.0, 5, 3).castTo(type);
            INDArray at = a.transpose().dup('c');
            INDArray bt = b.transpose().dup('c');
            INDArray expected = a.mmul(b);
            INDArray start = TestArrays.gaussian(3, 1.0, 7, 3).castTo(type);
            boolean[][] cases = {{false, false}, {true, false}, {false, true}, {true, true}};
            for (boolean[] t : cases) {
                INDArray c = start.dup();
                Gemm.into(t[0] ? at : a, t[1] ? bt : b, c, t[0], t[1], 2.0, 0.5);
                double error = c.sub(expected.mul(2.0).add(start.mul(0.5))).amaxNumber().doubleValue();
                assertThat(error).as(type + " transposes " + t[0] + "," + t[1]).isLessThan(type == DataType.FLOAT ? 1e-5 : 1e-12);
            }
        }
    }

    @Test
    void worksOnViewsInsideALargerBufferAndOnSeveralThreads() throws Exception {
        INDArray block = TestArrays.gaussian(4, 1.0, 400).castTo(DataType.FLOAT);
        INDArray w = block.get(NDArrayIndex.interval(17, 17 + 6 * 4)).reshape('c', 6, 4);
        INDArray x = TestArrays.gaussian(5, 1.0, 9, 6).castTo(DataType.FLOAT);
        INDArray expected = x.mmul(w.dup());
        CompletableFuture<INDArray> other = CompletableFuture.supplyAsync(
                () -> Gemm.into(x, w, Nd4j.createUninitialized(DataType.FLOAT, 9, 4), false, false, 1.0, 0.0));
        INDArray here = Gemm.into(x, w, Nd4j.createUninitialized(DataType.FLOAT, 9, 4), false, false, 1.0, 0.0);
        assertThat(here.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(other.get().sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    /**
     * libnd4j keeps the native wrappers of a context's arrays until the context is purged or closed: a
     * reused context that was never purged grew the process by ~0.5 KB per product (measured: +55 MB
     * over 100k products, flat with the purge). The context must hold no arrays between calls.
     */
    @Test
    void theReusedContextHoldsNoArraysBetweenProducts() {
        INDArray c = Nd4j.create(DataType.FLOAT, 8, 8);
        Gemm.into(org.ae4j.TestArrays.uniform(101, 0, 1, 8, 8).castTo(DataType.FLOAT), org.ae4j.TestArrays.uniform(102, 0, 1, 8, 8).castTo(DataType.FLOAT), c, false, false, 1.0, 0.0);
        assertThat(Gemm.heldArrays()).isZero();
        assertThatThrownBy(() -> Gemm.into(Nd4j.create(DataType.FLOAT, 3, 4), Nd4j.create(DataType.FLOAT, 5, 2),
                Nd4j.create(DataType.FLOAT, 3, 2), false, false, 1.0, 0.0)).isInstanceOf(RuntimeException.class);
        assertThat(Gemm.heldArrays()).as("after a failed product").isZero();
    }

    @Test
    void mismatchedShapesFailInTheOp() {
        assertThatThrownBy(() -> Gemm.into(Nd4j.create(DataType.FLOAT, 3, 4), Nd4j.create(DataType.FLOAT, 5, 2),
                Nd4j.create(DataType.FLOAT, 3, 2), false, false, 1.0, 0.0)).isInstanceOf(RuntimeException.class);
    }
}
