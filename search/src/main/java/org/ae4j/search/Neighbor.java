package org.ae4j.search;

import org.apiguardian.api.API;

/**
 * One answer to a query.
 *
 * @param row      the item's position in the indexed collection, from 0
 * @param id       the item's id (a row id, a file name)
 * @param distance its distance to the query by the index's {@link Metric}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Neighbor(int row, String id, float distance) {
}
