package org.ae4j.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link DistanceScan} a register of rows at a time: only a register holding a distance under the bound is looked into. */
final class VectorDistanceScan implements DistanceScan {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public void scan(float[] dots, int base, float[] addend, float constant, float factor, int size, TopK top) {
        int lanes = SPECIES.length();
        int upper = SPECIES.loopBound(size);
        float bound = top.bound();
        for (int r = 0; r < upper; r += lanes) {
            FloatVector d = FloatVector.fromArray(SPECIES, addend, r).add(constant)
                    .add(FloatVector.fromArray(SPECIES, dots, base + r).mul(factor));
            if (d.lt(bound).anyTrue()) {
                DistanceScan.scalarRange(dots, base, addend, constant, factor, r, r + lanes, top);
                bound = top.bound();
            }
        }
        DistanceScan.scalarRange(dots, base, addend, constant, factor, upper, size, top);
    }
}
