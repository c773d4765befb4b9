/**
 * Nearest-neighbour search in a model's code space: {@link org.ae4j.search.CodeIndex} answers k-nearest-neighbour
 * queries over a collection's codes by cosine or L2, exactly (blocked gemm and a top-k scan) or approximately (an HNSW
 * graph from Apache Lucene); {@link org.ae4j.search.SimilarityIndex} adds the model that encodes queries, and
 * {@link org.ae4j.search.IndexFile} stores both in one checksummed {@code .ae4jx} file.
 */
package org.ae4j.search;
