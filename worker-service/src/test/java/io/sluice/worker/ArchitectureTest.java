package io.sluice.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.sluice.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule task_execution_is_free_of_spring_and_kafka = noClasses()
            .that().resideInAnyPackage("..worker.task..", "..worker.heartbeat..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..");

    @ArchTest
    static final ArchRule only_kafka_adapters_use_kafka = noClasses()
            .that().resideOutsideOfPackage("..worker.io.kafka..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..");

    @ArchTest
    static final ArchRule spring_only_in_config_and_the_application = noClasses()
            .that().resideOutsideOfPackages("..worker.config..")
            .and().doNotHaveFullyQualifiedName(WorkerApplication.class.getName())
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule packages_are_free_of_cycles =
            slices().matching("io.sluice.worker.(*)..").should().beFreeOfCycles();
}
