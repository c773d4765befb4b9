package org.ae4j.registry;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A spec class known to configuration files by a stable name — never by its class name — with the
 * defaults a config starts from when it switches a part to this type (e.g. {@code "optimizer": {"type":
 * "sgd"}} starts from SGD's defaults). Contributed with {@link Contributions#specType} or, together with
 * a component, by {@link Contributions#regularizer} and its siblings.
 *
 * @param name     the {@code "type"} name in JSON
 * @param type     the spec class (a record implementing a spec interface)
 * @param defaults its default configuration, if it has one
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record SpecType(String name, Class<?> type, Optional<Object> defaults) {

    public SpecType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaults, "defaults");
        if (name.isBlank()) {
            throw new IllegalArgumentException("spec type " + type.getName() + " needs a name");
        }
        defaults.ifPresent(d -> {
            if (!type.isInstance(d)) {
                throw new IllegalArgumentException("defaults of spec type '" + name + "' are a " + d.getClass().getName()
                        + ", not a " + type.getName());
            }
        });
    }
}
