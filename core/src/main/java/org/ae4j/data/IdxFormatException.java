package org.ae4j.data;

import java.io.IOException;
import org.apiguardian.api.API;

/** An IDX file whose content does not match the format; the message names the file and the problem. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public IdxFormatException(String message) {
        super(message);
    }
}
