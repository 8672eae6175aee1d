package io.sluice.runtime;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The runtime is plain Java: SpEL is its only Spring, confined to the expression sandbox; no Kafka, no Chronicle. */
@AnalyzeClasses(packages = "io.sluice.runtime", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlySpringExpression = noClasses()
            .that().resideInAPackage("io.sluice.runtime..")
            .should().dependOnClassesThat(resideInAPackage("org.springframework..")
                    .and(not(resideInAPackage("org.springframework.expression.."))))
            .because("the runtime runs inside workers and user tests without a Spring context");

    @ArchTest
    static final ArchRule springExpressionOnlyInTheSandbox = noClasses()
            .that().resideInAPackage("io.sluice.runtime..")
            .and().resideOutsideOfPackage("io.sluice.runtime.expr..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("SpEL is reached only through ExpressionSandbox, which owns the sandboxing rules");

    @ArchTest
    static final ArchRule noKafka = noClasses()
            .that().resideInAPackage("io.sluice.runtime..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
            .because("Kafka adapters live in the worker, behind the TaskIo port");

    @ArchTest
    static final ArchRule noChronicle = noClasses()
            .that().resideInAPackage("io.sluice.runtime..")
            .should().dependOnClassesThat().resideInAPackage("net.openhft..")
            .because("off-heap state lives behind the KeyedStateBackend port");
}
