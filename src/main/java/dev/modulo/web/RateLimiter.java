package dev.modulo.web;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * An in-memory token bucket per key (an address, a username) for one kind of action. Single
 * node only; a shared store would replace the cache when Modulo runs on several machines.
 */
public final class RateLimiter {

    private final int permits;
    private final Duration window;
    private final Cache<String, Bucket> buckets;

    /** Allows {@code permits} actions per key in any {@code window}, refilled smoothly. */
    public RateLimiter(int permits, Duration window) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
        this.window = Objects.requireNonNull(window);
        this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(100_000).build();
    }

    /** True, and one permit used, when {@code key} may act now. */
    public boolean tryAcquire(String key) {
        return buckets.get(key, ignored -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(permits).refillGreedy(permits, window).build())
                .build();
    }
}
