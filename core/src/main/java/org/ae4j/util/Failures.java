package org.ae4j.util;

import org.apiguardian.api.API;

/** Rethrowing a failure caught on another thread, in the calling thread. */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class Failures {

    private Failures() {
    }

    /**
     * Does nothing for null; throws a runtime exception or an error as it is (so callers see the exception their task
     * threw), and anything else wrapped in an {@link IllegalStateException} with {@code message}.
     */
    public static void rethrow(Throwable failure, String message) {
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(message, failure);
        }
    }
}
