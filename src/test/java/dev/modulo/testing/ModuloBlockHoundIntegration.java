package dev.modulo.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound must know about Modulo, for every test (registered in META-INF/services).
 */
public class ModuloBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // BlockHound's defaults miss FileChannel, which is how H2 reads and writes its file: mark it,
        // so an H2 statement on a Netty or parallel thread fails the test that caused it.
        builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "read", "(Ljava/nio/ByteBuffer;)I");
        builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "read", "(Ljava/nio/ByteBuffer;J)I");
        builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "write", "(Ljava/nio/ByteBuffer;)I");
        builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "write", "(Ljava/nio/ByteBuffer;J)I");
        builder.markAsBlocking("sun.nio.ch.FileChannelImpl", "force", "(Z)V");

        // Record each detection too: a framework may catch the error BlockHound throws and only log it.
        builder.blockingMethodCallback(method -> {
            BlockingOperationError error = new BlockingOperationError(method);
            BlockingCalls.record(error);
            throw error;
        });

        // Thymeleaf reads and parses each template file once, on first use, then caches it.
        builder.allowBlockingCallsInside("org.thymeleaf.TemplateEngine", "initialize");
        builder.allowBlockingCallsInside("org.thymeleaf.templateparser.markup.AbstractMarkupTemplateParser", "parse");
    }
}
