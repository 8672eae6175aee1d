package io.sluice.engine.application;

import io.sluice.engine.job.JobManagerActor;
import io.sluice.engine.kubernetes.WorkerPods;
import io.sluice.graph.json.ExpressionChecker;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Application mode, only when {@code sluice.application.job-file} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApplicationModeProperties.class)
@ConditionalOnProperty(prefix = "sluice.application", name = "job-file")
class ApplicationModeConfiguration {

    @Bean(destroyMethod = "close")
    ApplicationMode applicationMode(JobManagerActor jobManager, ExpressionChecker checker,
            ApplicationModeProperties properties, ObjectProvider<WorkerPods> workerPods) {
        return new ApplicationMode(jobManager, checker, properties.jobFile(), properties.pollInterval(),
                Optional.ofNullable(workerPods.getIfAvailable()));
    }

    /** Once the application (and its REST API) is up: submit the job; exit when it has ended. */
    @Bean
    ApplicationRunner applicationJobRunner(
            ApplicationMode mode, ApplicationModeProperties properties, ConfigurableApplicationContext context) {
        return args -> {
            mode.start();
            if (properties.exitOnCompletion()) {
                mode.completion().thenAccept(code -> new Thread(
                        () -> System.exit(SpringApplication.exit(context, () -> code)), "sluice-exit").start());
            }
        };
    }
}
