package com.switchboard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/ARCHITECTURE.md that the compiler does not check: capabilities depend on each other without
 * a cycle, and an entity knows nothing of boundaries and controls.
 */
class CapabilityLayoutTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.switchboard");

    @Test
    void capabilitiesDependOnEachOtherWithoutACycle() {
        slices().matching("com.switchboard.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void anEntityKnowsNoBoundaryAndNoControl() {
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat()
                .resideInAnyPackage("..boundary..", "..control..").check(PRODUCTION);
    }
}
