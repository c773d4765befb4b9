package org.ae4j.archfixture.cycle.first;

import org.ae4j.archfixture.cycle.second.Second;

/** Half of a deliberate package cycle, for {@code ArchitectureTest} to show that its rule catches one. */
public final class First {

    public Second partner() {
        return new Second();
    }
}
