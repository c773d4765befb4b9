package org.ae4j.data.table;

import org.apiguardian.api.API;

/**
 * A table that cannot be read as asked: the message names the file and, where there is one, the line and
 * column, and says what was expected.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class TableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TableException(String message) {
        super(message);
    }

    public TableException(String message, Throwable cause) {
        super(message, cause);
    }
}
