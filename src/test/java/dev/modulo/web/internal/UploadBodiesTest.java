package dev.modulo.web.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of an upload are found on the uploads threads, not on the thread that delivered the
 * body (an event loop, in the server); other bodies are left where they arrive.
 */
class UploadBodiesTest {

    private final Set<String> partThreads = ConcurrentHashMap.newKeySet();
    private final Set<String> bodyThreads = ConcurrentHashMap.newKeySet();
    private final HttpHandler server = server();

    @Test
    void thePartsOfAMultipartBodyAreFoundOnTheUploadsThreads() {
        // Small enough to stay in memory: handed on by the thread that found it.
        handle(upload(100_000));

        assertThat(partThreads).isNotEmpty().allSatisfy(thread -> assertThat(thread).startsWith("uploads-"));
    }

    @Test
    void aLargePartIsNeverReadOnTheThreadThatDeliveredTheBody() {
        // Past spring.webflux.multipart.max-in-memory-size Spring writes it to disk on its own threads.
        handle(upload(300_000));

        assertThat(partThreads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void otherBodiesStayWhereTheyArrive() {
        handle(MockServerHttpRequest.post("/todo").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("title=Milk"));

        assertThat(bodyThreads).containsExactly(Thread.currentThread().getName());
    }

    private static MockServerHttpRequest upload(int pictureBytes) {
        String head = "--b\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        return MockServerHttpRequest.post("/images")
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=b"))
                .body(Flux.fromIterable(List.of(bytes(head), new byte[pictureBytes], bytes("\r\n--b--\r\n")))
                        .map(bytes -> (DataBuffer) DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    /** A server whose one handler reads the picture of an upload, or any other body, noting the threads. */
    private HttpHandler server() {
        WebHttpHandlerBuilder builder = WebHttpHandlerBuilder.webHandler(exchange -> {
            if (UploadBodies.isMultipart(exchange.getRequest())) {
                return exchange.getMultipartData()
                        .flatMapMany(parts -> ((FilePart) parts.getFirst("picture")).content())
                        .doOnNext(buffer -> partThreads.add(Thread.currentThread().getName()))
                        .doOnNext(DataBufferUtils::release)
                        .then();
            }
            return exchange.getRequest().getBody()
                    .doOnNext(buffer -> bodyThreads.add(Thread.currentThread().getName()))
                    .doOnNext(DataBufferUtils::release)
                    .then();
        });
        new UploadBodies().uploadsOffTheEventLoop().customize(builder);
        return builder.build();
    }

    private void handle(MockServerHttpRequest request) {
        Mono.defer(() -> server.handle(request, new MockServerHttpResponse())).block(Duration.ofSeconds(10));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
