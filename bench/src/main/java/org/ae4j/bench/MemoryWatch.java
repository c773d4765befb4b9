package org.ae4j.bench;

import org.ae4j.train.BatchProgress;
import org.ae4j.train.TrainingListener;
import org.bytedeco.javacpp.Pointer;

/**
 * Records, after every batch, the peak JVM heap in use and the peak resident memory of the whole process
 * (heap, ND4J's native buffers and everything else), as JavaCPP reads it from the operating system.
 */
final class MemoryWatch implements TrainingListener {

    private long peakHeap;
    private long peakOffHeap; // resident set size

    MemoryWatch() {
        sample();
    }

    @Override
    public void onBatchEnd(BatchProgress progress) {
        sample();
    }

    void sample() {
        Runtime runtime = Runtime.getRuntime();
        peakHeap = Math.max(peakHeap, runtime.totalMemory() - runtime.freeMemory());
        peakOffHeap = Math.max(peakOffHeap, Pointer.physicalBytes());
    }

    double peakHeapMb() {
        return peakHeap / 1048576.0;
    }

    double peakResidentMb() {
        return peakOffHeap / 1048576.0;
    }
}
