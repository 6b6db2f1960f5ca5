package dev.modulo.web;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.modulo.testing.TestBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that starts a request and then stalls does not hold its connection for ever. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modulo.web.client.read-timeout=1s",
        "modulo.web.client.request-timeout=3s",
        // Long, so that only the read timeout can close a stalled request (the last test lowers it).
        "server.netty.idle-timeout=1h"})
@AutoConfigureWebTestClient(timeout = "30s")
class ClientDeadlinesTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Test
    void aRequestBodyThatStopsArrivingHasItsConnectionClosed() throws Exception {
        try (Socket socket = loginFormStartedWith("username=slow")) {
            assertThat(readUntilClosed(socket.getInputStream())).as("closed by the server, not by our 30 s patience")
                    .isTrue();
        }
    }

    @Test
    void aRequestBodyThatTricklesInTooSlowlyIsCutOffAtTheRequestDeadline() throws Exception {
        try (Socket socket = loginFormStartedWith("username=")) {
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            // A byte every 300 ms: never a pause the read timeout (1 s) would notice.
            boolean closed = false;
            for (int i = 0; i < 990 && !closed; i++) {
                try {
                    out.write('a');
                    out.flush();
                } catch (java.net.SocketException reset) {
                    closed = true;
                    break;
                }
                Thread.sleep(300);
                while (in.available() > 0) {
                    int read = in.read();
                    if (read == -1) {
                        closed = true;
                        break;
                    }
                    answer.append((char) read);
                }
                if (answer.length() > 0 && !closed) {
                    socket.setSoTimeout(5_000);
                    closed = readUntilClosed(in);
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(closed).as("closed by the server").isTrue();
            assertThat(seconds).as("cut off near the 3 s deadline, not after the whole body").isLessThan(15);
            assertThat(answer.toString()).startsWith("HTTP/1.1 408");
        }
    }

    /**
     * A connection that has sent the start of a 1,000-byte login form. With the CSRF cookie the
     * form is read (the token may be in it), so the server waits for the rest of the body.
     */
    private Socket loginFormStartedWith(String firstBytes) throws Exception {
        TestBrowser browser = new TestBrowser(client);
        browser.get("/login");
        String csrfCookie = "XSRF-TOKEN=" + browser.cookie("XSRF-TOKEN");
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Cookie: " + csrfCookie + "\r\nContent-Length: 1000\r\n\r\n" + firstBytes)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads whatever the server says until it closes the connection; false if our own patience ran out. */
    private static boolean readUntilClosed(InputStream in) throws Exception {
        try {
            while (in.read() != -1) {
                // The server may answer before closing; only the close matters here.
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }
}
