package org.ae4j.util;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void uncheckedFailuresAreRethrownAsTheyAreAndCheckedOnesWrapped() {
        assertThatCode(() -> Failures.rethrow(null, "unused")).doesNotThrowAnyException();
        IllegalArgumentException unchecked = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> Failures.rethrow(unchecked, "unused")).isSameAs(unchecked);
        AssertionError error = new AssertionError("broken");
        assertThatThrownBy(() -> Failures.rethrow(error, "unused")).isSameAs(error);
        IOException checked = new IOException("disk");
        assertThatThrownBy(() -> Failures.rethrow(checked, "a lane failed")).isInstanceOf(IllegalStateException.class)
                .hasMessage("a lane failed").hasCause(checked);
    }
}
