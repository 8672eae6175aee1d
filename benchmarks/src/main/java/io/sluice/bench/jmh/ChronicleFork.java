package io.sluice.bench.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * The forked JVM of benchmarks with Chronicle Map state: the root pom's {@code chronicle.jvm.args}, which a fork gets
 * none of. Benchmarks inherit the annotation by extending this class.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public abstract class ChronicleFork {}
