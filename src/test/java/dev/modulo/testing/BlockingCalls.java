package dev.modulo.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockingOperationError;

/**
 * Every blocking call BlockHound detects, wherever it happened. BlockHound throws on the offending
 * thread, but frameworks may catch and log that error (an error handler, a metrics listener), so
 * this extension, registered for every test, also fails the test during which a call was detected.
 */
public class BlockingCalls implements BeforeEachCallback, AfterEachCallback {

    private static final ConcurrentLinkedQueue<BlockingOperationError> DETECTED = new ConcurrentLinkedQueue<>();

    static void record(BlockingOperationError error) {
        DETECTED.add(error);
    }

    /** The calls detected since the last drain; the record starts empty again. */
    public static List<BlockingOperationError> drain() {
        List<BlockingOperationError> calls = new ArrayList<>();
        for (BlockingOperationError call; (call = DETECTED.poll()) != null; ) {
            calls.add(call);
        }
        return calls;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        drain();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<BlockingOperationError> calls = drain();
        if (!calls.isEmpty()) {
            AssertionError failure = new AssertionError(calls.size()
                    + " blocking call(s) on non-blocking threads during this test; the first: " + calls.get(0).getMessage());
            calls.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
