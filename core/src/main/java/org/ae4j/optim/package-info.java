/**
 * Optimizers (Adam, SGD with momentum, RMSProp) with their specs; a model whose parameters form one
 * block is updated in one pass.
 */
package org.ae4j.optim;
