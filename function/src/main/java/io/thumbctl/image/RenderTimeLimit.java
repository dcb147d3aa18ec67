package io.thumbctl.image;

import java.time.Duration;

/**
 * How long one render may take. The bound is there so that a hostile file cannot hold an
 * invocation; an honest image at the limits must never reach it. A render runs on one thread,
 * and Lambda gives CPU in proportion to memory (one vCPU at 1,769 MB, about 0.29 at 512 MB), so
 * the bound is {@link #AT_ONE_VCPU} of one vCPU's time, stretched by the share the function
 * gets: 10 s at 1,769 MB and above, 34.5 s at 512 MB.
 */
final class RenderTimeLimit {

    /** Far above any honest image on a whole vCPU: a 100 MP PNG takes about 2 s. */
    static final Duration AT_ONE_VCPU = Duration.ofSeconds(10);
    /** Lambda's memory size that buys one full vCPU. */
    static final int MB_PER_VCPU = 1769;

    private RenderTimeLimit() {
    }

    /** For this environment: Lambda sets {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}; elsewhere a whole CPU is assumed. */
    static Duration forThisEnvironment() {
        return forMemorySize(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
    }

    /** @param memoryMb the function's memory size in MB, or {@code null} / not a number when not on Lambda */
    static Duration forMemorySize(String memoryMb) {
        int mb;
        try {
            mb = memoryMb == null ? MB_PER_VCPU : Integer.parseInt(memoryMb.trim());
        } catch (NumberFormatException e) {
            mb = MB_PER_VCPU;
        }
        if (mb <= 0 || mb >= MB_PER_VCPU) {
            return AT_ONE_VCPU;
        }
        return Duration.ofMillis(AT_ONE_VCPU.toMillis() * MB_PER_VCPU / mb);
    }
}
