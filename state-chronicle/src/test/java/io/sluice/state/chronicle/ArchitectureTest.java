package io.sluice.state.chronicle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Chronicle Map stays behind the state backend port: only this package may touch net.openhft. */
@AnalyzeClasses(packages = "io.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheChroniclePackageUsesChronicle = noClasses()
            .that().resideInAPackage("io.sluice..")
            .and().resideOutsideOfPackage("io.sluice.state.chronicle..")
            .should().dependOnClassesThat().resideInAPackage("net.openhft..")
            .because("off-heap state is an implementation of KeyedStateBackend, not a dependency of the core");

    @ArchTest
    static final ArchRule noSpringOrKafka = noClasses()
            .that().resideInAPackage("io.sluice.state.chronicle..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
            .because("state backends are pure Java and run inside tasks");
}
