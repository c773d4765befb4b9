package org.ae4j.config;

import org.apiguardian.api.API;

/** A configuration that cannot be used; the message names the source, the JSON path and what was expected. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
