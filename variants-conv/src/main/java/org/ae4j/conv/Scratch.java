package org.ae4j.conv;

/** Per-thread float arrays for the conv module's Java kernels: made once per thread and kind, grown as needed, reused. */
final class Scratch {

    private final ThreadLocal<float[][]> arrays;

    /** Room for {@code kinds} arrays per thread. */
    Scratch(int kinds) {
        this.arrays = ThreadLocal.withInitial(() -> new float[kinds][0]);
    }

    /** The calling thread's arrays, to pass to {@link #of}. */
    float[][] arrays() {
        return arrays.get();
    }

    /** Array {@code which} of {@code arrays}, at least {@code length} long (its contents are left over from earlier use). */
    static float[] of(float[][] arrays, int which, int length) {
        if (arrays[which].length < length) {
            arrays[which] = new float[length];
        }
        return arrays[which];
    }
}
