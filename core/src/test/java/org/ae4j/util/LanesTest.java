package org.ae4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class LanesTest {

    @Test
    void runsEveryLaneOnceOnItsOwnThreadAndLaneZeroOnTheCaller() {
        try (Lanes lanes = new Lanes(3)) {
            for (int round = 0; round < 50; round++) {
                ConcurrentHashMap<Integer, Thread> seen = new ConcurrentHashMap<>();
                AtomicInteger calls = new AtomicInteger();
                lanes.run(lane -> {
                    assertThat(Lanes.current()).isEqualTo(lane);
                    seen.put(lane, Thread.currentThread());
                    calls.incrementAndGet();
                });
                assertThat(calls).hasValue(3);
                assertThat(seen.keySet()).containsExactlyInAnyOrder(0, 1, 2);
                assertThat(seen.get(0)).isSameAs(Thread.currentThread());
                assertThat(seen.values()).doesNotHaveDuplicates();
            }
        }
        assertThat(Lanes.current()).isZero();
    }

    @Test
    void sumGivesEveryLaneTheSameTotal() {
        try (Lanes lanes = new Lanes(2)) {
            double[][] totals = new double[2][];
            lanes.run(lane -> {
                totals[lane] = lanes.sum(new double[] {lane + 0.5, 10 * lane});
                totals[lane] = lanes.sum(totals[lane]);     // a second exchange in the same task
            });
            assertThat(totals[0]).containsExactly(4, 20);
            assertThat(totals[1]).containsExactly(totals[0]);
        }
    }

    @Test
    void aFailingHelperBreaksTheBarrierAndItsExceptionReachesTheCaller() {
        try (Lanes lanes = new Lanes(2)) {
            assertThatThrownBy(() -> lanes.run(lane -> {
                if (lane == 1) {
                    throw new IllegalArgumentException("lane 1 failed on purpose");
                }
                lanes.barrier();                          // lane 0 would wait for ever without the breakage
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("lane 1 failed on purpose");
            AtomicInteger calls = new AtomicInteger();
            lanes.run(lane -> calls.incrementAndGet());  // the team still works
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void lanesRunNativeCodeOnOneThreadAndClosingRestoresTheOwnersSetting() {
        int nativeBefore = Nd4j.getEnvironment().maxThreads();
        int before = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        int[] inLanes = new int[2];
        try (Lanes lanes = new Lanes(2)) {
            lanes.run(lane -> inLanes[lane] = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        }
        assertThat(inLanes).containsExactly(1, 1);
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(before);
        assertThat(Nd4j.getEnvironment().maxThreads()).isEqualTo(nativeBefore);
    }

    @Test
    void splitRunsBothHalvesWithOrWithoutATeam() {
        int[] halves = new int[2];
        Lanes.split(() -> halves[0]++, () -> halves[1]++);
        assertThat(halves).containsExactly(1, 1);
        assertThat(Lanes.splitInTeam(() -> halves[0]++, () -> halves[1]++)).isFalse();
        assertThat(halves).containsExactly(1, 1);
        try (Lanes lanes = new Lanes(2)) {
            Thread[] ranOn = new Thread[2];
            assertThat(Lanes.splitInTeam(() -> ranOn[0] = Thread.currentThread(), () -> ranOn[1] = Thread.currentThread())).isTrue();
            assertThat(ranOn[0]).isSameAs(Thread.currentThread());
            assertThat(ranOn[1]).isNotNull().isNotSameAs(Thread.currentThread());
        }
    }

    @Test
    void misuseIsRefusedClearly() {
        assertThatThrownBy(() -> new Lanes(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("lanes must be >= 1, got 0");
        try (Lanes lanes = new Lanes(2)) {
            assertThatThrownBy(() -> new Lanes(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already owns");
            assertThatThrownBy(() -> lanes.run(lane -> lanes.run(l -> { })))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("one at a time");
            lanes.close();
            assertThatThrownBy(() -> lanes.run(lane -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the lanes are closed");
        }
    }
}
