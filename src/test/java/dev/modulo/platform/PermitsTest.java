package dev.modulo.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import dev.modulo.platform.Permits.Permit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class PermitsTest {

    @Test
    void waitersAreServedFirstComeFirstServed() {
        Permits permits = new Permits(1, 10);
        Permit first = permits.acquire().block();
        List<String> order = new CopyOnWriteArrayList<>();
        List<Permit> granted = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            permits.acquire().subscribe(permit -> {
                order.add(name);
                granted.add(permit);
            });
        }
        assertThat(order).isEmpty();
        assertThat(permits.waiting()).isEqualTo(3);

        first.release();
        granted.get(0).release();
        granted.get(1).release();

        assertThat(order).containsExactly("a", "b", "c");
    }

    @Test
    void aSmallRequestNeverOvertakesALargerOneThatCameFirst() {
        Permits permits = new Permits(100, 10);
        Permit sixty = permits.acquire(60).block();
        List<String> order = new CopyOnWriteArrayList<>();
        List<Permit> granted = new CopyOnWriteArrayList<>();
        permits.acquire(70).subscribe(permit -> {
            order.add("seventy");
            granted.add(permit);
        });
        // Ten would fit beside the sixty, but the seventy waits before it.
        permits.acquire(10).subscribe(permit -> {
            order.add("ten");
            granted.add(permit);
        });
        assertThat(order).isEmpty();

        sixty.release();

        assertThat(order).containsExactly("seventy", "ten");
        assertThat(permits.inUse()).isEqualTo(80);
        granted.forEach(Permit::release);
        assertThat(permits.inUse()).isZero();
    }

    @Test
    void whenTheFirstInLineGivesUpTheOnesBehindItThatFitGoAhead() {
        Permits permits = new Permits(100, 10);
        Permit sixty = permits.acquire(60).block();
        Disposable seventy = permits.acquire(70).subscribe();
        List<Permit> granted = new CopyOnWriteArrayList<>();
        permits.acquire(10).subscribe(granted::add);

        seventy.dispose();

        assertThat(granted).hasSize(1);
        sixty.release();
        granted.forEach(Permit::release);
        assertThat(permits.inUse()).isZero();
    }

    @Test
    void pastTheLongestLineAnAcquireIsRefusedAtOnce() {
        Permits permits = new Permits(1, 1);
        permits.acquire().block();
        permits.acquire().subscribe();

        StepVerifier.create(permits.acquire())
                .expectError(RejectedExecutionException.class)
                .verify(Duration.ofSeconds(1));
    }

    @Test
    void aWaiterWhoseDeadlinePassesLeavesTheLineAndTakesNoPermit() {
        Permits permits = new Permits(1, 10);
        Permit held = permits.acquire().block();

        StepVerifier.create(permits.acquire().timeout(Duration.ofMillis(50)))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(1));
        assertThat(permits.waiting()).isZero();

        held.release();
        StepVerifier.create(permits.acquire()).expectNextCount(1).verifyComplete();
    }

    @Test
    void aPermitGrantedToAWaiterThatIsThenCancelledComesBack() {
        Permits permits = new Permits(1, 10);
        Permit held = permits.acquire().block();
        // A waiter that has not asked for its value yet: a permit granted to it is not delivered.
        BaseSubscriber<Permit> waiter = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
            }
        };
        permits.acquire().subscribe(waiter);
        held.release(); // granted to the waiter, which is cancelled before it ever receives it
        waiter.dispose();

        StepVerifier.create(permits.acquire()).expectNextCount(1).verifyComplete();
    }

    @Test
    void releasingTwiceReleasesOnce() {
        Permits permits = new Permits(1, 10);
        Permit permit = permits.acquire().block();
        permit.release();
        permit.release();

        permits.acquire().block();
        StepVerifier.create(permits.acquire().timeout(Duration.ofMillis(50)))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(1));
    }
}
