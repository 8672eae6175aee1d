package io.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** platform-api is plain Java: users compile against it without pulling in the platform's frameworks. */
@AnalyzeClasses(packages = "io.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noFrameworkDependencies = noClasses()
            .that().resideInAPackage("io.sluice..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "reactor..", "net.openhft..");
}
