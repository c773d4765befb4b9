package org.ae4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ae4j.util.Lanes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** A parameter's lazily zeroed gradient: read as zeros, claimed by a pass that overwrites it, settled into the block. */
class ParameterTest {

    private static Parameter weights() {
        return new Parameter("W", Parameter.Kind.WEIGHT, Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}));
    }

    @Test
    void aZeroedGradientReadsAsZerosWhateverItsMemoryHeld() {
        Parameter p = weights();
        p.gradient().assign(Float.NaN);
        p.zeroGradient();
        assertThat(p.gradient().ravel().toFloatVector()).containsOnly(0f);
        p.gradient().addi(2);                                  // then contributions add up as before
        assertThat(p.gradient().ravel().toFloatVector()).containsOnly(2f);
    }

    @Test
    void aClaimAfterZeroingAsksForAnOverwriteOnceAndWritesNothing() {
        Parameter p = weights();
        p.gradient().assign(5);
        p.zeroGradient();
        assertThat(p.claimGradient()).as("empty: the caller overwrites").isTrue();
        assertThat(p.gradient().ravel().toFloatVector()).as("no zeros were written").containsOnly(5f);
        assertThat(p.claimGradient()).as("now it holds a contribution").isFalse();

        p.zeroGradient();
        p.gradient();                                          // a use writes the zeros; a claim then adds to them
        assertThat(p.claimGradient()).isFalse();
        assertThat(p.gradient().ravel().toFloatVector()).containsOnly(0f);
        assertThat(weights().claimGradient()).as("a new parameter's gradient holds zeros already").isFalse();
    }

    @Test
    void theBlockSettlesWhatNothingUsedAndKeepsWhatWasClaimed() {
        List<Parameter> parameters = List.of(weights(), new Parameter("b", Parameter.Kind.BIAS, Nd4j.createFromArray(new float[][] {{7, 8, 9}})));
        ParameterBlock block = ParameterBlock.pack(parameters).orElseThrow();
        block.gradients().assign(3);
        block.zeroGradients();
        assertThat(parameters.get(0).claimGradient()).isTrue();
        parameters.get(0).gradient().assign(1);                // the claimed one is overwritten by its pass
        assertThat(block.gradients().toFloatVector()).containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 0);

        block.gradients().assign(4);
        block.zeroGradients();
        block.settleGradients(0);
        assertThat(block.laneGradients(0).toFloatVector()).containsOnly(0f);
    }

    @Test
    void eachLaneZeroesAndClaimsItsOwnGradient() {
        Parameter p = weights();
        ParameterBlock block = ParameterBlock.pack(List.of(p)).orElseThrow();
        block.provideLanes(2);
        boolean[] claims = new boolean[2];
        try (Lanes lanes = new Lanes(2)) {
            lanes.run(lane -> p.gradient().assign(lane + 7));
            lanes.run(lane -> {
                if (lane == 1) {
                    p.zeroGradient();
                }
            });
            lanes.run(lane -> claims[lane] = p.claimGradient());
            assertThat(claims).containsExactly(false, true);
            assertThat(block.laneGradients(0).toFloatVector()).containsOnly(7f);
            assertThat(block.laneGradients(1).toFloatVector()).as("claimed: left for its pass to overwrite").containsOnly(8f);
            lanes.run(lane -> {
                if (lane == 1) {
                    p.zeroGradient();
                }
            });
        }
        assertThat(block.laneGradients(1).toFloatVector()).as("settled once the lane's task has ended").containsOnly(0f);
        assertThat(block.laneGradients(0).toFloatVector()).containsOnly(7f);
    }
}
