package io.sluice.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.sluice.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreKnowsNeitherSpringNorKafka = noClasses()
            .that().resideInAnyPackage("..engine.job..", "..engine.scheduler..", "..engine.checkpoint..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule onlyTheKafkaAdapterTalksToKafka = noClasses()
            .that().resideOutsideOfPackage("..engine.transport.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.sluice.engine.(*)..").should().beFreeOfCycles();
}
