package org.ae4j.util;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reusable native memory for work that repeats with the same shapes — a training step, an
 * evaluation batch. Every ND4J array created inside {@link #open()}'s scope comes from one block
 * that is sized during the first cycle and then reused, so steady-state training allocates no native
 * buffers per batch (instead of one malloc, page faults and a deferred free per intermediate array).
 *
 * <p>Arrays created in the scope are valid only until it closes; ND4J refuses (with an "outdated
 * workspace pointer" error) to use one later. Whatever must outlive a step — parameters, gradient
 * buffers, optimizer state, caches — is created outside, or inside {@link #outside()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StepMemory {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.1)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final String id;

    /** @param id names the workspace; one per kind of repeated work, e.g. {@code "ae4j-train"} */
    public StepMemory(String id) {
        this.id = id;
    }

    /** Opens one cycle; close it (try-with-resources) at the end of the step. */
    public MemoryWorkspace open() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** Suspends every open workspace, for arrays that must outlive the current step. */
    public static MemoryWorkspace outside() {
        return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }

    /** Bytes of the block after the first cycle (0 before), for tests and reports. */
    public long reservedBytes() {
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(CONFIG, id);
        return ws.getCurrentSize();
    }

    /**
     * Bytes allocated outside the block because it was too small, as counted by ND4J (spilled and
     * pinned allocations); constant in steady state.
     */
    public long spilledBytes() {
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(CONFIG, id);
        return ws instanceof Nd4jWorkspace w ? w.getSpilledSize() + w.getPinnedSize() : 0;
    }

    /** Frees the block of the current thread; the next {@link #open()} starts afresh. */
    public void release() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
            Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id).destroyWorkspace(true);
        }
    }
}
