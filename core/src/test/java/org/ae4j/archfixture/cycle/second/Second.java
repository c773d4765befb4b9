package org.ae4j.archfixture.cycle.second;

import org.ae4j.archfixture.cycle.first.First;

/** The other half of the deliberate cycle: it points back at {@link First}. */
public final class Second {

    public First partner() {
        return new First();
    }
}
