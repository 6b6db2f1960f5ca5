package dev.modulo.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * Where the machine's CPU went during a phase: to the server, or to the load itself (this JVM).
 * On a small machine the load competes with the server for the same cores; this says how much.
 */
final class CpuShare {

    private final ModuloProcess server;
    private final long startNanos = System.nanoTime();
    private final double serverStart;
    private final double benchStart;

    private CpuShare(ModuloProcess server) throws IOException {
        this.server = server;
        this.serverStart = server.cpuSeconds();
        this.benchStart = benchCpuSeconds();
    }

    static CpuShare start(ModuloProcess server) throws IOException {
        return new CpuShare(server);
    }

    /** "CPU: server x cores, load y cores of n" for the time since {@link #start}. */
    String end() throws IOException {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return "CPU: server %.2f cores, load generator %.2f cores, of %d".formatted(
                (server.cpuSeconds() - serverStart) / seconds, (benchCpuSeconds() - benchStart) / seconds,
                Runtime.getRuntime().availableProcessors());
    }

    private static double benchCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
