package dev.modulo.images;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The process-wide memory budget for decoding: in order, never past its total, never leaking bytes. */
class DecodeBudgetTest {

    static final long MB = 1024 * 1024;

    @Test
    void grantsInOrderAndNeverMoreThanTheTotal() {
        DecodeBudget budget = new DecodeBudget(100 * MB, Duration.ofMinutes(1));
        DecodeBudget.Permit first = budget.reserve(60 * MB).block();
        List<String> served = new ArrayList<>();
        List<DecodeBudget.Permit> later = new ArrayList<>();
        Disposable large = budget.reserve(70 * MB).subscribe(permit -> {
            served.add("large");
            later.add(permit);
        });
        // Small enough to fit beside the first, but it queues behind the large one: no overtaking.
        Disposable small = budget.reserve(10 * MB).subscribe(permit -> {
            served.add("small");
            later.add(permit);
        });

        assertThat(served).isEmpty();
        assertThat(budget.waiting()).isEqualTo(2);
        first.release();

        assertThat(served).containsExactly("large", "small");
        assertThat(budget.inUse()).isEqualTo(80 * MB);
        assertThat(budget.peakInUse()).isLessThanOrEqualTo(100 * MB);
        later.forEach(DecodeBudget.Permit::release);
        assertThat(budget.inUse()).isZero();
        large.dispose();
        small.dispose();
    }

    @Test
    void aWaiterThatGetsNoMemoryInTimeIsRefusedAsBusyAndLeavesTheLine() {
        DecodeBudget budget = new DecodeBudget(100 * MB, Duration.ofMillis(200));
        DecodeBudget.Permit everything = budget.reserve(100 * MB).block();

        StepVerifier.create(budget.reserve(MB))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ImagesBusy.class)
                        .hasMessageContaining("try this one again")
                        .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class))
                .verify(Duration.ofSeconds(30));

        assertThat(budget.waiting()).isZero();
        everything.release();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aCallerThatStopsWaitingLeavesTheLineWithoutTakingBytes() {
        DecodeBudget budget = new DecodeBudget(100 * MB, Duration.ofMinutes(1));
        DecodeBudget.Permit everything = budget.reserve(100 * MB).block();
        Disposable gaveUp = budget.reserve(50 * MB).subscribe();
        assertThat(budget.waiting()).isEqualTo(1);

        gaveUp.dispose();
        everything.release();

        assertThat(budget.waiting()).isZero();
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aPictureLargerThanTheWholeBudgetRunsAlone() {
        DecodeBudget budget = new DecodeBudget(100 * MB, Duration.ofMinutes(1));

        DecodeBudget.Permit huge = budget.reserve(500 * MB).block();

        assertThat(huge.bytes()).isEqualTo(100 * MB);
        assertThat(budget.inUse()).isEqualTo(100 * MB);
        huge.release();
    }

    @Test
    void theBytesComeBackWhenTheDecodeEndsNotWhenItsCallerStopsWaiting() throws Exception {
        DecodeBudget budget = new DecodeBudget(100 * MB, Duration.ofMinutes(1));
        CountDownLatch decoding = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Disposable request = budget.withMemory(80 * MB, () -> {
            decoding.countDown();
            // As ImageIO does: the decode goes on when its thread is interrupted (cancelling does that).
            boolean interrupted = false;
            while (true) {
                try {
                    finish.await(30, TimeUnit.SECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return "thumbnails";
        }).subscribe();
        assertThat(decoding.await(30, TimeUnit.SECONDS)).isTrue();

        request.dispose(); // the client went away mid-decode

        assertThat(budget.inUse()).as("the decode still runs and holds its memory").isEqualTo(80 * MB);
        finish.countDown();
        waitUntil(() -> budget.inUse() == 0);
        assertThat(budget.peakDecoding()).isEqualTo(1);
    }

    @Test
    void decodesBeyondTheBudgetWaitTheirTurn() throws Exception {
        DecodeBudget budget = new DecodeBudget(100 * MB, Duration.ofMinutes(1));
        List<CompletableFuture<String>> decodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int number = i;
            decodes.add(budget.withMemory(60 * MB, () -> "decode " + number).toFuture());
        }

        CompletableFuture.allOf(decodes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(decodes).allSatisfy(decode -> assertThat(decode.get()).startsWith("decode "));
        assertThat(budget.peakDecoding()).as("60 MB each in 100 MB: one at a time").isEqualTo(1);
        assertThat(budget.peakInUse()).isEqualTo(60 * MB);
        assertThat(budget.inUse()).isZero();
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 3_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("reached within 30 s").isTrue();
    }
}
