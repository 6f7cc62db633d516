package com.alluse.streams.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked over the production classes of every module the
 * application is built from. Think hard about the layering before changing a rule here: a rule
 * relaxed to let one class through usually hides a dependency that belongs elsewhere.
 */
class LayeringTest {
    private static final String ROOT = "com.alluse.streams";
    private static JavaClasses production;

    /** Upstream modules arrive as target/classes in some builds and as jars in others; test code never counts. */
    private static final ImportOption PRODUCTION_CODE =
            location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(PRODUCTION_CODE).importPackages(ROOT);
    }

    @Test
    void shouldSeeTheClassesOfEveryModule() {
        for (String pkg : new String[] {
            "domain",
            "avro",
            "serde",
            "client",
            "processors",
            "topology",
            "http",
            "projection",
            "simulator",
            "cli",
            "localstack"
        }) {
            classes()
                    .that()
                    .resideInAPackage(ROOT + "." + pkg + "..")
                    .should()
                    .bePublic()
                    .orShould()
                    .notBePublic()
                    .allowEmptyShould(false)
                    .check(production);
        }
    }

    @Test
    void shouldKeepTheDomainFreeOfEverythingButTheJdk() {
        classes()
                .that()
                .resideInAPackage(ROOT + ".domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", ROOT + ".domain..")
                .check(production);
    }

    @Test
    void shouldUseInternalsOnlyInsideTheirOwnPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".processors..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".processors.internals..")
                .check(production);
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".serde..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".serde.internals..")
                .check(production);
    }

    @Test
    void shouldReadInternalStoreSchemasOnlyInTheProcessors() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".processors..", ROOT + ".avro..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".avro.internal..")
                .check(production);
    }

    @Test
    void shouldLetOnlyTheApplicationUseTheLocalStack() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".localstack..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".localstack..")
                .check(production);
    }

    @Test
    void shouldKeepTheLibraryModulesFreeOfTheApplication() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".cli..")
                .check(production);
        noClasses()
                .that()
                .resideInAnyPackage(
                        ROOT + ".domain..", ROOT + ".client..", ROOT + ".processors..", ROOT + ".topology..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".http..", ROOT + ".projection..", ROOT + ".simulator..")
                .check(production);
    }

    @Test
    void shouldLetTheSimulatorTalkToThePipelineOnlyOverItsPublicTopics() {
        classes()
                .that()
                .resideInAPackage(ROOT + ".simulator..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        ROOT + ".simulator..",
                        ROOT + ".client..",
                        ROOT + ".avro",
                        ROOT + ".domain..",
                        "org.apache.avro..",
                        "org.apache.kafka.clients..",
                        "org.apache.kafka.common..")
                .check(production);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(production);
    }
}
