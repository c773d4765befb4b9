/**
 * Model configs in JSON or YAML: a variant's defaults overlaid with what a file gives, polymorphic
 * parts chosen by registered names only.
 */
package org.ae4j.config;
