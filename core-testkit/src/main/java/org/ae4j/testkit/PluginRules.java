package org.ae4j.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apiguardian.api.API;

/** Architecture rules a plug-in is held to, checked with ArchUnit on its compiled classes. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class PluginRules {

    private PluginRules() {
    }

    /** An ae4j type whose {@code @API} status is {@code INTERNAL}: free to change in any release. */
    static final DescribedPredicate<JavaClass> INTERNAL = DescribedPredicate.describe("ae4j types marked @API(status = INTERNAL)",
            type -> type.getPackageName().startsWith("org.ae4j")
                    && type.tryGetAnnotationOfType(API.class).map(a -> a.status() == API.Status.INTERNAL).orElse(false));

    /**
     * Fails, naming every offending dependency, if a main (non-test) class in {@code pluginPackage} or below
     * uses an ae4j type marked {@code INTERNAL}.
     */
    public static void usesNoInternalType(String pluginPackage) {
        noClasses().should().dependOnClassesThat(INTERNAL)
                .because("INTERNAL types may change in any release; a plug-in uses EXPERIMENTAL and STABLE ones")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(pluginPackage));
    }
}
