package org.ae4j.persist;

import java.io.IOException;
import org.apiguardian.api.API;

/** A file ae4j wrote that cannot be read back as written: missing, damaged, truncated, altered or too large. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class FileIntegrityException extends IOException {

    private static final long serialVersionUID = 1L;

    public FileIntegrityException(String message) {
        super(message);
    }

    public FileIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
