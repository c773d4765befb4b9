package org.ae4j.persist;

import org.apiguardian.api.API;

/** A model file that cannot be loaded: damaged, truncated, altered, or from a newer ae4j. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelFileException extends FileIntegrityException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
