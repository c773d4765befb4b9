/**
 * Training-time corruptions (Gaussian, masking, salt-and-pepper, grayscale, occlusion) and the {@code
 * denoising} variant.
 */
package org.ae4j.denoising;
