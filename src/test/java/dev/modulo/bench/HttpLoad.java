package dev.modulo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A closed-loop HTTP load: {@code connections} clients, each sending its next GET as soon as the
 * last answer has been read whole, for a while. Non-blocking (Reactor Netty), so a few threads
 * keep hundreds of connections busy without taking the CPU the server needs.
 */
final class HttpLoad {

    /** One request: a path, and the session cookie of a signed-in person (or null for a visitor). */
    record Request(String path, String cookie) {

        static Request visitor(String path) {
            return new Request(path, null);
        }
    }

    /** What a run saw. Latencies are of answers that came (any status), sorted, in nanoseconds. */
    record Result(double seconds, long answers, long bytes, Map<Integer, Long> statuses, long timeouts,
            long connectionErrors, List<Long> latencies) {

        double perSecond() {
            return answers / seconds;
        }

        double percentile(int percent) {
            return Bench.percentile(latencies, percent);
        }

        /** Answers with a status of 500 or more, plus timeouts and broken connections. */
        long failures() {
            long serverErrors = statuses.entrySet().stream().filter(entry -> entry.getKey() >= 500)
                    .mapToLong(Map.Entry::getValue).sum();
            return serverErrors + timeouts + connectionErrors;
        }

        String summary() {
            return "%,.0f req/s, p50 %.1f ms, p99 %.1f ms, %d answers %s, %d timeouts, %d connection errors"
                    .formatted(perSecond(), percentile(50), percentile(99), answers, statuses, timeouts,
                            connectionErrors);
        }
    }

    private HttpLoad() {
    }

    /**
     * Runs the load for {@code duration}; {@code next} gives the n-th request. An answer slower than
     * {@code timeout} counts as a timeout (and its connection is dropped).
     */
    static Result run(String baseUrl, int connections, Duration duration, Duration timeout,
            LongFunction<Request> next) {
        ConnectionProvider pool = ConnectionProvider.builder("bench-load")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .build();
        LoopResources loops = LoopResources.create("bench-load", 2, true);
        HttpClient client = HttpClient.create(pool).runOn(loops).baseUrl(baseUrl);
        AtomicLong sequence = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong connectionErrors = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            Flux.range(0, connections)
                    .flatMap(ignored -> Mono.defer(() -> {
                                Request request = next.apply(sequence.getAndIncrement());
                                long sent = System.nanoTime();
                                return client
                                        .headers(headers -> {
                                            if (request.cookie() != null) {
                                                headers.set(HttpHeaderNames.COOKIE, request.cookie());
                                            }
                                        })
                                        .get()
                                        .uri(request.path())
                                        .response((response, body) -> body.map(ByteBuf::readableBytes)
                                                .reduce(0L, Long::sum)
                                                .doOnNext(bytes::addAndGet)
                                                .thenReturn(response.status().code()))
                                        .next()
                                        .timeout(timeout)
                                        .doOnNext(status -> {
                                            latencies.add(System.nanoTime() - sent);
                                            statuses.computeIfAbsent(status, code -> new AtomicLong()).incrementAndGet();
                                        })
                                        .onErrorResume(error -> {
                                            (error instanceof TimeoutException ? timeouts : connectionErrors).incrementAndGet();
                                            return Mono.empty();
                                        });
                            })
                            .repeat(() -> System.nanoTime() < end), connections)
                    .blockLast();
        } finally {
            pool.dispose();
            loops.dispose();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        return new Result(seconds, sorted.size(), bytes.get(), counted, timeouts.get(), connectionErrors.get(), sorted);
    }
}
