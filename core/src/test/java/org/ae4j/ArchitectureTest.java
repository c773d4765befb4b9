package org.ae4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layers of ae4j-core point one way (docs/architecture.md):
 * {@code util ← spi ← {kernel, nn, loss, optim, regularize, data} ← model ← check, train ← variant ←
 * registry ← config ← {persist, apps}}, with no package cycles; the SPI imports nothing above it.
 * {@link #theCycleRuleCatchesACycle} runs the same cycle rule on two test packages that import each other.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ae4j");

    /** No cycles among the packages below {@code root} (each direct sub-package is a slice). */
    static ArchRule freeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("util").definedBy("org.ae4j.util..")
            .layer("spi").definedBy("org.ae4j.spi..")
            .layer("components").definedBy("org.ae4j.kernel..", "org.ae4j.nn..", "org.ae4j.loss..", "org.ae4j.optim..",
                    "org.ae4j.regularize..", "org.ae4j.data..")
            .layer("model").definedBy("org.ae4j.model..")
            .layer("training").definedBy("org.ae4j.train..", "org.ae4j.check..")
            .layer("variant").definedBy("org.ae4j.variant..")
            .layer("registry").definedBy("org.ae4j.registry..", "org.ae4j")
            .layer("config").definedBy("org.ae4j.config..")
            .layer("uses").definedBy("org.ae4j.persist..", "org.ae4j.apps..", "org.ae4j.onnx..")
            .whereLayer("uses").mayNotBeAccessedByAnyLayer()
            .whereLayer("config").mayOnlyBeAccessedByLayers("uses")
            .whereLayer("registry").mayOnlyBeAccessedByLayers("config", "uses")
            .whereLayer("variant").mayOnlyBeAccessedByLayers("registry", "config", "uses")
            .whereLayer("training").mayOnlyBeAccessedByLayers("variant", "registry", "config", "uses")
            .whereLayer("model").mayOnlyBeAccessedByLayers("training", "variant", "registry", "config", "uses")
            .whereLayer("spi").mayOnlyBeAccessedByLayers("components", "model", "training", "variant", "registry", "config", "uses")
            .whereLayer("util").mayOnlyBeAccessedByLayers("spi", "components", "model", "training", "variant", "registry", "config",
                    "uses");

    @Test
    void packagesFormNoCycle() {
        freeOfCycles("org.ae4j").check(CORE);
    }

    @Test
    void layersPointOneWay() {
        LAYERS.check(CORE);
    }

    @Test
    void theSpiImportsNothingAboveIt() {
        noClasses().that().resideInAPackage("org.ae4j.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("org.ae4j.kernel..", "org.ae4j.nn..", "org.ae4j.loss..",
                        "org.ae4j.optim..", "org.ae4j.regularize..", "org.ae4j.data..", "org.ae4j.model..", "org.ae4j.train..",
                        "org.ae4j.check..", "org.ae4j.variant..", "org.ae4j.registry..", "org.ae4j.config..", "org.ae4j.persist..",
                        "org.ae4j.apps..", "org.ae4j.onnx..")
                .check(CORE);
    }

    /** The kernel implementations are chosen in one place: only the registry (and the kernels themselves) name them. */
    @Test
    void onlyTheRegistryChoosesTheKernels() {
        noClasses().that().resideOutsideOfPackages("org.ae4j.kernel..", "org.ae4j.registry..")
                .should().dependOnClassesThat().resideInAPackage("org.ae4j.kernel..")
                .check(CORE);
    }

    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("org.ae4j.archfixture.cycle");
        assertThat(cyclic.size()).isEqualTo(2);
        assertThatThrownBy(() -> freeOfCycles("org.ae4j.archfixture.cycle").check(cyclic))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("first")
                .hasMessageContaining("second");
    }
}
